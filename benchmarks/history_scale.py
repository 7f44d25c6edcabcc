"""History at scale: ten years of daily training (demo data), measured.

    python benchmarks/history_scale.py [--rounds N] [--years N]    (or: make bench)

Prints, for a history of about 3,900 sessions and 122,000 sets:

- progress screen built and painted, timed from the moment it is asked for in
  a window that already exists: the first opening in a fresh process (which
  imports pyqtgraph and NumPy), a reopening after the history changed (which
  reads every aggregate again and redraws), and the Volume tab, whose weekly
  sums read every set and so wait until it is first shown;
- the same first opening as the user feels it: the app imports pyqtgraph and
  NumPy on a background thread once the first screen is painted and idle, so
  the benchmark lets that finish before asking for the screen;
- the import of pyqtgraph and NumPy alone, in a fresh process, for scale;
- history screen loaded: every session read and put into the table model;
- CSV export of every set, against the sqlite3 command-line shell writing the
  same rows (the same SQL) to CSV, side by side in this run, with the ratio;
- peak memory (resident set size) of one process with every screen opened,
  against a bare PySide6 window's peak in this run.

Targets (issue 4): progress < 150 ms, history < 100 ms, export < 0.5 s, peak
memory < 160 MiB. Timings are medians over the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from ankle_trainer.core.text import count

TARGETS = {"progress": 0.150, "history": 0.100, "export": 0.5, "memory_mib": 160}

# Runs in a fresh process: open the window, then time the first opening of the
# progress screen (pyqtgraph import included) and a reopening after a change.
PROGRESS = r"""
import json, sys, time
from datetime import UTC, datetime
from pathlib import Path
from ankle_trainer.ui.app import ensure_app
from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.history import open_history
from ankle_trainer.ui.shell.window import MainWindow
from ankle_trainer.app.context import build_context
from ankle_trainer.app.changes import Change
app = ensure_app()
repo, _ = open_history(Path(sys.argv[1]))
now = datetime.fromisoformat(sys.argv[2])
win = MainWindow(build_context(repo, builtin_routines(), FakeClock(now), data_dir=sys.argv[1]))
win.resize(1024, 720)
win.show()
app.processEvents()
win.repaint()
if sys.argv[3:] == ["preloaded"]:  # as in the app: charts loaded while idle after the first paint
    from ankle_trainer.ui.screens.progress import prepare
    prepare(win).join()
    while "progress" not in win.screens:
        app.processEvents(); time.sleep(0.01)
t0 = time.perf_counter()
win.show_screen("progress")
win.repaint()
first = time.perf_counter() - t0
page = win.screen("progress")
t0 = time.perf_counter()
page.tabs.setCurrentWidget(page.volume)
win.repaint()
volume = time.perf_counter() - t0
page.tabs.setCurrentIndex(0)
again = []
for _ in range(5):
    win.go_home()
    win.repaint()
    win.context.changes.did_change(Change.SESSIONS)  # as after a new session
    t0 = time.perf_counter()
    win.show_screen("progress")
    win.repaint()
    again.append(time.perf_counter() - t0)
print(json.dumps({"first": first, "again": sorted(again)[len(again) // 2], "volume": volume}))
win.close()
"""

# Every screen once, then the peak resident set size.
MEMORY = r"""
import json, resource, sys
from datetime import UTC, datetime
from pathlib import Path
from ankle_trainer.ui.app import ensure_app
from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.history import open_history
from ankle_trainer.ui.shell.window import MainWindow
from ankle_trainer.app.context import build_context
app = ensure_app()
repo, _ = open_history(Path(sys.argv[1]))
now = datetime.fromisoformat(sys.argv[2])
clock = FakeClock(now)
win = MainWindow(build_context(repo, builtin_routines(), clock, data_dir=sys.argv[1]))
win.resize(1024, 720)
win.show()
win.finish_startup()
app.processEvents()
history = win.show_screen("history"); history.select_row(0); win.repaint()
progress = win.show_screen("progress")
for i in range(progress.tabs.count()):
    progress.tabs.setCurrentIndex(i); win.repaint()
for dialog in (win.open_dialog("export"), win.open_dialog("settings"), win.open_dialog("preview", win.home.routines[0]), win.open_dialog("about")):
    dialog.repaint(); dialog.reject()
win.go_home()
win.home.start_button.click()          # safety check
win.flow.safety_check.continue_button.click()
win.flow.pain_check.skip_button.click()     # no rating; the session screen, running
for _ in range(40):
    clock.advance(1.0); win.flow.session_screen.on_timer()
win.repaint()
win.controller.engine.stop(); win.repaint()       # summary
app.processEvents()
print(json.dumps({"peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
win.close()
"""

IMPORT = r"""
import json, time
import PySide6.QtWidgets
t0 = time.perf_counter()
import pyqtgraph
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""

BARE_MEMORY = r"""
import json, resource
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Hello"); label.show(); app.processEvents(); label.repaint()
print(json.dumps({"peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def run_json(code: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as on a user's machine (see startup.py)
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                          text=True, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"benchmark step failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from ankle_trainer.storage.csv_io import export_csv, set_query
    from ankle_trainer.storage.demo import fill_demo_history
    from ankle_trainer.storage.history import open_history

    sqlite_cli = shutil.which("sqlite3")
    today = date(2026, 11, 23)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        repo, _ = open_history(folder)
        sessions, sets = fill_demo_history(repo, args.years, today)
        now = "2026-11-23T18:05:00+00:00"
        print(f"History: {sessions:,} sessions, {sets:,} sets ({count(args.years, 'year')} of demo data)\n")

        # CSV export of every set, against the sqlite3 shell, interleaved.
        ours, cli = [], []
        sql, _ = set_query()
        # Each round writes new files (removed after timing), as a first
        # export does; both sides alike.
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            rows = export_csv(repo.conn, folder / "sets.csv", sets=True)
            ours.append(time.perf_counter() - t0)
            (folder / "sets.csv").unlink()
            if sqlite_cli:
                t0 = time.perf_counter()
                subprocess.run(
                    [sqlite_cli, str(folder / "history.sqlite3")],
                    input=f".headers on\n.mode csv\n.once {folder / 'cli.csv'}\n{sql};\n",
                    text=True, check=True, capture_output=True,
                )
                cli.append(time.perf_counter() - t0)
                (folder / "cli.csv").unlink()

        # Progress screen: each round a fresh process.
        first, again, volume = [], [], []
        run_json(PROGRESS, str(folder), now)  # warm-up: bytecode cache, disk cache
        for _ in range(args.rounds):
            result = run_json(PROGRESS, str(folder), now)
            first.append(result["first"])
            again.append(result["again"])
            volume.append(result["volume"])
        # As the user feels it: the app loads the charts while idle after the
        # first paint (ui.app), so the first opening no longer waits for them.
        preloaded = [run_json(PROGRESS, str(folder), now, "preloaded")["first"] for _ in range(args.rounds)]

        # The import alone, in a fresh process each round.
        imports = [run_json(IMPORT)["seconds"] for _ in range(args.rounds)]

        # History screen: query and table model, in this process.
        from datetime import UTC, datetime

        from ankle_trainer.core.clock import FakeClock
        from ankle_trainer.ui.app import ensure_app
        from ankle_trainer.ui.screens.history.page import HistoryPage

        app = ensure_app()
        page = HistoryPage(repo, FakeClock(datetime(2026, 3, 2, tzinfo=UTC)))
        page.load()
        history = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            page.load()
            history.append(time.perf_counter() - t0)
        page.deleteLater()
        app.processEvents()

        repo.close()
        if os.environ.get("BENCH_VERBOSE"):
            print("export rounds:", [ms(x) for x in ours], "cli:", [ms(x) for x in cli])

        memory = run_json(MEMORY, str(folder), now)["peak_kib"] / 1024
        bare = run_json(BARE_MEMORY)["peak_kib"] / 1024

    med = statistics.median
    print(f"{'measure':<44} {'median':>10} {'target':>10}")
    print(f"{'progress screen, first opening (+ import)':<44} {ms(med(first)):>10} {ms(TARGETS['progress']):>10}")
    print(f"{'  of which importing pyqtgraph and NumPy':<44} {ms(med(imports)):>10}")
    print(f"{'progress, first opening, charts preloaded':<44} {ms(med(preloaded)):>10} {ms(TARGETS['progress']):>10}")
    print(f"{'progress screen, reopened after a change':<44} {ms(med(again)):>10} {ms(TARGETS['progress']):>10}")
    print(f"{'volume tab, first shown (reads every set)':<44} {ms(med(volume)):>10} {ms(TARGETS['progress']):>10}")
    print(f"{'history screen loaded (query + model)':<44} {ms(med(history)):>10} {ms(TARGETS['history']):>10}")
    print(f"{'CSV export of every set (' + format(rows, ',') + ' rows)':<44} {ms(med(ours)):>10} {ms(TARGETS['export']):>10}")
    if cli:
        print(f"{'sqlite3 shell, same rows to CSV':<44} {ms(med(cli)):>10}")
        print(f"{'ratio, ours / sqlite3 shell':<44} {med(ours) / med(cli):>9.2f}x")
    else:
        print("sqlite3 shell not found: install it (Debian: apt-get install sqlite3) for the comparison")
    print(f"{'peak memory, every screen opened':<44} {memory:>7.0f} MiB {TARGETS['memory_mib']:>6} MiB")
    print(f"{'peak memory, bare PySide6 window':<44} {bare:>7.0f} MiB")
    print(f"{'ratio, ours / bare window':<44} {memory / bare:>9.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
