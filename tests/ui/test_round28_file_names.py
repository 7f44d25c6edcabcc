"""Round 28: the window's Export, Report and routine Export refuse a file name
with another ending as the command line does (the app never adds one), say
so in the dialog, which stays open, and write nothing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.library import builtin_routines, exercise_library, find_routine
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.routine_store import RoutineStore
from ankle_trainer.storage.sample import run_session
from ankle_trainer.storage.settings import Settings
from ankle_trainer.ui.dialogs.report import ReportDialog

TZ = timezone(timedelta(hours=1))


@pytest.fixture
def window(make_window, repo: HistoryRepository, tmp_path: Path):  # type: ignore[no-untyped-def]
    run_session(repo, find_routine("ankle-mobility"), datetime(2026, 2, 20, 7, 0, tzinfo=TZ), 4, 3, step=5.0)
    return make_window(routine_store=RoutineStore(tmp_path / "routines", exercise_library()))


@pytest.mark.parametrize("name", ["e.pdf", "e.xlsx", "e"])
def test_export_dialog_refuses_another_ending_before_asking_to_replace(window, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    target.write_text("kept")
    dialog = window.open_dialog("export")
    asked: list[Path] = []
    dialog.confirm_replace = lambda path: asked.append(path) or True  # type: ignore[func-returns-value]
    dialog.path.setText(str(target))
    dialog.export_button.click()
    assert dialog.isVisible() and not dialog.error.isHidden()
    assert dialog.error.text() == "Not written: an export's name ends in .csv (for example e.csv)."
    assert asked == []  # no "Replace the file?" for a file that will not be written
    assert target.read_text() == "kept" and [p.name for p in folder.iterdir()] == [name]
    dialog.path.setText(str(folder / "e.CSV"))  # the right ending, in any case, is written
    dialog.export_button.click()
    assert not dialog.isVisible() and (folder / "e.CSV").read_bytes().startswith(b"\xef\xbb\xbfsession_id")


def test_report_dialog_refuses_another_ending(qtbot, repo: HistoryRepository, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run_session(repo, find_routine("ankle-mobility"), datetime(2026, 2, 20, 7, 0, tzinfo=TZ), 4, 3, step=5.0)
    dialog = ReportDialog(repo, Settings(), FakeClock(datetime(2026, 3, 1, 12, 0, tzinfo=TZ)),
                          builtin_routines(), tmp_path)
    qtbot.addWidget(dialog)
    target = tmp_path / "r.txt"
    target.write_text("kept")
    assert dialog.save_to(target) is False
    assert dialog.message.toolTip() == "Not written: a report's name ends in .pdf (for example r.pdf)."
    assert target.read_text() == "kept" and dialog.saved_to is None
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".txt")) == ["r.txt"]
    assert dialog.save_to(tmp_path / "r.PDF") and (tmp_path / "r.PDF").read_bytes().startswith(b"%PDF")
