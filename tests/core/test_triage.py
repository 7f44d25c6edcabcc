from __future__ import annotations

import pytest

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.core.routines import RoutineError, parse_routine, routine_to_toml
from ankle_trainer.core.triage import (
    AREA_CHOICES,
    CONDITION_IDS,
    QUESTIONS,
    Condition,
    Onset,
    RoutineRef,
    TriageAnswers,
    answers_from_data,
    answers_to_data,
    refs,
    route,
)


@pytest.fixture(scope="module")
def builtins() -> list[RoutineRef]:
    return refs(builtin_routines())


def ids(matches: object) -> list[str]:
    return [m.routine_id for m in matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (TriageAnswers(Condition.ACHILLES_MID, Onset.MONTHS, False), ["heel-drops", "hsr"]),
        (TriageAnswers(Condition.ACHILLES_INSERTION, Onset.WEEKS, False), ["heel-drops-floor"]),
        (TriageAnswers(Condition.ACUTE_SPRAIN, Onset.DAYS, True), ["sprain-protect", "sprain-loading"]),
        (TriageAnswers(Condition.ACUTE_SPRAIN, Onset.WEEKS, True), ["sprain-loading", "balance-2bfit"]),
        (TriageAnswers(Condition.ACUTE_SPRAIN, Onset.MONTHS, True), ["sprain-loading", "balance-2bfit"]),
        (TriageAnswers(Condition.CHRONIC_INSTABILITY, Onset.MONTHS, True),
         ["calf-strength", "band-work", "balance-2bfit"]),
        (TriageAnswers(Condition.PREVENTION), ["complete-ankle", "calf-strength", "band-work", "balance-2bfit"]),
    ],
)
def test_each_condition_routes_to_its_programmes(
    builtins: list[RoutineRef], answers: TriageAnswers, expected: list[str]
) -> None:
    result = route(answers, builtins)
    assert ids(result.fits) == expected
    assert not result.see_professional
    for match in result.fits:
        assert match.why.endswith(".") and match.source, match
    # every routine is suggested, marked or left unjudged: never two, never lost
    every = ids(result.fits) + ids(result.not_suited) + ids(result.not_assessed)
    assert sorted(every) == sorted(r.id for r in builtins)


def test_unsure_suggests_a_professional_and_no_programme(builtins: list[RoutineRef]) -> None:
    result = route(TriageAnswers(Condition.UNSURE, Onset.WEEKS, False), builtins)
    assert result.fits == ()
    assert result.see_professional
    assert "physiotherapist or doctor" in result.message
    assert len(result.not_suited) == len(builtins)


def test_insertional_pain_marks_the_step_heel_drops_and_stretches(builtins: list[RoutineRef]) -> None:
    result = route(TriageAnswers(Condition.ACHILLES_INSERTION), builtins)
    marked = {m.routine_id: m.why for m in result.not_suited}
    assert marked["heel-drops"].startswith("Not suited to pain at the heel insertion")
    for stretchy in ("calf-stretch", "ankle-mobility", "complete-ankle"):
        assert "press on it" in marked[stretchy]


def test_a_sprain_of_a_few_days_puts_2bfit_off_until_sport_is_possible(builtins: list[RoutineRef]) -> None:
    result = route(TriageAnswers(Condition.ACUTE_SPRAIN, Onset.DAYS, True), builtins)
    marked = {m.routine_id: m.why for m in result.not_suited}
    assert "once sport was possible again" in marked["balance-2bfit"]
    assert "Vuurberg" in marked["ice-timer"]
    later = route(TriageAnswers(Condition.ACUTE_SPRAIN, Onset.WEEKS, True), builtins)
    assert "first 1 to 3 days" in {m.routine_id: m.why for m in later.not_suited}["sprain-protect"]
    months = route(TriageAnswers(Condition.ACUTE_SPRAIN, Onset.MONTHS, True), builtins)
    assert "physiotherapist" in months.message


def test_stretching_is_not_offered_as_prevention(builtins: list[RoutineRef]) -> None:
    result = route(TriageAnswers(Condition.PREVENTION), builtins)
    marked = {m.routine_id: m.why for m in result.not_suited}
    assert "no effect" in marked["calf-stretch"]


def test_sudden_achilles_pain_after_an_injury_points_to_a_doctor_today(builtins: list[RoutineRef]) -> None:
    sudden = route(TriageAnswers(Condition.ACHILLES_MID, Onset.DAYS, True), builtins)
    assert "see a doctor today" in sudden.message
    gradual = route(TriageAnswers(Condition.ACHILLES_MID, Onset.DAYS, False), builtins)
    assert "doctor today" not in gradual.message


def test_a_users_routine_that_declares_a_condition_fits_with_a_plain_reason() -> None:
    mine = RoutineRef("my-calves", "My calves", ("achilles_mid",))
    none = RoutineRef("other", "Other", ())
    result = route(TriageAnswers(Condition.ACHILLES_MID), [mine, none])
    assert ids(result.fits) == ["my-calves"]
    assert "routine file says" in result.fits[0].why
    # a routine that says nothing is not judged: the app has no basis to
    assert result.not_suited == ()
    assert [(m.routine_id, m.why) for m in result.not_assessed] == [("other", "Your own routine: not assessed.")]


def test_only_a_builtin_that_declares_other_conditions_is_marked() -> None:
    """A built-in whose suits list leaves the condition out is marked; a
    built-in that declares nothing, and the runner's own routine (even with
    a list, or the id of a built-in with a listed reason), are not judged."""
    answers = TriageAnswers(Condition.ACHILLES_INSERTION)
    routines = [
        RoutineRef("balance", "Balance", ("prevention",), builtin=True),
        RoutineRef("warm-up", "Warm-up", (), builtin=True),
        RoutineRef("mine", "Mine", ("prevention",)),
        RoutineRef("heel-drops", "My heel drops", ()),
    ]
    result = route(answers, routines)
    assert [(m.routine_id, m.why) for m in result.not_suited] == [
        ("balance", "Not made for pain at the heel insertion.")]
    assert [(m.routine_id, m.why) for m in result.not_assessed] == [
        ("warm-up", "Not assessed for these answers."),
        ("mine", "Your own routine: not assessed."),
        ("heel-drops", "Your own routine: not assessed."),
    ]


def test_the_builtins_that_declare_nothing_are_not_marked_without_a_reason(builtins: list[RoutineRef]) -> None:
    result = route(TriageAnswers(Condition.ACHILLES_MID, Onset.MONTHS, False), builtins)
    undeclared = {r.id for r in builtins if not r.suits}
    assert undeclared  # the warm-up, stretches and ice timer make no claim
    assert {m.routine_id for m in result.not_assessed} == undeclared
    assert not any(m.why.startswith("Not made for") for m in result.not_suited if m.routine_id in undeclared)


def test_nothing_fits_means_see_a_professional() -> None:
    result = route(TriageAnswers(Condition.ACHILLES_MID), [RoutineRef("x", "X", ())])
    assert result.see_professional and result.fits == ()


def test_every_area_is_a_question_choice_and_unsure_cannot_be_declared() -> None:
    assert {c.id for c in AREA_CHOICES} == set(Condition)
    assert "unsure" not in CONDITION_IDS
    # core.conditions spells the names out (no enum type at start-up): the same, in order
    assert CONDITION_IDS == tuple(c.value for c in Condition if c is not Condition.UNSURE)
    assert [q[0] for q in QUESTIONS] == ["area", "onset", "injury"]


def test_answers_round_trip_and_bad_answers_are_named() -> None:
    answers = TriageAnswers(Condition.ACUTE_SPRAIN, Onset.DAYS, True)
    assert answers_from_data(answers_to_data(answers)) == answers
    assert answers_from_data({"area": "prevention", "onset": None, "after_injury": None}) == TriageAnswers(
        Condition.PREVENTION
    )
    with pytest.raises(ValueError, match="where does it hurt"):
        TriageAnswers.from_ids("knee", None, None)
    with pytest.raises(ValueError, match="when did it start"):
        TriageAnswers.from_ids("unsure", "years", None)
    with pytest.raises(ValueError, match="injury"):
        TriageAnswers.from_ids("unsure", None, "maybe")
    with pytest.raises(ValueError, match="after_injury"):
        answers_from_data({"area": "unsure", "after_injury": "yes"})


def test_summary_is_plain_words() -> None:
    text = TriageAnswers(Condition.ACUTE_SPRAIN, Onset.DAYS, True).summary()
    assert text == "Outside of the ankle, after rolling it; started a few days ago; after an injury"


# -- the routine file's ``suits`` field ----------------------------------------------

_BASE = 'format_version = 1\nid = "r"\nname = "R"\n{extra}\n[[steps]]\nexercise = "marching"\nduration_seconds = 60\n'


def _parse(extra: str) -> object:
    library = {s.exercise.id: s.exercise for r in builtin_routines() for s in r.steps}
    return parse_routine(_BASE.format(extra=extra), library, origin="mine.toml")


def test_suits_may_be_left_out_or_empty() -> None:
    assert _parse("").suits == ()  # type: ignore[attr-defined]
    assert _parse("suits = []").suits == ()  # type: ignore[attr-defined]
    assert _parse('suits = ["prevention"]').suits == ("prevention",)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('suits = ["knee"]', "unknown condition 'knee'"),
        ('suits = ["unsure"]', "unknown condition 'unsure'"),
        ('suits = "prevention"', "must be a list of condition names"),
        ('suits = ["prevention", "prevention"]', "names a condition twice"),
    ],
)
def test_bad_suits_are_refused_with_a_message(extra: str, message: str) -> None:
    with pytest.raises(RoutineError, match=message) as info:
        _parse(extra)
    assert info.value.origin == "mine.toml" and info.value.where == "suits"


def test_every_builtin_routine_round_trips_with_its_suits() -> None:
    library = {s.exercise.id: s.exercise for r in builtin_routines() for s in r.steps}
    for routine in builtin_routines():
        again = parse_routine(routine_to_toml(routine), library, origin="x")
        assert again.suits == routine.suits
        assert again.steps == routine.steps
