"""Lint everywhere, strict typing for the Qt-free layers (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "ankle_trainer", "tests", "benchmarks", "packaging", "tools"],
        cwd=REPO, capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_core_and_storage_pass_strict_mypy() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Success" in out.stdout


def _raw_os_errors(source: str) -> list[int]:
    """Lines where an ``except OSError as exc`` (or a tuple with OSError) puts
    ``{exc}`` itself in an f-string: Python's "[Errno 28] No space left on
    device" on screen, where ``exc.strerror`` says "No space left on device"."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ExceptHandler) or node.name is None or node.type is None:
            continue
        names = [n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)]
        if "OSError" not in names:
            continue
        for inner in node.body:
            for part in ast.walk(inner):
                if isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name) \
                        and part.value.id == node.name:
                    found.append(part.lineno)
    return found


def test_no_message_shows_pythons_errno_words() -> None:
    """Sixth re-test: "Your settings could not be saved to … ([Errno 28] No space
    left on device)". Every message about an OSError says its plain words."""
    root = Path(__file__).resolve().parents[1] / "ankle_trainer"
    raw = [f"{path.relative_to(root)}:{line}" for path in sorted(root.rglob("*.py"))
           for line in _raw_os_errors(path.read_text(encoding="utf-8"))]
    assert raw == []
    assert _raw_os_errors("try:\n    pass\nexcept OSError as exc:\n    print(f'bad ({exc})')\n") == [4]
    assert _raw_os_errors("try:\n    pass\nexcept OSError as exc:\n    print(f'({exc.strerror or exc})')\n") == []


def test_routine_names_inside_a_sentence_are_quoted() -> None:
    """Seventh re-test: "Delete the After a sprain, phase 2: loading session of
    …" and "This week, After a sprain, phase 2: loading: 0 sessions of 3." read
    as a jumble: names hold commas and colons. Inside a sentence shown in the
    window a routine's name stands in “quotes” (a heading that ends with it, a
    list of names, a name on its own, need none)."""
    import re

    inside = re.compile(r"(?<!“)\{[\w.]*(?:routine_name|routine\.name|r\.name)\}[ ,:'\w]")
    root = Path(__file__).resolve().parents[1] / "ankle_trainer"
    found = [f"{path.relative_to(root)}:{n}: {line.strip()}"
             for folder in ("ui", "app") for path in sorted((root / folder).rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if inside.search(line)]
    assert found == []
    assert inside.search('f"This week, {routine_name}: 2 sessions"') and not inside.search('f"“{routine.name}” is"')


# -- lists Qt makes of its own widgets are used with the cycle collector held ----------
QT_WIDGET_LISTS = {"allWidgets", "topLevelWidgets", "allWindows", "topLevelWindows"}


def _unheld_widget_lists(source: str) -> list[int]:
    """Lines calling one of Qt's whole-application widget lists outside a
    ``with cycle_collector_held():`` block (a collection half way through such
    a list crashed a CI run: ui/widgets.cycle_collector_held says how)."""
    import ast

    tree = ast.parse(source)
    held: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.With) and any(
            isinstance(item.context_expr, ast.Call)
            and getattr(item.context_expr.func, "id", getattr(item.context_expr.func, "attr", ""))
            == "cycle_collector_held"
            for item in node.items
        ):
            held.update(id(inner) for inner in ast.walk(node))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in QT_WIDGET_LISTS and id(node) not in held]


def test_every_whole_application_widget_list_is_used_with_the_collector_held() -> None:
    found = [f"{path.relative_to(REPO)}:{line}"
             for folder in ("ankle_trainer", "tests", "tools", "benchmarks")
             for path in sorted((REPO / folder).rglob("*.py"))
             for line in _unheld_widget_lists(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_widget_list_scan_would_catch_an_unheld_list() -> None:
    unheld = "for w in app.allWidgets():\n    w.update()\n"
    held = "with cycle_collector_held():\n    for w in app.topLevelWidgets():\n        w.close()\n"
    assert _unheld_widget_lists(unheld) == [1]
    assert _unheld_widget_lists(held) == []


def test_the_collector_is_held_inside_and_given_back_as_it_was() -> None:
    import gc

    from ankle_trainer.ui.widgets import cycle_collector_held

    assert gc.isenabled()
    try:
        with cycle_collector_held():
            assert not gc.isenabled()
            raise LookupError
    except LookupError:
        pass
    assert gc.isenabled()  # back on, even after an error inside
    gc.disable()
    try:
        with cycle_collector_held():
            assert not gc.isenabled()
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
