from __future__ import annotations

from datetime import date

import pytest

from ankle_trainer.core.weeks import week_range, week_start


@pytest.mark.parametrize(
    ("first", "expected"),
    [("monday", date(2026, 11, 23)), ("sunday", date(2026, 11, 22)), ("saturday", date(2026, 11, 21))],
)
def test_week_start_by_first_day(first: str, expected: date) -> None:
    wednesday = date(2026, 11, 25)
    assert week_start(wednesday, first) == expected
    assert week_start(expected, first) == expected  # the first day starts its own week


def test_week_range_across_a_year_end() -> None:
    assert week_range(date(2027, 1, 1), "monday") == (date(2026, 12, 28), date(2027, 1, 3))
