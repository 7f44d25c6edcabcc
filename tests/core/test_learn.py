"""The Learn text says what the clinical notes' corrected section says, each
point with its source."""

from __future__ import annotations

from ankle_trainer.core.learn import SECTIONS

POINTS = [(text, source) for _, points in SECTIONS for text, source in points]
ALL = " ".join(f"{t} {s}" for t, s in POINTS)


def point_citing(source: str) -> str:
    hits = [t for t, s in POINTS if source in s]
    assert hits, source
    return " ".join(hits)


def test_every_point_has_a_source_and_is_whole_sentences() -> None:
    for text, source in POINTS:
        assert source.strip(), text
        assert text.endswith("."), text


def test_shoes_follow_the_cochrane_review_not_foot_posture() -> None:
    text = point_citing("Cochrane Review 2022, CD013368.pub2")
    assert "little or no difference" in text and "comfortable" in text
    assert "supportive" not in ALL.lower()


def test_stretching_is_not_presented_as_prevention() -> None:
    text = point_citing("Lauersen et al., BJSM 2014")
    assert "stretching made no difference" in text


def test_heel_drops_and_hsr_are_both_named_and_neither_is_the_answer() -> None:
    text = point_citing("Beyer et al., AJSM 2015")
    assert "heavy slow" in text and "heel drops" in text and "neither is the one right answer" in text


def test_the_2025_spike_finding_is_given_in_its_real_terms() -> None:
    text = point_citing("Frandsen et al., BJSM 2025;59:1203")
    for words in ("5,205", "10-30% longer than their longest of the previous 30 days", "1.6 times",
                  "more than twice as long", "2.3 times", "week-to-week", "no link", "observational"):
        assert words in text, words


def test_bracing_ice_and_the_2024_guideline() -> None:
    assert "strong support" in point_citing("Doherty et al., BJSM 2017;51:113")
    assert "no evidence that ice or compression on their own help" in point_citing("Vuurberg et al., BJSM 2018")
    assert "2024" in point_citing("doi 10.2519/jospt.2024.13079")


def test_the_new_red_flags_are_explained_without_diagnosing() -> None:
    assert "pop" in point_citing("Gravlee")
    assert "ciprofloxacin" in point_citing("Alves et al.")
    assert "any tenderness" in point_citing("Ottawa ankle rules")
    for word in ("rupture", "tendinopathy", "tarsal", "diagnos"):
        assert word not in ALL.lower()
