"""Reading the history for the physio report: each figure against a small
history whose numbers are known by hand (tests/report_history.py)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.core.report import between, last_weeks
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.report import gather_report, safety_facts
from ankle_trainer.storage.settings import Settings
from tests.report_history import NOW, TODAY, known_history


def test_the_known_history_gives_the_figures_worked_out_by_hand(repo: HistoryRepository) -> None:
    known_history(repo)
    repo.set_level("heel-drops", 1, NOW)
    data = gather_report(repo, builtin_routines(), Settings(report_name=" A. R. "), last_weeks(4, TODAY, "monday"), NOW, "1.2")
    assert data.runner == "A. R." and data.app_version == "1.2"
    assert [s.local_date.isoformat() for s in data.sessions] == [
        "2026-02-16", "2026-02-17", "2026-03-03", "2026-03-05", "2026-03-10"]
    a = data.adherence
    assert (a.sessions_done, a.sessions_partial, a.sessions_planned) == (4, 1, 12)
    assert a.weeks_missed == (date(2026, 2, 23),)
    assert (a.sets_done, a.sets_planned) == (12, 15)
    assert (a.reps_done, a.reps_prescribed) == (177, 195)
    assert data.pain.start_level == pytest.approx(4.5)
    assert data.pain.latest is not None and (data.pain.latest.pain_before, data.pain.latest.pain_after,
                                             data.pain.latest.pain_next_morning) == (3, 2, 2)
    assert data.pain.highest[0].highest == 7 and data.pain.highest[0].day == date(2026, 2, 17)
    (dose,) = data.routines
    assert (dose.routine_id, dose.level, dose.sessions) == ("heel-drops", 1, 5)
    assert dose.lines[0].done == "12/13 · 91%"
    assert dose.lines[0].load == "+5 kg"


def test_a_period_leaves_out_what_is_outside_it(repo: HistoryRepository) -> None:
    known_history(repo)
    data = gather_report(repo, builtin_routines(), Settings(), between(date(2026, 3, 1), date(2026, 3, 4)), NOW, "1")
    assert [s.local_date for s in data.sessions] == [date(2026, 3, 3)]
    assert data.adherence.reps_done == 45
    assert data.pain.start_level == pytest.approx(4.5)  # the starting level is the runner's own, from the start
    assert data.history_start == date(2026, 2, 16)


def test_heel_rise_advice_and_safety_come_from_their_tables(repo: HistoryRepository) -> None:
    known_history(repo)
    repo.add_heel_rise(NOW - timedelta(days=1), 18, 24, 1.0)
    rid = repo.add_recommendation("heel-drops", "Eccentric heel drops", NOW - timedelta(days=2),
                                  "progress", "Calm for 2 sessions", 0, 1)
    repo.decide(rid, True, NOW)
    repo.record_safety_check(NOW - timedelta(days=3), {"fever": True, "cannot_walk": False}, "urgent")
    repo.record_safety_check(NOW - timedelta(days=4), {"fever": False}, "clear")
    data = gather_report(repo, builtin_routines(), Settings(), last_weeks(4, TODAY, "monday"), NOW, "1")
    assert [(t.left, t.right, round(t.lsi or 0)) for t in data.heel_rise] == [(18, 24, 75)]
    assert [(c.change, c.decision, c.reason) for c in data.changes] == [
        ("move up to level 2 (from 1)", "accepted", "Calm for 2 sessions")]
    assert data.safety_checks == 2
    assert [(s.outcome, s.flags) for s in data.safety_positive] == [
        ("see a doctor today", ("I have a fever, or feel hot and shivery.",))]


def test_a_damaged_safety_answer_still_counts_the_check(repo: HistoryRepository) -> None:
    repo.conn.execute("INSERT INTO safety_check (checked_at, local_date, answers, outcome)"
                      " VALUES ('2026-03-02T07:00:00+00:00', '2026-03-02', 'not json', 'see_soon')")
    (fact,) = safety_facts(repo, last_weeks(4, TODAY, "monday"))
    assert fact.outcome == "see_soon" and fact.flags == ()


def test_the_triage_source_is_asked_when_given(repo: HistoryRepository) -> None:
    from ankle_trainer.core.report import TriageFacts

    answers = TriageFacts(date(2026, 3, 1), (("Where does it hurt?", "Above the heel"),), "Heel drops")
    data = gather_report(repo, builtin_routines(), Settings(), last_weeks(4, TODAY, "monday"), NOW, "1",
                         triage=lambda: answers)
    assert data.triage == answers
    assert gather_report(repo, builtin_routines(), Settings(), last_weeks(4, TODAY, "monday"), NOW, "1").triage is None


def test_an_empty_history_reads_as_an_empty_report(repo: HistoryRepository) -> None:
    data = gather_report(repo, builtin_routines(), Settings(), last_weeks(12, TODAY, "monday"), NOW, "1")
    assert data.empty and data.history_start is None and data.adherence.weeks == ()
