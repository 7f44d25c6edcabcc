"""Issue 11, findings of a keyboard-only tester: session keys never rate pain on
the summary, a redone set keeps its own values, no stale after-set row, a
session with nothing done is not a completed one, focus-mode messages show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.settings import Settings
from tests.ui.test_session_gui import advance, start_tiny


@pytest.fixture
def window(make_window, tiny_routine):  # type: ignore[no-untyped-def]
    return make_window(routines=(tiny_routine, *builtin_routines()), safety_done=True,
                       settings=Settings(disclaimer_seen=True), startup=True)


def run_to_summary(window, clock):  # type: ignore[no-untyped-def]
    screen = window.flow.session_screen
    for _ in range(400):
        if window.stack.currentWidget() is not screen:
            break
        advance(window, clock, 1.0)
    assert window.stack.currentWidget() is window.flow.summary
    return window.flow.summary


def test_arrows_carried_over_from_the_session_never_rate_pain_now(window, clock, qtbot) -> None:
    start_tiny(window, pain=3)
    summary = run_to_summary(window, clock)
    for _ in range(12):  # Right presses meant for Skip, after the last set
        qtbot.keyClick(summary.scale.slider, Qt.Key.Key_Right)
    assert summary.scale.value() is None and not summary.save_button.isEnabled()
    assert "arrow" not in summary.scale.hint.text() and "3 to keep it" in summary.scale.hint.text()
    qtbot.keyClick(summary.scale.slider, Qt.Key.Key_3)  # keeping it is an explicit act
    assert summary.scale.value() == 3 and summary.save_button.isEnabled()
    qtbot.keyClick(summary.scale.slider, Qt.Key.Key_Right)  # once chosen, arrows adjust
    assert summary.scale.value() == 4


def test_a_set_redone_after_back_gets_its_own_row_and_values(window, clock, qtbot, repo) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    engine = window.controller.engine
    advance(window, clock, 16.5)  # get ready 10 + set 1 (6 s): resting, the after-set row shown
    assert screen.after_set.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_4)  # pain during the first attempt
    sid = window.controller.recorder.session_id
    assert repo.sets_for(sid)[0].pain_during == 4
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # skip the rest
    qtbot.keyClick(screen, Qt.Key.Key_Left)  # straight back: redo set 1
    assert engine.current.set_number == 1 and not screen.after_set.isVisible()
    advance(window, clock, 6.5)  # the redone set ends
    assert screen.after_set.isVisible() and not any(b.isChecked() for b in screen.pain_buttons)
    first = repo.sets_for(sid)[0]
    assert first.pain_during is None  # the aborted attempt's rating is not carried over
    qtbot.keyClick(screen, Qt.Key.Key_E)
    assert screen.editing
    qtbot.keyClick(screen.done_spin, Qt.Key.Key_Escape)  # cancels the edit
    assert not screen.editing
    qtbot.keyClick(screen, Qt.Key.Key_2)
    assert repo.sets_for(sid)[0].pain_during == 2


def test_the_next_session_opens_without_the_last_sessions_after_set_row(window, clock, qtbot) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    summary = run_to_summary(window, clock)  # ends on a hold: "Done in that set: 20 s"
    summary.skip_button.click()
    start_tiny(window)
    assert window.controller.engine.current.phase.name == "GET_READY"
    assert screen.after_set.isHidden()
    qtbot.keyClick(screen, Qt.Key.Key_E)  # nothing to correct yet
    assert not screen.editing
    advance(window, clock, 16.5)  # the first set (reps) ends: its own unit
    assert screen.after_set.isVisible() and screen.done_spin.suffix() == " reps"


def test_skipping_every_set_is_saved_as_stopped_and_not_counted_this_week(window, clock, qtbot, repo) -> None:
    from ankle_trainer.core.status import SessionStatus

    start_tiny(window)
    screen = window.flow.session_screen
    while window.stack.currentWidget() is screen:
        qtbot.keyClick(screen, Qt.Key.Key_Right)
    summary = window.flow.summary
    assert summary.heading.text().startswith("Session stopped") and "Well done" not in summary.heading.text()
    assert "does not count toward your week" in summary.details.text()
    summary.skip_button.click()
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.STOPPED
    today = clock.now().date().isoformat()
    assert repo.completed_between(today, today) == 0


def test_focus_mode_shows_the_how_to_blocked_key_messages_and_a_greyed_button(window, clock, qtbot) -> None:
    from PySide6.QtGui import QPalette

    start_tiny(window)
    screen = window.flow.session_screen
    advance(window, clock, 11.0)  # working
    window.focus_action.trigger()
    assert screen.focus_mode and not screen.illustration.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_H)
    assert screen.howto_scroll.isVisible() and screen.howto.text()
    qtbot.keyClick(screen, Qt.Key.Key_H)
    assert not screen.howto_scroll.isVisible() and not screen.illustration.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # History: blocked
    assert window.stack.currentWidget() is screen
    assert screen.notice.isVisible() and "Finish or stop the session first" in screen.notice.text()
    assert screen.rect().contains(screen.notice.geometry())
    screen.notice_timer.timeout.emit()  # the message goes by itself
    assert not screen.notice.isVisible()
    button = screen.add_rest_button  # working: +15 s rest is greyed, and looks it
    assert not button.isEnabled()
    palette = button.palette()
    greyed = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    assert abs(greyed.lightness() - normal.lightness()) > 100
    window.focus_action.trigger()  # leaving focus mode brings the illustration back
    assert screen.illustration.isVisible()


def test_the_count_says_1_rep_and_2_reps(window, clock, qtbot) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    advance(window, clock, 10.0 + 2.5)  # one rep of three done
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # skipped: the row shows what was done
    assert screen.done_spin.value() == 1 and screen.done_spin.text() == "1 rep"
    qtbot.keyClick(screen, Qt.Key.Key_E)
    screen.done_spin.lineEdit().setText("2")
    qtbot.keyClick(screen.done_spin, Qt.Key.Key_Return)
    assert screen.done_spin.text() == "2 reps"
