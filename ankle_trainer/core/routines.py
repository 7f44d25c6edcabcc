"""Reading the exercise library and routine files (TOML, via stdlib tomllib).

A routine file is only data: it names exercises from the app's own library and
gives their dose. Every value is checked against a range, unknown keys are
rejected, and an error names the file, the step and the field.
"""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple compiles every field given as a string, at each start-up.

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .model import DoseKind, Exercise, Level, Routine, Sides, Step, Tempo, Timed
from .text import count, not_utf8, utf16

FORMAT_VERSION = 1
MAX_FILE_BYTES = 256 * 1024
MAX_STEPS = 60
MAX_TEXT = 2000
MAX_NAME = 80
MAX_SOURCES = 20
MAX_LEVELS = 10
MAX_BAND = 30
MAX_BEAT = 20  # one tempo word, e.g. "circle"


class RoutineError(ValueError):
    """A routine or exercise file that cannot be used, with where and why."""

    def __init__(self, origin: str, where: str, message: str) -> None:
        self.origin = origin
        self.where = where
        self.message = message
        place = f"{origin}: {where}: " if where else f"{origin}: "
        super().__init__(place + message)

    def sentence(self, name: str = "") -> str:
        """The error as one sentence for the screen, naming the file by
        ``name`` (its file name, not its full path; "" for none), e.g.
        "heel.toml: steps[2], sets: must be 1 to 20." """
        said = f"{self.where}: {self.message}" if self.where else self.message
        said = f"{name}: {said}" if name else said
        return said if said.endswith((".", "?", "!")) else said + "."


class _Range:
    """A number's allowed range (``integer``: whole numbers only). A plain
    class: ``NamedTuple`` compiles a constructor for each type it makes, at
    every start-up, and these are only read by name."""

    __slots__ = ("low", "high", "integer")

    def __init__(self, low: float, high: float, integer: bool = False) -> None:
        self.low, self.high, self.integer = low, high, integer


# field -> allowed range; the single source for validation and error text
STEP_RANGES: dict[str, _Range] = {
    "sets": _Range(1, 20, integer=True),
    "reps": _Range(1, 100, integer=True),
    "hold_seconds": _Range(1, 600),
    "duration_seconds": _Range(5, 3600),
    "rest_between_sets": _Range(0, 600),
    "rest_after": _Range(0, 900),
    "tempo_part": _Range(0, 10),
    "load_kg": _Range(0, 100),
    "balance_level": _Range(1, 3, integer=True),
    "sessions_per_week": _Range(1, 14, integer=True),
    "sessions_per_day": _Range(1, 3, integer=True),
    "rm": _Range(1, 30, integer=True),
}
# The routine-file field that holds a step's seconds, by kind of dose.
SECONDS_FIELD = {DoseKind.HOLD: "hold_seconds", DoseKind.DURATION: "duration_seconds"}

# The kinds of dose and sides by the words a routine file gives them in, and
# the kinds once more by name. Looked up here rather than as ``DoseKind.REPS``
# or ``Sides(word)`` at each step and level: Python 3.11's ``EnumType`` has a
# ``__getattr__``, so every name looked up on an enum class takes the slow
# path (several hundred instructions), ``Sides(word)`` runs the enum's
# ``__call__`` and ``__new__`` in Python, and the built-in routines' checks
# at each start did several hundred of these.
_REPS, _HOLD, _DURATION = DoseKind.REPS, DoseKind.HOLD, DoseKind.DURATION
_DOSE_FIELDS = {"reps": _REPS, "hold_seconds": _HOLD, "duration_seconds": _DURATION}
_DOSE_FIELD_OF = {kind: field for field, kind in _DOSE_FIELDS.items()}
_SIDES_WORDS = {"both": Sides.BOTH, "each": Sides.EACH}


def field_range(field: str) -> tuple[float, float]:
    """The (low, high) a routine file allows for ``field`` (a STEP_RANGES key:
    counts, seconds, kg); the editor takes its limits from here. KeyError for
    a field without a range."""
    rng = STEP_RANGES[field]
    return rng.low, rng.high


STEP_KEYS = {
    "exercise",
    "sets",
    "reps",
    "tempo",
    "hold_seconds",
    "duration_seconds",
    "sides",
    "rest_between_sets",
    "rest_after",
    "single_leg",
    "load_kg",
    "band",
    "balance_level",
    "rm",
    "levels",
}
LEVEL_KEYS = {
    "name", "note", "sets", "reps", "hold_seconds", "duration_seconds", "tempo", "sides",
    "single_leg", "load_kg", "band", "balance_level", "rm",
}
ROUTINE_KEYS = {
    "format_version",
    "id",
    "name",
    "description",
    "sources",
    "sessions_per_week",
    "sessions_per_day",
    "suits",
    "schedule",
    "steps",
}


EXERCISE_KEYS = {
    "name", "cue", "steps", "mistake", "feel", "illustration", "ask_pain", "timed", "beats", "tempo",
    "sides", "band",
}
_TIMED_WORDS = {t.value: t for t in Timed}  # as _SIDES_WORDS above


def _plain_name(text: str, allowed: str) -> bool:
    """Whether ``text`` holds only letters, digits and the ``allowed``
    characters (an empty text does). One ``str.isalnum`` on the whole text
    rather than a generator over its characters, as start-up checks ~70 names."""
    for char in allowed:
        text = text.replace(char, "")
    return not text or text.isalnum()


def parse_exercise_library(text: str, origin: str = "exercises.toml") -> dict[str, Exercise]:
    """Parse the exercises file (TOML text) into exercises by id.

    Raises RoutineError naming ``origin`` and the field for a bad entry.
    """
    return exercise_library_from_data(_parse_toml(text, origin), origin)


def exercise_library_from_data(data: Mapping[str, Any], origin: str = "exercises.toml") -> dict[str, Exercise]:
    """The library from the file's tables (already read from TOML), checked."""
    exercises: dict[str, Exercise] = {}
    for ex_id, entry in data.items():
        where = f"exercise '{ex_id}'"
        if not _is_table(entry):
            raise RoutineError(origin, where, "must be a table with name and cue")
        _reject_unknown(entry, EXERCISE_KEYS, origin, where)
        steps = entry.get("steps", [])
        if not isinstance(steps, list) or not 3 <= len(steps) <= 5 or not all(
            isinstance(s, str) and s.strip() for s in steps
        ):
            raise RoutineError(origin, f"{where}, steps", "must be 3 to 5 lines of text")
        illustration = _text(entry, "illustration", origin, where, MAX_NAME)
        if not _plain_name(illustration, "-"):
            raise RoutineError(origin, f"{where}, illustration", "must be a plain name")
        ask_pain = entry.get("ask_pain", False)
        if not isinstance(ask_pain, bool):
            raise RoutineError(origin, f"{where}, ask_pain", "must be true or false")
        # no default: a movement that read "Hold for 10 s" when timed (ankle
        # circles) showed every exercise must say how its timed set is done
        timed = _TIMED_WORDS.get(entry.get("timed"))
        if timed is None:
            raise RoutineError(origin, f"{where}, timed", "must be given: hold, move or apply")
        beats = entry.get("beats", ["up", "hold", "down"])
        if not isinstance(beats, list) or len(beats) != 3 or not all(
            isinstance(b, str) and b.strip() and len(b) <= MAX_BEAT for b in beats
        ):
            raise RoutineError(
                origin, f"{where}, beats", f"must be three words (up, hold, down), each at most {MAX_BEAT} characters"
            )
        exercises[ex_id] = Exercise(
            id=ex_id,
            name=_text(entry, "name", origin, where, MAX_NAME),
            cue=_text(entry, "cue", origin, where, MAX_TEXT),
            steps=tuple(s.strip() for s in steps),
            mistake=_text(entry, "mistake", origin, where, MAX_TEXT),
            feel=_text(entry, "feel", origin, where, MAX_TEXT),
            illustration=illustration,
            ask_pain=ask_pain,
            timed=timed,
            beats=(beats[0].strip(), beats[1].strip(), beats[2].strip()),
            tempo=_parse_tempo(entry["tempo"], origin, f"{where}, tempo") if "tempo" in entry else None,
            sides=_sides(entry, origin, where),
            band=_band(entry, origin, where) or "",
        )
    return exercises


def parse_routine(
    text: str | bytes,
    library: Mapping[str, Exercise],
    origin: str = "routine",
    builtin: bool = False,
) -> Routine:
    """Turn the text of a routine file into a Routine, or raise RoutineError."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise RoutineError(origin, "", f"file is larger than {MAX_FILE_BYTES // 1024} KiB")
        if utf16(text):  # (its zero bytes are UTF-8 too: it may decode)
            raise RoutineError(origin, "", "saved as UTF-16 text; save it again as UTF-8 text, as the app "
                               "writes routine files")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RoutineError(origin, "", f"not UTF-8 text, as the app writes routine files ({not_utf8(exc)});"
                               " save it again as UTF-8 text") from None
    if len(text) > MAX_FILE_BYTES:
        raise RoutineError(origin, "", f"file is larger than {MAX_FILE_BYTES // 1024} KiB")
    problem = _shape_problem(text)
    if problem:
        raise RoutineError(origin, "", problem)
    try:
        return routine_from_data(_parse_toml(text, origin), library, origin, builtin)
    except RoutineError:
        raise
    except (RecursionError, OverflowError, ValueError) as exc:
        # A TOML reader or number conversion giving up on a pathological
        # value (a 5,000-digit number, say): the file is refused like any
        # other bad file, never allowed to stop the app.
        raise RoutineError(origin, "", f"holds a value that cannot be read ({str(exc)[:80]})") from None


def _shown(value: Any) -> str:
    """A value as quoted in a message: at most about 40 characters."""
    import reprlib

    shortener = reprlib.Repr()
    shortener.maxstring = shortener.maxother = shortener.maxlong = 40
    return shortener.repr(value)


# Strings and comments (skipped), brackets, line ends, and dots that are not
# a decimal point: what _shape_problem() looks at. Compiled on first use
# (only a routine file is read through it): compiling it costs about a
# million instructions, and with the built-in routines cached a start
# without routine files of the runner's own reads none.
_SHAPE_TOKENS = (
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*'
    r"|[\[\]{}]|\n|(?<![0-9])\."
)
MAX_NESTING = 16  # brackets inside brackets; a routine file needs 3
MAX_KEY_PARTS = 16  # dots in one line's keys; a routine file needs 2


def _shape_problem(text: str) -> str | None:
    """Why ``text`` is too deeply nested to be a routine file, or None.

    Checked in one linear pass before the TOML reader sees the text: deep
    brackets exhaust Python's recursion limit, and long dotted keys
    (``a.a.a...``) take the stdlib reader time that grows with the square of
    their length (30 s for an 80 KB line).
    """
    depth = parts = 0
    for match in re.finditer(_SHAPE_TOKENS, text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return f"brackets are nested more than {MAX_NESTING} deep"
        elif token in "]}":
            depth -= 1
        elif token == "\n":
            parts = 0
        elif token == ".":
            parts += 1
            if parts > MAX_KEY_PARTS:
                return f"a line has keys of more than {MAX_KEY_PARTS} parts"
    return None


def routine_from_data(
    data: Mapping[str, Any], library: Mapping[str, Exercise], origin: str = "routine", builtin: bool = False
) -> Routine:
    """A routine from a file's tables (already read from TOML), checked field by field."""
    _reject_unknown(data, ROUTINE_KEYS, origin, "")
    version = data.get("format_version")
    if version is None:
        problem = (f"missing: a routine file starts with format_version = {FORMAT_VERSION}"
                   if data else "the file is empty, or holds no routine")
        raise RoutineError(origin, "format_version" if data else "", problem)
    if isinstance(version, int) and not isinstance(version, bool) and FORMAT_VERSION < version < 100:
        raise RoutineError(origin, "format_version", f"{version}: the file was made by a newer "
                           "version of Ankle Trainer; update the app to use it")
    if version != FORMAT_VERSION:
        raise RoutineError(
            origin, "format_version", f"must be {FORMAT_VERSION} (found {_shown(version)})"
        )
    routine_id = _text(data, "id", origin, "", MAX_NAME)
    if not _plain_name(routine_id, "-_"):
        raise RoutineError(origin, "id", "may only hold letters, digits, '-' and '_'")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise RoutineError(origin, "steps", "needs at least one [[steps]] entry")
    if len(raw_steps) > MAX_STEPS:
        raise RoutineError(origin, "steps", f"at most {count(MAX_STEPS, 'step')}")
    steps = tuple(
        _parse_step(raw, library, origin, f"step {i}") for i, raw in enumerate(raw_steps, 1)
    )
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise RoutineError(origin, "sources", "must be a list of strings")
    if len(sources) > MAX_SOURCES:
        raise RoutineError(origin, "sources", f"at most {MAX_SOURCES} sources")
    for i, source in enumerate(sources, 1):
        if len(source) > MAX_TEXT:
            raise RoutineError(origin, f"sources, item {i}", f"at most {MAX_TEXT} characters")
    per_week = data.get("sessions_per_week")
    if per_week is not None:
        per_week = int(_number(data, "sessions_per_week", STEP_RANGES["sessions_per_week"], origin, ""))
    per_day = int(_number(data, "sessions_per_day", STEP_RANGES["sessions_per_day"], origin, "", 1))
    suits = _parse_suits(data.get("suits", []), origin)
    return Routine(
        id=routine_id,
        name=_text(data, "name", origin, "", MAX_NAME),
        description=_text(data, "description", origin, "", MAX_TEXT, default=""),
        steps=steps,
        sources=tuple(sources),
        sessions_per_week=per_week,
        sessions_per_day=per_day,
        builtin=builtin,
        origin=origin,
        suits=suits,
        schedule=_text(data, "schedule", origin, "", MAX_NAME, default=""),
    )


def _parse_suits(raw: Any, origin: str) -> tuple[str, ...]:
    """The conditions a routine declares it suits: a list of distinct ids
    from :data:`core.conditions.CONDITION_IDS` (may be empty)."""
    from .conditions import CONDITION_IDS

    allowed = ", ".join(CONDITION_IDS)
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise RoutineError(origin, "suits", f"must be a list of condition names ({allowed})")
    for item in raw:
        if item not in CONDITION_IDS:
            raise RoutineError(origin, "suits", f"unknown condition '{item}' (allowed: {allowed})")
    if len(set(raw)) != len(raw):
        raise RoutineError(origin, "suits", "names a condition twice")
    return tuple(raw)


def _unknown_exercise(ex_id: str, library: Mapping[str, Exercise]) -> str:
    """Why ``ex_id`` is refused, with the ids it may have meant: those like it
    ("did you mean 'heel-drop-bent' or 'heel-drop-straight'?"); when none is
    like it, it says so and names none (thirty-first re-test: "no id is like
    it; the nearest are 'marching', …" suggested ids nothing like it)."""
    from difflib import get_close_matches

    close = get_close_matches(ex_id, list(library), n=3)
    if close:
        return f"unknown exercise '{ex_id}'; did you mean {_either(close)}?"
    return (f"unknown exercise '{ex_id}': no exercise of the app has an id like it (a routine file"
            " names exercises by the ids the app's own routine files use)")


def _either(ids: list[str], word: str = "or") -> str:
    """``ids`` quoted and listed: "'a'", "'a' or 'b'", "'a', 'b' or 'c'"."""
    *rest, last = [f"'{i}'" for i in ids]
    return f"{', '.join(rest)} {word} {last}" if rest else last


def _parse_step(
    raw: Any, library: Mapping[str, Exercise], origin: str, where: str
) -> Step:
    if not _is_table(raw):
        raise RoutineError(origin, where, "must be a table")
    _reject_unknown(raw, STEP_KEYS, origin, where)
    ex_id = _text(raw, "exercise", origin, where, MAX_NAME)
    if ex_id not in library:
        raise RoutineError(origin, f"{where}, exercise", _unknown_exercise(ex_id, library))
    dose_keys = _DOSE_FIELDS.keys() & raw.keys()
    if len(dose_keys) != 1:
        raise RoutineError(
            origin, where, "needs exactly one of reps, hold_seconds or duration_seconds"
        )
    (dose_key,) = dose_keys
    kind = _DOSE_FIELDS[dose_key]
    sides = _sides(raw, origin, where)
    # An absent key is its default without a call: the checks run at each start.
    sets = int(_number(raw, "sets", STEP_RANGES["sets"], origin, where)) if "sets" in raw else 1
    reps = seconds = None
    tempo = None
    if kind is _REPS:
        reps = int(_number(raw, "reps", STEP_RANGES["reps"], origin, where))
        tempo = (_parse_tempo(raw["tempo"], origin, f"{where}, tempo") if "tempo" in raw
                 else library[ex_id].default_tempo)  # the exercise's own pace, if it has one
    else:
        if "tempo" in raw:
            raise RoutineError(origin, f"{where}, tempo", "only applies to steps with reps")
        seconds = _number(raw, dose_key, STEP_RANGES[dose_key], origin, where)
        if kind is _DURATION and sets != 1:
            raise RoutineError(origin, f"{where}, sets", "a duration step has one set")
    return Step(
        exercise=library[ex_id],
        kind=kind,
        sets=sets,
        reps=reps,
        seconds=seconds,
        tempo=tempo,
        sides=sides,
        rest_between_sets=(
            _number(raw, "rest_between_sets", STEP_RANGES["rest_between_sets"], origin, where)
            if "rest_between_sets" in raw
            else None
        ),
        rest_after=(_number(raw, "rest_after", STEP_RANGES["rest_after"], origin, where)
                    if "rest_after" in raw else 0.0),
        single_leg=_flag(raw, "single_leg", origin, where, False),
        load_kg=_number(raw, "load_kg", STEP_RANGES["load_kg"], origin, where) if "load_kg" in raw else 0.0,
        band=_band(raw, origin, where) or "",
        balance_level=int(_number(raw, "balance_level", STEP_RANGES["balance_level"], origin, where, 0))
        if "balance_level" in raw else 0,
        rm=_rm(raw, kind, origin, where) or 0,
        levels=_parse_levels(raw.get("levels"), kind, origin, where),
    )


def _parse_levels(raw: Any, kind: DoseKind, origin: str, where: str) -> tuple[Level, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(_is_table(x) for x in raw):
        raise RoutineError(origin, f"{where}, levels", "must be a list of [[steps.levels]] tables")
    if len(raw) > MAX_LEVELS:
        raise RoutineError(origin, f"{where}, levels", f"at most {count(MAX_LEVELS, 'level')}")
    allowed_dose = _DOSE_FIELD_OF[kind]
    seconds_key = "hold_seconds" if kind is _HOLD else "duration_seconds"
    levels = []
    for i, lv in enumerate(raw, 1):
        place = f"{where}, level {i}"
        _reject_unknown(lv, LEVEL_KEYS, origin, place)
        for key in _DOSE_FIELDS:
            if key in lv and key != allowed_dose:
                raise RoutineError(origin, f"{place}, {key}", f"this step is dosed in {allowed_dose}")
        if "tempo" in lv and kind is not _REPS:
            raise RoutineError(origin, f"{place}, tempo", "only applies to steps with reps")
        sides = _sides(lv, origin, place) if "sides" in lv else None
        levels.append(Level(
            name=_text(lv, "name", origin, place, MAX_NAME),
            note=_text(lv, "note", origin, place, MAX_TEXT, default=""),
            sets=int(_number(lv, "sets", STEP_RANGES["sets"], origin, place)) if "sets" in lv else None,
            reps=int(_number(lv, "reps", STEP_RANGES["reps"], origin, place)) if "reps" in lv else None,
            seconds=_number(lv, seconds_key, STEP_RANGES[seconds_key], origin, place) if seconds_key in lv else None,
            tempo=_parse_tempo(lv["tempo"], origin, f"{place}, tempo") if "tempo" in lv else None,
            sides=sides,
            single_leg=_flag(lv, "single_leg", origin, place, None),
            load_kg=_number(lv, "load_kg", STEP_RANGES["load_kg"], origin, place) if "load_kg" in lv else None,
            band=_band(lv, origin, place),
            balance_level=int(_number(lv, "balance_level", STEP_RANGES["balance_level"], origin, place))
            if "balance_level" in lv else None,
            rm=_rm(lv, kind, origin, place),
        ))
    return tuple(levels)


def _rm(data: Mapping[str, Any], kind: DoseKind, origin: str, where: str) -> int | None:
    """A load given as a repetition maximum (only for steps with reps)."""
    if "rm" not in data:
        return None
    if kind is not _REPS:
        raise RoutineError(origin, f"{where}, rm", "only applies to steps with reps")
    return int(_number(data, "rm", STEP_RANGES["rm"], origin, where))


def _flag(data: Mapping[str, Any], key: str, origin: str, where: str, default: bool | None) -> Any:
    value = data.get(key, default)
    if value is not default and not isinstance(value, bool):
        raise RoutineError(origin, f"{where}, {key}", "must be true or false")
    return value


def _sides(data: Mapping[str, Any], origin: str, where: str) -> Sides:
    """The table's ``sides``: "both" (the default) or "each"."""
    word = data.get("sides", "both")
    sides = _SIDES_WORDS.get(word) if isinstance(word, str) else None  # see _SIDES_WORDS
    if sides is None:
        raise RoutineError(origin, f"{where}, sides", "must be 'both' or 'each'")
    return sides


def _band(data: Mapping[str, Any], origin: str, where: str) -> str | None:
    """A band by the name the user knows it by (a colour, usually)."""
    if "band" not in data:
        return None
    value = data["band"]
    if not isinstance(value, str) or not value.strip():
        raise RoutineError(origin, f"{where}, band", "must be a name such as 'green'")
    if len(value) > MAX_BAND or not _plain_name(value, " -"):
        raise RoutineError(
            origin, f"{where}, band", f"at most {MAX_BAND} letters, digits, spaces or '-'"
        )
    return value.strip()


def _parse_tempo(raw: Any, origin: str, where: str) -> Tempo:
    if raw is None:
        return Tempo()
    if not _is_table(raw):
        raise RoutineError(origin, where, "must be a table like { up = 2, hold = 1, down = 3 }")
    _reject_unknown(raw, {"up", "hold", "down"}, origin, where)
    rng = STEP_RANGES["tempo_part"]
    tempo = Tempo(  # up, hold, down (by position: a third of the keyword call's cost)
        _number(raw, "up", rng, origin, where, 1),
        _number(raw, "hold", rng, origin, where, 0),
        _number(raw, "down", rng, origin, where, 2),
    )
    if tempo.seconds_per_rep < 1:
        raise RoutineError(origin, where, "one repetition must take at least 1 second")
    return tempo


def _parse_toml(text: str, origin: str) -> dict[str, Any]:
    # Imported here: with the built-in routines cached, start-up reads no TOML.
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoutineError(origin, "", _toml_problem(str(exc), text)) from None


def _toml_problem(said: str, text: str = "") -> str:
    """The TOML reader's complaint (``"Illegal character '\\n' (at line 3,
    column 15)"``) as plain words naming the place and what to look for
    (twenty-ninth re-test: the reader's own words, escapes and all)."""
    import re

    place = re.search(r"\(at line (\d+), column (\d+)\)", said)
    where = f"line {place[1]}, column {place[2]}" if place else "the end of the file"
    hints = (
        ("Illegal character '\\n'", "a text in quotes is not closed on its line"),
        ("Cannot overwrite", "a key is given twice"),
        ("Expected '='", "a line is not in the form key = value"),
        ("Expected ']", "a [section] or [[steps]] heading is not closed"),
        ("Invalid value", "a value is missing or not closed (a quote, [ or {)"),
    )
    hint = next((words for start, words in hints if said.startswith(start)), "the text there is not as a routine file writes it")
    if said.startswith("Cannot overwrite") and place:  # which key (thirty-first re-test)
        lines = text.splitlines()
        row = int(place[1]) - 1
        key = lines[row].split("=", 1)[0].strip() if 0 <= row < len(lines) and "=" in lines[row] else ""
        if key and len(key) <= 40:
            hint = f"the key {key} is given twice"
    return f"the text at {where} cannot be read: {hint}"


def _is_table(value: Any) -> bool:
    """Whether ``value`` is a TOML table: a dict, as TOML and JSON give, asked
    first (start-up reads some 300 of them), or any other mapping."""
    return type(value) is dict or isinstance(value, Mapping)


def _reject_unknown(data: Mapping[str, Any], allowed: set[str], origin: str, where: str) -> None:
    if allowed.issuperset(data):
        return
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise RoutineError(
            origin,
            where,
            f"unknown key '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})",
        )


_MISSING = object()


def _text(
    data: Mapping[str, Any],
    key: str,
    origin: str,
    where: str,
    limit: int,
    default: Any = _MISSING,
) -> str:
    value = data.get(key, default)
    if type(value) is str and len(value) <= limit:  # the usual case, checked first (start-up)
        text = value.strip()
        if text or default is not _MISSING:
            return text
    place = f"{where}, {key}" if where else key
    if value is _MISSING:
        raise RoutineError(origin, place, f"missing: the file needs a line {key} = …")  # not "is required"
    if not isinstance(value, str) or not value.strip() and default is _MISSING:
        raise RoutineError(origin, place, "must be non-empty text")
    if len(value) > limit:
        raise RoutineError(origin, place, f"at most {limit} characters")
    return value.strip()


def _number(
    data: Mapping[str, Any],
    key: str,
    rng: _Range,
    origin: str,
    where: str,
    default: float | object = _MISSING,
) -> float:
    value = data.get(key, default)
    kind_of = type(value)
    if (kind_of is int or kind_of is float and not rng.integer) and rng.low <= value <= rng.high:
        return float(value)  # the usual case, checked first (start-up)
    place = f"{where}, {key}" if where else key
    if value is _MISSING:
        raise RoutineError(origin, place, f"missing: the file needs a line {key} = …")  # not "is required"
    kind = "a whole number" if rng.integer else "a number"
    allowed = int if rng.integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, allowed):
        raise RoutineError(origin, place, f"must be {kind} from {rng.low:g} to {rng.high:g}")
    if not rng.low <= value <= rng.high:
        raise RoutineError(
            origin, place, f"{_shown(value)} is out of range: {kind} from {rng.low:g} to {rng.high:g}"
        )
    return float(value)


# -- writing ------------------------------------------------------------------------


def routine_to_data(routine: Routine) -> dict[str, Any]:
    """The routine as the TOML file's tables (what parse_routine reads back)."""
    data: dict[str, Any] = {"format_version": FORMAT_VERSION, "id": routine.id, "name": routine.name}
    if routine.description:
        data["description"] = routine.description
    if routine.sources:
        data["sources"] = list(routine.sources)
    if routine.sessions_per_week is not None:
        data["sessions_per_week"] = routine.sessions_per_week
    if routine.sessions_per_day != 1:
        data["sessions_per_day"] = routine.sessions_per_day
    if routine.suits:
        data["suits"] = list(routine.suits)
    if routine.schedule:
        data["schedule"] = routine.schedule
    data["steps"] = [_step_data(step) for step in routine.steps]
    return data


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def _tempo_data(tempo: Tempo) -> dict[str, int | float]:
    return {"up": _num(tempo.up), "hold": _num(tempo.hold), "down": _num(tempo.down)}


def _step_data(step: Step) -> dict[str, Any]:
    out: dict[str, Any] = {"exercise": step.exercise.id}
    if step.kind is DoseKind.REPS:
        out["sets"] = step.sets
        out["reps"] = step.reps
        if step.tempo is not None:
            out["tempo"] = _tempo_data(step.tempo)
    elif step.kind is DoseKind.HOLD:
        out["sets"] = step.sets
        out["hold_seconds"] = _num(step.seconds or 0)
    else:
        out["duration_seconds"] = _num(step.seconds or 0)
    if step.sides is Sides.EACH:
        out["sides"] = "each"
    if step.rest_between_sets is not None:
        out["rest_between_sets"] = _num(step.rest_between_sets)
    if step.rest_after:
        out["rest_after"] = _num(step.rest_after)
    if step.single_leg:
        out["single_leg"] = True
    if step.load_kg:
        out["load_kg"] = _num(step.load_kg)
    if step.band:
        out["band"] = step.band
    if step.balance_level:
        out["balance_level"] = step.balance_level
    if step.rm:
        out["rm"] = step.rm
    if step.levels:
        out["levels"] = [_level_data(lv, step.kind) for lv in step.levels]
    return out


def _level_data(lv: Level, kind: DoseKind) -> dict[str, Any]:
    out: dict[str, Any] = {"name": lv.name}
    if lv.note:
        out["note"] = lv.note
    if lv.sets is not None:
        out["sets"] = lv.sets
    if lv.reps is not None:
        out["reps"] = lv.reps
    if lv.seconds is not None:
        out["hold_seconds" if kind is DoseKind.HOLD else "duration_seconds"] = _num(lv.seconds)
    if lv.tempo is not None:
        out["tempo"] = _tempo_data(lv.tempo)
    if lv.sides is not None:
        out["sides"] = str(lv.sides)
    if lv.single_leg is not None:
        out["single_leg"] = lv.single_leg
    if lv.load_kg is not None:
        out["load_kg"] = _num(lv.load_kg)
    if lv.band is not None:
        out["band"] = lv.band
    if lv.balance_level is not None:
        out["balance_level"] = lv.balance_level
    if lv.rm is not None:
        out["rm"] = lv.rm
    return out


def routine_to_toml(routine: Routine) -> str:
    """A routine as routine-file TOML text that ``parse_routine`` reads back unchanged."""
    import tomli_w

    return tomli_w.dumps(routine_to_data(routine), multiline_strings=True)


def name_holder(name: str, routine_id: str, routines: Iterable[Routine]) -> Routine | None:
    """The routine, other than ``routine_id``, already called ``name`` (case
    and surrounding spaces aside), or None: every list, History and the
    report tell routines apart by name alone (thirty-first re-test: two
    "Ankle mobility" rows, one routine to a physio)."""
    wanted = name.strip().casefold()
    return next((r for r in routines if r.id != routine_id and r.name.strip().casefold() == wanted), None)


def named_apart(routine: Routine, routines: Iterable[Routine]) -> Routine:
    """``routine``, named as a copy is ("… (my copy)") when another of
    ``routines`` is already called its name (:func:`name_holder`); as it was
    otherwise. The editor's import and ``routine import`` both use it."""
    others = [r for r in routines if r.id != routine.id]
    if name_holder(routine.name, routine.id, others) is None:
        return routine
    return routine._replace(name=copy_name(routine.name, {r.name for r in others}))


def copy_name(name: str, taken: set[str]) -> str:
    """The name of a copy of routine ``name``: "X (my copy)", then "X (my copy
    2)", 3 ... for the first not in ``taken``; a copy of a copy counts on from
    its original's name, not "X (my copy) (my copy)" (twentieth re-test). At
    most MAX_NAME characters, the original's name shortened to fit."""
    stem, _ = _copy_number(name)
    number = 1
    while True:
        suffix = " (my copy)" if number == 1 else f" (my copy {number})"  # not a count
        candidate = stem[:MAX_NAME - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


def new_name(taken: set[str]) -> str:
    """The name of a new routine: "My routine", then "My routine 2", 3 ...
    for the first not in ``taken`` (twenty-fifth re-test: three routines
    named "My routine", and which was new could not be told)."""
    number = 1
    while True:
        candidate = "My routine" if number == 1 else f"My routine {number}"  # not a count
        if candidate not in taken:
            return candidate
        number += 1


# " (my copy)" or " (my copy 3)" at the end of a name (a string: re caches
# it compiled, and a start without routines of one's own never compiles it)
_COPY_SUFFIX = r" \(my copy(?: (\d+))?\)$"


def _copy_number(name: str) -> tuple[str, int]:
    """``name`` without a copy's suffix, and the copy's number (0 for none)."""
    match = re.search(_COPY_SUFFIX, name)
    if match is None:
        return name, 0
    return name[:match.start()], int(match.group(1) or 1)


def listing_key(name: str) -> tuple[list[str | int], int, str]:
    """Where a routine of the runner's own comes in a list: by name,
    ignoring case, each copy right after its original and the copies in the
    order they were made ("X", "X (my copy)", "X (my copy 2)"; twenty-first
    re-test: copies came first, newest first, in the order of their hidden
    ids); numbers in names by value ("My routine 2" before "My routine 10")."""
    stem, number = _copy_number(name)
    # numbers in the name by their value: "My routine 2" before "My routine 10"
    parts: list[str | int] = [int(p) if i % 2 else p for i, p in enumerate(re.split(r"(\d+)", stem.casefold()))]
    return parts, number, name
