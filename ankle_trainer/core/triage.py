"""Triage: a few questions about where it hurts, then the programmes that fit.

Where it hurts decides what helps, so the app asks before it suggests a
programme (clinical notes, "Match the programme to the ankle"). This module is
pure data and one pure function, :func:`route`; the questions are plain data
so that any screen (or a test) can ask them.

The app never diagnoses: the answers only choose which of its own exercise
programmes to suggest, and "somewhere else or unsure" suggests a professional
rather than a programme.

Sources (all from the project's clinical notes):

- mid-portion Achilles: Alfredson et al., AJSM 1998;26:360 (heel drops);
  Beyer et al., AJSM 2015;43:1704 (heavy slow resistance did as well);
- insertional Achilles: Jonsson et al., BJSM 2008;42:746 (heel drops on the
  floor, pilot study); Fahlström et al., KSSTA 2003;11:327 (the step version
  did poorly there, 32% satisfied);
- acute lateral sprain: Dubois & Esculier, BJSM 2020;54:72 (protect for the
  first 1-3 days, then load); Vuurberg et al., BJSM 2018;52:956 (guideline);
  Hupperets et al., BMJ 2009;339:b2684 (2BFit, begun once sport was possible);
- chronic instability: 2BFit as above; Hall et al., J Athl Train 2018;53:568
  (a small lab study of 39 young adults: supporting, not established);
- prevention: Lauersen et al., BJSM 2014;48:871 (strength and balance
  training help; stretching showed no effect).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, Protocol

# Defined apart (read with the routine files before the first paint), used from here too.
from .conditions import CONDITION_IDS as CONDITION_IDS

if TYPE_CHECKING:
    from .report import TriageFacts


class Condition(StrEnum):
    """Where it hurts, as the runner describes it (the first question). Every
    value but UNSURE is in :data:`core.conditions.CONDITION_IDS`, in order."""

    ACHILLES_MID = "achilles_mid"
    ACHILLES_INSERTION = "achilles_insertion"
    ACUTE_SPRAIN = "acute_sprain"
    CHRONIC_INSTABILITY = "chronic_instability"
    PREVENTION = "prevention"
    UNSURE = "unsure"


class Onset(StrEnum):
    """When it started (the second question)."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


class Choice(NamedTuple):
    """One answer the runner can pick: its id, the words on screen, and a
    longer description for screen readers and the drawing's tooltip."""

    id: str
    label: str
    detail: str = ""


AREA_CHOICES: tuple[Choice, ...] = (
    Choice(Condition.ACHILLES_MID, "In the Achilles tendon, a few cm above the heel",
           "Pain in the tendon itself, about 2 to 6 cm above the heel bone."),
    Choice(Condition.ACHILLES_INSERTION, "Where the Achilles meets the heel bone",
           "Pain at the back of the heel, where the tendon joins the bone."),
    Choice(Condition.ACUTE_SPRAIN, "Outside of the ankle, after rolling it",
           "You went over on the ankle recently and the outer side hurts."),
    Choice(Condition.CHRONIC_INSTABILITY, "The ankle gives way, again and again",
           "It feels unstable and has given way more than once."),
    Choice(Condition.PREVENTION, "No pain: I want to prevent problems",
           "Nothing hurts; you want to keep it that way."),
    Choice(Condition.UNSURE, "Somewhere else, or I'm not sure",
           "The pain is elsewhere, or none of these describes it."),
)
ONSET_CHOICES: tuple[Choice, ...] = (
    Choice(Onset.DAYS, "A few days ago"),
    Choice(Onset.WEEKS, "A few weeks ago"),
    Choice(Onset.MONTHS, "Months ago or longer"),
)
INJURY_CHOICES: tuple[Choice, ...] = (
    Choice("yes", "Yes, it started with an injury"),
    Choice("no", "No, it came on gradually"),
)

QUESTIONS: tuple[tuple[str, str, tuple[Choice, ...]], ...] = (
    ("area", "Where does it hurt?", AREA_CHOICES),
    ("onset", "When did it start?", ONSET_CHOICES),
    ("injury", "Did it follow an injury, such as a fall, a twist or a sudden pain?", INJURY_CHOICES),
)


class TriageAnswers(NamedTuple):
    """The runner's answers. ``onset`` and ``after_injury`` may be None
    (skipped, or not asked because nothing hurts)."""

    area: Condition
    onset: Onset | None = None
    after_injury: bool | None = None

    @classmethod
    def from_ids(cls, area: str, onset: str | None, injury: str | None) -> TriageAnswers:
        """Answers from the choice ids; raises ValueError naming a bad one."""
        try:
            cond = Condition(area)
        except ValueError:
            raise ValueError(f"unknown answer to 'where does it hurt': {area!r}") from None
        try:
            when = Onset(onset) if onset else None
        except ValueError:
            raise ValueError(f"unknown answer to 'when did it start': {onset!r}") from None
        if injury not in (None, "", "yes", "no"):
            raise ValueError(f"unknown answer to 'did it follow an injury': {injury!r}")
        return cls(cond, when, None if not injury else injury == "yes")

    def summary(self) -> str:
        """The answers in one line of plain words, for the history."""
        area = next(c.label for c in AREA_CHOICES if c.id == self.area)
        parts = [area]
        if self.onset is not None:
            parts.append("started " + next(c.label for c in ONSET_CHOICES if c.id == self.onset).lower())
        if self.after_injury is not None:
            parts.append("after an injury" if self.after_injury else "not after an injury")
        return "; ".join(parts)


class TriageRecord(NamedTuple):
    """Answers as stored, with when they were given (aware, UTC) and the UTC
    offset (minutes east) of the computer then (None for rows that did not
    record it)."""

    id: int
    answered_at: datetime
    answers: TriageAnswers
    utc_offset_minutes: int | None = None

    @property
    def local_answered_at(self) -> datetime:
        """When they were given, as wall time where they were given (the
        computer's zone when the offset was not recorded)."""
        from .times import session_local

        if self.utc_offset_minutes is None:
            return self.answered_at.astimezone()
        return session_local(self.answered_at, self.utc_offset_minutes)


class RoutineRef(NamedTuple):
    """What routing needs to know of a routine."""

    id: str
    name: str
    suits: tuple[str, ...]
    # True for the app's own programmes: only these are ever marked "not
    # suggested", and only on a basis (a listed reason, or a ``suits`` list
    # that leaves the condition out). The runner's own are never judged.
    builtin: bool = False


class Match(NamedTuple):
    """One routine and why it does (or does not) fit the answers."""

    routine_id: str
    name: str
    why: str  # one sentence
    source: str  # where the reason comes from ("" for the runner's own routines)


class TriageResult(NamedTuple):
    """What the triage answers lead to: the programmes that fit (each with why
    and its source), the ones not suggested (with the reason), whether to see a
    professional first, a sentence or two for the top of the result, and the
    routines the app has no basis to judge either way (``not_assessed``: the
    runner's own and built-ins that declare nothing; never marked)."""
    fits: tuple[Match, ...]
    not_suited: tuple[Match, ...]
    see_professional: bool
    message: str  # a sentence or two for the top of the result
    not_assessed: tuple[Match, ...] = ()


_HSR = "Beyer et al., AJSM 2015;43:1704"
_ALFREDSON = "Alfredson et al., AJSM 1998;26:360; Fahlström et al., KSSTA 2003;11:327"
_JONSSON = "Jonsson et al., BJSM 2008;42:746 (a pilot study)"
_PEACE = "Dubois & Esculier, BJSM 2020;54:72; Vuurberg et al., BJSM 2018;52:956"
_2BFIT = "Hupperets et al., BMJ 2009;339:b2684"
_HALL = "Hall et al., J Athl Train 2018;53:568 (a small study of 39 young adults)"
_LAUERSEN = "Lauersen et al., BJSM 2014;48:871"

# (condition, built-in routine id) -> (why it fits, source). A routine that
# lists a condition without an entry here (the runner's own) gets a plain
# sentence saying that its routine file says so.
WHY: dict[tuple[str, str], tuple[str, str]] = {
    (Condition.ACHILLES_MID, "hsr"): (
        "Heavy, slow calf raises three times a week did as well as daily heel drops for pain "
        "in the middle of the tendon, and more people kept them up.", _HSR),
    (Condition.ACHILLES_MID, "heel-drops"): (
        "Slow heel drops off a step, twice a day for 12 weeks, have a good record for pain in "
        "the middle of the tendon.", _ALFREDSON),
    (Condition.ACHILLES_INSERTION, "heel-drops-floor"): (
        "Heel drops done on the floor, never below it, avoid pressing on the insertion; in a "
        "small study two in three were satisfied.", _JONSSON),
    (Condition.ACUTE_SPRAIN, "sprain-protect"): (
        "For the first 1 to 3 days, protect the ankle and keep it gently moving within comfort.",
        _PEACE),
    (Condition.ACUTE_SPRAIN, "sprain-loading"): (
        "After the first days, gradually loading the ankle again is what the sprain guideline "
        "supports, rather than ice or rest on their own.", _PEACE),
    (Condition.ACUTE_SPRAIN, "balance-2bfit"): (
        "Once sport is possible again, this home balance programme cut repeat sprains from 33% "
        "to 22% over the following year.", _2BFIT),
    (Condition.CHRONIC_INSTABILITY, "balance-2bfit"): (
        "A home balance programme cut repeat sprains from 33% to 22% when started once sport "
        "was possible again.", _2BFIT),
    (Condition.CHRONIC_INSTABILITY, "band-work"): (
        "Strength work around the ankle improved strength and balance in a small study of "
        "unstable ankles: a supporting finding, not an established one.", _HALL),
    (Condition.CHRONIC_INSTABILITY, "calf-strength"): (
        "Strength work improved strength and balance in a small study of unstable ankles: a "
        "supporting finding, not an established one.", _HALL),
    (Condition.PREVENTION, "calf-strength"): (
        "Strength training lowered sports injuries the most in a large review of trials.",
        _LAUERSEN),
    (Condition.PREVENTION, "balance-2bfit"): (
        "Balance training lowered sports injuries in a large review of trials.", _LAUERSEN),
    (Condition.PREVENTION, "band-work"): (
        "Strength training lowered sports injuries in a large review of trials.", _LAUERSEN),
    (Condition.PREVENTION, "complete-ankle"): (
        "It combines strength and balance work, the kinds of training that lowered sports "
        "injuries in a large review of trials.", _LAUERSEN),
}

# (condition, routine id) -> why it does not fit, when there is a specific reason.
NOT_SUITED: dict[tuple[str, str], str] = {
    (Condition.ACHILLES_INSERTION, "heel-drops"): (
        "Not suited to pain at the heel insertion: lowering below the step did poorly there "
        "(32% satisfied, Fahlström 2003)."),
    (Condition.ACHILLES_INSERTION, "calf-stretch"): (
        "Not suited to pain at the heel insertion: calf stretches can press on it."),
    (Condition.ACHILLES_INSERTION, "ankle-mobility"): (
        "Not suited to pain at the heel insertion: it includes calf stretches that can press on it."),
    (Condition.ACHILLES_INSERTION, "complete-ankle"): (
        "Not suited to pain at the heel insertion: it ends with a calf stretch that can press on it."),
    (Condition.ACUTE_SPRAIN, "balance-2bfit"): (
        "Not yet: in its trial this programme began once sport was possible again, not in the "
        "first days after the sprain."),
    (Condition.ACUTE_SPRAIN, "sprain-protect"): (
        "Past its time: protecting the ankle is for the first 1 to 3 days after a sprain."),
    (Condition.ACUTE_SPRAIN, "ice-timer"): (
        "Ice on its own has no good evidence for a sprain (Vuurberg 2018); use it only for "
        "comfort if you like."),
    (Condition.PREVENTION, "calf-stretch"): (
        "Not as prevention: stretching showed no effect on injuries (Lauersen 2014). Fine as "
        "a cool-down if you like it."),
}

_CONDITION_WORDS = {
    Condition.ACHILLES_MID: "pain in the middle of the Achilles tendon",
    Condition.ACHILLES_INSERTION: "pain at the heel insertion",
    Condition.ACUTE_SPRAIN: "a recent sprain",
    Condition.CHRONIC_INSTABILITY: "an ankle that keeps giving way",
    Condition.PREVENTION: "preventing problems",
}

# Why a routine is neither suggested nor marked: nothing to go on.
NOT_ASSESSED_OWN = "Your own routine: not assessed."
NOT_ASSESSED = "Not assessed for these answers."

PROFESSIONAL = (
    "None of the programmes here is suggested for this. Please ask a physiotherapist or "
    "doctor to look at it first; you can come back and change your answers at any time."
)


def route(answers: TriageAnswers, routines: Sequence[RoutineRef]) -> TriageResult:
    """The routines that fit ``answers`` and those that do not, with reasons.

    ``routines`` is every routine the app has (built-in and the runner's own);
    each appears exactly once, in ``fits``, ``not_suited`` or ``not_assessed``,
    in the order given. A routine fits when its ``suits`` list names the
    condition (and the phase is right). Only a built-in is marked not suited,
    and only with a basis: a listed reason (``NOT_SUITED``) or a ``suits`` list
    that leaves the condition out. Any other routine (the runner's own, or a
    built-in that declares nothing) is ``not_assessed``: neither suggested nor
    marked. "Somewhere else or unsure" fits nothing and sets
    ``see_professional``. A recent sprain (started days ago) moves the
    balance programme to "not yet", since 2BFit began once sport was possible
    again (Hupperets 2009 appendix). Pure: no I/O, no clock.
    """
    cond = answers.area
    if cond is Condition.UNSURE:
        return TriageResult(
            (),
            tuple(Match(r.id, r.name, "No programme is suggested until a professional has "
                        "looked at it.", "") for r in routines),
            True,
            PROFESSIONAL,
        )
    words = _CONDITION_WORDS[cond]
    fits: list[Match] = []
    not_suited: list[Match] = []
    not_assessed: list[Match] = []
    for r in routines:
        specific = NOT_SUITED.get((cond, r.id)) if r.builtin else None
        if cond in r.suits and not _wrong_phase(answers, r.id):
            why, source = WHY.get((cond, r.id), ("Its routine file says it is meant for " + words + ".", ""))
            fits.append(Match(r.id, r.name, why, source))
        elif specific is not None:
            not_suited.append(Match(r.id, r.name, specific, ""))
        elif r.builtin and r.suits:
            not_suited.append(Match(r.id, r.name, f"Not made for {words}.", ""))
        else:
            not_assessed.append(Match(r.id, r.name, NOT_ASSESSED_OWN if not r.builtin else NOT_ASSESSED, ""))
    message = _message(answers, bool(fits))
    return TriageResult(tuple(fits), tuple(not_suited), not fits, message, tuple(not_assessed))


def _wrong_phase(answers: TriageAnswers, routine_id: str) -> bool:
    """A sprain programme for another phase: 2BFit not in the first days
    (Hupperets 2009 appendix), the protect phase not after them (PEACE & LOVE)."""
    if answers.area is not Condition.ACUTE_SPRAIN:
        return False
    if routine_id == "balance-2bfit":
        return answers.onset is Onset.DAYS
    if routine_id == "sprain-protect":
        return answers.onset in (Onset.WEEKS, Onset.MONTHS)
    return False


def _message(answers: TriageAnswers, any_fit: bool) -> str:
    """Warnings first, each its own paragraph, then the line that leads into
    the list of programmes, so a warning never reads as if it were the list."""
    cond = answers.area
    lines = []
    if (
        cond in (Condition.ACHILLES_MID, Condition.ACHILLES_INSERTION)
        and answers.after_injury
        and answers.onset is Onset.DAYS
    ):
        # Achilles rupture, clinical notes "Red flags, added" (Gravlee 2000).
        lines.append(
            "If it began with a sudden pop or a feeling of being kicked at the back of the heel, "
            "or you cannot rise onto the toes of that leg, see a doctor today before any "
            "exercise."
        )
    if cond is Condition.ACUTE_SPRAIN and answers.onset is Onset.MONTHS:
        lines.append(
            "A sprain that still troubles you after months is worth showing to a physiotherapist."
        )
    lines.append(PROFESSIONAL if not any_fit else
                 f"For {_CONDITION_WORDS[cond]}, the programmes listed below fit.")
    return "\n\n".join(lines)


class _Declares(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def suits(self) -> tuple[str, ...]: ...
    @property
    def builtin(self) -> bool: ...


def refs(routines: Sequence[_Declares]) -> list[RoutineRef]:
    """RoutineRefs from objects with ``id``, ``name``, ``suits`` and
    ``builtin`` (such as :class:`core.model.Routine`)."""
    return [RoutineRef(r.id, r.name, tuple(r.suits), r.builtin) for r in routines]


def answers_to_data(answers: TriageAnswers) -> dict[str, str | bool | None]:
    """The answers as plain JSON-ready values (what storage keeps)."""
    return {
        "area": str(answers.area),
        "onset": None if answers.onset is None else str(answers.onset),
        "after_injury": answers.after_injury,
    }


def answers_from_data(data: Mapping[str, object]) -> TriageAnswers:
    """The reverse of :func:`answers_to_data`; raises ValueError on bad data."""
    injury = data.get("after_injury")
    if injury is not None and not isinstance(injury, bool):
        raise ValueError(f"after_injury must be true, false or empty (found {injury!r})")
    area, onset = data.get("area"), data.get("onset")
    if not isinstance(area, str) or (onset is not None and not isinstance(onset, str)):
        raise ValueError("area and onset must be text")
    return TriageAnswers.from_ids(area, onset, None if injury is None else ("yes" if injury else "no"))


def report_facts(record: TriageRecord, routines: Sequence[RoutineRef]) -> TriageFacts:
    """The answers in ``record`` for the physio report: the local date they
    were given, each question answered with the words the runner chose, and
    the programmes they lead to (by :func:`route` over ``routines``; "see a
    professional first" when none fits)."""
    from .report import TriageFacts

    a = record.answers
    chosen = {
        "area": str(a.area),
        "onset": None if a.onset is None else str(a.onset),
        "injury": None if a.after_injury is None else ("yes" if a.after_injury else "no"),
    }
    pairs = tuple(
        (question, next(c.label for c in choices if c.id == chosen[key]))
        for key, question, choices in QUESTIONS if chosen[key] is not None
    )
    result = route(a, routines)
    suggestion = ("see a professional first" if result.see_professional
                  else ", ".join(m.name for m in result.fits))
    return TriageFacts(record.local_answered_at.date(), pairs, suggestion)
