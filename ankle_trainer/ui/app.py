"""Starting the GUI: data folder, history, main window, first paint.

Only what the first screen needs is imported before it is painted: QtWidgets,
sqlite3 and the routine files. Charts and sound load later, when used.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME
from ..assets import asset
from ..core.clock import Clock, SystemClock
from ..core.library import builtin_routines
from ..paths import resolve_data_dir
from ..storage.db import DatabaseOpenError
from ..storage.history import open_history
from .main_window import MainWindow


class _AfterFirstPaint(QObject):
    """Runs a callback once, right after the watched widget first paints."""

    def __init__(self, parent: QObject, callback: Callable[[], None]) -> None:
        super().__init__(parent)
        self._callback = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._callback)
        return False


def _after_first_paint(app: QApplication, quit_after_startup: bool) -> None:
    # Work the first screen does not need waits until it is on screen.
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(asset("icons", "ankle-trainer.svg"))))
    if quit_after_startup:
        app.quit()


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    return app


def show_fatal(message: str, interactive: bool) -> None:
    print(f"ankle-trainer: {message}", file=sys.stderr)
    if interactive:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, f"{APP_NAME} cannot start", message)


def build_window(data_dir: Path, clock: Clock | None = None) -> MainWindow:
    """Open the history in ``data_dir`` and build the window on it.

    Raises DatabaseOpenError (with a message for the user) when the history
    cannot be opened safely.
    """
    repo, notices = open_history(data_dir)
    window = MainWindow(
        repo, builtin_routines(), clock or SystemClock(), data_dir=str(data_dir)
    )
    for notice in notices:
        window.notice.show_message(notice)
    return window


def run_gui(data_dir: str | None = None, quit_after_startup: bool = False) -> int:
    app = ensure_app()
    try:
        window = build_window(resolve_data_dir(data_dir))
    except DatabaseOpenError as exc:
        show_fatal(str(exc), interactive=not quit_after_startup)
        return 2
    window.installEventFilter(
        _AfterFirstPaint(window, lambda: _after_first_paint(app, quit_after_startup))
    )
    window.show()
    try:
        return app.exec()
    finally:
        window.repo.close()
