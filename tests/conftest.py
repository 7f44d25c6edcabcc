"""Shared fixtures. Every test gets its own data folder; none touches the
real user folders, and none waits on the wall clock (a FakeClock is used)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ankle_trainer.core.clock import FakeClock  # noqa: E402
from ankle_trainer.core.library import exercise_library  # noqa: E402
from ankle_trainer.core.routines import parse_routine  # noqa: E402
from ankle_trainer.storage.history import HistoryRepository  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("ANKLE_TRAINER_DATA_DIR", raising=False)


@pytest.fixture(autouse=True)
def _no_leftover_windows(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a visible top-level widget behind (these cause
    teardown crashes later in the run)."""
    yield
    if "qtbot" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QApplication

    from ankle_trainer.ui.widgets import cycle_collector_held

    app = QApplication.instance()
    if app is None:
        return
    with cycle_collector_held():
        left = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for w in left:
            w.close()
    assert not left, f"test left windows open: {left}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 3, 2, 7, 30, tzinfo=UTC))


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[HistoryRepository]:
    r, _ = HistoryRepository.open(tmp_path / "history.sqlite3")
    yield r
    r.close()


TINY_ROUTINE = """
format_version = 1
id = "tiny"
name = "Tiny test routine"

[[steps]]
exercise = "calf-raise-straight"
sets = 2
reps = 3
tempo = { up = 1, hold = 0, down = 1 }
rest_between_sets = 10
rest_after = 15

[[steps]]
exercise = "single-leg-stance"
hold_seconds = 20
sides = "each"
"""


@pytest.fixture
def tiny_routine():  # type: ignore[no-untyped-def]
    """2 x 3 reps (2 s each) + rest 10, rest 15, then 20 s hold each side.

    Timeline with the default 10 s get-ready and 5 s side switch:
    get-ready 10 | work 6 | rest 10 | work 6 | rest 15 | work L 20 | switch 5 | work R 20
    """
    return parse_routine(TINY_ROUTINE, exercise_library(), origin="tiny.toml")
