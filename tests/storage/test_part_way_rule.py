"""One rule for a set "stopped part-way": at least one rep, or a whole second
to show (twentieth re-test: Skip in a timed set's first moment read "0 s" and
was counted as stopped part-way, so a session of skipped sets said "Sets
stopped part-way: 2 / Sets skipped: 0")."""

from __future__ import annotations

import sqlite3

import pytest

from ankle_trainer.core.engine import SessionEngine
from ankle_trainer.core.set_status import SetOutcome
from ankle_trainer.core.text import whole_seconds
from ankle_trainer.storage.db import PART_WAY

CASES = [("skipped", None, 0.0), ("skipped", None, 0.4), ("skipped", None, 0.5), ("skipped", None, 0.6),
         ("skipped", None, 1.1), ("skipped", 0, None), ("skipped", 1, None), ("completed", None, 0.3),
         ("skipped", None, None)]


@pytest.mark.parametrize(("status", "reps", "seconds"), CASES)
def test_python_and_sql_say_the_same_and_follow_what_the_screen_shows(status, reps, seconds) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE session_set (status TEXT, actual_reps INTEGER, actual_seconds REAL)")
    conn.execute("INSERT INTO session_set VALUES (?, ?, ?)", (status, reps, seconds))
    in_sql = conn.execute(f"SELECT {PART_WAY.format(t='session_set')} FROM session_set").fetchone()[0]
    outcome = SetOutcome.of(status, reps, seconds)
    assert bool(in_sql) == (outcome is SetOutcome.PART_WAY)
    if status == "skipped" and reps is None:  # a timed set: part-way only with seconds to show
        assert (outcome is SetOutcome.PART_WAY) == (whole_seconds(seconds) > 0)


def test_skip_in_a_timed_sets_first_moment_counts_as_skipped(clock) -> None:
    from ankle_trainer.core.library import find_routine

    engine = SessionEngine(find_routine("sprain-protect"), clock)
    engine.start()
    while engine.running:
        engine.skip()  # the get-ready, then each set at once
        clock.advance(0.3)
        engine.tick()
    summary_sets = [SetOutcome.of(r.status, r.actual_reps, r.actual_seconds) for r in engine.results]
    assert summary_sets and set(summary_sets) == {SetOutcome.SKIPPED}
