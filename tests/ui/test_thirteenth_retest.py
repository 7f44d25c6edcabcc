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
