"""Bad routine and settings files are refused quickly with a plain message and
never stop the app (issue 13); fuzzed with hypothesis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ankle_trainer.core.library import exercise_library
from ankle_trainer.core.routines import RoutineError, parse_routine
from ankle_trainer.storage.routine_store import RoutineStore
from ankle_trainer.storage.settings import Settings, SettingsStore

GOOD = (
    'format_version = 1\nid = "mine"\nname = "Mine"\n\n[[steps]]\nexercise = "heel-drop-straight"\n'
    "sets = 1\nreps = 10\n"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a = " + "[" * 500 + "]" * 500, "brackets are nested more than 16 deep"),
        ("a = " + "{b = " * 500 + "1" + "}" * 500, "brackets are nested more than 16 deep"),
        ("a" + ".a" * 40_000 + " = 1", "a line has keys of more than 16 parts"),
        ("format_version = " + "9" * 400, "format_version: must be 1"),
        ("format_version = " + "9" * 5_000, "holds a value that cannot be read"),
        (GOOD.replace("sets = 1", "sets = " + "9" * 400), "sets"),
        (GOOD.replace("reps = 10", "reps = 1e400"), "reps"),
        ("x = 1\n" * 50_000, "larger than 256 KiB"),
    ],
)
def test_pathological_routine_files_are_refused_with_a_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RoutineError, match=message) as info:
        parse_routine(text, exercise_library(), "mine.toml")
    assert len(str(info.value)) < 300
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "bad.toml").write_text(text)
    (folder / "mine.toml").write_text(GOOD)
    routines, problems = RoutineStore(folder, exercise_library()).load()
    assert [r.id for r in routines] == ["mine"]  # the good file still loads
    assert len(problems) == 1 and "bad.toml" in problems[0]
    assert (folder / "bad.toml").read_text() == text  # kept as it was


@given(
    st.recursive(
        st.one_of(st.integers(min_value=-(10**500), max_value=10**500), st.text(max_size=50),
                  st.floats(allow_nan=True), st.booleans()),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    ),
    st.sampled_from(["sets", "reps", "name", "id", "hold_seconds", "format_version", "levels", "steps"]),
)
@settings(max_examples=150, deadline=None)
def test_fuzzed_routine_values_give_a_routine_error_or_a_routine(value, key: str) -> None:
    import tomli_w

    try:
        field = tomli_w.dumps({key: value})
    except (TypeError, ValueError):
        return  # not representable in TOML
    for text in (field, GOOD + field, GOOD.replace("sets = 1\n", field)):
        try:
            parse_routine(text, exercise_library(), "fuzz.toml")
        except RoutineError:
            pass


@given(st.text(alphabet="[]{}=.\"'\n abc1#", max_size=400))
@settings(max_examples=200, deadline=None)
def test_fuzzed_routine_text_gives_a_routine_error(text: str) -> None:
    try:
        parse_routine(text, exercise_library(), "fuzz.toml")
    except RoutineError:
        pass


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "settings.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return SettingsStore(path).load()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"sound_volume": ' + "9" * 5_000 + "}", "it holds a number far too long to be a setting"),
        ("[" * 100_000 + "]" * 100_000, "it is nested too deeply to be a settings file"),
        ('{"theme": "' + "x" * 5_000_000 + '"}', "theme must be one of"),
        ('{"reminder_days": ' + "[" * 50 + "]" * 50 + "}", "reminder_days must be"),
    ],
)
def test_bad_settings_fall_back_with_a_short_notice(tmp_path: Path, text: str, message: str) -> None:
    result = load(tmp_path, text)
    assert result.settings == Settings()
    assert result.notice is not None and message in result.notice
    assert len(result.notice) < 600  # the quoted value is bounded
    assert result.kept_aside is not None and result.kept_aside.read_text() == text  # nothing lost


def test_a_settings_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    text = json.dumps({"sound_volume": 35, "theme": "dark"})
    result = load(tmp_path, b"\xef\xbb\xbf" + text.encode())
    assert (result.settings.sound_volume, result.settings.theme, result.notice) == (35, "dark", None)


@given(
    st.recursive(
        st.one_of(st.integers(min_value=-(10**400), max_value=10**400), st.text(max_size=200),
                  st.floats(allow_nan=True), st.booleans(), st.none()),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
            st.sampled_from([*Settings._fields, "other"]), inner, max_size=6),
        max_leaves=25,
    )
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_settings_never_stop_the_app(tmp_path_factory, value) -> None:
    folder = tmp_path_factory.mktemp("st")
    result = load(folder, json.dumps(value))
    assert isinstance(result.settings, Settings)
    assert result.notice is None or len(result.notice) < 2_000


def test_a_file_with_a_built_in_routines_id_in_the_folder_is_not_used(tmp_path: Path) -> None:
    """Twenty-eighth re-test: heel-drops.toml, a built-in routine exported and
    put in the routines folder by hand, was used as the runner's own: two
    routines "heel-drops", whose sessions and levels could not be told apart,
    while `routine import` and `routine validate` refused the same file. The
    folder refuses it too, says why, and keeps the file as it is."""
    from ankle_trainer.core.library import builtin_ids, builtin_routines, find_routine
    from ankle_trainer.core.routines import routine_to_toml

    assert builtin_ids() == {r.id for r in builtin_routines()}
    folder = tmp_path / "routines"
    folder.mkdir()
    text = routine_to_toml(find_routine("heel-drops")._replace(builtin=False))
    (folder / "heel-drops.toml").write_text(text)
    (folder / "mine.toml").write_text(GOOD)
    routines, problems = RoutineStore(folder, exercise_library()).load()
    assert [r.id for r in routines] == ["mine"]
    assert len(problems) == 1
    assert "heel-drops.toml: id: 'heel-drops' is the id of a built-in routine; give the file another id" \
        in problems[0]
    assert (folder / "heel-drops.toml").read_text() == text
