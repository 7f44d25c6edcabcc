"""One folder per screen; each folder's ``__init__`` declares its ``SPEC``.

The View menu lists the screens in this order (a new screen: one folder,
one line here).
"""

from __future__ import annotations

from . import heel_rise, history, home, learn, progress, triage
from .spec import ScreenSpec

SCREENS: tuple[ScreenSpec, ...] = (
    home.SPEC,
    history.SPEC,
    progress.SPEC,
    heel_rise.SPEC,
    learn.SPEC,
    triage.SPEC,
)
