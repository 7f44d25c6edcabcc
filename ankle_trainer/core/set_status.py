"""Outcomes of sets, as stored in history and in the runner's words (the
session's own is :class:`core.status.SessionStatus`)."""

from __future__ import annotations

from enum import StrEnum


class SetStatus(StrEnum):
    """How a set ended: completed, or skipped by the runner."""

    COMPLETED = "completed"
    SKIPPED = "skipped"


class SetOutcome(StrEnum):
    """How a set ended in the runner's words: done in full, stopped part-way
    (skipped with some reps or seconds done, which count as work), or skipped
    before any of it was done. The one rule for these words on the session
    screen, its summary and the history's set list."""

    DONE = "done"
    PART_WAY = "stopped part-way"
    SKIPPED = "skipped"

    @classmethod
    def of(cls, status: SetStatus | str, reps: int | None, seconds: float | None) -> SetOutcome:
        """The outcome of a set stored with ``status`` and ``reps`` (a rep set)
        or ``seconds`` (a timed one) done; None counts as nothing done. A
        skipped timed set is part-way only with at least a whole second to
        show (over 0.5 s, as :func:`core.text.whole_seconds` rounds): Skip
        pressed in a set's first moment showed "0 s" and was counted as
        stopped part-way (twentieth re-test). storage.db.PART_WAY is the
        same rule in SQL."""
        if SetStatus(status) is SetStatus.COMPLETED:
            return cls.DONE
        return cls.PART_WAY if (reps or 0) > 0 or (seconds or 0) > 0.5 else cls.SKIPPED
