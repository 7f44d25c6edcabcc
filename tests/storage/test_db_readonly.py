"""A history in a folder that cannot be written is read, never moved aside;
a recovery says what it could not save (tester findings 1 and 4)."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ankle_trainer.app.recovery import RecoveryResult, lost_words, recovery_message
from ankle_trainer.cli import main
from ankle_trainer.core.library import find_routine
from ankle_trainer.core.text import count
from ankle_trainer.storage.db import (
    DatabaseOpenError,
    open_database,
    open_readonly,
)
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.recover import recover_history
from ankle_trainer.storage.sample import run_session
from tests.report_history import known_history

TZ = timezone(timedelta(hours=1))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder with a sound history in WAL mode (its -wal and -shm
    removed by a clean close, as after the app has quit)."""
    folder = tmp_path / "data"
    folder.mkdir()
    repo, _ = HistoryRepository.open(folder / "history.sqlite3")
    known_history(repo)
    repo.close()
    assert sorted(p.name for p in folder.iterdir()) == ["history.sqlite3"]
    return folder


@pytest.fixture
def read_only(data: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make ``data`` behave as a read-only folder does. The tests run as root,
    for whom permission bits do not stop writing, so this is emulated at the
    one place it shows: SQLite cannot create the ``-shm`` file a WAL history
    needs, and every open of the file but an ``immutable=1`` one fails with
    "unable to open database file" (what SQLite says on a read-only bind
    mount). Returns the URIs/paths that were refused."""
    real = sqlite3.connect
    refused: list[str] = []
    folder = str(data.resolve())

    def connect(database, *args, **kwargs):  # type: ignore[no-untyped-def]
        text = str(database)
        if folder in text and "immutable=1" not in text:
            refused.append(text)
            raise sqlite3.OperationalError("unable to open database file")
        return real(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect)
    return refused


def test_the_read_only_open_falls_back_to_reading_the_file_as_it_is(data: Path, read_only: list[str]) -> None:
    before = digest(data / "history.sqlite3")
    conn = open_readonly(data / "history.sqlite3")
    assert conn.execute("SELECT count(*) FROM session").fetchone()[0] > 0
    conn.close()
    assert any("mode=ro" in uri for uri in read_only)  # tried first, then immutable=1
    assert digest(data / "history.sqlite3") == before
    assert sorted(p.name for p in data.iterdir()) == ["history.sqlite3"]


def test_opening_for_writing_never_moves_a_sound_history_aside(data: Path, read_only: list[str]) -> None:
    before = digest(data / "history.sqlite3")
    with pytest.raises(DatabaseOpenError) as info:
        open_database(data / "history.sqlite3")
    message = str(info.value)
    assert message.startswith(f"Your history at {data / 'history.sqlite3'} could not be opened; it has"
                              " been left as it is.")
    assert "read-only" in message
    assert message.endswith("(Details for someone helping you: unable to open database file.)")
    assert digest(data / "history.sqlite3") == before  # nothing lost
    assert sorted(p.name for p in data.iterdir()) == ["history.sqlite3"]  # nothing moved aside


def test_a_file_that_is_not_a_database_is_still_kept_aside_and_named(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database at all " * 200)
    before = digest(path)
    opened = open_database(path, clock_now=lambda: datetime(2026, 5, 1, 8, 0, tzinfo=TZ))
    opened.connection.close()
    assert opened.moved_aside is not None and digest(opened.moved_aside) == before
    assert opened.notice is not None
    assert opened.notice.startswith("Your history file could not be read: it is damaged or not a history.")
    assert opened.notice.endswith("(Details for someone helping you: file is not a database.)")


@pytest.mark.parametrize("command", ["check", "export"])
def test_check_and_export_work_on_a_read_only_folder(
    data: Path, read_only: list[str], tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(data / "history.sqlite3")
    words = [command, "--data-dir", str(data)]
    if command == "export":
        words.insert(1, str(tmp_path / "out.csv"))
    assert main(words) == 0
    out = capsys.readouterr().out
    assert ("is sound" in out) if command == "check" else out.startswith("Wrote 5 sessions to")
    assert digest(data / "history.sqlite3") == before
    assert sorted(p.name for p in data.iterdir()) == ["history.sqlite3"]


def test_report_reads_a_read_only_folder_and_never_moves_the_history(
    qapp: object, data: Path, read_only: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(data / "history.sqlite3")
    out = tmp_path / "r.pdf"
    assert main(["report", str(out), "--all", "--data-dir", str(data)]) == 0
    assert "(5 sessions, 1 page)" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    assert digest(data / "history.sqlite3") == before
    assert sorted(p.name for p in data.iterdir()) == ["history.sqlite3"]


# -- what a recovery could not save ---------------------------------------------------


@pytest.fixture
def history(tmp_path: Path) -> Path:
    (tmp_path / "h").mkdir()
    repo, _ = HistoryRepository.open(tmp_path / "h" / "history.sqlite3")
    for day in range(40):
        run_session(repo, find_routine("heel-drops"), datetime(2026, 3, 1, 7, tzinfo=TZ) + timedelta(days=day),
                    3, 2, step=5.0)
    repo.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    repo.close()
    return tmp_path / "h" / "history.sqlite3"


def garble_a_leaf_of(path: Path, table: str) -> int:
    """Overwrite one leaf page (in the middle) of ``table`` with garbage;
    returns how many rows were on it."""
    conn = sqlite3.connect(path)
    leaves = conn.execute(
        "SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,)
    ).fetchall()
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert len(leaves) >= 2
    page, cells = leaves[len(leaves) // 2]
    with open(path, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\xa5" * size)
    return int(cells)


def test_a_recovery_counts_the_sets_it_could_not_read(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    on_page = garble_a_leaf_of(history, "session_set")
    before = digest(history)
    done = recover_history(history, tmp_path / "copy.sqlite3")
    assert digest(history) == before
    assert done.copied["session"] == 40
    assert done.copied["session_set"] + done.lost["session_set"] == 240  # nothing unaccounted for
    lost_sets = done.lost["session_set"]
    assert lost_sets >= on_page > 0  # at least the rows of the garbled page
    result = RecoveryResult(history, tmp_path / "copy.sqlite3", done.copied, done.lost, done.uncounted)
    message = recovery_message(result)
    assert message.startswith(f"Recovered 40 sessions and {count(240 - lost_sets, 'set')} into the new file")
    assert f"{count(lost_sets, 'set')} could not be read from the damaged part of the file." in message
    # the command line says the same in the same words
    assert main(["recover", str(tmp_path / "copy2.sqlite3"), "--data-dir", str(history.parent)]) == 0
    out = capsys.readouterr().out
    assert f"{count(lost_sets, 'set')} could not be read from the damaged part of the file." in out
    assert digest(history) == before


def test_a_recovery_counts_the_sessions_its_sets_name_but_that_are_lost(history: Path, tmp_path: Path) -> None:
    garble_a_leaf_of(history, "session")
    done = recover_history(history, tmp_path / "copy.sqlite3")
    assert done.copied["session"] < 40
    assert done.copied["session"] + done.lost["session"] == 40
    assert done.copied["session_set"] + done.lost["session_set"] == 240  # the sets of lost sessions too
    assert lost_words(done.lost, done.uncounted).startswith(
        f"{count(done.lost['session'], 'session')} and {count(done.lost['session_set'], 'set')} could not be read")


def test_lost_words() -> None:
    assert lost_words({"session": 0, "session_set": 0}, frozenset()) == "Nothing that could be counted was lost."
    assert lost_words({"session": 1, "session_set": 1}, frozenset()) == (
        "1 session and 1 set could not be read from the damaged part of the file.")
    assert lost_words({"session_set": 3}, frozenset({"session_set"})) == (
        "3 sets could not be read from the damaged part of the file. The damaged part could not be"
        " counted, so some more sets may be missing.")


def test_check_on_a_damaged_file_says_it_in_plain_words_first_then_details(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garble_a_leaf_of(history, "session_set")
    before = digest(history)
    assert main(["check", "--data-dir", str(history.parent)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == (
        f"ankle-trainer: your history at {history} is damaged: some of it can no longer be read. The"
        " file has not been changed. 'ankle-trainer recover NEW_FILE' copies everything that can"
        " still be read into a new file.")
    assert lines[1] == "Details for someone helping you (what SQLite's check found):"
    assert 2 < len(lines) <= 6 and all(line.startswith("  ") for line in lines[2:])
    assert digest(history) == before


def test_export_of_a_damaged_file_says_it_in_plain_words_first(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    garble_a_leaf_of(history, "session_set")
    before = digest(history)
    assert main(["export", str(tmp_path / "sets.csv"), "--sets", "--data-dir", str(history.parent)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ankle-trainer: Your history could not be read to the end; nothing was written"
                          " and the history was not changed. (Details for someone helping you: ")
    assert not (tmp_path / "sets.csv").exists()
    assert digest(history) == before
