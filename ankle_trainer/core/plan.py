"""Expanding a routine into the flat timeline of phases the engine walks."""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple compiles every field given as a string, at each start-up.

from enum import StrEnum
from typing import NamedTuple

from .model import DoseKind, Exercise, Routine, Side, Sides, Step
from .timing import LAST_SET_CHECK_SECONDS as LAST_SET_CHECK_SECONDS
from .timing import TimingSettings as TimingSettings
from .timing import estimated_minutes as estimated_minutes
from .timing import planned_seconds as planned_seconds


class Phase(StrEnum):
    """What a segment is: the get-ready countdown, a set (work), a rest, or a side switch."""

    GET_READY = "get_ready"
    WORK = "work"
    REST = "rest"
    SWITCH = "switch"


class Segment(NamedTuple):
    """One timed stretch of a session: a set on one side, a rest, a pause."""

    seq: int  # position in the plan; also the set's key in history
    phase: Phase
    duration: float
    step_index: int
    step: Step
    set_number: int  # 1-based; for rests, the set just finished
    side: Side
    # Position among the plan's sets (work phases only; -1 for the others).
    # History keys sets by it, so changing rests or countdowns never moves it.
    work_index: int = -1

    @property
    def exercise(self) -> Exercise:
        """The exercise of this segment's step."""
        return self.step.exercise

    @property
    def target_reps(self) -> int | None:
        """Reps to do in a work phase of a reps step; else None."""
        return self.step.reps if self.phase is Phase.WORK else None

    @property
    def target_seconds(self) -> float | None:
        """Seconds to hold or keep going in a work phase of a hold or block; else None."""
        if self.phase is Phase.WORK and self.step.kind is not DoseKind.REPS:
            return self.step.seconds
        return None

    @property
    def seconds_per_rep(self) -> float | None:
        """Seconds per paced repetition in a work phase with a tempo; else None."""
        if self.phase is Phase.WORK and self.step.tempo is not None:
            return self.step.tempo.seconds_per_rep
        return None


def build_plan(routine: Routine, timing: TimingSettings | None = None) -> tuple[Segment, ...]:
    """The timeline of a session: every get-ready, set (per side), rest and side
    switch, in order, with durations in seconds from the routine and ``timing``.
    """
    timing = timing or TimingSettings()
    raw: list[tuple[Phase, float, int, Step, int, Side]] = []
    for s_idx, step in enumerate(routine.steps):
        # A get-ready before the first step, and before any step not already
        # preceded by a rest, so the runner always has a moment to get set.
        if s_idx == 0 or routine.steps[s_idx - 1].rest_after <= 0:
            raw.append((Phase.GET_READY, timing.get_ready_seconds, s_idx, step, 1, _first_side(step)))
        for set_no in range(1, step.sets + 1):
            sides = [Side.LEFT, Side.RIGHT] if step.sides is Sides.EACH else [Side.BOTH]
            for i, side in enumerate(sides):
                if i > 0:
                    raw.append((Phase.SWITCH, timing.switch_side_seconds, s_idx, step, set_no, side))
                raw.append((Phase.WORK, step.seconds_per_set, s_idx, step, set_no, side))
            rest = step.rest_between_sets
            if rest is None:
                rest = timing.default_rest_seconds
            if set_no < step.sets and rest > 0:
                raw.append((Phase.REST, rest, s_idx, step, set_no, Side.BOTH))
        if s_idx < len(routine.steps) - 1 and step.rest_after > 0:
            raw.append((Phase.REST, step.rest_after, s_idx, step, step.sets, Side.BOTH))
    if routine.steps and routine.steps[-1].exercise.ask_pain:
        last = routine.steps[-1]  # its last set rated and counted like every other
        raw.append((Phase.REST, LAST_SET_CHECK_SECONDS, len(routine.steps) - 1, last, last.sets, Side.BOTH))
    kept = [r for r in raw if r[1] > 0 or r[0] is Phase.WORK]
    segments = []
    work = 0
    for i, r in enumerate(kept):
        if r[0] is Phase.WORK:
            segments.append(Segment(i, *r, work_index=work))
            work += 1
        else:
            segments.append(Segment(i, *r))
    return tuple(segments)


def _first_side(step: Step) -> Side:
    return Side.LEFT if step.sides is Sides.EACH else Side.BOTH


def planned_sets(plan: tuple[Segment, ...]) -> int:
    """Sets to record: one per work segment (a per-side set counts per side)."""
    return sum(1 for seg in plan if seg.phase is Phase.WORK)


def resume_index(plan: tuple[Segment, ...], done: set[int]) -> int | None:
    """Where to pick up a session whose sets ``done`` (history keys) are
    recorded: the phase before the first set not done (its rest or get-ready),
    or None when every set is done."""
    first = next((s for s in plan if s.work_index >= 0 and s.work_index not in done), None)
    if first is None:
        return None
    index = first.seq
    if index > 0 and plan[index - 1].phase is not Phase.WORK:
        index -= 1
    return index
