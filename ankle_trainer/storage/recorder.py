"""Glue from the session engine to the history: one listener."""

from __future__ import annotations

from ..core.engine import SessionEngine, SessionListener, SessionSummary, SetResult
from ..core.plan import planned_sets
from .history import HistoryRepository


class HistoryRecorder(SessionListener):
    """Writes a running session to history as the engine reports it."""

    def __init__(self, repo: HistoryRepository, pain_before: int | None = None) -> None:
        self.repo = repo
        self.pain_before = pain_before
        self.session_id: str | None = None

    def session_started(self, engine: SessionEngine) -> None:
        assert engine.started_at is not None
        self.session_id = self.repo.start_session(
            engine.routine.id,
            engine.routine.name,
            engine.started_at,
            sets_planned=planned_sets(engine.plan),
            pain_before=self.pain_before,
        )

    def set_completed(self, result: SetResult) -> None:
        assert self.session_id is not None
        self.repo.record_set(self.session_id, result)

    def session_finished(self, summary: SessionSummary) -> None:
        assert self.session_id is not None
        self.repo.finish_session(self.session_id, summary.status, summary.ended_at)
