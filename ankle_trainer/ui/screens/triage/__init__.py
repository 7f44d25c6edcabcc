"""Triage: "where does it hurt?", then the programmes that fit. Shown after
the first-run welcome (skippable) and on demand from the home screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..spec import ScreenSpec

if TYPE_CHECKING:
    from ..spec import Host


def build(host: Host) -> Any:
    """The triage screen (see page.TriageScreen)."""
    from .page import TriageScreen

    return TriageScreen(host)


SPEC = ScreenSpec("triage", "&Where does it hurt?", "Ctrl+6", build, object_name="triageAction")
