"""Issue 11 (second pass): at 784 x 552 (an 800 x 600 screen less the window frame)
the window never changes size by itself, whatever screen or session phase shows:
rep rows, the after-set row with a pain-during rating, the how-to, a long routine
name, the progress charts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.settings import Settings
from tests.ui.test_session_gui import advance

SIZE = QSize(784, 552)


@pytest.fixture
def window(make_window, tiny_routine):  # type: ignore[no-untyped-def]
    win = make_window(routines=(tiny_routine, *builtin_routines()), safety_done=True,
                      settings=Settings(disclaimer_seen=True), startup=True)
    win.resize(SIZE)
    return win


def fits(window, qtbot, where: str) -> None:  # type: ignore[no-untyped-def]
    QApplication.processEvents()  # posted layout requests, no waiting
    assert window.size() == SIZE, (where, window.size())
    hint = window.minimumSizeHint()
    assert hint.width() <= SIZE.width() and hint.height() <= SIZE.height(), (where, hint)
    page = window.stack.currentWidget()  # long words wrap: the page never scrolls sideways
    assert page.minimumSizeHint().width() <= window.stack.width(), (where, page.minimumSizeHint())
    if page is window.flow.session_screen:  # the session fits whole: Back, Pause, Skip, Stop in view
        area = page.parentWidget().parentWidget()  # the stack's scroll area round the page
        assert not area.verticalScrollBar().isVisible(), (where, page.size(), area.viewport().size())


def start(window, routine_id: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.show_screen("home")
    window.home.select_routine(routine_id)
    window.home.start_button.click()
    fits(window, qtbot, f"{routine_id}: pain check")
    window.flow.pain_check.scale.setValue(2)
    window.flow.pain_check.start_button.click()
    assert window.stack.currentWidget() is window.flow.session_screen


@pytest.mark.parametrize("routine_id", ["heel-drops-floor", "ankle-mobility", "tiny"])
def test_a_whole_session_never_changes_the_window_size(window, clock, qtbot, routine_id) -> None:
    window.banners.offer_disclaimer()
    for key in ("home", "history", "progress", "heel_rise", "learn", "home"):
        window.show_screen(key)
        fits(window, qtbot, key)
    start(window, routine_id, qtbot)
    screen = window.flow.session_screen
    for step in range(400):
        if window.stack.currentWidget() is not screen:
            break
        advance(window, clock, 4.0, step=1.0)
        if screen.after_set.isVisible() and screen._rated is None:
            qtbot.keyClick(screen, Qt.Key.Key_7)  # pain during: the advice row shows too
            fits(window, qtbot, f"{routine_id} advice {step}")
            qtbot.keyClick(screen, Qt.Key.Key_C)
        screen.howto_button.setChecked(step % 2 == 0)
        fits(window, qtbot, f"{routine_id} step {step}")
    assert window.stack.currentWidget() is window.flow.summary
    fits(window, qtbot, f"{routine_id} summary")
