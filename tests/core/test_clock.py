from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from ankle_trainer.core.clock import FakeClock

LONDON = ZoneInfo("Europe/London")


def test_fake_clock_crosses_a_dst_change_in_real_time() -> None:
    clock = FakeClock(datetime(2026, 3, 29, 0, 30, tzinfo=LONDON))  # GMT, clocks go forward at 01:00
    clock.advance(3600)
    assert clock.now().hour == 2 and clock.now().utcoffset().total_seconds() == 3600
    assert clock.monotonic() == 1000.0 + 3600


def test_fake_clock_steps_are_exact() -> None:
    clock = FakeClock()
    for _ in range(200):
        clock.advance(0.05)
    assert clock.monotonic() == 1010.0
    with pytest.raises(ValueError):
        clock.advance(-1)


BERLIN = ZoneInfo("Europe/Berlin")


def play(routine, clock: FakeClock, wall_change_after: float | None = None, change: float = 0.0):
    """Run ``routine`` to the end; returns (summary, set completion times)."""
    from ankle_trainer.core.engine import SessionEngine, SessionListener

    class Keep(SessionListener):
        def __init__(self) -> None:
            self.summary = None
            self.times: list[datetime] = []

        def set_completed(self, result) -> None:
            self.times.append(result.completed_at)

        def session_finished(self, summary) -> None:
            self.summary = summary

    engine = SessionEngine(routine, clock)
    keep = Keep()
    engine.add_listener(keep)
    engine.start()
    elapsed = 0.0
    while engine.running:
        clock.advance(1.0)
        elapsed += 1.0
        if elapsed == wall_change_after:
            clock.set_wall_clock_by(change)
        engine.tick()
    return keep.summary, keep.times


def test_fake_clock_keeps_the_fold_in_the_repeated_autumn_hour() -> None:
    start = datetime(2026, 10, 25, 2, 30, tzinfo=BERLIN)  # the first 02:30 (CEST, +02:00)
    clock = FakeClock(start)
    clock.advance(3600)
    later = clock.now()
    assert (later.hour, later.minute, later.fold) == (2, 30, 1)  # the second 02:30 (CET)
    assert later.utcoffset().total_seconds() == 3600
    # (Aware times in one zone compare by wall time in Python; real order is in UTC.)
    assert (later.astimezone(UTC) - start.astimezone(UTC)).total_seconds() == 3600
    second = FakeClock(datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=BERLIN))
    assert second.now().utcoffset().total_seconds() == 3600  # a start given with fold=1 stays there


def test_a_session_ending_in_the_repeated_hour_ends_after_it_started(tiny_routine) -> None:
    clock = FakeClock(datetime(2026, 10, 25, 2, 59, tzinfo=BERLIN))  # CEST; at 03:00 it is 02:00 again
    summary, _ = play(tiny_routine, clock)
    assert summary.ended_at.fold == 1 and summary.ended_at.hour == 2
    elapsed = summary.ended_at.astimezone(UTC) - summary.started_at.astimezone(UTC)
    assert elapsed.total_seconds() == clock.monotonic() - 1000.0 > 0


def test_setting_the_wall_clock_back_mid_session_never_gives_a_negative_duration(tiny_routine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 7, 0, tzinfo=BERLIN))
    summary, times = play(tiny_routine, clock, wall_change_after=10.0, change=-2 * 3600)
    # the duration is the monotonic time, not -7,100 s
    elapsed = summary.ended_at.astimezone(UTC) - summary.started_at.astimezone(UTC)
    assert elapsed.total_seconds() == clock.monotonic() - 1000.0
    assert times == sorted(times) and all(t > summary.started_at for t in times)
