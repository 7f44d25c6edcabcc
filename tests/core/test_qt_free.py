"""The domain and storage layers must not load Qt (ENGINEERING.md)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import ankle_trainer.core
import ankle_trainer.storage


def test_core_and_storage_import_no_qt() -> None:
    modules = [
        m.name
        for pkg in (ankle_trainer.core, ankle_trainer.storage)
        for m in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + ".")
    ]
    assert "ankle_trainer.core.engine" in modules and "ankle_trainer.storage.history" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "from ankle_trainer.core.library import builtin_routines; builtin_routines()\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph', 'numpy'))\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_version_and_routines_load_no_qt() -> None:
    code = (
        "import sys\n"
        "from ankle_trainer.cli import main\n"
        "main(['routines'])\n"
        "print(any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("False")
