"""The tray icon and the training reminders, started after the first paint."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ... import APP_NAME

if TYPE_CHECKING:
    from .window import MainWindow


def start_tray_and_reminders(window: MainWindow) -> None:
    """Show the tray icon (where the desktop has a tray) and start the reminder check."""
    from ..tray import ReminderService, Tray, build_tray_menu

    if Tray.available() and window.tray is None:
        last = window.last_routine()
        menu = build_tray_menu(window, lambda: start_last_routine(window), window.bring_forward,
                               window.quit_app, last.name if last else None)
        window.tray = Tray(window.windowIcon(), menu, window.bring_forward)
        window.tray.show()
    if window.reminders is None:
        ctx = window.context
        window.reminders = ReminderService(ctx.clock, ctx.history, lambda: ctx.settings,
                                           lambda text: show_reminder(window, text))
        window.reminders.start()


def start_last_routine(window: MainWindow) -> None:
    """From the tray: bring the window forward and start the last routine."""
    routine = window.last_routine()
    window.bring_forward()
    if routine is not None and not window.controller.running:
        window.home.select_routine(routine.id)
        window.flow.begin(routine)


def show_reminder(window: MainWindow, text: str) -> None:
    """A reminder: a tray notification, or the notice bar and a taskbar alert."""
    if window.tray is not None:
        window.tray.notify(APP_NAME, text)
    else:
        window.show_message(text)
        from PySide6.QtWidgets import QApplication

        QApplication.alert(window)
