"""Our own files are recognised, others left alone, damaged ones checked and
recovered, and reading out works when writing cannot (issue 13)."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ankle_trainer.core.library import find_routine
from ankle_trainer.storage.csv_io import export_csv
from ankle_trainer.storage.db import (
    APPLICATION_ID,
    ForeignDatabaseError,
    integrity_problems,
    open_database,
    open_readonly,
)
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.migrations import MIGRATIONS
from ankle_trainer.storage.recover import recover_history
from ankle_trainer.storage.sample import run_session

TZ = timezone(timedelta(hours=1))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("version", [0, 3, 9])
def test_another_programs_database_is_left_untouched_with_a_clear_message(tmp_path: Path, version: int) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ann')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(ForeignDatabaseError) as info:
        open_database(path)
    assert "is not an Ankle Trainer history" in str(info.value) and "contacts" in str(info.value)
    assert "left untouched" in str(info.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_our_files_from_before_the_application_id_are_adopted(tmp_path: Path, version: int) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:version]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    opened = open_database(path)
    assert opened.connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    opened.connection.close()


def test_a_new_history_carries_our_application_id(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "h.sqlite3")
    assert opened.connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x416E6B54
    opened.connection.close()


@pytest.fixture
def history(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    repo, _ = HistoryRepository.open(tmp_path / "data" / "history.sqlite3")
    for day in range(40):
        run_session(repo, find_routine("heel-drops"), datetime(2026, 3, 1, 7, tzinfo=TZ) + timedelta(days=day),
                    3, 2, step=5.0)
    repo.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    repo.close()
    return tmp_path / "data" / "history.sqlite3"


def test_export_reads_through_a_read_only_connection(history: Path, tmp_path: Path) -> None:
    conn = open_readonly(history)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM session")
    assert export_csv(conn, tmp_path / "t.csv", sets=True) == 40 * 6
    conn.close()


def damage(path: Path) -> None:
    """Overwrite a page in the middle of the file with garbage."""
    size = path.stat().st_size
    page = 4096
    with open(path, "r+b") as f:
        f.seek((size // page // 2) * page)
        f.write(b"\xa5" * page)


def test_a_damaged_history_is_reported_and_the_readable_rows_recovered(history: Path, tmp_path: Path) -> None:
    conn = open_readonly(history)
    assert integrity_problems(conn) == []
    conn.close()
    damage(history)
    before = digest(history)
    conn = open_readonly(history)
    problems = integrity_problems(conn)
    conn.close()
    assert problems and all(isinstance(p, str) for p in problems)
    done = recover_history(history, tmp_path / "recovered.sqlite3")
    counts = done.copied
    assert digest(history) == before  # the damaged file is kept as it was
    assert 0 < counts["session"] <= 40 and 0 < counts["session_set"] <= 240
    repo, _ = HistoryRepository.open(tmp_path / "recovered.sqlite3")
    assert repo.count_sessions() == counts["session"]
    assert integrity_problems(repo.conn) == []
    repo.close()
    with pytest.raises(Exception, match="already exists"):
        recover_history(history, tmp_path / "recovered.sqlite3")


def test_after_an_unclean_end_the_file_is_checked_and_damage_reported(history: Path, monkeypatch) -> None:
    from ankle_trainer.storage import db
    from ankle_trainer.storage.history import open_history

    checked: list[int] = []

    def found(conn, limit=10):  # type: ignore[no-untyped-def]
        checked.append(1)
        return ["*** in database main *** Page 7: btreeInitPage() returns error code 11"]

    monkeypatch.setattr(db, "integrity_problems", found)
    repo, notices = open_history(history.parent)  # a clean start: no check (it reads the whole file)
    assert checked == [] and notices == []
    repo.start_session("heel-drops", "Heel drops", datetime(2026, 4, 20, 7, tzinfo=TZ), 6, None)  # left running
    repo.close()
    repo, notices = open_history(history.parent)
    assert checked == [1]
    # plain words first, SQLite's own words last and labelled
    assert notices[-1].startswith(f"Your history file {history} is damaged: part of it can no longer")
    assert notices[-1].endswith("(Details for someone helping you: *** in database main *** Page 7:"
                                " btreeInitPage() returns error code 11)")
    # open_history is the window's: it names the window's own recovery, not the command
    assert "It has been kept as it is" in notices[-1] and "Recover history…" in notices[-1]
    assert "ankle-trainer recover" not in notices[-1]
    repo.close()


def test_damage_is_told_apart_from_a_full_disk() -> None:
    from ankle_trainer.storage.db import is_damage

    assert is_damage("database disk image is malformed")
    assert is_damage("file is not a database")
    assert not is_damage("database or disk is full")
