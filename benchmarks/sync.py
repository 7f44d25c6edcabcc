"""Folder sync at scale: ten years of history on each of two computers.

    python benchmarks/sync.py [--years N] [--rounds N]

Two data folders get ten years of different demo history each (about 3,900
sessions and 122,000 sets apiece) and one sync folder, all in a temporary
folder. Prints:

- the first full merge: the second computer's first sync (merges the first
  one's ten years and writes its own), timed in-process as the window runs
  it; against the baseline of moving the same history the way one could
  before sync: CSV export of sessions and sets, then CSV import into a copy
  of the second computer's history;
- the first computer's catching up (merges the second one's ten years);
- a sync with nothing new, in-process (median over the rounds), against
  the baseline of opening the history database (what every start pays);
- the whole `ankle-trainer sync` command with nothing new, against the whole
  `ankle-trainer routines` command (a process that only starts and prints);
- the segment files' total size against the database file's.

Goals (issue 15): first full merge < 2 s, a sync with nothing new < 20 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from ankle_trainer.core.text import count
from ankle_trainer.storage.csv_io import export_csv, import_csv
from ankle_trainer.storage.demo import fill_demo_history
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sync import sync_now

GOALS = {"merge": 2.0, "nothing_new": 0.020}


def _device(folder: Path, years: int, end: date, seed: int) -> HistoryRepository:
    folder.mkdir()
    repo, _ = HistoryRepository.open(folder / "history.sqlite3")
    fill_demo_history(repo, years, end, seed=seed)
    return repo


CPU: dict[str, float] = {}


def _timed(run, label: str = "") -> float:  # type: ignore[no-untyped-def]
    """Wall time of ``run()``; its CPU time is kept in CPU[label] (on a busy
    machine the CPU time shows the work itself, the wall time the wait too)."""
    c0, t0 = time.process_time(), time.perf_counter()
    run()
    wall = time.perf_counter() - t0
    if label:
        CPU[label] = time.process_time() - c0
    return wall


def _process(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ankle_trainer", *args], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=15)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        sync = base / "Sync"
        sync.mkdir()
        a = _device(base / "a", options.years, date(2026, 3, 1), seed=1)
        b = _device(base / "b", options.years, date(2026, 2, 1), seed=2)
        b_copy = _device(base / "b-copy", options.years, date(2026, 2, 1), seed=2)
        sessions = a.count_sessions() + b.count_sessions()
        sets = sum(
            int(r.conn.execute("SELECT count(*) FROM session_set").fetchone()[0]) for r in (a, b)
        )
        span = count(options.years, "year")
        print(f"{span} on each of two computers: {count(sessions, 'session')}, {count(sets, 'set')} in all")

        first_send = _timed(lambda: sync_now(a, sync, device_name="a"), "send")
        merge = _timed(lambda: sync_now(b, sync, device_name="b"), "merge")
        catch_up = _timed(lambda: sync_now(a, sync, device_name="a"), "catch_up")
        assert a.count_sessions() == b.count_sessions() == sessions

        def by_csv() -> None:
            export_csv(a.conn, base / "s.csv")
            export_csv(a.conn, base / "t.csv", sets=True)
            import_csv(b_copy.conn, [base / "s.csv", base / "t.csv"])

        csv = _timed(by_csv, "csv")
        print(f"first sync of the first computer (writes its {span}): {first_send * 1000:7.0f} ms"
              f" (CPU {CPU['send'] * 1000:.0f} ms)")
        print(
            f"first full merge (second computer: merges {span}, writes its own): "
            f"{merge * 1000:7.0f} ms  goal < {GOALS['merge'] * 1000:.0f} ms "
            f"({merge / GOALS['merge']:.2f} of the goal; CPU {CPU['merge'] * 1000:.0f} ms)"
        )
        print(
            f"  baseline, CSV export + import of the same history:               "
            f"{csv * 1000:7.0f} ms  sync/baseline = {merge / csv:.2f} (CPU {CPU['csv'] * 1000:.0f} ms)"
        )
        print(f"first computer catching up (merges the other {span}):         {catch_up * 1000:7.0f} ms"
              f" (CPU {CPU['catch_up'] * 1000:.0f} ms)")
        print(f"(load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")

        idle = [_timed(lambda: sync_now(a, sync, device_name="a")) for _ in range(options.rounds)]
        open_times = []
        for _ in range(options.rounds):
            t0 = time.perf_counter()
            repo, _opened = HistoryRepository.open(base / "b-copy" / "history.sqlite3")
            open_times.append(time.perf_counter() - t0)
            repo.close()
        nothing, opening = statistics.median(idle), statistics.median(open_times)
        print(
            f"a sync with nothing new (median of {options.rounds}): {nothing * 1000:6.1f} ms  "
            f"goal < {GOALS['nothing_new'] * 1000:.0f} ms ({nothing / GOALS['nothing_new']:.2f} of the goal)"
        )
        print(f"  baseline, opening the history database: {opening * 1000:6.1f} ms  sync/baseline = {nothing / opening:.2f}")
        a.close()
        b.close()
        b_copy.close()

        cli = statistics.median(
            _process(["sync", "--data-dir", str(base / "a"), "--folder", str(sync)]) for _ in range(5)
        )
        bare = statistics.median(_process(["routines"]) for _ in range(5))
        print(f"whole 'ankle-trainer sync' process, nothing new (median of 5): {cli * 1000:6.0f} ms")
        print(f"  baseline, whole 'ankle-trainer routines' process:            {bare * 1000:6.0f} ms  ratio = {cli / bare:.2f}")

        segments = sum(p.stat().st_size for p in sync.rglob("segment-*.json.gz"))
        db = sum(p.stat().st_size for p in (base / "a").glob("history.sqlite3*"))
        print(
            f"segment files in the sync folder (both computers): {segments / 1e6:6.2f} MB; "
            f"one computer's database: {db / 1e6:6.2f} MB; ratio = {segments / db:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
