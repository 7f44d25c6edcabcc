"""A session's outcome, as stored in history (the history reads it before
the first paint). Sets' outcomes are in :mod:`core.set_status`: each enum
type costs about half a million instructions of a start (README, Start-up
speed)."""

from __future__ import annotations

from enum import StrEnum


class SessionStatus(StrEnum):
    """A session's state in history: in progress, completed, stopped early, or
    interrupted (the app closed or crashed mid-session).
    """

    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"
