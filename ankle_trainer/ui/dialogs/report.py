"""Report for my physio…: choose the period, see the page, print it or save
it as a PDF.

A dialog built on the history repository, the settings, a clock, the
runner's routines and a triage source; the window opens it from File >
Report for my physio… (``ui.dialogs.DIALOGS``) and keeps the name and
paper chosen here through the settings service.
The page is the one ``app.export.report`` draws, previewed as an image.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QPageSize, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...app.export.report import (
    ReportWriteError,
    page_count,
    page_image,
    page_size_for,
    paint_document,
    write_pdf,
)
from ...core.clock import Clock
from ...core.model import Routine
from ...core.report import Period, ReportData, between, last_weeks
from ...core.text import count
from ...files import wrong_name
from ...storage.history import HistoryRepository
from ...storage.report import TriageSource, gather_report
from ...storage.settings import Settings
from ..reflow import whole_combo
from ..widgets import compact_form, error_style

PERIODS = (("4", "The last 4 weeks"), ("12", "The last 12 weeks"), ("since", "Since a date"),
           ("all", "Everything"))
PAPERS = (("auto", "As usual where I live"), ("a4", "A4"), ("letter", "US Letter"))
PREVIEW_DPI = 70
#: The preview's zoom steps, as parts of the width that fits the view (Ctrl++ / Ctrl+-).
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
ZOOM_KEYS = "Ctrl++ larger, Ctrl+- smaller, Ctrl+0 fit the width; arrows and Page keys scroll"


class ReportDialog(QDialog):
    """Make the one-page report: period, name, paper, preview, Print, Save.

    ``settings_changed`` carries new Settings when the runner changed the
    name or the paper here (the window saves and applies them); ``saved``
    carries the path of a PDF written (the window keeps its folder for next time)."""

    settings_changed = Signal(object)
    saved = Signal(object)  # Path

    def __init__(
        self,
        repo: HistoryRepository,
        settings: Settings,
        clock: Clock,
        routines: Sequence[Routine],
        folder: Path,
        triage: TriageSource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo, self.settings, self.clock, self.routines = repo, settings, clock, tuple(routines)
        self.folder, self.triage = folder, triage
        self.setWindowTitle("Report for my physio")
        today = clock.now().date()

        self.period_choice = QComboBox()
        self.period_choice.setAccessibleName("Period")
        whole_combo(self.period_choice)
        for key, text in PERIODS:
            self.period_choice.addItem(text, key)
        self.period_choice.setCurrentIndex(1)
        self.since = QDateEdit()
        self.since.setAccessibleName("First date")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMM yyyy")
        self.since.setMaximumDate(QDate(today.year, today.month, today.day))
        from ..widgets import weeks_start_on

        weeks_start_on(settings.first_day_of_week, self.since)
        self.since.setEnabled(False)
        period_row = QHBoxLayout()
        period_row.addWidget(self.period_choice, 1)
        # "from": the date box alone, greyed out, read as a stray box (eighth re-test)
        period_row.addWidget(QLabel("from"))
        period_row.addWidget(self.since)
        self.name = QLineEdit(settings.report_name)
        self.name.setMaxLength(80)
        self.name.setPlaceholderText("optional, e.g. your initials")
        self.name.setAccessibleName("Your name or initials on the report")
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper size")
        whole_combo(self.paper)
        for key, text in PAPERS:
            self.paper.addItem(text, key)
        self.paper.setCurrentIndex([k for k, _ in PAPERS].index(settings.report_paper))
        self.all_sessions = QCheckBox("Add pages listing every session")
        self.name.setMinimumWidth(260)
        form = compact_form()  # fields at their own width, not across the dialog
        period_label = QLabel("&Period:")
        period_label.setBuddy(self.period_choice)
        form.addRow(period_label, period_row)
        form.addRow("&Name on it:", self.name)
        form.addRow("P&aper:", self.paper)
        form.addRow("", self.all_sessions)

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview.setAccessibleName("Preview of the report page")
        self.preview_area = scroll = QScrollArea()
        scroll.setWidget(self.preview)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Preview of the report page")
        scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab to it: the arrows and Page keys scroll
        # Small enough to fit an 800x600 screen with the form and buttons; the
        # dialog opens larger where the screen has room, and the page scrolls.
        scroll.setMinimumSize(360, 200)
        scroll.viewport().installEventFilter(self)  # a new width: the page fitted to it again
        #: The zoom: a part of the width that fits the view (1.0: the page fills the width).
        self.zoom = 1.0
        self.zoom_hint = QLabel(f"Zoom: {ZOOM_KEYS}.")
        self.zoom_hint.setWordWrap(True)
        for keys, step in ((("Ctrl++", "Ctrl+="), 1), (("Ctrl+-",), -1), (("Ctrl+0",), 0)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda step=step: self.zoom_by(step))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # Room for two lines kept from the start, so a message (saved, printed,
        # an error) appears in place and the dialog never grows by itself.
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setFixedHeight(2 * self.message.fontMetrics().lineSpacing() + 4)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton("&Save as PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = self.buttons.addButton("Pr&int…", QDialogButtonBox.ButtonRole.ActionRole)
        self.main_button = self.save_button  # Enter presses it (ui/shell/keys.py)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_report)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.zoom_hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(680, 820)  # room for the page where the screen has it (fitted when opened)

        self.period_choice.currentIndexChanged.connect(self._period_changed)
        self.since.dateChanged.connect(lambda _: self.refresh())
        self.name.editingFinished.connect(self.refresh)
        self.paper.currentIndexChanged.connect(lambda _: self.refresh())
        self.all_sessions.toggled.connect(lambda _: self.refresh())
        self.report: ReportData | None = None
        self.saved_to: Path | None = None
        self._follow_period()
        self.refresh()

    # -- state ---------------------------------------------------------------------
    def period(self) -> Period:
        today = self.clock.now().date()
        key = self.period_choice.currentData()
        if key == "all":
            return between(None, today)
        if key == "since":
            d = self.since.date()
            return between(min(date(d.year(), d.month(), d.day()), today), today)
        return last_weeks(int(key), today, self.settings.first_day_of_week)

    def chosen_settings(self) -> Settings:
        return self.settings.with_changes(
            report_name=self.name.text().strip(), report_paper=self.paper.currentData()
        )

    def page_size(self) -> QPageSize:
        return page_size_for(self.paper.currentData())

    def _period_changed(self) -> None:
        self._follow_period()
        self.refresh()

    def _follow_period(self) -> None:
        """The greyed-out first date shows the first day of the period chosen
        (the day its label names), and is where "Since a date" starts."""
        own = self.period_choice.currentData() == "since"
        self.since.setEnabled(own)
        first = None if own else self.period().first
        if first is not None:
            self.since.blockSignals(True)
            self.since.setDate(QDate(first.year, first.month, first.day))
            self.since.blockSignals(False)

    def refresh(self) -> None:
        """Gather the report for the chosen period and redraw the preview."""
        from ...storage.errors import StorageError

        settings = self.chosen_settings()
        try:
            self.report = gather_report(
                self.repo, self.routines, settings, self.period(), self.clock.now(), __version__, self.triage
            )
        except StorageError as exc:
            self.report = None
            self.save_button.setEnabled(False)
            self.print_button.setEnabled(False)
            self._say("Your history could not be read for the report. Nothing was saved."
                      f" (Details for someone helping you: {exc}.)", error=True)
            return
        self.save_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self._draw_preview()
        sessions = len(self.report.sessions)
        pages = page_count(self.report, self.all_sessions.isChecked())
        missing = " ".join(self.report.missing())
        self.summary.setText(
            f"{self.report.period.label[:1].upper()}{self.report.period.label[1:]}: "
            f"{count(sessions, 'session')}, {count(pages, 'page')}. {missing}".strip()
        )

    # -- the preview's zoom ----------------------------------------------------------------
    def fit_dpi(self) -> float:
        """The dots per inch at which the page's width fills the preview's view."""
        width_in = self.page_size().size(QPageSize.Unit.Inch).width()
        room = self.preview_area.viewport().width() - 2  # no sideways scroll bar at 1.0
        return max(20.0, room / width_in) if width_in > 0 else float(PREVIEW_DPI)

    def zoom_by(self, step: int) -> None:
        """One step larger (1), smaller (-1) or back to the width of the view (0)."""
        if step == 0:
            self.zoom = 1.0
        else:
            index = min(range(len(ZOOMS)), key=lambda i: abs(ZOOMS[i] - self.zoom))
            self.zoom = ZOOMS[max(0, min(len(ZOOMS) - 1, index + step))]
        self._draw_preview()

    def _draw_preview(self) -> None:
        if self.report is None:
            return
        ratio = self.devicePixelRatioF()
        image = page_image(self.report, self.page_size(), self.fit_dpi() * self.zoom * ratio,
                           pages=page_count(self.report, self.all_sessions.isChecked()))
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.preview.setPixmap(pixmap)
        self._drawn_for = self.preview_area.viewport().width()

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt naming)
        """Draw the page again when the view's width changed (a resize, a scroll bar)."""
        from PySide6.QtCore import QEvent

        if watched is self.preview_area.viewport() and event.type() == QEvent.Type.Resize \
                and getattr(self, "_drawn_for", None) != self.preview_area.viewport().width():
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, self._draw_preview)  # not inside the layout's own resize
        return super().eventFilter(watched, event)

    # -- output --------------------------------------------------------------------
    def save(self) -> bool:
        """Ask where, then save the PDF there."""
        path = self._ask_path()
        return self.save_to(path) if path is not None else False

    def _ask_path(self) -> Path | None:
        suggested = str(self.folder / f"physio-report-{self.clock.now().date().isoformat()}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, "Save the report", suggested, "PDF files (*.pdf)")
        return Path(path) if path else None

    def save_to(self, path: Path) -> bool:
        """Write the PDF; a failure is shown in the dialog, which stays open."""
        assert self.report is not None
        problem = wrong_name(path, (".pdf",), "a report")  # as the command line: never a PDF in r.txt
        if problem:
            return self._say(problem, error=True)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = write_pdf(self.report, path, self.page_size(), self.all_sessions.isChecked())
        except ReportWriteError as exc:
            return self._say(str(exc), error=True)
        finally:
            QApplication.restoreOverrideCursor()
        self.saved_to = path
        self.folder = path.parent
        self.saved.emit(path)
        self._keep_choices()
        return self._say(f"Saved the report ({count(pages, 'page')}) to {path}.")

    def print_report(self) -> bool:
        """Ask for a printer, then print."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(self.page_size())
        if not self._ask_printer(printer):
            return False
        return self.print_to(printer)

    def _ask_printer(self, printer: QPrinter) -> bool:
        return QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted

    def print_to(self, printer: QPrinter) -> bool:
        assert self.report is not None
        try:
            paint_document(printer, self.report, self.all_sessions.isChecked())
        except ReportWriteError as exc:
            return self._say(f"Could not print: {exc}", error=True)
        self._keep_choices()
        return self._say("Sent the report to the printer.")

    def _keep_choices(self) -> None:
        chosen = self.chosen_settings()
        if (chosen.report_name, chosen.report_paper) != (self.settings.report_name, self.settings.report_paper):
            self.settings = chosen
            self.settings_changed.emit(chosen)

    def _say(self, text: str, error: bool = False) -> bool:
        """Show ``text`` in the two lines kept for it (a long one, such as a
        deep folder, is shortened in the middle; the whole of it is the tooltip)."""
        room = max(200, self.message.width()) * 2 - 4 * self.message.fontMetrics().averageCharWidth()
        self.message.setText(self.message.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, room))
        self.message.setToolTip(text)
        self.message.setStyleSheet(error_style(self.message) if error else "")
        return not error
