"""Focus mode (full screen for a session) and the window's size and place.

Focus mode hides the menu bar, so every shortcut is also an action of the
window itself (see menus.py): F11, Ctrl+Q and F1 keep working in it. The
geometry saved at quitting is always the normal one, so the next start never
opens full screen, and a saved or default size never exceeds the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtWidgets import QWidget

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
    fit_to_screen(window)


def fit_to_screen(widget: QWidget) -> None:
    """Shrink a top-level ``widget`` (window or dialog) to the screen's available
    room, less the frame and title bar the window manager adds, and move it
    so that all of it, title bar included, is on the screen (a dialog first
    centred over its window at its full size may start above the top edge)."""
    screen = QWidget.screen(widget)  # the main window's own screen() picks a page
    if screen is None:
        return
    area = screen.availableGeometry()
    room = QSize(max(320, area.width() - 16), max(240, area.height() - 48))
    if widget.width() > room.width() or widget.height() > room.height():
        widget.resize(widget.size().boundedTo(room))
    if not widget.isVisible():
        return  # not shown yet: the window manager places it on the screen
    # Keep the frame on the screen. Before the window manager has framed the
    # window (just after show()) its margins are unknown: allow for a title
    # bar of up to 32 and borders of 8 (within the 16 x 48 left above).
    frame, inner = widget.frameGeometry(), widget.geometry()
    framed = frame != inner
    left, top = (inner.x() - frame.x(), inner.y() - frame.y()) if framed else (8, 32)
    right = frame.right() - inner.right() if framed else 8
    bottom = frame.bottom() - inner.bottom() if framed else 8
    x = min(max(inner.x(), area.left() + left), area.left() + area.width() - inner.width() - right)
    y = min(max(inner.y(), area.top() + top), area.top() + area.height() - inner.height() - bottom)
    x, y = max(x, area.left() + left), max(y, area.top() + top)
    if (x, y) != (inner.x(), inner.y()):
        widget.move(x - (inner.x() - frame.x()), y - (inner.y() - frame.y()))


def toggle_focus_mode(window: MainWindow) -> None:
    """Full screen with large digits, menus and status bar hidden (F11; F11 or Esc leaves)."""
    on = not window.isFullScreen()
    window.showFullScreen() if on else window.showNormal()
    window.menuBar().setVisible(not on)
    window.statusBar().setVisible(not on)
    window.flow.session_screen.set_focus_mode(on)
    layout = window.centralWidget().layout()  # no light frame around the black screen
    if on:
        window.setProperty("normalMargins", layout.contentsMargins())
        layout.setContentsMargins(0, 0, 0, 0)
    elif window.property("normalMargins") is not None:
        layout.setContentsMargins(window.property("normalMargins"))
    action = window.actions_by_key.get("focus")
    if action is not None:
        action.setChecked(on)


def geometry_to_save(window: MainWindow) -> str:
    """The window's normal geometry as base64 (focus mode is left first)."""
    if window.isFullScreen():
        toggle_focus_mode(window)
    return bytes(window.saveGeometry().toBase64().data()).decode()
