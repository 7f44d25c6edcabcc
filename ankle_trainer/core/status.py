"""Outcomes of sets and sessions, as stored in history."""

from __future__ import annotations

from enum import StrEnum


class SetStatus(StrEnum):
    COMPLETED = "completed"
    SKIPPED = "skipped"


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"
