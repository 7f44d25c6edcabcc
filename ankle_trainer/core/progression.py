"""Pain-guided progression: progress, hold or back off, from the pain log.

The model is the pain-monitoring approach of Silbernagel et al. (Am J Sports
Med 2007;35:897): carrying on with exercise while watching pain (and
next-morning stiffness) did as well as rest. Clinicians teach it as zones
(pain during exercise 0-2 safe, 3-5 acceptable, over 5 too much; pain settled
to its usual level by the next morning; no climb from week to week). Those
zone numbers come from secondary sources, so every threshold here is a
setting with these defaults.

Corrected after the second review (clinical notes, "Progression, corrected"):

- a load step needs the exercise pain-free or nearly (the safe zone, 0-2 by
  default) and a settled next morning, and comes at most once a week
  (Alfredson & Cook, BJSM 2007 algorithm: about +5 kg a week);
- the next-morning rating answers for the whole previous day, so a
  twice-daily programme still reaches a decision;
- no progression while pain before the session is at or above the
  acceptable limit;
- a rise in morning stiffness counts like a rise in morning pain;
- the 2-point step for backing off is a rule of thumb (Salaffi et al., Eur J
  Pain 2004, about 3-month change in chronic pain), not a validated
  overnight signal in runners.

``recommend`` is a pure function of the last sessions of one routine.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from .text import count, noun


class Advice(StrEnum):
    """What the progression rule suggests: move up, stay, back off, or see a professional."""

    PROGRESS = "progress"
    HOLD = "hold"
    BACK_OFF = "back_off"
    SEE_PROFESSIONAL = "see_professional"


def advice_words(advice: str, from_level: int, to_level: int) -> str:
    """The one phrase for a suggestion, wherever it is shown (home's banner, the
    history, the physio report): "move up to level 3", "stay at this level",
    "go back to level 1", "ease off" (backing off at the first level), "see a
    professional". ``advice`` is an :class:`Advice` value; levels are 0-based
    as stored and said from 1. Raises ValueError for an unknown advice."""
    match Advice(advice):
        case Advice.PROGRESS:
            return f"move up to level {to_level + 1}"
        case Advice.BACK_OFF if to_level != from_level:
            return f"go back to level {to_level + 1}"
        case Advice.BACK_OFF:
            return "ease off"
        case Advice.SEE_PROFESSIONAL:
            return "see a professional"
        case _:
            return "stay at this level"


class Thresholds(NamedTuple):
    """The rule's numbers (all settings; defaults from the clinical notes)."""

    acceptable_max: int = 5  # pain during above this: back off; pain before at or above: no step
    watch_from: int = 4  # pain during from here up to acceptable_max, if rising: hold
    sessions_to_progress: int = 2  # this many recent training days must all be fine
    morning_rise_back_off: int = 2  # rule of thumb: morning pain/stiffness this far up: back off
    trend_rise: float = 2.0  # a rise this large in usual pain over the log: see someone
    trend_window: int = 5  # sessions averaged for the start and the latest level
    safe_max: int = 2  # pain during at or below this is the safe zone: load may go up
    days_between_steps: int = 7  # at most one load step in this many days


class SessionPain(NamedTuple):
    """What the rule reads of one session, oldest first.

    ``next_morning`` and ``stiffness_next_morning`` (0-10) are the answers
    given the morning after; the app asks once per day, on that day's last
    session, and the rule reads them as answering for the whole day.
    ``level`` is the routine level the session was done at (None: unknown,
    taken as the current one)."""

    local_date: str  # YYYY-MM-DD
    before: int | None  # the usual level that day
    during: int | None  # the highest "pain during" rated in the session
    after: int | None
    next_morning: int | None
    stiffness_next_morning: int | None = None
    level: int | None = None


class Recommendation(NamedTuple):
    """A suggestion: the advice, one plain sentence why, and the level (0-based)
    from and to; from the pain-monitoring rule of Silbernagel et al. 2007 (clinical notes).
    """

    advice: Advice
    reason: str  # one sentence for the runner
    from_level: int
    to_level: int


class _Day(NamedTuple):
    """One training day of one routine: its sessions read together."""

    local_date: str
    usual: int | None  # pain before the day's first session that has it
    highest_before: int | None
    during: int | None  # the highest pain during (or straight after) of the day
    when: str  # "during" or "straight after"
    morning: int | None  # next-morning pain (from any session of the day)
    stiffness: int | None


def _during(s: SessionPain) -> tuple[int | None, str]:
    """Pain during the exercise: rated during, else right after."""
    if s.during is not None:
        return s.during, "during"
    return s.after, "straight after"


def _days(sessions: Sequence[SessionPain]) -> list[_Day]:
    out: list[_Day] = []
    for day in dict.fromkeys(s.local_date for s in sessions):
        group = [s for s in sessions if s.local_date == day]
        befores = [s.before for s in group if s.before is not None]
        pains = [(p, w) for p, w in (_during(s) for s in group) if p is not None]
        mornings = [s for s in group if s.next_morning is not None]
        stiff = [s.stiffness_next_morning for s in group if s.stiffness_next_morning is not None]
        during, when = max(pains, key=lambda x: x[0]) if pains else (None, "during")
        out.append(_Day(
            day,
            befores[0] if befores else None,
            max(befores) if befores else None,
            during,
            when,
            mornings[-1].next_morning if mornings else None,
            stiff[-1] if stiff else None,
        ))
    return out


def _points(n: int) -> str:
    return count(n, "point")


def recommend(
    sessions: Sequence[SessionPain],
    level: int,
    level_count: int,
    t: Thresholds = Thresholds(),  # noqa: B008 (an immutable tuple)
    last_step_up: str | None = None,
) -> Recommendation | None:
    """The advice after the latest of ``sessions`` (oldest first), or None when
    there is nothing rated to go on yet.

    ``level`` is the routine's current level (0 .. ``level_count`` - 1) and
    ``last_step_up`` the local date (YYYY-MM-DD) the runner last moved up a
    level of this routine, if ever: a new load step waits until
    ``t.days_between_steps`` days after it. Sessions done at another level are
    left out of the morning and progress checks (they answered for another
    load). A routine with one level (no levels in its file) has no level to
    stay at or move to: only the advice to ease off is given for it. Pure: no
    clock, no I/O.
    """
    advice = _advice(sessions, level, level_count, t, last_step_up)
    if advice is not None and level_count <= 1 and advice.advice is not Advice.BACK_OFF:
        return None  # "stay at this level ... can suggest moving up" of a routine without levels
    return advice


def _advice(
    sessions: Sequence[SessionPain], level: int, level_count: int, t: Thresholds, last_step_up: str | None,
) -> Recommendation | None:
    """:func:`recommend`'s rule, for any number of levels."""
    if not sessions:
        return None
    top = level_count - 1
    last = sessions[-1]
    during, when = _during(last)

    def rec(advice: Advice, reason: str, to_level: int | None = None) -> Recommendation:
        return Recommendation(advice, reason, level, level if to_level is None else to_level)

    # Back off: too much pain during.
    if during is not None and during > t.acceptable_max:
        return rec(
            Advice.BACK_OFF,
            f"Pain {when} the exercise reached {during}/10, above the {t.acceptable_max}/10 "
            "that is usually acceptable: less load until it settles.",
            max(0, level - 1),
        )

    days = _days([s for s in sessions if s.level is None or s.level == level])
    if not days:
        return None
    # The morning that answers for the latest training day (or the one before,
    # while today's own morning has not come yet).
    recent_rated = [d for d in days[-2:] if d.morning is not None]
    if recent_rated:
        day = recent_rated[-1]
        index = days.index(day)
        earlier = [d.stiffness for d in days[:index] if d.stiffness is not None]
        rise = day.morning - day.usual if day.morning is not None and day.usual is not None else 0
        stiff_rise = (
            day.stiffness - earlier[-1] if day.stiffness is not None and earlier else 0
        )
        if rise >= t.morning_rise_back_off:
            return rec(
                Advice.BACK_OFF,
                f"Pain the next morning was {day.morning}/10, {_points(rise)} above your usual "
                f"{day.usual}/10: less load until mornings settle.",
                max(0, level - 1),
            )
        if stiff_rise >= t.morning_rise_back_off:
            return rec(
                Advice.BACK_OFF,
                f"Stiffness the next morning was {day.stiffness}/10, {_points(stiff_rise)} above "
                f"the morning before: less load until mornings settle.",
                max(0, level - 1),
            )
        if rise > 0:
            return rec(
                Advice.HOLD,
                f"Pain the next morning was {day.morning}/10, a little above your usual "
                f"{day.usual}/10: stay at this level until it is back to usual by morning.",
            )
        if stiff_rise > 0:
            return rec(
                Advice.HOLD,
                f"Stiffness the next morning was {day.stiffness}/10, a little above the morning "
                "before: stay at this level until it settles.",
            )

    # Hold: in the upper zone and rising.
    if during is not None and during >= t.watch_from and len(sessions) >= 2:
        before, _ = _during(sessions[-2])
        if before is not None and during > before:
            return rec(
                Advice.HOLD,
                f"Pain {when} the exercise rose from {before}/10 to {during}/10: stay at this "
                "level and see whether it settles.",
            )
    if last.before is not None and last.before >= t.acceptable_max:
        return rec(
            Advice.HOLD,
            f"Your pain before the session was {last.before}/10: no moving up while pain at rest "
            f"is {t.acceptable_max}/10 or more. If it stays there, see a physiotherapist.",
        )

    # Progress: the last few training days all fine, each with a next-morning rating.
    recent = days[-t.sessions_to_progress :]
    if len(recent) < t.sessions_to_progress:
        if during is None:
            return None
        need = count(t.sessions_to_progress, "rated training day")
        return rec(
            Advice.HOLD,
            f"Too few sessions to judge yet: after {need} the app can suggest moving up.",
        )
    if any(d.during is None for d in recent):
        return None  # nothing rated: no advice rather than a guess
    if any(d.morning is None or d.usual is None for d in recent):
        return rec(
            Advice.HOLD,
            "Rate your pain the next morning after each training day: moving up needs to know "
            "that pain settled overnight.",
        )
    worst = max(d.during or 0 for d in recent)
    worst_when = next(d.when for d in recent if d.during == worst)
    high_rest = max(d.highest_before or 0 for d in recent)
    if high_rest >= t.acceptable_max:
        return rec(
            Advice.HOLD,
            f"Your pain before a recent session was {high_rest}/10: no moving up while pain at "
            f"rest is {t.acceptable_max}/10 or more.",
        )
    if worst > t.safe_max:
        return rec(
            Advice.HOLD,
            f"Pain {worst_when} reached {worst}/10, which is acceptable, but load goes up only "
            f"when the exercise is pain-free or nearly (0-{t.safe_max}/10): stay at this level.",
        )
    if level >= top:
        return rec(
            Advice.HOLD,
            f"Pain stayed at {worst}/10 or less and settled by morning, and this is the "
            "routine's last level: keep going, or ask a physiotherapist about a harder programme.",
        )
    if last_step_up is not None:
        waited = (date.fromisoformat(days[-1].local_date) - date.fromisoformat(last_step_up)).days
        if waited < t.days_between_steps:
            left = t.days_between_steps - waited
            return rec(
                Advice.HOLD,
                f"Pain stayed low, but you moved up on {last_step_up}: one load step a "
                f"{'week' if t.days_between_steps == 7 else count(t.days_between_steps, 'day')} at most, "
                f"so wait {left} more {noun(left, 'day')}.",
            )
    days_word = count(len(recent), "training day") if len(recent) > 1 else "day"
    return rec(
        Advice.PROGRESS,
        f"Pain {worst_when} stayed at {worst}/10 or less and was back to your usual level the "
        f"next morning for your last {days_word}: you can move up a level.",
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
