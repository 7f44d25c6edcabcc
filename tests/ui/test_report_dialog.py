"""The report dialog on its own: period choice, preview, save, print, and
the name and paper kept in the settings."""

from __future__ import annotations

import errno
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.settings import Settings
from ankle_trainer.ui.dialogs.report import ReportDialog
from tests.report_history import NOW, known_history


@pytest.fixture
def dialog(qtbot, repo: HistoryRepository, tmp_path: Path):  # type: ignore[no-untyped-def]
    known_history(repo)
    d = ReportDialog(repo, Settings(report_name="A. R."), FakeClock(NOW), builtin_routines(), tmp_path)
    qtbot.addWidget(d)
    return d


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_period_choice_changes_the_report(dialog: ReportDialog) -> None:
    assert dialog.report is not None and len(dialog.report.sessions) == 5  # last 12 weeks
    assert dialog.summary.text().startswith("Last 12 weeks: 22 Dec 2025 to 11 Mar 2026: 5 sessions, 1 page.")
    dialog.period_choice.setCurrentIndex(0)  # the last 4 weeks: from 16 Feb
    assert dialog.report.period.first == date(2026, 2, 16)
    assert not dialog.since.isEnabled()
    dialog.period_choice.setCurrentIndex(2)  # since a date
    assert dialog.since.isEnabled()
    dialog.since.setDate(dialog.since.date().fromString("2026-03-02", "yyyy-MM-dd"))
    assert [s.local_date for s in dialog.report.sessions] == [date(2026, 3, 3), date(2026, 3, 5), date(2026, 3, 10)]
    assert "3 sessions, 1 page" in dialog.summary.text()
    dialog.period_choice.setCurrentIndex(3)
    assert dialog.report.period.first is None and len(dialog.report.sessions) == 5


def test_the_greyed_first_date_is_the_first_day_the_period_names(dialog: ReportDialog) -> None:
    """The date beside the period shows the day the period's label starts on
    (not a day earlier), for each choice, and "Since a date" starts there."""
    def shown() -> date:
        d = dialog.since.date()
        return date(d.year(), d.month(), d.day())

    for index in (1, 0):  # the last 12 weeks, the last 4 weeks
        dialog.period_choice.setCurrentIndex(index)
        first = dialog.report.period.first
        assert not dialog.since.isEnabled() and shown() == first
        assert f"{first.day} {first.strftime('%b %Y')}" in dialog.summary.text()
    dialog.period_choice.setCurrentIndex(2)  # since a date: from the same day
    assert dialog.since.isEnabled() and dialog.report.period.first == shown() == date(2026, 2, 16)


def test_the_preview_is_the_page(dialog: ReportDialog) -> None:
    pixmap = dialog.preview.pixmap()
    ratio = pixmap.width() / pixmap.height()
    assert abs(ratio - 210 / 297) < 0.01  # A4 portrait
    dialog.paper.setCurrentIndex(2)  # US Letter
    pixmap = dialog.preview.pixmap()
    assert abs(pixmap.width() / pixmap.height() - 8.5 / 11) < 0.01


def test_the_summary_says_what_is_missing(dialog: ReportDialog) -> None:
    assert "No heel-rise test was done in this period." in dialog.summary.text()
    dialog.all_sessions.setChecked(True)
    assert "5 sessions, 2 pages" in dialog.summary.text()


def test_save_writes_the_pdf_and_keeps_a_changed_name(dialog: ReportDialog, tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "physio.pdf"
    dialog.name.setText("Alex Runner")
    dialog.name.editingFinished.emit()
    dialog._ask_path = lambda: out  # type: ignore[method-assign]
    with qtbot.waitSignal(dialog.settings_changed) as changed:
        dialog.save_button.click()
    assert changed.args[0].report_name == "Alex Runner"
    assert dialog.message.toolTip() == f"Saved the report (1 page) to {out}."
    assert "Alex Runner" in pdf_text(out)


def test_cancelling_the_file_choice_writes_nothing(dialog: ReportDialog, tmp_path: Path) -> None:
    dialog._ask_path = lambda: None  # type: ignore[method-assign]
    assert dialog.save() is False
    assert not list(tmp_path.glob("*.pdf")) and dialog.message.text() == ""


def test_a_failed_save_says_why_and_keeps_the_old_file(
    dialog: ReportDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "physio.pdf"
    out.write_bytes(b"the one from last month")

    def full(*a: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    assert dialog.save_to(out) is False
    said = f"Cannot write {out}: No space left on device. Any earlier file there was kept."
    assert dialog.message.toolTip() == said
    assert out.read_bytes() == b"the one from last month"
    assert dialog.saved_to is None


def test_print_draws_the_page_on_the_chosen_printer(dialog: ReportDialog, tmp_path: Path) -> None:
    out = tmp_path / "printed.pdf"

    def choose(printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    dialog._ask_printer = choose  # type: ignore[method-assign]
    assert dialog.print_report() is True
    assert dialog.message.text() == "Sent the report to the printer."
    text = pdf_text(out)
    assert "Ankle exercise report" in text and "A. R." in text


def test_cancelling_the_printer_prints_nothing(dialog: ReportDialog) -> None:
    dialog._ask_printer = lambda printer: False  # type: ignore[method-assign]
    assert dialog.print_report() is False
    assert dialog.message.text() == ""


def test_a_message_appears_in_place_and_the_dialog_never_grows(
    dialog: ReportDialog, tmp_path: Path, qtbot,  # type: ignore[no-untyped-def]
) -> None:
    """The two lines for a message are kept from the start: saving (even to a
    deep folder) shows it there, and neither the size nor the smallest size
    of the dialog changes."""
    dialog.show()
    dialog.resize(dialog.minimumSizeHint())  # as small as it goes: any growth would show
    QApplication.processEvents()  # posted layout requests, no waiting
    size, smallest = dialog.size(), dialog.minimumSizeHint()
    assert dialog.message.isVisible() and dialog.message.text() == ""
    deep = tmp_path.joinpath(*(["a rather long folder name"] * 8))
    deep.mkdir(parents=True)
    assert dialog.save_to(deep / "physio.pdf")
    QApplication.processEvents()  # posted layout requests, no waiting
    assert (dialog.size(), dialog.minimumSizeHint()) == (size, smallest)
    assert dialog.message.toolTip().endswith("physio.pdf.")
    shown = dialog.message.text()
    assert shown.startswith("Saved the report") and shown.endswith("physio.pdf.")
    lines = dialog.message.fontMetrics().boundingRect(
        0, 0, dialog.message.width(), 10_000, int(Qt.TextFlag.TextWordWrap), shown).height()
    assert lines <= dialog.message.height()  # all of it in the room kept for it


def test_an_empty_history_still_makes_a_page(qtbot, repo: HistoryRepository, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    d = ReportDialog(repo, Settings(), FakeClock(NOW), builtin_routines(), tmp_path)
    qtbot.addWidget(d)
    assert "0 sessions, 1 page. No sessions were recorded in this period." in d.summary.text()
    assert d.save_to(tmp_path / "empty.pdf") is True
    assert "No sessions in this period yet." in pdf_text(tmp_path / "empty.pdf")


def test_the_preview_opens_fitted_to_its_width_and_zooms_from_the_keyboard(dialog: ReportDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    """At 800 x 600 the page fills the view's width; Ctrl++ (or Ctrl+=) makes it
    larger, Ctrl+- smaller, Ctrl+0 fits the width again, and the arrows scroll it."""
    from ankle_trainer.ui.dialogs.about import SHORTCUTS

    dialog.resize(784, 552)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()

    def width() -> float:
        QApplication.processEvents()
        pixmap = dialog.preview.pixmap()
        return pixmap.width() / pixmap.devicePixelRatio()

    view = dialog.preview_area.viewport()
    fitted = width()
    assert view.width() - 6 <= fitted <= view.width()
    assert "Ctrl++" in dialog.zoom_hint.text() and "Ctrl+0" in dialog.zoom_hint.text()
    assert dialog.zoom_hint.isVisible()
    dialog.preview_area.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(dialog.preview_area, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    larger = width()
    assert larger > fitted * 1.2
    qtbot.keyClick(dialog.preview_area, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert width() > larger * 1.1
    bar = dialog.preview_area.horizontalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    qtbot.keyClick(dialog.preview_area, Qt.Key.Key_Right)
    assert bar.value() > 0  # the arrows move the page
    for _ in range(3):
        qtbot.keyClick(dialog.preview_area, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert width() < fitted * 0.9
    qtbot.keyClick(dialog.name, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # from any control
    assert abs(width() - fitted) <= 2
    listed = " ".join(f"{k} {v}" for k, v in SHORTCUTS)
    assert "Ctrl++" in listed and "Ctrl+-" in listed and "Ctrl+0" in listed
