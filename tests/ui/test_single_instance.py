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


@pytest.mark.slow
def test_a_folder_copied_while_open_opens_beside_the_original(tmp_path: Path) -> None:
    """Twenty-fifth re-test: a data folder copied while Ankle Trainer had it
    open would not open ("another copy ... does not answer"): the copied lock
    names the process running the original, which has none of the copy open."""
    import shutil

    data = tmp_path / "data"
    first = start(data)
    try:
        wait_until_running(first)
        copy = tmp_path / "copy"
        shutil.copytree(data, copy)
        assert (copy / ".ankle-trainer.lock").exists()  # the original's lock, copied
        opened = subprocess.run(
            [sys.executable, "-m", "ankle_trainer", "--data-dir", str(copy), "--quit-after-startup"],
            capture_output=True, text=True, env=ENV, timeout=60,
        )
        assert opened.returncode == 0, opened.stderr
        assert "does not answer" not in opened.stderr and "already running" not in opened.stderr
        assert first.poll() is None  # the original carries on, its lock its own
        again = subprocess.run(
            [sys.executable, "-m", "ankle_trainer", "--data-dir", str(data)],
            capture_output=True, text=True, env=ENV, timeout=60,
        )
        assert again.returncode == 0 and "already running" in again.stderr  # the original's lock still holds
    finally:
        stop(first)
    assert first.returncode == 0


def test_a_lock_is_taken_over_only_when_its_process_has_nothing_of_the_folder_open(tmp_path: Path) -> None:
    """The rule under the test above, in one process: a lock copied from a
    folder this process holds is taken over, unless this process has a file
    of the copy open (as the running copy has its history)."""
    import shutil

    from PySide6.QtCore import QLockFile

    from ankle_trainer.ui.single_instance import LOCK_NAME, SingleInstance

    original, copy = tmp_path / "original", tmp_path / "copy"
    original.mkdir()
    copy.mkdir()
    held = QLockFile(str(original / LOCK_NAME))  # a live process (this one) holds the original
    assert held.tryLock(0)
    shutil.copyfile(original / LOCK_NAME, copy / LOCK_NAME)
    history = open(copy / "history.sqlite3", "wb")  # noqa: SIM115  # as if it ran the copy too
    try:
        instance = SingleInstance(copy)
        assert not instance.acquire() and instance.held_by_another_copy()
        assert not instance.take_over_copied_lock()
        assert (copy / LOCK_NAME).read_bytes() == (original / LOCK_NAME).read_bytes()
    finally:
        history.close()
    instance = SingleInstance(copy)
    assert not instance.acquire()
    assert instance.take_over_copied_lock()  # nothing of the copy open: a copied lock
    assert instance.lock.isLocked() and held.isLocked()  # each folder's lock its own
    instance.release()
    held.unlock()
