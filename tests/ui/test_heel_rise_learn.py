"""The guided heel-rise test on a fake clock, its record and result; the learn screen."""

from __future__ import annotations

import pytest


class Beats:
    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, sound) -> None:  # type: ignore[no-untyped-def]
        self.played.append(str(sound))

    def say(self, text: str) -> None:
        pass


@pytest.fixture
def window(make_window):  # type: ignore[no-untyped-def]
    return make_window(cues=Beats())


def run_side(page, clock, seconds: float) -> None:  # type: ignore[no-untyped-def]
    """Through the get-ready countdown, then ``seconds`` of beats, then Stop."""
    from ankle_trainer.ui.screens.heel_rise.page import GET_READY_SECONDS

    for _ in range(int((seconds + GET_READY_SECONDS) * 4)):
        clock.advance(0.25)
        page.on_timer()
    page.stop_button.click()


def run_test(page, clock, left: float, right: float) -> None:  # type: ignore[no-untyped-def]
    """A whole test from the intro: ``left`` then ``right`` seconds of beats,
    each count kept, on to the result."""
    page.start_button.click()
    run_side(page, clock, left)
    page.next_button.click()
    run_side(page, clock, right)
    page.next_button.click()


def test_a_guided_test_records_both_sides_and_shows_the_result(window, clock, repo) -> None:
    window.home.heel_rise_button.click()
    page = window.screen("heel_rise")
    assert window.stack.currentWidget() is page
    assert "every 1 s" in page.intro_text.text()
    page.sex.setCurrentIndex(1)  # female
    assert not page.incline.isChecked()  # never ticked for the runner
    page.incline.setChecked(True)
    page.age.setValue(38)
    page.start_button.click()
    assert page.side_label.text() == "Left leg" and page.beat_label.text() == "Get ready"
    assert page.count_label.text() == "5" and window.cues.played == []  # a countdown, no beats
    run_side(page, clock, 44.2)  # 44 beats: 22 rises
    assert page.check_label.text() == "Left leg: 22 rises."
    assert page.correct.value() == 22
    page.next_button.click()  # right leg
    assert page.side_label.text() == "Right leg"
    run_side(page, clock, 30.0)  # 15 rises, and the runner says it was 14
    page.correct.setValue(14)
    page.next_button.click()
    [test] = repo.heel_rise_tests()
    assert (test.left_reps, test.right_reps, test.age, test.sex, test.beat_seconds) == (22, 14, 38, "female", 1.0)
    text = page.result_text.text()
    assert "Left: 22 rises. Right: 14 rises." in text
    assert "the right side did 64% of the left side (14 of 22), below the 90%" in text
    assert "within measurement error" not in text  # the legs are not compared by test-retest error
    assert "median for women" in text and "21" in text
    assert "least reliable for older runners" in text
    assert "10-degree incline" in page.intro_text.text() and "60 beats a minute" in page.intro_text.text()
    assert test.on_incline is True
    assert page.done_button.hasFocus()  # the natural next step, not "Test again"
    assert "beat" in window.cues.played and "tick" in window.cues.played  # up and down beats sound
    assert not page.repaint_timer.isActive()


def test_a_second_test_reports_the_change_and_charts_both(window, clock, repo) -> None:
    repo.add_heel_rise(clock.now(), 15, 12, 1.0)
    page = window.show_screen("heel_rise")
    run_test(page, clock, 40, 26)
    assert "Since your last test: left +5 (within measurement error), right +1" in page.result_text.text()
    assert page.chart is not None and page.chart.isVisible()
    xs, ys = page.left_curve.getData()
    assert list(ys) == [15, 20]
    page.done_button.click()
    assert window.stack.currentWidget() is window.home
    history = window.show_screen("history")
    assert history.heel_rise.rowCount() == 2
    assert history.heel_rise.item(0, 1).text() == "20"


def test_a_flat_floor_and_a_slower_beat_are_said_and_the_flag_is_the_setting(window, clock, repo) -> None:
    window.context.apply_settings(window.context.settings.with_changes(heel_rise_beat_seconds=1.5, symmetry_flag_percent=60))
    page = window.show_screen("heel_rise")
    page.reset()
    assert "not the study's 60 beats a minute" in page.intro_text.text()
    page.incline.setChecked(False)
    page.start_button.click()
    run_side(page, clock, 60)  # 20 rises at 1.5 s a beat
    page.next_button.click()
    run_side(page, clock, 42)  # 14 rises: 70%, above a 60% flag
    page.next_button.click()
    text = page.result_text.text()
    assert "at or above the 60%" in text
    assert "without the 10-degree incline" in text and "40 a minute" in text
    assert repo.heel_rise_tests()[0].on_incline is False


def test_the_test_is_not_offered_when_todays_safety_check_rules_it_out(window, clock, repo) -> None:
    repo.record_safety_check(clock.now(), {"achilles_rupture": True}, "urgent")
    page = window.show_screen("heel_rise")
    page.reset()
    assert not page.start_button.isEnabled()
    assert "Not today" in page.blocked_text.text() and not page.blocked_text.isHidden()
    page.start_side()  # even if called directly
    assert page.timer is None and page.stages.currentWidget() is page.intro


def test_leaving_mid_test_stops_the_timer_and_saves_nothing(window, clock, repo) -> None:
    page = window.show_screen("heel_rise")
    page.start_button.click()
    clock.advance(5)
    page.home_button.click()
    assert not page.repaint_timer.isActive()
    assert repo.heel_rise_tests() == []


def test_the_learn_screen_covers_causes_prevention_care_and_help_with_sources(window) -> None:
    window.home.learn_button.click()
    page = window.screen("learn")
    assert window.stack.currentWidget() is page
    text = page.text.toPlainText()
    for heading in ("Why ankles hurt in runners", "Preventing it", "Looking after a sore ankle", "When to get help"):
        assert heading in text
    assert text.count("(Source:") >= 15
    assert "10% more a week" in text and "did not lower" in text  # no 10% rule claimed
    assert "not a diagnosis" in text
    page.home_button.click()
    assert window.stack.currentWidget() is window.home


def test_a_get_ready_countdown_then_the_first_beat_is_up(window, clock, qtbot) -> None:
    from ankle_trainer.ui.screens.heel_rise.page import GET_READY_SECONDS

    page = window.show_screen("heel_rise")
    page.start_button.click()
    seen = []
    for _ in range(GET_READY_SECONDS * 4):
        seen.append((page.beat_label.text(), page.count_label.text()))
        clock.advance(0.25)
        page.on_timer()
    assert seen[0] == ("Get ready", "5") and seen[-1] == ("Get ready", "1")
    assert [c for _, c in seen[::4]] == ["5", "4", "3", "2", "1"]
    assert page.beat_label.text() == "Up" and window.cues.played == ["beat"]  # starts on up
    clock.advance(1.0)
    page.on_timer()
    assert page.beat_label.text() == "Down" and window.cues.played == ["beat", "tick"]


def test_enter_in_the_rises_box_confirms_and_space_types_nothing(window, clock, qtbot) -> None:
    from PySide6.QtCore import Qt

    page = window.show_screen("heel_rise")
    page.start_button.click()
    run_side(page, clock, 20.0)  # 10 rises
    assert page.stages.currentWidget() is page.check and page.correct.hasFocus()
    qtbot.keyClick(page.correct, Qt.Key.Key_Space)
    assert page.correct.text() == "10" and page.stages.currentWidget() is page.check
    page.correct.selectAll()
    qtbot.keyClicks(page.correct, "9")
    qtbot.keyClick(page.correct, Qt.Key.Key_Return)
    assert page.counts[0] == 9 and page.side_label.text() == "Right leg"  # on to the right leg


def test_a_red_flag_that_stops_the_day_stops_the_heel_rise_test_too(window, clock, repo) -> None:
    # fever blocks no test by itself, but it means no exercise today: no calf test to fatigue
    repo.record_safety_check(clock.now(), {"fever": True}, "urgent")
    page = window.show_screen("heel_rise")
    page.reset()
    assert not page.start_button.isEnabled()
    assert "no exercise today" in page.blocked_text.text()
    assert "See a doctor today" in page.blocked_text.text()
    page.start_side()
    assert page.timer is None
    repo.record_safety_check(clock.now(), {}, "clear")  # answers corrected the same day
    page.reset()
    assert page.start_button.isEnabled() and page.blocked_text.isHidden()


def _bottom_tick_words(chart) -> list[str]:  # type: ignore[no-untyped-def]
    """The words under the chart's time axis, as it draws them now."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    chart.grab()  # drawn once: the axis picks its zoom level (days, hours...) as it draws
    axis = chart.getPlotItem().getAxis("bottom")
    low, high = chart.getViewBox().viewRange()[0]
    words = []
    for spacing, values in axis.tickValues(low, high, axis.width()):
        words += axis.tickStrings(values, 1, spacing)
    return words


def test_tests_minutes_apart_are_charted_by_day_not_by_clock_time(window, clock, repo) -> None:
    """Ninth re-test (known): two tests five minutes apart made the time axis
    read "12:03:45" with no date. The chart spans at least a week, so its
    axis names days."""
    from datetime import timedelta

    window.resize(1000, 700)
    repo.add_heel_rise(clock.now() - timedelta(minutes=5), 15, 12, 1.0)
    repo.add_heel_rise(clock.now(), 16, 13, 1.0)
    page = window.show_screen("heel_rise")
    page.show_chart()
    low, high = page.chart.getViewBox().viewRange()[0]
    assert high - low >= 7 * 86400
    words = _bottom_tick_words(page.chart)
    assert words and not any(":" in w for w in words), words


def test_every_chart_over_dates_is_made_by_the_one_helper() -> None:
    """The kind behind the heel-rise axis: a chart over dates made elsewhere
    would not keep its axis in days (nor its labels apart). Only ui/charts.py
    makes a date axis, pyqtgraph's or its own SpacedDateAxis built on it."""
    from pathlib import Path

    import ankle_trainer

    root = Path(ankle_trainer.__file__).parent
    makers = sorted(str(p.relative_to(root)) for p in root.rglob("*.py")
                    if any(maker in p.read_text() for maker in ("DateAxisItem(", "DateAxis(")))
    assert makers == ["ui/charts.py"]


def test_a_leg_stopped_before_its_first_beat_counts_nothing_and_can_start_again(window, clock, repo, qtbot) -> None:
    """Fifteenth re-test: Enter in the left count's box went on to the right
    leg, and the next Enter, meant to start it, reached the focused stop
    button during the get-ready countdown: "Right leg: 0 rises", a result of
    0 for a leg never tested. A stop before the first beat counts nothing:
    the step that starts that leg comes back, saying so, and Enter starts it."""
    from PySide6.QtCore import Qt

    page = window.show_screen("heel_rise")
    page.start_button.click()
    clock.advance(2.0)
    page.on_timer()
    qtbot.keyClick(page.stop_button, Qt.Key.Key_Return)  # the left leg, still getting ready
    assert page.stages.currentWidget() is page.intro
    assert page.key_note.text().startswith("The left leg was stopped before its count began")
    assert window.focusWidget() is page.start_button
    page.start_button.click()
    run_side(page, clock, 20.0)  # 10 rises
    page.correct.setFocus()
    qtbot.keyClick(page.correct, Qt.Key.Key_Return)  # on to the right leg
    assert page.side_label.text() == "Right leg" and page.beat_label.text() == "Get ready"
    qtbot.keyClick(page.stop_button, Qt.Key.Key_Return)  # the Enter that meant "start it"
    assert page.stages.currentWidget() is page.check
    assert page.check_label.text() == ("Left leg: 10 rises. The right leg was stopped before its count began, "
                                       "so nothing was counted. Press Enter to start it again.")
    assert page.correct.value() == 10 and window.focusWidget() is page.next_button
    qtbot.keyClick(page.next_button, Qt.Key.Key_Return)
    assert page.side_label.text() == "Right leg" and page.beat_label.text() == "Get ready"
    run_side(page, clock, 16.0)  # 8 rises
    page.next_button.click()
    [test] = repo.heel_rise_tests()
    assert (test.left_reps, test.right_reps) == (10, 8)


def test_esc_while_a_leg_is_counted_stops_it_as_space_does(window, clock, qtbot) -> None:
    """Seventeenth re-test: Esc in the get-ready countdown did nothing and said
    nothing, and the beats began. In the countdown it goes back a step; once
    the beats run it stops the leg, whose count is then checked."""
    from PySide6.QtCore import Qt

    page = window.show_screen("heel_rise")
    _stop_at(page, clock, qtbot, 1.0, Qt.Key.Key_Escape, "Get ready")
    _stopped_before_the_count(page)
    from ankle_trainer.ui.screens.heel_rise.page import GET_READY_SECONDS

    page.start_button.click()
    for _ in range(int((12.0 + GET_READY_SECONDS) * 4)):  # 6 rises, the beats still running
        clock.advance(0.25)
        page.on_timer()
    assert page.stages.currentWidget() is page.running and page.count_label.text() == "6"
    qtbot.keyClick(page.stop_button, Qt.Key.Key_Escape)
    assert page.stages.currentWidget() is page.check
    assert page.check_label.text() == "Left leg: 6 rises."


def test_a_stop_within_the_first_beat_counts_nothing_either(window, clock, qtbot) -> None:
    """Twenty-ninth re-test: an Enter pressed as the right leg's countdown
    ended (the screen a moment behind the clock) recorded "Right leg: 0
    rises". A stop within the first beat is not a runner who could not keep
    up: it counts nothing and the step before comes back, as in the
    countdown; from the second beat on, the leg's count is kept (0 included)."""
    from PySide6.QtCore import Qt

    from ankle_trainer.ui.screens.heel_rise.page import GET_READY_SECONDS

    page = window.show_screen("heel_rise")
    _stop_at(page, clock, qtbot, GET_READY_SECONDS + 0.5 * page.beat_seconds(), Qt.Key.Key_Return, "Up")
    _stopped_before_the_count(page)  # half into the first beat
    _stop_at(page, clock, qtbot, GET_READY_SECONDS + 1.5 * page.beat_seconds(), Qt.Key.Key_Space, "Down")
    assert page.stages.currentWidget() is page.check and page.check_label.text() == "Left leg: 0 rises."


def _stop_at(page, clock, qtbot, seconds: float, key, shown: str) -> None:  # type: ignore[no-untyped-def]
    """Start the left leg, let ``seconds`` pass, check the beat word ``shown``, press ``key``."""
    page.start_button.click()
    clock.advance(seconds)
    page.on_timer()
    assert page.beat_label.text() == shown
    qtbot.keyClick(page.stop_button, key)


def _stopped_before_the_count(page) -> None:  # type: ignore[no-untyped-def]
    assert page.stages.currentWidget() is page.intro
    assert page.key_note.text().startswith("The left leg was stopped before its count began")
