"""The window's sync: when to sync, what to tell the screens afterwards.

Sync itself is :mod:`ankle_trainer.storage.sync`. This service decides
*whether* a sync may start now (a folder is chosen, no sync is running, no
session is being recorded), prepares a :class:`SyncJob` that a worker
thread runs on its own connection (:meth:`SyncService.run`), and, back on
the window's thread, tells the change notifier what arrived and which
message the runner should see (:meth:`SyncService.finish`). It holds no Qt
object: the timer and the worker thread belong to the window
(``ui/shell/sync.py``).

Why no sync while a session is recorded: a sync holds the history's write
lock while it merges (a first merge of years of history takes a second or
more), and each finished set is written as it ends; the set would wait for
the lock and the session's screen with it. A sync asked for meanwhile runs
once the session has ended.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from ..storage.errors import StorageError
from ..storage.sync import SyncError, SyncReport, auto_sync, last_sync_status
from .changes import Change
from .context import AppContext

# What each kind of synced record (named as in the segment files) changes on screen.
_CHANGES = {
    "session": Change.SESSIONS,
    "set": Change.SESSIONS,
    "rm_load": Change.RM_LOADS,
    "safety_check": Change.SAFETY,
    "triage": Change.TRIAGE,  # the home marks and the history's "Where it hurts" follow
    "level": Change.LEVELS,
    "suggestion": Change.RECOMMENDATIONS,
    "heel_rise_test": Change.HEEL_RISE,
    "routine_file": Change.ROUTINES,
}


class SyncJob(NamedTuple):
    """Everything a worker thread needs for one sync (no connection: it opens its own)."""

    database: Path  # the history file
    folder: str  # the sync folder setting
    data_dir: Path  # holds ``routines``, synced too
    now: Callable[[], datetime]  # aware datetimes (the app's clock)
    device_name: str | None  # how the other computers name this one (None: the host name)


Outcome = SyncReport | SyncError


class SyncService:
    """Runs syncs for one :class:`AppContext`: at start, after each session, on
    the window's timer and on demand (each one a :meth:`request`).

    ``start_job(job)`` runs a job off the window's thread and, when done,
    calls :meth:`finish` with its outcome back on the window's thread (the
    window uses a worker thread; tests may run it at once).
    ``session_busy()`` says whether a session is being recorded (or waits for
    its last rating); no sync starts then. ``tell(text)`` shows a problem to
    the runner (each one once, until a sync works again). ``device_name`` is
    how the other computers name this one (default: the host name).
    """

    def __init__(
        self, context: AppContext, start_job: Callable[[SyncJob], None],
        session_busy: Callable[[], bool] = lambda: False,
        tell: Callable[[str], None] = lambda _text: None,
        device_name: str | None = None,
    ) -> None:
        self.context = context
        self.start_job = start_job
        self.session_busy = session_busy
        self.tell = tell
        self.device_name = device_name
        self.running = False  # a job was started and has not finished
        self.pending = False  # asked for while one ran or a session was recorded
        self.last_outcome: Outcome | None = None
        self.listeners: list[Callable[[Outcome], None]] = []  # called after each sync
        # Shown already: why the folder could not be used (forgotten once a sync
        # works, so a new failure is told again), and segments skipped (each
        # told once while the app runs; the engine tries them at every sync).
        self._told_failures: set[str] = set()
        self._told_problems: set[str] = set()
        context.after_session.append(self.session_finished)

    @property
    def enabled(self) -> bool:
        """True when a sync folder is chosen in the settings."""
        return bool(self.context.settings.sync_folder)

    def request(self) -> bool:
        """Sync now if possible; True when a sync was started. Otherwise it is
        off (no folder, or a history held in memory), or it runs later: after
        the sync under way, or after the session being recorded."""
        job = self._job()
        if job is None:
            return False
        self.start_job(job)
        return True

    def _job(self) -> SyncJob | None:
        if not self.enabled:
            return None
        if self.running or self.session_busy():
            self.pending = True
            return None
        try:
            database = self.context.history.file_path()
        except StorageError:  # the history cannot be read now: the window says so elsewhere
            return None
        if database is None:
            return None
        self.running, self.pending = True, False
        return SyncJob(database, self.context.settings.sync_folder, self.context.data_dir,
                       self.context.clock.now, self.device_name)

    def session_finished(self) -> None:
        """A session has ended and been rated: sync it now."""
        self.request()

    def resume(self) -> bool:
        """Start the sync asked for while a session ran, if any; True when started."""
        return self.pending and self.request()

    @staticmethod
    def run(job: SyncJob) -> Outcome:
        """Do the sync on a connection of its own (call it on a worker thread).

        Opened by :func:`ankle_trainer.storage.db.open_existing`, the
        connection has the change-capturing triggers and never creates or
        moves the file; its writes wait up to 5 s for the window's (each a
        short transaction). Never raises: every failure comes
        back as a :class:`SyncError` with a message for the runner.
        """
        from ..storage.db import open_existing
        from ..storage.history import HistoryRepository

        try:
            history = HistoryRepository(open_existing(job.database, job.now))
        except StorageError as exc:
            return SyncError(f"Could not sync: {exc} Nothing was lost; the next sync will try again.")
        try:
            outcome = auto_sync(history, job.folder, job.data_dir, now=job.now, device_name=job.device_name)
        except Exception as exc:  # noqa: BLE001 - a worker thread must hand back every failure
            return SyncError(f"Could not sync: {exc}. Nothing was lost; the next sync will try again.")
        finally:
            history.close()
        return outcome if outcome is not None else SyncError("Sync is off: no sync folder is chosen.")

    def finish(self, outcome: Outcome) -> None:
        """Back on the window's thread: tell the screens what arrived (reading
        routine files again when some arrived), show a problem the first time
        it is seen, tell the listeners, and start a sync asked for meanwhile."""
        self.running = False
        self.last_outcome = outcome
        if isinstance(outcome, SyncError):
            self._once([str(outcome)], self._told_failures)
        else:
            self._told_failures.clear()
            change = Change.NONE
            for counts in (outcome.added, outcome.changed, outcome.removed):
                for kind, n in counts.items():
                    if n:
                        change |= _CHANGES.get(kind, Change.SESSIONS)
            if change & Change.ROUTINES:
                self._reload_routines()
            self.context.changes.did_change(change)
            lines = list(outcome.problems)
            if outcome.ignored:  # the engine lists each such file once
                lines.append("Files in the sync folder were left alone (not Ankle Trainer's own, "
                             "e.g. copies made by a sync tool): " + ", ".join(outcome.ignored))
            self._once(lines, self._told_problems)
        for listener in list(self.listeners):
            listener(outcome)
        self.resume()

    def _once(self, lines: list[str], told: set[str]) -> None:
        new = [line for line in lines if line not in told]
        told.update(new)
        if new:
            self.tell("\n".join(new))

    def _reload_routines(self) -> None:
        catalogue = self.context.catalogue
        if catalogue.store is None:
            from ..core.library import exercise_library
            from ..storage.routine_store import RoutineStore

            catalogue.store = RoutineStore(self.context.data_dir / "routines", exercise_library())
        catalogue.reload_own()

    def status_line(self) -> str:
        """For the status bar: when it last synced and with which computers
        ("" when sync is off, or the history cannot be read)."""
        if not self.enabled:
            return ""
        try:
            status = last_sync_status(self.context.history)
        except (StorageError, sqlite3.Error):
            return ""
        if status.last_sync is None:
            text = "Not synced yet."
        else:  # short: the status bar shares its line (describe() says it in full)
            when = status.last_sync.astimezone()
            text = f"Synced {when.day} {when:%b %Y}, {when:%H:%M}"
            text += f" with {_join(status.devices)}." if status.devices else "."
        if isinstance(self.last_outcome, SyncError):
            text += " The last try did not work."
        return text

    def status_details(self) -> str:
        """The long form of :meth:`status_line` and the last sync's outcome
        (for the status line's tooltip); "" when sync is off."""
        if not self.enabled:
            return ""
        try:
            status = last_sync_status(self.context.history)
        except (StorageError, sqlite3.Error):
            return ""
        lines = [status._replace(folder=self.context.settings.sync_folder).describe()]
        if self.last_outcome is not None:
            outcome = self.last_outcome
            lines.append(str(outcome) if isinstance(outcome, SyncError) else outcome.summary())
        return "\n".join(lines)

    def received_summary(self) -> str | None:
        """What the last sync brought, in plain words, when it brought anything."""
        outcome = self.last_outcome
        if isinstance(outcome, SyncReport) and outcome.received:
            return outcome.summary().splitlines()[0]
        return None


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]  # not a count
