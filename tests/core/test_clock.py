from __future__ import annotations

from datetime import datetime
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
