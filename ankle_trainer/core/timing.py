"""How long a routine takes: the session timings that are preferences, and
the planned length the home screen, the editor and the command line show.

Apart from :mod:`core.plan` (the timeline the engine walks, which imports
these) because the home screen asks every routine's length before its first
paint, and the timeline's types (``Segment``, ``Phase``) cost about 1.3
million instructions to define (README, Start-up speed).
"""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple compiles every field given as a string, at each start-up.

import math
from typing import NamedTuple

from .model import Routine, Sides


class TimingSettings(NamedTuple):
    """Session timings that are preferences rather than routine content."""

    get_ready_seconds: float = 10.0
    switch_side_seconds: float = 5.0
    default_rest_seconds: float = 30.0  # between sets, where a routine gives none


#: Seconds of rest after a session's last set when its exercise asks pain
#: during it: the rest after every other set is where its pain is rated and its
#: count corrected, and the last set (the most tiring) had none, so it went
#: unrated (twelfth re-test). Right ends it at once; not a clinical figure.
LAST_SET_CHECK_SECONDS = 20.0


def planned_seconds(routine: Routine, timing: TimingSettings | None = None) -> float:
    """How long the whole plan takes in seconds (without pauses): the sum of
    :func:`core.plan.build_plan`'s durations, worked out without building the plan (the
    home screen asks it for every routine before its first paint, where the
    segments cost about 4 ms; tests/core/test_plan.py holds the two together)."""
    timing = timing or TimingSettings()
    ready = max(timing.get_ready_seconds, 0.0)  # build_plan drops pauses of no length
    switch = max(timing.switch_side_seconds, 0.0)
    total = 0.0
    steps = routine.steps
    for s_idx, step in enumerate(steps):
        if s_idx == 0 or steps[s_idx - 1].rest_after <= 0:
            total += ready
        sides = 2 if step.sides is Sides.EACH else 1
        rest = step.rest_between_sets
        if rest is None:
            rest = timing.default_rest_seconds
        total += step.sets * (sides * step.seconds_per_set + (sides - 1) * switch)
        total += max(step.sets - 1, 0) * max(rest, 0.0)
        if s_idx < len(steps) - 1 and step.rest_after > 0:
            total += step.rest_after
    if steps and steps[-1].exercise.ask_pain:
        total += LAST_SET_CHECK_SECONDS
    return total


def estimated_minutes(routine: Routine, timing: TimingSettings | None = None) -> int:
    """The planned length (get-ready, sets, rests and side switches) rounded up
    to whole minutes, at least 1: home, the editor and the command line say
    "about N minutes" and a session never takes longer than that (80 s said
    "about 1 minute", the session screen "about 1:20 left"; time left is
    rounded up everywhere)."""
    return max(1, math.ceil(planned_seconds(routine, timing) / 60))
