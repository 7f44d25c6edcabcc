"""Time as an injected dependency.

The engine measures intervals on ``monotonic()`` (which never jumps when the
wall clock is changed) and stamps records with ``now()`` (an aware local time).
Tests and the screenshot renderer use :class:`FakeClock`; the app uses
:class:`SystemClock`.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Where time comes from: ``monotonic()`` for intervals, ``now()`` for records."""

    def monotonic(self) -> float:
        """Seconds (float) on a clock that never jumps; only differences mean anything."""

    def now(self) -> datetime:
        """The current time as an aware datetime in the local time zone."""


class SystemClock:
    """The real clock: ``time.monotonic`` and the system's local time."""

    def monotonic(self) -> float:
        """Seconds from ``time.monotonic()`` (unaffected by wall-clock changes)."""
        return time.monotonic()

    def now(self) -> datetime:
        """The current time, aware, in the system's local time zone."""
        return datetime.now(UTC).astimezone()


class FakeClock:
    """A clock that only moves when told to.

    It counts whole microseconds, so advancing 200 times by 0.05 s lands on
    exactly 10 s, as a real clock would, rather than on 9.999999999. Wall time
    is kept in UTC and shown in the start's time zone, so with a zoneinfo zone
    it crosses daylight-saving changes as a real clock does, including the
    repeated hour in autumn (the second 02:30 has ``fold=1`` and comes after
    the first). Raises ValueError for a naive start.
    """

    def __init__(
        self,
        start: datetime | None = None,
        monotonic_start: float = 1000.0,
    ) -> None:
        wall = start or datetime(2026, 3, 2, 7, 30, tzinfo=UTC)
        if wall.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._zone = wall.tzinfo
        self._wall_utc = wall.astimezone(UTC)  # respects the start's fold
        self._mono_start = monotonic_start
        self._micros = 0

    def monotonic(self) -> float:
        """Seconds: the start value plus every ``advance`` so far (``suspend`` does not move it)."""
        return self._mono_start + self._micros / 1_000_000

    def now(self) -> datetime:
        """The start time plus every ``advance`` and ``suspend``, in the clock's time zone
        (UTC arithmetic, so the repeated autumn hour keeps its fold)."""
        moment = self._wall_utc + timedelta(microseconds=self._micros)
        return moment.astimezone(self._zone)

    def suspend(self, seconds: float) -> None:
        """The machine sleeps: wall time moves on, the monotonic clock does not
        (as CLOCK_MONOTONIC behaves on Linux)."""
        self.set_wall_clock_by(seconds)

    def set_wall_clock_by(self, seconds: float) -> None:
        """Someone changes the computer's clock by ``seconds`` (negative: back);
        the monotonic clock does not notice."""
        self._wall_utc += timedelta(seconds=seconds)

    def advance(self, seconds: float) -> None:
        """Move both clocks on by ``seconds`` (counted in whole microseconds).

        Raises ValueError for a negative number: time only moves forward.
        """
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._micros += round(seconds * 1_000_000)
