from __future__ import annotations

import pytest

from ankle_trainer.core.library import builtin_routines, exercise_library, find_routine
from ankle_trainer.core.model import DoseKind, Sides
from ankle_trainer.core.plan import estimated_minutes
from ankle_trainer.core.routines import RoutineError, parse_routine

BASE = """
format_version = 1
id = "t"
name = "T"
[[steps]]
exercise = "calf-raise-straight"
"""


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_routine(text, exercise_library(), origin="my.toml")


def test_the_four_builtin_routines_load() -> None:
    ids = [r.id for r in builtin_routines()]
    assert ids[:4] == ["complete-ankle", "heel-drops", "pre-run-warmup", "ankle-mobility"]
    for routine in builtin_routines():
        assert routine.builtin and routine.sources, routine.id
        assert 3 <= estimated_minutes(routine) <= 40, routine.id


def test_heel_drops_follow_the_alfredson_dose() -> None:
    r = find_routine("heel-drops")
    assert r is not None
    doses = [(s.exercise.id, s.sets, s.reps, s.kind) for s in r.steps]
    assert doses == [
        ("heel-drop-straight", 3, 15, DoseKind.REPS),
        ("heel-drop-bent", 3, 15, DoseKind.REPS),
    ]
    assert r.sessions_per_day == 2 and r.sessions_per_week == 7
    # lowering is the slow part
    assert all(s.tempo is not None and s.tempo.down > s.tempo.up for s in r.steps)
    # must not promise results for pain at the heel insertion
    assert "heel" in r.description and "less well" in r.description


def test_complete_session_covers_every_part() -> None:
    r = find_routine("complete-ankle")
    assert r is not None
    ids = [s.exercise.id for s in r.steps]
    for needed in (
        "calf-raise-straight",
        "calf-raise-bent",
        "band-toes-up",
        "band-toes-down",
        "band-foot-in",
        "band-foot-out",
        "single-leg-stance",
        "ankle-circles-cw",
        "ankle-circles-ccw",
        "calf-stretch",
    ):
        assert needed in ids
    assert ids[0] == "marching" and ids[-1] == "calf-stretch"
    balance = next(s for s in r.steps if s.exercise.id == "single-leg-stance")
    assert balance.seconds == 60 and balance.sides is Sides.EACH  # 2BFit: 1 min per leg


def test_a_minimal_routine_parses_with_defaults() -> None:
    r = parse(BASE + "reps = 10\n")
    step = r.steps[0]
    assert (step.sets, step.reps, step.sides, step.kind) == (1, 10, Sides.BOTH, DoseKind.REPS)
    assert step.tempo is not None and step.tempo.seconds_per_rep == 3


@pytest.mark.parametrize(
    ("extra", "where", "message"),
    [
        ("reps = 0\n", "step 1, reps", "out of range: a whole number from 1 to 100"),
        ("reps = 10\nsets = 50\n", "step 1, sets", "from 1 to 20"),
        ("reps = 2.5\n", "step 1, reps", "must be a whole number"),
        ("reps = 10\nweight = 5\n", "step 1", "unknown key 'weight'"),
        ("", "step 1", "exactly one of reps, hold_seconds or duration_seconds"),
        ("reps = 5\nhold_seconds = 5\n", "step 1", "exactly one of"),
        ("reps = 5\nsides = 'left'\n", "step 1, sides", "'both' or 'each'"),
        ("hold_seconds = 20\ntempo = { up = 1 }\n", "step 1, tempo", "only applies"),
        ("reps = 5\ntempo = { up = 0, down = 0 }\n", "step 1, tempo", "at least 1 second"),
        ("reps = 5\ntempo = { up = 11 }\n", "step 1, tempo, up", "from 0 to 10"),
        ("reps = 5\nrest_after = -1\n", "step 1, rest_after", "out of range"),
        ("duration_seconds = 60\nsets = 2\n", "step 1, sets", "one set"),
    ],
)
def test_invalid_steps_name_file_step_and_field(extra: str, where: str, message: str) -> None:
    with pytest.raises(RoutineError) as info:
        parse(BASE + extra)
    assert info.value.origin == "my.toml"
    assert info.value.where == where
    assert message in info.value.message
    assert str(info.value).startswith(f"my.toml: {where}: ")


def test_unknown_exercise_is_rejected() -> None:
    with pytest.raises(RoutineError, match="unknown exercise 'moonwalk'"):
        parse(BASE.replace("calf-raise-straight", "moonwalk") + "reps = 5\n")


def test_bad_toml_and_bad_bytes_give_one_clear_error() -> None:
    with pytest.raises(RoutineError, match="not valid TOML"):
        parse("name = ")
    with pytest.raises(RoutineError, match="not UTF-8"):
        parse_routine(b"\xff\xfe", exercise_library(), origin="x")
    with pytest.raises(RoutineError, match="larger than"):
        parse_routine(b"#" * (300 * 1024), exercise_library(), origin="x")


def test_format_version_is_required() -> None:
    with pytest.raises(RoutineError, match="format_version"):
        parse(BASE.replace("format_version = 1", "format_version = 2") + "reps = 5\n")
