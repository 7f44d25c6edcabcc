"""Opening the history for the window with its change-capturing triggers left
until after the first paint (open_history(defer=True), issue 10): nothing is
ever written without them, and a session left running is closed at once."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ankle_trainer.storage.history import HistoryRepository, open_history

WHEN = datetime(2026, 4, 1, 6, 0, tzinfo=UTC)


def _triggers(repo: HistoryRepository) -> int:
    # the raw connection: the repository's own would add them first
    return int(repo._conn.execute("SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'").fetchone()[0])


def _captured(folder: Path) -> list[tuple[str, str]]:
    raw = sqlite3.connect(folder / "history.sqlite3")
    try:
        return [(str(k), str(key)) for k, key in raw.execute("SELECT kind, key FROM sync_version")]
    finally:
        raw.close()


def _left_running(folder: Path) -> str:
    repo, _ = open_history(folder)
    sid = repo.start_session("heel-drops", "Heel drops", WHEN, 5, pain_before=3)
    repo.close()  # as after a crash: still marked running
    return sid


def test_the_first_paints_reads_leave_the_triggers_for_later(tmp_path: Path) -> None:
    repo, notices = open_history(tmp_path, defer=True)
    assert notices == []
    assert _triggers(repo) == 0
    assert repo.levels() == {} and repo.recent_sessions(6) == []
    assert repo.completed_between("2026-03-30", "2026-04-05") == 0
    assert _triggers(repo) == 0  # what home shows at the first paint needs none
    repo.finish_opening()
    assert _triggers(repo) == 29
    repo.finish_opening()  # once only
    assert _triggers(repo) == 29
    repo.close()


def test_a_write_before_finish_opening_adds_the_triggers_first_and_is_captured(tmp_path: Path) -> None:
    repo, _ = open_history(tmp_path, defer=True)
    sid = repo.start_session("heel-drops", "Heel drops", WHEN, 5, pain_before=3)
    assert _triggers(repo) == 29
    repo.close()
    assert ("session", sid) in _captured(tmp_path)


def test_a_write_through_the_bare_connection_is_captured_too(tmp_path: Path) -> None:
    """Import writes through ``history.conn`` itself, not a repository method."""
    repo, _ = open_history(tmp_path, defer=True)
    repo.conn.execute("INSERT INTO routine_level (routine_id, level, changed_at) VALUES ('hsr', 1, ?)",
                      (WHEN.isoformat(),))
    repo.close()
    assert ("level", "hsr") in _captured(tmp_path)


def test_a_session_left_running_is_closed_before_the_first_paint_and_the_closing_synced(tmp_path: Path) -> None:
    sid = _left_running(tmp_path)
    repo, notices = open_history(tmp_path, defer=True)
    assert _triggers(repo) == 29
    row = repo.get_session(sid)
    assert row is not None and row.status == "interrupted"
    assert any("ended unexpectedly" in n for n in notices)
    repo.close()
    assert ("session", sid) in _captured(tmp_path)


def test_without_defer_everything_is_done_at_once(tmp_path: Path) -> None:
    repo, notices = open_history(tmp_path)
    assert notices == [] and _triggers(repo) == 29
    repo.close()
