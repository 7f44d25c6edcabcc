"""What kind of data changed, and who wants to know.

After every write the app layer tells the notifier what changed (Anki's
"operation did execute" idea); each screen subscribes to the kinds it shows,
marks itself out of date and reloads when next shown. The window keeps no
stale flags.
"""

from __future__ import annotations

import enum
from collections.abc import Callable


class Change(enum.Flag):
    """Kinds of data that can change; combine with ``|``."""

    NONE = 0
    SESSIONS = enum.auto()  #: a session was written, edited, deleted, restored or imported
    LEVELS = enum.auto()  #: a routine's level changed (a suggestion was accepted)
    ROUTINES = enum.auto()  #: the runner's own routines were saved, imported or deleted
    SETTINGS = enum.auto()  #: any setting (targets, first day of the week, timings, theme)
    SAFETY = enum.auto()  #: a red-flag check was answered
    RECOMMENDATIONS = enum.auto()  #: a suggestion was made or answered
    HEEL_RISE = enum.auto()  #: a heel-rise test was saved
    TRIAGE = enum.auto()  #: the "where does it hurt" answers were given or changed
    RM_LOADS = enum.auto()  #: a repetition-maximum load was recorded


Listener = Callable[[Change], None]


class ChangeNotifier:
    """Calls every subscriber with the kinds of data that changed.

    Plain Python (no Qt), so screens and tests subscribe with any callable.
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener(change)`` after every change; returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def did_change(self, change: Change) -> None:
        """Tell every subscriber that ``change`` happened (nothing when it is NONE)."""
        if not change:
            return
        for listener in list(self._listeners):
            listener(change)
