"""``ankle-trainer report OUT.pdf [--from DATE] [--to DATE] [--weeks N | --all]
[--all-sessions]``: the physio report from the command line.

Opens the history read-only (``storage.db.open_readonly``: nothing is
written to it and it is never moved aside), builds
the report and writes the PDF atomically. Needs no display: on Linux it
draws with Qt's offscreen platform unless one was chosen.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.text import count

if TYPE_CHECKING:
    from ...core.report import Period


def choose_period(args: argparse.Namespace, today: date, first_day: str) -> Period:
    """The report period from the command-line options (default: the last
    12 weeks up to ``--to`` or today); raises ValueError for a conflict."""
    from ...core.report import between, last_weeks

    last = date.fromisoformat(args.last) if args.last else today
    if sum(bool(x) for x in (args.first, args.weeks, args.all)) > 1:
        raise ValueError("give only one of --from, --weeks and --all")
    if args.all:
        return between(None, last)
    if args.first:
        return between(date.fromisoformat(args.first), last)
    return last_weeks(args.weeks or 12, last, first_day)


def run_report(args: argparse.Namespace) -> int:
    """The ``ankle-trainer report`` command: make the PDF for the period in
    ``args`` and return the exit status (0 written, 1 a plain message printed)."""
    from ...core.clock import SystemClock
    from ...core.library import builtin_routines, exercise_library
    from ...files import wrong_name
    from ...paths import DB_FILE_NAME, ENV_DATA_DIR, resolve_data_dir
    from ...storage.db import DatabaseOpenError, open_readonly
    from ...storage.history import HistoryRepository
    from ...storage.routine_store import RoutineStore
    from ...storage.settings import SettingsStore

    problem = wrong_name(Path(args.path), (".pdf",), "a report")  # never a PDF named r.txt
    if problem and not Path(args.path).is_dir():
        print(f"ankle-trainer: {problem}", file=sys.stderr)
        return 1
    folder = resolve_data_dir(args.data_dir)
    if not (folder / DB_FILE_NAME).exists():
        print(f"ankle-trainer: there is no history in {folder} yet.", file=sys.stderr)
        return 1
    chosen = bool(args.data_dir or os.environ.get(ENV_DATA_DIR))
    loaded = SettingsStore.for_app(folder, chosen).load()
    settings = loaded.settings
    if loaded.notice:
        print(f"ankle-trainer: {loaded.notice}", file=sys.stderr)
    now = SystemClock().now()
    try:
        period = choose_period(args, now.date(), settings.first_day_of_week)
    except ValueError as exc:
        print(f"ankle-trainer: {exc}", file=sys.stderr)
        return 2
    mine, problems = RoutineStore(folder / "routines", exercise_library).load()
    for problem in problems:
        print(f"ankle-trainer: left out of the report (in {folder / 'routines'}): {problem}", file=sys.stderr)
    try:
        # Read-only: the report never writes, so it works on a read-only
        # folder or a full disk, and it never moves the history aside.
        repo = HistoryRepository(open_readonly(folder / DB_FILE_NAME))
    except DatabaseOpenError as exc:
        print(f"ankle-trainer: {exc}", file=sys.stderr)
        return 2
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a file, not a window: no display needed
    from PySide6.QtGui import QGuiApplication

    from . import ExportError
    from .report import PhysioReportExporter

    app = QGuiApplication.instance() or QGuiApplication(["ankle-trainer"])  # noqa: F841 (kept alive)
    # The report's exporter: the runner's routines and settings (name, paper,
    # pain zones, symmetry flag) and the latest triage answers in the history.
    exporter = PhysioReportExporter((*builtin_routines(), *mine), settings, lambda: now)
    try:
        pages = exporter.export_period(repo, Path(args.path), period, args.all_sessions)
    except ExportError as exc:
        print(f"ankle-trainer: {exc}", file=sys.stderr)
        return 1
    finally:
        repo.close()
    data = exporter.last_data
    assert data is not None
    print(
        f"Wrote the report for {period.label} ({count(len(data.sessions), 'session')}, "
        f"{count(pages, 'page')}) to {args.path}"
    )
    return 0
