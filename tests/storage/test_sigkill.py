"""Kill the real app with SIGKILL mid-session; nothing finished may be lost.

The child is the real main window on a fake clock (so the test does not wait
on real time), with the real event loop running when it is killed.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = r"""
import sys
from pathlib import Path
from datetime import datetime, timezone
from ankle_trainer.core.clock import FakeClock
from ankle_trainer.ui.app import build_window, ensure_app

app = ensure_app()
clock = FakeClock(datetime(2026, 4, 1, 6, 0, tzinfo=timezone.utc))
window = build_window(Path(sys.argv[1]), clock)
window.show()
window.home.select_routine("heel-drops")
window.home.start_button.click()
window.flow.safety_check.continue_button.click()  # no red flags
window.flow.pain_check.scale.setValue(4)
window.flow.pain_check.start_button.click()
engine = window.controller.engine
# Finish four sets (each 15 reps x 4 s = 60 s, 60 s rests), then part of a fifth.
while len(engine.results) < 4:
    clock.advance(1.0)
    window.flow.session_screen.on_timer()
clock.advance(62.0)
window.flow.session_screen.on_timer()
print("READY", len(engine.results), flush=True)
app.exec()
"""


@pytest.mark.slow
def test_sets_survive_sigkill_and_the_session_is_marked_interrupted(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.split() == ["READY", "4"], child.stderr.read() if child.stderr else line
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    db = data / "history.sqlite3"
    raw = sqlite3.connect(db)  # before the app starts again: still marked running
    assert raw.execute("SELECT status FROM session").fetchall() == [("in_progress",)]
    raw.close()

    # The next start of the real app marks it interrupted and keeps every set.
    again = subprocess.run(
        [sys.executable, "-m", "ankle_trainer", "--data-dir", str(data), "--quit-after-startup"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    conn = sqlite3.connect(db)
    status, pain, ended, started = conn.execute(
        "SELECT status, pain_before, ended_at, started_at FROM session"
    ).fetchone()
    assert (status, pain) == ("interrupted", 4)
    sets = conn.execute(
        "SELECT exercise_id, set_number, actual_reps, status FROM session_set ORDER BY seq"
    ).fetchall()
    assert sets == [
        ("heel-drop-straight", 1, 15, "completed"),
        ("heel-drop-straight", 2, 15, "completed"),
        ("heel-drop-straight", 3, 15, "completed"),
        ("heel-drop-bent", 1, 15, "completed"),
    ]
    last_set = conn.execute("SELECT max(completed_at) FROM session_set").fetchone()[0]
    assert ended == last_set and ended > started
    conn.close()
