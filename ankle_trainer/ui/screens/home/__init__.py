"""Home: the routines, this week's count, recent sessions, the way in to the rest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..spec import ScreenSpec

if TYPE_CHECKING:
    from ..spec import Host


def build(host: Host) -> Any:
    """The home screen (built before the first paint)."""
    from .page import HomeScreen

    return HomeScreen(host)


SPEC = ScreenSpec("home", "&Home", "Ctrl+1", build, object_name="homeAction")
