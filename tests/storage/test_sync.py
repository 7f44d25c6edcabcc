"""Sync through a folder: two or three data folders and one sync folder, all
in tmp_path, each computer on its own fake clock."""

from __future__ import annotations

import gzip
import json
import shutil
import signal
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.storage.demo import fill_demo_history
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sync import ROOT_NAME, SyncError, auto_sync, last_sync_status, sync_now
from ankle_trainer.storage.sync_records import RECORD_KINDS, set_capture_clock

from ..conftest import TINY_ROUTINE


class Device:
    """One computer: its data folder, history and clock."""

    def __init__(self, base: Path, name: str, start: datetime) -> None:
        self.name = name
        self.data = base / name
        self.data.mkdir(parents=True)
        self.clock = FakeClock(start)
        self.repo, _ = HistoryRepository.open(self.data / "history.sqlite3")
        set_capture_clock(self.repo.conn, self.clock.now)

    def sync(self, folder: Path):  # type: ignore[no-untyped-def]
        self.clock.advance(1.0)
        return sync_now(
            self.repo, folder, routines_dir=self.data / "routines", now=self.clock.now,
            device_name=self.name,
        )

    def state(self) -> dict[str, list[tuple[object, ...]]]:
        """Every synced row, without per-computer ids, in a stable order."""
        out: dict[str, list[tuple[object, ...]]] = {}
        for kind in RECORD_KINDS:
            columns = [
                r[1] for r in self.repo.conn.execute(f"PRAGMA table_info({kind.table})")
                if r[1] != kind.local_id
            ]
            rows = self.repo.conn.execute(f"SELECT {', '.join(columns)} FROM {kind.table}").fetchall()
            out[kind.name] = sorted((tuple(r) for r in rows), key=repr)
        routines = self.data / "routines"
        out["routine_file"] = sorted(
            (p.name, p.read_text()) for p in routines.glob("*.toml")
        ) if routines.is_dir() else []
        return out


T0 = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Sync"
    path.mkdir()
    return path


def two_with_history(tmp_path: Path, years: int = 1) -> tuple[Device, Device]:
    a = Device(tmp_path, "laptop", T0)
    b = Device(tmp_path, "desktop", T0 + timedelta(seconds=7))
    fill_demo_history(a.repo, years, date(2026, 3, 1), seed=1)
    fill_demo_history(b.repo, years, date(2025, 3, 1), seed=2)
    a.repo.add_heel_rise(a.clock.now(), 20, 22, 1.0)
    b.repo.record_safety_check(b.clock.now(), {"calf_swelling": False}, "clear")
    b.repo.set_level("heel-drops", 2, b.clock.now())
    return a, b


def test_two_histories_converge_both_ways_and_syncing_again_changes_nothing(
    tmp_path: Path, folder: Path
) -> None:
    a, b = two_with_history(tmp_path)
    sessions_a, sessions_b = a.repo.count_sessions(), b.repo.count_sessions()
    first = a.sync(folder)
    assert first.received == 0 and first.sent["session"] == sessions_a
    second = b.sync(folder)
    assert second.added["session"] == sessions_a
    assert second.added["heel_rise_test"] == 1
    assert f"Added {sessions_a} sessions" in second.summary()
    assert "1 heel-rise test from laptop" in second.summary()
    third = a.sync(folder)
    assert third.added["session"] == sessions_b
    assert a.repo.count_sessions() == sessions_a + sessions_b
    assert a.state() == b.state()
    before = a.state()
    for device in (a, b, a):
        again = device.sync(folder)
        assert again.received == 0 and not again.sent
        assert again.summary() == "Nothing new."
    assert a.state() == b.state() == before


def test_the_database_never_goes_into_the_sync_folder(tmp_path: Path, folder: Path) -> None:
    a, _ = two_with_history(tmp_path)
    a.sync(folder)
    names = [p.name for p in folder.rglob("*")]
    assert not [n for n in names if "sqlite" in n]
    device_dirs = [p for p in (folder / ROOT_NAME).iterdir() if p.is_dir()]
    assert len(device_dirs) == 1
    assert sorted(p.name for p in device_dirs[0].iterdir()) == ["device.json", "segment-000001.json.gz"]


@pytest.mark.parametrize("first", ["earlier editor first", "later editor first"])
def test_same_session_edited_on_both_the_later_edit_wins_on_both(
    tmp_path: Path, folder: Path, first: str
) -> None:
    a, b = Device(tmp_path, "laptop", T0), Device(tmp_path, "desktop", T0)
    sid = a.repo.start_session("heel-drops", "Heel drops", a.clock.now(), 6, 3)
    a.sync(folder)
    b.sync(folder)
    a.clock.advance(60)
    a.repo.update_session(sid, notes="from the laptop", pain_after=2)
    b.clock.advance(120)  # a minute later
    b.repo.update_session(sid, notes="from the desktop")
    order = (a, b) if first == "earlier editor first" else (b, a)
    for device in (*order, *order):
        device.sync(folder)
    for device in (a, b):
        session = device.repo.get_session(sid)
        assert session is not None and session.notes == "from the desktop"
    assert a.state() == b.state()


def test_a_deletion_on_one_removes_it_on_both(tmp_path: Path, folder: Path) -> None:
    a, b = two_with_history(tmp_path)
    for device in (a, b, a):
        device.sync(folder)
    victim = a.repo.sessions()[10]
    assert b.repo.sets_for(victim.id)
    b.clock.advance(3600)
    b.repo.delete_session(victim.id)
    test_id = a.repo.conn.execute("SELECT uid FROM heel_rise_test").fetchone()[0]
    a.repo.conn.execute("DELETE FROM heel_rise_test WHERE uid = ?", (test_id,))
    report_b = b.sync(folder)
    report_a = a.sync(folder)
    assert report_a.removed == {"session": 1}
    assert "Removed 1 session from desktop." in report_a.summary()
    assert report_b.removed == {} and b.sync(folder).removed == {"heel_rise_test": 1}
    for device in (a, b):
        assert device.repo.get_session(victim.id) is None
        assert device.repo.sets_for(victim.id) == []
        assert device.repo.heel_rise_tests() == []
    assert a.state() == b.state()


def test_triage_answers_and_recorded_weights_travel_to_the_other_computer(
    tmp_path: Path, folder: Path
) -> None:
    from ankle_trainer.core.triage import Condition, Onset, TriageAnswers

    start = datetime(2026, 3, 1, 8, tzinfo=UTC)
    a, b = Device(tmp_path, "laptop", start), Device(tmp_path, "desktop", start)
    a.repo.add_triage(a.clock.now(), TriageAnswers(Condition.ACHILLES_MID, Onset.WEEKS, False))
    a.repo.record_rm_load("hsr", "hsr-seated-calf-raise", 15, 40, a.clock.now())
    a.sync(folder)
    report = b.sync(folder)
    assert report.added == {"triage": 1, "rm_load": 1}
    latest = b.repo.latest_triage()
    assert latest is not None and latest.answers == TriageAnswers(Condition.ACHILLES_MID, Onset.WEEKS, False)
    assert b.repo.rm_loads("hsr") == {("hsr-seated-calf-raise", 15): 40}
    assert a.state() == b.state()


def test_a_set_edited_or_removed_travels_inside_its_session(tmp_path: Path, folder: Path) -> None:
    a, b = two_with_history(tmp_path)
    for device in (a, b, a):
        device.sync(folder)
    # One version per session, none per set: that is what keeps a first merge fast.
    for device in (a, b):
        kinds = dict(device.repo.conn.execute("SELECT kind, count(*) FROM sync_version GROUP BY kind"))
        assert "set" not in kinds and kinds["session"] == device.repo.count_sessions()
    victim = a.repo.sessions()[5]
    sets = a.repo.sets_for(victim.id)
    a.clock.advance(60)
    a.repo.set_pain_during(victim.id, sets[0].seq, 4)
    a.repo.conn.execute(
        "DELETE FROM session_set WHERE session_id = ? AND seq = ?", (victim.id, sets[-1].seq)
    )
    sent = a.sync(folder)
    assert sent.sent == {"session": 1, "set": len(sets) - 1}
    merged = b.sync(folder)
    assert merged.changed == {"session": 1} and merged.added == {}
    got = b.repo.sets_for(victim.id)
    assert [s.seq for s in got] == [s.seq for s in sets[:-1]]
    assert got[0].pain_during == 4
    assert a.state() == b.state()


def test_a_failed_merge_leaves_change_capture_in_place(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from ankle_trainer.storage import sync as sync_module

    a, b = two_with_history(tmp_path)
    a.sync(folder)
    triggers = "SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'"
    before = b.repo.conn.execute(triggers).fetchone()[0]
    assert before > 0
    own = b.repo.count_sessions()

    def fail(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sync_module, "_apply_deletes", fail)
    with pytest.raises(SyncError, match="disk I/O error"):
        b.sync(folder)
    assert b.repo.conn.execute(triggers).fetchone()[0] == before
    assert b.repo.count_sessions() == own  # nothing half merged
    monkeypatch.undo()
    b.sync(folder)  # merges now, with capture set aside and put back
    assert b.repo.conn.execute(triggers).fetchone()[0] == before
    sid = b.repo.sessions()[0].id
    b.clock.advance(60)
    b.repo.update_session(sid, notes="after the merge")
    assert b.sync(folder).sent == {"session": 1, "set": len(b.repo.sets_for(sid))}
    a.sync(folder)
    session = a.repo.get_session(sid)
    assert session is not None and session.notes == "after the merge"


def test_an_edit_after_a_sync_is_sent_and_a_restored_session_comes_back(
    tmp_path: Path, folder: Path
) -> None:
    a, b = Device(tmp_path, "laptop", T0), Device(tmp_path, "desktop", T0)
    sid = a.repo.start_session("heel-drops", "Heel drops", a.clock.now(), 6, 3)
    a.sync(folder)
    b.sync(folder)
    snapshot = a.repo.delete_session(sid)
    a.sync(folder)
    assert b.sync(folder).removed == {"session": 1}
    a.clock.advance(5)
    a.repo.restore_session(snapshot)  # undo
    a.sync(folder)
    assert b.sync(folder).added == {"session": 1}
    assert b.repo.get_session(sid) is not None


def test_many_segments_are_folded_into_one_and_every_computer_ends_the_same(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ankle_trainer.storage import sync as sync_module

    monkeypatch.setattr(sync_module, "COMPACT_AT", 3)
    a, b = Device(tmp_path, "laptop", T0), Device(tmp_path, "desktop", T0)
    kept = a.repo.start_session("heel-drops", "Heel drops", a.clock.now(), 6, 3)
    gone = a.repo.start_session("ankle-mobility", "Ankle mobility", a.clock.now(), 4, 1)
    a.sync(folder)
    b.sync(folder)  # has read the first segment only
    a.clock.advance(60)
    a.repo.update_session(kept, notes="edited later")
    a.sync(folder)
    a.repo.delete_session(gone)
    a.sync(folder)
    assert len(_segments(a, folder)) == 3
    a.repo.add_heel_rise(a.clock.now(), 20, 22, 1.0)
    report = a.sync(folder)
    assert report.compacted == 3 and report.sent == {"heel_rise_test": 1}
    assert [p.name for p in _segments(a, folder)] == ["segment-000004.json.gz"]
    c = Device(tmp_path, "work", T0)  # a new computer reads only the folded segment
    for device in (b, c):
        device.sync(folder)
        session = device.repo.get_session(kept)
        assert session is not None and session.notes == "edited later"
        assert device.repo.get_session(gone) is None
        assert device.state() == a.state()
    for device in (a, b, c):
        again = device.sync(folder)
        assert again.received == 0 and not again.sent and again.compacted == 0
    assert a.state() == b.state() == c.state()


def _segments(device: Device, folder: Path) -> list[Path]:
    me = device.repo.conn.execute("SELECT value FROM sync_state WHERE name = 'device'").fetchone()[0]
    return sorted((folder / ROOT_NAME / me).glob("segment-*.json.gz"))


def _bad_segment_setup(tmp_path: Path, folder: Path) -> tuple[Device, Device, Device, Path]:
    """a has synced; c wrote one good segment; b's only segment is returned
    for the test to spoil (b itself has already synced)."""
    a, b = Device(tmp_path, "laptop", T0), Device(tmp_path, "desktop", T0)
    c = Device(tmp_path, "work", T0)
    a.repo.start_session("heel-drops", "Heel drops", a.clock.now(), 6, 3)
    a.sync(folder)
    b.repo.start_session("ankle-mobility", "Ankle mobility", b.clock.now(), 4, 1)
    b.sync(folder)
    c.repo.add_heel_rise(c.clock.now(), 18, 25, 1.0)
    c.sync(folder)
    return a, b, c, _segments(b, folder)[0]


def _assert_skipped_then_merged(
    a: Device, b: Device, folder: Path, segment: Path, good: bytes, why: str
) -> None:
    before = a.state()
    report = a.sync(folder)
    assert report.added == {"heel_rise_test": 1}  # the rest merged
    (problem,) = report.problems
    assert f"Skipped desktop's changes in {segment.name}: {why}" in problem
    assert "Nothing was lost" in problem and problem in report.summary()
    assert a.state()["session"] == before["session"]  # nothing lost, nothing half-merged
    # Retried at each sync, and merged once the whole file is there.
    assert a.sync(folder).problems == [problem]
    segment.write_bytes(good)
    assert a.sync(folder).added == {"session": 1}
    assert a.state()["session"] == b.state()["session"]


def test_a_partial_segment_is_skipped_with_a_message_and_merged_when_complete(
    tmp_path: Path, folder: Path
) -> None:
    a, b, _c, segment = _bad_segment_setup(tmp_path, folder)
    good = segment.read_bytes()
    segment.write_bytes(good[: len(good) // 2])
    _assert_skipped_then_merged(a, b, folder, segment, good, "it is incomplete")


def test_a_corrupt_segment_is_skipped_with_a_message(tmp_path: Path, folder: Path) -> None:
    a, b, _c, segment = _bad_segment_setup(tmp_path, folder)
    good = segment.read_bytes()
    spoiled = bytearray(good)
    spoiled[len(spoiled) // 2] ^= 0xFF
    segment.write_bytes(bytes(spoiled))
    _assert_skipped_then_merged(a, b, folder, segment, good, "it is damaged")


def _set_row(columns: list[str], session_id: str, width: int | None = None) -> list[object]:
    row: list[object] = [session_id if c == "session_id" else None for c in columns]
    return row[:width] if width is not None else row


_SPOILS = {
    "a session that is not a row": lambda put, cols: put.__setitem__(3, "not a row"),
    "a session without its sets": lambda put, cols: put.pop(4),
    "a set of another session": lambda put, cols: put[4]["set"].append(_set_row(cols, "someone-else")),
    "a set cut short": lambda put, cols: put[4]["set"].append(_set_row(cols, put[0], width=3)),
}


@pytest.mark.parametrize("spoil", list(_SPOILS))
def test_a_segment_of_the_wrong_shape_is_skipped_with_a_message(
    tmp_path: Path, folder: Path, spoil: str
) -> None:
    a, b, _c, segment = _bad_segment_setup(tmp_path, folder)
    good = segment.read_bytes()
    content = json.loads(gzip.decompress(good))
    block = content["records"]["session"]
    _SPOILS[spoil](block["put"][0], block["parts"]["set"])
    segment.write_bytes(gzip.compress(json.dumps(content).encode()))
    _assert_skipped_then_merged(a, b, folder, segment, good, "it is damaged (a change is not")


def test_a_segment_of_a_newer_format_is_skipped_with_a_message(tmp_path: Path, folder: Path) -> None:
    a, b, _c, segment = _bad_segment_setup(tmp_path, folder)
    good = segment.read_bytes()
    content = json.loads(gzip.decompress(good))
    content["format"] = 2
    segment.write_bytes(gzip.compress(json.dumps(content).encode()))
    _assert_skipped_then_merged(
        a, b, folder, segment, good, "it was written by a newer version of Ankle Trainer (format 2)"
    )


def test_conflict_copies_and_temporary_files_are_ignored_and_reported_once(
    tmp_path: Path, folder: Path
) -> None:
    a, b, _c, segment = _bad_segment_setup(tmp_path, folder)
    copies = [
        segment.with_name("segment-000001.sync-conflict-20260302-083000-ABCDEFG.json.gz"),
        segment.with_name("segment-000001 (conflicted copy 2026-03-02).json.gz"),
        segment.with_name(".syncthing.segment-000002.json.gz.tmp"),
    ]
    for copy in copies:
        # Copies that would double every row if they were read.
        shutil.copy(segment, copy)
    report = a.sync(folder)
    assert report.added == {"session": 1, "heel_rise_test": 1}
    assert sorted(report.ignored) == sorted(f"{segment.parent.name}/{c.name}" for c in copies)
    assert "Left alone" in report.summary()
    assert a.repo.count_sessions() == 2
    again = a.sync(folder)
    assert again.ignored == [] and again.summary() == "Nothing new."
    assert all(copy.exists() for copy in copies)  # left alone, not deleted
    # Another Ankle Trainer's segment being written is passed over quietly.
    segment.with_name(".segment-000002.json.gz.k3j9x.tmp").write_bytes(b"half")
    assert a.sync(folder).summary() == "Nothing new."


def test_a_newer_folder_format_is_refused_and_nothing_is_written(tmp_path: Path, folder: Path) -> None:
    a = Device(tmp_path, "laptop", T0)
    a.repo.start_session("heel-drops", "Heel drops", a.clock.now(), 6, 3)
    root = folder / ROOT_NAME
    root.mkdir()
    (root / "format.json").write_text('{"format": 7}')
    before_state = a.state()
    with pytest.raises(SyncError) as caught:
        a.sync(folder)
    assert "set up by a newer version of Ankle Trainer (sync format 7" in str(caught.value)
    assert "Nothing was written to the folder" in str(caught.value)
    assert [p.name for p in root.iterdir()] == ["format.json"]
    assert (root / "format.json").read_text() == '{"format": 7}'
    assert a.state() == before_state
    assert last_sync_status(a.repo).message == str(caught.value)


def test_a_damaged_format_file_is_refused_with_a_message(tmp_path: Path, folder: Path) -> None:
    a = Device(tmp_path, "laptop", T0)
    root = folder / ROOT_NAME
    root.mkdir()
    (root / "format.json").write_text("{nope")
    with pytest.raises(SyncError, match="is damaged"):
        a.sync(folder)
    assert [p.name for p in root.iterdir()] == ["format.json"]


def test_a_missing_folder_says_so_and_creates_nothing(tmp_path: Path) -> None:
    a = Device(tmp_path, "laptop", T0)
    gone = tmp_path / "USB stick"
    with pytest.raises(SyncError, match="is not there. If it is on a drive, connect the drive"):
        a.sync(gone)
    assert not gone.exists()
    a_file = tmp_path / "notes.txt"  # a file chosen by mistake (thirty-first re-test: "is not there")
    a_file.write_text("mine")
    with pytest.raises(SyncError, match="is a file, not a folder. Choose the folder your sync tool shares"):
        a.sync(a_file)
    assert a_file.read_text() == "mine"


CALVES = TINY_ROUTINE.replace('id = "tiny"', 'id = "my-calves"')


def test_routine_files_are_synced_and_a_deleted_one_is_kept_aside(tmp_path: Path, folder: Path) -> None:
    a, b = Device(tmp_path, "laptop", T0), Device(tmp_path, "desktop", T0)
    (a.data / "routines").mkdir()
    (a.data / "routines" / "my-calves.toml").write_text(CALVES)
    a.sync(folder)
    assert b.sync(folder).added == {"routine_file": 1}
    assert (b.data / "routines" / "my-calves.toml").read_text() == CALVES
    b.clock.advance(60)
    (b.data / "routines" / "my-calves.toml").write_text(CALVES + "# edited\n")
    b.sync(folder)
    assert "Updated 1 routine from desktop." in a.sync(folder).summary()
    assert a.state() == b.state()
    (a.data / "routines" / "my-calves.toml").unlink()
    a.sync(folder)
    assert b.sync(folder).removed == {"routine_file": 1}
    assert not (b.data / "routines" / "my-calves.toml").exists()
    kept = list((b.data / "routines" / "deleted").glob("my-calves-*.toml"))
    assert len(kept) == 1 and "edited" in kept[0].read_text()


def test_routine_files_the_app_refuses_are_held_back_and_named_once(tmp_path: Path, folder: Path) -> None:
    a, b = Device(tmp_path, "laptop", T0), Device(tmp_path, "desktop", T0)
    routines = a.data / "routines"
    routines.mkdir()
    (routines / "my-calves.toml").write_text(CALVES)
    huge = CALVES.replace('id = "my-calves"', 'id = "huge"').replace("reps = 3", "reps = " + "9" * 400)
    (routines / "huge.toml").write_text(huge)
    (routines / "misnamed.toml").write_text(CALVES)  # its id is my-calves
    first = a.sync(folder)
    held = [p for p in first.problems if p.startswith("Not sent:")]
    assert len(held) == 2
    assert held[0].startswith("Not sent: the routine file huge.toml, as Ankle Trainer cannot use it (")
    assert held[1].startswith("Not sent: the routine file misnamed.toml, as Ankle Trainer cannot use it"
                              " ('my-calves' does not match the file name 'misnamed.toml'.")
    assert first.sent == {"routine_file": 1}
    assert b.sync(folder).added == {"routine_file": 1}
    assert sorted(p.name for p in (b.data / "routines").iterdir()) == ["my-calves.toml"]
    # named once: the next sync does not repeat it; the files are untouched
    assert not [p for p in a.sync(folder).problems if p.startswith("Not sent:")]
    assert (routines / "huge.toml").read_text() == huge
    # a sent routine that is then spoilt is held back, and not deleted on the other computer
    a.clock.advance(60)
    (routines / "my-calves.toml").write_text(CALVES.replace("reps = 3", "reps = 500"))
    spoilt = a.sync(folder)
    assert [p for p in spoilt.problems if "my-calves.toml" in p]
    assert not spoilt.sent
    assert b.sync(folder).received == 0
    assert (b.data / "routines" / "my-calves.toml").read_text() == CALVES
    # once it loads again it is sent as usual
    (routines / "huge.toml").write_text(huge.replace("9" * 400, "4"))
    assert a.sync(folder).sent == {"routine_file": 1}
    assert b.sync(folder).added == {"routine_file": 1}


def test_status_and_the_window_hook(tmp_path: Path, folder: Path) -> None:
    a, b = Device(tmp_path, "laptop", T0), Device(tmp_path, "desktop", T0)
    assert last_sync_status(a.repo).last_sync is None
    assert auto_sync(a.repo, "", a.data) is None  # sync off
    a.repo.start_session("heel-drops", "Heel drops", a.clock.now(), 6, 3)
    b.sync(folder)
    result = auto_sync(a.repo, str(folder), a.data, now=a.clock.now, device_name="laptop")
    assert not isinstance(result, SyncError) and result is not None
    status = last_sync_status(a.repo)
    assert status.last_sync == a.clock.now() and status.folder == str(folder)
    assert status.message == result.summary()
    b.sync(folder)
    assert last_sync_status(b.repo).devices == ["laptop"]
    missing = auto_sync(a.repo, str(tmp_path / "gone"), a.data)
    assert isinstance(missing, SyncError) and "is not there" in str(missing)


def test_the_status_names_the_other_computers_while_the_folder_is_away(tmp_path: Path, folder: Path) -> None:
    a, b = Device(tmp_path, "laptop", T0), Device(tmp_path, "desktop", T0)
    a.repo.start_session("heel-drops", "Heel drops", a.clock.now(), 6, 3)
    a.sync(folder)
    b.sync(folder)
    assert last_sync_status(b.repo).devices == ["laptop"]
    moved = folder.rename(tmp_path / "on the USB stick")  # unplugged
    assert last_sync_status(b.repo).devices == ["laptop"]
    moved.rename(folder)
    a.name = "old laptop"
    a.sync(folder)  # renamed: the folder, being back, is read again
    assert last_sync_status(b.repo).devices == ["old laptop"]


def test_computers_with_the_same_name_are_told_apart(tmp_path: Path, folder: Path) -> None:
    """Three computers all called "vm": never "with vm and vm"."""
    a, b, c = (Device(tmp_path / str(i), "vm", T0) for i in range(3))
    d = Device(tmp_path, "laptop", T0)
    for each in (a, b, c):
        each.repo.start_session("heel-drops", "Heel drops", each.clock.now(), 6, 3)
        each.sync(folder)
    report = d.sync(folder)
    ids = {each.name + str(i): each.repo.conn.execute(
        "SELECT value FROM sync_state WHERE name = 'device'").fetchone()[0] for i, each in enumerate((a, b, c))}
    assert sorted(report.devices) == sorted(f"vm ({ids[k][:6]})" for k in ids)
    assert "vm and vm" not in report.summary() and f"vm ({ids['vm0'][:6]})" in report.summary()
    status = last_sync_status(d.repo)
    assert sorted(status.devices) == sorted(report.devices)
    assert "vm and vm" not in status.describe()
    # this computer is "vm" too: the others get their id, the unclashing laptop does not
    a.sync(folder)
    mine = last_sync_status(a.repo).devices
    assert sorted(mine) == sorted(f"vm ({ids[k][:6]})" for k in ("vm1", "vm2"))


def test_device_labels_add_the_id_only_where_names_clash() -> None:
    from ankle_trainer.storage.sync import device_labels

    ids = {"a" * 32: "vm", "b" * 32: "VM", "c" * 32: "laptop"}
    assert device_labels(ids) == {"a" * 32: "vm (aaaaaa)", "b" * 32: "VM (bbbbbb)", "c" * 32: "laptop"}
    assert device_labels({"c" * 32: "laptop"}, own="Laptop") == {"c" * 32: "laptop (cccccc)"}
    assert device_labels({"c" * 32: "laptop"}, own="vm") == {"c" * 32: "laptop"}


# -- killed mid-sync ----------------------------------------------------------------------

CHILD = r"""
import sys
from datetime import datetime, timezone
from pathlib import Path
from ankle_trainer.core.clock import FakeClock
from ankle_trainer.storage import sync
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sync_records import set_capture_clock

data, folder, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
repo, _ = HistoryRepository.open(data / "history.sqlite3")
clock = FakeClock(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc))
set_capture_clock(repo.conn, clock.now)

def wait_for_kill():
    print("READY", flush=True)
    sys.stdin.readline()  # the parent sends SIGKILL instead of a line
    raise SystemExit("not killed")

if point == "merging":
    real_record = sync._record_versions
    def record(*args):
        real_record(*args)  # some rows merged, not committed
        wait_for_kill()
    sync._record_versions = record
else:
    real_write = sync._atomic_write
    def write(path, data):
        if path.name.startswith("segment-"):
            if point == "writing":
                tmp = path.with_name("." + path.name + ".half.tmp")
                tmp.write_bytes(data[: len(data) // 2])
                wait_for_kill()
            real_write(path, data)
            wait_for_kill()  # renamed into place, not yet recorded
        else:
            real_write(path, data)
    sync._atomic_write = write
sync.sync_now(repo, folder, routines_dir=data / "routines", now=clock.now, device_name="killed")
"""


@pytest.mark.parametrize("point", ["merging", "writing", "written"])
def test_a_sync_killed_mid_way_completes_next_time_with_nothing_doubled(
    tmp_path: Path, folder: Path, point: str
) -> None:
    a, b = two_with_history(tmp_path)
    expected = a.repo.count_sessions() + b.repo.count_sessions()
    a.sync(folder)
    b.repo.close()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(b.data), str(folder), point],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.strip() == "READY", child.stderr.read() if child.stderr else line
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=60) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
    b = Device.__new__(Device)
    b.name, b.data, b.clock = "desktop", tmp_path / "desktop", FakeClock(T0 + timedelta(hours=3))
    b.repo, _ = HistoryRepository.open(b.data / "history.sqlite3")
    set_capture_clock(b.repo.conn, b.clock.now)
    b.sync(folder)
    a.sync(folder)
    assert a.state() == b.state()
    for device in (a, b):
        ids = [r[0] for r in device.repo.conn.execute("SELECT id FROM session")]
        assert len(ids) == len(set(ids)) == expected  # nothing doubled, nothing lost
    for device in (a, b):
        assert device.sync(folder).summary() == "Nothing new."
    assert not list(folder.rglob(".segment-*.tmp"))  # the killed sync's leftovers cleaned


# -- property: any interleaving converges ------------------------------------------------------

_op = st.one_of(
    st.tuples(st.just("note"), st.integers(0, 2), st.integers(0, 2), st.text("abc", max_size=3)),
    st.tuples(st.just("new"), st.integers(0, 2), st.integers(0, 2), st.just("")),
    st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 2), st.just("")),
    st.tuples(st.just("level"), st.integers(0, 2), st.integers(0, 3), st.just("")),
    st.tuples(st.just("heel"), st.integers(0, 2), st.integers(0, 40), st.just("")),
    st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 0), st.just("")),
    st.tuples(st.just("tick"), st.integers(0, 2), st.integers(1, 3000), st.just("")),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(_op, max_size=25), skews=st.lists(st.integers(-600, 600), min_size=3, max_size=3))
def test_random_edits_on_three_computers_converge_in_any_sync_order(
    ops: list[tuple[str, int, int, str]], skews: list[int]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folder = base / "Sync"
        folder.mkdir()
        devices = [
            Device(base, name, T0 + timedelta(seconds=skew))  # clocks that disagree
            for name, skew in zip(("a", "b", "c"), skews, strict=True)
        ]
        # One session known everywhere before the edits begin.
        devices[0].repo.start_session("heel-drops", "Heel drops", devices[0].clock.now(), 6, 3)
        for device in devices:
            device.sync(folder)
        for op, who, arg, text in ops:
            d = devices[who]
            here = [s.id for s in d.repo.recent_sessions(limit=100)]
            if op == "note" and here:
                d.repo.update_session(here[arg % len(here)], notes=text)
            elif op == "new":
                d.repo.start_session("heel-drops", "Heel drops", d.clock.now(), 6, arg)
            elif op == "delete" and here:
                d.repo.delete_session(here[arg % len(here)])
            elif op == "level":
                d.repo.set_level("heel-drops", arg, d.clock.now())
            elif op == "heel":
                d.repo.add_heel_rise(d.clock.now(), arg, arg + 1, 1.0)
            elif op == "sync":
                d.sync(folder)
            elif op == "tick":
                d.clock.advance(arg)
        for _ in range(2):
            for device in devices:
                device.sync(folder)
        states = [device.state() for device in devices]
        for device in devices:
            device.repo.close()
        assert states[0] == states[1] == states[2]


def test_rows_from_before_sync_get_stable_ids_and_are_sent_by_the_first_sync(
    tmp_path: Path, folder: Path
) -> None:
    from ankle_trainer.storage.db import connect, transaction
    from ankle_trainer.storage.migrations import MIGRATIONS

    path = tmp_path / "old" / "history.sqlite3"
    path.parent.mkdir()
    conn = connect(path)
    for version, step in enumerate(MIGRATIONS[:4]):  # a history as version 4 left it
        with transaction(conn):
            step(conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.execute(
        "INSERT INTO heel_rise_test (tested_at, local_date, left_reps, right_reps, beat_seconds)"
        " VALUES ('2026-01-01T07:00:00.000+00:00', '2026-01-01', 20, 24, 1.0)"
    )
    conn.execute(
        "INSERT INTO session (id, routine_id, routine_name, started_at, utc_offset_minutes,"
        " local_date, status, sets_planned) VALUES ('abc', 'heel-drops', 'Heel drops',"
        " '2026-01-01T07:00:00.000+00:00', 0, '2026-01-01', 'completed', 6)"
    )
    conn.close()
    old = Device.__new__(Device)
    old.name, old.data, old.clock = "old", path.parent, FakeClock(T0)
    old.repo, _ = HistoryRepository.open(path)
    set_capture_clock(old.repo.conn, old.clock.now)
    (uid,) = old.repo.conn.execute("SELECT uid FROM heel_rise_test").fetchone()
    assert isinstance(uid, str) and len(uid) == 32
    assert old.sync(folder).sent == {"session": 1, "heel_rise_test": 1}
    new = Device(tmp_path, "new", T0)
    assert new.sync(folder).added == {"session": 1, "heel_rise_test": 1}
    assert new.repo.conn.execute("SELECT uid FROM heel_rise_test").fetchone()[0] == uid
    # An edit anywhere wins over the migrated version.
    new.repo.update_session("abc", notes="edited after the upgrade")
    new.sync(folder)
    old.sync(folder)
    session = old.repo.get_session("abc")
    assert session is not None and session.notes == "edited after the upgrade"


def test_records_that_break_the_history_rules_are_skipped_and_the_rest_merged(
    tmp_path: Path, folder: Path
) -> None:
    """A segment from another computer (another version, a hand edit) whose
    values the history refuses: those records are named and left out, and
    every other record of the same segment is merged."""
    a, b = Device(tmp_path, "laptop", T0), Device(tmp_path, "desktop", T0)
    kept = b.repo.start_session("heel-drops", "Heel drops", b.clock.now(), 6, 3)
    b.clock.advance(60)
    spoiled = b.repo.start_session("calf-strength", "Calf strength", b.clock.now(), 4, 2)
    b.sync(folder)
    (segment,) = _segments(b, folder)
    content = json.loads(gzip.decompress(segment.read_bytes()))
    block = content["records"]["session"]
    at_pain = block["columns"].index("pain_before")
    set_columns = block["parts"]["set"]
    good_set = dict(
        session_id=kept, seq=0, exercise_id="heel-drop", exercise_name="Heel drop", side="left",
        set_number=1, target_reps=15, actual_reps=15, status="completed",
        completed_at="2026-03-02T07:31:00.000+00:00", export_line="",
    )
    bad_set = {**good_set, "seq": 1, "side": "sideways"}  # a side is both, left or right
    for put in block["put"]:
        if put[0] == spoiled:
            put[3][at_pain] = 42  # pain is rated 0 to 10
        else:
            put[4]["set"] = [[row.get(c) for c in set_columns] for row in (good_set, bad_set)]
    segment.write_bytes(gzip.compress(json.dumps(content).encode()))

    report = a.sync(folder)

    assert report.problems == [
        "Skipped 1 session from another computer: the values are not valid here.",
        "Skipped 1 set from another computer: the values are not valid here.",
    ]
    assert report.added == {"session": 1, "set": 1}
    assert [r[0] for r in a.repo.conn.execute("SELECT id FROM session")] == [kept]
    sets = a.repo.conn.execute("SELECT session_id, side FROM session_set").fetchall()
    assert [tuple(r) for r in sets] == [(kept, "left")]
