"""File → Export history…: sessions or sets, all or a date range, to a CSV file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...app.export import Exporter, ExportError, ExportRequest
from ...files import wrong_name
from ...storage.history import HistoryRepository
from ..widgets import arrows_choose, error_style


class ExportDialog(QDialog):
    """Choose what to export and where; errors show in the dialog, which stays
    open so the user can pick another place."""

    def __init__(
        self, repo: HistoryRepository, exporter: Exporter, folder: Path, today: date,
        parent: QWidget | None = None, last: Path | None = None,
    ) -> None:
        """``folder``: where a first export goes; ``last``: the file written last
        time (offered again, renamed for sessions or sets if it has the default name)."""
        super().__init__(parent)
        self.repo = repo
        self.exporter = exporter
        self.setWindowTitle("Export history to CSV")
        self.sessions = QRadioButton("One row per &session")
        self.sets = QRadioButton("One row per se&t (every exercise, side and set)")
        self.sessions.setChecked(True)
        arrows_choose(self.sessions, self.sets)
        self.sessions.toggled.connect(lambda _: self._suggest_name())
        self.limit = QCheckBox("&Only sessions from")
        self.first = QDateEdit()
        self.last = QDateEdit()
        for edit, name in ((self.first, "First date"), (self.last, "Last date")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setEnabled(False)
        self.first.setDate(QDate(today.year, 1, 1))
        self.last.setDate(QDate(today.year, today.month, today.day))
        self.limit.toggled.connect(self.first.setEnabled)
        self.limit.toggled.connect(self.last.setEnabled)
        dates = QHBoxLayout()
        dates.addWidget(self.limit)
        dates.addWidget(self.first)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.last)
        dates.addStretch(1)
        self.folder = folder
        self.path = QLineEdit()
        self.path.setAccessibleName("File to write")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("exportError")
        self.error.setStyleSheet(error_style(self.error))
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.main_button = self.export_button  # Enter presses it (ui/shell/keys.py)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Rows:", self.sessions)
        form.addRow("", self.sets)
        form.addRow("Dates:", dates)
        form.addRow("File:", where)
        note = QLabel(
            "A CSV file that spreadsheets open directly: a first row names each column, "
            "then one row per session (or per set). Times include their offset from UTC. "
            "To move your history to another computer, export both (one of each) and import "
            "them together."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.written: tuple[int, Path] | None = None
        if last is not None:
            self.path.setText(str(last))
        self._suggest_name()
        self.setMinimumWidth(560)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Tab reaches Export (the action) before Cancel, whatever side the
        platform puts Cancel on (the button box orders them when shown)."""
        super().showEvent(event)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        QWidget.setTabOrder(self.export_button, cancel)

    def _suggest_name(self) -> None:
        current = self.path.text()
        kind = "sets" if self.sets.isChecked() else "sessions"
        folder = Path(current).parent if current else self.folder
        # only the app's own names follow Sessions / Sets: a name the runner
        # typed ("ankle-trainer-june.csv") is never changed behind their back
        if not current or Path(current).name in ("ankle-trainer-sessions.csv", "ankle-trainer-sets.csv"):
            self.path.setText(str(folder / f"ankle-trainer-{kind}.csv"))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), "CSV files (*.csv)")
        opener = self.sender()
        if isinstance(opener, QWidget):
            opener.setFocus()  # the keyboard back where the chooser was asked for
        if path:
            self.path.setText(path)

    def export(self) -> bool:
        text = self.path.text().strip()
        if not text:
            return self._fail("Choose a file to write.")
        path = Path(text).expanduser()
        if path.is_dir():
            return self._fail(f"{path} is a folder; add a file name such as ankle-trainer-sessions.csv.")
        problem = wrong_name(path, (".csv",), "an export")  # as the command line: never CSV in e.pdf
        if problem:
            return self._fail(problem)
        if path.is_file() and not self.confirm_replace(path):
            return self._fail(f"{path.name} is already there and was left as it is: choose another "
                              "name, or export again and answer Yes.")
        first = last = None
        if self.limit.isChecked():
            first, last = self.first.date().toPython(), self.last.date().toPython()
            if first > last:
                return self._fail("The first date is after the last one.")
        request = ExportRequest(path, first, last, "sets" if self.sets.isChecked() else "sessions")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            rows = self.exporter.export(self.repo, request)
        except ExportError as exc:
            return self._fail(str(exc))
        finally:
            QApplication.restoreOverrideCursor()
        self.written = (rows, path)
        self.accept()
        return True

    def confirm_replace(self, path: Path) -> bool:
        """Ask before writing over a file that is there (tests replace this). The
        file chooser asks by itself; a name typed in the box did not: Ctrl+E, Enter
        replaced last time's export without a word (eighth re-test)."""
        from ..shell.asker import ask

        return ask(self, "Replace the file?", f"{path} is already there. Replace it with this export?",
                   no="Cancel")

    def _fail(self, message: str) -> bool:
        self.error.setText(message)
        self.error.show()
        return False
