"""Render the physio report for sample histories to PDF and PNG, to look at.

    python scripts/render_report.py OUTDIR [--readme docs/screenshots/report.png]

Makes, in OUTDIR, ``report-<case>.pdf`` and ``report-<case>.png`` (through
poppler's ``pdftoppm``) for: an empty history, two weeks of training, two
years of demo data (the last 12 weeks, and everything), and ten years
(everything). The sample histories get a few heel-rise tests, level changes
and safety checks on top of ``demo-data``, so every part of the page shows.
The date is fixed, so the pictures only change when the drawing does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ankle_trainer import __version__  # noqa: E402
from ankle_trainer.core.library import builtin_routines  # noqa: E402
from ankle_trainer.core.report import Period, between, last_weeks  # noqa: E402
from ankle_trainer.storage.demo import fill_demo_history  # noqa: E402
from ankle_trainer.storage.history import HistoryRepository  # noqa: E402
from ankle_trainer.storage.report import gather_report  # noqa: E402
from ankle_trainer.storage.settings import Settings  # noqa: E402

TODAY = date(2026, 11, 30)
NOW = datetime(2026, 11, 30, 17, 45, tzinfo=UTC)


def add_extras(repo: HistoryRepository, first: date) -> None:
    """Heel-rise tests, suggestions with answers and safety checks from
    ``first`` to TODAY, the kind a runner gathers over months."""
    span = (TODAY - first).days
    tests = max(1, min(8, span // 42))
    for i in range(tests):
        day = TODAY - timedelta(days=3 + 28 * (tests - 1 - i))  # every 4 weeks up to 3 days ago
        at = datetime(day.year, day.month, day.day, 18, 0, tzinfo=UTC)
        repo.add_heel_rise(at, 12 + i * 2, 22 + (i % 2), 1.0)
    if span > 60:
        plan = [(0.55, "progress", 0, 1, True), (0.7, "progress", 1, 2, True),
                (0.8, "back_off", 2, 1, True), (0.9, "progress", 1, 2, False),
                (0.95, "progress", 1, 2, True)]
        for share, advice, frm, to, accept in plan:
            day = TODAY - timedelta(days=round(84 * (1 - share)))
            at = datetime(day.year, day.month, day.day, 20, 0, tzinfo=UTC)
            reason = {
                "progress": "Pain during stayed at 2/10 or less and was back to your usual level the "
                            "next morning for your last 2 sessions: you can move up a level.",
                "back_off": "Pain the next morning was 5/10, 3 points above your usual 2/10: go back "
                            "a level until mornings settle.",
            }[advice]
            rid = repo.add_recommendation("heel-drops", "Eccentric heel drops", at, advice, reason, frm, to)
            repo.decide(rid, accept, at + timedelta(minutes=5))
    for offset in (3, 10, 17, 40):
        day = TODAY - timedelta(days=offset)
        at = datetime(day.year, day.month, day.day, 6, 55, tzinfo=UTC)
        flagged = offset == 17
        repo.record_safety_check(at, {"much_worse": flagged, "fever": False}, "see_soon" if flagged else "clear")


def make_history(folder: Path, years: int, keep_days: int | None) -> HistoryRepository:
    folder.mkdir(parents=True)
    repo, _ = HistoryRepository.open(folder / "history.sqlite3")
    if years:
        fill_demo_history(repo, years, TODAY)
        if keep_days is not None:
            cut = (TODAY - timedelta(days=keep_days)).isoformat()
            with repo.conn:
                repo.conn.execute("DELETE FROM session WHERE local_date < ?", (cut,))
        first = min(date.fromisoformat(r[0]) for r in repo.conn.execute("SELECT local_date FROM session"))
        add_extras(repo, first)
    return repo


def render(repo: HistoryRepository, period: Period, out: Path, name: str, all_sessions: bool = False) -> Path:
    from ankle_trainer.app.export.report import page_size_for, write_pdf

    settings = Settings(report_name="A. Runner")
    data = gather_report(repo, builtin_routines(), settings, period, NOW, __version__)
    pdf = out / f"report-{name}.pdf"
    write_pdf(data, pdf, page_size_for("a4"), all_sessions)
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf), str(out / f"report-{name}")],
                   check=True)
    return out / f"report-{name}.png"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--readme", type=Path, help="also copy the two-year picture here")
    args = parser.parse_args()
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication([])  # noqa: F841 (lives until the end)
    args.outdir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="report-render-"))
    try:
        cases = [
            ("empty", 0, None, last_weeks(12, TODAY)),
            ("two-weeks", 1, 14, last_weeks(12, TODAY)),
            ("two-years", 2, None, last_weeks(12, TODAY)),
            ("two-years-all", 2, None, between(None, TODAY)),
            ("ten-years-all", 10, None, between(None, TODAY)),
        ]
        made: dict[str, Path] = {}
        for name, years, keep, period in cases:
            repo = make_history(work / name, years, keep)
            try:
                made[name] = render(repo, period, args.outdir, name)
            finally:
                repo.close()
            print(made[name])
        if args.readme:
            shutil.copyfile(made["two-years"], args.readme)
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
