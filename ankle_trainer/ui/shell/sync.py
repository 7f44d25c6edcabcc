"""The window's side of sync: the worker thread, the 5-minute timer and the
"last synced" line in the status bar. When and what to sync, and what to
tell the screens afterwards, is :class:`ankle_trainer.app.sync.SyncService`.

Each sync runs on a plain worker thread with its own connection to the
history, so the window never waits for it (a first merge can take a second
or more); its outcome comes back to the window's thread through a queued
signal.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from ...app.changes import Change
from ...app.sync import Outcome, SyncJob, SyncService
from ...storage.sync import SYNC_INTERVAL_SECONDS

if TYPE_CHECKING:
    from .window import MainWindow


class SyncDriver(QObject):
    """Runs the window's :class:`SyncService`: at start (after the first
    paint), every :data:`SYNC_INTERVAL_SECONDS` while the app is open, after
    each session, when a folder is chosen and from Settings → Sync."""

    finished = Signal(object)  # an Outcome, from the worker thread (queued to the window's)
    synced = Signal(object)  # an Outcome, after the service has handled it

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        context = window.context
        self.service = SyncService(
            context, self._start_job, session_busy=lambda: window.controller.running,
            tell=window.show_message,
        )
        self.service.listeners.append(self._synced)
        self.finished.connect(self.service.finish)
        self.timer = QTimer(self)
        self.timer.setInterval(SYNC_INTERVAL_SECONDS * 1000)
        self.timer.timeout.connect(self.tick)
        self.status = QLabel()
        self.status.setObjectName("syncStatus")
        self.status.setAccessibleName("Sync status")
        window.statusBar().addPermanentWidget(self.status)
        self.worker: threading.Thread | None = None
        self._folder = context.settings.sync_folder
        context.changes.subscribe(self._changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def start(self) -> None:
        """Start the timer and the first sync (once the event loop runs, so it
        never delays the first paint)."""
        self._follow_folder()
        self._show_status()
        QTimer.singleShot(0, self.tick)

    def tick(self) -> None:
        """The timer's handler: sync now (or after the session being recorded;
        nothing when a sync is under way)."""
        if not self.service.running:
            self.service.request()
        self._show_status()

    def sync_now(self) -> str:
        """Settings → Sync → Sync now: start a sync; the words to show meanwhile."""
        if not self.service.enabled:
            return "Choose a sync folder first."
        if self.service.request():
            self._show_status()
            return "Syncing…"
        if self.service.running:
            return "A sync is under way; another follows right after it."
        return "Syncs as soon as the session has ended."

    def stop(self) -> None:
        """The app quits: no more syncs; let one under way finish (it is one
        transaction, so even an unfinished one loses nothing)."""
        self.timer.stop()
        thread = self.worker
        if thread is not None:
            thread.join(timeout=10)

    # -- inside ------------------------------------------------------------------
    def _start_job(self, job: SyncJob) -> None:
        def work() -> None:
            outcome = SyncService.run(job)
            try:
                self.finished.emit(outcome)
            except RuntimeError:  # the window was closed meanwhile
                pass

        self.worker = threading.Thread(target=work, name="ankle-trainer-sync", daemon=True)
        self.worker.start()

    def _synced(self, outcome: Outcome) -> None:
        self._show_status()
        self.synced.emit(outcome)

    def _changed(self, change: Change) -> None:
        if change & Change.SETTINGS and self.window.context.settings.sync_folder != self._folder:
            self._follow_folder()
            self.service.request()
        self._show_status()

    def _follow_folder(self) -> None:
        self._folder = self.window.context.settings.sync_folder
        if self._folder:
            self.timer.start()
        else:
            self.timer.stop()

    def _show_status(self) -> None:
        text = "Syncing…" if self.service.running else self.service.status_line()
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.setToolTip(self.service.status_details())  # the whole story
