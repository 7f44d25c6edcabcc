"""``ankle-trainer report``: the period options, messages, and a real run."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ankle_trainer.app.export.report_command import choose_period
from ankle_trainer.cli import main
from ankle_trainer.commands import build_parser
from ankle_trainer.storage.history import HistoryRepository
from tests.report_history import known_history


def history_in(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    repo, _ = HistoryRepository.open(folder / "history.sqlite3")
    known_history(repo)
    repo.close()
    return folder


def args(*words: str):  # type: ignore[no-untyped-def]
    return build_parser().parse_args(["report", "out.pdf", *words])


def test_the_period_options() -> None:
    today = date(2026, 3, 11)
    assert choose_period(args(), today, "monday").first == date(2025, 12, 22)  # 12 weeks
    assert choose_period(args("--weeks", "4"), today, "monday").first == date(2026, 2, 16)
    assert choose_period(args("--all"), today, "monday").first is None
    period = choose_period(args("--from", "2026-01-05", "--to", "2026-02-01"), today, "monday")
    assert (period.first, period.last) == (date(2026, 1, 5), date(2026, 2, 1))
    with pytest.raises(ValueError, match="only one of --from, --weeks and --all"):
        choose_period(args("--all", "--weeks", "4"), today, "monday")
    with pytest.raises(ValueError, match="is after the last"):
        choose_period(args("--from", "2026-03-01", "--to", "2026-02-01"), today, "monday")


def test_report_writes_the_pdf_and_says_what(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = history_in(tmp_path / "data")
    out = tmp_path / "r.pdf"
    code = main(["report", str(out), "--from", "2026-02-16", "--to", "2026-03-11", "--data-dir", str(data)])
    assert code == 0
    assert capsys.readouterr().out.strip() == (
        f"Wrote the report for 16 Feb 2026 to 11 Mar 2026 (5 sessions, 1 page) to {out}")
    assert out.read_bytes().startswith(b"%PDF")


def test_all_sessions_adds_the_list_page(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = history_in(tmp_path / "data")
    out = tmp_path / "r.pdf"
    assert main(["report", str(out), "--all", "--all-sessions", "--data-dir", str(data)]) == 0
    assert "(5 sessions, 2 pages)" in capsys.readouterr().out


def test_report_without_a_history_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "r.pdf"), "--data-dir", str(tmp_path / "none")]) == 1
    assert "there is no history in" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()


def test_conflicting_periods_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = history_in(tmp_path / "data")
    assert main(["report", str(tmp_path / "r.pdf"), "--all", "--from", "2026-01-01", "--data-dir", str(data)]) == 2
    assert "give only one of --from, --weeks and --all" in capsys.readouterr().err


def test_a_missing_folder_is_named(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = history_in(tmp_path / "data")
    assert main(["report", str(tmp_path / "missing" / "r.pdf"), "--data-dir", str(data)]) == 1
    assert f"the folder {tmp_path / 'missing'} does not exist" in capsys.readouterr().err


def test_a_failed_write_keeps_the_old_file(
    qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno

    data = history_in(tmp_path / "data")
    out = tmp_path / "r.pdf"
    out.write_bytes(b"last week's report")

    def full(*a: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", full)
    assert main(["report", str(out), "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err.strip() == (
        f"ankle-trainer: Cannot write {out}: No space left on device. Any earlier file there was kept.")
    assert out.read_bytes() == b"last week's report"


def test_the_command_runs_as_its_own_process_without_a_display(tmp_path: Path) -> None:
    data = history_in(tmp_path / "data")
    out = tmp_path / "r.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    run = subprocess.run(
        [sys.executable, "-m", "ankle_trainer", "report", str(out), "--all", "--data-dir", str(data)],
        capture_output=True, text=True, env=env, timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "Fatal" not in run.stderr
    assert out.read_bytes().startswith(b"%PDF")
