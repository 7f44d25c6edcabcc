"""Learn: plain-words reading about ankle pain and when to get care."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..spec import ScreenSpec

if TYPE_CHECKING:
    from ..spec import Host


def build(host: Host) -> Any:
    """The Learn page (static text)."""
    from .page import LearnPage

    page = LearnPage()
    page.homeRequested.connect(host.go_home)
    return page


SPEC = ScreenSpec("learn", "&Learn about ankle pain", "Ctrl+5", build, object_name="learnAction")
