"""The thirteenth fresh-user round's findings, each fixed as a kind."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QFocusFrame, QMessageBox, QPushButton

from ankle_trainer.ui.shell.asker import ask, ask_unsaved


def _answer_with(monkeypatch: pytest.MonkeyPatch, press: str, seen: dict) -> None:
    """Stand in for the message box's event loop: show it, note what the
    runner would see, then press the button whose words are ``press``."""

    def exec_(box: QMessageBox) -> int:
        box.show()
        QApplication.processEvents()
        buttons = box.findChildren(QPushButton)
        seen["words"] = sorted(b.text() for b in buttons)
        seen["default"] = box.defaultButton().text()
        seen["escape"] = box.escapeButton().text()
        focused = box.focusWidget()
        seen["focused"] = focused.text() if isinstance(focused, QPushButton) else None
        rings = [r for r in box.findChildren(QFocusFrame) if r.objectName() == "focusRing"]
        seen["ringed"] = [r.widget().text() for r in rings if r.widget() is not None and r.isVisible()]
        next(b for b in buttons if b.text() == press).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)


def test_question_boxes_have_alt_letters_and_ring_the_focused_button(qapp, monkeypatch) -> None:
    """Thirteenth re-test: the editor's "Save changes?" box had no Alt letters
    (Alt+D did nothing) and its focused button showed only the style's faint
    1-px outline, not the app's 2-px ring, in the boxes where Enter on the
    wrong button loses work. Every question box now has both."""
    seen: dict = {}
    _answer_with(monkeypatch, "&Discard", seen)
    assert ask_unsaved(None, "Save changes?", "The routine has changes.") == "discard"
    assert seen["words"] == ["&Discard", "&Save", "Cancel"]  # Esc is Cancel's key
    assert seen["default"] == seen["escape"] == seen["focused"] == "Cancel"
    assert seen["ringed"] == ["Cancel"]  # the app's ring, round the button with the keys

    _answer_with(monkeypatch, "&Save", seen)
    assert ask_unsaved(None, "Save changes?", "The routine has changes.") == "save"
    _answer_with(monkeypatch, "Cancel", seen)
    assert ask_unsaved(None, "Save changes?", "The routine has changes.") == "cancel"

    _answer_with(monkeypatch, "&Yes", seen)
    assert ask(None, "Delete this session?", "It cannot be brought back.") is True
    assert seen["words"] == ["&No", "&Yes"]
    assert seen["default"] == seen["escape"] == seen["focused"] == "&No"
    assert seen["ringed"] == ["&No"]
    _answer_with(monkeypatch, "&No", seen)
    assert ask(None, "Delete this session?", "It cannot be brought back.") is False
    _answer_with(monkeypatch, "Cancel", seen)
    assert ask(None, "Replace the file?", "It is there.", no="Cancel") is False
    assert seen["words"] == ["&Yes", "Cancel"]


@pytest.fixture
def window(make_window, tiny_routine):  # type: ignore[no-untyped-def]
    from ankle_trainer.core.library import builtin_routines

    return make_window(routines=(tiny_routine, *builtin_routines()), safety_done=True)


def test_a_reply_about_what_a_phase_allows_goes_when_the_phase_ends(window, clock, qtbot) -> None:
    """Thirteenth re-test: a number key during a set says pain is rated in the
    rest after it; that notice stayed a second or two into the rest, beside
    the pain buttons now asking. Such replies go when their phase ends; a
    notice about something else (how to scroll the how-to) keeps its time."""
    from PySide6.QtCore import Qt

    from tests.ui.test_session_gui import advance, start_tiny

    start_tiny(window)
    screen = window.flow.session_screen
    advance(window, clock, 11.0)  # the first set (6 s of reps)
    assert screen.phase_band.text() == "GO"
    qtbot.keyClick(screen, Qt.Key.Key_4)
    assert not screen.notice.isHidden() and "rated once the set is done" in screen.notice.text()
    qtbot.keyClick(screen, Qt.Key.Key_Plus)  # + outside a rest: says when it works
    assert "+ adds 15 seconds to a rest" in screen.notice.text()
    advance(window, clock, 6.0)  # the set ends: the rest asks the rating
    assert screen.phase_band.text() == "REST" and not screen.after_set.isHidden()
    assert screen.notice.isHidden()  # gone with its phase, not its timer
    qtbot.keyClick(screen, Qt.Key.Key_PageDown)  # not about the phase: stays into the next
    assert "scroll the how-to" in screen.notice.text()
    advance(window, clock, 9.5)  # the rest is over: the next set
    assert screen.phase_band.text() == "GO"
    assert not screen.notice.isHidden() and "scroll the how-to" in screen.notice.text()


def test_a_key_refused_during_a_session_is_said_once_on_the_page(window, clock) -> None:
    """Thirteenth re-test: Ctrl+2 during a session said "Finish or stop the
    session first" in the session's notice row and again in the status bar.
    It is said once, on the page on screen: the session or its summary."""
    from tests.ui.test_session_gui import advance, start_tiny

    start_tiny(window)
    screen = window.flow.session_screen
    for key in ("history", "progress", "learn"):
        assert window.show_screen(key) is None  # as its menu item and shortcut do
        assert window.stack.currentWidget() is screen
        assert screen.notice.text() == "Finish or stop the session first (Esc stops it)."
        assert "Finish" not in window.statusBar().currentMessage()  # not said twice
    assert window.open_dialog("editor") is None
    assert "Finish" not in window.statusBar().currentMessage()
    advance(window, clock, 120.0)  # to the end of the routine
    summary = window.flow.summary
    assert window.stack.currentWidget() is summary
    assert window.show_screen("history") is None
    assert window.stack.currentWidget() is summary
    assert "Finish this session first" in summary.note.text()
    assert "Finish" not in window.statusBar().currentMessage()


def test_a_corrected_count_is_held_to_twice_the_planned_with_a_word(window, clock, qtbot, repo) -> None:
    """Thirteenth re-test: E then 999 on a 4-rep set was kept without a word,
    and went into the history, the volume chart and the report. A corrected
    count is at most twice the set's planned reps (or seconds); a number above
    that is shown as typed, then the box keeps the most and says why."""
    from PySide6.QtCore import Qt

    from tests.ui.test_session_gui import advance, start_tiny

    start_tiny(window)
    screen = window.flow.session_screen
    advance(window, clock, 17.0)  # set 1 (3 reps) done: the rest asks
    assert not screen.after_set.isHidden() and screen.done_spin.value() == 3
    qtbot.keyClick(screen, Qt.Key.Key_E)
    qtbot.keyClicks(screen.done_spin, "999")
    qtbot.keyClick(screen.done_spin, Qt.Key.Key_Return)
    assert screen.done_spin.value() == 6
    assert screen.done_spin.note.text() == (
        "999 is more than the most, 6 reps, twice the 3 reps planned; the box keeps 6 reps.")
    qtbot.keyClick(screen, Qt.Key.Key_E)
    qtbot.keyClicks(screen.done_spin, "5")  # more than planned, within reason: kept as typed
    qtbot.keyClick(screen.done_spin, Qt.Key.Key_Return)
    assert screen.done_spin.value() == 5
    advance(window, clock, 90.0)
    [row] = repo.recent_sessions()
    assert [s.actual_reps for s in repo.sets_for(row.id)][:2] == [5, 3]
