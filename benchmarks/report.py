"""The physio report from ten years of demo data, timed as the runner runs
it: a whole ``ankle-trainer report`` process. Beside it, in the same run and
interleaved round by round, two baselines:

- ``python -c "import PySide6.QtGui"``: the least any Qt drawing process
  costs here;
- ``ankle-trainer export PATH`` (the sessions CSV of the same history): the
  app's other file-making command.

    python benchmarks/report.py [--rounds N] [--years N]      (or: make bench)

Target (issue 14): under 1 s for ten years, everything in the period
(``--all``: about 3,900 sessions and 120,000 sets) and for the default
12 weeks. Medians of the rounds are printed, with the ratios to the baselines.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ankle_trainer.core.text import count

TARGET_SECONDS = 1.0


def time_command(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, timeout=120)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{cmd} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    app = [sys.executable, "-m", "ankle_trainer"]
    work = Path(tempfile.mkdtemp(prefix="report-bench-"))
    try:
        data = work / "data"
        subprocess.run([*app, "demo-data", "--years", str(args.years), "--data-dir", str(data)],
                       env=env, check=True, capture_output=True)
        commands = {
            "bare `import PySide6.QtGui` process": [sys.executable, "-c", "import PySide6.QtGui"],
            "`ankle-trainer export` (sessions CSV)": [*app, "export", str(work / "s.csv"), "--data-dir", str(data)],
            "`ankle-trainer report`, last 12 weeks": [*app, "report", str(work / "r12.pdf"), "--data-dir", str(data)],
            "`ankle-trainer report --all`": [*app, "report", str(work / "all.pdf"), "--all", "--data-dir", str(data)],
        }
        for cmd in commands.values():  # warm-up: bytecode cache and disk cache
            time_command(cmd, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                times[name].append(time_command(cmd, env))
        sessions = subprocess.run(
            [*app, "report", str(work / "count.pdf"), "--all", "--data-dir", str(data)],
            env=env, check=True, capture_output=True, text=True,
        ).stdout.strip()
    finally:
        shutil.rmtree(work)
    medians = {name: statistics.median(values) for name, values in times.items()}
    bare, export = list(medians.values())[:2]
    found = re.search(r"\(([\d,]+ sessions?)", sessions)
    print(f"history: {count(args.years, 'year')} of demo data, {found.group(1) if found else sessions} in the report --all")
    print(f"{count(args.rounds, 'round')}, interleaved; medians:")
    width = max(len(n) for n in medians)
    for name, value in medians.items():
        spread = f"{min(times[name]) * 1000:.0f}-{max(times[name]) * 1000:.0f} ms"
        line = f"  {name:<{width}}  {value * 1000:6.0f} ms  ({spread})"
        if "report" in name:
            line += (f"  = {value / bare:.2f}x the bare Qt process, {value / export:.2f}x export;"
                     f" target {TARGET_SECONDS * 1000:.0f} ms: {'met' if value < TARGET_SECONDS else 'MISSED'}")
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
