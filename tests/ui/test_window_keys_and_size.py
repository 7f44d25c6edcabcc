"""Issue 11 (keyboard, focus mode, window size, outside changes): session keys
whatever has focus, an explicit count correction, pain by keys, focus mode that
can always be left and is never saved, the routines folder followed, the last
routine selected, every screen within 800 x 600."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QFocusFrame, QWidget

from ankle_trainer.core.library import builtin_routines, exercise_library
from ankle_trainer.core.plan import Phase
from ankle_trainer.storage.routine_store import RoutineStore
from ankle_trainer.storage.settings import Settings
from tests.conftest import TINY_ROUTINE
from tests.ui.test_session_gui import advance, start_tiny


@pytest.fixture
def window(make_window, tiny_routine):  # type: ignore[no-untyped-def]
    return make_window(routines=(tiny_routine, *builtin_routines()), safety_done=True,
                       settings=Settings(disclaimer_seen=True), startup=True)


def rest_after_first_set(window, clock):  # type: ignore[no-untyped-def]
    start_tiny(window)
    advance(window, clock, 16.5)  # get ready 10 + set 1 (6 s): resting, the after-set row shown
    screen = window.flow.session_screen
    assert window.controller.engine.current.phase is Phase.REST and screen.after_set.isVisible()
    return screen


# -- session keys -----------------------------------------------------------------
def test_session_keys_work_whatever_widget_has_focus(window, clock, qtbot) -> None:
    screen = rest_after_first_set(window, clock)
    engine = window.controller.engine
    focusable = [w for w in screen.findChildren(QWidget)
                 if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert screen.pain_buttons[3] in focusable and screen.done_spin not in focusable  # not editable yet
    for widget in focusable:
        widget.setFocus()
        assert widget.hasFocus()
        qtbot.keyClick(widget, Qt.Key.Key_Space)
        assert engine.paused, f"Space on {widget.accessibleName() or widget} did not pause"
        qtbot.keyClick(widget, Qt.Key.Key_Space)
        assert not engine.paused
    screen.pain_buttons[0].setFocus()
    before = screen.countdown_label.text()
    qtbot.keyClick(screen.pain_buttons[0], Qt.Key.Key_Plus)
    assert screen.countdown_label.text() != before  # + added rest
    qtbot.keyClick(screen.pain_buttons[0], Qt.Key.Key_Right)  # skip the rest
    assert engine.current.phase is Phase.WORK and engine.current.set_number == 2


def test_tab_alone_never_reaches_the_count(window, clock, qtbot) -> None:
    screen = rest_after_first_set(window, clock)
    seen = set()
    for _ in range(30):
        qtbot.keyClick(window.focusWidget() or screen, Qt.Key.Key_Tab)
        seen.add(window.focusWidget())
    assert screen.done_spin not in seen and screen.pain_buttons[10] in seen


def test_correcting_the_count_is_an_explicit_edit(window, clock, qtbot, repo) -> None:
    screen = rest_after_first_set(window, clock)
    engine = window.controller.engine
    spin = screen.done_spin
    assert spin.isReadOnly() and spin.value() == 3
    qtbot.keyClick(screen, Qt.Key.Key_E)
    assert screen.editing and spin.hasFocus() and "Enter keeps" in screen.edit_hint.text()
    # the keys in readable words, not the greyed text of a disabled button
    assert screen.edit_hint.isVisible() and screen.edit_hint.isEnabled()
    assert not screen.edit_button.isVisible()
    qtbot.keyClicks(spin, "2")  # typed over the selected count; Space/arrows belong to the edit now
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert not screen.editing and spin.isReadOnly() and not spin.hasFocus()
    [first] = repo.sets_for(window.controller.recorder.session_id)
    assert first.actual_reps == 2
    qtbot.keyClick(screen, Qt.Key.Key_E)
    qtbot.keyClicks(spin, "1")
    qtbot.keyClick(spin, Qt.Key.Key_Escape)  # cancels the edit, does not stop the session
    assert spin.value() == 2 and engine.running and not engine.paused
    assert repo.sets_for(window.controller.recorder.session_id)[0].actual_reps == 2
    qtbot.keyClick(screen, Qt.Key.Key_Space)  # the session keys are back
    assert engine.paused


def test_pain_during_a_set_is_rated_from_the_keyboard(window, clock, qtbot, repo) -> None:
    screen = rest_after_first_set(window, clock)
    assert screen.pain_label.text() == "Pain during it:"
    qtbot.keyClick(screen, Qt.Key.Key_7)
    assert screen.pain_buttons[7].isChecked() and screen.advice_row.isVisible()
    # the choice in words as well: a checked button hardly shows on focus mode's black
    assert screen.pain_label.text() == "Pain during it (you chose 7):"
    assert screen.stop_exercise_button.hasFocus()  # the advice takes the keyboard
    qtbot.keyClick(screen.stop_exercise_button, Qt.Key.Key_C)  # carry on
    assert not screen.advice_row.isVisible()
    screen.pain_buttons[10].setFocus()
    qtbot.keyClick(screen.pain_buttons[10], Qt.Key.Key_Return)  # 10 by Tab and Enter
    assert screen.pain_buttons[10].isChecked()
    qtbot.keyClick(screen, Qt.Key.Key_X)  # stop this exercise
    [first, *_rest] = repo.sets_for(window.controller.recorder.session_id)
    assert first.pain_during == 10
    assert window.controller.engine.next_work().exercise.id == "single-leg-stance"


def test_the_shortcut_list_names_every_session_key() -> None:
    from ankle_trainer.ui.dialogs.about import SHORTCUTS

    text = " ".join(f"{k} {v}" for k, v in SHORTCUTS)
    for key in ("Space", "Right", "Left", "+", "Esc", "H", "E", "0 - 9", "X / C", "F11", "Tab", "End"):
        assert key in text, key


# -- ratings ----------------------------------------------------------------------
def test_enter_records_no_pain_rating_the_runner_did_not_choose(window, qtbot) -> None:
    window.home.select_routine("tiny")
    window.home.start_button.click()
    page = window.flow.pain_check
    assert page.scale.value() is None and not page.start_button.isEnabled()
    assert page.scale.value_label.text() == "Not rated yet"
    qtbot.keyClick(page.scale.slider, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is page  # nothing recorded
    qtbot.keyClick(page.scale.slider, Qt.Key.Key_4)
    assert page.scale.value() == 4 and page.start_button.isEnabled()
    qtbot.keyClick(page.scale.slider, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.flow.session_screen
    assert window.controller.pain_before == 4


def test_a_zero_rating_is_chosen_with_an_arrow_at_the_end_of_the_scale(window, qtbot) -> None:
    window.home.select_routine("tiny")
    window.home.start_button.click()
    scale = window.flow.pain_check.scale
    qtbot.keyClick(scale.slider, Qt.Key.Key_Left)  # already at 0: still an explicit choice
    assert scale.value() == 0 and scale.value_label.text() == "0 / 10 · no pain"


# -- focus mode ---------------------------------------------------------------------
def test_focus_mode_keeps_every_shortcut_and_f11_or_esc_leave_it(window, clock, qtbot) -> None:
    start_tiny(window)
    window.focus_action.trigger()
    assert window.isFullScreen() and not window.menuBar().isVisible()
    for key, action in window.actions_by_key.items():  # none belongs to the hidden menu bar only
        assert action in window.actions(), key
    assert window.actions_by_key["quit"].shortcut().toString() == "Ctrl+Q"
    window.actions_by_key["focus"].trigger()
    assert not window.isFullScreen() and window.menuBar().isVisible()
    window.focus_action.trigger()
    qtbot.keyClick(window.flow.session_screen, Qt.Key.Key_Escape)  # leaves focus mode, no stop
    assert not window.isFullScreen() and window.controller.engine.running


def test_quitting_in_focus_mode_never_saves_full_screen(make_window, tmp_path, qtbot) -> None:
    win = make_window(store=True, settings=Settings(disclaimer_seen=True), startup=True)
    win.resize(700, 500)
    win.focus_action.trigger()
    assert win.isFullScreen()
    win.quit_app()
    saved = win.context.settings.window_geometry
    assert saved
    again = make_window(store=True, settings=Settings(disclaimer_seen=True, window_geometry=saved))
    assert not again.isFullScreen() and not (again.windowState() & Qt.WindowState.WindowFullScreen)
    assert again.size() == QSize(700, 500)


def test_the_default_window_fits_a_small_screen(make_window, monkeypatch) -> None:
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1280, 690))
    win = make_window(settings=Settings(disclaimer_seen=True))
    assert win.height() <= 690 - 48 and win.width() <= 1280


# -- outside changes ------------------------------------------------------------------
def test_a_routine_added_to_the_folder_appears_without_a_restart(make_window, tmp_path, qtbot) -> None:
    store = RoutineStore(tmp_path / "routines", exercise_library())
    win = make_window(routine_store=store, settings=Settings(disclaimer_seen=True), startup=True)
    assert "tiny" not in [r.id for r in win.home.routines]
    (tmp_path / "routines").mkdir(exist_ok=True)
    (tmp_path / "routines" / "tiny.toml").write_text(TINY_ROUTINE)  # as the command line does
    watcher = win.routines_watcher
    folder = str(tmp_path / "routines")
    assert folder in watcher.watcher.directories()  # the system tells Qt of a change in it ...
    # ... and Qt says so with this signal; sent here rather than awaited, so the
    # test never waits on the wall clock nor on the system's file watches
    # (a busy machine out of them made the wait time out)
    watcher.watcher.directoryChanged.emit(folder)
    watcher.watcher.directoryChanged.emit(folder)  # a copy touches the folder more than once
    assert watcher.settle.isActive() and "tiny" not in [r.id for r in win.home.routines]
    watcher.settle.stop()
    watcher.settle.timeout.emit()  # SETTLE_MS later: read once
    assert "tiny" in [r.id for r in win.home.routines]
    assert watcher.reloads == 1
    assert str(tmp_path / "routines" / "tiny.toml") in watcher.watcher.files()  # its edits are watched too


def test_the_last_routine_used_is_selected_at_start(make_window) -> None:
    win = make_window(settings=Settings(disclaimer_seen=True, last_routine_id="ankle-mobility"))
    assert win.home.selected_routine().id == "ankle-mobility"


# -- 800 x 600 ---------------------------------------------------------------------------
def outside_parent(root: QWidget) -> list[str]:
    """Visible widgets whose geometry sticks out of their parent's (scroll areas excepted)."""
    bad = []
    for w in root.findChildren(QWidget):
        parent = w.parentWidget()
        if not w.isVisible() or parent is None or w.isWindow():
            continue
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            continue  # a scroll area's content may be larger: it scrolls
        if isinstance(w, QFocusFrame):
            continue  # Qt's focus ring is drawn just outside the control it rings
        if not parent.rect().contains(w.geometry()):
            bad.append(f"{type(w).__name__} {w.objectName() or w.accessibleName()} {w.geometry()} in {parent.rect()}")
    return bad


def test_every_screen_fits_800_by_600_without_clipping_or_growing(window, clock, qtbot) -> None:
    window.resize(800, 600)
    window.banners.offer_disclaimer()
    assert window.minimumSizeHint().width() <= 800 and window.minimumSizeHint().height() <= 600
    QApplication.processEvents()  # posted layout requests, no waiting
    for key in ("home", "history", "progress", "heel_rise", "learn"):
        window.show_screen(key)
        QApplication.processEvents()  # posted layout requests, no waiting
        assert window.size() == QSize(800, 600), key
        assert outside_parent(window.stack.currentWidget()) == [], key
    window.show_screen("home")
    start_tiny(window)
    screen = window.flow.session_screen
    for seconds in (1.0, 16.0, 10.0, 20.0):  # get ready, the after-set row, work, a hold
        advance(window, clock, seconds)
        screen.howto_button.setChecked(True)
        QApplication.processEvents()  # posted layout requests, no waiting
        assert window.size() == QSize(800, 600)
        assert outside_parent(screen) == []
        # the how-to never lies over the illustration (it takes its place while shown)
        assert not screen.illustration.isVisible() or not screen.howto_scroll.geometry().intersects(
            screen.illustration.geometry())


@pytest.mark.parametrize(("width", "height"), [(800, 600), (1280, 720)])
def test_every_dialog_fits_the_screen_title_bar_and_buttons_included(
    window, qtbot, monkeypatch, width: int, height: int,
) -> None:
    """Each dialog fits the screen (less the frame), starts inside it (never
    above the top edge, where its title bar could not be reached), and each
    of its buttons outside a scrolled area lies within it."""
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QAbstractButton

    from ankle_trainer.ui.dialogs import DIALOGS

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, width, height))
    window.move(0, 0)
    window.resize(width - 16, height - 48)

    def check(key: str, dialog: QWidget) -> None:
        assert dialog.width() <= width - 16 and dialog.height() <= height - 48, (key, dialog.size())
        assert dialog.x() >= 0 and dialog.y() >= 0, (key, dialog.pos())
        assert dialog.x() + dialog.width() + 16 <= width and dialog.y() + dialog.height() + 48 <= height, key
        for button in dialog.findChildren(QAbstractButton):
            scrolled = any(isinstance(p, QAbstractScrollArea) for p in _ancestors(button, dialog))
            if button.isVisible() and not scrolled:
                assert dialog.rect().contains(button.geometry().translated(
                    button.parentWidget().mapTo(dialog, button.geometry().topLeft()) - button.geometry().topLeft()
                )), (key, button.text())

    for spec in DIALOGS:
        if spec.key in ("import", "preview", "recover"):
            continue  # a file chooser and a question (the asker), and a dialog that needs a routine
        dialog = window.open_dialog(spec.key)
        assert dialog is not None, spec.key
        QApplication.processEvents()  # posted layout requests, no waiting
        check(spec.key, dialog)
        dialog.close()
    preview = window.open_dialog("preview", window.home.selected_routine())
    check("preview", preview)
    preview.close()


def _ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def test_the_first_run_button_is_one_shift_tab_from_the_routines(make_window, qtbot) -> None:
    win = make_window(settings=Settings(), startup=True)  # first run: the disclaimer banner
    button = win.banners.disclaimer.buttons["I understand"]
    assert win.focusWidget() is win.home.routine_list
    for _ in range(2):  # the banner's controls come right before the list (reading order)
        qtbot.keyClick(win.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        if win.focusWidget() is button:
            break
    assert win.focusWidget() is button
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert win.context.settings.disclaimer_seen


def test_home_at_800_by_600_with_the_disclaimer_and_the_morning_check(make_window, repo, clock, qtbot) -> None:
    from datetime import timedelta

    from ankle_trainer.storage.sample import run_session

    routines = builtin_routines()
    run_session(repo, routines[0], clock.now() - timedelta(days=1), 3, 2)  # yesterday: ask this morning
    for day in range(2, 9):
        run_session(repo, routines[day % 3], clock.now() - timedelta(days=day), 3, 3)
    win = make_window(settings=Settings(), startup=True)  # first run: the disclaimer too
    assert win.banners.disclaimer is not None and win.banners.morning is not None
    win.resize(800, 600)
    for _ in range(3):  # posted layout requests (a banner shown posts one more), no waiting
        QApplication.processEvents()
    assert win.size() == QSize(800, 600)
    home = win.home
    assert outside_parent(win.centralWidget()) == []
    # the list shows at least two routines whole; what does not fit scrolls rather than being cut
    assert home.routine_list.height() >= 2 * home.routine_list.sizeHintForRow(0)
    assert home.recent.isVisible() and home.steps.isVisible()


def test_enter_in_a_banner_box_does_not_start_a_session(make_window, repo, clock, qtbot) -> None:
    from datetime import timedelta

    from ankle_trainer.storage.sample import run_session

    run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    spin = next(iter(win.banners.morning_spins.values()))
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.home  # not the safety check
    win.home.routine_list.setFocus()
    qtbot.keyClick(win.home.routine_list, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.flow.safety_check


def test_a_bad_routine_file_dropped_in_the_folder_is_reported_and_left_alone(make_window, tmp_path, qtbot) -> None:
    store = RoutineStore(tmp_path / "routines", exercise_library())
    win = make_window(routine_store=store, settings=Settings(disclaimer_seen=True), startup=True)
    (tmp_path / "routines").mkdir(exist_ok=True)
    bad = tmp_path / "routines" / "broken.toml"
    bad.write_text("format_version = 1\nid = \"broken\"\n")  # no name, no steps
    watcher = win.routines_watcher
    assert str(tmp_path / "routines") in watcher.watcher.directories()
    watcher.watcher.directoryChanged.emit(str(tmp_path / "routines"))  # as Qt does (see above)
    assert watcher.settle.isActive()
    watcher.settle.stop()
    watcher.settle.timeout.emit()
    assert "could not be used and was left as it is" in win.notice.label.text()
    assert bad.read_text() == "format_version = 1\nid = \"broken\"\n"
    assert "broken" not in [r.id for r in win.home.routines]


def test_focus_mode_has_no_frame_around_the_screen(window, clock, qtbot) -> None:
    start_tiny(window)
    margins = window.centralWidget().layout().contentsMargins()
    window.focus_action.trigger()
    screen = window.flow.session_screen
    qtbot.waitUntil(lambda: screen.mapTo(window, screen.rect().topLeft()).x() == 0,  # edge to edge
                    timeout=2000)
    window.focus_action.trigger()
    assert window.centralWidget().layout().contentsMargins() == margins


@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
def test_every_dialog_opens_with_its_title_bar_on_the_screen(window, monkeypatch, size) -> None:
    from PySide6.QtGui import QScreen

    from ankle_trainer.ui.dialogs import DIALOGS
    from ankle_trainer.ui.shell.focus import FRAME_GUESS

    area = QRect(0, 24, *size)  # a panel at the top, as many desktops have
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: area)
    window.move(-300, -200)  # a window partly off the screen: its dialogs still are not
    for spec in DIALOGS:
        if spec.key in ("import", "recover"):
            continue
        args = (window.home.selected_routine(),) if spec.key == "preview" else ()
        dialog = window.open_dialog(spec.key, *args)
        frame = dialog.frameGeometry()
        if frame.size() == dialog.size():  # no frame known yet: the one a window manager may add
            frame.setSize(dialog.size() + FRAME_GUESS)
        assert area.contains(frame), (spec.key, frame, area)
        dialog.close()


@pytest.mark.parametrize("size", [(800, 600), (1280, 720)])
@pytest.mark.parametrize("key", ["editor", "settings"])
def test_the_editor_and_settings_never_scroll_sideways(window, qtbot, monkeypatch, key, size) -> None:
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, *size))
    dialog = window.open_dialog(key)
    if key == "editor":
        dialog.list.setCurrentRow(0)  # a routine and its selected step on show
        dialog.steps.setCurrentRow(0)
    QApplication.processEvents()  # posted layout requests, no waiting
    try:
        _fits_its_width(dialog, key)
    finally:
        dialog.close()


def _fits_its_width(dialog, key: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    areas = [a for a in dialog.findChildren(QScrollArea) if a.widgetResizable() and a.isVisible()]
    assert areas, key
    for area in areas:
        content = area.widget()
        assert content.width() <= area.viewport().width(), (key, content.width(), area.viewport().width())
        assert outside_parent(content) == [], key
    if key == "editor":  # the fields the tester found cut at the right edge
        for field in (dialog.description, dialog.balance, dialog.tempo[2], dialog.exercise):
            right = field.mapTo(dialog, field.rect().topRight()).x()
            assert right <= dialog.width(), (field.accessibleName(), right, dialog.width())


def test_a_dialog_above_or_left_of_the_screen_is_moved_onto_it(qtbot, monkeypatch) -> None:
    """fit_to_screen shrinks and moves: a dialog first centred over its window
    at full size (top edge above the screen) ends with its title bar on it."""
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QDialog

    from ankle_trainer.ui.shell.focus import fit_to_screen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 800, 600))
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(680, 820)
    dialog.move(-40, -20)
    fit_to_screen(dialog)
    assert dialog.size() == QSize(680, 552)
    screen = QRect(0, 0, 800, 600)
    assert screen.contains(dialog.frameGeometry()), dialog.frameGeometry()
    assert dialog.frameGeometry().top() == 0  # moved down only as far as needed
    dialog.move(500, 300)  # hanging off the right and the bottom: moved back
    fit_to_screen(dialog)
    assert screen.contains(dialog.frameGeometry()), dialog.frameGeometry()
    assert dialog.frameGeometry().right() == 799 and dialog.frameGeometry().bottom() == 599


def test_a_dialog_not_framed_yet_leaves_room_above_for_its_title_bar(qtbot, monkeypatch) -> None:
    """Before the window manager has framed a dialog its frame is unknown: the
    dialog itself is placed below a guessed title bar (a frame-relative move
    let the window manager put the dialog's own top at the screen's top)."""
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QDialog

    from ankle_trainer.ui.shell.focus import FRAME_GUESS, FRAME_LEFT, FRAME_TOP, fit_to_screen

    area = QRect(0, 0, 1280, 720)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: area)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.resize(1100, 700)
    dialog.move(90, -10)  # centred over a window at its full size: above the top edge
    assert dialog.frameGeometry() == dialog.geometry()  # not framed: nothing known
    fit_to_screen(dialog)
    inner = dialog.geometry()
    assert inner.size() == QSize(1100, 720 - FRAME_GUESS.height())
    assert inner.top() >= area.top() + FRAME_TOP and inner.left() >= area.left() + FRAME_LEFT
    assert inner.bottom() + FRAME_GUESS.height() - FRAME_TOP <= area.bottom()


def test_esc_leaves_focus_mode_on_every_page_and_does_only_that(window, clock, qtbot) -> None:
    """Twenty-eighth re-test: in focus mode, Esc on the end-of-session summary
    said "Esc has nothing to stop" and stayed full screen; on the pain check
    it went home, still full screen. F1 says Esc leaves focus mode: it does,
    wherever the keyboard is, and the page stays as it was."""
    from tests.ui.test_tester_findings import run_to_summary

    def esc_in_focus_mode(page) -> None:  # type: ignore[no-untyped-def]
        window.focus_action.trigger()
        assert window.isFullScreen()
        target = QApplication.focusWidget() or page
        assert page.isAncestorOf(target) or target is page
        qtbot.keyClick(target, Qt.Key.Key_Escape)
        assert not window.isFullScreen(), page
        assert window.stack.currentWidget() is page  # only focus mode was left

    window.home.select_routine("tiny")
    window.home.start_button.click()
    esc_in_focus_mode(window.flow.pain_check)
    window.flow.pain_check.scale.setValue(2)
    window.flow.pain_check.start_button.click()
    summary = run_to_summary(window, clock)
    esc_in_focus_mode(summary)
    from PySide6.QtWidgets import QLabel
    said = " ".join(label.text() for label in summary.findChildren(QLabel) if label.isVisible())
    assert "nothing to stop" not in said  # Esc was focus mode's, not the summary's
    for key in ("history", "progress", "heel_rise"):
        if key == "history":
            summary.scale.setValue(2)
            summary.save_button.click()
        page = window.show_screen(key)
        esc_in_focus_mode(page)


@pytest.mark.parametrize("key", ["shortcuts", "settings", "about", "export"])
def test_a_dialog_opened_during_a_session_holds_its_clock_until_it_closes(window, clock, key) -> None:
    """Twenty-eighth re-test: F1's list and Settings opened over a session let
    the clock run on, and a set began unseen behind them (the Stop and Quit
    questions hold it). Every dialog the session allows holds it while open;
    a session paused before stays paused after."""
    start_tiny(window)
    engine = window.controller.engine
    advance(window, clock, 3.0)
    left = engine.remaining()
    dialog = window.open_dialog(key)
    assert dialog is not None and engine.paused
    advance(window, clock, 30.0)  # a long read of the keys
    assert engine.remaining() == left and engine.current.phase is Phase.GET_READY
    dialog.reject()
    assert engine.running and not engine.paused
    engine.pause()
    window.open_dialog(key).reject()
    assert engine.paused  # the runner's own pause is kept


@pytest.mark.parametrize("key", ["editor", "settings", "export", "report", "about"])
def test_f1_over_a_dialog_shows_the_keys(window, qtbot, key) -> None:
    """Twenty-eighth re-test: F1 did nothing while the routine editor or
    Settings was open. It shows the keyboard shortcuts over any dialog."""
    from ankle_trainer.ui.dialogs.about import ShortcutsDialog

    dialog = window.open_dialog(key)
    try:
        dialog.activateWindow()  # as the window manager makes it, on top
        QApplication.processEvents()
        assert QApplication.activeWindow() is dialog
        target = QApplication.focusWidget() if dialog.isAncestorOf(QApplication.focusWidget()) else dialog
        qtbot.keyClick(target, Qt.Key.Key_F1)
        shown = [d for d in dialog.findChildren(ShortcutsDialog) if d.isVisible()]
        assert len(shown) == 1, key
        room = QApplication.primaryScreen().availableGeometry()  # within the screen, as from the window
        assert shown[0].frameGeometry().height() <= room.height(), (key, shown[0].height(), room)
        shown[0].reject()
    finally:
        dialog.reject()


def test_severe_pain_before_a_session_is_answered_with_where_to_go(window, qtbot) -> None:
    """Twenty-eighth re-test: 9/10 "very severe" on the pain check started the
    session without a word, though the welcome note says severe pain is for a
    health professional. From the first rating the scale calls severe, the
    page says so again; a lower rating takes it back. The runner may start."""
    from ankle_trainer.ui.screens.session.pages import PAIN_WORDS, SEVERE

    assert PAIN_WORDS[SEVERE] == "severe" and "severe" not in PAIN_WORDS[SEVERE - 1]
    window.resize(800, 600)
    window.home.select_routine("tiny")
    window.home.start_button.click()
    page = window.flow.pain_check
    assert not page.note.isVisible()
    qtbot.keyClick(page, Qt.Key.Key_9)
    assert page.note.isVisible() and "see a health professional" in page.note.text()
    note = page.note.geometry()
    assert page.rect().contains(note) and page.note.heightForWidth(note.width()) <= note.height()
    qtbot.keyClick(page, Qt.Key.Key_3)
    assert not page.note.isVisible()
    qtbot.keyClick(page, Qt.Key.Key_7)
    assert page.note.isVisible()
    qtbot.keyClick(page.scale.slider, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.flow.session_screen  # the choice stays the runner's


def test_a_session_key_on_the_summary_says_why_it_does_nothing(window, clock, qtbot) -> None:
    """Twenty-eighth re-test: E on the summary (a routine whose last exercise
    has no rest after its last set) did nothing and said nothing. Each of the
    session's keys says why it cannot act there, and how to finish."""
    from tests.ui.test_tester_findings import run_to_summary

    start_tiny(window)
    summary = run_to_summary(window, clock)
    for key, word in ((Qt.Key.Key_E, "no set to correct"), (Qt.Key.Key_Space, "nothing to pause"),
                      (Qt.Key.Key_H, "no exercise to show"), (Qt.Key.Key_Plus, "no rest to lengthen")):
        qtbot.keyClick(QApplication.focusWidget() or summary, key)
        assert summary.note.isVisible() and word in summary.note.text(), key
        assert "press a number key 0 to 9" in summary.note.text()
        assert window.stack.currentWidget() is summary
    assert summary.scale.value() is None  # nothing rated by them


def test_the_open_routine_editor_follows_a_routine_added_outside(make_window, tmp_path) -> None:
    """Twenty-ninth re-test: a routine imported on the command line showed on
    home at once but in the open routine editor only once it was reopened.
    The editor's list follows the folder, on the routine it showed; with
    unsaved changes it waits (their save reloads it)."""
    store = RoutineStore(tmp_path / "routines", exercise_library())
    win = make_window(routine_store=store, settings=Settings(disclaimer_seen=True), startup=True)
    editor = win.open_dialog("editor")
    try:
        assert editor.new_routine()
        mine = editor.working.id
        (tmp_path / "routines" / "tiny.toml").write_text(TINY_ROUTINE)  # as the command line does
        watcher = win.routines_watcher
        watcher.watcher.directoryChanged.emit(str(tmp_path / "routines"))
        watcher.settle.stop()
        watcher.settle.timeout.emit()
        assert "tiny" in [r.id for r in editor.mine]
        assert editor.selected().id == mine  # still on the routine it showed
        editor.ask_name = lambda current: "Renamed"
        assert editor.rename() and editor.dirty()
        (tmp_path / "routines" / "tiny.toml").unlink()
        watcher.watcher.directoryChanged.emit(str(tmp_path / "routines"))
        watcher.settle.stop()
        watcher.settle.timeout.emit()
        assert editor.working.name == "Renamed" and editor.dirty()  # unsaved work untouched
    finally:
        editor.ask_unsaved = lambda r: "discard"
        editor.reject()


def test_open_folder_says_where_the_data_is_when_no_file_manager_opens_it(window, monkeypatch) -> None:
    """Thirty-first re-test: "Open folder" in Settings did nothing visible on a
    computer without a file manager (the failure went to the terminal)."""
    from PySide6.QtGui import QDesktopServices

    dialog = window.open_dialog("settings")
    try:
        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
        dialog.open_folder.click()
        assert dialog.folder_note.isVisibleTo(dialog)
        assert str(dialog.data_dir) in dialog.folder_note.text() and "No file manager" in dialog.folder_note.text()
        monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
        dialog.open_folder.click()
        assert not dialog.folder_note.isVisibleTo(dialog)
    finally:
        dialog.reject()
