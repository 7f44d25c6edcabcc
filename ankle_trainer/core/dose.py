"""Dose wording: how each kind of step is said on screen, in one place.

A step is dosed as repetitions at a tempo, as timed sets, or as one block of
time (:class:`~.model.DoseKind`); a timed set is done one of three ways,
named by its exercise (:class:`~.model.Timed`): held still (a stretch, a
balance), kept moving (leg swings, marching), or put on (an ice pack). Each
combination has its own phrase, so leg swings never read "hold" and an ice
pack reads "10 min on", not "600 s hold". Pure functions; counts go through
:func:`.text.count`.
"""

from __future__ import annotations

from .model import DoseKind, Sides, Step, Timed
from .text import count


def duration_words(seconds: float) -> str:
    """A length of time as a runner says it: ``"45 s"``, ``"10 min"``,
    ``"1 min 30 s"`` (rounded to the second; units do not take plurals)."""
    whole = round(seconds)
    if whole >= 60 and whole % 60 == 0:
        return f"{whole // 60} min"
    if whole > 60:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole} s"


def dose_phrase(step: Step, default_rest: float | None = None) -> str:
    """The whole dose of a step, e.g. ``"3 x 15 reps, each side"``,
    ``"3 holds of 30 s"``, ``"30 s, each side"`` (a movement), ``"10 min on,
    10 min off, 10 min on"`` (ice), ``"90 s"`` (a block of marching).

    ``default_rest`` (seconds) is the user's rest between sets, used for a
    put-on step (ice) whose routine leaves the rest to that setting; without
    it such a step reads ``"2 x 10 min on"``.
    """
    timed = step.exercise.timed
    if step.kind is DoseKind.REPS:
        reps = count(step.reps or 0, "rep")
        text = reps if step.sets < 2 else f"{step.sets} x {reps}"
    else:
        length = duration_words(step.seconds or 0)
        if timed is Timed.APPLY:
            text = _on_off(step, length, default_rest)
        elif timed is Timed.MOVE or step.kind is DoseKind.DURATION:
            text = length if step.sets < 2 else f"{step.sets} x {length}"
        else:
            text = f"{length} hold" if step.sets < 2 else f"{count(step.sets, 'hold')} of {length}"
    if step.sides is Sides.EACH:
        text += ", each side"
    return text


def _on_off(step: Step, length: str, default_rest: float | None) -> str:
    rest = step.rest_between_sets if step.rest_between_sets is not None else default_rest
    if step.sets == 1:
        return f"{length} on"
    if rest is None or step.sets > 3:
        return f"{step.sets} x {length} on"
    off = f", {duration_words(rest)} off, "
    return off.join([f"{length} on"] * step.sets)


def set_instruction(step: Step) -> str:
    """What to do during one timed set, shown under the countdown:
    ``"Hold for 30 s"``, ``"Keep moving for 30 s"``, ``"10 min on"``.
    For a repetition step it is the reps of one set: ``"15 reps"``."""
    if step.kind is DoseKind.REPS:
        return count(step.reps or 0, "rep")
    length = duration_words(step.seconds or 0)
    if step.exercise.timed is Timed.APPLY:
        return f"{length} on"
    if step.exercise.timed is Timed.MOVE:
        return f"Keep moving for {length}"
    return f"Hold for {length}"


def beat_word(step: Step, part: str) -> str:
    """The word for one part of a paced repetition (``part`` is ``"up"``,
    ``"hold"`` or ``"down"``, as :meth:`~.engine.SessionEngine.tempo_part`
    gives it) in the exercise's own words: ``"Up"``/``"Down"`` for a calf
    raise, ``"Circle"`` for an ankle circle. Raises ValueError for another part.
    """
    index = ("up", "hold", "down").index(part)
    return step.exercise.beats[index].capitalize()
