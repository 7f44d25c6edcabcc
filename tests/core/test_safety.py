from __future__ import annotations

import pytest

from ankle_trainer.core.library import builtin_routines, find_routine
from ankle_trainer.core.safety import (
    ADVICE,
    FLAGS,
    RED_FLAGS,
    Block,
    Outcome,
    assess,
    blocks_routine,
    decide,
)


def exercises(routine_id: str) -> list[str]:
    r = find_routine(routine_id)
    assert r is not None
    return [s.exercise.id for s in r.steps]


def test_no_flags_is_clear() -> None:
    assert assess({}) is Outcome.CLEAR
    assert assess({f.id: False for f in RED_FLAGS}) is Outcome.CLEAR
    d = decide({}, exercises("heel-drops"))
    assert d.may_start and d.advice == () and d.blocked == frozenset()


# One scenario per question: (flag, outcome, stops the session, blocks, a routine it
# rules out even on a day it does not stop, a phrase of its advice saying where to go)
SCENARIOS = [
    ("numb_cold_foot", Outcome.EMERGENCY, True, set(), "emergency department now"),
    ("calf_and_breathless", Outcome.EMERGENCY, True, set(), "emergency department now"),
    ("achilles_rupture", Outcome.URGENT, True,
     {Block.CALF_LOADING, Block.TENDON_LOADING, Block.HEEL_RISE_TEST}, "today, the same day"),
    ("cannot_walk", Outcome.URGENT, True, set(), "urgent care service today"),
    ("bone_tender", Outcome.URGENT, True, set(), "may need an X-ray"),
    ("foot_drop", Outcome.URGENT, True, set(), "urgent care service today"),
    ("calf_swollen_warm", Outcome.URGENT, True, set(), "today, the same day"),
    ("fever", Outcome.URGENT, True, set(), "See a doctor today"),
    ("bone_stress", Outcome.SEE_SOON, True,
     {Block.LOADING, Block.CALF_LOADING, Block.TENDON_LOADING, Block.HEEL_RISE_TEST},
     "until a doctor has seen you"),
    ("fluoroquinolone", Outcome.SEE_SOON, False,
     {Block.CALF_LOADING, Block.TENDON_LOADING, Block.HEEL_RISE_TEST}, "who prescribed it"),
    ("inflammatory", Outcome.SEE_SOON, True, set(), "appointment with your doctor"),
    ("sole_tingling", Outcome.SEE_SOON, False, set(), "routine visit"),
    ("much_worse", Outcome.SEE_SOON, True, set(), "doctor or physiotherapist soon"),
]


def test_every_question_has_a_scenario() -> None:
    assert {s[0] for s in SCENARIOS} == set(FLAGS)


@pytest.mark.parametrize(("flag", "outcome", "stops", "blocks", "where"), SCENARIOS)
def test_each_question_stops_or_limits_as_specified(
    flag: str, outcome: Outcome, stops: bool, blocks: set[Block], where: str
) -> None:
    assert assess({flag: True}) is outcome
    d = decide({flag: True}, exercises("ankle-mobility"))
    assert d.outcome is outcome and d.stops is stops and d.blocked == blocks
    assert len(d.advice) == 1 and where in d.advice[0]


def test_fluoroquinolones_limit_tendon_loading_but_allow_gentle_movement() -> None:
    for loading in ("heel-drops", "hsr", "heel-drops-floor", "calf-strength", "complete-ankle"):
        d = decide({"fluoroquinolone": True}, exercises(loading))
        assert not d.stops and d.routine_blocked and not d.may_start, loading
        assert d.heading() == "Not this routine for now"
    gentle = decide({"fluoroquinolone": True}, exercises("ankle-mobility"))
    assert gentle.may_start and Block.HEEL_RISE_TEST in gentle.blocked


def test_a_rupture_stops_today_and_rules_out_calf_loading_and_the_heel_rise_test() -> None:
    d = decide({"achilles_rupture": True}, exercises("hsr"))
    assert d.stops and d.routine_blocked and Block.HEEL_RISE_TEST in d.blocked
    assert d.heading() == "No exercise today"


def test_bone_stress_rules_out_all_loading_but_not_ankle_circles() -> None:
    blocked = decide({"bone_stress": True}).blocked
    assert blocks_routine(blocked, exercises("balance-2bfit"))
    assert blocks_routine(blocked, exercises("band-work"))
    assert not blocks_routine(blocked, ["ankle-circles-cw", "ankle-pumps"])


def test_tingling_on_the_sole_is_a_routine_visit_and_does_not_stop_the_session() -> None:
    d = decide({"sole_tingling": True}, exercises("calf-strength"))
    assert d.may_start and d.outcome is Outcome.SEE_SOON


def test_the_numb_foot_is_split_three_ways() -> None:
    assert assess({"numb_cold_foot": True}) is Outcome.EMERGENCY
    assert assess({"foot_drop": True}) is Outcome.URGENT
    assert assess({"sole_tingling": True}) is Outcome.SEE_SOON
    assert "After an injury" in FLAGS["numb_cold_foot"].question


def test_the_ottawa_question_names_any_tenderness_at_the_points() -> None:
    q = FLAGS["bone_tender"].question
    assert q.startswith("Any tenderness")
    for point in ("back edge or tip of either ankle bone", "6 cm", "outer edge of the mid-foot",
                  "inner top of the mid-foot"):
        assert point in q
    assert "a lot" not in q


def test_the_most_serious_answer_wins_and_its_advice_comes_first() -> None:
    answers = {"much_worse": True, "fever": True, "numb_cold_foot": True, "fluoroquinolone": True}
    assert assess(answers) is Outcome.EMERGENCY
    d = decide(answers, exercises("heel-drops"))
    assert d.heading() == "Please get help now" and d.stops
    assert "emergency" in d.advice[0]
    assert any("prescribed" in a for a in d.advice)


def test_advice_says_where_to_seek_care_and_never_diagnoses() -> None:
    assert "emergency" in ADVICE[Outcome.EMERGENCY] and "now" in ADVICE[Outcome.EMERGENCY]
    assert "today" in ADVICE[Outcome.URGENT]
    assert "physiotherapist" in ADVICE[Outcome.SEE_SOON]
    for text in [*ADVICE.values(), *(f.advice for f in RED_FLAGS)]:
        for word in ("fracture", "thrombosis", "you have a", "diagnos", "rupture", "tarsal"):
            assert word not in text.lower(), text


def test_every_builtin_routine_is_judged_for_each_block() -> None:
    # calf loading blocks exactly the routines with calf or heel work
    calf = {r.id for r in builtin_routines()
            if blocks_routine({Block.CALF_LOADING}, [s.exercise.id for s in r.steps])}
    assert calf == {"complete-ankle", "heel-drops", "hsr", "heel-drops-floor", "sprain-loading",
                    "calf-strength", "balance-2bfit", "pre-run-warmup"}


def test_unknown_answers_are_refused() -> None:
    with pytest.raises(ValueError, match="made_up"):
        assess({"made_up": True})
    with pytest.raises(ValueError, match="made_up"):
        decide({"made_up": True})


def test_only_the_bone_questions_mention_an_x_ray() -> None:
    # An X-ray answers the Ottawa (fracture) and bone-stress questions, nothing else.
    bones = {"cannot_walk", "bone_tender", "bone_stress"}
    for flag in RED_FLAGS:
        assert ("x-ray" in flag.advice.lower()) == (flag.id in bones), flag.id
    for text in ADVICE.values():
        assert "x-ray" not in text.lower(), text


def test_fever_and_a_one_sided_calf_get_their_own_advice() -> None:
    fever = decide({"fever": True})
    assert fever.stops and "doctor today" in fever.advice[0] and "fever" in fever.advice[0]
    calf = decide({"calf_swollen_warm": True})
    assert calf.stops and "clot" in calf.advice[0] and "same day" in calf.advice[0]
    assert "emergency" in calf.advice[0]  # if breathless or chest pain


def test_the_reason_a_routine_is_ruled_out_is_given_in_words_exactly_when_it_is() -> None:
    """block_reason says why in plain words, for every built-in routine and
    every flag that limits routines, exactly when blocks_routine rules it out."""
    from ankle_trainer.core.safety import block_reason, blocks_routine

    for flag in RED_FLAGS:
        for routine in builtin_routines():
            ids = [s.exercise.id for s in routine.steps]
            why = block_reason(flag.blocks, ids)
            assert bool(why) == blocks_routine(flag.blocks, ids)
            if why:
                assert "safety check" in why and why.endswith(".")
