"""The sync service without a window: jobs run at once (no thread), so the
order of events is the test's."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ankle_trainer.app.changes import Change
from ankle_trainer.app.context import AppContext, build_context
from ankle_trainer.app.sync import SyncJob, SyncService
from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.library import builtin_routines, exercise_library
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.routine_store import RoutineStore
from ankle_trainer.storage.settings import Settings
from ankle_trainer.storage.sync import SyncError, SyncReport, sync_now

from ..conftest import TINY_ROUTINE

AT = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


class Computer:
    """A data folder, its history and a service whose jobs run at once."""

    def __init__(self, base: Path, name: str, folder: Path | str) -> None:
        self.data = base / name
        self.data.mkdir()
        self.history, _ = HistoryRepository.open(self.data / "history.sqlite3")
        self.clock = FakeClock(AT)
        self.context: AppContext = build_context(
            self.history, builtin_routines(), self.clock, settings=Settings(sync_folder=str(folder)),
            data_dir=self.data, routine_store=RoutineStore(self.data / "routines", exercise_library()),
        )
        self.changes: list[Change] = []
        self.context.changes.subscribe(self.changes.append)
        self.told: list[str] = []
        self.jobs: list[SyncJob] = []
        self.busy = False
        self.service = SyncService(
            self.context, self.jobs.append, session_busy=lambda: self.busy, tell=self.told.append,
            device_name=name,
        )

    def run_jobs(self) -> list[SyncReport | SyncError]:
        """Run the jobs started so far (as the worker thread would), in order."""
        outcomes = []
        while self.jobs:
            outcome = SyncService.run(self.jobs.pop(0))
            self.service.finish(outcome)
            outcomes.append(outcome)
        return outcomes


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "Sync"
    path.mkdir()
    return path


def test_what_arrived_is_told_to_the_screens_and_new_routines_are_read(tmp_path: Path, folder: Path) -> None:
    laptop = Computer(tmp_path, "laptop", folder)
    laptop.history.start_session("heel-drops", "Heel drops", AT, 6, 2)
    laptop.history.add_heel_rise(AT, 20, 22, 1.0)
    (laptop.data / "routines").mkdir()
    (laptop.data / "routines" / "tiny.toml").write_text(TINY_ROUTINE)
    assert laptop.service.request()
    laptop.run_jobs()
    desktop = Computer(tmp_path, "desktop", folder)
    assert [r.id for r in desktop.context.catalogue.base if not r.builtin] == []
    assert desktop.service.request()
    [report] = desktop.run_jobs()
    assert isinstance(report, SyncReport)
    assert desktop.changes == [Change.SESSIONS | Change.HEEL_RISE | Change.ROUTINES]
    assert [r.id for r in desktop.context.catalogue.base if not r.builtin] == ["tiny"]
    assert desktop.told == []
    assert desktop.service.received_summary() == "Added 1 session, 1 heel-rise test and 1 routine from laptop."


def test_nothing_new_tells_nobody(tmp_path: Path, folder: Path) -> None:
    laptop = Computer(tmp_path, "laptop", folder)
    laptop.service.request()
    laptop.run_jobs()
    assert laptop.changes == [] and laptop.service.received_summary() is None


def test_sync_off_or_a_history_in_memory_starts_nothing(tmp_path: Path) -> None:
    off = Computer(tmp_path, "off", "")
    assert not off.service.enabled and not off.service.request() and off.jobs == []
    assert off.service.status_line() == ""
    assert off.history.file_path() == off.data / "history.sqlite3"
    memory = HistoryRepository(sqlite3.connect(":memory:"))
    assert memory.file_path() is None
    context = build_context(memory, builtin_routines(), FakeClock(AT), settings=Settings(sync_folder="/x"))
    jobs: list[SyncJob] = []
    assert not SyncService(context, jobs.append).request() and jobs == []


def test_no_sync_while_a_session_is_recorded_then_one_after_it(tmp_path: Path, folder: Path) -> None:
    laptop = Computer(tmp_path, "laptop", folder)
    laptop.busy = True
    assert not laptop.service.request() and laptop.jobs == [] and laptop.service.pending
    laptop.busy = False
    for hook in laptop.context.after_session:  # what SessionController.finish does
        hook()
    assert len(laptop.jobs) == 1 and not laptop.service.pending


def test_a_sync_asked_for_while_one_runs_follows_it(tmp_path: Path, folder: Path) -> None:
    laptop = Computer(tmp_path, "laptop", folder)
    assert laptop.service.request()
    assert not laptop.service.request() and laptop.service.pending and len(laptop.jobs) == 1
    assert len(laptop.run_jobs()) == 2  # the second started when the first finished
    assert not laptop.service.pending and not laptop.service.running


def test_a_problem_is_told_once_and_again_after_a_sync_that_worked(tmp_path: Path) -> None:
    stick = tmp_path / "USB stick"
    laptop = Computer(tmp_path, "laptop", stick)
    for _ in range(3):
        laptop.service.request()
        [outcome] = laptop.run_jobs()
        assert isinstance(outcome, SyncError)
    assert len(laptop.told) == 1 and "is not there" in laptop.told[0]
    assert laptop.service.status_line() == "Not synced yet. The last try did not work."
    assert laptop.service.status_details() == "Not synced yet.\n" + laptop.told[0]
    stick.mkdir()
    laptop.service.request()
    assert isinstance(laptop.run_jobs()[0], SyncReport)
    assert laptop.service.status_line().startswith("Synced 2 Mar 2026, ")
    shutil.rmtree(stick)  # unplugged again
    laptop.service.request()
    laptop.run_jobs()
    assert len(laptop.told) == 2 and laptop.told[1] == laptop.told[0]


def test_a_damaged_segment_is_told_once_and_the_rest_merged(tmp_path: Path, folder: Path) -> None:
    (tmp_path / "other").mkdir()
    other, _ = HistoryRepository.open(tmp_path / "other" / "history.sqlite3")
    other.start_session("heel-drops", "Heel drops", AT, 6, 2)
    report = sync_now(other, folder, now=lambda: AT, device_name="old laptop")
    assert report.segment is not None
    device = next(p for p in (folder / "Ankle Trainer").iterdir() if p.is_dir())
    (device / report.segment).write_bytes(b"not gzip at all")
    laptop = Computer(tmp_path, "laptop", folder)
    for _ in range(2):
        laptop.service.request()
        [outcome] = laptop.run_jobs()
        assert isinstance(outcome, SyncReport) and outcome.problems
    assert len(laptop.told) == 1 and laptop.told[0] == outcome.problems[0]
    assert laptop.history.count_sessions() == 0  # skipped, nothing made up


def test_a_history_that_cannot_be_opened_comes_back_as_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "history.sqlite3"
    bad.write_text("this is not a database")
    outcome = SyncService.run(SyncJob(bad, str(tmp_path), tmp_path, FakeClock(AT).now, "laptop"))
    assert isinstance(outcome, SyncError)
    assert str(outcome).startswith("Could not sync: ")
    assert str(outcome).endswith("Nothing was lost; the next sync will try again.")
    assert bad.read_text() == "this is not a database"
