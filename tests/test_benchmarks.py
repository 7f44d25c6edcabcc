"""The benchmarks' window scripts still drive the app as it is today.

`make bench` runs whole processes that click through the window; when the
app changes (e.g. a rating must now be chosen), such a script breaks
without any test noticing. Each script is run here once on a small history
and must report its figures (not judged: speed is never asserted)."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from ankle_trainer.storage.demo import fill_demo_history
from ankle_trainer.storage.history import HistoryRepository

REPO = Path(__file__).resolve().parents[1]


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("bench")
    repo, _ = HistoryRepository.open(folder / "history.sqlite3")
    fill_demo_history(repo, 1, date(2026, 6, 1), seed=3)
    repo.close()
    return str(folder), "2026-06-01T08:00:00+00:00"


@pytest.mark.parametrize("script", ["PROGRESS", "MEMORY"])
def test_history_scale_window_scripts_run_to_the_end(history: tuple[str, str], script: str) -> None:
    bench = load("history_scale")
    figures = bench.run_json(getattr(bench, script), *history)
    assert figures and all(value > 0 for value in figures.values()), figures


def test_history_scale_import_and_bare_scripts_run() -> None:
    bench = load("history_scale")
    assert bench.run_json(bench.IMPORT)["seconds"] > 0
    assert bench.run_json(bench.BARE_MEMORY)["peak_kib"] > 0


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("startup", ["--rounds", "1"]),
        ("export_speed", ["--rounds", "1", "--years", "1"]),
        ("report", ["--rounds", "1", "--years", "1"]),
        ("display_timing", ["--refresh-only"]),  # the full run follows a real-time hold
        ("sync", ["--rounds", "1", "--years", "1"]),
    ],
)
def test_whole_process_benchmarks_run_and_print_their_ratio(name: str, args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / f"{name}.py"), *args],
        capture_output=True, text=True, timeout=600, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"\d\.\d\dx|= \d+\.\d\d", done.stdout), done.stdout  # a ratio against its baseline
    assert not re.search(r"\b1 [a-z]+s\b", done.stdout), done.stdout  # plurals


def test_a_benchmark_given_a_hold_a_routine_cannot_have_says_so() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "display_timing.py"), "--seconds", "3"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 2
    assert "--seconds must be from 5 to 3600" in done.stderr and "Traceback" not in done.stderr
