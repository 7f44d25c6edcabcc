"""Tray icon and reminders.

Reminders are checked on a slow timer against the injected clock; the
decision itself is the pure function in core.reminders. Where the desktop
has no tray, the reminder shows in the window instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from ..core.clock import Clock
from ..core.reminders import reminder_due
from ..storage.history import HistoryRepository
from ..storage.settings import Settings

CHECK_MS = 30_000
REMINDER_TEXT = "Time for your ankle exercises: a short session now counts towards this week."  # true with no streak


def build_tray_menu(
    parent: QWidget,
    start_last: Callable[[], None],
    show: Callable[[], None],
    quit_app: Callable[[], None],
    last_routine_name: str | None,
) -> QMenu:
    menu = QMenu(parent)
    start = QAction(
        f"Start {last_routine_name}" if last_routine_name else "Start last routine", menu
    )
    start.setEnabled(last_routine_name is not None)
    start.triggered.connect(start_last)
    show_action = QAction("Show Ankle Trainer", menu)
    show_action.triggered.connect(show)
    quit_action = QAction("Quit", menu)
    quit_action.triggered.connect(quit_app)
    menu.addAction(start)
    menu.addAction(show_action)
    menu.addSeparator()
    menu.addAction(quit_action)
    return menu


class Tray(QObject):
    """The tray icon, where the desktop has a tray."""

    def __init__(self, icon: QIcon, menu: QMenu, on_activated: Callable[[], None]) -> None:
        super().__init__()
        self.icon = QSystemTrayIcon(icon)
        self.icon.setToolTip("Ankle Trainer")
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(lambda reason: on_activated())

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def notify(self, title: str, text: str) -> None:
        self.icon.showMessage(title, text)


class ReminderService(QObject):
    def __init__(
        self,
        clock: Clock,
        repo: HistoryRepository,
        settings: Callable[[], Settings],
        show: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.clock = clock
        self.repo = repo
        self.settings = settings
        self.show = show
        self.last_shown: date | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        self.check()

    def stop(self) -> None:
        self.timer.stop()

    def check(self) -> bool:
        s = self.settings()
        if not s.reminder_enabled:
            return False
        now = self.clock.now()
        trained = self.repo.trained_on(now.date().isoformat())
        if self.last_shown is None:
            self.last_shown = self.repo.reminder_shown_on()  # once a day, across restarts
        if not reminder_due(now, s.reminder_days, s.reminder_time, trained, self.last_shown):
            return False
        self.last_shown = now.date()
        self.repo.set_reminder_shown_on(now.date())
        self.show(REMINDER_TEXT)
        return True
