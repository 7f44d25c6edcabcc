"""Data trust and words (tester findings 3, 5, 13, 14, 15, 19, 20, 22, 30, 31):
a rating is only ever one the runner chose, a changed or refused value is said,
and no message outlives what it describes."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSlider, QSpinBox

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.settings import Settings


def _rating_inputs(root):  # type: ignore[no-untyped-def]
    """Every 0-10 rating input under ``root``: spin boxes whose top is 10, and pain scales."""
    from ankle_trainer.ui.screens.session.pages import PainScale

    scales = root.findChildren(PainScale)
    inside = {s.slider for s in scales}
    loose = [w for w in root.findChildren(QSlider) if w.minimum() == 0 and w.maximum() == 10 and w not in inside]
    assert loose == []  # a bare 0-10 slider cannot show "not rated": use PainScale
    return [w for w in root.findChildren(QSpinBox) if w.maximum() == 10] + scales


def test_every_rating_input_starts_unrated(make_window, repo, clock) -> None:
    """Finding 3 as a kind: no 0-10 box anywhere shows a value the runner never chose."""
    from ankle_trainer.storage.sample import run_session

    run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    assert win.banners.morning is not None
    from ankle_trainer.ui.dialogs import DIALOGS
    from ankle_trainer.ui.screens import SCREENS

    pages = {spec.key: win.show_screen(spec.key) for spec in SCREENS}  # built on first use
    win.show_screen("home")
    win.flow.pain_check, win.flow.summary  # noqa: B018
    inputs = _rating_inputs(win)
    assert len(inputs) >= 5  # morning pain + stiffness, three history boxes, pain check
    history = pages["history"]
    _, shown = history.current()  # history shows the selected session's own ratings, or a dash
    for key, spin in history.pain.items():
        stored = getattr(shown, key)
        assert spin.value() == (-1 if stored is None else stored), key
        assert spin.specialValueText() == "–"
    assert shown.pain_next_morning is None and history.pain["pain_next_morning"].text() == "–"
    for widget in inputs:
        if widget in history.pain.values():
            continue
        if isinstance(widget, QSpinBox):
            # unrated: the lowest value, shown as a dash, never a number
            assert widget.value() == widget.minimum() == -1, widget.accessibleName()
            assert widget.specialValueText() == "–", widget.accessibleName()
            assert widget.text() == "–"
        else:
            assert widget.value() is None, widget.question.text()  # a pain scale: nothing chosen
    for spec in DIALOGS:  # dialogs hold settings and counts, never a pain rating
        if spec.key in ("import", "recover", "preview"):
            continue
        dialog = win.open_dialog(spec.key)
        try:
            assert [w for w in _rating_inputs(dialog) if "pain" in w.accessibleName().lower()
                    and "threshold" not in w.accessibleName().lower()] == []
        finally:
            dialog.close()


def test_the_morning_question_saves_only_chosen_ratings(make_window, repo, clock, qtbot) -> None:
    from ankle_trainer.storage.sample import run_session

    sid = run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    banner = win.banners.morning
    spins = win.banners.morning_spins
    shown = not banner.isHidden()
    # Save with nothing chosen: refused, and said why; the question stays open
    banner.buttons["Save"].click()
    assert not banner.why.isHidden() and "Rate pain and stiffness first, 0 to 10" in banner.why.text()
    assert "Not now" in banner.why.text()
    assert (not banner.isHidden()) == shown and win.banners.morning is banner
    row = repo.get_session(sid)
    assert (row.pain_next_morning, row.stiffness_next_morning) == (None, None)
    # Enter in the pain box with only pain chosen says what is still missing
    spins["Pain"].setValue(3)
    spins["Pain"].setFocus()
    qtbot.keyClick(spins["Pain"].lineEdit(), Qt.Key.Key_Return)
    assert banner.why.text().startswith("Rate stiffness first")
    assert repo.get_session(sid).pain_next_morning is None
    # both chosen (0 is a real choice too): saved
    spins["Stiffness"].setValue(0)
    qtbot.keyClick(spins["Stiffness"].lineEdit(), Qt.Key.Key_Return)
    row = repo.get_session(sid)
    assert (row.pain_next_morning, row.stiffness_next_morning) == (3, 0)
    assert banner.isHidden()


def _type(qtbot, spin, text: str) -> None:  # type: ignore[no-untyped-def]
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), text)


def test_every_settings_number_says_when_a_typed_value_is_refused(tmp_path, qtbot) -> None:
    """Finding 15 as a kind: every number box in the settings says that a
    number typed outside its range was more than the most, and what it keeps
    (issue 11 re-test: the number typed, not the digits Qt kept of it)."""
    from PySide6.QtWidgets import QAbstractSpinBox, QDateTimeEdit

    from ankle_trainer.ui.dialogs.settings import SettingsDialog
    from ankle_trainer.ui.fields import NotedDoubleSpinBox, NotedSpinBox

    dialog = SettingsDialog(Settings(), tmp_path, tray_available=True)
    qtbot.addWidget(dialog)
    spins = [s for s in dialog.findChildren(QAbstractSpinBox) if not isinstance(s, QDateTimeEdit)]  # a time: not one number
    assert len(spins) >= 11 and all(isinstance(s, (NotedSpinBox, NotedDoubleSpinBox)) for s in spins)
    for spin in spins:
        assert spin.note.isHidden()
        _type(qtbot, spin, "9999")
        spin.interpretText()  # the typing ends
        assert not spin.note.isHidden(), spin.name
        said = spin.note.text()
        kept = f"{spin.textFromValue(spin.maximum())}{spin.suffix()}"
        assert said.startswith("9999 is more than the most") and said.endswith(f"the box keeps {kept}."), said
        assert spin.value() == spin.maximum()
    get_ready = dialog.get_ready
    assert get_ready.value() == 60  # the finding: 9999 typed; the box keeps its most and says so
    assert get_ready.note.text() == "9999 is more than the most, 60 s; the box keeps 60 s."
    _type(qtbot, get_ready, "5")  # a good value clears the note, once the typing ends
    get_ready.interpretText()
    assert get_ready.value() == 5 and get_ready.note.isHidden()


def test_lowering_the_pain_threshold_says_the_safe_zone_came_down(tmp_path, qtbot) -> None:
    from ankle_trainer.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(Settings(), tmp_path, tray_available=True)
    qtbot.addWidget(dialog)
    assert dialog.safe_zone.value() == 2
    dialog.pain_threshold.setValue(1)
    assert dialog.safe_zone.value() == 0
    assert dialog.safe_zone.note.text() == (
        "Changed from 2 / 10 to 0 / 10: it must stay below the pain threshold (1 / 10).")
    assert dialog.current.safe_zone_max == 0  # what is said is what is kept
    _type(qtbot, dialog.safe_zone, "8")
    dialog.safe_zone.interpretText()
    assert dialog.safe_zone.value() == 0
    assert "8 is more than the most, 0 / 10 (it must stay below the pain threshold, 1 / 10)" in (
        dialog.safe_zone.note.text())


def test_a_greyed_tray_choice_says_why_in_words_and_tooltip(tmp_path, qtbot) -> None:
    from ankle_trainer.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(Settings(), tmp_path, tray_available=False)
    qtbot.addWidget(dialog)
    assert not dialog.keep_in_tray.isEnabled()
    assert "no system tray" in dialog.keep_in_tray.toolTip()
    assert not dialog.tray_note.isHidden() and "no system tray" in dialog.tray_note.text()
    with_tray = SettingsDialog(Settings(), tmp_path, tray_available=True)
    qtbot.addWidget(with_tray)
    assert with_tray.keep_in_tray.isEnabled() and with_tray.tray_note.isHidden()


def test_a_routine_file_message_goes_when_the_file_is_fixed(make_window, tmp_path) -> None:
    """Finding 5 as a kind: a message never outlives what it describes; a new
    problem is said."""
    from ankle_trainer.core.library import exercise_library
    from ankle_trainer.storage.routine_store import RoutineStore
    from tests.conftest import TINY_ROUTINE

    folder = tmp_path / "routines"
    folder.mkdir()
    broken = folder / "tiny.toml"
    broken.write_text(TINY_ROUTINE.replace("sets = 2", "sets = 500"))
    other = folder / "other.toml"
    other.write_text("format_version = 1\nid = \"other\"\n")  # no name, no steps
    store = RoutineStore(folder, exercise_library())
    win = make_window(routine_store=store, settings=Settings(disclaimer_seen=True), startup=True)
    win.show_message("An unrelated message stays.")
    said = win.notice.messages()
    assert any("tiny.toml" in m for m in said) and any("other.toml" in m for m in said)
    broken.write_text(TINY_ROUTINE)  # fixed: sets 500 -> 2
    win.routines_watcher.reload()  # what the folder watcher calls once the writes settle
    said = win.notice.messages()
    assert not any("tiny.toml" in m for m in said)
    assert any("other.toml" in m for m in said) and "An unrelated message stays." in said
    assert "tiny.toml" not in win.notice.label.text()
    other.unlink()
    broken.write_text(TINY_ROUTINE.replace("reps = 3", "reps = 0"))  # a new problem
    win.routines_watcher.reload()
    said = win.notice.messages()
    assert not any("other.toml" in m for m in said)
    assert [m for m in said if "tiny.toml" in m] != []


def test_a_status_message_goes_on_the_next_screen_and_by_itself(make_window, monkeypatch) -> None:
    """Finding 31, the kind of finding 5: "Exported 2 sessions to ..." stayed after
    later actions on other pages."""
    from ankle_trainer.ui.widgets import STATUS_MS

    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    bar = win.statusBar()
    shown: list[tuple[str, int]] = []
    real = bar.showMessage
    monkeypatch.setattr(bar, "showMessage", lambda text, ms=0: (shown.append((text, ms)), real(text, ms)))
    win.show_screen("history")
    win.quiet_message("Exported 2 sessions to /tmp/x.csv")
    assert bar.currentMessage() == "Exported 2 sessions to /tmp/x.csv"
    assert shown == [("Exported 2 sessions to /tmp/x.csv", STATUS_MS)] and 0 < STATUS_MS <= 30_000
    win.show_screen("progress")
    assert bar.currentMessage() == ""
    win.quiet_message("Chart saved to /tmp/c.png")
    win.go_home()
    assert bar.currentMessage() == ""


def test_every_history_table_says_what_will_appear_while_empty(make_window) -> None:
    """Finding 13 as a kind: a scan over every table on the history screen."""
    from PySide6.QtWidgets import QLabel, QStackedWidget, QTableView

    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    page = win.show_screen("history")
    tables = page.findChildren(QTableView)
    assert len(tables) >= 4  # sessions, suggestions, heel-rise tests, where it hurts
    for table in tables:
        assert table.model().rowCount() == 0
        stack = table.parentWidget()
        assert isinstance(stack, QStackedWidget), table.accessibleName()
        shown = stack.currentWidget()
        assert isinstance(shown, QLabel) and "listed here" in shown.text(), table.accessibleName()
    assert "Where does it hurt?" in page.empty_notes[page.triage].text()


def test_a_history_table_with_rows_shows_them_not_the_note(make_window, repo, clock) -> None:
    from ankle_trainer.core.triage import Condition, Onset, TriageAnswers

    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    page = win.show_screen("history")
    assert page.triage.parentWidget().currentWidget() is page.empty_notes[page.triage]
    repo.add_triage(clock.now(), TriageAnswers(Condition.ACHILLES_MID, Onset.WEEKS, False))
    page = win.show_screen("history")  # read afresh
    assert page.triage.rowCount() == 1
    assert page.triage.parentWidget().currentWidget() is page.triage


def test_the_triage_pages_have_a_way_home_and_esc_goes_back(make_window, qtbot) -> None:
    """Finding 14: the same header with "← Home" as other screens; Esc goes
    back a step (programmes -> questions -> home)."""
    from ankle_trainer.core.triage import Condition, Onset, TriageAnswers

    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    page = win.show_screen("triage")
    assert page.home_button.text() == "← Home" and page.home_button.isVisibleTo(page)
    page.home_button.click()
    assert win.stack.currentWidget() is win.home
    page = win.show_screen("triage")
    page.set_answers(TriageAnswers(Condition.ACHILLES_MID, Onset.DAYS, True))
    page.submit()
    assert page.stages.currentWidget() is page.results
    qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_Escape)
    assert page.stages.currentWidget() is page.questions and win.stack.currentWidget() is page
    qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_Escape)
    assert win.stack.currentWidget() is win.home


def test_a_triage_warning_is_its_own_paragraph_and_the_list_follows_its_lead_in() -> None:
    """Finding 14: "these programmes fit: If it began with a sudden pop..." read as
    if the warning were the list."""
    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.core.triage import Condition, Onset, TriageAnswers, refs, route

    result = route(TriageAnswers(Condition.ACHILLES_MID, Onset.DAYS, True), refs(builtin_routines()))
    paragraphs = result.message.split("\n\n")
    assert len(paragraphs) == 2 and result.fits
    assert "sudden pop" in paragraphs[0] and "see a doctor today" in paragraphs[0]
    assert paragraphs[-1] == "For pain in the middle of the Achilles tendon, the programmes listed below fit."
    assert not any(p.rstrip().endswith(":") for p in paragraphs)


def test_a_number_during_a_set_says_when_pain_is_rated_below_the_header(
        make_window, tiny_routine, clock, qtbot) -> None:
    """Finding 22: the words match what the app does (pain during a set is
    rated in the rest after it) and the notice leaves the header line readable."""
    from tests.ui.test_session_gui import advance, start_tiny

    win = make_window(routines=(tiny_routine, *builtin_routines()), safety_done=True,
                      settings=Settings(disclaimer_seen=True), startup=True)
    win.resize(800, 600)
    win.show()
    start_tiny(win)
    screen = win.flow.session_screen
    advance(win, clock, 12)  # get ready 10 s, then 2 s into set 1
    assert screen.after_set.isHidden()
    qtbot.keyClick(screen, Qt.Key.Key_2)
    assert screen.notice.text() == ("Pain during a set is rated once the set is done, in the rest "
                                    "after it: press a number key 0 to 9 then.")
    header_bottom = max(screen.routine_label.geometry().bottom(), screen.step_label.geometry().bottom())
    assert screen.notice.isVisible() and screen.notice.y() > header_bottom
    advance(win, clock, 4.5)  # the set is done: now the number rates it
    qtbot.keyClick(screen, Qt.Key.Key_2)
    assert screen.pain_buttons[2].isChecked()


def test_recover_on_a_healthy_history_does_not_call_it_damaged(make_window, tmp_path, qtbot) -> None:
    """Finding 30: the words fit the situation."""
    from ankle_trainer.storage.history import HistoryRepository

    questions: list[tuple[str, str]] = []
    repo, _ = HistoryRepository.open(tmp_path / "history.sqlite3")
    try:
        win = make_window(history=repo, data_dir=tmp_path, startup=True)
        win.context.asker.confirm = lambda title, question: (questions.append((title, question)), False)[1]
        assert win.open_dialog("recover") is None  # said no: nothing is written
        [(title, question)] = questions
        assert title == "Copy your history?"
        assert "passed its check: nothing in it is damaged" in question
        assert "damaged file" not in question and "the damaged" not in question
        assert sorted(p.name for p in tmp_path.iterdir() if "recovered" in p.name) == []
    finally:
        repo.close()


def test_the_routine_editors_numbers_say_a_refused_value_too(make_window, qtbot, tmp_path) -> None:
    """Finding 15's kind in the routine editor: each step's number boxes."""
    from ankle_trainer.core.library import exercise_library
    from ankle_trainer.storage.routine_store import RoutineStore

    store = RoutineStore(tmp_path / "routines", exercise_library())
    win = make_window(routine_store=store, settings=Settings(disclaimer_seen=True), startup=True)
    dialog = win.open_dialog("editor")
    dialog.ask_unsaved = lambda r: "discard"
    try:
        assert dialog.new_routine()  # an editable routine
        dialog.add_step()  # a step added is the step shown
        for spin in (dialog.sets, dialog.rest_after):
            assert spin.isEnabled()
            _type(qtbot, spin, "99999")
            spin.interpretText()  # the typing ends
            assert spin.note.text().startswith("99999 is more than the most"), spin.name
            assert not spin.note.isHidden() and spin.value() == spin.maximum(), spin.name
    finally:
        dialog.done(0)
