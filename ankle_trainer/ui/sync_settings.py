"""Settings → Sync: choose the sync folder, sync now, and see when it last
synced. A standalone widget: the window embeds it in its settings and keeps
the chosen folder through ``folder_changed``; all the work is in
:mod:`ankle_trainer.storage.sync`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..storage.history import HistoryRepository
from ..storage.sync import SyncError, SyncReport, auto_sync, last_sync_status


class SyncSettings(QWidget):
    """The sync folder (empty: sync off), a Sync now button and the last result.

    Without ``runner`` "Sync now" syncs here, on this thread. In the window,
    ``runner()`` starts the window's sync (off its thread) and returns the
    words to show meanwhile; the window then passes the outcome to
    :meth:`show_outcome`.
    """

    folder_changed = Signal(str)  # the new folder, or "" when sync was turned off

    def __init__(
        self, history: HistoryRepository, folder: str, data_dir: Path,
        now: Callable[[], datetime] | None = None, parent: QWidget | None = None,
        runner: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.history = history
        self.data_dir = data_dir
        self.now = now
        self.runner = runner
        intro = QLabel(
            "Keep your history the same on all your computers through a folder that "
            "Syncthing, Nextcloud, Dropbox or a USB stick already keeps in step. Your "
            "history itself stays on this computer; only small change files go there."
        )
        intro.setWordWrap(True)
        self.folder_edit = QLineEdit(folder)
        self.folder_edit.setReadOnly(True)
        self.folder_edit.setPlaceholderText("No folder: sync is off")
        self.choose_button = QPushButton("Choose fol&der…")
        self.choose_button.clicked.connect(self._choose)
        self.off_button = QPushButton("T&urn off")
        self.off_button.clicked.connect(lambda: self.set_folder(""))
        self.sync_button = QPushButton("Sync &now")
        self.sync_button.clicked.connect(self.sync_now)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.result = QLabel()
        self.result.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.off_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.sync_button)
        layout.addWidget(self.status)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self._update()

    @property
    def folder(self) -> str:
        """The chosen folder ("" when sync is off)."""
        return self.folder_edit.text()

    def set_folder(self, folder: str) -> None:
        """Use ``folder`` ("" turns sync off) and tell the window to keep it."""
        if folder == self.folder:
            return
        self.folder_edit.setText(folder)
        self.result.clear()
        self._update()
        self.folder_changed.emit(folder)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Choose the sync folder", self.folder or str(Path.home()))
        # the keyboard back on the button, in view with the new status below it
        # (eleventh re-test: after Alt+D it went to the dialog's first box, at its top)
        self.choose_button.setFocus()
        if chosen:
            self.set_folder(chosen)

    def sync_now(self) -> None:
        """Sync with the chosen folder and show what happened (or, with a
        ``runner``, start the window's sync and say so)."""
        if self.runner is not None:
            self.result.setText(self.runner())
            return
        self.show_outcome(auto_sync(self.history, self.folder, self.data_dir, now=self.now))

    failed = False  # the last sync's try did not work (said with the status, as the status bar says it)

    def show_outcome(self, outcome: SyncReport | SyncError | None) -> None:
        """Show a sync's outcome (a report, or the reason it failed) and the new
        status; a failure is said in the status line too, and stays said there
        until a sync works (twenty-eighth re-test: with the folder gone, the
        line still read "Last synced on …" as if all were well)."""
        if outcome is not None:
            self.failed = isinstance(outcome, SyncError)
            self.result.setText(str(outcome) if isinstance(outcome, SyncError) else outcome.summary())
        self._update()

    def _update(self) -> None:
        self.off_button.setEnabled(bool(self.folder))
        self.sync_button.setEnabled(bool(self.folder))
        status = last_sync_status(self.history)
        said = status._replace(folder=self.folder).describe() if self.folder else "Sync is off."
        self.status.setText(said + (" The last try did not work." if self.folder and self.failed else ""))
