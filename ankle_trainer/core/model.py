"""Exercises, dosages, steps and routines as plain immutable data.

NamedTuples rather than dataclasses: the routine model is built before the
first window is painted, and a dataclass costs several times as much to
define (see benchmarks/startup.py).
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Sides(StrEnum):
    """How a step is done: both legs together, or each leg in turn."""

    BOTH = "both"
    EACH = "each"


class Side(StrEnum):
    """Which leg one set is done on."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"


class DoseKind(StrEnum):
    REPS = "reps"  # sets x reps, paced by a tempo
    HOLD = "hold"  # sets x a timed hold
    DURATION = "duration"  # one block of time (warm-up, stretch, ice)


class Exercise(NamedTuple):
    id: str
    name: str
    cue: str
    steps: tuple[str, ...] = ()  # how to do it, 3-5 steps
    mistake: str = ""  # one common mistake
    feel: str = ""  # what it should feel like
    illustration: str = ""  # a file in resources/illustrations, without .svg
    ask_pain: bool = False  # ask for pain during after each set


class Tempo(NamedTuple):
    """Seconds for each part of one repetition."""

    up: float = 1.0
    hold: float = 0.0
    down: float = 2.0

    @property
    def seconds_per_rep(self) -> float:
        return self.up + self.hold + self.down

    def label(self) -> str:
        def num(x: float) -> str:
            return f"{x:g}"

        return f"{num(self.up)} s up, {num(self.hold)} s hold, {num(self.down)} s down"


class Step(NamedTuple):
    exercise: Exercise
    kind: DoseKind
    sets: int = 1
    reps: int | None = None
    seconds: float | None = None  # hold length (HOLD) or block length (DURATION)
    tempo: Tempo | None = None
    sides: Sides = Sides.BOTH
    rest_between_sets: float | None = None  # None: the user's default rest setting
    rest_after: float = 0.0

    @property
    def seconds_per_set(self) -> float:
        """How long one set on one side takes."""
        if self.kind is DoseKind.REPS:
            assert self.reps is not None and self.tempo is not None
            return self.reps * self.tempo.seconds_per_rep
        assert self.seconds is not None
        return self.seconds

    def dose_label(self) -> str:
        """A short human description: '3 x 15 reps, each side'."""
        if self.kind is DoseKind.REPS:
            text = f"{self.sets} x {self.reps} reps"
        elif self.kind is DoseKind.HOLD:
            text = f"{self.sets} x {self.seconds:g} s hold"
        else:
            text = _duration_label(self.seconds or 0)
        if self.sides is Sides.EACH:
            text += ", each side"
        return text


def _duration_label(seconds: float) -> str:
    seconds = round(seconds)
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    if seconds > 60:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds} s"


class Routine(NamedTuple):
    id: str
    name: str
    description: str
    steps: tuple[Step, ...]
    sources: tuple[str, ...] = ()
    sessions_per_week: int | None = None
    sessions_per_day: int = 1
    builtin: bool = False
    origin: str = ""  # where it was read from, for messages

    def exercise_names(self) -> list[str]:
        """Distinct exercise names in order of first appearance."""
        seen: dict[str, None] = {}
        for step in self.steps:
            seen.setdefault(step.exercise.name, None)
        return list(seen)
