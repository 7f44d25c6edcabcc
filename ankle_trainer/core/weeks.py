"""Week arithmetic on local dates, with a chosen first day of the week."""

from __future__ import annotations

from datetime import date, timedelta

FIRST_DAY = {"monday": 0, "saturday": 5, "sunday": 6}


def week_start(day: date, first_day: str) -> date:
    """The first day of the week that ``day`` is in, weeks starting on
    ``first_day`` ("monday", "saturday" or "sunday": the runner's setting,
    always passed, as a week that forgot it was the report's pain chart's
    in the twenty-second re-test). KeyError for another day's name."""
    return day - timedelta(days=(day.weekday() - FIRST_DAY[first_day]) % 7)


def week_range(day: date, first_day: str) -> tuple[date, date]:
    """First and last local date of the week holding ``day``."""
    start = week_start(day, first_day)
    return start, start + timedelta(days=6)
