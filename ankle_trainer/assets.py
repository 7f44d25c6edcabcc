"""The one way to reach files under ``resources/``.

The folder is shipped inside the wheel as the package ``ankle_trainer.resources``
(see pyproject.toml), so ``importlib.resources`` finds it the same way from a
wheel install, an editable install and a PyInstaller build (which collects it
as package data).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_PACKAGE = "ankle_trainer.resources"


@cache
def _root() -> Traversable:
    # The package is a folder on disk in every way the app is installed (wheel,
    # editable, PyInstaller): its path comes straight from the import system,
    # which spares start-up importlib.resources (it loads tempfile and shutil,
    # about 5 ms). Anything else (a zip) goes through importlib.resources.
    from importlib.util import find_spec

    spec = find_spec(_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if len(locations) == 1 and Path(locations[0]).is_dir():
        return Path(locations[0])
    from importlib.resources import files

    return files(_PACKAGE)


def asset(*parts: str) -> Traversable:
    """A resource by its path below ``resources/``, e.g. ``asset("routines")``.

    Returns a Traversable (a Path when installed as files); ValueError for a
    part that is not a plain name."""
    node = _root()
    for part in parts:
        if part in ("", ".", "..") or "/" in part or "\\" in part:
            raise ValueError(f"not a plain resource name: {part!r}")
        node = node / part
    return node
