"""Suggestions in the window: offered after new pain ratings, accepted or
declined, the level applied to the routine, and listed in the history."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.library import find_routine
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sample import run_session
from ankle_trainer.ui.shell.window import MainWindow

TZ = timezone(timedelta(hours=1))


def calm_sessions(repo: HistoryRepository, days: list[int], before: int = 2, after: int = 2,
                  morning: int | None = 2, routine: str = "calf-strength") -> list[str]:
    ids = []
    for day in days:
        start = datetime(2026, 2, day, 7, 0, tzinfo=TZ)
        sid = run_session(repo, find_routine(routine), start, before, after, step=20.0)
        if morning is not None:
            repo.set_next_morning(sid, morning, 1, start + timedelta(days=1))
        ids.append(sid)
    return ids


def suggest(win: MainWindow, routine_id: str):  # type: ignore[no-untyped-def]
    """Work out a suggestion as after a session, and offer it as the app does."""
    rec = win.controller.suggest_for(routine_id)
    if rec is not None:
        win.offer_recommendation(rec)
    return rec


@pytest.fixture
def make(make_window):  # type: ignore[no-untyped-def]
    def build(clock: FakeClock | None = None) -> MainWindow:
        return make_window(clock=clock or FakeClock(datetime(2026, 3, 2, 8, tzinfo=TZ)), startup=True)

    return build


def test_two_calm_sessions_suggest_moving_up_and_accepting_applies_the_level(make, repo) -> None:
    calm_sessions(repo, [25, 27])
    win = make()
    rec = suggest(win, "calf-strength")
    assert rec is not None and rec.advice == "progress" and (rec.from_level, rec.to_level) == (0, 1)
    banner = win.banners.recommendation
    assert "move up to level 2 of 5" in banner.label.text()
    assert "straight after stayed at 2/10 or less" in banner.label.text()
    banner.buttons["Move up to level 2"].click()
    assert repo.levels() == {"calf-strength": 1}
    assert repo.recommendations()[0].decision == "accepted"
    routine = next(r for r in win.home.routines if r.id == "calf-strength")
    assert routine.level == 1 and routine.steps[0].reps == 15
    win.home.select_routine("calf-strength")
    assert "level 2 of 5 (Calf raise, straight knee: 15 reps" in win.home.meta.text()
    assert "3 x 15 reps" in win.home.steps.text()


def test_declining_is_recorded_and_keeps_the_level(make, repo) -> None:
    calm_sessions(repo, [25, 27])
    win = make()
    suggest(win, "calf-strength")
    win.banners.recommendation.buttons["Not yet"].click()
    assert repo.levels() == {}
    assert repo.recommendations()[0].decision == "declined"
    assert suggest(win, "calf-strength") is not None  # asked again after the next session


def test_the_same_unanswered_suggestion_is_not_stored_twice_and_shows_at_start(make, repo, qtbot) -> None:
    calm_sessions(repo, [25, 27])
    first = make()
    assert suggest(first, "calf-strength") is not None
    assert suggest(first, "calf-strength") is None  # nothing new
    assert len(repo.recommendations()) == 1
    first.close()
    again = make()  # a later start offers what is still unanswered
    assert "move up to level 2" in again.banners.recommendation.label.text()


def test_the_next_morning_rating_brings_the_suggestion(make, repo) -> None:
    calm_sessions(repo, [25])
    calm_sessions(repo, [27], morning=None)  # yesterday's: not rated yet
    win = make(FakeClock(datetime(2026, 2, 28, 8, tzinfo=TZ)))
    win.banners.morning_spins["Pain"].setValue(4)  # 2 above the usual 2: back off
    win.banners.morning_spins["Stiffness"].setValue(0)  # chosen too: nothing is saved unrated
    win.banners.morning.buttons["Save"].click()
    rec = repo.recommendations()[0]
    assert rec.advice == "back_off" and rec.from_level == rec.to_level == 0
    assert "ease off" in win.banners.recommendation.label.text()
    win.banners.recommendation.buttons["OK"].click()
    assert repo.recommendations()[0].decision == "accepted"


def test_high_pain_at_a_higher_level_suggests_going_back(make, repo, clock) -> None:
    repo.set_level("calf-strength", 2, clock.now())
    calm_sessions(repo, [25], after=7, morning=None)
    win = make()
    rec = suggest(win, "calf-strength")
    assert (rec.advice, rec.from_level, rec.to_level) == ("back_off", 2, 1)
    win.banners.recommendation.buttons["Go back to level 2"].click()
    assert repo.levels()["calf-strength"] == 1


def test_a_rising_trend_advises_seeing_a_professional(make, repo) -> None:
    for day, before in zip(range(1, 21, 2), [1, 1, 1, 1, 2, 3, 3, 4, 4, 4], strict=True):
        calm_sessions(repo, [day], before=before, after=before, morning=before, routine="pre-run-warmup")
    win = make()
    rec = suggest(win, "pre-run-warmup")
    assert rec is not None and rec.advice == "see_professional"
    text = win.banners.recommendation.label.text()
    assert "check in with a professional" in text and "physiotherapist or doctor" in text
    assert "cannot tell what is causing the pain" in text


def test_suggestions_and_answers_are_listed_in_the_history(make, repo) -> None:
    calm_sessions(repo, [25, 27])
    win = make()
    suggest(win, "calf-strength")
    win.banners.recommendation.buttons["Move up to level 2"].click()
    page = win.show_screen("history")
    table = page.suggestions
    assert table.rowCount() == 1
    row = [table.item(0, c).text() for c in range(5)]
    assert row[1:4] == ["Calf strength, two legs to one", "Move up to level 2 (from level 1)", "Accepted"]
    assert "stayed at 2/10 or less" in row[4]


def test_a_session_at_a_higher_level_shows_what_the_level_asks_and_records_it(make, repo, clock) -> None:
    repo.set_level("calf-strength", 4, clock.now())
    win = make()
    routine = next(r for r in win.home.routines if r.id == "calf-strength")
    assert routine.level == 4
    repo.record_safety_check(win.context.clock.now(), {}, "clear")
    win.home.select_routine("calf-strength")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    cue = win.flow.session_screen.cue_label.text()
    assert cue.startswith("One leg, with about 5 kg in a backpack. Single leg, +5 kg.")
    # the dose in large type; what the level adds (single leg, +5 kg) is said once, in the cue above
    assert win.flow.session_screen.rep_label.text() == "3 x 15 reps, each side"
    sid = win.controller.recorder.session_id
    assert repo.conn.execute("SELECT level FROM session WHERE id = ?", (sid,)).fetchone()[0] == 4
    win.controller.engine.stop()
    win.flow.summary.skip_button.click()
