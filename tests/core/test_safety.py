from __future__ import annotations

import pytest

from ankle_trainer.core.safety import ADVICE, RED_FLAGS, Outcome, assess


def test_no_flags_is_clear() -> None:
    assert assess({}) is Outcome.CLEAR
    assert assess({f.id: False for f in RED_FLAGS}) is Outcome.CLEAR


@pytest.mark.parametrize(
    ("flag", "expected"),
    [
        ("numb_cold_foot", Outcome.EMERGENCY),
        ("calf_and_breathless", Outcome.EMERGENCY),
        ("cannot_walk", Outcome.URGENT),
        ("bone_tender", Outcome.URGENT),
        ("calf_swollen_warm", Outcome.URGENT),
        ("fever", Outcome.URGENT),
        ("much_worse", Outcome.SEE_SOON),
    ],
)
def test_each_flag_gives_its_level(flag: str, expected: Outcome) -> None:
    assert assess({flag: True}) is expected


def test_the_most_serious_answer_wins() -> None:
    assert assess({"much_worse": True, "fever": True, "numb_cold_foot": True}) is Outcome.EMERGENCY


def test_advice_says_where_to_seek_care_and_never_diagnoses() -> None:
    assert "emergency" in ADVICE[Outcome.EMERGENCY] and "now" in ADVICE[Outcome.EMERGENCY]
    assert "today" in ADVICE[Outcome.URGENT]
    assert "physiotherapist" in ADVICE[Outcome.SEE_SOON]
    for text in ADVICE.values():
        for word in ("fracture", "thrombosis", "you have a", "diagnos"):
            assert word not in text.lower()


def test_unknown_answers_are_refused() -> None:
    with pytest.raises(ValueError):
        assess({"made_up": True})
