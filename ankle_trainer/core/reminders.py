"""When to remind the runner to train. Pure functions on local wall-clock time.

Working on the local date and time (not on a count of seconds) keeps a
reminder at 18:00 at 18:00 across a daylight-saving change.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta


def parse_hhmm(text: str) -> time:
    """A time of day from "HH:MM" (24-hour); ValueError for anything else."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def reminder_due(
    now: datetime,
    days: tuple[int, ...],
    at: str,
    trained_today: bool,
    last_shown: date | None,
) -> bool:
    """True when a reminder should show now: a reminder day, at or after the
    time, not trained today, and not already shown today."""
    local = now
    if local.weekday() not in days or trained_today:
        return False
    if last_shown == local.date():
        return False
    return local.time() >= parse_hhmm(at)


def next_reminder(now: datetime, days: tuple[int, ...], at: str) -> datetime | None:
    """The next local date and time a reminder is set for, from ``now`` on."""
    if not days:
        return None
    when = parse_hhmm(at)
    for offset in range(8):
        day = now.date() + timedelta(days=offset)
        if day.weekday() in days:
            moment = datetime.combine(day, when, tzinfo=now.tzinfo)
            if moment >= now.replace(second=0, microsecond=0):
                return moment
    return None
