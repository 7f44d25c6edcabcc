"""Soak tests: the real window, as long as a user runs it, on a fake clock.

A short test can pass while a real session dies: with PySide6 6.12.0 on
Python 3.11 each Qt call that returns nothing lost a reference to None, and
Python aborted about 30 seconds into a session. These tests run the complete
ankle session (about 35 minutes of fake time) doing every repaint the real
screen would do, the heel-rise test for a long run, and the progress charts
opened and closed 200 times, and check after every step that the count of
references to None has not fallen (where it can: Python < 3.12; 3.12+ made
None immortal, PEP 683), and at the end that Python memory stayed bounded.

The window is driven like the real timers drive it: the session screen's
single-shot timer is restarted with ``next_frame_ms()`` after each frame,
so the fake clock moves by exactly that interval and ``on_timer`` runs, as
often as in a real run (every frame, not a sample). Pending Qt events
(paints included) are processed every frame too.

Measured on the 2-core test machine (Python 3.11, PySide6 6.11.3, offscreen,
shared with other jobs; `pytest tests/soak --durations=0`): the session soak
66 to 107 s (35,471 repaints; about half of it Qt painting, half the screen's
own refresh), the heel-rise soak about 1 s, the charts soak 53 to 76 s.
"""

from __future__ import annotations

import faulthandler
import gc
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ankle_trainer.app.context import build_context
from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.engine import SessionStatus
from ankle_trainer.core.library import builtin_routines, find_routine
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sample import run_session
from ankle_trainer.storage.settings import Settings, SettingsStore
from ankle_trainer.ui.shell.window import MainWindow

# A soak test runs for minutes: its own limit (pytest-timeout) and a
# faulthandler dump just before it replace the suite's 110 s faulthandler
# dump, which would print every thread's stack halfway through a healthy run.
SOAK_LIMIT_SECONDS = 600
pytestmark = [pytest.mark.soak, pytest.mark.timeout(SOAK_LIMIT_SECONDS)]

# Python memory (tracemalloc) may grow by at most this much between the end
# of a warm-up and the end of a soak run. A leak of one small object per
# repaint over the 35-minute session (tens of thousands of repaints) would
# exceed it; caches filled once do not, since they fill during the warm-up.
MEMORY_BOUND_BYTES = 3 * 1024 * 1024

# How far the count of references to None may dip during a run. Objects come
# and go holding None, so the count moves by a few hundred either way; a lost
# reference per Qt call (the 6.12.0 fault) falls past this within a second of
# session and fails the test long before the count reaches zero (about 5,000
# at start-up), which would abort the whole test run instead.
NONE_REFS_SLACK = 500
NONE_IS_MORTAL = sys.version_info < (3, 12)


class Watch:
    """Checks the reference count of None after every step and memory at the end."""

    def __init__(self) -> None:
        gc.collect()
        self.none_refs = sys.getrefcount(None)
        self.lowest = self.none_refs
        self.steps = 0

    def step(self) -> None:
        self.steps += 1
        if not NONE_IS_MORTAL:
            return
        now = sys.getrefcount(None)
        self.lowest = min(self.lowest, now)
        assert now >= self.none_refs - NONE_REFS_SLACK, (
            f"references to None fell from {self.none_refs} to {now} after {self.steps} "
            "steps: the Qt binding loses references (see platform_check.KNOWN_BAD_BINDINGS)"
        )

    def finish(self) -> None:
        gc.collect()
        if NONE_IS_MORTAL:
            end = sys.getrefcount(None)
            assert end >= self.none_refs - NONE_REFS_SLACK, (self.none_refs, end)


@pytest.fixture(autouse=True)
def _soak_faulthandler() -> None:
    faulthandler.dump_traceback_later(SOAK_LIMIT_SECONDS - 10, file=sys.__stderr__)


@pytest.fixture
def memory() -> Iterator[Callable[[], int]]:
    """Starts tracemalloc; the returned function gives the traced bytes now."""
    tracemalloc.start()

    def current() -> int:
        gc.collect()
        return tracemalloc.get_traced_memory()[0]

    try:
        yield current
    finally:
        tracemalloc.stop()


@pytest.fixture
def window(qtbot, repo: HistoryRepository, tmp_path: Path):  # type: ignore[no-untyped-def]
    clock = FakeClock(datetime(2026, 3, 2, 7, 30, tzinfo=UTC))
    repo.record_safety_check(clock.now(), {}, "clear")  # today's red-flag check: done
    context = build_context(
        repo, builtin_routines(), clock, settings=Settings(disclaimer_seen=True),
        settings_store=SettingsStore(tmp_path / "settings.json"), data_dir=tmp_path,
    )
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    win.finish_startup()
    win.soak_clock = clock  # type: ignore[attr-defined]
    return win


def test_the_complete_ankle_session_runs_to_its_summary_with_every_repaint(
    window, repo: HistoryRepository, memory
) -> None:
    clock: FakeClock = window.soak_clock
    app = QApplication.instance()
    window.home.select_routine("complete-ankle")
    window.home.start_button.click()
    window.flow.pain_check.scale.setValue(2)
    window.flow.pain_check.start_button.click()
    screen = window.flow.session_screen
    assert window.stack.currentWidget() is screen and screen.timer.isActive()
    planned = window.controller.engine.total_planned_seconds
    assert planned > 30 * 60  # the real length, not a shortened routine

    watch = Watch()
    frames = 0
    started = clock.monotonic()
    warm_bytes: int | None = None
    while screen.timer.isActive():
        # What the single-shot precise timer does in a real run: wait its
        # interval, then on_timer (which restarts it with next_frame_ms()).
        clock.advance(screen.timer.interval() / 1000)
        screen.on_timer()
        app.processEvents()
        frames += 1
        watch.step()
        if warm_bytes is None and clock.monotonic() - started >= 120:
            warm_bytes = memory()  # two minutes in: every screen part has been shown
        assert clock.monotonic() - started < planned + 600, "the session never ended"

    assert window.stack.currentWidget() is window.flow.summary
    assert "Sets done" in window.flow.summary.details.text()
    window.flow.summary.scale.setValue(2)
    window.flow.summary.save_button.click()
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.COMPLETED
    # Tempo steps repaint every 33 ms, the rest at each second: far more
    # frames than seconds shows that every frame was driven, not a sample.
    assert frames > 3 * planned
    watch.finish()
    assert warm_bytes is not None
    grown = memory() - warm_bytes
    assert grown < MEMORY_BOUND_BYTES, f"Python memory grew by {grown} bytes over the session"


def test_the_heel_rise_test_counts_a_long_run_on_both_legs(
    window, repo: HistoryRepository, memory
) -> None:
    clock: FakeClock = window.soak_clock
    app = QApplication.instance()
    window.home.heel_rise_button.click()
    page = window.show_screen("heel_rise")
    interval = page.repaint_timer.interval()  # the real screen repaints this often (ms)
    watch = Watch()
    warm_bytes: int | None = None

    def run_side(seconds: float) -> None:
        nonlocal warm_bytes
        assert page.stages.currentWidget() is page.running and page.repaint_timer.isActive()
        elapsed = 0.0
        while elapsed < seconds:
            clock.advance(interval / 1000)
            elapsed += interval / 1000
            page.on_timer()
            app.processEvents()
            watch.step()
            if warm_bytes is None and elapsed >= 30:
                warm_bytes = memory()
        page.stop_button.click()

    # Five minutes a side at one beat a second: far longer than anyone keeps up.
    from ankle_trainer.ui.screens.heel_rise.page import GET_READY_SECONDS

    page.start_button.click()
    run_side(300 + GET_READY_SECONDS)  # the get-ready countdown, then 300 beats
    page.next_button.click()  # the right leg starts at once
    run_side(300 + GET_READY_SECONDS)
    page.next_button.click()
    [test] = repo.heel_rise_tests()
    assert (test.left_reps, test.right_reps) == (150, 150)
    assert not page.repaint_timer.isActive()
    watch.finish()
    assert warm_bytes is not None
    grown = memory() - warm_bytes
    assert grown < MEMORY_BOUND_BYTES, f"Python memory grew by {grown} bytes"


def test_the_progress_charts_open_and_close_200_times(
    window, repo: HistoryRepository, memory
) -> None:
    clock: FakeClock = window.soak_clock
    app = QApplication.instance()
    day = clock.now() - timedelta(days=120)
    for n in range(40):  # sessions to draw
        run_session(repo, find_routine("ankle-mobility"), day + timedelta(days=3 * n), 3, 2, step=5.0)
    watch = Watch()
    warm_bytes: int | None = None
    for n in range(200):
        if n % 2:
            clock.advance(24 * 3600)  # a new day: the charts load their data again
        page = window.show_screen("progress")
        assert page is not None and window.stack.currentWidget() is page
        for index in range(page.tabs.count()):
            page.tabs.setCurrentIndex(index)  # every chart is shown, so painted
            app.processEvents()
        window.go_home()
        app.processEvents()
        watch.step()
        if n == 9:
            warm_bytes = memory()
    watch.finish()
    assert warm_bytes is not None
    grown = memory() - warm_bytes
    assert grown < MEMORY_BOUND_BYTES, f"Python memory grew by {grown} bytes"
