"""Importing PySide6 for the window, with its import hook spared the reading.

Once PySide6 is imported, its support for ``from __feature__ import ...``
(``PySide6.support.feature``) stands in for ``builtins.__import__``. After
every import statement it looks the imported module's name up in its table
``pyside_feature_dict``, and the first time it meets a name it reads that
module's whole source (``inspect.getsource``) to see whether it mentions
"PySide6": 0 if so (the module takes part in feature switching), -1 if not
(ignored). That happens for every module a module imports after PySide6,
including those loaded before it (``typing``, ``pathlib``, the app's own
Qt-free modules): some 45 reads by the first paint, about 6 ms.

:func:`import_qt` imports PySide6 and writes the same answers into the table
first, without the reading, for the names the first screen imports after it:
the standard library's modules (which never mention PySide6: -1), the app's
modules already loaded and the first screen's Qt modules
(:data:`FIRST_SCREEN`), each from a plain search of its file. Only names the
hook has not decided yet are written, so nothing it decided changes, and the
values are its own (tests/test_qt_import.py compares them with the hook's).
Without the table (another PySide6), the hook does all the reading, as before.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: The app's Qt modules that the first screen imports after PySide6 (the
#: window, the home screen and what they import; its Qt-free ones are loaded
#: before PySide6, see cli._import_before_qt). tests/test_qt_import.py checks
#: that a start leaves none of the app's modules for the hook to read.
FIRST_SCREEN = (
    "ankle_trainer.ui.app",
    "ankle_trainer.ui.single_instance",
    "ankle_trainer.ui.widgets",
    "ankle_trainer.ui.shell",
    "ankle_trainer.ui.shell.window",
    "ankle_trainer.ui.shell.asker",
    "ankle_trainer.ui.shell.banners",
    "ankle_trainer.ui.shell.focus",
    "ankle_trainer.ui.shell.stack",
    "ankle_trainer.ui.screens.spec",
    "ankle_trainer.ui.screens.home.page",
)

_PACKAGE = Path(__file__).parent


def import_qt() -> None:
    """Import PySide6's QtCore and fill in its import hook's table (see the
    module's docstring)."""
    import PySide6.QtCore  # noqa: F401  (installs the hook)

    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if isinstance(table, dict):
        spare(table)


def spare(table: dict[str, int]) -> None:
    """Write the hook's answer into ``table`` for the modules loaded so far
    from the standard library and this app, and for :data:`FIRST_SCREEN`."""
    stdlib = sys.stdlib_module_names
    for name, module in list(sys.modules.items()):
        if name in table:
            continue
        if name.partition(".")[0] in stdlib:
            table[name] = -1
        elif name == "ankle_trainer" or name.startswith("ankle_trainer."):
            _decide(table, name, getattr(module, "__file__", None))
    for name in FIRST_SCREEN:
        if name not in table:
            _decide(table, name, _source_of(name))


def _source_of(name: str) -> str:
    """The source file of this app's module ``name`` (not imported yet)."""
    path = _PACKAGE.joinpath(*name.split(".")[1:])
    return str(path / "__init__.py") if path.is_dir() else f"{path}.py"


def _decide(table: dict[str, int], name: str, file: str | None) -> None:
    """The hook's answer for one module: whether its source names PySide6.
    Left to the hook when the source is not a plain file."""
    if not file or not file.endswith(".py"):
        return
    try:
        with open(file, "rb") as source:
            table[name] = 0 if b"PySide6" in source.read() else -1
    except OSError:
        return
