"""Pain-guided progression: progress, hold or back off, from the pain log.

The model is the pain-monitoring approach of Silbernagel et al. (Am J Sports
Med 2007): carrying on with exercise while watching pain did as well as rest.
Clinicians teach it as zones (pain during exercise 0-2 safe, 3-5 acceptable,
over 5 too much; pain settled to its usual level by the next morning; no climb
from week to week). Those zone numbers come from secondary sources, so every
threshold here is a setting with these defaults.

``recommend`` is a pure function of the last sessions of one routine.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple


class Advice(StrEnum):
    """What the progression rule suggests: move up, stay, back off, or see a professional."""

    PROGRESS = "progress"
    HOLD = "hold"
    BACK_OFF = "back_off"
    SEE_PROFESSIONAL = "see_professional"


class Thresholds(NamedTuple):
    """The rule's numbers (all settings; defaults from the clinical notes)."""

    acceptable_max: int = 5  # pain during at or below this is acceptable
    watch_from: int = 4  # pain during from here up to acceptable_max, if rising: hold
    sessions_to_progress: int = 2  # this many recent sessions must all be fine
    morning_rise_back_off: int = 2  # next-morning pain this much above usual: back off
    trend_rise: float = 2.0  # a rise this large in usual pain over the log: see someone
    trend_window: int = 5  # sessions averaged for the start and the latest level


class SessionPain(NamedTuple):
    """What the rule reads of one session, oldest first."""

    local_date: str
    before: int | None  # the usual level that day
    during: int | None  # the highest "pain during" rated in the session
    after: int | None
    next_morning: int | None


class Recommendation(NamedTuple):
    """A suggestion: the advice, one plain sentence why, and the level (0-based)
    from and to; from the pain-monitoring rule of Silbernagel et al. 2007 (clinical notes).
    """

    advice: Advice
    reason: str  # one sentence for the runner
    from_level: int
    to_level: int


def _during(s: SessionPain) -> tuple[int | None, str]:
    """Pain during the exercise: rated during, else right after."""
    if s.during is not None:
        return s.during, "during"
    return s.after, "straight after"


def recommend(
    sessions: Sequence[SessionPain],
    level: int,
    level_count: int,
    t: Thresholds = Thresholds(),  # noqa: B008 (an immutable tuple)
) -> Recommendation | None:
    """The advice after the latest of ``sessions`` (oldest first), or None when
    there is nothing rated to go on yet."""
    if not sessions:
        return None
    top = level_count - 1
    last = sessions[-1]
    during, when = _during(last)
    usual = last.before

    def rec(advice: Advice, reason: str, to_level: int | None = None) -> Recommendation:
        return Recommendation(advice, reason, level, level if to_level is None else to_level)

    # Back off: too much pain during, or a clear rise by the next morning.
    if during is not None and during > t.acceptable_max:
        return rec(
            Advice.BACK_OFF,
            f"Pain {when} the exercise reached {during}/10, above the {t.acceptable_max}/10 "
            "that is usually acceptable: go back a level (or ease off) until it settles.",
            max(0, level - 1),
        )
    if (
        last.next_morning is not None
        and usual is not None
        and last.next_morning - usual >= t.morning_rise_back_off
    ):
        return rec(
            Advice.BACK_OFF,
            f"Pain the next morning was {last.next_morning}/10, {last.next_morning - usual} "
            f"points above your usual {usual}/10: go back a level until mornings settle.",
            max(0, level - 1),
        )

    # Hold: pain a little up the next morning, or in the upper zone and rising.
    if last.next_morning is not None and usual is not None and last.next_morning > usual:
        return rec(
            Advice.HOLD,
            f"Pain the next morning was {last.next_morning}/10, a little above your usual "
            f"{usual}/10: stay at this level until it is back to usual by morning.",
        )
    if during is not None and during >= t.watch_from and len(sessions) >= 2:
        before, _ = _during(sessions[-2])
        if before is not None and during > before:
            return rec(
                Advice.HOLD,
                f"Pain {when} the exercise rose from {before}/10 to {during}/10: stay at this "
                "level and see whether it settles.",
            )

    # Progress: the last few sessions all fine, with next-morning ratings.
    recent = list(sessions[-t.sessions_to_progress :])
    if len(recent) < t.sessions_to_progress:
        return rec(
            Advice.HOLD,
            f"Too few sessions to judge yet: after {t.sessions_to_progress} rated sessions the "
            "app can suggest moving up.",
        ) if during is not None else None
    if any(_during(s)[0] is None for s in recent):
        return None  # nothing rated: no advice rather than a guess
    missing_morning = [s for s in recent if s.next_morning is None or s.before is None]
    if missing_morning:
        return rec(
            Advice.HOLD,
            "Rate your pain the next morning after each session: moving up needs to know "
            "that pain settled overnight.",
        )
    worst = max(_during(s)[0] or 0 for s in recent)
    if level >= top:
        return rec(
            Advice.HOLD,
            f"Pain stayed at {worst}/10 or less and settled by morning, and this is the "
            "routine's last level: keep going, or ask a physiotherapist about a harder programme.",
        )
    return rec(
        Advice.PROGRESS,
        f"Pain {when} stayed at {worst}/10 or less and was back to your usual level the next "
        f"morning for your last {len(recent)} sessions: you can move up a level.",
        level + 1,
    )


def rising_trend(
    usual_pain: Sequence[int], t: Thresholds = Thresholds()  # noqa: B008
) -> Recommendation | None:
    """Advice to see a professional when the usual pain level (before each
    session) has risen meaningfully over the logged history: the mean of the
    latest ``trend_window`` sessions is ``trend_rise`` or more above the mean
    of the first ``trend_window``."""
    n = t.trend_window
    if len(usual_pain) < 2 * n:
        return None
    start = sum(usual_pain[:n]) / n
    latest = sum(usual_pain[-n:]) / n
    if latest - start < t.trend_rise:
        return None
    return Recommendation(
        Advice.SEE_PROFESSIONAL,
        f"Your usual pain has risen from about {start:.1f}/10 to {latest:.1f}/10 over your "
        "sessions. Pain that keeps getting worse is a reason to see a physiotherapist or "
        "doctor before carrying on.",
        0,
        0,
    )
