"""One running copy per data folder, tested with real processes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

# No display: the app then says so on stderr once it holds the data folder's
# lock, which tells the test the first copy is up (no waiting on the clock).
ENV = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


def wait_until_running(proc: subprocess.Popen[str]) -> None:
    assert proc.stderr is not None
    line = proc.stderr.readline()
    assert "No display found" in line, line + (proc.stderr.read() if proc.poll() is not None else "")


def start(data: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ankle_trainer", "--data-dir", str(data), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )


def stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.slow
def test_a_second_start_hands_over_and_leaves_the_data_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = start(data)
    try:
        wait_until_running(first)
        # The second start retries until the first is listening, then hands over.
        second = subprocess.run(
            [sys.executable, "-m", "ankle_trainer", "--data-dir", str(data)],
            capture_output=True, text=True, env=ENV, timeout=60,
        )
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr and "brought forward" in second.stderr
        assert first.poll() is None  # the first copy carries on

        # A session the first copy is running must not be touched by later starts.
        conn = sqlite3.connect(data / "history.sqlite3")
        conn.execute(
            "INSERT INTO session (id, routine_id, routine_name, started_at, utc_offset_minutes,"
            " local_date, status, sets_planned) VALUES ('s1', 'heel-drops', 'Heel drops',"
            " '2026-11-25T07:00:00.000+00:00', 0, '2026-11-25', 'in_progress', 6)"
        )
        conn.commit()
        again = subprocess.run(
            [sys.executable, "-m", "ankle_trainer", "--data-dir", str(data)],
            capture_output=True, text=True, env=ENV, timeout=60,
        )
        assert again.returncode == 0, again.stderr
        assert conn.execute("SELECT status FROM session").fetchone() == ("in_progress",)
        conn.close()

        # Command-line subcommands work while the window is open.
        listing = subprocess.run(
            [sys.executable, "-m", "ankle_trainer", "--data-dir", str(data), "routines"],
            capture_output=True, text=True, env=ENV, timeout=60,
        )
        assert listing.returncode == 0 and "heel-drops" in listing.stdout
    finally:
        stop(first)
    assert first.returncode == 0


@pytest.mark.slow
def test_a_lock_left_by_a_crash_does_not_block_the_next_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    crashed = start(data)
    try:
        wait_until_running(crashed)
    finally:
        crashed.kill()
        crashed.wait()
    assert (data / ".ankle-trainer.lock").exists()  # stale lock left behind
    after = subprocess.run(
        [sys.executable, "-m", "ankle_trainer", "--data-dir", str(data), "--quit-after-startup"],
        capture_output=True, text=True, env=ENV, timeout=60,
    )
    assert after.returncode == 0, after.stderr
    assert "already running" not in after.stderr
