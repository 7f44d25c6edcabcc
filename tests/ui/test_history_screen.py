"""The history screen, the export dialog and import from the window: model
first (a real history on disk), then the widgets, driven by their methods."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.library import find_routine
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sample import run_session

TZ = timezone(timedelta(hours=1))


@pytest.fixture
def history(repo: HistoryRepository) -> HistoryRepository:
    """Three sessions: two routines, three different days, one stopped early."""
    run_session(repo, find_routine("ankle-mobility"), datetime(2026, 2, 20, 7, 0, tzinfo=TZ), 4, 3, step=5.0)
    run_session(repo, find_routine("pre-run-warmup"), datetime(2026, 2, 24, 18, 0, tzinfo=TZ), 2, None,
                stop_after_seconds=60, step=5.0)
    run_session(repo, find_routine("ankle-mobility"), datetime(2026, 3, 1, 7, 0, tzinfo=TZ), 3, 2, step=5.0)
    return repo


@pytest.fixture
def window(make_window, history: HistoryRepository):  # type: ignore[no-untyped-def]
    return make_window(history=history, startup=True)


def column(page, col: int) -> list[str]:  # type: ignore[no-untyped-def]
    model = page.table.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_every_session_is_listed_newest_first_and_sorts_by_any_column(window) -> None:
    page = window.show_screen("history")
    assert window.stack.currentWidget() is page
    assert column(page, 1) == ["Ankle mobility", "Warm-up before a run", "Ankle mobility"]
    assert column(page, 2) == ["Completed", "Cut short", "Completed"]
    assert column(page, 5) == ["3", "2", "4"]  # pain before
    assert column(page, 6) == ["2", "–", "3"]  # pain after: none given for the stopped one (a dash, as in the details)
    assert page.count_label.text() == "3 sessions"
    page.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)
    assert column(page, 5) == ["2", "3", "4"]
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert column(page, 1)[0] == "Warm-up before a run"


def test_filter_by_routine_and_by_date_range(window) -> None:
    from datetime import date

    page = window.show_screen("history")
    page.set_filter(None, None, "ankle-mobility")
    assert column(page, 1) == ["Ankle mobility", "Ankle mobility"]
    assert page.count_label.text() == "2 of 3 sessions shown"
    page.set_filter(date(2026, 2, 21), date(2026, 2, 28), None)
    assert column(page, 1) == ["Warm-up before a run"]
    page.show_all()
    assert page.table.model().rowCount() == 3


def test_the_detail_panel_lists_the_sets_of_the_selected_session(window, history) -> None:
    page = window.show_screen("history")
    page.select_row(1)  # the stopped warm-up
    assert "Warm-up before a run" in page.detail_title.text()
    items = [page.sets_list.item(i).text().replace('\u00a0', ' ') for i in range(page.sets_list.count())]
    [sid] = [s.id for s in history.sessions() if s.routine_id == "pre-run-warmup"]
    assert len(items) == len(history.sets_for(sid)) > 0
    assert items[0].startswith(history.sets_for(sid)[0].exercise_name)
    import re  # a wrapped line never parts a count from its unit (thirtieth re-test: "15 of 15 / reps")
    for raw in (page.sets_list.item(i).text() for i in range(page.sets_list.count())):
        assert not re.search(r"\d (?:of|reps?|s)\b", raw), raw


def test_editing_notes_and_pain_is_saved_to_history(window, history) -> None:
    page = window.show_screen("history")
    page.select_row(0)
    _, session = page.current()
    page.pain["pain_after"].setValue(1)
    page.pain["pain_next_morning"].setValue(0)
    page.pain["pain_before"].setValue(-1)  # "not rated"
    page.notes.setPlainText("=felt fine, 5 km after")
    page.save_button.click()
    saved = history.get_session(session.id)
    assert (saved.pain_before, saved.pain_after, saved.pain_next_morning) == (None, 1, 0)
    assert saved.notes == "=felt fine, 5 km after"
    assert page.table.model().index(0, 8).data() == "=felt fine, 5 km after"
    assert "progress" not in window.screens  # not built yet: it loads fresh when first shown
    progress = window.show_screen("progress")
    window.show_screen("history").select_row(0)
    window.screen("history").pain["pain_after"].setValue(4)
    window.screen("history").save_button.click()
    assert progress.out_of_date  # the edit told the progress screen its data changed


def test_an_invalid_edit_gets_a_message_and_changes_nothing(window, history) -> None:
    page = window.show_screen("history")
    page.select_row(0)
    _, session = page.current()
    page.notes.setPlainText("x" * 10_001)
    page.pain["pain_after"].setValue(9)
    page.save_button.click()
    assert any("10,000 characters" in m for m in window.notice.messages())
    kept = history.get_session(session.id)
    assert (kept.notes, kept.pain_after) == (session.notes, session.pain_after)


def test_delete_asks_first_and_can_be_undone_with_every_set(window, history) -> None:
    page = window.show_screen("history")
    page.select_row(0)
    _, session = page.current()
    sets_before = history.sets_for(session.id)
    asked = []
    page.confirm_delete = lambda s: asked.append(s.id) or False  # "No"
    assert not page.delete_current()
    assert asked == [session.id] and history.get_session(session.id) is not None

    page.confirm_delete = lambda s: True
    assert page.delete_current()
    assert history.get_session(session.id) is None
    assert history.sets_for(session.id) == []
    assert page.table.model().rowCount() == 2
    assert page.undo_button.isEnabled()

    page.undo_button.click()
    assert history.get_session(session.id) == session
    assert history.sets_for(session.id) == sets_before
    assert page.table.model().rowCount() == 3
    assert not page.undo_button.isEnabled()


def test_history_opens_from_the_home_screen_and_the_menu_and_goes_back(window) -> None:
    window.home.history_button.click()
    assert window.stack.currentWidget() is window.screen("history")
    window.screen("history").home_button.click()
    assert window.stack.currentWidget() is window.home
    window.actions_by_key["history"].trigger()
    assert window.stack.currentWidget() is window.screen("history")
    window.actions_by_key["home"].trigger()
    assert window.stack.currentWidget() is window.home


def test_export_dialog_writes_the_file_and_says_where(window, tmp_path) -> None:
    dialog = window.open_dialog("export")
    target = tmp_path / "out" / "sets.csv"
    target.parent.mkdir()
    dialog.sets.setChecked(True)
    dialog.path.setText(str(target))
    dialog.export_button.click()
    assert not dialog.isVisible()
    text = target.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("session_id,exercise,side,set_number")
    assert str(target) in window.statusBar().currentMessage()
    assert "sets" in window.statusBar().currentMessage()


def test_a_failed_export_says_why_and_keeps_the_old_file(window, tmp_path, monkeypatch) -> None:
    import os

    folder = tmp_path / "exports"
    folder.mkdir()
    old = folder / "history.csv"
    old.write_text("my old export")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    dialog = window.open_dialog("export")
    dialog.path.setText(str(old))
    dialog.confirm_replace = lambda path: True  # "Replace the file?" Yes
    dialog.export_button.click()
    assert dialog.isVisible()  # stays open so another place can be chosen
    assert "No space left on device" in dialog.error.text()
    assert old.read_text() == "my old export"
    assert [p.name for p in folder.iterdir()] == ["history.csv"]  # no partial file
    dialog.reject()


def test_export_under_a_file_is_refused_with_a_clear_message(window, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    dialog = window.open_dialog("export")
    dialog.path.setText(str(blocker / "x.csv"))
    dialog.export_button.click()
    assert dialog.isVisible()
    assert "Choose a folder you can write to" in dialog.error.text()
    assert blocker.read_text() == "not a folder"
    dialog.reject()


def test_export_refuses_a_folder_as_the_file(window, tmp_path) -> None:
    dialog = window.open_dialog("export")
    dialog.path.setText(str(tmp_path))
    dialog.export_button.click()
    assert dialog.isVisible() and "is a folder" in dialog.error.text()
    dialog.reject()


def test_import_from_the_window_reports_and_a_second_import_adds_nothing(window, history, tmp_path) -> None:
    from ankle_trainer.storage.csv_io import export_csv
    from ankle_trainer.storage.history import HistoryRepository

    other, _ = HistoryRepository.open(tmp_path / "other.sqlite3")
    run_session(other, find_routine("pre-run-warmup"), datetime(2026, 1, 5, 7, 0, tzinfo=TZ), 1, 1, step=5.0)
    export_csv(other.conn, tmp_path / "s.csv")
    export_csv(other.conn, tmp_path / "t.csv", sets=True)
    sets = len(other.sets_for(other.sessions()[0].id))
    other.close()
    window.context.asker.files = [str(tmp_path / "s.csv"), str(tmp_path / "t.csv")]
    message = window.open_dialog("import")
    assert message == f"Import finished. Added 1 session and {sets} sets."
    assert history.count_sessions() == 4
    again = window.open_dialog("import")
    assert again == (f"Import finished. Added 0 sessions and 0 sets. Left out 1 session and {sets} sets"
                     " already in your history.")
    assert history.count_sessions() == 4
    assert message in window.notice.messages()


def test_a_malformed_import_names_the_line_and_adds_nothing(window, history, tmp_path) -> None:
    from ankle_trainer.storage.csv_io import export_csv

    export_csv(history.conn, tmp_path / "s.csv")
    import csv

    with open(tmp_path / "s.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    rows[2][5] = "finished"  # line 3, column 6: status
    with open(tmp_path / "s.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    history.delete_session(history.sessions()[0].id)  # so the file has something new
    before = history.count_sessions()
    window.context.asker.files = [str(tmp_path / "s.csv")]
    message = window.open_dialog("import")
    assert message.startswith("Nothing was imported.")
    assert "line 3, column 6 (status)" in message
    assert history.count_sessions() == before


def test_cancelling_the_import_file_chooser_does_nothing(window, history) -> None:
    window.context.asker.files = []
    assert window.open_dialog("import") is None
    assert window.notice.messages() == []


def test_the_selected_session_stays_selected_when_the_order_changes(window) -> None:
    page = window.show_screen("history")
    page.select_row(1)
    _, chosen = page.current()
    page.table.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # pain before: 2, 3, 4
    _, still = page.current()
    assert still.id == chosen.id
    assert page.current()[0] == 0  # the warm-up had the lowest pain before


def test_a_history_that_cannot_be_read_keeps_the_current_screen_and_says_why(window, history, monkeypatch) -> None:
    from ankle_trainer.storage.errors import StorageError

    def unreadable(*args: object, **kwargs: object) -> None:
        raise StorageError("disk I/O error")

    monkeypatch.setattr(history, "sessions", unreadable)
    assert window.show_screen("history") is None
    assert window.stack.currentWidget() is window.home
    [message] = window.notice.messages()
    assert "disk I/O error" in message and "could not save to your history" in message
    assert len(history.recent_sessions()) == 3  # nothing was lost


def test_an_empty_history_shows_the_injected_clocks_day_not_the_wall_clocks(make_window) -> None:
    from datetime import UTC, datetime

    win = make_window(clock=FakeClock(datetime(2031, 7, 9, 12, tzinfo=UTC)))
    page = win.show_screen("history")
    page.show_all()
    assert page.from_date.date().toPython().isoformat() == "2031-07-09"
    assert page.to_date.date().toPython().isoformat() == "2031-07-09"


def test_an_empty_history_says_so_and_shows_no_made_up_zeros(make_window) -> None:
    win = make_window()
    page = win.show_screen("history")
    assert page.table_or_note.currentWidget() is page.empty_note
    assert "No sessions yet" in page.empty_note.text()
    assert not page.detail.isEnabled()
    assert all(spin.text() == "–" for spin in page.pain.values())  # a dash, not "0"


def test_long_set_lines_wrap_instead_of_scrolling_sideways_at_800_by_600(window, qtbot) -> None:
    window.resize(800, 600)
    page = window.show_screen("history")
    page.select_row(1)  # the stopped warm-up: lines ending "– skipped"
    QApplication.processEvents()  # posted layout requests, no waiting
    sets = page.sets_list
    assert sets.count() > 0
    sets.addItem("Single-leg heel drop on the floor, straight knee, set 12: 0 of 15 reps – skipped")
    QApplication.processEvents()  # posted layout requests, no waiting
    assert sets.horizontalScrollBar().maximum() == 0  # nothing hidden to the right
    widest = max(sets.visualItemRect(sets.item(i)).right() for i in range(sets.count()))
    assert widest <= sets.viewport().width()


def test_the_routine_choice_on_progress_shows_all_routines_whole_at_800_by_600(window, qtbot) -> None:
    window.resize(800, 600)
    page = window.show_screen("progress")
    QApplication.processEvents()  # posted layout requests, no waiting
    from PySide6.QtWidgets import QComboBox

    combo = next(c for c in page.findChildren(QComboBox) if c.accessibleName() == "Count the sessions of")
    assert combo.currentText() == "All routines"
    needed = combo.fontMetrics().horizontalAdvance("All routines")
    assert combo.width() >= needed + 24  # the text and the arrow, not "All routin"


def test_a_timed_set_stopped_at_1_1_s_reads_1_of_60_s(make_window, repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Fifteenth round F5: History said "1.1 of 60 s" where the session screen
    had said "1 s"; every set's count there is in whole seconds (no decimal point)."""
    import re

    sid = run_session(repo, find_routine("complete-ankle"), datetime(2026, 2, 24, 18, 0, tzinfo=TZ), 2, 2,
                      step=5.0)
    sets = repo.sets_for(sid)
    march = next(t for t in sets if t.exercise_name == "March on the spot" and t.target_seconds == 60)
    repo.set_actual(sid, march.seq, None, 1.1)  # stopped 1.1 s in, as the tester's was
    repo.conn.execute("UPDATE session_set SET status = 'skipped' WHERE session_id = ? AND seq = ?",
                      (sid, march.seq))  # Right (skip) pressed there: a set stopped part-way
    timed = [t for t in sets if t.target_seconds is not None and t is not march]
    for n, t in enumerate(timed):  # and every other timed set with tenths
        repo.set_actual(sid, t.seq, None, n + 0.4 + 0.3 * (n % 2))
    assert repo.sets_for(sid)[sets.index(march)].actual_seconds == 1.1  # the stored value keeps them
    page = make_window(history=repo, startup=True).show_screen("history")
    page.select_row(0)
    items = [page.sets_list.item(i).text().replace('\u00a0', ' ') for i in range(page.sets_list.count())]
    assert f"March on the spot, set {march.set_number}: 1 of 60 s – stopped part-way" in items
    assert [line for line in items if re.search(r"\d\.\d", line)] == []
    # the CSV export is data, not words: the stored 1.1 s, exact
    import csv

    from ankle_trainer.storage.csv_io import export_csv

    out = tmp_path / "sets.csv"
    export_csv(repo.conn, out, sets=True)
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["actual_seconds"] for r in rows if r["seq"] == str(march.seq)] == ["1.1"]


def test_the_session_panel_opens_at_its_top(window) -> None:
    """Sixteenth re-test: after Tab down History's session panel, the next
    opening of History (and another session chosen) kept it scrolled down,
    the session's title and pain boxes out of view. It opens at its top."""
    from PySide6.QtWidgets import QApplication

    window.resize(800, 560)
    page = window.show_screen("history")
    QApplication.processEvents()
    bar = page.detail_area.verticalScrollBar()
    assert bar.maximum() > 0  # a short window: the panel scrolls
    bar.setValue(bar.maximum())
    page.select_row(1)  # another session: its title in view
    assert bar.value() == 0
    bar.setValue(bar.maximum())
    window.go_home()
    window.show_screen("history")
    assert bar.value() == 0


def test_a_reload_keeps_the_chosen_session_highlighted_and_the_panel_with_it(window, history, tmp_path) -> None:
    """Nineteenth re-test: after an import no row was highlighted while the
    panel (and Delete) still had the first session; Down went to the second."""
    from ankle_trainer.storage.csv_io import export_csv

    page = window.show_screen("history")
    page.select_row(1)
    chosen = page.current()[1]
    export_csv(history.conn, tmp_path / "s.csv")
    window.context.asker.files = [str(tmp_path / "s.csv")]
    assert window.open_dialog("import").startswith("Import finished.")
    page.table.setFocus()  # the focus back on the table, as after the dialog
    QApplication.processEvents()
    rows = [i.row() for i in page.table.selectionModel().selectedRows()]
    assert rows == [page.table.currentIndex().row()] == [page.model.row_of(chosen.id)]
    assert page._shown.id == chosen.id and chosen.routine_name in page.detail_title.text()
    page.confirm_delete = lambda s: (asked.append(s.id), False)[1]
    asked: list[str] = []
    page.delete_current()
    assert asked == [chosen.id]  # Delete is about the session highlighted


def test_a_filter_hiding_a_session_with_unsaved_changes_asks_first(window, history) -> None:
    from datetime import date

    page = window.show_screen("history")
    page.select_row(0)  # the newest, 1 March
    shown = page.current()[1]
    page.notes.setPlainText("typed, not saved")
    answers = iter(["cancel", "discard"])
    asked = []
    page.ask_unsaved_edits = lambda s: (asked.append(s.id), next(answers))[1]
    page.set_filter(date(2026, 2, 21), date(2026, 2, 28), None)  # hides it
    assert asked == [shown.id]
    assert page.model.row_of(shown.id) is not None  # Cancel: every session shown again
    assert page.notes.toPlainText() == "typed, not saved" and page._shown.id == shown.id
    page.set_filter(date(2026, 2, 21), date(2026, 2, 28), None)
    assert asked == [shown.id, shown.id]  # Discard: the filter applies, the changes go
    assert column(page, 1) == ["Warm-up before a run"] and page.current()[1].routine_id == "pre-run-warmup"
    assert history.get_session(shown.id).notes == ""


def test_a_notice_takes_the_place_of_an_older_status_message(window, history, tmp_path) -> None:
    """Nineteenth re-test: "Exported 4 sessions to …" stayed in the status bar
    beside the newer "Import finished" notice."""
    from ankle_trainer.storage.csv_io import export_csv

    window.quiet_message("Exported 3 sessions to s.csv.")
    export_csv(history.conn, tmp_path / "s.csv")
    window.context.asker.files = [str(tmp_path / "s.csv")]
    message = window.open_dialog("import")
    assert message in window.notice.messages()
    assert window.statusBar().currentMessage() == ""


def test_changes_typed_for_a_session_deleted_elsewhere_are_said_to_be_lost(window, history) -> None:
    """A reload (a sync) that no longer has the session being changed: there
    is nothing to save to, so nothing is asked, nothing is written, and the
    runner is told the changes were not saved (they went without a word)."""
    page = window.show_screen("history")
    page.select_row(0)
    shown = page.current()[1]
    others = [s.id for s in history.sessions() if s.id != shown.id]
    page.notes.setPlainText("typed, not saved")
    asked: list[str] = []
    page.ask_unsaved_edits = lambda s: (asked.append(s.id), "save")[1]
    history.delete_session(shown.id)  # as a sync from another computer does
    page.load()
    assert asked == []
    assert page.model.row_of(shown.id) is None and page._shown.id != shown.id
    said = [m for m in window.notice.messages() if "no longer in your history" in m]
    assert len(said) == 1
    assert f"“{shown.routine_name}” of {shown.local_started_at:%d %b %Y, %H:%M}" in said[0]
    assert "could not be saved" in said[0]
    assert [s.id for s in history.sessions()] == others  # the others untouched
    assert all(s.notes == "" for s in history.sessions())


def test_a_reload_resets_the_table_once(window, history) -> None:
    page = window.show_screen("history")
    page.set_filter(None, None, "pre-run-warmup")
    resets: list[int] = []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.load()
    assert len(resets) == 1
    assert page.model.rowCount() == 3 and page.routine.currentIndex() == 0  # every session, as before


def test_saving_changes_for_a_session_a_filter_hid_keeps_them_when_it_is_shown_again(window, history) -> None:
    from datetime import date

    page = window.show_screen("history")
    page.select_row(0)  # 1 March
    shown = page.current()[1]
    page.notes.setPlainText("saved at the filter's question")
    page.ask_unsaved_edits = lambda s: "save"
    page.set_filter(date(2026, 2, 21), date(2026, 2, 28), None)  # hides it
    assert history.get_session(shown.id).notes == "saved at the filter's question"
    assert page.model.row_of(shown.id) is None
    page.show_all()
    page.select_row(page.model.row_of(shown.id))
    assert page.notes.toPlainText() == "saved at the filter's question"  # the model kept the saved row


def test_every_date_boxs_calendar_starts_on_the_first_day_of_the_week(window) -> None:
    """Twenty-sixth re-test: History's, the export's and the report's date
    pop-ups started on Monday whatever the setting; History's follows a
    change while it is open."""
    from PySide6.QtWidgets import QDateEdit

    def firsts(*roots) -> set:  # type: ignore[no-untyped-def]
        """The first day of each date box's calendar, as a click opening it finds it."""
        from PySide6.QtCore import QEvent, QPointF
        from PySide6.QtGui import QMouseEvent
        from PySide6.QtWidgets import QApplication

        days = set()
        for root in roots:
            for edit in root.findChildren(QDateEdit):
                press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(2, 2), QPointF(2, 2),
                                    Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                                    Qt.KeyboardModifier.NoModifier)
                QApplication.sendEvent(edit, press)  # on the date, not the arrow: nothing opens
                days.add(edit.calendarWidget().firstDayOfWeek())
        return days

    window.context.apply_settings(window.context.settings.with_changes(first_day_of_week="sunday"))
    page = window.show_screen("history")
    assert firsts(page) == {Qt.DayOfWeek.Sunday}
    window.context.apply_settings(window.context.settings.with_changes(first_day_of_week="saturday"))
    assert firsts(page) == {Qt.DayOfWeek.Saturday}  # while it is open
    export = window.open_dialog("export")
    report = window.open_dialog("report")
    try:
        assert len(export.findChildren(QDateEdit)) == 2 and len(report.findChildren(QDateEdit)) == 1
        assert firsts(export, report) == {Qt.DayOfWeek.Saturday}
    finally:
        export.reject()
        report.reject()


@pytest.mark.parametrize(("key", "modifier"), [(Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
                                               (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier)])
def test_alt_down_or_f4_opens_a_date_boxs_calendar(window, qtbot, key, modifier) -> None:
    """Twenty-sixth re-test (left then as Qt's): no key opened a date box's
    calendar. Alt+Down and F4 open it, as they open a drop-down list, on the
    runner's first day of the week; Esc closes it and the date stays."""
    from PySide6.QtWidgets import QDateEdit

    window.context.apply_settings(window.context.settings.with_changes(first_day_of_week="sunday"))
    page = window.show_screen("history")
    export = window.open_dialog("export")
    try:
        export.limit.setChecked(True)  # its date boxes are greyed until then
        edits = [e for e in page.findChildren(QDateEdit) + export.findChildren(QDateEdit) if e.isEnabled()]
        assert len(edits) >= 3
        for edit in edits:
            edit.setFocus()
            before = edit.date()
            qtbot.keyClick(edit, key, modifier)
            calendar = edit.calendarWidget()
            assert calendar.window().isVisible(), edits.index(edit)
            assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Sunday
            assert calendar.selectedDate() == before
            qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Escape)
            assert not calendar.window().isVisible()
            assert edit.date() == before
            qtbot.keyClick(edit, Qt.Key.Key_Down)  # a plain Down still steps the date, no calendar
            assert not calendar.window().isVisible()
    finally:
        export.reject()


def test_a_session_imported_without_its_sets_says_so_in_the_row_and_the_panel(make_window, history, tmp_path) -> None:
    """Twenty-ninth re-test: the Sets column said "… planned, not imported"
    and the panel beside it "No sets were recorded." for the same session."""
    from ankle_trainer.storage.csv_io import export_csv, import_csv

    export_csv(history.conn, tmp_path / "sessions.csv")  # one row per session: no sets
    other, _ = HistoryRepository.open(tmp_path / "other.sqlite3")
    import_csv(other.conn, [tmp_path / "sessions.csv"])
    win = make_window(history=other)
    page = win.show_screen("history")
    row = next(r for r in range(page.model.rowCount())
               if page.model.index(r, 4).data().endswith("planned, not imported"))
    page.select_row(row)
    items = [page.sets_list.item(i).text().replace('\u00a0', ' ') for i in range(page.sets_list.count())]
    assert items == ["Its sets were not imported: import the sets file exported with its sessions."]
    win.close()
    other.close()
