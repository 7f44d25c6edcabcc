"""Start-up speed (issue 10): PySide6's import hook is told, before the
first screen's imports, what it would otherwise read each module's source
to find out (ankle_trainer/qt_import.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ankle_trainer.qt_import import FIRST_SCREEN


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_the_answers_written_are_the_hooks_own() -> None:
    """Every name spare() writes gets the value the hook itself would give it."""
    out = _run(
        "import importlib, sys\n"
        "from ankle_trainer import cli, qt_import\n"
        "cli._import_before_qt()\n"
        "import PySide6.QtCore\n"
        "feature = sys.modules['PySide6.support.feature']\n"
        "table = feature.pyside_feature_dict\n"
        "before = set(table)\n"
        "qt_import.spare(table)\n"
        "written = {k: v for k, v in table.items() if k not in before}\n"
        "for name in qt_import.FIRST_SCREEN:\n"
        "    importlib.import_module(name)\n"
        "wrong = {k: v for k, v in written.items() if k in sys.modules\n"
        "         and v != (0 if feature._mod_uses_pyside(sys.modules[k]) else -1)}\n"
        "print(len(written), sorted(written.values()).count(0), wrong)\n"
    )
    count, using_qt, wrong = out.split(maxsplit=2)
    assert wrong.strip() == "{}"
    assert int(count) > 100 and int(using_qt) >= len(FIRST_SCREEN)


def test_a_start_leaves_none_of_the_apps_modules_for_the_hook_to_read(tmp_path: Path) -> None:
    """FIRST_SCREEN and cli._import_before_qt cover every module of the app
    the first screen imports: the hook reads none of their sources. (The
    first start also makes the history, and the second saves the window's
    place as it quits: each loads a module more, neither before the paint.)"""
    for _ in range(2):
        _run(f"from ankle_trainer import cli; cli.main(['--data-dir', {str(tmp_path)!r}, '--quit-after-startup'])")
    out = _run(
        "import sys\n"
        "from ankle_trainer import cli, qt_import\n"
        "read = []\n"
        "real = qt_import.import_qt\n"
        "def watched():\n"
        "    real()\n"
        "    feature = sys.modules['PySide6.support.feature']\n"
        "    plain = feature._mod_uses_pyside\n"
        "    feature._mod_uses_pyside = lambda m: read.append(m.__name__) or plain(m)\n"
        "qt_import.import_qt = watched\n"
        f"assert cli.main(['--data-dir', {str(tmp_path)!r}, '--quit-after-startup']) == 0\n"
        "print(' '.join(read))\n"
    )
    read = out.split()
    assert [name for name in read if name.startswith("ankle_trainer")] == []
    assert all(name.startswith(("PySide6", "shiboken")) for name in read), read


def test_without_the_hooks_table_nothing_is_written() -> None:
    """Another PySide6 without the table: the hook does its own reading."""
    out = _run(
        "import sys, types\n"
        "import PySide6.QtCore\n"
        "from ankle_trainer import qt_import\n"
        "table = sys.modules['PySide6.support.feature'].pyside_feature_dict\n"
        "before = dict(table)\n"
        "sys.modules['PySide6.support.feature'] = types.ModuleType('feature')\n"
        "qt_import.import_qt()\n"
        "print(table == before)\n"
    )
    assert out.strip() == "True"
