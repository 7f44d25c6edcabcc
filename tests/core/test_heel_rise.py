from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.heel_rise import HeelRiseTimer, assess


def test_the_beat_counts_rises_on_a_fake_clock() -> None:
    clock = FakeClock(datetime(2026, 3, 2, tzinfo=UTC))
    timer = HeelRiseTimer(clock, beat_seconds=1.0)
    timer.start()
    assert (timer.beats(), timer.rises(), timer.going_up()) == (0, 0, True)
    clock.advance(1.0)
    assert (timer.rises(), timer.going_up()) == (0, False)  # on the way down
    clock.advance(1.0)
    assert timer.rises() == 1
    clock.advance(37.5)  # late repaints change nothing: the count is time / beat
    assert timer.rises() == 19
    assert timer.stop() == 19
    clock.advance(30)
    assert timer.rises() == 19 and not timer.running  # frozen where it stopped


def test_a_slower_beat_and_a_bad_beat() -> None:
    clock = FakeClock(datetime(2026, 3, 2, tzinfo=UTC))
    timer = HeelRiseTimer(clock, beat_seconds=1.5)
    timer.start()
    clock.advance(30)
    assert timer.rises() == 10
    assert timer.seconds_to_next_beat() == pytest.approx(1.5)
    with pytest.raises(ValueError):
        HeelRiseTimer(clock, 0.1)


def test_the_result_names_the_difference_and_the_norm() -> None:
    result = assess(18, 25, sex="female")
    assert result.lines[0] == "Left: 18 rises. Right: 25 rises."
    assert result.lines[1] == "The left side did 7 fewer than the right (72% of it)."
    assert "median for women in a study of healthy adults was 21" in result.lines[2]
    assert "within measurement error" in assess(20, 24).lines[1]
    assert "24 (men) and 21 (women)" in assess(20, 20).lines[2]  # no sex given


def test_changes_under_six_are_within_measurement_error() -> None:
    result = assess(24, 20, previous=(18, 17))
    assert "left +6 (within measurement error), right +3 (within measurement error)" in result.lines[-1]
    assert "left +8 (a real gain)" in assess(26, 15, previous=(18, 17)).lines[-1]
    assert "right -7 (a real drop)" in assess(18, 10, previous=(18, 17)).lines[-1]


def test_an_age_given_is_kept_but_not_compared() -> None:
    lines = assess(20, 20, sex="male", age=45).lines
    assert any("age group are not included" in line for line in lines)
    assert not any("age group" in line for line in assess(20, 20).lines)
