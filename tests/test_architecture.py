"""The house rules that keep the layers apart, checked on the source."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import ankle_trainer.app
import ankle_trainer.core
import ankle_trainer.storage

PACKAGE = Path(ankle_trainer.core.__file__).resolve().parents[1]


def _ui_sources() -> list[Path]:
    files = sorted((PACKAGE / "ui").rglob("*.py"))
    assert len(files) > 20  # the screens' folders are found
    return files


def _database_reach(source: str) -> list[str]:
    """Where ``source`` imports sqlite3 or touches a connection attribute."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "sqlite3" for a in node.names):
            found.append(f"{node.lineno}: imports sqlite3")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlite3":
            found.append(f"{node.lineno}: imports from sqlite3")
        elif isinstance(node, ast.Attribute) and node.attr in ("conn", "connection"):
            found.append(f"{node.lineno}: uses .{node.attr}")
    return found


def test_no_ui_module_imports_sqlite3_or_reaches_for_a_connection() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): found
        for path in _ui_sources()
        if (found := _database_reach(path.read_text("utf-8")))
    }
    assert offenders == {}


def test_the_checker_would_catch_a_ui_module_that_reaches_the_database() -> None:
    bad = "import sqlite3\nfrom sqlite3 import Error\nrows = repo.conn.execute('x')\n"
    assert _database_reach(bad) == ["1: imports sqlite3", "2: imports from sqlite3", "3: uses .conn"]


def test_the_main_window_stays_thin() -> None:
    lines = (PACKAGE / "ui" / "shell" / "window.py").read_text("utf-8").count("\n")
    assert lines < 300


def test_every_screen_folder_is_declared_once_with_its_own_shortcut() -> None:
    from ankle_trainer.ui.dialogs import DIALOGS
    from ankle_trainer.ui.screens import SCREENS

    folders = {p.parent.name for p in (PACKAGE / "ui" / "screens").glob("*/__init__.py")}
    declared = [s.key for s in SCREENS]
    assert sorted(declared) == sorted(folders - {"session"})  # the session is started, not opened
    keys = [s.shortcut for s in SCREENS + DIALOGS if s.shortcut]
    assert len(keys) == len(set(keys))
    assert all(s.object_name for s in SCREENS)


def _public_names(package) -> list[tuple[str, object]]:  # type: ignore[no-untyped-def]
    names = []
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(info.name)
        names.append((info.name, module))
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            names.append((f"{module.__name__}.{name}", obj))
            if inspect.isclass(obj):
                for member_name, member in vars(obj).items():
                    if member_name.startswith("_"):
                        continue
                    target = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
                    if inspect.isfunction(target):
                        names.append((f"{module.__name__}.{name}.{member_name}", target))
    return names


def _has_own_docstring(obj: object) -> bool:
    doc = (getattr(obj, "__doc__", None) or "").strip()
    if inspect.isclass(obj):  # NamedTuple and Enum write a docstring of their own
        return bool(doc) and not doc.startswith(obj.__name__ + "(") and doc != "An enumeration."
    return bool(doc)


def test_every_public_core_storage_and_app_name_has_a_docstring() -> None:
    names = [
        pair for pkg in (ankle_trainer.core, ankle_trainer.storage, ankle_trainer.app)
        for pair in _public_names(pkg)
    ]
    assert len(names) > 250  # modules, classes, functions and methods are all looked at
    missing = [qualname for qualname, obj in names if not _has_own_docstring(obj)]
    assert missing == []


def test_the_docstring_check_sees_a_bare_named_tuple() -> None:
    from typing import NamedTuple

    class Bare(NamedTuple):
        x: int

    class Told(NamedTuple):
        """A point."""

        x: int

    assert not _has_own_docstring(Bare) and _has_own_docstring(Told)
