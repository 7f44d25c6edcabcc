"""Glue from the session engine to the history: one listener.

A write that fails (disk full, data folder gone) must neither stop the
session nor lose the set: the result is kept and written again with the next
one, and the failure is reported once through ``on_error``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from ..core.engine import SessionEngine, SessionListener, SessionSummary, SetResult
from ..core.plan import planned_sets
from .errors import StorageError
from .history import HistoryRepository


class HistoryRecorder(SessionListener):
    """Writes a running session to history as the engine reports it."""

    def __init__(
        self,
        repo: HistoryRepository,
        pain_before: int | None = None,
        on_error: Callable[[Exception], None] | None = None,
        resume_session_id: str | None = None,
    ) -> None:
        self.repo = repo
        self.resume_session_id = resume_session_id
        self.pain_before = pain_before
        self.on_error = on_error
        self.session_id: str | None = None
        self.unsaved: dict[int, SetResult] = {}  # by seq, written in order
        self.unfinished: SessionSummary | None = None  # an end not yet written
        self._reported = False
        self._resumed_start: datetime | None = None  # a resumed session's own start

    def session_started(self, engine: SessionEngine) -> None:
        # Not caught: without a session row nothing can be recorded, so the
        # caller must not start the session.
        """Write the session row (or reopen the resumed one). Not caught: when it
        fails the caller must not run the session.
        """
        assert engine.started_at is not None
        if self.resume_session_id is not None:
            row = self.repo.get_session(self.resume_session_id)
            self._resumed_start = row.started_at if row is not None else None
            self.repo.reopen_session(self.resume_session_id)
            self.session_id = self.resume_session_id
            return
        self.session_id = self.repo.start_session(
            engine.routine.id,
            engine.routine.name,
            engine.started_at,
            sets_planned=planned_sets(engine.plan),
            pain_before=self.pain_before,
            level=engine.routine.level,
        )

    def set_completed(self, result: SetResult) -> None:
        """Write the set; when writing fails it is kept and written with the next one."""
        self.unsaved[result.seq] = result
        self.flush()

    def session_finished(self, summary: SessionSummary) -> None:
        """Write any waiting sets, then the session's status and end (kept for
        :meth:`retry_pending` when the disk refuses it)."""
        self.unfinished = summary
        if self.flush() and self._finish():
            self.unfinished = None

    def _finish(self) -> bool:
        assert self.unfinished is not None
        summary = self.unfinished
        ended = summary.ended_at
        if self._resumed_start is not None:
            # a resumed session ends its time spent after its start: the hours the
            # app was closed are not time trained (the summary and History agree)
            ended = self._resumed_start + timedelta(seconds=summary.elapsed_seconds)
        return self._try(partial(self.repo.finish_session, self.session_id or "", summary.status, ended))

    def retry_pending(self) -> bool:
        """Write again whatever failed to be written (sets, the session's end),
        e.g. when the runner presses "Save and finish" after freeing disk
        space. True when something was pending and is now written; a failure
        is reported through ``on_error`` again."""
        if not self.unsaved and self.unfinished is None:
            return False
        self._reported = False
        if not self.flush():
            return False
        if self.unfinished is not None:
            if not self._finish():
                return False
            self.unfinished = None
        return True

    def flush(self) -> bool:
        """Write every unsaved set; True when nothing is left unsaved."""
        for seq in sorted(self.unsaved):
            result = self.unsaved[seq]
            if not self._try(partial(self.repo.record_set, self.session_id or "", result)):
                return False
            del self.unsaved[seq]
        self._reported = False  # writing works again: report the next failure
        return True

    def _try(self, write: Callable[[], None]) -> bool:
        try:
            write()
        except StorageError as exc:
            if self.on_error is None:
                raise
            if not self._reported:
                self._reported = True
                self.on_error(exc)
            return False
        return True
