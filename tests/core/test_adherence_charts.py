"""The pure helpers behind the progress charts: weekly pain and month labels."""

from __future__ import annotations

from datetime import date

from ankle_trainer.core.adherence import PainWeek, month_labels, weekly_pain


def test_weekly_pain_median_and_range_per_week() -> None:
    ratings = [(date(2026, 11, 2), 4), (date(2026, 11, 3), 2), (date(2026, 11, 4), 9),
               (date(2026, 11, 16), 1)]
    weeks = weekly_pain(reversed(ratings), "monday")
    assert weeks == [
        PainWeek(date(2026, 11, 2), 4.0, 2.0, 9.0, 3),
        PainWeek(date(2026, 11, 16), 1.0, 1.0, 1.0, 1),  # the empty week between is left out
    ]


def test_month_labels_put_each_month_over_its_own_days() -> None:
    # The calendar of the 365 days to Sun 29 Nov 2026 starts on Sun 30 Nov 2025.
    first, last = date(2025, 11, 30), date(2026, 11, 29)
    labels = month_labels(first, last, "monday")
    names = [f"{d:%b %Y}" for _, d in labels]
    assert names[0] == "Dec 2025"  # November has one day shown: no label for it
    assert "Nov 2026" in names and names.count("Nov 2025") == 0
    columns = dict((f"{d:%b %Y}", c) for c, d in labels)
    # Mon 1 Dec 2025 starts the second column (the first is the week of Sun 30 Nov)
    assert columns["Dec 2025"] == 1
    # Sun 1 Feb 2026 is the last day of its week: the label moves to the next column
    origin_offset = (date(2026, 2, 2) - date(2025, 11, 24)).days // 7
    assert columns["Feb 2026"] == origin_offset
    assert [c for c, _ in labels] == sorted(c for c, _ in labels)


def test_month_labels_name_a_long_first_month() -> None:
    labels = month_labels(date(2026, 3, 3), date(2026, 5, 1), "monday")
    assert [d for _, d in labels] == [date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1)]
    assert labels[0][0] == 0
