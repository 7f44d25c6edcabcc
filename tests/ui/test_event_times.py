"""Suggestions, heel-rise tests and triage answers keep the UTC offset they
were made in, and the history shows each in its own local time, wherever the
computer is now (issue 13, "times stay true": the same kind as sessions)."""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.triage import Condition, TriageAnswers
from ankle_trainer.storage.db import open_database
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.migrations import MIGRATIONS

TOKYO = timezone(timedelta(hours=9))
AT = datetime(2026, 5, 11, 6, 0, tzinfo=TOKYO)  # 2026-05-10 23:00 in Berlin (summer time)


@pytest.fixture
def in_berlin(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_events_made_in_tokyo_show_tokyo_time_on_a_computer_in_berlin(in_berlin, make_window, repo) -> None:
    rec = repo.add_recommendation("hsr", "Heavy slow resistance", AT, "hold", "Steady.", 0, 0)
    repo.add_heel_rise(AT, 20, 22, 2.0)
    repo.add_triage(AT, TriageAnswers(Condition.ACHILLES_MID))
    assert repo.recommendations()[0].utc_offset_minutes == 540 and rec
    assert repo.heel_rise_tests()[0].utc_offset_minutes == 540
    assert repo.latest_triage().utc_offset_minutes == 540  # type: ignore[union-attr]
    win = make_window(clock=FakeClock(AT + timedelta(days=30)))
    page = win.show_screen("history")
    assert page.suggestions.item(0, 0).text() == "2026-05-11 06:00"
    assert page.heel_rise.item(0, 0).text() == "2026-05-11 06:00"
    assert page.triage.item(0, 0).text() == "2026-05-11 06:00"
    # the computer's own zone would have said the evening before
    assert f"{AT.astimezone():%Y-%m-%d %H:%M}" == "2026-05-10 23:00"


def test_rows_from_before_the_offset_was_kept_show_in_the_computers_zone(in_berlin, tmp_path: Path) -> None:
    """A version-6 file: its rows have no offset; after the upgrade they read
    as before (the computer's zone) and new rows keep theirs."""
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:6]:
        step(conn)
    conn.execute("PRAGMA user_version = 6")
    conn.execute(
        "INSERT INTO recommendation (routine_id, routine_name, made_at, local_date, advice, reason,"
        " from_level, to_level) VALUES ('hsr', 'HSR', '2026-05-10T21:00:00.000+00:00', '2026-05-11',"
        " 'hold', 'Steady.', 0, 0)"
    )
    conn.execute(
        "INSERT INTO heel_rise_test (tested_at, local_date, left_reps, right_reps, beat_seconds)"
        " VALUES ('2026-05-10T21:00:00.000+00:00', '2026-05-11', 20, 22, 2.0)"
    )
    conn.close()
    opened = open_database(path)
    repo = HistoryRepository(opened.connection)
    try:
        [old] = repo.recommendations()
        assert old.utc_offset_minutes is None
        assert f"{old.local_made_at:%Y-%m-%d %H:%M}" == "2026-05-10 23:00"  # Berlin, as before
        assert f"{repo.heel_rise_tests()[0].local_tested_at:%H:%M}" == "23:00"
        repo.add_recommendation("hsr", "HSR", AT, "hold", "Steady.", 0, 0)
        new = repo.recommendations()[0]
        assert (new.utc_offset_minutes, f"{new.local_made_at:%H:%M}") == (540, "06:00")
    finally:
        repo.close()
