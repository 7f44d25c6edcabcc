"""Keys that work the same on every page and dialog of the app.

Enter presses the focused button (a push or tool button), as Tab and the F1
list promise: a page's own Enter (home starts a session, the pain check
records its rating) is for when no button has the focus. Qt does this only
for push buttons in a dialog ("auto default"), so a button on a page passed
Enter on to its page, which pressed its main button instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton


class EnterPressesFocusedButton(QObject):
    """An application event filter: Enter on a focused, enabled button clicks it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, (QPushButton, QToolButton)):
            return False
        from PySide6.QtCore import Qt

        assert isinstance(event, QKeyEvent)
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            return False  # Ctrl+Return and the like are shortcuts, not a press
        if not (watched.isEnabled() and watched.isVisible() and watched.hasFocus()):
            return False
        if watched.menu() is not None:
            watched.showMenu()
        else:
            watched.click()
        return True


def install_key_rules(app: QApplication) -> None:
    """Install the app-wide keys (once; later calls do nothing)."""
    if app.findChild(EnterPressesFocusedButton) is None:
        app.installEventFilter(EnterPressesFocusedButton(app))
