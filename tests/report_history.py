"""A small, exactly known history for the report tests (written with SQL,
as the demo data is, so every figure on the page can be checked by hand)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from ankle_trainer.storage.history import HistoryRepository, utc_iso

TODAY = date(2026, 3, 11)  # a Wednesday
NOW = datetime(2026, 3, 11, 18, 0, tzinfo=UTC)
TZ = timezone(timedelta(hours=1))


def add_session(
    repo: HistoryRepository, day: date, sid: str, routine_id: str = "heel-drops",
    routine_name: str = "Eccentric heel drops", status: str = "completed",
    before: int | None = None, after: int | None = None, morning: int | None = None,
    sets: tuple[tuple[str, str, int, int, str, int | None], ...] = (),
    sets_planned: int | None = None,
) -> None:
    """One session; ``sets`` as (exercise id, name, target reps, actual reps,
    status, pain during)."""
    begin = datetime(day.year, day.month, day.day, 7, 0, tzinfo=TZ)
    repo.conn.execute(
        "INSERT INTO session (id, routine_id, routine_name, started_at, ended_at, utc_offset_minutes,"
        " local_date, status, sets_planned, pain_before, pain_after, pain_next_morning, notes)"
        " VALUES (?, ?, ?, ?, ?, 60, ?, ?, ?, ?, ?, ?, '')",
        (sid, routine_id, routine_name, utc_iso(begin), utc_iso(begin + timedelta(minutes=10)),
         day.isoformat(), status, len(sets) if sets_planned is None else sets_planned,
         before, after, morning),
    )
    for seq, (ex_id, ex_name, target, actual, set_status, during) in enumerate(sets):
        repo.conn.execute(
            "INSERT INTO session_set (session_id, seq, exercise_id, exercise_name, side, set_number,"
            " target_reps, actual_reps, status, completed_at, pain_during)"
            " VALUES (?, ?, ?, ?, 'both', ?, ?, ?, ?, ?, ?)",
            (sid, seq, ex_id, ex_name, seq + 1, target, actual, set_status,
             utc_iso(begin + timedelta(minutes=seq + 1)), during),
        )
    repo.conn.commit()


STRAIGHT = ("heel-drop-straight", "Heel drop, straight knee")


def known_history(repo: HistoryRepository) -> None:
    """Three weeks before TODAY's week: week of 16 Feb two sessions, week of
    23 Feb none, week of 2 Mar one completed and one stopped, this week one.

    Pain before: 6, 5, 4, 3 (start level over those is 4.5), the latest
    session rated 3 / 2 / 2; the highest pain is 7 during, on 17 Feb."""
    full = (STRAIGHT[0], STRAIGHT[1], 15, 15, "completed", None)
    add_session(repo, date(2026, 2, 16), "a", before=6, after=5, morning=6,
                sets=(full, full, (*STRAIGHT, 15, 15, "completed", 4)))
    add_session(repo, date(2026, 2, 17), "b", before=5, after=6, morning=None,
                sets=(full, (*STRAIGHT, 15, 12, "completed", 7), (*STRAIGHT, 15, 0, "skipped", None)))
    add_session(repo, date(2026, 3, 3), "c", before=4, after=3, morning=3, sets=(full, full, full))
    add_session(repo, date(2026, 3, 5), "d", status="stopped", before=None, after=None,
                sets=(full,), sets_planned=3)
    add_session(repo, date(2026, 3, 10), "e", before=3, after=2, morning=2, sets=(full, full, full))
