from __future__ import annotations

from datetime import date, timedelta

from ankle_trainer.core.adherence import (
    DONE,
    NONE,
    PARTIAL,
    calendar,
    meaningful_change,
    rolling_mean,
    streaks,
    weekly_counts,
)


def test_weeks_with_nothing_are_zero_and_present() -> None:
    days = [date(2026, 11, 2), date(2026, 11, 4), date(2026, 11, 18)]
    weeks = weekly_counts(days, "monday", date(2026, 11, 1), date(2026, 11, 25))
    assert weeks == [
        (date(2026, 10, 26), 0),
        (date(2026, 11, 2), 2),
        (date(2026, 11, 9), 0),
        (date(2026, 11, 16), 1),
        (date(2026, 11, 23), 0),
    ]


def test_iso_week_53_and_the_year_end() -> None:
    # 2026 has an ISO week 53: Mon 28 Dec 2026 to Sun 3 Jan 2027.
    days = [date(2026, 12, 28), date(2026, 12, 31), date(2027, 1, 3), date(2027, 1, 4)]
    weeks = weekly_counts(days, "monday", date(2026, 12, 28), date(2027, 1, 4))
    assert weeks == [(date(2026, 12, 28), 3), (date(2027, 1, 4), 1)]
    assert date(2026, 12, 28).isocalendar().week == 53


def test_dst_days_bucket_by_the_local_date() -> None:
    # UK clocks change on Sun 29 Mar and Sun 25 Oct 2026; both are Sundays,
    # the last day of a Monday-first week and the first of a Sunday-first one.
    days = [date(2026, 3, 29), date(2026, 10, 25)]
    monday = dict(weekly_counts(days, "monday", date(2026, 3, 23), date(2026, 10, 25)))
    assert monday[date(2026, 3, 23)] == 1 and monday[date(2026, 10, 19)] == 1
    sunday = dict(weekly_counts(days, "sunday", date(2026, 3, 29), date(2026, 10, 25)))
    assert sunday[date(2026, 3, 29)] == 1 and sunday[date(2026, 10, 25)] == 1


def test_empty_history() -> None:
    weeks = weekly_counts([], "monday", date(2026, 11, 23), date(2026, 11, 25))
    assert weeks == [(date(2026, 11, 23), 0)]
    assert streaks(weeks, 3) == (0, 0)
    assert rolling_mean([], 5) == [] and meaningful_change([]) is None
    assert all(level == NONE for _, level in calendar({}, date(2026, 11, 25)))


def test_a_single_session() -> None:
    weeks = weekly_counts([date(2026, 11, 24)], "monday", date(2026, 11, 24), date(2026, 11, 24))
    assert weeks == [(date(2026, 11, 23), 1)]
    assert streaks(weeks, 1) == (1, 1)
    assert rolling_mean([4.0], 5) == [4.0]


def test_streaks_count_weeks_meeting_the_target() -> None:
    counts = [3, 3, 1, 3, 4, 3, 2]  # the last week is this week, not over yet
    weeks = [(date(2026, 1, 5) + timedelta(weeks=i), c) for i, c in enumerate(counts)]
    assert streaks(weeks, 3) == (3, 3)
    weeks[-1] = (weeks[-1][0], 3)  # this week's target met: it counts now
    assert streaks(weeks, 3) == (4, 4)


def test_calendar_covers_the_last_year_day_by_day() -> None:
    cells = calendar({date(2026, 11, 25): DONE, date(2026, 1, 1): PARTIAL}, date(2026, 11, 25))
    assert len(cells) == 365 and cells[-1] == (date(2026, 11, 25), DONE)
    assert cells[0][0] == date(2025, 11, 26)
    assert dict(cells)[date(2026, 1, 1)] == PARTIAL


def test_rolling_mean_and_a_meaningful_change() -> None:
    assert rolling_mean([2, 4, 6, 8], 2) == [2, 3, 5, 7]
    pain = [6, 6, 5, 6, 6, 5, 5, 4, 4, 3, 3, 3, 2]
    index = meaningful_change(pain, window=5, threshold=2.0)
    assert index == 10  # the mean of 5, 4, 4, 3, 3 is 3.8: 2.0 below the starting 5.8
    assert meaningful_change([5, 5, 5, 5, 5, 4, 5, 4, 5], window=5) is None
