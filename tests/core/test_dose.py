"""Dose wording: every built-in step gets the phrase of its kind (a table over
all of them), and each kind reads naturally for 0, 1 and 2 of a thing."""

from __future__ import annotations

import pytest

from ankle_trainer.core.dose import beat_word, dose_phrase, duration_words, set_instruction
from ankle_trainer.core.library import builtin_routines, exercise_library
from ankle_trainer.core.model import DoseKind, Sides, Step, Tempo, Timed

# exercise id -> (dose phrase in its first routine, what the set screen says, first beat word)
EXPECTED = {
    "marching": ("1 min", "Keep moving for 1 min", None),
    "leg-swings": ("20 s, each side", "Keep moving for 20 s", None),
    "ankle-pumps": ("45 s", "Keep moving for 45 s", None),
    "calf-raise-straight": ("3 x 15 reps", "15 reps", "Up"),
    "calf-raise-bent": ("3 x 15 reps", "15 reps", "Up"),
    "band-toes-up": ("2 x 10 reps, each side", "10 reps", "Pull"),
    "band-toes-down": ("2 x 10 reps, each side", "10 reps", "Push"),
    "band-foot-in": ("2 x 10 reps, each side", "10 reps", "In"),
    "band-foot-out": ("2 x 10 reps, each side", "10 reps", "Out"),
    "single-leg-stance": ("2 holds of 1 min, each side", "Hold for 1 min", None),
    "ankle-circles-cw": ("10 reps, each side", "10 reps", "Circle"),
    "ankle-circles-ccw": ("10 reps, each side", "10 reps", "Circle"),
    "calf-stretch": ("2 holds of 30 s, each side", "Hold for 30 s", None),
    "heel-drop-straight": ("3 x 15 reps", "15 reps", "Up"),
    "heel-drop-bent": ("3 x 15 reps", "15 reps", "Up"),
    "hsr-seated-calf-raise": ("3 x 15 reps", "15 reps", "Up"),
    "hsr-standing-calf-raise": ("3 x 15 reps", "15 reps", "Up"),
    "hsr-leg-press-calf-raise": ("3 x 15 reps", "15 reps", "Out"),
    "heel-drop-floor": ("3 x 15 reps", "15 reps", "Up"),
    "ankle-in-out": ("30 s", "Keep moving for 30 s", None),
    "knee-bend-110": ("2 x 15 reps, each side", "15 reps", "Bend"),
    "single-leg-knee-bend": ("10 reps, each side", "10 reps", "Bend"),
    "soleus-stretch": ("2 holds of 30 s, each side", "Hold for 30 s", None),
    "ice": ("10 min on, 10 min off, 10 min on", "10 min on", None),
}


def _first_steps() -> dict[str, Step]:
    steps: dict[str, Step] = {}
    for routine in builtin_routines():
        for step in routine.steps:
            steps.setdefault(step.exercise.id, step)
    return steps


def test_every_built_in_step_is_in_the_table() -> None:
    assert set(_first_steps()) == set(EXPECTED)


@pytest.mark.parametrize("exercise_id", sorted(EXPECTED))
def test_each_built_in_step_reads_as_its_kind(exercise_id: str) -> None:
    step = _first_steps()[exercise_id]
    phrase, during, beat = EXPECTED[exercise_id]
    assert dose_phrase(step) == phrase
    assert set_instruction(step) == during
    assert (beat_word(step, "up") if step.tempo else None) == beat
    words = f"{dose_phrase(step)} {set_instruction(step)}".lower()
    if step.exercise.timed is not Timed.HOLD or step.kind is DoseKind.REPS:
        assert "hold" not in words  # a movement, a rep or an ice pack is never a "hold"
    assert " s hold" not in words and "600" not in words


def test_every_step_at_every_level_has_a_phrase_without_hand_made_plurals() -> None:
    for routine in builtin_routines():
        for level in range(routine.level_count):
            for step in routine.at_level(level).steps:
                text = step.dose_label()
                assert text and "1 reps" not in text and "1 holds" not in text, text


def test_counts_of_one_read_in_the_singular() -> None:
    lib = exercise_library()
    one_rep = Step(lib["calf-raise-straight"], DoseKind.REPS, sets=1, reps=1, tempo=Tempo())
    assert dose_phrase(one_rep) == "1 rep"
    two = one_rep._replace(sets=2, reps=2, sides=Sides.EACH)
    assert dose_phrase(two) == "2 x 2 reps, each side"
    one_hold = Step(lib["calf-stretch"], DoseKind.HOLD, sets=1, seconds=30)
    assert dose_phrase(one_hold) == "30 s hold"
    assert dose_phrase(one_hold._replace(sets=2)) == "2 holds of 30 s"
    ice = Step(lib["ice"], DoseKind.HOLD, sets=2, seconds=600)
    assert dose_phrase(ice) == "2 x 10 min on"  # the rest is the user's setting...
    assert dose_phrase(ice, default_rest=300) == "10 min on, 5 min off, 10 min on"  # ...when known


def test_durations_in_words() -> None:
    assert [duration_words(s) for s in (0, 45, 60, 90, 600, 61.4)] == ["0 s", "45 s", "1 min", "1 min 30 s",
                                                                        "10 min", "1 min 1 s"]


def test_the_warm_up_is_meant_before_each_run() -> None:
    warmup = next(r for r in builtin_routines() if r.id == "pre-run-warmup")
    assert warmup.schedule == "before each run"
    assert all(not r.schedule for r in builtin_routines() if r.id != "pre-run-warmup")


def test_a_timed_set_of_a_movement_says_keep_moving_and_every_exercise_says_which() -> None:
    """Fourth re-test: a timed step of ankle circles read "Hold for 10 s" under
    the cue "draw slow, full circles": the library's default was hold. Now no
    exercise has a default; each says how its timed set is done, and only
    still positions hold."""
    from ankle_trainer.core.dose import set_instruction
    from ankle_trainer.core.library import exercise_library
    from ankle_trainer.core.model import DoseKind, Step, Timed
    from ankle_trainer.core.routines import RoutineError, exercise_library_from_data

    library = exercise_library()
    holds = {e.id for e in library.values() if e.timed is Timed.HOLD}
    assert holds == {"single-leg-stance", "calf-stretch", "soleus-stretch"}  # positions held still
    circles = library["ankle-circles-cw"]
    step = Step(exercise=circles, kind=DoseKind.HOLD, sets=1, seconds=10)
    assert set_instruction(step) == "Keep moving for 10 s"
    entry = {"name": "X", "cue": "Y", "steps": ["a", "b", "c"], "mistake": "m", "feel": "f", "illustration": "x"}
    with pytest.raises(RoutineError, match="timed"):
        exercise_library_from_data({"new-one": entry})
