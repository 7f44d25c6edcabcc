"""Exercises, dosages, steps and routines as plain immutable data.

NamedTuples rather than dataclasses: the routine model is built before the
first window is painted, and a dataclass costs several times as much to
define (see benchmarks/startup.py).
"""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple compiles every field given as a string, at each start-up.

from enum import StrEnum
from typing import NamedTuple

from .text import count


class Sides(StrEnum):
    """How a step is done: both legs together, or each leg in turn."""

    BOTH = "both"
    EACH = "each"


class Side(StrEnum):
    """Which leg one set is done on."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"


class DoseKind(StrEnum):
    """How a step is dosed: repetitions at a tempo, timed holds, or one block of time."""

    REPS = "reps"  # sets x reps, paced by a tempo
    HOLD = "hold"  # sets x a timed hold
    DURATION = "duration"  # one block of time (warm-up, stretch, ice)


class Timed(StrEnum):
    """How a timed set of an exercise is done, which decides its words
    (core.dose): a position held still, a movement kept going, or something
    put on the ankle (an ice pack)."""

    HOLD = "hold"
    MOVE = "move"
    APPLY = "apply"


class Tempo(NamedTuple):
    """Seconds for each part of one repetition."""

    up: float = 1.0
    hold: float = 0.0
    down: float = 2.0

    @property
    def seconds_per_rep(self) -> float:
        """Seconds for one repetition: up + hold + down."""
        return self.up + self.hold + self.down

    def label(self) -> str:
        """The tempo in words, e.g. "1 s up, 0 s hold, 2 s down"."""
        def num(x: float) -> str:
            return f"{x:g}"

        return f"{num(self.up)} s up, {num(self.hold)} s hold, {num(self.down)} s down"


class Exercise(NamedTuple):
    """An exercise from resources/exercises.toml: id, name, a short cue, 3-5 how-to
    steps, one common mistake, what it should feel like, an illustration name, and
    whether to ask for pain after each set; how a timed set is done (Timed)
    and the words for the three parts of a paced repetition. ``tempo``: the
    exercise's own pace, which a step of it with reps and no tempo of its own
    takes: its method's where the method defines one (heavy slow resistance:
    3 s up, 0 s hold, 3 s down; Beyer et al., AJSM 2015;43:1704), else the one
    pace every built-in routine gives it (heel drops lower over 3 s: our
    choice for Alfredson's "lower slowly", which gives no seconds); None for
    the others.
    ``sides`` and ``band``: how a new step of it in the routine editor starts
    (a one-leg exercise each leg in turn; a band exercise with the band the
    built-in band routines start from). Routine files keep their own
    defaults (both legs, no band) whatever these say.
    """

    id: str
    name: str
    cue: str
    steps: tuple[str, ...] = ()  # how to do it, 3-5 steps
    mistake: str = ""  # one common mistake
    feel: str = ""  # what it should feel like
    illustration: str = ""  # a file in resources/illustrations, without .svg
    ask_pain: bool = False  # ask for pain during after each set
    timed: Timed = Timed.HOLD  # how a timed set is done (hold still, keep moving, put on)
    beats: tuple[str, str, str] = ("up", "hold", "down")  # words for the tempo's three parts
    tempo: Tempo | None = None  # its own pace (its method's, or the built-in routines' one pace)
    sides: Sides = Sides.BOTH  # a new editor step's sides
    band: str = ""  # a new editor step's band ("" for none)

    @property
    def default_tempo(self) -> Tempo:
        """The pace a new step of it with reps starts from: its own, else 1 s
        up, 0 s hold, 2 s down (the routine format's default)."""
        return self.tempo or Tempo()


# Balance difficulty as in the 2BFit programme (Hupperets et al., BMJ 2009).
BALANCE_LEVELS = {
    1: "firm floor, a hand on a support if needed",
    2: "eyes closed or no hand hold",
    3: "on a cushion or balance board",
}


class Level(NamedTuple):
    """A step's dose at a higher level of its routine. None keeps the value of
    the level below."""

    name: str
    note: str = ""
    sets: int | None = None
    reps: int | None = None
    seconds: float | None = None
    tempo: Tempo | None = None
    sides: Sides | None = None
    single_leg: bool | None = None
    load_kg: float | None = None
    band: str | None = None
    balance_level: int | None = None
    rm: int | None = None


class Step(NamedTuple):
    """One exercise in a routine with its dose: sets, reps or seconds (holds and
    blocks), tempo, sides, rests in seconds (None between sets: the user's
    default), load in kg, band, balance level 1-3 and harder levels.
    """

    exercise: Exercise
    kind: DoseKind
    sets: int = 1
    reps: int | None = None
    seconds: float | None = None  # hold length (HOLD) or block length (DURATION)
    tempo: Tempo | None = None
    sides: Sides = Sides.BOTH
    rest_between_sets: float | None = None  # None: the user's default rest setting
    rest_after: float = 0.0
    single_leg: bool = False  # done on one leg at a time
    load_kg: float = 0.0  # added weight, e.g. a backpack
    band: str = ""  # resistance band, by the name the user knows it by
    balance_level: int = 0  # 1-3 (BALANCE_LEVELS); 0 when it does not apply
    levels: tuple[Level, ...] = ()  # harder versions, level 1 upwards
    level_note: str = ""  # what the current level asks, shown during the set
    # Load as a repetition maximum: the heaviest weight the runner can lift
    # ``rm`` times (e.g. 15 for "15RM"), chosen and recorded by the runner.
    # 0 when the step is not dosed that way. Heavy slow resistance (Beyer et al.,
    # AJSM 2015;43:1704) is dosed like this.
    rm: int = 0

    def at_level(self, level: int) -> "Step":
        """This step at a routine level (0 = as written); a step with fewer
        levels stays at its last one. Each level builds on the one below."""
        step = self
        for lv in self.levels[: max(0, level)]:
            step = step._replace(
                sets=lv.sets if lv.sets is not None else step.sets,
                reps=lv.reps if lv.reps is not None else step.reps,
                seconds=lv.seconds if lv.seconds is not None else step.seconds,
                tempo=lv.tempo if lv.tempo is not None else step.tempo,
                sides=lv.sides if lv.sides is not None else step.sides,
                single_leg=lv.single_leg if lv.single_leg is not None else step.single_leg,
                load_kg=lv.load_kg if lv.load_kg is not None else step.load_kg,
                band=lv.band if lv.band is not None else step.band,
                balance_level=lv.balance_level if lv.balance_level is not None else step.balance_level,
                rm=lv.rm if lv.rm is not None else step.rm,
                level_note=lv.note or lv.name,
            )
        return step

    @property
    def seconds_per_set(self) -> float:
        """How long one set on one side takes."""
        if self.kind is DoseKind.REPS:
            assert self.reps is not None and self.tempo is not None
            return self.reps * self.tempo.seconds_per_rep
        assert self.seconds is not None
        return self.seconds

    def dose_label(self) -> str:
        """A short human description: '3 x 15 reps, each side', '3 holds of
        30 s', '10 min on, 10 min off, 10 min on' (core.dose.dose_phrase) and
        the extras."""
        from .dose import dose_phrase  # dose builds on this module

        return dose_phrase(self) + self.extras_label()

    def extras_label(self) -> str:
        """Load, band, balance level and single leg, as ', +5 kg' etc."""
        parts = []
        if self.single_leg:
            parts.append("single leg")
        if self.rm:
            parts.append(f"a weight you can lift {count(self.rm, 'time')} at most ({self.rm}RM)")
        if self.load_kg:
            parts.append(f"+{self.load_kg:g} kg")
        if self.band:
            parts.append(f"{self.band} band")
        if self.balance_level:
            parts.append(f"level {self.balance_level}: {BALANCE_LEVELS[self.balance_level]}")
        return "".join(f", {p}" for p in parts)


class Routine(NamedTuple):
    """A named list of steps with its sources, suggested sessions per week and per
    day (or in words when they are meant, ``schedule``), where it came from, and
    the level (0 = as written) its steps are at.
    """

    id: str
    name: str
    description: str
    steps: tuple[Step, ...]
    sources: tuple[str, ...] = ()
    sessions_per_week: int | None = None
    sessions_per_day: int = 1
    builtin: bool = False
    origin: str = ""  # where it was read from, for messages
    level: int = 0  # the level the steps are at (see at_level)
    # Conditions the routine is meant for (ids from core.triage.CONDITIONS);
    # empty for a routine that makes no claim, as user routines may.
    suits: tuple[str, ...] = ()
    # When it is meant to be done, in words, where a count a week would
    # mislead: "before each run" for a warm-up. Empty: say the count a week.
    schedule: str = ""

    @property
    def level_count(self) -> int:
        """1 + the most levels any step has (level 0 is the routine as written)."""
        return 1 + max((len(s.levels) for s in self.steps), default=0)

    def at_level(self, level: int) -> "Routine":
        """This routine with every step at ``level`` (clamped to 0 .. level_count - 1)."""
        level = max(0, min(level, self.level_count - 1))
        return self._replace(steps=tuple(s.at_level(level) for s in self.steps), level=level)

    def level_summary(self, level: int) -> str:
        """What changes at ``level``: the names its steps give it."""
        if level <= 0:
            return "as written"
        names: dict[str, None] = {}
        for step in self.steps:
            if level <= len(step.levels):
                names.setdefault(f"{step.exercise.name}: {step.levels[level - 1].name}", None)
        return "; ".join(names) or "no change"

    @property
    def target_per_week(self) -> int | None:
        """Sessions a week the routine recommends (times a day counted)."""
        if self.sessions_per_week is None:
            return None
        return self.sessions_per_week * self.sessions_per_day

    def exercise_names(self) -> list[str]:
        """Distinct exercise names in order of first appearance."""
        seen: dict[str, None] = {}
        for step in self.steps:
            seen.setdefault(step.exercise.name, None)
        return list(seen)
