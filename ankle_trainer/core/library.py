"""The built-in exercise library and routines, read from the app's resources."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from ..assets import asset
from .model import Exercise, Routine
from .routines import (
    RoutineError,
    exercise_library_from_data,
    parse_exercise_library,
    parse_routine,
    routine_from_data,
)


@cache
def exercise_library() -> dict[str, Exercise]:
    return parse_exercise_library(asset("exercises.toml").read_text("utf-8"), "exercises.toml")


@cache
def builtin_routines() -> tuple[Routine, ...]:
    """Every routine in resources/routines, in a stable order (by file name)."""
    library = exercise_library()
    routines = [
        parse_routine(e.read_bytes(), library, origin=f"routines/{e.name}", builtin=True)
        for e in _routine_entries()
    ]
    return _ordered(routines)


@cache
def builtin_ids() -> frozenset[str]:
    """The built-in routines' ids, which no routine of the runner's may take
    (a built-in routine's file is named after its id, so this reads the
    folder, not the files)."""
    return frozenset(e.name[: -len(".toml")] for e in _routine_entries())


def _routine_entries() -> list[Any]:
    folder = asset("routines")
    return sorted((e for e in folder.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)


def _ordered(routines: list[Routine]) -> tuple[Routine, ...]:
    order = {rid: i for i, rid in enumerate(_PREFERRED_ORDER)}
    routines.sort(key=lambda r: order.get(r.id, len(order)))
    return tuple(routines)


# The order the home screen lists them in: the everyday session first.
_PREFERRED_ORDER = (
    "complete-ankle", "heel-drops", "hsr", "heel-drops-floor", "sprain-protect",
    "sprain-loading", "calf-strength", "band-work", "balance-2bfit",
    "pre-run-warmup", "ankle-mobility", "calf-stretch", "ice-timer",
)


def builtins_through_cache(cache_dir: Path) -> tuple[Routine, ...]:
    """The built-in routines, reading the TOML through a cache at start-up.

    Python's TOML reader takes about 6 ms for the resource files, a fair part
    of the start-up budget, so their tables are kept as JSON in ``cache_dir``,
    named by checksums and the length of the files' bytes (so a changed file is
    read afresh).
    Only the TOML reading is saved: every value from the cache is checked
    exactly as from the files, so a damaged or edited cache cannot bring in
    anything a routine file could not; one that fails is simply rebuilt.
    """
    import zlib  # two zlib checksums: hashlib would load OpenSSL, ~3 ms of start-up

    entries = _routine_entries()
    exercises_text = asset("exercises.toml").read_bytes()
    texts = [(e.name, e.read_bytes()) for e in entries]
    blob = exercises_text + b"".join(name.encode() + b"\0" + text + b"\0" for name, text in texts)
    key = f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}{len(blob):x}"
    path = cache_dir / f"builtin-routines-{key}.json"
    try:
        data = json.loads(path.read_text("utf-8"))
        library = exercise_library_from_data(data["exercises"])
        routines = [
            routine_from_data(d, library, origin=f"routines/{name}", builtin=True)
            for name, d in data["routines"]
        ]
    except (OSError, ValueError, KeyError, TypeError, RoutineError):
        import tomllib

        tables = {
            "exercises": tomllib.loads(exercises_text.decode("utf-8")),
            "routines": [(name, tomllib.loads(text.decode("utf-8"))) for name, text in texts],
        }
        _write_cache(path, tables)
        return builtin_routines()
    return _ordered(routines)


def _write_cache(path: Path, tables: dict[str, Any]) -> None:
    """Best effort: a cache that cannot be written is only a slower start."""
    try:
        text = json.dumps(tables)
    except (TypeError, ValueError):
        return  # a TOML value JSON cannot hold (a date): no cache
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("builtin-routines-*.json"):
            old.unlink(missing_ok=True)
        from ..files import atomic_file

        with atomic_file(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError:
        pass


def find_routine(routine_id: str) -> Routine | None:
    """The built-in routine with ``routine_id``, or None."""
    return next((r for r in builtin_routines() if r.id == routine_id), None)
