"""The training reminder shows at most once a day, across restarts (issue 13)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.settings import Settings
from ankle_trainer.ui.tray import ReminderService

BERLIN = ZoneInfo("Europe/Berlin")


def test_the_reminder_shown_at_18_00_is_not_shown_again_after_a_restart(qtbot, tmp_path: Path) -> None:
    settings = Settings(reminder_enabled=True, reminder_days=(2,), reminder_time="18:00")
    clock = FakeClock(datetime(2026, 11, 25, 18, 0, tzinfo=BERLIN))  # a Wednesday
    shown: list[str] = []
    repo, _ = HistoryRepository.open(tmp_path / "history.sqlite3")
    first = ReminderService(clock, repo, lambda: settings, shown.append)
    assert first.check() and len(shown) == 1
    repo.close()
    clock.advance(19 * 60)  # restarted at 18:19
    repo, _ = HistoryRepository.open(tmp_path / "history.sqlite3")
    second = ReminderService(clock, repo, lambda: settings, shown.append)
    assert not second.check() and len(shown) == 1
    clock.advance(7 * 86400)  # next Wednesday it shows again
    assert second.check() and len(shown) == 2
    repo.close()
