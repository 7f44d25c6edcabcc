"""An exercise's own pace (seventeenth re-test: a new step of the leg-press
calf raise paced 1 s up and 2 s down while its cue said 3 s out, 3 s back)."""

from __future__ import annotations

import re

import pytest

from ankle_trainer.core.library import builtin_routines, exercise_library
from ankle_trainer.core.model import Tempo
from ankle_trainer.core.routines import RoutineError, exercise_library_from_data, parse_routine

# "3 seconds up ... 3 seconds down", "3 s out, 3 s back", "over 3 seconds"
PACE = re.compile(r"(\d+(?:\.\d+)?) (?:s|seconds) (up|out|down|back)")


def _paces_said(exercise) -> dict[str, float]:  # type: ignore[no-untyped-def]
    words = " ".join((exercise.cue, *exercise.steps))
    part = {"up": "up", "out": "up", "down": "down", "back": "down"}
    return {part[m.group(2)]: float(m.group(1)) for m in PACE.finditer(words)}


def test_every_exercise_whose_words_give_a_pace_has_that_tempo() -> None:
    library = exercise_library()
    paced = {ex_id: _paces_said(ex) for ex_id, ex in library.items() if _paces_said(ex)}
    assert len(paced) == 3  # the three heavy slow resistance exercises
    for ex_id, said in paced.items():
        tempo = library[ex_id].tempo
        assert tempo is not None, ex_id
        assert (tempo.up, tempo.down) == (said["up"], said["down"]), ex_id
    # and an exercise with a pace of its own says it in its words, or is given
    # that one pace by every built-in routine (next test)
    own = {ex_id for ex_id, ex in library.items() if ex.tempo is not None}
    assert own == set(paced) | set(_one_built_in_pace())


def _one_built_in_pace() -> dict[str, Tempo]:
    """Exercise id -> the pace, for each exercise whose built-in steps with
    reps (and their levels) all use one pace other than the format's default."""
    paces: dict[str, set[Tempo]] = {}
    for routine in builtin_routines():
        for step in routine.steps:
            if step.tempo is not None:
                paces.setdefault(step.exercise.id, set()).add(step.tempo)
                paces[step.exercise.id].update(level.tempo for level in step.levels if level.tempo)
    return {ex_id: next(iter(seen)) for ex_id, seen in paces.items()
            if len(seen) == 1 and seen != {Tempo()}}


def test_a_new_step_starts_at_the_one_pace_the_built_in_routines_give_an_exercise() -> None:
    """Twenty-seventh re-test: a new heel drop in the editor paced 1 s up and
    2 s down while every built-in heel drop lowers over 3 s."""
    library = exercise_library()
    one = _one_built_in_pace()
    assert {"heel-drop-straight", "heel-drop-bent", "heel-drop-floor"} <= set(one)
    for ex_id, pace in one.items():
        assert library[ex_id].default_tempo == pace, ex_id
    assert library["heel-drop-floor"].default_tempo == Tempo(1, 0, 3)


def test_the_leg_press_beats_say_out_and_back() -> None:
    assert exercise_library()["hsr-leg-press-calf-raise"].beats == ("out", "hold", "back")


def test_built_in_steps_of_a_paced_exercise_keep_its_pace() -> None:
    seen = 0
    for routine in builtin_routines():
        for step in routine.steps:
            own = step.exercise.tempo
            if own is None:
                continue
            seen += 1
            assert step.tempo == own, (routine.id, step.exercise.id)
            assert all(level.tempo in (None, own) for level in step.levels), routine.id
    assert seen >= 3


def _routine(exercise: str, tempo: str = "") -> str:
    return (f'format_version = 1\nid = "t"\nname = "T"\n[[steps]]\nexercise = "{exercise}"\n'
            f"sets = 2\nreps = 6\n{tempo}")


def test_a_step_without_a_tempo_takes_its_exercises_own() -> None:
    library = exercise_library()
    assert parse_routine(_routine("hsr-leg-press-calf-raise"), library).steps[0].tempo == Tempo(3, 0, 3)
    assert parse_routine(_routine("calf-raise-straight"), library).steps[0].tempo == Tempo(1, 0, 2)
    given = parse_routine(_routine("hsr-leg-press-calf-raise", "tempo = { up = 2, hold = 1, down = 2 }"), library)
    assert given.steps[0].tempo == Tempo(2, 1, 2)  # a tempo written in the file wins


def test_a_bad_exercise_tempo_is_refused_saying_where() -> None:
    entry = {"name": "X", "cue": "Go.", "steps": ["a", "b", "c"], "timed": "hold", "illustration": "march",
             "mistake": "m", "feel": "f", "tempo": {"up": 0, "hold": 0, "down": 0}}
    with pytest.raises(RoutineError) as raised:
        exercise_library_from_data({"x": entry})
    assert "exercise 'x', tempo" in str(raised.value)
    assert "at least 1 second" in str(raised.value)


def test_an_exercises_usual_sides_and_band_are_what_the_built_in_routines_use() -> None:
    """Twenty-first re-test: a new band step in the editor was "both legs
    together, no band" while every built-in band step is each leg with a band.
    Every exercise done each leg in turn in all the built-in routines starts
    so; every band exercise starts with the band its built-in steps begin with."""
    library = exercise_library()
    sides: dict[str, set] = {}
    bands: dict[str, set] = {}
    for routine in builtin_routines():
        for step in routine.steps:
            sides.setdefault(step.exercise.id, set()).add(step.sides.value)
            if step.band:
                bands.setdefault(step.exercise.id, set()).add(step.band)
    one_leg = {ex_id for ex_id, seen in sides.items() if seen == {"each"}}
    assert {ex_id for ex_id, ex in library.items() if ex.sides.value == "each"} == one_leg
    assert len(one_leg) >= 10
    assert {ex_id: ex.band for ex_id, ex in library.items() if ex.band} == {
        ex_id: "yellow" for ex_id in bands
    }
    assert all(seen == {"yellow"} for seen in bands.values())  # the lightest band the routines use


@pytest.mark.parametrize(("key", "value", "said"), [
    ("sides", "left", "must be 'both' or 'each'"),
    ("sides", ["each"], "must be 'both' or 'each'"),
    ("band", "neon!", "letters, digits, spaces or '-'"),
    ("band", 3, "must be a name such as 'green'"),
])
def test_a_bad_usual_sides_or_band_is_refused_saying_where(key: str, value: object, said: str) -> None:
    entry = {"name": "X", "cue": "Go.", "steps": ["a", "b", "c"], "timed": "hold", "illustration": "march",
             "mistake": "m", "feel": "f", key: value}
    with pytest.raises(RoutineError) as raised:
        exercise_library_from_data({"x": entry})
    assert f"exercise 'x', {key}" in str(raised.value)
    assert said in str(raised.value)


def test_a_routine_file_keeps_its_own_defaults_whatever_the_exercise_usually_takes() -> None:
    step = parse_routine(_routine("band-foot-in"), exercise_library()).steps[0]
    assert (step.sides.value, step.band) == ("both", "")
