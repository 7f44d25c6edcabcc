"""A keyboard-only walk through every screen (issue 11): each key goes to the
focused widget, as a runner without a mouse would press it, and each step's
effect is asserted. Time comes from the fake clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.engine import SessionStatus
from ankle_trainer.core.library import builtin_routines
from ankle_trainer.core.plan import Phase
from ankle_trainer.storage.settings import Settings

CTRL = Qt.KeyboardModifier.ControlModifier


def focused(win) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None and win.isAncestorOf(widget) or widget is win, "the window lost the keyboard"
    return widget


def press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(focused(win), key, modifier)


def tick(win, clock: FakeClock, seconds: float) -> None:  # type: ignore[no-untyped-def]
    for _ in range(round(seconds / 0.5)):
        clock.advance(0.5)
        win.flow.session_screen.on_timer()


def test_a_keyboard_only_walk_through_every_screen(make_window, qtbot, repo, tiny_routine) -> None:
    clock = FakeClock()
    win = make_window(clock=clock, routines=(tiny_routine, *builtin_routines()),
                      settings=Settings(disclaimer_seen=True), startup=True)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    # home: choose the routine with the arrows, Enter starts it
    assert focused(win) is win.home.routine_list
    while win.home.selected_routine().id != "tiny":
        press(qtbot, win, Qt.Key.Key_Down)
    press(qtbot, win, Qt.Key.Key_Return)
    # safety check: the first question has the keyboard; Enter there does not go
    # on past the red flags (it says how to tick and how to go on); Continue does
    check = win.flow.safety_check
    assert win.stack.currentWidget() is check and focused(win) is next(iter(check.boxes.values()))
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is check and "Space ticks" in check.note.text()
    for _ in range(20):  # Tab past the questions to Continue, then Enter (Alt+C under X11 too)
        if focused(win) is check.continue_button:
            break
        press(qtbot, win, Qt.Key.Key_Tab)
    press(qtbot, win, Qt.Key.Key_Return)
    # pain check: Enter alone records nothing; a number key rates, Enter starts
    pain = win.flow.pain_check
    assert win.stack.currentWidget() is pain and focused(win) is pain.scale.slider
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is pain
    press(qtbot, win, Qt.Key.Key_3)
    press(qtbot, win, Qt.Key.Key_Return)
    screen = win.flow.session_screen
    engine = win.controller.engine
    assert win.stack.currentWidget() is screen and engine.running
    # the session: Space pauses and resumes, Right skips the get-ready
    press(qtbot, win, Qt.Key.Key_Space)
    assert engine.paused
    press(qtbot, win, Qt.Key.Key_Space)
    press(qtbot, win, Qt.Key.Key_Right)
    assert engine.current.phase is Phase.WORK
    tick(win, clock, 6.5)  # set 1 done: resting, asked for pain and the count
    assert engine.current.phase is Phase.REST and screen.after_set.isVisible()
    press(qtbot, win, Qt.Key.Key_2)  # pain during the set
    press(qtbot, win, Qt.Key.Key_Tab)  # Tab reaches the ratings, the session keys still work
    press(qtbot, win, Qt.Key.Key_Plus)
    assert screen.countdown_label.text() == "0:25"  # 10 s of rest left, and 15 more
    press(qtbot, win, Qt.Key.Key_E)  # correct the count: an explicit edit
    assert focused(win) is screen.done_spin
    qtbot.keyClicks(screen.done_spin, "2")
    press(qtbot, win, Qt.Key.Key_Return)
    session_id = win.controller.recorder.session_id
    [first] = repo.sets_for(session_id)
    assert (first.actual_reps, first.pain_during) == (2, 2)
    assert first.status == "skipped"  # 2 of 3 reps: not done in full, whatever the clock did
    press(qtbot, win, Qt.Key.Key_H)
    assert screen.howto_scroll.isVisible()
    press(qtbot, win, Qt.Key.Key_F11)  # focus mode: F11 and Esc leave it
    assert win.isFullScreen()
    press(qtbot, win, Qt.Key.Key_Escape)
    assert not win.isFullScreen() and engine.running
    while win.stack.currentWidget() is screen:
        press(qtbot, win, Qt.Key.Key_Right)
    # summary: pain now starts from pain before; arrows carried over choose nothing,
    # the number key 2 chooses, Enter saves
    summary = win.flow.summary
    assert focused(win) is summary.scale.slider and "Before: 3" in summary.scale.value_label.text()
    press(qtbot, win, Qt.Key.Key_Down)
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is summary  # nothing chosen yet: nothing saved
    press(qtbot, win, Qt.Key.Key_2)
    press(qtbot, win, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.home
    [row] = repo.recent_sessions()
    # no set done in full (the one done was corrected to 2 of 3, the rest skipped): cut short
    assert (row.status, row.pain_before, row.pain_after) == (SessionStatus.STOPPED, 3, 2)
    # history (Ctrl+2): the newest session selected
    press(qtbot, win, Qt.Key.Key_2, CTRL)
    history = win.screen("history")
    assert win.stack.currentWidget() is history and focused(win) is history.table
    # progress (Ctrl+3): the tabs have the keyboard; Right shows the next chart
    press(qtbot, win, Qt.Key.Key_3, CTRL)
    progress = win.screen("progress")
    assert win.stack.currentWidget() is progress and focused(win) is progress.tabs.tabBar()
    press(qtbot, win, Qt.Key.Key_Right)
    assert progress.tabs.currentIndex() == 1
    # heel-rise test (Ctrl+4): the keyboard on its first question (Space ticks the
    # incline box), Tab past age and sex to Start, Space starts, countdown, Space
    # stops, Enter confirms
    press(qtbot, win, Qt.Key.Key_4, CTRL)
    heel = win.screen("heel_rise")
    assert win.stack.currentWidget() is heel and focused(win) is heel.incline
    press(qtbot, win, Qt.Key.Key_Space)
    assert heel.incline.isChecked()
    for _ in range(3):
        press(qtbot, win, Qt.Key.Key_Tab)
    assert focused(win) is heel.start_button
    press(qtbot, win, Qt.Key.Key_Space)
    assert heel.stages.currentWidget() is heel.running and heel.beat_label.text() == "Get ready"
    for _ in range(4 * (5 + 4)):  # the countdown, then 4 beats: 2 rises
        clock.advance(0.25)
        heel.on_timer()
    press(qtbot, win, Qt.Key.Key_Space)
    assert heel.stages.currentWidget() is heel.check and focused(win) is heel.correct
    press(qtbot, win, Qt.Key.Key_Return)
    assert heel.counts[0] == 2 and heel.side_label.text() == "Right leg"
    press(qtbot, win, Qt.Key.Key_1, CTRL)  # home again, from anywhere: the left leg's
    assert win.context.asker.asked[-1] == "Leave the heel-rise test?"  # count is asked about first
    assert win.stack.currentWidget() is win.home
    # editor (Ctrl+R), settings (Ctrl+,), export (Ctrl+E): each opens and Esc closes it
    for keys, key in (((Qt.Key.Key_R, CTRL), "editor"), ((Qt.Key.Key_Comma, CTRL), "settings"),
                      ((Qt.Key.Key_E, CTRL), "export")):
        win.activateWindow()  # back from the last dialog (the offscreen platform does not do it)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
        press(qtbot, win, *keys)
        dialog = getattr(win, f"{key}_dialog")
        assert dialog.isVisible(), key
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d, timeout=2000)
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible(), key
    # F1 lists the keys
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=2000)
    press(qtbot, win, Qt.Key.Key_F1)
    shortcuts = win.shortcuts_dialog
    assert shortcuts.isVisible() and "Correct the count" in shortcuts.text.text()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shortcuts, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget() or shortcuts, Qt.Key.Key_Escape)
    assert not shortcuts.isVisible()


def test_tab_leaves_every_multi_line_text_box(make_window, qtbot) -> None:
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    from ankle_trainer.ui.dialogs import DIALOGS

    def boxes_in(root: QWidget) -> list[QWidget]:
        found = {id(w): w for cls in (QPlainTextEdit, QTextEdit) for w in root.findChildren(cls)
                 if not w.isReadOnly() and w.window() is root}
        return list(found.values())

    def tab_leaves(box: QWidget) -> None:
        parent: QWidget | None = box
        while parent is not None and not parent.isWindow():
            parent.setEnabled(True)  # a session's notes wait for a session to be chosen
            parent = parent.parentWidget()
        box.window().activateWindow()
        box.setFocus()
        qtbot.waitUntil(box.hasFocus, timeout=1000)
        qtbot.keyClick(box, Qt.Key.Key_Tab)
        assert "\t" not in box.toPlainText(), box.accessibleName()
        assert not box.hasFocus(), box.accessibleName()

    window = make_window()
    tested = []
    for key in ("history", "progress", "heel_rise", "learn", "triage"):
        window.show_screen(key)  # screens are built when first shown
        for box in boxes_in(window):
            if box.isVisible() and box not in tested:
                tab_leaves(box)
                tested.append(box)
    window.go_home()
    for spec in DIALOGS:
        if spec.key in ("import", "recover", "preview"):
            continue
        dialog = window.open_dialog(spec.key)
        try:
            for box in boxes_in(dialog):
                tab_leaves(box)
                tested.append(box)
        finally:
            dialog.close()
    assert {b.accessibleName() for b in tested} >= {"Description", "Notes"}
