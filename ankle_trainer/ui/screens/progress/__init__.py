"""Progress: adherence, calendar, pain and volume charts (pyqtgraph)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..spec import ScreenSpec

if TYPE_CHECKING:
    from ..spec import Host


def preload() -> threading.Thread:
    """Import the progress page, pyqtgraph and NumPy (about 0.25 s) on a
    background thread, so the screen's first opening does not wait for them.

    Started once the first screen is painted and the event loop is idle
    (ui.app); opening the screen meanwhile simply waits for the import to end.
    Returns the (daemon) thread.
    """

    def load() -> None:
        from . import page  # noqa: F401

    thread = threading.Thread(target=load, name="preload-charts", daemon=True)
    thread.start()
    return thread


def prepare(host: Host, poll_ms: int = 50) -> threading.Thread:
    """Preload the charts, then build the (hidden) progress screen on the main
    thread once the import is done and the event loop is idle: its first
    opening only reads the data. Returns the loading thread."""
    from PySide6.QtCore import QTimer

    thread = preload()

    def build_when_loaded() -> None:
        if thread.is_alive():
            QTimer.singleShot(poll_ms, build_when_loaded)
        else:
            host.screen("progress")

    QTimer.singleShot(poll_ms, build_when_loaded)
    return thread


def build(host: Host) -> Any:
    """The progress page; it reloads when sessions, levels, routines or settings
    (targets, first day of the week) change."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ....app.changes import Change
    from ..spec import follow_changes

    ctx = host.context
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        from .page import ProgressPage  # pyqtgraph and NumPy, unless preloaded

        page = ProgressPage(ctx.history, ctx.today)
    finally:
        QApplication.restoreOverrideCursor()
    page.settings_now = lambda: (ctx.target_choices(), ctx.settings.weekly_target, ctx.settings.first_day_of_week)
    page.pain_zones = lambda: (min(ctx.settings.safe_zone_max, ctx.settings.pain_threshold - 1),
                               ctx.settings.pain_threshold)
    own = [False]

    def target_changed(routine_id: str | None, value: int) -> None:
        own[0] = True  # the page has already redrawn with the new target
        try:
            message = ctx.set_target(routine_id, value)
        finally:
            own[0] = False
        if message:
            host.show_message(message)

    page.homeRequested.connect(host.go_home)
    page.targetChanged.connect(target_changed)
    page.chart_folder = lambda: ctx.last_place("chart", Path.home(), folder=True)

    def saved(path: str) -> None:
        host.quiet_message(f"Chart saved to {path}")
        message = ctx.remember_place("chart", Path(path).parent)  # offered next time
        if message:
            host.show_message(message)

    page.saved.connect(saved)
    page.failed.connect(host.show_message)
    follow_changes(page, host, Change.SESSIONS | Change.SETTINGS | Change.LEVELS | Change.ROUTINES,
                   lambda: None if own[0] else page.refresh())
    return page


SPEC = ScreenSpec("progress", "&Progress charts", "Ctrl+3", build, object_name="progressAction")
