"""Ninth fresh-user round (tester9): the routine editor opens on the routine
chosen on home (F4); every file chooser offers the place used last, kept
across restarts (F6); empty states say what is true of the runner's history
(F11); the F1 list and the README's key table have the same rows (F10). F5
(a row's parts touching) is a scan in test_every_page_scans.py."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from ankle_trainer.core.library import exercise_library, find_routine
from ankle_trainer.storage.routine_store import RoutineStore
from ankle_trainer.storage.sample import run_session
from ankle_trainer.storage.settings import SettingsStore

TZ = timezone(timedelta(hours=1))


# -- F4: a dialog opened from the menu opens on what the runner is looking at ----------
@pytest.mark.parametrize("rid", ["heel-drops-floor", "pre-run-warmup"])
def test_the_routine_editor_opens_on_the_routine_chosen_on_home(make_window, tmp_path, rid) -> None:
    """F4: Ctrl+R opened on "Complete ankle session" (the first routine) whatever
    the home screen had chosen; Duplicate then copied the wrong routine."""
    win = make_window(routine_store=RoutineStore(tmp_path / "routines", exercise_library()), startup=True)
    win.home.select_routine(rid)
    assert win.home.selected_routine().id == rid
    win.actions_by_key["editor"].trigger()  # Ctrl+R
    editor = win.editor_dialog
    try:
        assert editor.selected().id == rid and editor.working.id == rid
        assert editor.name.text() == find_routine(rid).name
        assert editor.duplicate()  # the copy is of the routine looked at
        assert editor.working.name == f"{find_routine(rid).name} (my copy)"
    finally:
        editor.done(0)


def test_the_editor_opens_on_your_own_routine_when_home_has_it_chosen(make_window, tmp_path) -> None:
    store = RoutineStore(tmp_path / "routines", exercise_library())
    win = make_window(routine_store=store, startup=True)
    editor = win.open_dialog("editor")
    editor.list.setCurrentRow(2)
    assert editor.duplicate()
    mine = editor.working.id
    editor.done(0)
    win.home.select_routine(win.home.routines[0].id)  # a built-in chosen on home
    again = win.open_dialog("editor")
    try:
        assert again.selected().id == win.home.routines[0].id
    finally:
        again.done(0)
    win.home.select_routine(mine)
    third = win.open_dialog("editor")
    try:
        assert third.selected().id == mine
    finally:
        third.done(0)


# -- F6: file choosers offer the place used last, after a restart too -----------------
@pytest.fixture
def restartable(make_window, repo, tmp_path):  # type: ignore[no-untyped-def]
    """A window whose settings are saved in tmp_path, and a way to start the app
    again on the settings it saved."""
    run_session(repo, find_routine("pre-run-warmup"), datetime(2026, 2, 20, 7, 0, tzinfo=TZ), 2, 1, step=10.0)

    def start():  # type: ignore[no-untyped-def]
        saved = SettingsStore(tmp_path / "settings.json").load().settings
        return make_window(settings=saved, store=True,
                           routine_store=RoutineStore(tmp_path / "routines", exercise_library()))

    return start


def test_export_offers_the_file_written_last_after_a_restart_too(restartable, tmp_path) -> None:
    """F6: Ctrl+E, a file typed, Enter; the next Ctrl+E offered
    ~/ankle-trainer-sessions.csv again, so Enter wrote (or asked to replace) another file."""
    win = restartable()
    first = win.open_dialog("export")
    assert first.path.text() == str(Path.home() / "ankle-trainer-sessions.csv")  # nothing used yet
    target = tmp_path / "exports" / "t9-exp.csv"
    target.parent.mkdir()
    first.path.setText(str(target))
    first.export_button.click()
    assert target.exists() and not first.isVisible()
    again = win.open_dialog("export")
    assert again.path.text() == str(target)
    again.reject()
    later = restartable().open_dialog("export")  # the app started again
    assert later.path.text() == str(target)
    later.reject()


def test_export_keeps_the_folder_of_a_default_name_and_follows_sessions_or_sets(restartable, tmp_path) -> None:
    win = restartable()
    dialog = win.open_dialog("export")
    dialog.sets.setChecked(True)
    dialog.path.setText(str(tmp_path / "ankle-trainer-sets.csv"))
    dialog.export_button.click()
    again = win.open_dialog("export")  # sessions, the default: the name follows, the folder stays
    assert again.path.text() == str(tmp_path / "ankle-trainer-sessions.csv")
    again.reject()


def test_export_forgets_a_folder_that_is_gone(restartable, tmp_path) -> None:
    win = restartable()
    folder = tmp_path / "usb"
    folder.mkdir()
    dialog = win.open_dialog("export")
    dialog.path.setText(str(folder / "mine.csv"))
    dialog.export_button.click()
    (folder / "mine.csv").unlink()
    folder.rmdir()  # the stick was taken out
    again = win.open_dialog("export")
    assert again.path.text() == str(Path.home() / "ankle-trainer-sessions.csv")
    again.reject()


def test_the_report_pdf_is_offered_in_the_folder_saved_to_last(restartable, tmp_path) -> None:
    win = restartable()
    dialog = win.open_dialog("report")
    assert dialog.folder == Path.home()
    target = tmp_path / "reports" / "for-my-physio.pdf"
    target.parent.mkdir()
    assert dialog.save_to(target) and target.exists()
    dialog.reject()
    assert win.open_dialog("report").folder == target.parent
    win.report_dialog.reject()
    later = restartable().open_dialog("report")
    assert later.folder == target.parent
    later.reject()


def test_import_starts_in_the_folder_imported_from_last(restartable, repo, tmp_path) -> None:
    from ankle_trainer.storage.csv_io import export_csv

    folder = tmp_path / "from-phone"
    folder.mkdir()
    export_csv(repo.conn, folder / "s.csv")
    win = restartable()
    asker = win.context.asker
    asker.files = [str(folder / "s.csv")]
    win.open_dialog("import")
    win.open_dialog("import")
    assert asker.folders == [Path.home(), folder]
    later = restartable()
    later.context.asker.files = []
    later.open_dialog("import")  # cancelled
    assert later.context.asker.folders == [folder]


def test_a_chart_is_offered_in_the_folder_saved_to_last(restartable, tmp_path) -> None:
    win = restartable()
    page = win.show_screen("progress")
    offered: list[str] = []
    folder = tmp_path / "charts"
    folder.mkdir()

    def ask(suggested: str) -> str:
        offered.append(suggested)
        return str(folder / "mine.png")

    page.ask_save_path = ask
    assert page.save_panel(page.pain) == str(folder / "mine.png")
    assert page.save_panel(page.pain)
    assert [Path(p).parent for p in offered] == [Path.home(), folder]
    later = restartable().show_screen("progress")
    later.ask_save_path = ask
    later.save_panel(later.pain)
    assert Path(offered[-1]).parent == folder


def test_a_routine_file_chooser_starts_in_the_folder_used_last(restartable, tmp_path) -> None:
    folder = tmp_path / "shared-routines"
    folder.mkdir()
    win = restartable()
    editor = win.open_dialog("editor")
    asked: list[str] = []
    editor.ask_save_path = lambda suggested: asked.append(str(editor.folder / suggested)) or str(
        folder / suggested)
    assert editor.folder == Path.home()
    assert editor.export_file()
    editor.done(0)
    later = restartable().open_dialog("editor")
    try:
        assert later.folder == folder
    finally:
        later.done(0)


# -- F11: an empty state says what is true of the runner's history --------------------
def _suggestions_note(win) -> str:  # type: ignore[no-untyped-def]
    page = win.show_screen("history")
    note = page.empty_notes[page.suggestions]
    assert page.suggestions.parentWidget().currentWidget() is note  # the note shows, not an empty grid
    return note.text()


def test_no_suggestions_to_a_rated_history_does_not_ask_for_rated_sessions(make_window, repo) -> None:
    """F11: 788 rated sessions (the demo) and no suggestion: the tab said "After a
    few sessions with pain ratings, the app suggests...", as if none were rated."""
    for day in range(3, 8):
        run_session(repo, find_routine("pre-run-warmup"), datetime(2026, 2, day, 7, 0, tzinfo=TZ), 2, 1, step=10.0)
    run_session(repo, find_routine("pre-run-warmup"), datetime(2026, 2, 9, 7, 0, tzinfo=TZ), None, None, step=10.0)
    assert repo.recommendations() == []
    text = _suggestions_note(make_window())
    assert "After a few sessions with pain ratings" not in text
    assert text.startswith("No suggestions so far: none has come from your 5 sessions with pain ratings.")
    assert "After each session you do here, and each next-morning rating" in text


def test_no_suggestions_before_any_rating_says_they_come_after_a_few(make_window, repo) -> None:
    run_session(repo, find_routine("pre-run-warmup"), datetime(2026, 2, 9, 7, 0, tzinfo=TZ), None, None, step=10.0)
    assert repo.count_rated_sessions() == 0
    assert _suggestions_note(make_window()).startswith(
        "No suggestions yet. After a few sessions with pain ratings, the app suggests")


def test_one_rated_session_reads_in_the_singular(make_window, repo) -> None:
    run_session(repo, find_routine("pre-run-warmup"), datetime(2026, 2, 9, 7, 0, tzinfo=TZ), 3, None, step=10.0)
    assert "none has come from your 1 session with pain ratings." in _suggestions_note(make_window())


def test_the_weekly_chart_of_a_routine_not_done_names_it(make_window, repo) -> None:
    """The same kind on Progress: counting one routine's sessions, with none of
    them, the chart said "No completed sessions yet" to a runner with sessions."""
    run_session(repo, find_routine("pre-run-warmup"), datetime(2026, 2, 20, 7, 0, tzinfo=TZ), 2, 1, step=10.0)
    page = make_window().show_screen("progress")
    names = [page.of_routine.itemText(i) for i in range(page.of_routine.count())]
    page.of_routine.setCurrentIndex(names.index("Eccentric heel drops"))
    assert page.adherence.is_empty()
    assert page.adherence.empty.text().startswith("No completed sessions of “Eccentric heel drops” yet.")
    page.of_routine.setCurrentIndex(0)  # all routines: the bars, no note
    assert not page.adherence.is_empty()


# -- F10: the F1 list and the README's key table have the same rows ---------------------
def _readme_keys() -> list[str]:
    """The first column of the README's key table ("| Key | Does |"), row by row."""
    lines = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| Key | Does |") + 2  # past the header and its | --- | line
    keys = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        keys.append(line.split(" | ")[0].removeprefix("| ").strip())
    return keys


def test_the_f1_list_has_every_row_of_the_readme_key_table_and_no_other() -> None:
    """F10: F1 lacked the README's rows for the arrows in a list of answers, the
    chart keys (Left / Right, Home / End, Shift+arrows), the calendar's arrows
    and Esc on the pain check. Each key row of one is a row of the other."""
    from ankle_trainer.ui.dialogs.about import SHORTCUTS

    readme, f1 = sorted(_readme_keys()), sorted(k for k, _ in SHORTCUTS)
    assert len(readme) >= 30
    only_readme = [k for k in readme if readme.count(k) > f1.count(k)]
    only_f1 = [k for k in f1 if f1.count(k) > readme.count(k)]
    assert (only_readme, only_f1) == ([], [])


def test_the_f1_rows_the_tester_missed_say_where_the_keys_work() -> None:
    from ankle_trainer.ui.dialogs.about import SHORTCUTS

    said = {k: [w for key, w in SHORTCUTS if key == k] for k, _ in SHORTCUTS}
    assert any("Where does it hurt?" in w and "period" in w for w in said["Arrows"])
    assert any("calendar" in w for w in said["Arrows"])
    assert "Shift+Left / Shift+Right" in said["Left / Right, Home / End"][0]
    assert "on the pain check, go back" in said["Esc"][0]


def test_the_shown_f1_list_has_the_rows(make_window) -> None:
    win = make_window(startup=True)
    win.actions_by_key["shortcuts"].trigger()  # F1
    dialog = win.shortcuts_dialog
    try:
        text = dialog.text.text()
        assert "<b>Left / Right, Home / End</b>" in text and text.count("<b>Arrows</b>") == 2
    finally:
        dialog.done(0)
