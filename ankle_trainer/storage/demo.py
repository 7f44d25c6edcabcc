"""Realistic demo history for screenshots and benchmarks.

Years of training written straight into a separate database: most days a
session, some missed weeks, pain easing over time with day-to-day noise, a few
stopped and interrupted sessions. Each set row comes from the real plan of a
built-in routine, so the shapes match what the app records.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..core.library import builtin_routines
from ..core.plan import Phase, build_plan
from .db import transaction
from .history import HistoryRepository, utc_iso


class NotEmptyError(Exception):
    """Demo data is only added to an empty history; str() says so."""

    pass


def fill_demo_history(
    repo: HistoryRepository, years: int, today: date, seed: int = 7, zone: str = "Europe/Berlin"
) -> tuple[int, int]:
    """Add ``years`` of demo sessions ending yesterday; returns (sessions, sets).

    Sessions happen at local times in the IANA time zone ``zone``, each with
    the UTC offset the zone really had that day (summer and winter time).
    Raises NotEmptyError if the history has sessions, ValueError for an
    unknown zone.
    """
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{zone}' is not a time zone this computer knows (e.g. Europe/Berlin)") from None
    if repo.count_sessions():
        raise NotEmptyError(
            "This history already has sessions; demo data goes only into an empty one. "
            "Use a separate folder: ankle-trainer demo-data --years N --data-dir NEW_FOLDER"
        )
    rng = random.Random(seed)
    routines = {r.id: r for r in builtin_routines()}
    plans = {rid: build_plan(r) for rid, r in routines.items()}
    days = years * 365
    start = today - timedelta(days=days)
    sessions: list[tuple[object, ...]] = []
    sets: list[tuple[object, ...]] = []
    skip_week_until = start
    for n in range(days):
        day = start + timedelta(days=n)
        if day.weekday() == 0 and rng.random() < 0.04:
            skip_week_until = day + timedelta(days=7)  # a missed week
        if day < skip_week_until or rng.random() < 0.025:
            continue
        progress = n / days
        usual = 5.5 - 4.0 * progress  # pain eases over the years
        runs = [("complete-ankle" if rng.random() < 0.9 else rng.choice(["ankle-mobility", "pre-run-warmup"]), 7)]
        if rng.random() < 0.15:
            runs.append(("heel-drops", 19))
        for rid, hour in runs:
            plan = plans[rid]
            begin = datetime(day.year, day.month, day.day, hour, rng.randrange(0, 50), tzinfo=tz)
            roll = rng.random()
            status = "completed" if roll > 0.03 else ("stopped" if roll > 0.01 else "interrupted")
            work = [s for s in plan if s.phase is Phase.WORK]
            done_sets = len(work) if status == "completed" else rng.randrange(1, len(work))
            sid = uuid.UUID(int=rng.getrandbits(128)).hex
            t = last = begin.astimezone(UTC)  # real elapsed time, across any offset change
            for seg in plan:
                t += timedelta(seconds=seg.duration)
                if seg.phase is not Phase.WORK or seg.work_index >= done_sets:
                    continue
                last = t
                full = rng.random() > 0.05
                reps = seg.target_reps if full else max(0, (seg.target_reps or 0) - rng.randrange(1, 4))
                secs = seg.target_seconds
                # a set not done in full has less than its time done, as a real one stopped
                # part-way records it (twenty-ninth re-test: "45 of 45 s – stopped part-way")
                done_secs = secs if full or secs is None else round(secs * rng.uniform(0.2, 0.9))
                sets.append((
                    sid, seg.work_index, seg.exercise.id, seg.exercise.name, str(seg.side),
                    seg.set_number, seg.target_reps, reps if seg.target_reps is not None else None,
                    secs, done_secs,
                    "completed" if full else "skipped", utc_iso(t),
                    _pain(rng, usual + 0.5) if seg.exercise.ask_pain and rng.random() < 0.3 else None,
                ))
            before = _pain(rng, usual)
            sessions.append((
                sid, rid, routines[rid].name, utc_iso(begin), utc_iso(last), _offset_minutes(begin),
                day.isoformat(), status, len(work), before,
                _pain(rng, usual - 0.4), _pain(rng, usual - 0.2) if rng.random() < 0.6 else None,
                "" if rng.random() < 0.9 else rng.choice(["Felt good", "Stiff at first", "Ran 5 km after"]),
            ))
    with transaction(repo.conn):
        repo.conn.executemany(
            "INSERT INTO session (id, routine_id, routine_name, started_at, ended_at,"
            " utc_offset_minutes, local_date, status, sets_planned, pain_before, pain_after,"
            " pain_next_morning, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        repo.conn.executemany(
            "INSERT INTO session_set (session_id, seq, exercise_id, exercise_name, side, set_number,"
            " target_reps, actual_reps, target_seconds, actual_seconds, status, completed_at,"
            " pain_during) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sets,
        )
    return len(sessions), len(sets)


def _offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def _pain(rng: random.Random, level: float) -> int:
    return max(0, min(10, round(rng.gauss(level, 1.0))))
