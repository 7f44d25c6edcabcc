"""The pain-guided progression rule, as a table of scenarios."""

from __future__ import annotations

import pytest

from ankle_trainer.core.progression import (
    Advice,
    SessionPain,
    Thresholds,
    recommend,
    rising_trend,
)


def s(before: int | None, during: int | None, morning: int | None, after: int | None = None) -> SessionPain:
    return SessionPain("2026-03-01", before, during, after, morning)


@pytest.mark.parametrize(
    ("name", "sessions", "level", "advice", "to_level", "words"),
    [
        ("two calm sessions", [s(2, 3, 2), s(2, 3, 2)], 1, Advice.PROGRESS, 2,
         "stayed at 3/10 or less and was back to your usual level the next morning for your last 2 sessions"),
        ("calm, morning below usual", [s(3, 2, 2), s(3, 1, 1)], 0, Advice.PROGRESS, 1, "move up a level"),
        ("pain after stands in when during is not rated", [s(2, None, 2, after=3), s(2, None, 2, after=2)], 0,
         Advice.PROGRESS, 1, "straight after stayed at 3/10"),
        ("during over 5", [s(2, 3, 2), s(2, 6, None)], 2, Advice.BACK_OFF, 1, "reached 6/10, above the 5/10"),
        ("during over 5 at level 0 stays at 0", [s(2, 7, None)], 0, Advice.BACK_OFF, 0, "reached 7/10"),
        ("morning up 2", [s(2, 3, 2), s(2, 3, 4)], 1, Advice.BACK_OFF, 0, "4/10, 2 points above your usual 2/10"),
        ("morning up 1", [s(2, 3, 2), s(2, 3, 3)], 1, Advice.HOLD, 1, "a little above your usual 2/10"),
        ("4-5 and rising", [s(2, 3, 2), s(2, 5, 2)], 1, Advice.HOLD, 1, "rose from 3/10 to 5/10"),
        ("4-5 but falling is fine", [s(2, 5, 2), s(2, 4, 2)], 1, Advice.PROGRESS, 2, "stayed at 5/10 or less"),
        ("exactly 5 is acceptable", [s(2, 5, 2), s(2, 5, 2)], 0, Advice.PROGRESS, 1, "5/10 or less"),
        ("no next-morning rating", [s(2, 2, 2), s(2, 2, None)], 0, Advice.HOLD, 0, "Rate your pain the next morning"),
        ("only one session", [s(2, 2, 2)], 0, Advice.HOLD, 0, "Too few sessions"),
        ("top level", [s(1, 1, 1), s(1, 1, 1)], 4, Advice.HOLD, 4, "last level"),
    ],
)
def test_scenarios(name, sessions, level, advice, to_level, words) -> None:  # type: ignore[no-untyped-def]
    rec = recommend(sessions, level, level_count=5)
    assert rec is not None, name
    assert (rec.advice, rec.from_level, rec.to_level) == (advice, level, to_level), name
    assert words in rec.reason, name
    assert rec.reason.endswith(".") and rec.reason.count(". ") <= 1  # one sentence (or two short)


def test_nothing_rated_gives_no_advice() -> None:
    assert recommend([], 0, 3) is None
    assert recommend([s(None, None, None), s(None, None, None)], 0, 3) is None


def test_thresholds_are_settings() -> None:
    strict = Thresholds(acceptable_max=3, sessions_to_progress=3)
    assert recommend([s(2, 4, 2)], 1, 3, strict).advice is Advice.BACK_OFF  # 4 > 3
    calm = [s(2, 2, 2)] * 2
    assert recommend(calm, 0, 3, strict).advice is Advice.HOLD  # needs 3 sessions now
    assert recommend(calm * 2, 0, 3, strict).advice is Advice.PROGRESS
    lenient = Thresholds(morning_rise_back_off=3)
    assert recommend([s(2, 2, 2), s(2, 2, 4)], 1, 3, lenient).advice is Advice.HOLD


@pytest.mark.parametrize(
    ("usual", "expected"),
    [
        ([1, 1, 2, 1, 1, 2, 3, 3, 4, 4], Advice.SEE_PROFESSIONAL),  # 1.2 -> 3.2
        ([1, 1, 2, 1, 1, 2, 2, 3, 3, 2], None),  # 1.2 -> 2.4: under 2 points
        ([5, 5, 5, 5, 5, 3, 3, 2, 2, 2], None),  # falling
        ([1, 1, 1, 5, 5], None),  # too short to call a trend
    ],
)
def test_a_rising_trend_advises_seeing_a_professional(usual: list[int], expected: Advice | None) -> None:
    rec = rising_trend(usual)
    assert (rec.advice if rec else None) == expected
    if rec:
        assert "physiotherapist or doctor" in rec.reason
