"""Reading the history for the physio report (see ``core.report``).

A handful of SQL queries, each limited to the report's period and summed in
SQLite where the rows are many (ten years of demo data hold about 120,000
sets), then the pure :func:`core.report.build_report`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime

from ..core.model import Routine
from ..core.report import (
    AdviceFacts,
    ExerciseVolume,
    HeelRiseFacts,
    Period,
    ReportData,
    SafetyFacts,
    SessionFacts,
    TriageFacts,
    build_report,
)
from .errors import translate
from .history import COUNTS, HistoryRepository
from .settings import Settings

TriageSource = Callable[[], TriageFacts | None]


def _where(period: Period, column: str = "s.local_date") -> tuple[str, list[str]]:
    clauses, args = [], []
    if period.first is not None:
        clauses.append(f"{column} >= ?")
        args.append(period.first.isoformat())
    clauses.append(f"{column} <= ?")
    args.append(period.last.isoformat())
    return " AND ".join(clauses), args


def session_facts(repo: HistoryRepository, period: Period) -> list[SessionFacts]:
    """Finished sessions in the period, oldest first, with their completed
    sets and the highest pain during any set."""
    where, args = _where(period)
    inner, inner_args = _where(period, "local_date")
    rows = repo.conn.execute(
        "SELECT s.local_date, s.routine_id, s.routine_name, s.status, s.sets_planned,"
        " coalesce(c.done, 0), s.pain_before, s.pain_after, s.pain_next_morning, c.during"
        " FROM session s LEFT JOIN (SELECT session_id, sum(status = 'completed') AS done,"
        "  max(pain_during) AS during FROM session_set"
        f"  WHERE session_id IN (SELECT id FROM session WHERE {inner}) GROUP BY session_id) c"
        "  ON c.session_id = s.id"
        f" WHERE s.status != 'in_progress' AND {COUNTS} AND {where} ORDER BY s.started_at",
        [*inner_args, *args],
    )
    return [
        SessionFacts(date.fromisoformat(r[0]), r[1], r[2], r[3], int(r[4] or 0), int(r[5]),
                     r[6], r[7], r[8], r[9])
        for r in rows
    ]


def exercise_volumes(repo: HistoryRepository, period: Period) -> list[ExerciseVolume]:
    """Sets, reps and hold seconds per routine and exercise over the period:
    done (actual) against prescribed (target), for every set recorded in the
    sessions the report counts (the same as :func:`session_facts`: a session
    with no set done is left out of every figure)."""
    where, args = _where(period)
    rows = repo.conn.execute(
        "SELECT s.routine_id, t.exercise_id, max(t.exercise_name),"
        " sum(t.status = 'completed'), count(*),"
        " sum(CASE WHEN t.target_reps IS NOT NULL THEN coalesce(t.actual_reps, 0) END),"
        " sum(t.target_reps),"
        " sum(CASE WHEN t.target_seconds IS NOT NULL THEN coalesce(t.actual_seconds, 0) END),"
        " sum(t.target_seconds)"
        " FROM session s CROSS JOIN session_set t ON t.session_id = s.id"
        f" WHERE s.status != 'in_progress' AND {COUNTS} AND {where}"
        " GROUP BY s.routine_id, t.exercise_id",
        args,
    )
    return [
        ExerciseVolume(r[0], r[1], r[2], int(r[3]), int(r[4]), int(r[5] or 0), int(r[6] or 0),
                       float(r[7] or 0), float(r[8] or 0))
        for r in rows
    ]


def first_ratings(repo: HistoryRepository, count: int = 5) -> list[int]:
    """The earliest ``count`` "before" ratings of the whole history."""
    return [
        int(r[0]) for r in repo.conn.execute(
            "SELECT pain_before FROM session s WHERE status != 'in_progress'"
            f" AND pain_before IS NOT NULL AND {COUNTS} ORDER BY started_at LIMIT ?", (count,),
        )
    ]


def history_start(repo: HistoryRepository) -> date | None:
    """The local date of the first finished session ever, or None."""
    row = repo.conn.execute(
        f"SELECT min(local_date) FROM session s WHERE status != 'in_progress' AND {COUNTS}"
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def advice_facts(repo: HistoryRepository, period: Period) -> list[AdviceFacts]:
    """Suggestions made in the period, oldest first."""
    where, args = _where(period, "local_date")
    return [
        AdviceFacts(date.fromisoformat(r[0]), r[1], r[2], r[3], int(r[4]), int(r[5]), r[6])
        for r in repo.conn.execute(
            "SELECT local_date, routine_name, advice, reason, from_level, to_level, decision"
            f" FROM recommendation WHERE {where} ORDER BY id", args,
        )
    ]


def heel_rise_facts(repo: HistoryRepository, period: Period) -> list[HeelRiseFacts]:
    """The heel-rise tests whose local date lies in ``period``, oldest first.
    Raises StorageError when the history cannot be read."""
    where, args = _where(period, "local_date")
    return [
        HeelRiseFacts(date.fromisoformat(r[0]), int(r[1]), int(r[2]))
        for r in repo.conn.execute(
            f"SELECT local_date, left_reps, right_reps FROM heel_rise_test WHERE {where}"
            " ORDER BY tested_at", args,
        )
    ]


def safety_facts(repo: HistoryRepository, period: Period) -> list[SafetyFacts]:
    """Every red-flag check in the period with the flags answered yes (a
    damaged answers cell still counts the check, with no flags named)."""
    where, args = _where(period, "local_date")
    out = []
    for day, answers, outcome in repo.conn.execute(
        f"SELECT local_date, answers, outcome FROM safety_check WHERE {where} ORDER BY id", args
    ):
        try:
            parsed = json.loads(answers)
        except (TypeError, ValueError):
            parsed = {}
        flags = tuple(k for k, v in parsed.items() if v is True) if isinstance(parsed, dict) else ()
        out.append(SafetyFacts(date.fromisoformat(day), str(outcome), flags))
    return out


@translate
def gather_report(
    repo: HistoryRepository,
    routines: Iterable[Routine],
    settings: Settings,
    period: Period,
    made_at: datetime,
    app_version: str,
    triage: TriageSource | None = None,
) -> ReportData:
    """The report for ``period`` from the history in ``repo``.

    ``routines``: every routine the runner has (built-in and their own), for
    the current doses. ``triage``: a function returning the latest triage
    answers, or None while there is no triage store (the page then says the
    questions have not been answered yet). The pain zones and the symmetry
    flag come from ``settings`` (``pain_threshold``, ``safe_zone_max``,
    ``symmetry_flag_percent``). Raises StorageError when the history cannot
    be read."""
    return build_report(
        runner=settings.report_name,
        period=period,
        made_at=made_at,
        app_version=app_version,
        sessions=session_facts(repo, period),
        first_ratings=first_ratings(repo),
        volumes=exercise_volumes(repo, period),
        routines=routines,
        levels=repo.levels(),
        advice=advice_facts(repo, period),
        heel_rise=heel_rise_facts(repo, period),
        safety=safety_facts(repo, period),
        triage=triage() if triage is not None else None,
        weekly_target=settings.weekly_target,
        history_start=history_start(repo),
        first_day_of_week=settings.first_day_of_week,
        acceptable_max=settings.pain_threshold,
        # The runner's own thresholds, as the progression rule and the
        # heel-rise screen use them (the safe zone kept below the limit).
        safe_max=min(settings.safe_zone_max, settings.pain_threshold - 1),
        lsi_flag=settings.symmetry_flag_percent,
    )
