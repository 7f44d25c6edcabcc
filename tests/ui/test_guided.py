"""Issue 3's behaviour in the real window, on a fake clock."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.cues import Sound
from ankle_trainer.core.engine import SessionStatus
from ankle_trainer.core.library import find_routine
from ankle_trainer.core.plan import Phase
from ankle_trainer.storage.settings import Settings, SettingsStore
from ankle_trainer.ui.shell.window import MainWindow
from ankle_trainer.ui.sound import NO_VOICE, UNAVAILABLE, QtCueSink
from ankle_trainer.ui.widgets import format_clock

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def make(make_window):  # type: ignore[no-untyped-def]
    def build(clock=None, settings=None, routines=None):  # type: ignore[no-untyped-def]
        return make_window(clock=clock or FakeClock(), routines=routines, store=True,
                           settings=settings or Settings(disclaimer_seen=True))

    return build


def advance(win: MainWindow, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    for _ in range(round(seconds / step)):
        clock.advance(step)
        win.flow.session_screen.on_timer()


# -- safety -------------------------------------------------------------------
def test_a_red_flag_stops_the_session_and_says_where_to_go(make, repo) -> None:
    win = make()
    win.home.start_button.click()
    assert win.stack.currentWidget() is win.flow.safety_check
    win.flow.safety_check.boxes["numb_cold_foot"].setChecked(True)
    win.flow.safety_check.continue_button.click()
    assert win.stack.currentWidget() is win.flow.safety_stop
    assert "emergency" in win.flow.safety_stop.advice.text()
    assert win.controller.engine is None and repo.recent_sessions() == []
    row = repo.conn.execute("SELECT answers, outcome FROM safety_check").fetchone()
    assert json.loads(row[0])["numb_cold_foot"] is True and row[1] == "emergency"
    win.flow.safety_stop.home_button.click()
    assert win.stack.currentWidget() is win.home
    win.home.start_button.click()  # the answer holds for the day: the stop again, not an empty check
    assert win.stack.currentWidget() is win.flow.safety_stop
    assert "emergency" in win.flow.safety_stop.advice.text()
    assert win.controller.engine is None


def test_red_flag_answers_the_history_cannot_save_still_hold_for_the_day(make, repo, monkeypatch) -> None:
    """A full disk refuses the check: the runner is told, and the answers hold
    all the same (a flag stops Start again, not an empty check; all clear is
    not asked twice); a new day asks afresh. Nothing is written."""
    from ankle_trainer.storage.errors import StorageError

    def full(*args: object) -> None:
        raise StorageError("database or disk is full")

    monkeypatch.setattr(repo, "record_safety_check", full)
    win = make()
    win.home.start_button.click()
    win.flow.safety_check.boxes["numb_cold_foot"].setChecked(True)
    win.flow.safety_check.continue_button.click()
    assert win.stack.currentWidget() is win.flow.safety_stop
    assert any("database or disk is full" in m for m in win.notice.messages())
    win.flow.safety_stop.home_button.click()
    assert all(win.home.blocked.values()) and len(win.home.blocked) == len(win.home.routines)  # marked at home
    win.home.start_button.click()  # held for the day: the stop again
    assert win.stack.currentWidget() is win.flow.safety_stop
    win.flow.safety_stop.change_button.click()  # corrected, still unsaved
    assert win.flow.safety_check.boxes["numb_cold_foot"].isChecked()
    win.flow.safety_check.boxes["numb_cold_foot"].setChecked(False)
    win.flow.safety_check.continue_button.click()
    assert win.stack.currentWidget() is win.flow.pain_check
    win.go_home()
    win.home.start_button.click()  # all clear holds too: not asked again
    assert win.stack.currentWidget() is win.flow.pain_check
    assert repo.conn.execute("SELECT COUNT(*) FROM safety_check").fetchone()[0] == 0
    win.go_home()
    win.context.clock.advance(24 * 3600.0)  # the next day asks afresh
    win.home.start_button.click()
    assert win.stack.currentWidget() is win.flow.safety_check


def test_a_red_flag_ticked_by_mistake_can_be_changed(make, repo, qtbot) -> None:
    win = make()
    win.home.start_button.click()
    win.flow.safety_check.boxes["numb_cold_foot"].setChecked(True)
    win.flow.safety_check.continue_button.click()
    stop = win.flow.safety_stop
    assert stop.change_button.isVisible() and stop.change_button.text() == "Change my answers"
    stop.change_button.click()
    check = win.flow.safety_check
    assert win.stack.currentWidget() is check
    assert check.boxes["numb_cold_foot"].isChecked()  # the answers given, to correct
    check.boxes["numb_cold_foot"].setChecked(False)
    check.continue_button.click()
    assert win.stack.currentWidget() is win.flow.pain_check
    rows = repo.conn.execute("SELECT outcome FROM safety_check ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["emergency", "clear"]  # the correction is a new check
    win.go_home()
    win.home.start_button.click()  # cleared for the day now
    assert win.stack.currentWidget() is win.flow.pain_check


def test_a_limiting_red_flag_blocks_a_calf_loading_routine_without_stopping_the_day(make, repo) -> None:
    win = make()
    win.home.start_button.click()  # the first routine has calf raises
    assert any(s.exercise.id == "calf-raise-straight" for s in win.flow._pending.steps)
    win.flow.safety_check.boxes["fluoroquinolone"].setChecked(True)
    win.flow.safety_check.continue_button.click()
    assert win.stack.currentWidget() is win.flow.safety_stop
    assert win.flow.safety_stop.heading.text() == "Not this routine for now"
    assert "prescribed" in win.flow.safety_stop.advice.text()
    assert win.controller.engine is None and repo.recent_sessions() == []


def test_tingling_on_the_sole_goes_on_to_the_session(make, repo) -> None:
    win = make()
    win.home.start_button.click()
    win.flow.safety_check.boxes["sole_tingling"].setChecked(True)
    win.flow.safety_check.continue_button.click()
    assert win.stack.currentWidget() is win.flow.pain_check
    row = repo.conn.execute("SELECT outcome FROM safety_check").fetchone()
    assert row[0] == "see_soon"


def test_a_clear_check_is_asked_once_a_day(make, repo) -> None:
    clock = FakeClock(datetime(2026, 11, 25, 7, 0, tzinfo=LONDON))
    win = make(clock)
    win.home.start_button.click()
    win.flow.safety_check.continue_button.click()  # nothing ticked
    assert win.stack.currentWidget() is win.flow.pain_check
    win.flow.pain_check.back_button.click()
    win.home.start_button.click()
    assert win.stack.currentWidget() is win.flow.pain_check  # not asked again today
    win.flow.pain_check.back_button.click()
    clock.advance(24 * 3600)
    win.home.start_button.click()
    assert win.stack.currentWidget() is win.flow.safety_check  # a new day


# -- first run ----------------------------------------------------------------
def test_the_not_a_diagnosis_note_shows_until_acknowledged(make, tmp_path) -> None:
    win = make(settings=Settings())
    assert win.banners.disclaimer.isVisible()
    assert "not a diagnosis" in win.banners.disclaimer.label.text()
    assert not win.home.disclaimer.isVisible()  # the note is on screen once, not twice
    win.banners.disclaimer.buttons["I understand"].click()
    assert win.stack.currentWidget() is win.screen("triage")  # then where it hurts (skippable)
    win.go_home()
    assert win.home.disclaimer.isVisible()
    saved = SettingsStore(tmp_path / "settings.json").load().settings
    assert saved.disclaimer_seen
    again = make(settings=saved)
    assert again.banners.disclaimer is None


# -- sound unavailable, cues ---------------------------------------------------
def test_a_full_session_runs_with_no_audio_stack(make, repo) -> None:
    clock = FakeClock()
    repo.record_safety_check(clock.now(), {}, "clear")
    win = make(clock)

    def missing():  # type: ignore[no-untyped-def]
        raise ImportError("libpulse.so.0: cannot open shared object file")

    win.cues = QtCueSink(lambda: win.context.settings, win.flow.session_screen.flash, win.quiet_message,
                         load_multimedia=missing)
    win.home.select_routine("pre-run-warmup")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    advance(win, clock, 12, step=1.0)  # the first cues: said once, while the session runs
    assert win.statusBar().currentMessage() == UNAVAILABLE
    advance(win, clock, 6 * 60 + 18, step=1.0)
    assert win.stack.currentWidget() is win.flow.summary
    assert win.statusBar().currentMessage() == ""  # a status message goes with its screen (finding 31)
    assert win.flow.session_screen.flashes > 20  # every cue shown on screen instead
    assert not win.cues.audio_available and "libpulse" in win.cues.problems[0]
    win.flow.summary.skip_button.click()
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.COMPLETED and row.sets_completed == row.sets_planned


class FakeEffect:
    played: list[tuple[str, float]] = []

    def __init__(self) -> None:
        self.source = ""
        self.volume = 1.0

    def setSource(self, url) -> None:  # noqa: N802
        self.source = url.fileName()

    def setVolume(self, v: float) -> None:  # noqa: N802
        self.volume = v

    def play(self) -> None:
        FakeEffect.played.append((self.source, self.volume))


class FakeMultimedia:
    class QMediaDevices:
        @staticmethod
        def audioOutputs() -> list[str]:
            return ["speakers"]

    QSoundEffect = FakeEffect


class FakeSpeech:
    spoken: list[tuple[str, float]] = []

    class QTextToSpeech:
        @staticmethod
        def availableEngines() -> list[str]:
            return ["fake"]

        def __init__(self) -> None:
            self.rate = 0.0

        def setRate(self, r: float) -> None:  # noqa: N802
            self.rate = r

        def setVolume(self, v: float) -> None:  # noqa: N802
            pass

        def say(self, text: str) -> None:
            FakeSpeech.spoken.append((text, self.rate))


def test_sounds_and_voice_follow_the_settings() -> None:
    FakeEffect.played.clear()
    FakeSpeech.spoken.clear()
    settings = Settings(sound_volume=40, voice_rate=0.3)
    flashes = []
    told = []
    sink = QtCueSink(lambda: settings, lambda: flashes.append(1), told.append,
                     load_multimedia=lambda: FakeMultimedia, load_speech=lambda: FakeSpeech)
    sink.play(Sound.GO)
    sink.say("Calf raise.")
    assert FakeEffect.played == [("go.wav", 0.4)]
    assert FakeSpeech.spoken == [("Calf raise.", 0.3)]
    assert told == [] and flashes == []
    settings = Settings(sound_enabled=False, voice_enabled=False)
    sink.play(Sound.GO)
    sink.say("Rest.")
    assert len(FakeEffect.played) == 1 and len(FakeSpeech.spoken) == 1
    assert flashes == [1]  # sound off: the cue is shown instead


def test_no_speech_engine_is_said_once_and_sounds_still_play() -> None:
    class NoEngines(FakeSpeech):
        class QTextToSpeech(FakeSpeech.QTextToSpeech):
            @staticmethod
            def availableEngines() -> list[str]:
                return []

    told = []
    sink = QtCueSink(lambda: Settings(), lambda: None, told.append,
                     load_multimedia=lambda: FakeMultimedia, load_speech=lambda: NoEngines)
    sink.say("a")
    sink.say("b")
    sink.play(Sound.TICK)
    assert told == [NO_VOICE] and sink.audio_available


# -- pain during, counts ------------------------------------------------------
def test_pain_above_the_threshold_suggests_stopping_that_exercise(make, repo) -> None:
    clock = FakeClock()
    repo.record_safety_check(clock.now(), {}, "clear")
    win = make(clock, Settings(disclaimer_seen=True, pain_threshold=5))
    win.home.select_routine("heel-drops")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    screen = win.flow.session_screen
    advance(win, clock, 10 + 60 + 1)  # first set of straight-knee drops done
    assert screen.after_set.isVisible() and screen.pain_buttons[0].isVisible()
    screen.pain_buttons[4].click()
    assert not screen.advice_row.isVisible()  # 4 is within the limit
    screen.pain_buttons[7].click()
    assert screen.advice_row.isVisible() and "above your limit of 5/10" in screen.advice.text()
    screen.stop_exercise_button.click()
    # on to the bent-knee drops, after the rest that ends the exercise
    assert win.controller.engine.next_work().exercise.id == "heel-drop-bent"
    sid = win.controller.recorder.session_id
    sets = repo.sets_for(sid)
    assert [(s.set_number, s.status, s.pain_during) for s in sets] == [
        (1, "completed", 7), (2, "skipped", None), (3, "skipped", None)
    ]


def test_the_runner_can_correct_the_count_of_the_last_set(make, repo) -> None:
    clock = FakeClock()
    repo.record_safety_check(clock.now(), {}, "clear")
    win = make(clock)
    win.home.select_routine("heel-drops")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    advance(win, clock, 10 + 60 + 1)
    spin = win.flow.session_screen.done_spin
    assert spin.value() == 15 and spin.suffix() == " reps"
    spin.setValue(12)
    [first] = repo.sets_for(win.controller.recorder.session_id)
    assert first.actual_reps == 12


def test_a_set_stopped_early_records_what_was_done(make, repo) -> None:
    clock = FakeClock()
    repo.record_safety_check(clock.now(), {}, "clear")
    win = make(clock)
    win.home.select_routine("heel-drops")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    advance(win, clock, 10 + 4 * 6 + 1)  # 6 reps of 4 s done
    win.flow.session_screen.skip_button.click()
    [first] = repo.sets_for(win.controller.recorder.session_id)
    assert (first.status, first.actual_reps) == ("skipped", 6)
    assert win.flow.session_screen.done_spin.value() == 6


# -- tempo, how-to, focus -------------------------------------------------------
def test_tempo_bar_and_how_to(make, repo, qtbot) -> None:
    clock = FakeClock()
    repo.record_safety_check(clock.now(), {}, "clear")
    win = make(clock)
    win.home.select_routine("heel-drops")  # 1 s up, 3 s down
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    screen = win.flow.session_screen
    advance(win, clock, 10.5)
    assert screen.tempo_row.isVisible() and screen.tempo_label.text() == "Up"
    advance(win, clock, 2.0)
    assert screen.tempo_label.text() == "Down" and 300 <= screen.tempo_bar.value() <= 600
    assert not screen.howto_scroll.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_H)
    assert screen.howto_scroll.isVisible()
    assert "Common mistake" in screen.howto.text() and "sore leg" in screen.howto.text()


def test_focus_mode_goes_full_screen_with_bigger_digits(make, repo) -> None:
    clock = FakeClock()
    repo.record_safety_check(clock.now(), {}, "clear")
    win = make(clock)
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    win.finish_startup()
    screen_size = QApplication.primaryScreen().size()
    win.resize(screen_size)  # compare at the size full screen will have
    QApplication.processEvents()
    normal = win.flow.session_screen.countdown_label.font().pixelSize()
    win.focus_action.trigger()
    QApplication.processEvents()
    assert win.isFullScreen() and win.flow.session_screen.focus_mode and not win.menuBar().isVisible()
    assert win.flow.session_screen.countdown_label.font().pixelSize() > normal
    win.focus_action.trigger()
    assert not win.isFullScreen() and win.menuBar().isVisible()


# -- resume and next morning ----------------------------------------------------
def _interrupted_heel_drops(repo, clock) -> str:  # type: ignore[no-untyped-def]
    from ankle_trainer.core.engine import SessionEngine
    from ankle_trainer.core.library import find_routine
    from ankle_trainer.storage.recorder import HistoryRecorder

    engine = SessionEngine(find_routine("heel-drops"), clock)
    recorder = HistoryRecorder(repo, 3)
    engine.add_listener(recorder)
    engine.start()
    for _ in range(10 + 60 + 60 + 60 + 10):  # two sets done, into the third
        clock.advance(1)
        engine.tick()
    repo.mark_interrupted()  # as the next start does after a crash
    return recorder.session_id


def test_an_interrupted_session_can_be_resumed_from_the_next_set(make, repo) -> None:
    clock = FakeClock()
    sid = _interrupted_heel_drops(repo, clock)
    clock.advance(3600)  # the app was closed for an hour
    repo.record_safety_check(clock.now(), {}, "clear")
    win = make(clock)
    win.finish_startup()
    assert "interrupted with 2 of 6 sets done." in win.banners.resume.label.text()
    # the history says the same, from the same figures and the same words
    history = win.show_screen("history")
    assert history.model.data(history.model.index(0, 4)) == "2 of 6 sets done"
    win.go_home()
    win.banners.resume.buttons["Resume"].click()
    engine = win.controller.engine
    # the get-ready countdown in place of the rest before set 3 (tenth re-test: a
    # runner back after a crash was given a full minute's rest)
    assert engine is not None and engine.current.phase is Phase.GET_READY
    assert engine.current.duration == 10 and engine.next_work().set_number == 3
    # get ready, set 3, rest, then three bent-knee sets with two rests: 10 s + 7 x 60 s,
    # then the last set's rest for its rating (twelfth re-test)
    from ankle_trainer.core.plan import LAST_SET_CHECK_SECONDS

    advance(win, clock, 10 + 7 * 60 + LAST_SET_CHECK_SECONDS + 1, step=1.0)
    assert win.stack.currentWidget() is win.flow.summary
    summary_text = win.flow.summary.details.text()
    assert "Sets done in full: 6 of 6" in win.flow.summary.details.text()
    [row] = repo.recent_sessions()
    assert row.id == sid and row.status is SessionStatus.COMPLETED and row.pain_before == 3
    assert [s.seq for s in repo.sets_for(sid)] == [0, 1, 2, 3, 4, 5]
    # one figure for the time spent: the summary's and History's, without the
    # hour the app was closed (tenth re-test: "0:26" against "1:01")
    spent = (10 + 60 + 60 + 60) + (10 + 7 * 60 + LAST_SET_CHECK_SECONDS)  # before the crash's last set, then after
    assert row.duration_seconds == pytest.approx(spent, abs=2)
    assert f"Time: {format_clock(row.duration_seconds)}" in summary_text


def test_an_interrupted_session_can_be_closed_as_stopped(make, repo) -> None:
    clock = FakeClock()
    sid = _interrupted_heel_drops(repo, clock)
    win = make(clock)
    win.finish_startup()
    win.banners.resume.buttons["Close it as stopped"].click()
    assert repo.get_session(sid).status is SessionStatus.STOPPED
    assert repo.resumable_session() is None


def test_next_morning_check_is_linked_to_yesterdays_session(make, repo) -> None:
    from ankle_trainer.storage.sample import run_session

    yesterday = datetime(2026, 11, 24, 18, 0, tzinfo=LONDON)
    sid = run_session(repo, find_routine("pre-run-warmup"), yesterday, 3, 2, step=5.0)
    clock = FakeClock(yesterday + timedelta(hours=14))
    win = make(clock)
    win.finish_startup()
    assert "this morning, after Tuesday's “Warm-up before a run”" in win.banners.morning.label.text()
    win.banners.morning_spins["Pain"].setValue(2)
    win.banners.morning_spins["Stiffness"].setValue(4)
    win.banners.morning.buttons["Save"].click()
    row = repo.get_session(sid)
    assert (row.pain_next_morning, row.stiffness_next_morning) == (2, 4)
    again = make(clock)
    again.finish_startup()
    assert again.banners.morning is None  # asked once


def test_not_now_means_not_asked_again(make, repo) -> None:
    from ankle_trainer.storage.sample import run_session

    yesterday = datetime(2026, 11, 24, 18, 0, tzinfo=LONDON)
    sid = run_session(repo, find_routine("pre-run-warmup"), yesterday, 3, 2, step=5.0)
    win = make(FakeClock(yesterday + timedelta(hours=14)))
    win.finish_startup()
    win.banners.morning.buttons["Not now"].click()
    assert repo.get_session(sid).pain_next_morning is None
    assert repo.needs_next_morning_check("2026-11-25") is None


def test_no_morning_question_on_the_same_day(make, repo) -> None:
    from ankle_trainer.storage.sample import run_session

    morning = datetime(2026, 11, 25, 7, 0, tzinfo=LONDON)
    run_session(repo, find_routine("pre-run-warmup"), morning, 3, 2, step=5.0)
    win = make(FakeClock(morning + timedelta(hours=6)))
    win.finish_startup()
    assert win.banners.morning is None


def test_repaints_are_scheduled_just_after_each_second_changes(make, repo) -> None:
    clock = FakeClock()
    repo.record_safety_check(clock.now(), {}, "clear")
    win = make(clock, settings=Settings(disclaimer_seen=True, get_ready_seconds=10))
    win.home.select_routine("ankle-mobility")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    screen = win.flow.session_screen
    clock.advance(2.9)  # 7.1 s left: the display changes to 0:07 in 0.1 s
    screen.on_timer()
    assert screen.next_frame_ms() == 101
    assert screen.timer.isSingleShot() and screen.timer.remainingTime() <= 101
    clock.advance(0.2)  # 6.9 s left: next change in 0.9 s, repaint at most every 250 ms
    assert screen.next_frame_ms() == 250
    win.controller.engine.pause()
    assert screen.next_frame_ms() == 250


def test_routine_preview_shows_each_exercise_with_picture_and_how_to(make) -> None:
    win = make()
    win.home.select_routine("complete-ankle")
    win.home.preview_button.click()
    from ankle_trainer.ui.dialogs.about import RoutinePreview

    [preview] = win.findChildren(RoutinePreview)
    assert preview.list.count() == 13
    preview.list.setCurrentRow(3)
    assert "Calf raise, straight knee" in preview.text.text()
    assert "Common mistake" in preview.text.text()
    assert preview.picture.renderer().isValid()
    preview.reject()


def test_a_stopped_day_is_said_before_asking_about_an_unsuited_programme(make, repo) -> None:
    clock = FakeClock()
    repo.record_safety_check(clock.now(), {"fever": True}, "urgent")
    win = make(clock)
    asked: list[str] = []

    class Asker:
        def confirm(self, title: str, text: str) -> bool:
            asked.append(title)
            return True

    win.context.asker = Asker()
    routine = win.home.routines[0]
    win.home.set_unsuited({routine.id: "It works the calf."})
    win.home._begin(routine)
    assert asked == []  # no "not suggested" question first
    assert win.stack.currentWidget() is win.flow.safety_stop
    assert win.flow.safety_stop.heading.text() == "No exercise today"


def test_resuming_an_interrupted_session_respects_todays_red_flag(make, repo) -> None:
    clock = FakeClock()
    _interrupted_heel_drops(repo, clock)
    repo.record_safety_check(clock.now(), {"fever": True}, "urgent")
    win = make(clock)
    win.finish_startup()
    win.banners.resume.buttons["Resume"].click()
    assert win.stack.currentWidget() is win.flow.safety_stop
    assert win.controller.engine is None


def test_resuming_without_a_check_today_asks_it_then_goes_straight_on(make, repo) -> None:
    clock = FakeClock()
    _interrupted_heel_drops(repo, clock)
    win = make(clock)
    win.finish_startup()
    win.banners.resume.buttons["Resume"].click()
    assert win.stack.currentWidget() is win.flow.safety_check
    win.flow.safety_check.continue_button.click()  # all clear
    engine = win.controller.engine
    assert engine is not None and engine.next_work().set_number == 3  # pain before not asked again


def test_after_a_limiting_red_flag_home_marks_the_routines_ruled_out_and_the_stop_page_names_the_rest(
        make, repo) -> None:
    """Ticking the antibiotic question rules out the calf-loading routines
    only: the stop page names the routines that can still be done today, and
    the home list marks the others with the reason in words, so the runner
    does not try them one by one."""
    from ankle_trainer.core.safety import blocks_routine

    win = make()
    win.home.start_button.click()  # the first routine has calf raises
    win.flow.safety_check.boxes["fluoroquinolone"].setChecked(True)
    win.flow.safety_check.continue_button.click()
    assert win.flow.safety_stop.heading.text() == "Not this routine for now"
    routines = win.home.routines
    ids = {r.id: [s.exercise.id for s in r.steps] for r in routines}
    ruled_out = [r for r in routines if blocks_routine({"calf_loading"}, ids[r.id])]
    allowed = [r for r in routines if r not in ruled_out]
    assert ruled_out and allowed  # the case needs both
    advice = win.flow.safety_stop.advice.text()
    assert "Routines you can still do today:\n" in advice
    listed = [line[2:] for line in advice.splitlines() if line.startswith("• ")]
    assert listed == [r.name for r in allowed]  # a name a line (names hold commas)
    for r in ruled_out:
        assert f"• {r.name}" not in advice
    win.flow.safety_stop.home_button.click()
    assert win.stack.currentWidget() is win.home
    for row, r in enumerate(routines):
        text = win.home.routine_list.item(row).text()
        assert (" · not for now" in text) == (r in ruled_out), text
    win.home.select_routine(ruled_out[0].id)
    assert win.home.fit_note.isVisibleTo(win.home)
    assert "calf raises" in win.home.fit_note.text() and "safety check" in win.home.fit_note.text()
    win.home.select_routine(allowed[0].id)
    assert not win.home.fit_note.isVisibleTo(win.home)


def test_a_red_flag_that_stops_the_day_marks_every_routine_at_home(make, repo) -> None:
    win = make()
    win.home.start_button.click()
    win.flow.safety_check.boxes["fever"].setChecked(True)
    win.flow.safety_check.continue_button.click()
    assert "Routines you can still do" not in win.flow.safety_stop.advice.text()
    win.flow.safety_stop.home_button.click()
    for row in range(win.home.routine_list.count()):
        assert " · not for now" in win.home.routine_list.item(row).text()
    assert "rule out exercise today" in win.home.fit_note.text()
