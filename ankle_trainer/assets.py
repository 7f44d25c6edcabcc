"""The one way to reach files under ``resources/``.

The folder is shipped inside the wheel as the package ``ankle_trainer.resources``
(see pyproject.toml), so ``importlib.resources`` finds it the same way from a
wheel install, an editable install and a PyInstaller build (which collects it
as package data).
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

_PACKAGE = "ankle_trainer.resources"


def asset(*parts: str) -> Traversable:
    """A resource by its path below ``resources/``, e.g. ``asset("routines")``."""
    node = files(_PACKAGE)
    for part in parts:
        if part in ("", ".", "..") or "/" in part or "\\" in part:
            raise ValueError(f"not a plain resource name: {part!r}")
        node = node / part
    return node
