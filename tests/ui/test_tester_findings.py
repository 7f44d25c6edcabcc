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
