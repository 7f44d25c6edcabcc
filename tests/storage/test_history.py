from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.engine import SessionEngine, SessionStatus
from ankle_trainer.storage.errors import StorageError
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.recorder import HistoryRecorder


def start(repo, routine, clock, pain=3):  # type: ignore[no-untyped-def]
    engine = SessionEngine(routine, clock)
    recorder = HistoryRecorder(repo, pain)
    engine.add_listener(recorder)
    engine.start()
    return engine, recorder


def test_each_set_is_committed_the_moment_it_completes(tmp_path: Path, tiny_routine, clock) -> None:
    repo, _ = HistoryRepository.open(tmp_path / "h.sqlite3")
    engine, recorder = start(repo, tiny_routine, clock)
    # A separate connection sees only what has been committed.
    other = sqlite3.connect(tmp_path / "h.sqlite3")
    count = lambda: other.execute("SELECT count(*) FROM session_set").fetchone()[0]  # noqa: E731
    assert other.execute("SELECT status FROM session").fetchone()[0] == "in_progress"
    clock.advance(16.0)
    engine.tick()
    assert count() == 1
    clock.advance(16.0)
    engine.tick()
    assert count() == 2
    other.close()
    repo.close()


def test_a_finished_session_has_everything(repo, tiny_routine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 22, 50, tzinfo=timezone(timedelta(hours=2))))
    engine, recorder = start(repo, tiny_routine, clock, pain=4)
    for _ in range(92):
        clock.advance(1.0)
        engine.tick()
    repo.set_pain_after(recorder.session_id, 2)
    row = repo.get_session(recorder.session_id)
    assert row is not None
    assert row.status is SessionStatus.COMPLETED
    assert row.started_at == datetime(2026, 6, 1, 20, 50, tzinfo=UTC)
    assert row.duration_seconds == 92.0
    assert (row.utc_offset_minutes, row.local_date) == (120, "2026-06-01")
    assert (row.pain_before, row.pain_after) == (4, 2)
    assert (row.sets_planned, row.sets_completed, row.sets_skipped) == (4, 4, 0)
    sets = repo.sets_for(recorder.session_id)
    assert [(s.exercise_id, s.side, s.set_number, s.target_reps, s.actual_reps,
             s.target_seconds, s.actual_seconds) for s in sets] == [
        ("calf-raise-straight", "both", 1, 3, 3, None, None),
        ("calf-raise-straight", "both", 2, 3, 3, None, None),
        ("single-leg-stance", "left", 1, None, None, 20.0, 20.0),
        ("single-leg-stance", "right", 1, None, None, 20.0, 20.0),
    ]


def test_stored_timestamps_are_utc_iso(repo, tiny_routine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 8, 0, tzinfo=timezone(timedelta(hours=-5))))
    start(repo, tiny_routine, clock)
    raw = repo.conn.execute("SELECT started_at FROM session").fetchone()[0]
    assert raw == "2026-06-01T13:00:00.000+00:00"


def test_doing_a_set_again_replaces_its_record(repo, tiny_routine, clock) -> None:
    engine, recorder = start(repo, tiny_routine, clock)
    clock.advance(10.0 + 4.5)
    engine.tick()
    engine.skip()  # set 1 skipped after 2 reps
    engine.back()
    clock.advance(10.0)  # the get-ready countdown before the set again
    engine.tick()
    clock.advance(6.0)
    engine.tick()  # set 1 done in full
    sets = repo.sets_for(recorder.session_id)
    assert [(s.seq, s.status, s.actual_reps) for s in sets] == [(0, "completed", 3)]


def test_a_redone_set_and_a_corrected_count_both_keep_the_pain_rating(
        repo, tiny_routine, clock) -> None:
    """Finding 19: a rating given (6/10 that triggered the stop advice) never
    vanishes when the set is redone."""
    engine, recorder = start(repo, tiny_routine, clock)
    clock.advance(10.0 + 6.0)
    engine.tick()  # set 1 done
    repo.set_pain_during(recorder.session_id, 0, 6)
    engine.amend(0, reps=2)  # the runner's own count: same attempt
    assert repo.sets_for(recorder.session_id)[0].pain_during == 6
    engine.back()
    clock.advance(10.0)  # the get-ready countdown before the set again
    engine.tick()
    clock.advance(6.0)
    engine.tick()  # set 1 again: a new attempt, not yet rated
    [again, *_] = repo.sets_for(recorder.session_id)
    assert (again.actual_reps, again.pain_during) == (3, 6)  # its new count, the earlier rating


def test_interrupted_sessions_are_closed_at_their_last_set(repo, tiny_routine, clock) -> None:
    engine, recorder = start(repo, tiny_routine, clock)
    clock.advance(20.0)
    engine.tick()  # one set done at +16 s
    assert repo.mark_interrupted() == [recorder.session_id]
    row = repo.get_session(recorder.session_id)
    assert row is not None and row.status is SessionStatus.INTERRUPTED
    assert row.duration_seconds == 16.0
    assert repo.mark_interrupted() == []


def test_pain_must_be_0_to_10(repo, tiny_routine, clock) -> None:
    with pytest.raises(ValueError, match="0 to 10"):
        repo.start_session("x", "X", clock.now(), 1, pain_before=11)
    sid = repo.start_session("x", "X", clock.now(), 1, pain_before=None)
    with pytest.raises(ValueError):
        repo.set_pain_after(sid, -1)


def test_recent_sessions_newest_first(repo, tiny_routine) -> None:
    for day in (1, 3, 2):
        clock = FakeClock(datetime(2026, 5, day, 7, tzinfo=UTC))
        engine, _ = start(repo, tiny_routine, clock)
        clock.advance(5)
        engine.tick()
        engine.stop()
    assert [r.local_date for r in repo.recent_sessions(2)] == ["2026-05-03", "2026-05-02"]
    assert all(r.status is SessionStatus.STOPPED for r in repo.recent_sessions())


# -- triage answers, RM loads, safety blocks, progression inputs (issue 12) ---------


def test_triage_answers_are_kept_with_their_time_and_changing_them_adds_a_row(repo, clock) -> None:
    from datetime import timedelta

    from ankle_trainer.core.triage import Condition, Onset, TriageAnswers

    assert repo.latest_triage() is None and repo.triage_history() == []
    first = TriageAnswers(Condition.ACUTE_SPRAIN, Onset.DAYS, True)
    repo.add_triage(clock.now(), first)
    later = clock.now() + timedelta(days=20)
    changed = TriageAnswers(Condition.CHRONIC_INSTABILITY, Onset.MONTHS, None)
    repo.add_triage(later, changed)
    history = repo.triage_history()
    assert [r.answers for r in history] == [first, changed]
    assert history[0].answered_at == clock.now() and history[1].answered_at == later
    assert repo.latest_triage().answers == changed


def test_a_bad_triage_answer_is_refused_by_the_database_and_nothing_is_lost(repo, clock) -> None:
    from ankle_trainer.core.triage import Condition, TriageAnswers

    repo.add_triage(clock.now(), TriageAnswers(Condition.PREVENTION))
    with pytest.raises(StorageError, match="CHECK constraint failed"):
        repo.add_triage(clock.now(), TriageAnswers("knee"))  # type: ignore[arg-type]
    assert [r.answers.area for r in repo.triage_history()] == [Condition.PREVENTION]


def test_rm_loads_keep_the_latest_per_exercise_and_rm(repo, clock) -> None:
    repo.record_rm_load("hsr", "hsr-seated-calf-raise", 15, 40, clock.now())
    repo.record_rm_load("hsr", "hsr-seated-calf-raise", 15, 45, clock.now())
    repo.record_rm_load("hsr", "hsr-seated-calf-raise", 12, 50, clock.now())
    assert repo.rm_loads("hsr") == {("hsr-seated-calf-raise", 15): 45, ("hsr-seated-calf-raise", 12): 50}
    with pytest.raises(ValueError, match="from 1 to 30"):
        repo.record_rm_load("hsr", "hsr-seated-calf-raise", 0, 40, clock.now())
    with pytest.raises(ValueError, match="0 to 500 kg"):
        repo.record_rm_load("hsr", "hsr-seated-calf-raise", 6, -1, clock.now())
    assert len(repo.rm_loads("hsr")) == 2  # nothing lost


def test_todays_safety_answers_say_what_is_blocked(repo, clock) -> None:
    from ankle_trainer.core.safety import Block

    today = clock.now().date().isoformat()
    assert repo.safety_blocks_on(today) == frozenset()
    repo.record_safety_check(clock.now(), {"fluoroquinolone": True, "old_question": True}, "see_soon")
    assert Block.HEEL_RISE_TEST in repo.safety_blocks_on(today)
    repo.record_safety_check(clock.now(), {}, "clear")
    assert repo.safety_blocks_on(today) == frozenset()


def test_heel_rise_tests_keep_whether_they_were_on_the_incline(repo, clock) -> None:
    repo.add_heel_rise(clock.now(), 20, 22, 1.0, on_incline=False)
    repo.add_heel_rise(clock.now(), 20, 22, 1.0)
    assert [t.on_incline for t in repo.heel_rise_tests()] == [False, None]


def test_the_pain_log_carries_stiffness_and_level_and_the_last_step_up(repo, clock) -> None:
    from datetime import timedelta

    from ankle_trainer.core.library import find_routine
    from ankle_trainer.storage.sample import run_session

    routine = find_routine("heel-drops")
    sid = run_session(repo, routine, clock.now(), 2, 2, step=20.0)
    repo.set_next_morning(sid, 2, 3, clock.now() + timedelta(days=1))
    [pain] = repo.pain_log("heel-drops")
    assert (pain.stiffness_next_morning, pain.level) == (3, 0)
    assert repo.last_step_up("heel-drops") is None
    rid = repo.add_recommendation("heel-drops", "Heel drops", clock.now(), "progress", "ok", 0, 1)
    repo.decide(rid, True, clock.now())
    back = repo.add_recommendation("heel-drops", "Heel drops", clock.now() + timedelta(days=3),
                                   "back_off", "no", 1, 0)
    repo.decide(back, True, clock.now() + timedelta(days=3))
    assert repo.last_step_up("heel-drops") == clock.now().date().isoformat()  # a move down is no step


def test_a_set_gone_back_to_and_skipped_at_once_keeps_its_earlier_attempt(repo, tiny_routine, clock) -> None:
    """Twenty-first re-test: set 1 rated 4 and corrected to 2 reps, then Left
    and Skip at once: History said "0 of 3 reps, pain 4"."""
    engine, recorder = start(repo, tiny_routine, clock)
    clock.advance(10.0 + 6.0)
    engine.tick()  # set 1 done
    repo.set_pain_during(recorder.session_id, 0, 4)
    engine.amend(0, reps=2)
    engine.back()  # the countdown to set 1 again
    engine.skip()  # into set 1 again
    engine.skip()  # and out of it before any of it
    [first, *_] = repo.sets_for(recorder.session_id)
    assert (first.actual_reps, first.pain_during) == (2, 4)
    assert [(r.seq, r.actual_reps) for r in engine.results] == [(0, 2)]
    assert engine.current.phase.name == "REST"  # the session goes on after set 1
