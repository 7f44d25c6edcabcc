"""Focus mode (full screen for a session) and the window's size and place.

Focus mode hides the menu bar, so every shortcut is also an action of the
window itself (see menus.py): F11, Ctrl+Q and F1 keep working in it. The
geometry saved at quitting is always the normal one, so the next start never
opens full screen, and a saved or default size never exceeds the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt

if TYPE_CHECKING:
    from .window import MainWindow

DEFAULT_SIZE = QSize(1024, 720)


def place_window(window: MainWindow, saved: str) -> None:
    """Size ``window`` from the ``saved`` geometry (base64, may be "") or the
    default, never full screen, never larger than the available screen."""
    window.resize(DEFAULT_SIZE)
    if saved:
        window.restoreGeometry(QByteArray.fromBase64(saved.encode()))
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowFullScreen)
    from PySide6.QtWidgets import QWidget

    screen = QWidget.screen(window)  # the window's own screen() picks a page
    if screen is not None:
        room = screen.availableGeometry().size()
        # leave space for the window frame and title bar the window manager adds
        room = QSize(max(640, room.width() - 16), max(480, room.height() - 48))
        if window.width() > room.width() or window.height() > room.height():
            window.resize(window.size().boundedTo(room))


def toggle_focus_mode(window: MainWindow) -> None:
    """Full screen with large digits, menus and status bar hidden (F11; F11 or Esc leaves)."""
    on = not window.isFullScreen()
    window.showFullScreen() if on else window.showNormal()
    window.menuBar().setVisible(not on)
    window.statusBar().setVisible(not on)
    window.flow.session_screen.set_focus_mode(on)
    action = window.actions_by_key.get("focus")
    if action is not None:
        action.setChecked(on)


def geometry_to_save(window: MainWindow) -> str:
    """The window's normal geometry as base64 (focus mode is left first)."""
    if window.isFullScreen():
        toggle_focus_mode(window)
    return bytes(window.saveGeometry().toBase64().data()).decode()
