from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.reminders import next_reminder, reminder_due

LONDON = ZoneInfo("Europe/London")
MON_WED_FRI = (0, 2, 4)


def test_due_on_a_reminder_day_after_the_time() -> None:
    wed = datetime(2026, 11, 25, 18, 0, tzinfo=LONDON)
    assert reminder_due(wed, MON_WED_FRI, "18:00", trained_today=False, last_shown=None)
    assert not reminder_due(wed.replace(hour=17, minute=59), MON_WED_FRI, "18:00", False, None)


def test_not_on_other_days_nor_after_training_nor_twice() -> None:
    thu = datetime(2026, 11, 26, 19, 0, tzinfo=LONDON)
    assert not reminder_due(thu, MON_WED_FRI, "18:00", False, None)
    wed = datetime(2026, 11, 25, 19, 0, tzinfo=LONDON)
    assert not reminder_due(wed, MON_WED_FRI, "18:00", trained_today=True, last_shown=None)
    assert not reminder_due(wed, MON_WED_FRI, "18:00", False, last_shown=date(2026, 11, 25))
    assert reminder_due(wed, MON_WED_FRI, "18:00", False, last_shown=date(2026, 11, 23))


def test_a_clock_change_keeps_the_reminder_at_the_same_wall_time() -> None:
    # Sunday 29 March 2026: UK clocks go forward at 01:00. Remind at 08:00 daily.
    clock = FakeClock(datetime(2026, 3, 28, 20, 0, tzinfo=LONDON))
    every_day = tuple(range(7))
    fired = []
    shown = date(2026, 3, 28)  # Saturday's reminder has been shown already
    for _ in range(24 * 60):  # a minute at a time through the change
        clock.advance(60)
        now = clock.now()
        if reminder_due(now, every_day, "08:00", False, shown):
            fired.append(now)
            shown = now.date()
    assert [(f.date(), f.hour, f.minute) for f in fired] == [(date(2026, 3, 29), 8, 0)]
    assert fired[0].utcoffset().total_seconds() == 3600  # BST by then


def test_next_reminder() -> None:
    thu = datetime(2026, 11, 26, 12, 0, tzinfo=LONDON)
    assert next_reminder(thu, MON_WED_FRI, "18:00") == datetime(2026, 11, 27, 18, 0, tzinfo=LONDON)
    fri_late = datetime(2026, 11, 27, 19, 0, tzinfo=LONDON)
    assert next_reminder(fri_late, MON_WED_FRI, "18:00") == datetime(2026, 11, 30, 18, 0, tzinfo=LONDON)
    assert next_reminder(thu, (), "18:00") is None
