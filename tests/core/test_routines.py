from __future__ import annotations

import pytest

from ankle_trainer.core.library import builtin_routines, exercise_library, find_routine
from ankle_trainer.core.model import DoseKind, Sides
from ankle_trainer.core.plan import estimated_minutes
from ankle_trainer.core.routines import RoutineError, _plain_name, parse_routine

BASE = """
format_version = 1
id = "t"
name = "T"
[[steps]]
exercise = "calf-raise-straight"
"""


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_routine(text, exercise_library(), origin="my.toml")


def test_the_builtin_programmes_load_and_name_their_sources() -> None:
    ids = [r.id for r in builtin_routines()]
    assert ids == [
        "complete-ankle", "heel-drops", "hsr", "heel-drops-floor", "sprain-protect",
        "sprain-loading", "calf-strength", "band-work", "balance-2bfit",
        "pre-run-warmup", "ankle-mobility", "calf-stretch", "ice-timer",
    ]
    for routine in builtin_routines():
        assert routine.builtin and routine.sources, routine.id
        low = 1 if routine.id == "sprain-protect" else 3  # a few gentle movements, days 1-3
        assert low <= estimated_minutes(routine) <= 40, routine.id
        # optional, or only for the first days: not weekly programmes
        if routine.id not in ("ice-timer", "sprain-protect"):
            assert routine.target_per_week, routine.id


def test_calf_strength_goes_from_two_legs_to_one_and_then_load() -> None:
    r = find_routine("calf-strength")
    assert r is not None and r.level_count == 5
    first = r.steps[0]
    assert (first.reps, first.sides, first.single_leg, first.load_kg) == (12, Sides.BOTH, False, 0)
    one_leg = r.at_level(2).steps[0]
    assert (one_leg.reps, one_leg.sides, one_leg.single_leg) == (10, Sides.EACH, True)
    top = r.at_level(4).steps[0]
    assert (top.reps, top.sides, top.single_leg, top.load_kg) == (15, Sides.EACH, True, 5)
    assert top.dose_label() == "3 x 15 reps, each side, single leg, +5 kg"
    assert r.at_level(99).level == 4  # clamped to the last level


def test_band_work_moves_through_the_band_colours() -> None:
    r = find_routine("band-work")
    assert r is not None
    bands = [r.at_level(n).steps[0].band for n in range(r.level_count)]
    assert bands == ["yellow", "red", "green", "blue", "blue", "black"]
    assert {s.exercise.id for s in r.steps} == {"band-toes-up", "band-toes-down", "band-foot-in", "band-foot-out"}


def test_balance_follows_2bfit_with_three_levels() -> None:
    r = find_routine("balance-2bfit")
    assert r is not None and r.level_count == 3
    stance = r.steps[0]
    assert (stance.seconds, stance.sides, stance.balance_level) == (60, Sides.EACH, 1)
    assert [r.at_level(n).steps[0].balance_level for n in range(3)] == [1, 2, 3]
    assert all((s.sets, s.reps) == (2, 15) for s in r.steps[1:])  # 2 x 15 per leg
    # as in the trial's appendix: toe raises on both feet, knee bend to about 110 degrees
    toes, bend = r.steps[1], r.steps[2]
    assert (toes.exercise.id, toes.sides, toes.single_leg) == ("calf-raise-straight", Sides.BOTH, False)
    assert bend.exercise.id == "knee-bend-110" and "110 degrees" in bend.exercise.cue
    assert "once sport is possible again" in r.description
    assert "3 is a common choice" in " ".join(r.sources)  # sessions a week: not from the trial


def test_heel_drops_add_load_as_a_contested_suggestion_and_ice_is_optional() -> None:
    r = find_routine("heel-drops")
    assert r is not None
    assert [r.at_level(n).steps[0].load_kg for n in range(r.level_count)] == [0, 5, 10, 15, 20]
    assert "not proven" in " ".join(r.sources)
    ice = find_routine("ice-timer")
    assert ice is not None and ice.name.endswith("(optional)")
    assert "no good evidence" in ice.description
    assert [(s.seconds, s.sets, s.rest_between_sets) for s in ice.steps] == [(600, 2, 600)]


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
        ("reps = 5\nsides = ['each']\n", "step 1, sides", "'both' or 'each'"),
        ("reps = 5\nsides = 1\n", "step 1, sides", "'both' or 'each'"),
        ("reps = 5\n[[steps.levels]]\nname = 'x'\nsides = 'left'\n", "step 1, level 1, sides", "'both' or 'each'"),
        ("reps = 5\n[[steps.levels]]\nname = 'x'\nsides = ['each']\n", "step 1, level 1, sides", "'both' or 'each'"),
        ("hold_seconds = 20\ntempo = { up = 1 }\n", "step 1, tempo", "only applies"),
        ("reps = 5\ntempo = { up = 0, down = 0 }\n", "step 1, tempo", "at least 1 second"),
        ("reps = 5\ntempo = { up = 11 }\n", "step 1, tempo, up", "from 0 to 10"),
        ("reps = 5\nrest_after = -1\n", "step 1, rest_after", "out of range"),
        ("duration_seconds = 60\nsets = 2\n", "step 1, sets", "one set"),
        ("reps = 5\nload_kg = 101\n", "step 1, load_kg", "from 0 to 100"),
        ("reps = 5\nbalance_level = 4\n", "step 1, balance_level", "from 1 to 3"),
        ("reps = 5\nsingle_leg = 'yes'\n", "step 1, single_leg", "true or false"),
        ("reps = 5\nband = 'a/b'\n", "step 1, band", "letters, digits, spaces"),
        ("reps = 5\nband = '" + "x" * 31 + "'\n", "step 1, band", "at most 30"),
        ("reps = 5\nrest_between_sets = 601\n", "step 1, rest_between_sets", "from 0 to 600"),
        ("hold_seconds = 0.5\n", "step 1, hold_seconds", "from 1 to 600"),
        ("duration_seconds = 4000\n", "step 1, duration_seconds", "from 5 to 3600"),
        ("reps = 5\nlevels = 3\n", "step 1, levels", "list of"),
        ("reps = 5\n[[steps.levels]]\nreps = 6\n", "step 1, level 1, name", "missing: the file needs a line name = …"),
        ("reps = 5\n[[steps.levels]]\nname = 'x'\nhold_seconds = 9\n", "step 1, level 1, hold_seconds", "dosed in reps"),
        ("reps = 5\n[[steps.levels]]\nname = 'x'\nreps = 500\n", "step 1, level 1, reps", "from 1 to 100"),
        ("reps = 5\n[[steps.levels]]\nname = 'x'\nsound = 'a.wav'\n", "step 1, level 1", "unknown key 'sound'"),
        ("reps = 5\nillustration = '../../etc/passwd'\n", "step 1", "unknown key 'illustration'"),
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
    with pytest.raises(RoutineError, match="the text at the end of the file cannot be read: a value is missing"):
        parse("name = ")
    with pytest.raises(RoutineError, match=r"x: saved as UTF-16 text; save it again as UTF-8 text, as the app "
                       r"writes routine files$"):
        parse_routine(b"\xff\xfe", exercise_library(), origin="x")
    with pytest.raises(RoutineError, match=r"x: not UTF-8 text, as the app writes routine files \(line 2 has a "
                       r"character that is not UTF-8\); save it again as UTF-8 text$"):
        parse_routine(b"# ok\nname = '\xe9'\n", exercise_library(), origin="x")
    with pytest.raises(RoutineError, match="larger than"):
        parse_routine(b"#" * (300 * 1024), exercise_library(), origin="x")


def test_format_version_is_required() -> None:
    with pytest.raises(RoutineError, match="format_version"):
        parse(BASE.replace("format_version = 1", "format_version = 2") + "reps = 5\n")


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('format_version = 1\nid = "a b"\nname = "N"\n', "id", "letters, digits"),
        ('format_version = 1\nid = "a"\nname = ""\n', "name", "non-empty text"),
        ('format_version = 1\nid = "a"\nname = "' + "n" * 81 + '"\n', "name", "at most 80"),
        ('format_version = 1\nid = "a"\nname = "N"\ndescription = "' + "d" * 2001 + '"\n', "description", "at most 2000"),
        ('format_version = 1\nid = "a"\nname = "N"\nsessions_per_week = 15\n', "sessions_per_week", "from 1 to 14"),
        ('format_version = 1\nid = "a"\nname = "N"\nsessions_per_day = 4\n', "sessions_per_day", "from 1 to 3"),
        ('format_version = 1\nid = "a"\nname = "N"\nsources = [1]\n', "sources", "list of strings"),
        ('format_version = 1\nid = "a"\nname = "N"\nsources = ["' + "s" * 2001 + '"]\n', "sources, item 1", "at most 2000"),
        ('format_version = 1\nid = "a"\nname = "N"\nrun = "rm -rf"\n', "", "unknown key 'run'"),
        ('format_version = 1\nid = "a"\nname = "N"\n', "steps", "at least one"),
        ('format_version = 1\nid = "a"\nname = "N"\nschedule = 3\n', "schedule", "non-empty text"),
        ('format_version = 1\nid = "a"\nname = "N"\nschedule = "' + "w" * 81 + '"\n', "schedule", "at most 80"),
    ],
)
def test_invalid_routine_fields_name_the_field(text: str, where: str, message: str) -> None:
    step = '[[steps]]\nexercise = "marching"\nduration_seconds = 60\n'
    with pytest.raises(RoutineError) as info:
        parse(text if where == "steps" else text + step)  # each with a valid step but the last
    assert info.value.where == where
    assert message in info.value.message


def test_too_many_steps_and_levels_are_refused() -> None:
    step = '[[steps]]\nexercise = "marching"\nduration_seconds = 60\n'
    with pytest.raises(RoutineError, match="at most 60 steps"):
        parse('format_version = 1\nid = "a"\nname = "N"\n' + step * 61)
    level = '[[steps.levels]]\nname = "x"\n'
    with pytest.raises(RoutineError, match="at most 10 levels"):
        parse(BASE + "reps = 5\n" + level * 11)


def test_every_builtin_routine_survives_a_round_trip_through_its_file() -> None:
    from ankle_trainer.core.routines import routine_to_toml

    for routine in builtin_routines():
        text = routine_to_toml(routine)
        again = parse_routine(text, exercise_library(), origin=routine.origin, builtin=True)
        assert again == routine, routine.id


# -- fuzzing: any input gives a routine or one RoutineError ---------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_scalars = st.one_of(
    st.integers(-5, 700), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.text(max_size=12), st.sampled_from(["each", "both", "marching", "calf-raise-straight", "green"]),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["reps", "sets", "hold_seconds", "tempo", "up", "down", "name", "levels",
                         "band", "load_kg", "sides", "exercise", "x"]), inner, max_size=4),
    max_leaves=12,
)
_step = st.fixed_dictionaries(
    {"exercise": st.sampled_from(["marching", "calf-raise-straight", "nope"])},
    optional={k: _values for k in ("sets", "reps", "hold_seconds", "duration_seconds", "tempo",
                                    "sides", "levels", "band", "load_kg", "balance_level",
                                    "single_leg", "rest_after", "rest_between_sets", "extra")},
)
_routine = st.fixed_dictionaries(
    {"format_version": st.sampled_from([1, 1, 1, 2, "1"]), "id": st.text(max_size=10),
     "name": st.text(max_size=10), "steps": st.lists(_step, max_size=3)},
    optional={"sessions_per_week": _values, "sources": _values, "description": _values},
)


def _check(data: bytes | str) -> None:
    try:
        routine = parse_routine(data, exercise_library(), origin="fuzz.toml")
    except RoutineError as exc:
        assert str(exc).startswith("fuzz.toml: ")
    else:
        assert routine.steps and estimated_minutes(routine) >= 0


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_fuzz_any_bytes_give_a_routine_or_one_clear_error(data: bytes) -> None:
    _check(data)


@given(_routine)
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzz_routine_shaped_toml_gives_a_routine_or_one_clear_error(data: dict) -> None:  # type: ignore[type-arg]
    import tomli_w

    try:
        text = tomli_w.dumps(data)
    except (TypeError, ValueError):
        return  # not expressible in TOML (e.g. NaN keys); nothing to parse
    _check(text)
    _check(text.encode())


def test_the_startup_cache_gives_the_same_routines_and_checks_what_it_reads(tmp_path) -> None:
    import json

    from ankle_trainer.core.library import builtins_through_cache

    first = builtins_through_cache(tmp_path)  # builds the cache
    [cache] = list(tmp_path.glob("builtin-routines-*.json"))
    second = builtins_through_cache(tmp_path)  # reads it
    assert first == second == builtin_routines()
    # a cache edited to hold something a routine file could not is not used
    data = json.loads(cache.read_text())
    data["routines"][0][1]["steps"][0]["duration_seconds"] = 99999
    cache.write_text(json.dumps(data))
    assert builtins_through_cache(tmp_path) == builtin_routines()
    assert json.loads(cache.read_text()) != data  # and it was rebuilt
    cache.write_text("not json")
    assert builtins_through_cache(tmp_path) == builtin_routines()


def test_hsr_follows_the_beyer_dose_ladder() -> None:
    r = find_routine("hsr")
    assert r is not None and r.sessions_per_week == 3 and r.sessions_per_day == 1
    assert r.suits == ("achilles_mid",)
    assert [s.exercise.id for s in r.steps] == [
        "hsr-seated-calf-raise", "hsr-standing-calf-raise", "hsr-leg-press-calf-raise"
    ]
    ladder = [(r.at_level(n).steps[0].sets, r.at_level(n).steps[0].reps, r.at_level(n).steps[0].rm)
              for n in range(r.level_count)]
    # week 1, weeks 2-3, 4-5, 6-8, 9-12 (Beyer et al., AJSM 2015)
    assert ladder == [(3, 15, 15), (3, 12, 12), (4, 10, 10), (4, 8, 8), (4, 6, 6)]
    for step in r.steps:
        assert (step.tempo.up, step.tempo.down) == (3, 3)  # type: ignore[union-attr]
    assert "12RM" in r.at_level(1).steps[0].dose_label()
    assert "Beyer" in r.sources[0]


def test_floor_heel_drops_for_the_insertion_have_no_calf_stretch() -> None:
    r = find_routine("heel-drops-floor")
    assert r is not None and r.suits == ("achilles_insertion",)
    assert {s.exercise.id for s in r.steps} == {"heel-drop-floor"}
    assert not any("stretch" in s.exercise.id for s in r.steps)
    assert (r.steps[0].sets, r.steps[0].reps, r.sessions_per_day) == (3, 15, 2)
    assert "Jonsson" in r.sources[0] and "pilot" in r.sources[0]


def test_the_sprain_plan_is_phased_protect_then_load_then_2bfit() -> None:
    protect, load = find_routine("sprain-protect"), find_routine("sprain-loading")
    assert protect is not None and load is not None
    assert "1 to 3 days" in protect.description and "phase 2" in protect.description
    assert "phase 3" in load.description and "2BFit" in load.description
    assert not any(s.exercise.ask_pain for s in protect.steps)  # no loading in the first days
    assert protect.suits == load.suits == ("acute_sprain",)


def test_a_small_lab_study_is_not_cited_as_established() -> None:
    for rid in ("calf-strength", "complete-ankle"):
        r = find_routine(rid)
        assert r is not None
        hall = [s for s in r.sources if "J Athl Train 2018" in s]
        assert len(hall) == 1 and "39 young adults" in hall[0] and "not established" in hall[0], rid


def test_rm_is_validated_and_only_for_reps() -> None:
    with pytest.raises(RoutineError, match="rm.*out of range"):
        parse(BASE + "reps = 10\nrm = 40\n")
    with pytest.raises(RoutineError, match="only applies to steps with reps"):
        parse(BASE.replace('exercise = "calf-raise-straight"', 'exercise = "single-leg-stance"')
              + "hold_seconds = 30\nrm = 10\n")


@pytest.mark.parametrize(
    ("entry", "where", "message"),
    [
        ('timed = "float"\n', "exercise 'x', timed", "hold, move or apply"),
        ('timed = "move"\nbeats = ["up", "down"]\n', "exercise 'x', beats", "three words"),
        ('timed = "move"\nbeats = ["up", "", "down"]\n', "exercise 'x', beats", "three words"),
        ("", "exercise 'x', timed", "must be given"),
    ],
)
def test_bad_timed_and_beats_in_the_exercise_library_name_the_field(entry: str, where: str, message: str) -> None:
    from ankle_trainer.core.routines import parse_exercise_library

    text = ('[x]\nname = "X"\ncue = "c"\nillustration = "march"\nsteps = ["a", "b", "c"]\n' + entry)
    with pytest.raises(RoutineError) as info:
        parse_exercise_library(text, "exercises.toml")
    assert info.value.where == where
    assert message in info.value.message


def test_a_schedule_survives_the_round_trip() -> None:
    from ankle_trainer.core.routines import routine_from_data, routine_to_data

    warmup = find_routine("pre-run-warmup")
    assert warmup is not None
    again = routine_from_data(routine_to_data(warmup), exercise_library(), origin="copy")
    assert again.schedule == "before each run"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("", "the file is empty, or holds no routine"),
        ("# nothing but a comment\n", "the file is empty, or holds no routine"),
        ('id = "x"\nname = "X"\n', "format_version: missing: a routine file starts with format_version = 1"),
        ("format_version = 99\n", "format_version: 99: the file was made by a newer version of Ankle "
                                   "Trainer; update the app to use it"),
        ('format_version = "one"\n', "format_version: must be 1 (found 'one')"),
    ],
)
def test_a_file_without_a_usable_format_version_says_so_in_plain_words(text: str, said: str) -> None:
    """Sixth re-test: an empty file said "must be 1 (found None)" (Python's None)
    and a file from a newer app "must be 1 (found 99)"."""
    with pytest.raises(RoutineError) as caught:
        parse_routine(text, exercise_library(), origin="x")
    assert str(caught.value) == f"x: {said}"
    assert "None" not in str(caught.value)


@pytest.mark.parametrize("text", ["", "-", "--", "a-b", "a b", "a_b", "é-1", "a/b", "١٢٣", "e\u0301", "a\tb", " "])
def test_plain_names_are_letters_digits_and_the_allowed_characters(text: str) -> None:
    # The routine id, the illustration and the band are checked with one
    # str.isalnum on the whole text: the same answer as character by character.
    for allowed in ("-", "-_", " -"):
        assert _plain_name(text, allowed) == all(c.isalnum() or c in allowed for c in text)


def test_a_level_sides_word_gives_the_model_value() -> None:
    step = parse(BASE + "reps = 5\n[[steps.levels]]\nname = 'x'\nsides = 'each'\n").steps[0]
    assert step.sides is Sides.BOTH and step.levels[0].sides is Sides.EACH
    assert step.at_level(1).sides is Sides.EACH


def test_an_exercise_on_the_flat_floor_is_not_pictured_on_a_step() -> None:
    """Twenty-eighth re-test: "Heel drop on the floor" (for pain at the heel
    insertion, where going below floor level is what to avoid) showed the
    picture of a heel dropping below a step's edge. The step picture is only
    for exercises done on a step; floor ones have their own."""
    from ankle_trainer.assets import asset

    library = exercise_library()
    on_step = {ex_id for ex_id, ex in library.items() if ex.illustration == "heel-drop"}
    assert on_step == {"heel-drop-straight", "heel-drop-bent"}
    for ex_id in on_step:
        words = " ".join((library[ex_id].cue, *library[ex_id].steps)).lower()
        assert "step" in words and "floor" not in words, ex_id
    floor = library["heel-drop-floor"]
    assert "flat floor" in floor.cue.lower()
    assert floor.illustration == "heel-drop-floor" and asset("illustrations", "heel-drop-floor.svg").is_file()



@pytest.mark.parametrize(("text", "said"), [
    ('format_version = 1\nid = "x"\nname = "Syntax\n',
     "the text at line 3, column 15 cannot be read: a text in quotes is not closed on its line"),
    ("a = 1\na = 2\n", "the text at line 2, column 6 cannot be read: the key a is given twice"),
    ("[[steps]\n", "the text at line 1, column 8 cannot be read: a [section] or [[steps]] heading is not closed"),
    ("x = [1,\n", "the text at the end of the file cannot be read: a value is missing or not closed"),
])
def test_a_file_the_toml_reader_refuses_is_said_in_plain_words(text: str, said: str) -> None:
    """Twenty-ninth re-test: an unclosed quote was told in the reader's own
    words, "not valid TOML (Illegal character '\\n' (at line 3, column 15))".
    The place, and what to look for there."""
    with pytest.raises(RoutineError) as info:
        parse_routine(text, exercise_library(), origin="mine.toml")
    assert info.value.message.startswith(said)
    assert "TOML" not in str(info.value) and "\\n" not in str(info.value)
