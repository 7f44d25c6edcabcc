"""The red-flag check before the first session of the day.

The questions follow the project's clinical notes (Ottawa ankle rules;
emergency and urgent signs; the red flags added after the second review:
Achilles rupture, bone stress, fluoroquinolone antibiotics, inflammatory
signs, and the three kinds of numb foot). The app never diagnoses: each yes
either stops the session or limits what may be done, and says plainly where
to seek care.

Each :class:`RedFlag` is data: its question, how urgent care is
(:class:`Outcome`), whether it stops today's session, what it blocks
(:class:`Block`) and its own advice. :func:`decide` turns a set of answers
(and, optionally, the routine about to start) into a :class:`Decision`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import IntEnum, StrEnum
from typing import NamedTuple


class Outcome(IntEnum):
    """How soon to get care, from clear to emergency (most serious wins); stored as
    ``key`` in the history.

    Sources: Ottawa ankle rules and the urgent signs in the clinical notes.
    """

    CLEAR = 0
    SEE_SOON = 1
    URGENT = 2
    EMERGENCY = 3

    @property
    def key(self) -> str:
        """The outcome as stored in history: "clear", "see_soon", "urgent" or "emergency"."""
        return self.name.lower()


class Block(StrEnum):
    """What a red flag rules out, beyond today's session."""

    CALF_LOADING = "calf_loading"  # heel drops, calf raises, heavy calf work
    TENDON_LOADING = "tendon_loading"  # any exercise that loads the Achilles
    HEEL_RISE_TEST = "heel_rise_test"
    LOADING = "loading"  # any exercise that loads the leg until a doctor has seen it


class RedFlag(NamedTuple):
    """One question of the red-flag check: its id (stored), the words shown, and
    the outcome a yes leads to (clinical notes: Ottawa ankle rules, urgent signs).
    """

    id: str
    question: str
    outcome: Outcome
    advice: str  # plain words: what to do and where to go
    stops: bool = True  # no session today
    blocks: frozenset[Block] = frozenset()


_EMERGENCY = (
    "Please don't exercise. Call your local emergency number (such as 999, 112 or 911) or go "
    "to an emergency department now."
)
_URGENT = (
    "Please don't exercise today. See a doctor or an urgent care service today: this needs a "
    "professional to check it."
)
# The Ottawa ankle questions (clinical-notes "Red flags"): these are the ones an X-ray answers.
_OTTAWA = (
    "Please don't exercise today. See a doctor or an urgent care service today: this needs a "
    "professional to check the bones of the ankle and foot, and may need an X-ray."
)
# Fever (clinical-notes "Red flags", urgent): an infection is not something to train through.
_FEVER = (
    "Please don't exercise today. See a doctor today, and tell them about the fever or the "
    "shivers and about your ankle."
)
# One-sided calf swelling, warmth and redness (clinical-notes: urgent, possible clot).
_CLOT = (
    "Please don't exercise today. This could be a clot: see a doctor or an "
    "urgent care service today, the same day. If you become short of breath or have chest "
    "pain, call your local emergency number now."
)

RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "numb_cold_foot",
        "After an injury, the foot is cold, or has turned pale, blue or grey.",
        Outcome.EMERGENCY,
        _EMERGENCY,
    ),
    RedFlag(
        "calf_and_breathless",
        "A swollen calf together with shortness of breath or chest pain.",
        Outcome.EMERGENCY,
        _EMERGENCY,
    ),
    RedFlag(
        "achilles_rupture",
        "A sudden pop, or a feeling of being kicked at the back of the heel, or I can't rise "
        "onto the toes of that leg.",
        Outcome.URGENT,
        "Please don't exercise, and don't test the calf. See a doctor or an urgent care service "
        "today, the same day: tell them it happened suddenly at the back of the heel. No heel "
        "drops, calf raises or heel-rise test until a doctor has checked it.",
        blocks=frozenset({Block.CALF_LOADING, Block.TENDON_LOADING, Block.HEEL_RISE_TEST}),
    ),
    RedFlag("cannot_walk", "I can't take four steps on that foot.", Outcome.URGENT, _OTTAWA),
    RedFlag(
        "bone_tender",
        "Any tenderness when I press the back edge or tip of either ankle bone (its lower 6 cm), "
        "the bony bump on the outer edge of the mid-foot, or the bone on the inner top of the "
        "mid-foot.",
        Outcome.URGENT,
        _OTTAWA,
    ),
    RedFlag(
        "foot_drop",
        "The foot drops or slaps when I walk: I can't lift the toes.",
        Outcome.URGENT,
        "Please don't exercise today. See a doctor or an urgent care service today, and tell "
        "them you cannot lift your toes.",
    ),
    RedFlag(
        "calf_swollen_warm",
        "One calf is swollen, warm and red.",
        Outcome.URGENT,
        _CLOT,
    ),
    RedFlag("fever", "I have a fever, or feel hot and shivery.", Outcome.URGENT, _FEVER),
    RedFlag(
        "bone_stress",
        "Pain pinpointed on a bone, pain when hopping, or pain at night or at rest; or I have had "
        "a stress fracture before, eat too little for my training, or have missed periods.",
        Outcome.SEE_SOON,
        "Please don't load the leg until a doctor has seen you: book an appointment with your "
        "doctor (a sports-medicine doctor if you can). Tell them about the pain on hopping or at "
        "night. A plain X-ray can miss some of these problems, so say if the pain goes on.",
        blocks=frozenset({Block.LOADING, Block.CALF_LOADING, Block.TENDON_LOADING,
                          Block.HEEL_RISE_TEST}),
    ),
    RedFlag(
        "fluoroquinolone",
        "I am taking, or took in the last few months, an antibiotic such as ciprofloxacin or "
        "levofloxacin (a fluoroquinolone).",
        Outcome.SEE_SOON,
        "These antibiotics can weaken tendons. No tendon loading for now: no heel drops, calf "
        "raises or heel-rise test. Ask the doctor or pharmacist who prescribed it, and stop and "
        "rest at the first tendon pain. Exercises that do not load the calf, such as ankle circles, are fine.",
        stops=False,
        blocks=frozenset({Block.CALF_LOADING, Block.TENDON_LOADING, Block.HEEL_RISE_TEST}),
    ),
    RedFlag(
        "inflammatory",
        "Both heels or both Achilles tendons hurt, or stiffness lasts over 30 minutes in the "
        "morning, or a joint is hot and swollen without an injury.",
        Outcome.SEE_SOON,
        "Please rest from these exercises for now and book an appointment with your doctor "
        "soon: tell them which joints are stiff or swollen and for how long in the morning.",
    ),
    RedFlag(
        "sole_tingling",
        "Tingling, burning or numbness on the sole of the foot, without an injury.",
        Outcome.SEE_SOON,
        "This is worth a routine visit: book an appointment with your doctor or "
        "physiotherapist. Exercises that do not make the tingling worse can carry on.",
        stops=False,
    ),
    RedFlag(
        "much_worse",
        "The pain is much worse than last time, or is getting worse from day to day.",
        Outcome.SEE_SOON,
        "Please rest the ankle from these exercises for now, and book an appointment with your "
        "doctor or physiotherapist soon. Tell them how your pain has changed.",
    ),
)
FLAGS = {f.id: f for f in RED_FLAGS}

# How soon to get care, by outcome (the most serious flag's advice is shown first).
ADVICE = {
    Outcome.EMERGENCY: _EMERGENCY,
    Outcome.URGENT: _URGENT,
    Outcome.SEE_SOON: (
        "Please rest the ankle from these exercises for now, and book an appointment with "
        "your doctor or physiotherapist soon. Tell them how your pain has changed."
    ),
    Outcome.CLEAR: "",
}

# Exercises from the app's library that load the calf and the Achilles tendon.
CALF_LOADING_EXERCISES = frozenset({
    "calf-raise-straight", "calf-raise-bent", "heel-drop-straight", "heel-drop-bent",
    "heel-drop-floor", "hsr-seated-calf-raise", "hsr-standing-calf-raise",
    "hsr-leg-press-calf-raise",
})
# Exercises that put no load through the leg (allowed while loading is blocked).
NON_LOADING_EXERCISES = frozenset({
    "ankle-pumps", "ankle-in-out", "ankle-circles-cw", "ankle-circles-ccw", "ice",
})


class Decision(NamedTuple):
    """What the answers mean for today.

    ``stops``: no session today. ``blocked``: what stays ruled out.
    ``routine_blocked``: the routine about to start is ruled out (a limit,
    even when the day is not stopped). ``advice``: one line per flag ticked,
    most serious first, each saying where to go.
    """

    outcome: Outcome
    stops: bool
    blocked: frozenset[Block]
    routine_blocked: bool
    advice: tuple[str, ...]

    @property
    def may_start(self) -> bool:
        """True when the chosen routine may start today: no flag stops the day or rules it out."""
        return not self.stops and not self.routine_blocked

    def heading(self) -> str:
        """The stop screen's heading, by how soon to get care."""
        if self.outcome is Outcome.EMERGENCY:
            return "Please get help now"
        if self.stops:
            return "No exercise today"
        if self.routine_blocked:
            return "Not this routine for now"
        return "Take care"


def assess(answers: Mapping[str, bool]) -> Outcome:
    """The most serious outcome among the questions answered yes; raises
    ValueError for a question id that does not exist."""
    _check(answers)
    return max((f.outcome for f in RED_FLAGS if answers.get(f.id)), default=Outcome.CLEAR)


def blocks_routine(blocked: Iterable[Block], exercise_ids: Iterable[str]) -> bool:
    """Whether a routine made of ``exercise_ids`` is ruled out by ``blocked``."""
    return bool(block_reason(blocked, exercise_ids))


def block_reason(blocked: Iterable[Block], exercise_ids: Iterable[str]) -> str:
    """Why a routine made of ``exercise_ids`` is ruled out by ``blocked``, in
    plain words (the same rules as :func:`blocks_routine`); empty when it is not."""
    blocked = set(blocked)
    ids = set(exercise_ids)
    if Block.LOADING in blocked and ids - NON_LOADING_EXERCISES:
        return ("It loads the leg, and your answers to today's safety check rule that out "
                "until a doctor has seen you.")
    if blocked & {Block.CALF_LOADING, Block.TENDON_LOADING} and ids & CALF_LOADING_EXERCISES:
        return ("It has heel drops or calf raises, which load the calf and the Achilles "
                "tendon: your answers to today's safety check rule that out for now.")
    return ""


def decide(answers: Mapping[str, bool], exercise_ids: Iterable[str] = ()) -> Decision:
    """The decision for ``answers`` (question id -> ticked), for a routine made
    of ``exercise_ids`` (its steps' exercise ids; empty when none is chosen).
    Raises ValueError for an unknown question id."""
    _check(answers)
    ticked = sorted((f for f in RED_FLAGS if answers.get(f.id)), key=lambda f: -f.outcome)
    blocked = frozenset(b for f in ticked for b in f.blocks)
    advice = tuple(dict.fromkeys(f.advice for f in ticked))
    return Decision(
        outcome=max((f.outcome for f in ticked), default=Outcome.CLEAR),
        stops=any(f.stops for f in ticked),
        blocked=blocked,
        routine_blocked=blocks_routine(blocked, exercise_ids),
        advice=advice,
    )


def _check(answers: Mapping[str, bool]) -> None:
    unknown = set(answers) - set(FLAGS)
    if unknown:
        raise ValueError(f"unknown red flags: {sorted(unknown)}")
