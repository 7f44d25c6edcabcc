from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.heel_rise import HeelRiseTimer, assess, protocol_notes


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


def test_a_get_ready_time_comes_before_the_first_beat_which_is_up() -> None:
    clock = FakeClock(datetime(2026, 3, 2, tzinfo=UTC))
    timer = HeelRiseTimer(clock, beat_seconds=1.0, get_ready=3.0)
    timer.start()
    assert timer.ready_left() == 3.0 and timer.beats() == 0
    clock.advance(2.5)
    assert timer.ready_left() == pytest.approx(0.5) and timer.seconds_to_next_beat() == pytest.approx(0.5)
    clock.advance(0.5)
    assert (timer.ready_left(), timer.beats(), timer.going_up()) == (0.0, 0, True)
    clock.advance(4.0)
    assert timer.rises() == 2
    with pytest.raises(ValueError):
        HeelRiseTimer(clock, 1.0, get_ready=-1)


def test_a_slower_beat_and_a_bad_beat() -> None:
    clock = FakeClock(datetime(2026, 3, 2, tzinfo=UTC))
    timer = HeelRiseTimer(clock, beat_seconds=1.5)
    timer.start()
    clock.advance(30)
    assert timer.rises() == 10
    assert timer.seconds_to_next_beat() == pytest.approx(1.5)
    with pytest.raises(ValueError):
        HeelRiseTimer(clock, 0.1)


def test_the_left_right_difference_is_a_symmetry_index_not_measurement_error() -> None:
    result = assess(10, 16)  # the review's example: not "within measurement error"
    assert result.symmetry == pytest.approx(62.5) and result.flagged
    assert result.lines[1].startswith("Symmetry: the left side did 62% of the right side (10 of 16)")
    assert "below the 90% that clinicians commonly flag" in result.lines[1]
    assert not any("measurement error" in line for line in result.lines)
    fine = assess(19, 20)
    assert fine.symmetry == pytest.approx(95) and not fine.flagged
    assert "at or above the 90%" in fine.lines[1]
    assert "Both sides did the same number (symmetry 100%)" in assess(20, 20).lines[1]
    assert assess(0, 0).symmetry is None


def test_the_symmetry_flag_is_a_setting() -> None:
    assert assess(17, 20, flag_percent=90).flagged  # 85%
    assert not assess(17, 20, flag_percent=80).flagged
    assert "below the 80%" in assess(15, 20, flag_percent=80).lines[1]


def test_the_result_names_the_norm_as_a_rough_guide() -> None:
    result = assess(18, 25, sex="female")
    assert result.lines[0] == "Left: 18 rises. Right: 25 rises."
    assert "median for women in a study of healthy adults was 21" in result.lines[2]
    assert "24 (men) and 21 (women)" in assess(20, 20).lines[2]  # no sex given
    assert "least reliable for older runners" in result.lines[3]


def test_a_different_protocol_is_said() -> None:
    assert protocol_notes(1.0, True) == []
    slow = protocol_notes(1.5, True)
    assert len(slow) == 1 and "1.5 s (40 a minute); the study used 60 a minute" in slow[0]
    flat = protocol_notes(1.0, False)
    assert len(flat) == 1 and "without the 10-degree incline" in flat[0]
    assert "10-degree incline" in protocol_notes(1.0, None)[0]
    lines = assess(20, 20, beat_seconds=1.5, on_incline=False).lines
    assert any("40 a minute" in x for x in lines) and any("without the 10-degree" in x for x in lines)


def test_changes_under_six_are_within_measurement_error() -> None:
    result = assess(24, 20, previous=(18, 17))
    assert "left +6 (within measurement error), right +3 (within measurement error)" in result.lines[-1]
    assert "left +8 (a real gain)" in assess(26, 15, previous=(18, 17)).lines[-1]
    assert "right -7 (a real drop)" in assess(18, 10, previous=(18, 17)).lines[-1]


def test_an_age_given_is_kept_and_the_missing_age_norms_are_said() -> None:
    lines = assess(20, 20, sex="male", age=45).lines
    assert any("Your age is kept with the result" in line for line in lines)
    assert not any("Your age is kept" in line for line in assess(20, 20).lines)
