"""The app services without any window: context, change notifier, session
controller and the export interface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ankle_trainer.app.changes import Change, ChangeNotifier
from ankle_trainer.app.context import build_context
from ankle_trainer.app.export import ExportError, ExportRequest, exporters
from ankle_trainer.app.session import SessionController
from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.cues import Sound
from ankle_trainer.core.safety import Outcome
from ankle_trainer.core.status import SessionStatus
from ankle_trainer.storage.errors import StorageError
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.settings import SettingsStore


class Silent:
    def play(self, sound: Sound) -> None:
        pass

    def say(self, text: str) -> None:
        pass


def run_through(engine, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    while engine.running:
        clock.advance(1.0)
        engine.tick()


@pytest.fixture
def context(repo: HistoryRepository, clock: FakeClock, tiny_routine, tmp_path: Path):  # type: ignore[no-untyped-def]
    return build_context(repo, (tiny_routine,), clock, settings_store=SettingsStore(tmp_path / "s.json"),
                         data_dir=tmp_path)


def test_the_notifier_tells_every_subscriber_what_changed_until_they_leave() -> None:
    notifier = ChangeNotifier()
    heard: list[Change] = []
    leave = notifier.subscribe(heard.append)
    notifier.did_change(Change.SESSIONS | Change.LEVELS)
    notifier.did_change(Change.NONE)  # nothing changed: nobody is called
    leave()
    notifier.did_change(Change.SETTINGS)
    assert heard == [Change.SESSIONS | Change.LEVELS]


def test_a_settings_change_is_announced_and_saved(context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    heard: list[Change] = []
    context.changes.subscribe(heard.append)
    assert context.update_settings(first_day_of_week="sunday") is None
    assert heard == [Change.SETTINGS]
    assert SettingsStore(tmp_path / "s.json").load().settings.first_day_of_week == "sunday"
    context.apply_settings(context.settings)  # the same settings: nothing to say
    assert heard == [Change.SETTINGS]


def test_settings_that_cannot_be_saved_still_apply_and_say_why(context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    context.settings_store = SettingsStore(tmp_path / "missing" / "folder" / "s.json")
    (tmp_path / "missing").write_text("a file where the folder should be")
    message = context.update_settings(weekly_target=5)
    assert message is not None and "could not be saved" in message and "apply until you quit" in message
    assert context.settings.weekly_target == 5


def test_one_controller_writes_the_whole_session_and_its_pain_ratings(context, clock, repo, tiny_routine) -> None:  # type: ignore[no-untyped-def]
    heard: list[Change] = []
    context.changes.subscribe(heard.append)
    errors: list[str] = []
    controller = SessionController(context, errors.append)
    assert controller.needs_safety_check()
    decision = controller.answer_safety({}, tiny_routine)
    assert decision.outcome is Outcome.CLEAR and decision.may_start
    assert not controller.needs_safety_check()  # answered clear today
    engine = controller.start(tiny_routine, 3, lambda engine: None, Silent())
    assert controller.running
    clock.advance(17.0)
    engine.tick()  # the first set is done
    controller.rate_during(0, 4)
    run_through(engine, clock)
    controller.session_ended()
    controller.finish(2)
    [row] = repo.recent_sessions()
    assert (row.status, row.pain_before, row.pain_after) == (SessionStatus.COMPLETED, 3, 2)
    assert repo.sets_for(row.id)[0].pain_during == 4
    assert context.settings.last_routine_id == tiny_routine.id
    assert errors == []
    assert Change.SAFETY in heard and Change.SESSIONS in heard


def test_an_interrupted_session_resumes_where_it_stopped(context, clock, repo, tiny_routine) -> None:  # type: ignore[no-untyped-def]
    controller = SessionController(context, lambda detail: None)
    engine = controller.start(tiny_routine, 5, lambda engine: None, Silent())
    clock.advance(17.0)
    engine.tick()  # one set done, then the app is closed
    controller.interrupt()
    offer = SessionController(context, lambda detail: None).resume_offer()
    assert offer is not None and offer.routine.id == tiny_routine.id and offer.session.sets_completed == 1
    again = SessionController(context, lambda detail: None)
    again.resume = offer
    engine = again.start(tiny_routine, offer.session.pain_before, lambda engine: None, Silent())
    run_through(engine, clock)
    [row] = repo.recent_sessions()
    assert row.id == offer.session.id and row.status is SessionStatus.COMPLETED
    assert len(repo.sets_for(row.id)) == 4


def test_a_failed_write_is_reported_and_the_session_goes_on(context, clock, repo, tiny_routine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    controller = SessionController(context, errors.append)
    engine = controller.start(tiny_routine, None, lambda engine: None, Silent())

    def full(*args: object) -> None:
        raise StorageError("database or disk is full")

    monkeypatch.setattr(repo, "set_pain_during", full)
    controller.rate_during(0, 6)
    assert errors == ["database or disk is full"] and engine.running


def test_the_repository_lets_out_storage_errors_only(repo) -> None:  # type: ignore[no-untyped-def]
    repo.close()
    with pytest.raises(StorageError) as caught:
        repo.recent_sessions()
    assert not isinstance(caught.value, __import__("sqlite3").Error)


def test_csv_is_the_first_exporter_and_says_what_went_wrong(context, tmp_path) -> None:  # type: ignore[no-untyped-def]
    csv, report = exporters()
    assert (csv.name, csv.extension) == ("CSV spreadsheet", "csv")
    assert (report.name, report.extension) == ("Report for my physio (PDF)", "pdf")
    assert csv.export(context.history, ExportRequest(tmp_path / "out.csv")) == 0
    assert (tmp_path / "out.csv").read_text("utf-8-sig").startswith("session_id,")
    with pytest.raises(ExportError) as caught:
        csv.export(context.history, ExportRequest(tmp_path / "nowhere" / "out.csv"))
    assert "Cannot write" in str(caught.value)


def test_the_app_layer_loads_no_qt() -> None:
    code = (
        "import sys, ankle_trainer.app.context, ankle_trainer.app.session, ankle_trainer.app.changes,"
        " ankle_trainer.app.export.csv\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_history_edits_write_and_tell_the_notifier(context, clock, repo, tiny_routine) -> None:  # type: ignore[no-untyped-def]
    from ankle_trainer.app.history import HistoryEdits

    controller = SessionController(context, lambda detail: None)
    run_through(controller.start(tiny_routine, 2, lambda engine: None, Silent()), clock)
    [row] = repo.recent_sessions()
    heard: list[Change] = []
    context.changes.subscribe(heard.append)
    edits = HistoryEdits(repo, context.changes)
    assert edits.update(row.id, notes="felt fine").notes == "felt fine"
    snapshot = edits.delete(row.id)
    assert repo.get_session(row.id) is None
    assert edits.restore(row.id, snapshot).notes == "felt fine"
    assert heard == [Change.SESSIONS] * 3
    with pytest.raises(ValueError):
        edits.update(row.id, pain_after=11)
    assert heard == [Change.SESSIONS] * 3  # a refused edit changes nothing
