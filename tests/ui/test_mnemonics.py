"""No two controls of a dialog share an Alt+letter (the first would always win)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)

from ankle_trainer.ui.dialogs import DIALOGS

_MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, text) for every control of ``root``'s window with an Alt+letter."""
    texts = []
    for w in root.findChildren(QWidget):
        if w.window() is not root:
            continue
        if isinstance(w, QAbstractButton | QGroupBox):
            texts.append(w.text() if isinstance(w, QAbstractButton) else w.title())
        elif isinstance(w, QLabel) and w.buddy() is not None:
            texts.append(w.text())
        elif isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
    return [(m.group(1).lower(), t) for t in texts for m in _MNEMONIC.finditer(t.replace("&&", ""))]


@pytest.mark.parametrize("key", [s.key for s in DIALOGS if s.key not in ("import", "recover")])
def test_no_two_controls_of_a_dialog_share_a_mnemonic(make_window, key: str) -> None:
    window = make_window()
    args = (window.home.selected_routine(),) if key == "preview" else ()
    dialog = window.open_dialog(key, *args)
    try:
        seen: dict[str, str] = {}
        clashes = []
        for letter, text in mnemonics(dialog):
            if letter in seen:
                clashes.append(f"Alt+{letter.upper()}: {seen[letter]!r} and {text!r}")
            seen.setdefault(letter, text)
        assert clashes == [], clashes
    finally:
        dialog.close()


def test_export_is_alt_e_and_tab_reaches_it_before_cancel(make_window) -> None:
    window = make_window()
    dialog = window.open_dialog("export")
    try:
        assert ("e", "&Export") in mnemonics(dialog)
        cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        chain, w = [], dialog.sessions
        while w not in chain:
            chain.append(w)
            w = w.nextInFocusChain()
        assert chain.index(dialog.export_button) < chain.index(cancel)
    finally:
        dialog.close()


def test_the_shortcut_list_shows_that_it_has_the_keyboard(make_window, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    window = make_window()
    dialog = window.open_dialog("shortcuts")
    try:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
        assert dialog.focusWidget() is dialog.scroll  # the list first, not the Close button
        focused = dialog.scroll.grab().toImage()
        close = dialog.findChild(QDialogButtonBox).buttons()[0]
        close.setFocus()
        qtbot.waitUntil(lambda: not dialog.scroll.hasFocus())
        assert dialog.scroll.grab().toImage() != focused  # its edge is drawn only with focus
    finally:
        dialog.close()
