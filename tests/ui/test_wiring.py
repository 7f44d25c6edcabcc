"""The pieces of issues 12-14 reached from the window: triage (first start,
home, history, starting a programme), the physio report in the File menu,
the recovery of a damaged history, and RM loads in the session."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ankle_trainer.core.library import find_routine
from ankle_trainer.core.triage import Condition, Onset, TriageAnswers
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sample import run_session
from ankle_trainer.storage.settings import Settings, SettingsStore

INSERTIONAL = TriageAnswers(Condition.ACHILLES_INSERTION, Onset.MONTHS, False)


def _home_text(win, routine_id: str) -> str:  # type: ignore[no-untyped-def]
    row = [r.id for r in win.home.routines].index(routine_id)
    return str(win.home.routine_list.item(row).text())


# -- triage ----------------------------------------------------------------------


def test_first_start_asks_where_it_hurts_after_the_welcome_and_can_be_skipped(make_window) -> None:
    win = make_window(settings=Settings(disclaimer_seen=False))
    assert win.stack.currentWidget() is win.home  # the welcome first, not the questions
    win.banners.disclaimer.buttons["I understand"].click()
    triage = win.screens["triage"]
    assert win.stack.currentWidget() is triage
    assert triage.stages.currentWidget() is triage.questions
    triage.skip_button.click()
    assert win.stack.currentWidget() is win.home
    assert win.context.history.latest_triage() is None  # skipping saves nothing


def test_the_welcome_does_not_ask_again_when_answers_exist(make_window, repo, clock) -> None:
    repo.add_triage(clock.now(), INSERTIONAL)
    win = make_window(settings=Settings(disclaimer_seen=False))
    win.banners.disclaimer.buttons["I understand"].click()
    assert win.stack.currentWidget() is win.home


def test_answers_are_saved_through_the_app_and_prefilled_next_time(make_window, repo, clock) -> None:
    win = make_window(startup=True)
    win.home.triage_button.click()
    page = win.stack.currentWidget()
    assert page is win.screens["triage"]
    assert not any(b.isChecked() for b in page.area_buttons.values())  # never answered: blank
    page.area_buttons[Condition.ACHILLES_INSERTION].setChecked(True)
    page.onset_buttons["months"].setChecked(True)
    page.injury_buttons["no"].setChecked(True)
    assert page.submit()
    record = repo.latest_triage()
    assert record is not None and record.answers == INSERTIONAL
    assert record.answered_at == clock.now()
    win.go_home()
    win.actions_by_key["triage"].trigger()  # View > Where does it hurt? (Ctrl+6)
    assert win.stack.currentWidget() is page and page.stages.currentWidget() is page.questions
    assert page.answers() == INSERTIONAL


def test_a_failed_save_is_reported_and_the_page_stays(make_window, repo, monkeypatch) -> None:
    from ankle_trainer.storage.errors import StorageError

    win = make_window()
    page = win.show_screen("triage")

    def full(*args: object) -> int:
        raise StorageError("database or disk is full")

    monkeypatch.setattr(repo, "add_triage", full)
    page.area_buttons[Condition.ACHILLES_MID].setChecked(True)
    page.submit()
    assert any("could not save to your history (database or disk is full)" in m
               for m in win.notice.messages())
    assert repo.latest_triage() is None


def test_a_chosen_programme_starts_through_the_safety_check(make_window) -> None:
    win = make_window()
    page = win.show_screen("triage")
    page.area_buttons[Condition.ACHILLES_MID].setChecked(True)
    page.submit()
    page.start_buttons["hsr"].click()
    assert win.stack.currentWidget() is win.flow.safety_check  # not cleared today: asked first
    assert win.home.selected_routine().id == "hsr"


def test_a_chosen_programme_goes_to_pain_before_once_cleared_today(make_window) -> None:
    win = make_window(safety_done=True)
    page = win.show_screen("triage")
    page.area_buttons[Condition.ACHILLES_INSERTION].setChecked(True)
    page.submit()
    page.start_buttons["heel-drops-floor"].click()
    assert win.stack.currentWidget() is win.flow.pain_check
    assert win.flow._pending.id == "heel-drops-floor"


def test_home_marks_routines_that_do_not_suit_the_answers_and_asks_before_starting(make_window, repo, clock) -> None:
    win = make_window(safety_done=True)
    assert "suggested" not in _home_text(win, "heel-drops")  # no answers yet: nothing marked
    page = win.show_screen("triage")
    page.set_answers(INSERTIONAL)
    page.submit()  # saved: the home list follows the change
    assert _home_text(win, "heel-drops").endswith(" · not suggested")
    assert "suggested" not in _home_text(win, "heel-drops-floor")
    win.go_home()
    win.home.select_routine("heel-drops")
    assert win.home.fit_note.isVisible() and "lowering below the step did poorly" in win.home.fit_note.text()
    asker = win.context.asker
    asker.answer = False
    win.home.start_button.click()
    assert asker.asked == ["Start a programme not suggested for you?"]
    assert win.stack.currentWidget() is win.home  # "no": nothing started
    asker.answer = True
    win.home.start_button.click()
    assert win.stack.currentWidget() is win.flow.pain_check
    win.flow.pain_check.cancelled.emit()
    win.home.select_routine("heel-drops-floor")
    asker.asked.clear()
    win.home.start_button.click()
    assert asker.asked == []  # a suited one starts without a question


def test_new_answers_select_the_first_suggested_routine_on_home(make_window) -> None:
    """Home never keeps selected a routine it has just marked "not suggested"."""
    win = make_window(safety_done=True)
    win.home.select_routine("heel-drops")
    page = win.show_screen("triage")
    page.set_answers(INSERTIONAL)
    page.submit()
    assert win.home.selected_routine().id == "heel-drops-floor"
    assert "suggested" not in _home_text(win, "heel-drops-floor")
    win.home.select_routine("calf-strength")
    page.set_answers(TriageAnswers(Condition.UNSURE))
    page.submit()  # nothing fits: the runner's choice stays
    assert win.home.selected_routine().id == "calf-strength"


def test_triage_answers_are_listed_in_the_history_with_their_dates(make_window, repo, clock) -> None:
    repo.add_triage(clock.now(), TriageAnswers(Condition.ACHILLES_MID, Onset.WEEKS, False))
    clock.advance(3 * 86400)
    win = make_window()
    history = win.show_screen("history")
    page = win.show_screen("triage")
    page.set_answers(INSERTIONAL)
    page.submit()  # the history screen, built before, follows the change
    win.show_screen("history")
    table = history.triage
    assert history.tabs.tabText(history.tabs.indexOf(table.parentWidget())) == "&Where it hurts"  # the table, or its "nothing yet" note
    assert table.rowCount() == 2
    assert table.item(0, 0).text() == "2026-03-05 07:30"  # newest first, its own local time
    assert table.item(0, 1).text().startswith("Where the Achilles meets the heel bone; started months")
    assert table.item(1, 0).text() == "2026-03-02 07:30"
    assert table.item(1, 1).text().startswith("In the Achilles tendon")


# -- the physio report -----------------------------------------------------------


def test_the_report_is_in_the_file_menu_with_its_own_shortcut(make_window) -> None:
    win = make_window(startup=True)
    action = win.actions_by_key["report"]
    assert action.text() == "Report for my &physio…" and action.shortcut().toString() == "Ctrl+P"
    assert action in win.file_menu.actions()
    dialog = win.open_dialog("shortcuts")
    assert "Ctrl+P" in dialog.text.text() and "Report for my physio" in dialog.text.text()
    dialog.close()


def test_the_report_dialog_keeps_the_name_in_the_settings_and_shows_triage(make_window, repo, clock, tmp_path) -> None:
    repo.add_triage(clock.now(), INSERTIONAL)
    win = make_window(startup=True, store=True)
    win.actions_by_key["report"].trigger()
    dialog = win.report_dialog
    assert dialog.report.triage is not None
    assert ("Where does it hurt?", "Where the Achilles meets the heel bone") in dialog.report.triage.answers
    dialog.name.setText("A. B.")
    dialog.name.editingFinished.emit()
    assert dialog.save_to(tmp_path / "r.pdf")
    assert win.context.settings.report_name == "A. B."
    assert SettingsStore(tmp_path / "settings.json").load().settings.report_name == "A. B."
    dialog.close()


# -- recovery of a damaged history ---------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A history of 40 sessions with a page in the middle overwritten."""
    folder = tmp_path / "data"
    folder.mkdir()
    repo, _ = HistoryRepository.open(folder / "history.sqlite3")
    tz = timezone(timedelta(hours=1))
    for day in range(40):
        run_session(repo, find_routine("heel-drops"), datetime(2026, 1, 1, 7, tzinfo=tz) + timedelta(days=day),
                    3, 2, step=5.0)
    repo.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    repo.close()
    path = folder / "history.sqlite3"
    size, page = path.stat().st_size, 4096
    with open(path, "r+b") as f:
        f.seek((size // page // 2) * page)
        f.write(b"\xa5" * page)
    return path


def test_a_damaged_history_offers_recovery_into_a_new_file(make_window, damaged: Path, qtbot) -> None:
    repo, _ = HistoryRepository.open(damaged)
    try:
        win = make_window(history=repo, data_dir=damaged.parent, startup=True)
        before = _digest(damaged)
        win.storage_failed("database disk image is malformed")
        [message] = win.notice.messages()
        assert "is damaged" in message and "ankle-trainer recover" not in message
        assert "Recover history…" in message
        from PySide6.QtWidgets import QToolButton

        button = win.notice.findChild(QToolButton, "noticeAction:Recover history…")
        assert button is not None
        button.click()
        job = win.recover_dialog
        assert win.context.asker.asked[-1] == "Recover your history?"
        job.thread.join()
        qtbot.waitUntil(lambda: any(m.startswith("Recovered") for m in win.notice.messages()))
        said = win.notice.messages()[0]  # the newest first
        target = job.result.target
        assert target.parent == damaged.parent and target.name.startswith("history-recovered-20260302-")
        assert f"into the new file {target}" in said and f"kept, unchanged, at {damaged}" in said
        copied = job.result.counts["session"]
        assert 0 < copied <= 40 and f"Recovered {copied} session" in said
        # the window says what could not be saved, in the command line's words
        from ankle_trainer.app.recovery import lost_words

        assert lost_words(job.result.lost, job.result.uncounted) in said
        assert _digest(damaged) == before  # the damaged file is kept as it was
        again, _ = HistoryRepository.open(target)
        assert again.count_sessions() == copied
        again.close()
    finally:
        repo.close()


def test_saying_no_to_recovery_writes_nothing(make_window, damaged: Path) -> None:
    repo, _ = HistoryRepository.open(damaged)
    try:
        win = make_window(history=repo, data_dir=damaged.parent, startup=True)
        win.context.asker.answer = False
        before = sorted(p.name for p in damaged.parent.iterdir())
        win.actions_by_key["recover"].trigger()  # File > Recover history…
        assert win.recover_dialog is None
        assert sorted(p.name for p in damaged.parent.iterdir()) == before
    finally:
        repo.close()


def test_a_recovery_that_cannot_write_says_so_and_keeps_the_damaged_file(make_window, damaged: Path, qtbot, monkeypatch) -> None:
    from ankle_trainer.ui.dialogs import recover

    repo, _ = HistoryRepository.open(damaged)
    try:
        win = make_window(history=repo, data_dir=damaged.parent, startup=True)
        before = _digest(damaged)
        monkeypatch.setattr(recover, "recovery_target",
                            lambda source, now: damaged.parent / "gone" / "new.sqlite3")
        job = win.open_dialog("recover")
        job.thread.join()
        qtbot.waitUntil(lambda: any("could not be copied" in m for m in win.notice.messages()))
        assert f"Your damaged history file is kept as it is at {damaged}" in win.notice.messages()[0]
        assert _digest(damaged) == before
    finally:
        repo.close()


# -- repetition-maximum loads in the session -------------------------------------


def _start(win, routine_id: str) -> None:  # type: ignore[no-untyped-def]
    win.home.select_routine(routine_id)
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()  # pain before: not rated (a rating must be chosen)
    assert win.stack.currentWidget() is win.flow.session_screen


def test_the_session_shows_and_records_the_rm_weight_from_the_keyboard(make_window, repo, qtbot) -> None:
    from PySide6.QtCore import Qt

    win = make_window(safety_done=True)
    _start(win, "hsr")
    row = win.flow.session_screen.load_row
    assert row.isVisible()
    assert row.label.text().startswith("No 15RM weight recorded yet")
    row.spin.setFocus()
    row.spin.lineEdit().selectAll()
    qtbot.keyClicks(row.spin.lineEdit(), "42.5")
    qtbot.keyClick(row.spin.lineEdit(), Qt.Key.Key_Return)
    assert repo.rm_loads("hsr") == {("hsr-seated-calf-raise", 15): 42.5}
    assert row.label.text().startswith("Your 15RM weight: 42.5 kg")
    win.flow.session_screen.timer.stop()
    win.controller.interrupt()
    win.go_home()
    _start(win, "hsr")  # the next session shows the weight recorded
    assert row.label.text().startswith("Your 15RM weight: 42.5 kg") and row.spin.value() == 42.5


def test_a_routine_without_rm_shows_no_weight_row(make_window) -> None:
    win = make_window(safety_done=True)
    _start(win, "heel-drops")
    assert not win.flow.session_screen.load_row.isVisible()


def test_answers_given_before_mark_the_home_list_once_started(make_window, repo, clock) -> None:
    repo.add_triage(clock.now(), INSERTIONAL)
    win = make_window(startup=True)
    assert " · not suggested" in _home_text(win, "calf-stretch")
    assert "suggested" not in _home_text(win, "heel-drops-floor")


def test_start_anyway_on_a_day_stopped_by_a_red_flag_says_so_before_asking(make_window, repo, clock) -> None:
    repo.record_safety_check(clock.now(), {"fever": True}, "urgent")
    win = make_window()
    page = win.show_screen("triage")
    page.area_buttons[Condition.ACHILLES_INSERTION].setChecked(True)
    page.submit()
    page.start_buttons["heel-drops"].click()  # not suggested for the insertion
    assert page.confirm_rows["heel-drops"].isHidden()  # no "start it all the same?" first
    assert win.stack.currentWidget() is win.flow.safety_stop
    assert win.flow.safety_stop.heading.text() == "No exercise today"
