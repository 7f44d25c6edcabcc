"""Where it hurts: the conditions the triage asks about and routine files
name under ``suits``.

Apart from :mod:`core.triage` because every routine file's ``suits`` list is
checked against them while the built-in routines are read, before the home
screen is first painted; the triage rules themselves load after that paint.
"""

from __future__ import annotations

from enum import StrEnum


class Condition(StrEnum):
    """Where it hurts, as the runner describes it (the first question)."""

    ACHILLES_MID = "achilles_mid"
    ACHILLES_INSERTION = "achilles_insertion"
    ACUTE_SPRAIN = "acute_sprain"
    CHRONIC_INSTABILITY = "chronic_instability"
    PREVENTION = "prevention"
    UNSURE = "unsure"


# The names a routine file may list under ``suits`` ("unsure" is never suited).
CONDITION_IDS: tuple[str, ...] = tuple(c.value for c in Condition if c is not Condition.UNSURE)
