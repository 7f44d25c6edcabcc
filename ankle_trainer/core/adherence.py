"""Adherence and pain aggregates: pure functions over local dates.

Sessions are bucketed by the local date stored with each session, so a
session at 00:30 on the night clocks change, or on 31 December in ISO week 53,
lands on the day and week the runner lived it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from statistics import median
from typing import NamedTuple

from .weeks import week_start

# Levels for the calendar: no session, only partial ones, a completed one
NONE, PARTIAL, DONE = 0, 1, 2


def weekly_counts(
    days: Iterable[date], first_day: str, start: date, end: date
) -> list[tuple[date, int]]:
    """Sessions per week from the week holding ``start`` to the one holding
    ``end``, every week present (zero when nothing was done)."""
    counts = Counter(week_start(d, first_day) for d in days)
    week = week_start(start, first_day)
    last = week_start(end, first_day)
    out = []
    while week <= last:
        out.append((week, counts.get(week, 0)))
        week += timedelta(days=7)
    return out


def streaks(weeks: Sequence[tuple[date, int]], target: int) -> tuple[int, int]:
    """(current, best) runs of consecutive weeks that met ``target``.

    The last week is the current one: if it has not met the target yet it
    does not break the run (the week is not over), it just does not count."""
    best = run = 0
    for _, count in weeks:
        run = run + 1 if count >= target else 0
        best = max(best, run)
    current = 0
    items = list(weeks)
    if items and items[-1][1] < target:
        items = items[:-1]
    for _, count in reversed(items):
        if count < target:
            break
        current += 1
    return current, best


def weeks_on_target(counts: Sequence[int], target: int, last_is_current: bool = True) -> tuple[int, int]:
    """(weeks that met ``target``, weeks counted) over weekly session counts,
    oldest first. When ``last_is_current``, the last week is the one still
    running: it is counted only once it has met the target (it may yet be
    met), so a Monday never reads as a missed week. The one rule for "target
    met in N of M weeks" on the progress screen and in the physio report."""
    counted = list(counts)
    if counted and last_is_current and counted[-1] < target:
        counted = counted[:-1]
    return sum(1 for c in counted if c >= target), len(counted)


def calendar(levels_by_day: dict[date, int], end: date, days: int = 365) -> list[tuple[date, int]]:
    """One (date, level) per day for the ``days`` days ending on ``end``."""
    first = end - timedelta(days=days - 1)
    return [
        (first + timedelta(days=i), levels_by_day.get(first + timedelta(days=i), NONE))
        for i in range(days)
    ]


def rolling_mean(values: Sequence[float], window: int) -> list[float]:
    """Mean of each value and the ones before it, up to ``window`` values."""
    out = []
    total = 0.0
    for i, value in enumerate(values):
        total += value
        if i >= window:
            total -= values[i - window]
        out.append(total / min(i + 1, window))
    return out


def meaningful_change(
    values: Sequence[float], window: int = 5, threshold: float = 2.0
) -> int | None:
    """Index of the first value whose rolling mean differs from the starting
    level (the mean of the first ``window`` values) by ``threshold`` points or
    more: about 2 points is a change people call 'much better' (or worse) on a
    0-10 scale (Salaffi et al. 2004). None when there is no such change yet."""
    if len(values) <= window:
        return None
    baseline = sum(values[:window]) / window
    means = rolling_mean(values, window)
    for i in range(window, len(values)):
        if abs(means[i] - baseline) >= threshold:
            return i
    return None


class PainWeek(NamedTuple):
    """One week of pain ratings (0-10) summed up for the chart: the week's
    first day, the median, the lowest and highest rating, how many ratings."""

    week: date
    median: float
    low: float
    high: float
    ratings: int


def weekly_pain(ratings: Iterable[tuple[date, float]], first_day: str) -> list[PainWeek]:
    """Pain ratings ((local date, 0-10) pairs, any order) grouped by week,
    oldest first; weeks without a rating are left out (no invented values).
    The median, not the mean, so one bad day does not move the week's line."""
    groups: dict[date, list[float]] = {}
    for day, value in ratings:
        groups.setdefault(week_start(day, first_day), []).append(float(value))
    return [
        PainWeek(week, median(values), min(values), max(values), len(values))
        for week, values in sorted(groups.items())
    ]


def month_labels(first: date, last: date, first_day: str) -> list[tuple[int, date]]:
    """Where a calendar with a column a week (the first column holding
    ``first``) names each month: (column, first day of the month) for every
    month whose 1st falls from ``first`` to ``last``, at the first column
    mostly in that month (the one holding the 1st, or the next when the 1st
    is late in its week). The month ``first`` falls in is named over column 0 only when
    at least two more of its weeks follow, so a label never sits over the
    next month's days."""
    origin = week_start(first, first_day)
    out: list[tuple[int, date]] = []
    month_start = first.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    if (next_month - first).days >= 14:
        out.append((0, month_start))
    day = next_month
    while day <= last:
        column = (day - origin).days // 7
        if (day - week_start(day, first_day)).days > 3:
            column += 1  # most of the 1st's week is the month before: start at the next
        out.append((column, day))
        day = (day + timedelta(days=32)).replace(day=1)
    return out
