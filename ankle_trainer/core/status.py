"""Outcomes of sets and sessions, as stored in history."""

from __future__ import annotations

from enum import StrEnum


class SetStatus(StrEnum):
    """How a set ended: completed, or skipped by the runner."""

    COMPLETED = "completed"
    SKIPPED = "skipped"


class SessionStatus(StrEnum):
    """A session's state in history: in progress, completed, stopped early, or
    interrupted (the app closed or crashed mid-session).
    """

    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"
