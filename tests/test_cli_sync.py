"""`ankle-trainer sync`: the folder is remembered, and it says what it added."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ankle_trainer.cli import main
from ankle_trainer.storage.history import HistoryRepository

AT = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


def _one_session(data: Path, pain: int) -> str:
    data.mkdir()
    repo, _ = HistoryRepository.open(data / "history.sqlite3")
    sid = repo.start_session("heel-drops", "Heel drops", AT, 6, pain)
    repo.close()
    return sid


def test_sync_remembers_the_folder_and_prints_what_it_added(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sync = tmp_path / "Sync"
    sync.mkdir()
    a, b = tmp_path / "a", tmp_path / "b"
    _one_session(a, 3)
    _one_session(b, 4)
    assert main(["sync", "--data-dir", str(a), "--folder", str(sync)]) == 0
    assert capsys.readouterr().out == "Sent 1 session (new or changed) to the sync folder.\n"
    assert json.loads((a / "settings.json").read_text())["sync_folder"] == str(sync)
    assert main(["sync", "--data-dir", str(b), "--folder", str(sync)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Added 1 session from ")
    assert out.endswith(". Sent 1 session (new or changed) to the sync folder.\n")
    assert main(["sync", "--data-dir", str(a)]) == 0  # the remembered folder
    assert capsys.readouterr().out.startswith("Added 1 session from ")
    assert main(["sync", "--data-dir", str(a)]) == 0
    assert capsys.readouterr().out == "Nothing new.\n"


def test_sync_without_a_folder_says_how_to_give_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _one_session(tmp_path / "a", 3)
    assert main(["sync", "--data-dir", str(tmp_path / "a")]) == 1
    assert "no sync folder chosen yet; give one with --folder DIR" in capsys.readouterr().err


def test_sync_refuses_a_folder_inside_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _one_session(tmp_path / "a", 3)
    inside = tmp_path / "a" / "sync"
    inside.mkdir()
    assert main(["sync", "--data-dir", str(tmp_path / "a"), "--folder", str(inside)]) == 1
    assert "must not hold or be inside the data folder" in capsys.readouterr().err
    assert not (tmp_path / "a" / "settings.json").exists()
    assert list(inside.iterdir()) == []


def test_sync_with_a_newer_folder_says_so_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _one_session(tmp_path / "a", 3)
    root = tmp_path / "Sync" / "Ankle Trainer"
    root.mkdir(parents=True)
    (root / "format.json").write_text('{"format": 2}')
    assert main(["sync", "--data-dir", str(tmp_path / "a"), "--folder", str(tmp_path / "Sync")]) == 1
    err = capsys.readouterr().err
    assert "set up by a newer version of Ankle Trainer" in err and "update Ankle Trainer" in err
    assert [p.name for p in root.iterdir()] == ["format.json"]
