"""Past sessions show their own local date and time wherever the computer is
now (issue 13: a session in Tokyo viewed in Berlin)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from ankle_trainer.core.library import find_routine
from ankle_trainer.core.times import session_local, session_local_from_timestamp
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sample import run_session

TOKYO = timezone(timedelta(hours=9))


@pytest.fixture
def in_berlin(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tokyo_session(repo: HistoryRepository) -> HistoryRepository:
    run_session(repo, find_routine("ankle-mobility"), datetime(2026, 5, 11, 6, 0, tzinfo=TOKYO), 3, 2, step=5.0)
    return repo


def test_session_local_keeps_the_sessions_own_offset() -> None:
    utc = datetime(2026, 5, 10, 21, 0, tzinfo=UTC)
    assert f"{session_local(utc, 540):%Y-%m-%d %H:%M %a}" == "2026-05-11 06:00 Mon"
    assert f"{session_local_from_timestamp(utc.timestamp(), 540):%Y-%m-%d %H:%M}" == "2026-05-11 06:00"
    with pytest.raises(ValueError):
        session_local(datetime(2026, 5, 11, 6, 0), 540)


def test_history_table_and_pain_readout_show_tokyo_time_in_berlin(qtbot, in_berlin, tokyo_session) -> None:
    from ankle_trainer.ui.screens.history.page import HistoryPage
    from ankle_trainer.ui.screens.progress.page import load_progress

    assert f"{datetime(2026, 5, 10, 21, tzinfo=UTC).astimezone():%H:%M}" == "23:00"  # Berlin indeed
    from ankle_trainer.core.clock import FakeClock

    page = HistoryPage(tokyo_session, FakeClock(datetime(2026, 5, 20, 12, tzinfo=UTC)))
    qtbot.addWidget(page)
    page.load()
    model = page.table.model()
    assert model.index(0, 0).data() == "2026-05-11 06:00"
    [row] = tokyo_session.recent_sessions()
    assert f"{row.local_started_at:%A}" == "Monday"  # the next-morning question's weekday
    data = load_progress(tokyo_session, datetime(2026, 5, 20).date(), 3, "monday")
    from ankle_trainer.ui.screens.progress.page import PainChart

    chart = PainChart()
    qtbot.addWidget(chart)
    chart.data = data
    assert chart.describe(float(data.pain_x[0])).startswith("Mon 11 May 2026, 06:00")
