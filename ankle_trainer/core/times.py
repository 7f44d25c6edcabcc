"""Times of past sessions as they were where the session happened.

A session stores its instant in UTC and the UTC offset its computer had when
it started. Every display of a past session (history table and filter, the
pain chart's readout, the next-morning question) shows that session's own
local date and time, so a session started at 06:00 in Tokyo reads 06:00 on
11 May, wherever the computer is now, and agrees with its calendar day, the
weekly bars and the CSV export. Pure Python (no Qt, no sqlite3).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone


def session_zone(offset_minutes: int) -> timezone:
    """The fixed-offset zone of a session (``offset_minutes`` east of UTC,
    -1439 to 1439; ValueError outside)."""
    return timezone(timedelta(minutes=offset_minutes))


def session_local(moment: datetime, offset_minutes: int) -> datetime:
    """An aware ``moment`` as wall time in a session's own offset (aware, so
    it still compares and subtracts as the same instant). ValueError for a
    naive ``moment``."""
    if moment.tzinfo is None:
        raise ValueError("session times must be timezone-aware")
    return moment.astimezone(session_zone(offset_minutes))


def session_local_from_timestamp(seconds: float, offset_minutes: int) -> datetime:
    """A POSIX timestamp (seconds since 1970 UTC) in a session's own offset."""
    return datetime.fromtimestamp(seconds, UTC).astimezone(session_zone(offset_minutes))


def reversed_dates(first: str | None, last: str | None) -> str | None:
    """The one message for a date range given the wrong way round (``first``
    after ``last``; both local dates as YYYY-MM-DD, None for open), or None
    when the range is fine. Every command and exporter that takes a range
    (export, the report) uses it, and the command line exits with status 2
    for it, as for any other unusable option."""
    if first and last and first > last:
        return (f"The first date ({first}) is after the last date ({last}), so no session"
                " fits; nothing was written. Swap the two dates.")
    return None
