"""The red-flag check before the first session of the day.

The questions follow the project's clinical notes (Ottawa ankle rules;
emergency and urgent signs). The app never diagnoses: any yes stops the
session and says plainly where to seek care.
"""

from __future__ import annotations

from enum import IntEnum
from typing import NamedTuple


class Outcome(IntEnum):
    """The result of the red-flag check, from clear to emergency (most serious wins).

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


class RedFlag(NamedTuple):
    """One question of the red-flag check: its id (stored), the words shown, and
    the outcome a yes leads to (clinical notes: Ottawa ankle rules, urgent signs).
    """

    id: str
    question: str
    outcome: Outcome


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "numb_cold_foot",
        "The foot is numb or cold, or has turned pale, blue or grey.",
        Outcome.EMERGENCY,
    ),
    RedFlag(
        "calf_and_breathless",
        "A swollen calf together with shortness of breath or chest pain.",
        Outcome.EMERGENCY,
    ),
    RedFlag("cannot_walk", "I can't take four steps on that foot.", Outcome.URGENT),
    RedFlag(
        "bone_tender",
        "The ankle bones, or the middle or outer edge of the foot, hurt a lot when pressed.",
        Outcome.URGENT,
    ),
    RedFlag(
        "calf_swollen_warm",
        "One calf is swollen, warm and red.",
        Outcome.URGENT,
    ),
    RedFlag("fever", "I have a fever, or feel hot and shivery.", Outcome.URGENT),
    RedFlag(
        "much_worse",
        "The pain is much worse than last time, or is getting worse from day to day.",
        Outcome.SEE_SOON,
    ),
)

ADVICE = {
    Outcome.EMERGENCY: (
        "Please don't exercise. Call your local emergency number (such as 999, 112 or 911) "
        "or go to an emergency department now."
    ),
    Outcome.URGENT: (
        "Please don't exercise today. See a doctor or an urgent care service today: "
        "this needs a professional to check it, and may need an X-ray."
    ),
    Outcome.SEE_SOON: (
        "Please rest the ankle from these exercises for now, and book an appointment with "
        "your doctor or physiotherapist soon. Tell them how your pain has changed."
    ),
    Outcome.CLEAR: "",
}


def assess(answers: dict[str, bool]) -> Outcome:
    """The most serious outcome among the questions answered yes."""
    unknown = set(answers) - {f.id for f in RED_FLAGS}
    if unknown:
        raise ValueError(f"unknown red flags: {sorted(unknown)}")
    return max(
        (f.outcome for f in RED_FLAGS if answers.get(f.id)), default=Outcome.CLEAR
    )
