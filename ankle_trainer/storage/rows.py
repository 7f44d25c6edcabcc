"""The history's row types that the first screen does not read: sets,
progression suggestions and heel-rise tests (sessions are in
``storage.history``, which the home screen reads).

Apart from ``storage.history`` so that a start builds them only when they
are first read: each NamedTuple costs about 0.8 million instructions to
define (README, Start-up speed).
"""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple compiles every field given as a string.

from datetime import datetime
from typing import NamedTuple


class SetRow(NamedTuple):
    """One set as stored: its key in the session (seq), step, exercise, set number,
    side, status, target and actual reps or seconds, pain during (0-10 or None), end time.
    """

    session_id: str
    seq: int
    exercise_id: str
    exercise_name: str
    side: str
    set_number: int
    target_reps: int | None
    actual_reps: int | None
    target_seconds: float | None
    actual_seconds: float | None
    status: str
    completed_at: datetime
    pain_during: int | None = None


class RecommendationRow(NamedTuple):
    """A stored progression suggestion: id, routine, when made (aware), advice
    (a core.progression.Advice value), reason, levels from and to (0-based) and the
    answer (accepted, declined, or None while unanswered).
    """

    id: int
    routine_id: str
    routine_name: str
    made_at: datetime
    advice: str  # progress, hold, back_off, see_professional
    reason: str
    from_level: int
    to_level: int
    decision: str | None  # accepted, declined, or None while unanswered
    utc_offset_minutes: int | None = None  # where it was made; None: not recorded (older rows)

    @property
    def local_made_at(self) -> datetime:
        """When it was made, as wall time where it was made (the computer's
        zone for older rows, which did not record their offset)."""
        return _local(self.made_at, self.utc_offset_minutes)


class HeelRiseRow(NamedTuple):
    """A stored heel-rise test: when, rises on the left and right, the beat in
    seconds, and age and sex when given (None when not).
    """

    id: int
    tested_at: datetime
    left_reps: int
    right_reps: int
    beat_seconds: float
    age: int | None
    sex: str | None
    on_incline: bool | None = None  # on the studied 10-degree incline; None: not asked
    utc_offset_minutes: int | None = None  # where it was taken; None: not recorded (older rows)

    @property
    def local_tested_at(self) -> datetime:
        """When it was taken, as wall time where it was taken (the computer's
        zone for older rows, which did not record their offset)."""
        return _local(self.tested_at, self.utc_offset_minutes)


def _local(moment: datetime, offset_minutes: int | None) -> datetime:
    from ..core.times import session_local

    return moment.astimezone() if offset_minutes is None else session_local(moment, offset_minutes)
