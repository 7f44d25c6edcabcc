"""Starting the GUI: data folder, history, main window, first paint.

Only what the first screen needs is imported before it is painted: QtWidgets,
sqlite3 and the routine files. Charts and sound load later, when used.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QObject,
    QTimer,
    QtMsgType,
    qFormatLogMessage,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from .. import APP_ID, APP_NAME, platform_check
from ..app.context import build_context
from ..assets import asset
from ..core.clock import Clock, SystemClock
from ..core.library import builtins_through_cache, exercise_library
from ..paths import ENV_DATA_DIR, ensure_private_dir, resolve_data_dir
from ..storage.db import DatabaseOpenError
from ..storage.errors import StorageError
from ..storage.history import open_history
from ..storage.routine_store import RoutineStore
from ..storage.settings import SettingsStore
from .shell.window import MainWindow
from .single_instance import SingleInstance


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


def _after_first_paint(
    app: QApplication, window: MainWindow, instance: SingleInstance, quit_after_startup: bool
) -> None:
    # Work the first screen does not need waits until it is on screen.
    # Garbage collection, off since cli.main, comes back on; what start-up
    # made lives as long as the window, so later collections skip it.
    gc.freeze()
    gc.enable()
    if quit_after_startup:  # painted once: that is all this option asks for
        app.quit()
        return
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(asset("icons", "ankle-trainer.svg"))))
    try:  # the change-capturing triggers left for now (see open_history)
        window.context.history.finish_opening()
    except StorageError as exc:  # tried again before anything is written
        window.storage_failed(str(exc))
    window.finish_startup()
    instance.listen(window.bring_forward)
    # Charts: pyqtgraph and NumPy load in the background once the loop is idle,
    # then the progress screen is built hidden, so it opens without waiting.
    from .screens.progress import prepare

    QTimer.singleShot(0, lambda: prepare(window))


NO_DISPLAY_NOTE = (
    "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window "
    "is drawn offscreen, where nobody can see it. Start Ankle Trainer from a desktop "
    "session to use it. Press Ctrl+C to quit."
)


def _use_offscreen_if_no_display() -> bool:
    """On Linux without a display, Qt would abort; draw offscreen instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return False
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return True


class _CtrlC:
    """Quit cleanly on Ctrl+C (SIGINT) from the terminal.

    Python runs signal handlers only when it gets control back from Qt, so
    a slow timer hands it control now and then.

    Through ``_signal``, the C module under the standard library's
    ``signal``: importing ``signal`` builds its three enum types (Signals,
    Handlers, Sigmasks), about 3 million instructions of start-up, only to
    wrap the numbers this class passes straight through (the previous
    handler is put back as it was handed out).
    """

    def __init__(self) -> None:
        import _signal

        self._signal = _signal
        self.requested = False
        self._previous = _signal.signal(_signal.SIGINT, self._handle)
        self._timer: QTimer | None = None

    def _handle(self, signum: int, frame: object) -> None:
        self.requested = True
        if QApplication.instance() is not None:
            QTimer.singleShot(0, QApplication.quit)

    def watch(self) -> None:
        self._timer = QTimer()
        self._timer.timeout.connect(lambda: None)
        self._timer.start(250)

    def restore(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._signal.signal(self._signal.SIGINT, self._previous)


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    # The plain-buttons style (ui/theme.install_style) comes with the window's
    # finish_startup(), after the first paint: a Python style is called for
    # every widget drawn and made PySide6 build ~150 more enum types, about
    # 25 ms of start-up. Nothing before that paint shows a dialog button.
    return app


def show_fatal(message: str, interactive: bool) -> None:
    print(f"ankle-trainer: {message}", file=sys.stderr)
    if interactive:
        from PySide6.QtWidgets import QMessageBox

        from .theme import install_style

        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_style(app)  # as in the window: the OK button without a stock icon

        QMessageBox.critical(None, f"{APP_NAME} cannot start", message)


def build_window(
    data_dir: Path, clock: Clock | None = None, store: SettingsStore | None = None
) -> MainWindow:
    """Open the history and settings for ``data_dir`` and build the window.

    Raises DatabaseOpenError (with a message for the user) when the history
    cannot be opened safely.
    """
    repo, notices = open_history(data_dir, defer=True)  # finished after the first paint
    store = store or SettingsStore.for_app(data_dir, data_dir_chosen=True)
    loaded = store.load()
    if loaded.notice:
        notices.append(loaded.notice)
    context = build_context(
        repo,
        builtins_through_cache(Path(data_dir) / "cache"),
        clock or SystemClock(),
        settings=loaded.settings,
        settings_store=store,
        data_dir=data_dir,
        routine_store=RoutineStore(Path(data_dir) / "routines", exercise_library),
    )
    window = MainWindow(context)
    for notice in notices:
        window.show_message(notice)
    return window


def run_gui(data_dir: str | None = None, quit_after_startup: bool = False) -> int:
    ctrl_c = _CtrlC()
    previous_log = qInstallMessageHandler(_quiet_qt_log)
    try:
        return _run(ctrl_c, data_dir, quit_after_startup)
    finally:
        gc.enable()  # if start-up failed before the first paint
        qInstallMessageHandler(previous_log)
        ctrl_c.restore()


def _quiet_qt_log(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's log in Qt's own format, minus lines that mean nothing to users
    (platform_check.QT_NOISE)."""
    if not platform_check.is_qt_noise(message):
        print(qFormatLogMessage(mode, context, message), file=sys.stderr, flush=True)


def _xcb_problem(folder: Path) -> str | None:
    """The missing-X11-libraries message, if any; a clean answer is kept in
    the data ``folder``'s cache, so ``ldd`` runs only after a change."""
    if not platform_check.uses_xcb(os.environ):
        return None  # offscreen, Wayland or no display: the plugin path is not even asked
    from PySide6.QtCore import QLibraryInfo

    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    return platform_check.xcb_problem(Path(plugins), cache_dir=folder / "cache")


def _binding_problem() -> str | None:
    import PySide6

    return platform_check.binding_message(PySide6.__version__, sys.version_info, sys.executable)


def _run(ctrl_c: _CtrlC, data_dir: str | None, quit_after_startup: bool) -> int:
    no_display = _use_offscreen_if_no_display()
    folder = resolve_data_dir(data_dir)
    chosen = bool(data_dir or os.environ.get(ENV_DATA_DIR))
    problem = _xcb_problem(folder)  # before Qt tries the plugin and aborts
    if problem:
        show_fatal(problem, interactive=False)  # no window can open
        return 4
    app = ensure_app()
    problem = _binding_problem()
    if problem:  # said now, not by a crash mid-session
        show_fatal(problem, interactive=not quit_after_startup)
        return 4
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        from ..storage.folder_check import cannot_use

        show_fatal(cannot_use(folder, exc), interactive=not quit_after_startup)
        return 2
    instance = SingleInstance(folder)
    if not instance.acquire():
        from ..storage.folder_check import folder_problem

        problem = folder_problem(folder)
        if problem or not instance.held_by_another_copy():
            show_fatal(problem or f"Ankle Trainer cannot create its lock file in the data folder "
                       f"{folder}. Check that the folder can be written.",
                       interactive=not quit_after_startup)
            return 2
        if instance.hand_over():
            print(
                "ankle-trainer: Ankle Trainer is already running with this data folder; "
                "its window has been brought forward.",
                file=sys.stderr,
            )
            return 0
        if not instance.take_over_copied_lock():
            show_fatal(
                f"Another copy of Ankle Trainer is using the data folder {folder} but does "
                "not answer. Close it (or end it in your task manager) and start again.",
                interactive=not quit_after_startup,
            )
            return 3
    if no_display:  # said once this copy is the running one
        print(f"ankle-trainer: {NO_DISPLAY_NOTE}", file=sys.stderr, flush=True)
    try:
        try:
            window = build_window(folder, store=SettingsStore.for_app(folder, chosen))
        except DatabaseOpenError as exc:
            show_fatal(str(exc), interactive=not quit_after_startup)
            return 2
        window.installEventFilter(
            _AfterFirstPaint(
                window, lambda: _after_first_paint(app, window, instance, quit_after_startup)
            )
        )
        window.show()
        if ctrl_c.requested:
            window.context.history.close()
            return 0
        ctrl_c.watch()
        try:
            return app.exec()
        finally:
            window.context.history.close()
    finally:
        instance.release()
