"""Where it hurts: the names of the conditions routine files list under
``suits`` (the triage asks about them as :class:`core.triage.Condition`).

Apart from :mod:`core.triage` because every routine file's ``suits`` list is
checked against them while the built-in routines are read, before the home
screen is first painted; the triage rules themselves load after that paint.
"""

from __future__ import annotations

# The names a routine file may list under ``suits``: the values of
# core.triage.Condition but "unsure" (never suited). A plain tuple: building
# the enum type costs about 0.6 million instructions of a start, which reads
# only these names (tests/core/test_triage.py holds the two together).
CONDITION_IDS: tuple[str, ...] = (
    "achilles_mid",
    "achilles_insertion",
    "acute_sprain",
    "chronic_instability",
    "prevention",
)
