"""Startup with bad data: a clear message and nothing lost."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from ankle_trainer.storage.db import APPLICATION_ID
from ankle_trainer.ui import app as app_module
from ankle_trainer.ui.app import build_window


def test_newer_database_shows_a_message_and_is_not_touched(qtbot, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE keep (x)")
    conn.execute("PRAGMA user_version = 42")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a newer version of ours
    conn.commit()
    conn.close()
    before = hashlib.sha256(db.read_bytes()).digest()
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a))
    code = app_module.run_gui(data_dir=str(tmp_path))
    assert code == 2
    [(parent, title, message)] = shown
    assert "cannot start" in title
    assert "newer version" in message and "Please update" in message
    assert hashlib.sha256(db.read_bytes()).digest() == before


def test_newer_database_from_the_command_line_exits_2_with_the_message(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 42")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a newer version of ours
    conn.commit()
    conn.close()
    out = subprocess.run(
        [sys.executable, "-m", "ankle_trainer", "--data-dir", str(tmp_path), "--quit-after-startup"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 2
    assert "newer version of Ankle Trainer" in out.stderr


def test_corrupt_database_is_kept_aside_and_the_window_says_so(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    db.write_bytes(b"garbage" * 500)
    window = build_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    [message] = window.notice.messages()
    assert window.notice.isVisible()
    assert "could not be read" in message and "Nothing was deleted" in message
    [kept] = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert kept.read_bytes() == b"garbage" * 500
    assert kept.name in message
    assert window.context.history.count_sessions() == 0
    window.close()
    window.context.history.close()


def test_unusable_data_folder_gives_a_clear_message(qtbot, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file, not a folder")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    assert app_module.run_gui(data_dir=str(blocker / "data")) == 2
    assert "cannot use the data folder" in shown[0] and "--data-dir" in shown[0]
    assert blocker.read_text() == "I am a file, not a folder"


def test_quit_after_startup_paints_and_exits_0(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ankle_trainer", "--data-dir", str(tmp_path), "--quit-after-startup"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "history.sqlite3").exists()


def _no_display_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return env


def test_without_a_display_the_app_says_so_and_still_starts(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ankle_trainer", "--data-dir", str(tmp_path), "--quit-after-startup"],
        capture_output=True, text=True, timeout=60, env=_no_display_env(),
    )
    assert out.returncode == 0, out.stderr
    assert "No display found" in out.stderr and "desktop session" in out.stderr


def test_ctrl_c_in_the_terminal_quits_cleanly(tmp_path: Path) -> None:
    import signal

    child = subprocess.Popen(
        [sys.executable, "-m", "ankle_trainer", "--data-dir", str(tmp_path)],
        stderr=subprocess.PIPE, text=True, env=_no_display_env(),
    )
    try:
        assert child.stderr is not None
        assert "Press Ctrl+C to quit" in child.stderr.readline()  # handler is in place
        child.send_signal(signal.SIGINT)
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert (tmp_path / "history.sqlite3").exists()


def test_a_broken_settings_file_is_kept_aside_and_the_window_says_so_once(qtbot, tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"theme": "chartreuse", "sound_volume": 50}')
    window = build_window(tmp_path)
    qtbot.addWidget(window)
    [message] = window.notice.messages()
    assert "theme must be one of system, light, dark" in message and "Defaults are used" in message
    assert window.context.settings.sound_volume == 50 and window.context.settings.theme == "system"
    [kept] = [p for p in tmp_path.iterdir() if p.name.startswith("settings.json.bad-")]
    assert "chartreuse" in kept.read_text()
    window.close()
    window.context.history.close()
    again = build_window(tmp_path)  # the good settings were saved on close: no message now
    qtbot.addWidget(again)
    assert again.notice.messages() == []
    again.close()
    again.context.history.close()


def test_what_waits_for_the_first_paint_is_not_loaded_before_it(tmp_path: Path) -> None:
    """Start-up speed (issue 10): the modules of what the window does after its
    first paint (triage rules, sessions, menus, sync, the style, charts) stay
    out of the start; the routine files' conditions come without the triage rules,
    the routines' minutes without the session's timeline (core.plan), and the
    history without its later row types."""
    code = (
        "import sys\n"
        "from ankle_trainer.cli import main\n"
        f"assert main(['--data-dir', {str(tmp_path)!r}, '--quit-after-startup']) == 0\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('ankle_trainer', 'pyqtgraph', 'numpy')))))\n"
    )
    runs = [  # a first start (it writes the routine cache) and the next
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    loaded = set(runs[1].stdout.split())
    assert {"ankle_trainer.core.conditions", "ankle_trainer.core.timing",
            "ankle_trainer.ui.screens.home.page"} <= loaded
    later = {
        "ankle_trainer.core.triage", "ankle_trainer.app.triage", "ankle_trainer.app.session",
        "ankle_trainer.core.engine", "ankle_trainer.ui.shell.menus", "ankle_trainer.ui.shell.sync",
        "ankle_trainer.app.sync", "ankle_trainer.ui.theme", "ankle_trainer.ui.charts",
        "pyqtgraph", "numpy", "ankle_trainer.core.plan", "ankle_trainer.core.set_status",
        "ankle_trainer.storage.rows", "ankle_trainer.storage.recover",
    }
    assert loaded & later == set()
    assert set(runs[0].stdout.split()) & later == set()


def test_the_first_paint_leaves_the_change_capturing_triggers_for_after_it(
        qtbot, tmp_path: Path, monkeypatch) -> None:
    """Issue 10: home's first paint reads the history without the triggers
    (about 3 ms); the step after the paint adds them, before the menus and
    banners that can write."""
    window = build_window(tmp_path)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    history = window.context.history

    def triggers() -> int:  # the raw connection: history.conn would add them
        return int(history._conn.execute(
            "SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger'").fetchone()[0])

    assert triggers() == 0
    assert window.home.empty_recent.isVisibleTo(window.home)  # home is filled all the same
    assert window.home.week.text().startswith("This week")
    called = []
    window.finish_startup = lambda: called.append(triggers())  # type: ignore[method-assign]
    monkeypatch.setattr("ankle_trainer.ui.screens.progress.prepare", lambda _window: None)  # no charts here
    instance = app_module.SingleInstance(tmp_path)
    assert instance.acquire()
    try:
        app_module._after_first_paint(app_module.QApplication.instance(), window, instance, False)
    finally:
        instance.release()
    assert called == [29]  # in place before the rest of the start-up
    history.close()


#: PySide6's Python enum types made by the time the window is first painted
#: (78 with the locked PySide6): each Qt class the first screen uses brings its
#: own, about 0.3 ms each on this project's machine (README, Start-up speed).
FIRST_PAINT_ENUM_TYPES = 80


def test_the_first_paint_makes_few_qt_enum_types(tmp_path: Path) -> None:
    """Start-up speed (issue 10), measured as a count that does not move with
    the machine's load: a change that hands Python a widget Qt made (a scroll
    area's own viewport) makes PySide6 build the enum types of every widget
    class, some 60 more (about 50 million instructions); the home screen's
    routine words did so in the sixth re-test round's fix."""
    code = (
        "import enum, sys\n"
        "from ankle_trainer.cli import main\n"
        f"assert main(['--data-dir', {str(tmp_path)!r}, '--quit-after-startup']) == 0\n"
        "seen, todo = set(), [enum.Enum]\n"
        "while todo:\n"
        "    for sub in todo.pop().__subclasses__():\n"
        "        if sub not in seen:\n"
        "            seen.add(sub)\n"
        "            todo.append(sub)\n"
        "print(sum(1 for c in seen if c.__module__.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    made = int(out.stdout.split()[-1])
    assert 40 < made <= FIRST_PAINT_ENUM_TYPES, made
