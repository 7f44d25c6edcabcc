from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import UTC
from pathlib import Path

import pytest

from ankle_trainer.storage.db import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    NewerDatabaseError,
    connect,
    migrate,
    open_database,
)
from ankle_trainer.storage.history import HistoryRepository, open_history


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_has_wal_foreign_keys_and_version(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "h.sqlite3")
    conn = opened.connection
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert opened.notice is None
    conn.close()


def test_migrations_run_step_by_step_from_an_empty_file(tmp_path: Path) -> None:
    conn = connect(tmp_path / "h.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert migrate(conn) == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"session", "session_set"} <= tables
    assert migrate(conn) == SCHEMA_VERSION  # running again changes nothing
    conn.close()


def test_data_folder_is_created_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    repo, notices = open_history(folder)
    repo.close()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / "history.sqlite3").stat().st_mode) == 0o600
    assert notices == []


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute("INSERT INTO future VALUES ('precious')")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a newer version of ours
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NewerDatabaseError) as info:
        open_database(path)
    message = str(info.value)
    assert "newer version of Ankle Trainer" in message
    assert "has not been changed" in message and str(path) in message
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all\n" * 100, b"SQLite format 3\x00" + b"\x07" * 4000],
    ids=["text", "damaged-header"],
)
def test_unreadable_file_is_kept_aside_and_a_fresh_one_started(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(content)
    opened = open_database(path)
    assert opened.moved_aside is not None
    assert opened.moved_aside.read_bytes() == content  # kept byte for byte
    assert opened.moved_aside.name.startswith("history.sqlite3.unreadable-")
    assert opened.notice is not None
    assert opened.moved_aside.name in opened.notice and "Nothing was deleted" in opened.notice
    repo = HistoryRepository(opened.connection)
    assert repo.count_sessions() == 0
    repo.close()


def test_a_second_bad_file_never_overwrites_the_first(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"first bad file")
    first = open_database(path, clock_now=lambda: _fixed())
    first.connection.close()
    path.unlink()
    for extra in ("-wal", "-shm"):
        (tmp_path / f"history.sqlite3{extra}").unlink(missing_ok=True)
    path.write_bytes(b"second bad file")
    second = open_database(path, clock_now=lambda: _fixed())
    second.connection.close()
    assert first.moved_aside != second.moved_aside
    assert first.moved_aside is not None and second.moved_aside is not None
    assert first.moved_aside.read_bytes() == b"first bad file"
    assert second.moved_aside.read_bytes() == b"second bad file"


def _fixed():  # type: ignore[no-untyped-def]
    from datetime import datetime

    return datetime(2026, 1, 1, tzinfo=UTC)


def test_a_version_1_history_is_upgraded_with_nothing_lost(tmp_path: Path) -> None:
    from ankle_trainer.storage.migrations import MIGRATIONS

    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO session (id, routine_id, routine_name, started_at, ended_at,"
        " utc_offset_minutes, local_date, status, sets_planned, pain_before, notes)"
        " VALUES ('a', 'heel-drops', 'Heel drops', '2026-01-01T07:00:00.000+00:00',"
        " '2026-01-01T07:11:00.000+00:00', 60, '2026-01-01', 'completed', 6, 4, 'sore')"
    )
    conn.execute(
        "INSERT INTO session_set VALUES ('a', 0, 'heel-drop-straight', 'Heel drop', 'both',"
        " 1, 15, 15, NULL, NULL, 'completed', '2026-01-01T07:01:10.000+00:00')"
    )
    conn.commit()
    conn.close()
    opened = open_database(path)
    repo = HistoryRepository(opened.connection)
    assert opened.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 9
    indexes = {r[0] for r in opened.connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "session_started_at" in indexes
    [row] = repo.recent_sessions()
    assert (row.id, row.pain_before, row.notes, row.pain_next_morning) == ("a", 4, "sore", None)
    [s] = repo.sets_for("a")
    assert (s.actual_reps, s.pain_during) == (15, None)
    # The stored export line of an existing set is filled in by the upgrade.
    assert opened.connection.execute("SELECT export_line FROM session_set").fetchone()[0] == (
        "a,Heel drop,both,1,15,15,,,completed,2026-01-01T08:01:10+01:00,heel-drop-straight,0,,"
        "2026-01-01T08:01:10\r\n"
    )
    # The triage and repetition-maximum tables arrive empty, and an old
    # heel-rise test reads as "incline not asked".
    tables = {r[0] for r in opened.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"triage", "rm_load", "app_state"} <= tables
    columns = {r[1] for r in opened.connection.execute("PRAGMA table_info(heel_rise_test)")}
    assert "on_incline" in columns
    repo.close()


def test_version_9_rewrites_the_stored_set_lines_with_local_times_in_t_form(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = open_database(path).connection
    conn.execute(
        "INSERT INTO session (id, routine_id, routine_name, started_at, ended_at,"
        " utc_offset_minutes, local_date, status, sets_planned)"
        " VALUES ('a', 'heel-drops', 'Heel drops', '2026-01-01T07:00:00.000+00:00',"
        " '2026-01-01T07:11:00.000+00:00', 60, '2026-01-01', 'completed', 6)"
    )
    conn.execute(
        "INSERT INTO session_set (session_id, seq, exercise_id, exercise_name, side, set_number,"
        " status, completed_at) VALUES ('a', 0, 'heel-drop-straight', 'Heel drop', 'both', 1,"
        " 'completed', '2026-01-01T07:01:10.000+00:00')"
    )
    # A version 8 history: lines and triggers of the old form (stood for here
    # by a stale line and no triggers).
    for trigger in ("session_set_line_insert", "session_set_line_update", "session_offset_line_update"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("UPDATE session_set SET export_line = 'stale'")
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    conn = open_database(path).connection
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 9
    line = conn.execute("SELECT export_line FROM session_set").fetchone()[0]
    assert line.endswith(",2026-01-01T08:01:10+01:00,heel-drop-straight,0,,2026-01-01T08:01:10\r\n")
    conn.execute("UPDATE session SET utc_offset_minutes = 120 WHERE id = 'a'")  # triggers are back
    assert conn.execute("SELECT export_line FROM session_set").fetchone()[0].endswith(
        ",2026-01-01T09:01:10\r\n")
    conn.close()
