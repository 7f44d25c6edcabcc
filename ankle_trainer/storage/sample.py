"""Sample history for screenshots and tests, made by running the real engine
on a fake clock (so sample rows are exactly what a real session writes)."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..core.clock import FakeClock
from ..core.engine import SessionEngine
from ..core.model import Routine
from ..core.plan import TimingSettings
from .history import HistoryRepository
from .recorder import HistoryRecorder


def run_session(
    repo: HistoryRepository,
    routine: Routine,
    start: datetime,
    pain_before: int | None,
    pain_after: int | None,
    stop_after_seconds: float | None = None,
    timing: TimingSettings | None = None,
    step: float = 1.0,
) -> str:
    """Play ``routine`` from ``start`` to the end (or stop early); returns the session id."""
    clock = FakeClock(start)
    engine = SessionEngine(routine, clock, timing)
    recorder = HistoryRecorder(repo, pain_before)
    engine.add_listener(recorder)
    engine.start()
    elapsed = 0.0
    while engine.running:
        if stop_after_seconds is not None and elapsed >= stop_after_seconds:
            engine.stop()
            break
        clock.advance(step)
        elapsed += step
        engine.tick()
    assert recorder.session_id is not None
    repo.set_pain_after(recorder.session_id, pain_after)
    return recorder.session_id


def seed_recent_history(
    repo: HistoryRepository, routines: tuple[Routine, ...], today: datetime
) -> None:
    """A week or so of plausible sessions ending the day before ``today``."""
    by_id = {r.id: r for r in routines}
    plan = [
        (9, "complete-ankle", 4, 3, None),
        (7, "heel-drops", 4, 4, None),
        (6, "ankle-mobility", 3, 2, None),
        (4, "complete-ankle", 3, 2, 600.0),
        (2, "heel-drops", 3, 3, None),
        (1, "pre-run-warmup", 2, 2, None),
    ]
    for days_ago, rid, before, after, stop in plan:
        start = (today - timedelta(days=days_ago)).replace(hour=7, minute=15, second=0, microsecond=0)
        run_session(repo, by_id[rid], start, before, after, stop_after_seconds=stop, step=5.0)
