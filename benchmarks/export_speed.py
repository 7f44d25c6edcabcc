"""The sets export as the user runs it: a whole process, against the sqlite3
shell dumping the same table, side by side in one run.

    python benchmarks/export_speed.py [--rounds N] [--years N]    (or: make bench)

Builds ten years of demo data (about 122,000 sets) in a temporary folder, then
times, interleaved and each a fresh process,

- ours: ``ankle-trainer export FILE --sets --data-dir DIR``;
- baseline: ``sqlite3 -csv -header DB "SELECT <the 13 data columns> FROM session_set"``
  (the table as stored, without the export's local times and neutralised text),

and prints each median, the ratio and the goal (issue 10: at most 2x).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ankle_trainer.core.text import count

GOAL = 2.0
DATA_COLUMNS = (
    "session_id, seq, exercise_id, exercise_name, side, set_number, target_reps, actual_reps,"
    " target_seconds, actual_seconds, status, completed_at, pain_during"
)


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    sqlite_cli = shutil.which("sqlite3")
    if sqlite_cli is None:
        print("The sqlite3 command-line shell is not installed; it is the baseline (apt-get install sqlite3).")
        return 1
    app = [sys.executable, "-m", "ankle_trainer"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run([*app, "demo-data", "--years", str(args.years), "--data-dir", str(folder)],
                       check=True, capture_output=True)
        db = folder / "history.sqlite3"
        ours_cmd = [*app, "export", str(folder / "ours.csv"), "--sets", "--data-dir", str(folder)]
        shell_cmd = [sqlite_cli, "-csv", "-header", str(db), f".once {folder / 'shell.csv'}",
                     f"SELECT {DATA_COLUMNS} FROM session_set;"]
        timed(ours_cmd)  # warm-up: bytecode and disk caches, both sides alike
        timed(shell_cmd)
        ours, shell = [], []
        for _ in range(args.rounds):
            ours.append(timed(ours_cmd))
            shell.append(timed(shell_cmd))
        rows = sum(1 for _ in open(folder / "ours.csv", encoding="utf-8-sig")) - 1
    mine, base = statistics.median(ours), statistics.median(shell)
    print(f"Sets export, {rows:,} sets ({count(args.years, 'year')} of demo data), whole processes,"
          f" median of {args.rounds}:")
    print(f"  ankle-trainer export FILE --sets   {mine * 1000:6.0f} ms")
    print(f"  sqlite3 shell, same table to CSV   {base * 1000:6.0f} ms")
    print(f"  ratio {mine / base:.2f}x (goal: at most {GOAL:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
