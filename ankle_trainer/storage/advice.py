"""Working out and recording a progression suggestion after a session or a
next-morning rating: the history supplies the pain log, ``core.progression``
the rule, and the suggestion is stored for the runner to accept or decline."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..core.model import Routine
from ..core.progression import Advice, Thresholds, recommend, rising_trend
from .history import HistoryRepository
from .rows import RecommendationRow

TREND_ROUTINE = "*"  # the rising-trend advice is about all training, not one routine


def suggest(
    repo: HistoryRepository, routine: Routine, thresholds: Thresholds, now: datetime
) -> RecommendationRow | None:
    """Store and return a new suggestion for ``routine`` (or the rising-trend
    advice, which comes first), or None when there is nothing new to say."""
    trend = rising_trend(repo.usual_pain(), thresholds)
    if trend is not None:
        last = repo.latest_recommendation(TREND_ROUTINE)
        if last is None or now - last.made_at > timedelta(days=7):
            repo.add_recommendation(
                TREND_ROUTINE, "All training", now, str(trend.advice), trend.reason, 0, 0
            )
            return repo.latest_recommendation(TREND_ROUTINE)

    level = repo.levels().get(routine.id, 0)
    level = min(level, routine.level_count - 1)
    rec = recommend(
        repo.pain_log(routine.id, 20), level, routine.level_count, thresholds,
        last_step_up=repo.last_step_up(routine.id),
    )
    if rec is None:
        return None
    last = repo.latest_recommendation(routine.id)
    if (
        last is not None
        and last.decision is None
        and (last.advice, last.reason, last.to_level) == (str(rec.advice), rec.reason, rec.to_level)
    ):
        return None  # said already and not yet answered
    if rec.advice is Advice.HOLD and last is not None and last.advice == "hold" and last.reason == rec.reason:
        return None  # the same "stay" again adds nothing
    repo.add_recommendation(
        routine.id, routine.name, now, str(rec.advice), rec.reason, rec.from_level, rec.to_level
    )
    return repo.latest_recommendation(routine.id)
