"""The built-in exercise library and routines, read from the app's resources."""

from __future__ import annotations

from functools import cache

from ..assets import asset
from .model import Exercise, Routine
from .routines import parse_exercise_library, parse_routine


@cache
def exercise_library() -> dict[str, Exercise]:
    return parse_exercise_library(asset("exercises.toml").read_text("utf-8"), "exercises.toml")


@cache
def builtin_routines() -> tuple[Routine, ...]:
    """Every routine in resources/routines, in a stable order (by file name)."""
    library = exercise_library()
    folder = asset("routines")
    entries = sorted(
        (e for e in folder.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name
    )
    routines = [
        parse_routine(e.read_bytes(), library, origin=f"routines/{e.name}", builtin=True)
        for e in entries
    ]
    order = {rid: i for i, rid in enumerate(_PREFERRED_ORDER)}
    routines.sort(key=lambda r: order.get(r.id, len(order)))
    return tuple(routines)


# The order the home screen lists them in: the everyday session first.
_PREFERRED_ORDER = (
    "complete-ankle", "heel-drops", "calf-strength", "band-work", "balance-2bfit",
    "pre-run-warmup", "ankle-mobility", "calf-stretch", "ice-timer",
)


def find_routine(routine_id: str) -> Routine | None:
    return next((r for r in builtin_routines() if r.id == routine_id), None)
