"""Issue 11, sixth re-test by a fresh keyboard-only user: each finding as a
kind, with a test that fails without its fix."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit

from ankle_trainer.core.library import exercise_library
from ankle_trainer.storage.routine_store import RoutineStore
from tests.ui.test_every_page_scans import window as window  # noqa: F401 (the scans' 800 x 600 window)


def test_a_control_destroyed_as_the_focus_leaves_it_is_left_alone(make_window) -> None:
    """F4: as a file chooser closed, the focus helper was handed its name box,
    already destroyed, and printed a traceback to the terminal."""
    from shiboken6 import delete

    from ankle_trainer.ui.shell.focus import _FocusShown, scroll_into_view

    win = make_window(startup=True)
    shown = win.findChild(_FocusShown)
    assert shown is not None
    box = QLineEdit(win)
    delete(box)  # its C++ side gone, as in the middle of a dialog's destruction
    shown.show(box, box)  # no RuntimeError
    shown.show(box, win.home.routine_list)
    scroll_into_view(box)


def _inside_a_scroll_area(widget, top) -> bool:  # type: ignore[no-untyped-def]
    from tests.ui.test_enter_and_view_scans import _outside_scroll_areas

    return not _outside_scroll_areas(widget, top)


def test_a_refused_import_in_the_editor_is_said_where_it_shows(make_window, tmp_path, monkeypatch) -> None:
    """F4: a routine file refused by Import… was said at the foot of the scrolled
    form, below the view, and the keyboard was nowhere. The refusal shows in
    the dialog's own foot, in view, and the keyboard is back on Import…."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 800, 600))
    win = make_window(routine_store=RoutineStore(tmp_path / "routines", exercise_library()), startup=True)
    editor = win.open_dialog("editor")
    editor.ask_unsaved = lambda r: "discard"
    bad = tmp_path / "bad-values.toml"
    bad.write_text('format_version = 1\nid = "x"\nname = "X"\n[[steps]]\nexercise = "marching"\n'
                   'sets = 0\nreps = 10\n')
    editor.ask_open_path = lambda: str(bad)
    try:
        assert not editor.import_file()
        for _ in range(3):
            QApplication.processEvents()
        assert editor.error.isVisible() and "sets: 0 is out of range" in editor.error.text()
        assert not _inside_a_scroll_area(editor.error, editor)
        assert editor.error.visibleRegion().boundingRect() == editor.error.rect()  # whole, in view
        assert editor.height() <= 600
        assert editor.import_button.hasFocus()
    finally:
        editor.done(0)


def test_every_dialogs_message_line_is_outside_its_scrolled_part(make_window, tmp_path) -> None:
    """The kind of F4: a dialog's refusal line (``error``) never sits in a
    scrolled part, where a short window hides it."""
    from ankle_trainer.ui.dialogs import DIALOGS

    win = make_window(routine_store=RoutineStore(tmp_path / "routines", exercise_library()), startup=True)
    seen = []
    for spec in DIALOGS:
        if spec.key in ("import", "recover"):
            continue  # a file chooser (the asker), and a question box
        args = (win.home.selected_routine(),) if spec.key == "preview" else ()
        dialog = win.open_dialog(spec.key, *args)
        try:
            if isinstance(dialog, QDialog):
                for name in ("error", "problem", "message"):
                    line = getattr(dialog, name, None)
                    if isinstance(line, QLabel):
                        seen.append(spec.key)
                        assert not _inside_a_scroll_area(line, dialog), f"{spec.key}.{name}"
        finally:
            dialog.close()
    assert {"editor", "export"} <= set(seen)



def _not_following(page) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    wrong = []
    for area in page.findChildren(QScrollArea):
        inner = area.widget()
        if area.isVisible() and area.widgetResizable() and inner is not None \
                and inner.width() != area.viewport().width():
            wrong.append(f"{area.objectName() or type(area.parentWidget()).__name__}: its content is "
                         f"{inner.width()} px wide in a view of {area.viewport().width()} px")
    return wrong


def test_scrolled_words_rewrap_when_a_scroll_bar_appears(make_window, repo, clock) -> None:
    """F5: a message that took room from home made the routine's words scroll,
    and the scroll bar covered the ends of their lines ("load the ankle
    gradually again. Ca|"): the words kept the width they had before the bar.
    On every screen, with a message bar shown after it was laid out, every
    scroll area's content is as wide as its view."""
    from datetime import timedelta

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.sample import run_session
    from ankle_trainer.storage.settings import Settings
    from ankle_trainer.ui.screens import SCREENS

    routine = next(r for r in builtin_routines() if r.id == "heel-drops")  # it has levels: a suggestion
    for days in (1, 2, 3):
        run_session(repo, routine, clock.now() - timedelta(days=days), 3, 2, step=10.0)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    win.resize(1024, 690)
    win.offer_recommendation(win.controller.suggest_for(routine.id))
    win.home.select_routine("sprain-loading")  # the longest words
    wrong = []
    for spec in SCREENS:
        page = win.show_screen(spec.key)
        for _ in range(3):
            QApplication.processEvents()
        win.notice.show_message("Nothing was imported. The file's line 2, column 6 (status) holds a "
                                "value the app does not know. " * 2)
        for _ in range(5):  # laid out, and the scroll bars settled
            QApplication.processEvents()
        wrong += [f"{spec.key}: {w}" for w in _not_following(page)]
        win.notice.dismiss()
    assert wrong == [], "\n".join(wrong)


def test_a_scroll_bars_handle_is_darker_than_its_track_in_both_themes(qtbot) -> None:
    """F1: in the light theme a scroll bar's handle (Fusion: lighter than its
    track) read as the track, so a list at its top looked scrolled to its end.
    The handle is filled in the control-edge colour, which stands out from the
    track in the light and the dark palette."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollBar, QStyle

    from ankle_trainer.ui.theme import _PlainButtons, boundary_colour, dark_palette

    style = _PlainButtons("Fusion")
    for palette in (style.standardPalette(), dark_palette()):
        bar = QScrollBar(Qt.Orientation.Vertical)
        qtbot.addWidget(bar)
        bar.setStyle(style)
        bar.setPalette(palette)
        bar.resize(16, 300)
        bar.setRange(0, 30)
        bar.setPageStep(200)  # a long handle, at the top
        image = bar.grab().toImage()
        from PySide6.QtWidgets import QStyleOptionSlider

        option = QStyleOptionSlider()
        bar.initStyleOption(option)
        handle = style.subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                      QStyle.SubControl.SC_ScrollBarSlider, bar)
        assert handle.top() < 40 and handle.height() > 150  # at the top of the track
        inside = image.pixelColor(handle.center())
        track = image.pixelColor(handle.center().x(), handle.bottom() + 20)
        assert inside == boundary_colour(palette)
        assert abs(inside.lightness() - track.lightness()) > 60  # the handle stands out from the track


def test_every_builtin_routines_session_fits_800_by_600_in_every_phase(make_window, clock, monkeypatch) -> None:
    """F11: "2 x 12 reps, each side, yellow band" in the session's large type
    was wider than an 800 x 600 window: the session page scrolled sideways at
    every get-ready and rest, cutting Stop (Esc) and the time left. For every
    built-in routine, its get-ready, first set and first rest fit the window:
    no scrolling either way."""
    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.core.plan import Phase
    from ankle_trainer.storage.settings import Settings
    from tests.ui.test_session_gui import advance

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 800, 600))
    win = make_window(settings=Settings(disclaimer_seen=True), safety_done=True, startup=True)
    win.resize(784, 552)  # 800 x 600 less the window frame
    screen = win.flow.session_screen
    area = screen.parentWidget().parentWidget()  # the page's scroll area in the stack
    wrong = []
    for routine in builtin_routines():
        win.show_screen("home")
        win.home.select_routine(routine.id)
        win.home.start_button.click()
        win.flow.pain_check.skip_button.click()
        assert win.stack.currentWidget() is screen, routine.id
        seen = set()
        for _ in range(900):  # up to 7.5 min: a get-ready, a set and a rest
            phase = win.controller.engine.current.phase
            if phase not in seen:
                seen.add(phase)
                for _ in range(3):
                    QApplication.processEvents()
                sideways, down = area.horizontalScrollBar().maximum(), area.verticalScrollBar().maximum()
                if sideways or down:
                    wrong.append(f"{routine.id}, {phase}: scrolls {sideways} px sideways, {down} px down")
            if Phase.REST in seen or win.stack.currentWidget() is not screen:
                break
            advance(win, clock, 0.5)
        if win.stack.currentWidget() is screen:
            screen.confirm_stop = lambda: True
            screen.request_stop()
        win.flow.summary.skip_button.click()
    assert wrong == [], "\n".join(wrong)


def test_a_refused_import_says_nothing_was_imported_once_in_the_windows_words(make_window, tmp_path) -> None:
    """F6: a workbook given to File → Import said "Nothing was imported." at the
    start and "nothing was imported" again at the end, and named the command
    line's 'export'. Each refusal says it once, and names no command."""
    from ankle_trainer.app.export.csv import import_files
    from ankle_trainer.storage.xlsx_io import export_xlsx

    win = make_window(startup=True)
    workbook = tmp_path / "history.xlsx"
    export_xlsx(win.context.history.conn, workbook)
    pdf = tmp_path / "report.csv"
    pdf.write_bytes(b"%PDF-1.4 not a csv")
    for path in (workbook, pdf):
        ok, message = import_files(win.context, [path])
        assert not ok and message.lower().count("nothing was imported") == 1, message
        assert "'export'" not in message and "not a CSV file" in message


def test_a_refused_pain_value_in_history_never_widens_its_panel(make_window, repo, clock, qtbot, monkeypatch) -> None:
    """F15: at 800 x 600 "11 is more than the most, 10; the box keeps 10." laid
    out on one line doubled the details panel and crushed the sessions table.
    The note wraps in the panel: the table and the panel keep their widths."""
    from datetime import timedelta

    from PySide6.QtCore import Qt

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.sample import run_session

    for days in (1, 2):
        run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=days), 3, 2, step=10.0)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 800, 600))
    win = make_window(startup=True)
    win.resize(784, 552)
    page = win.show_screen("history")
    page.table.selectRow(0)
    for _ in range(3):
        QApplication.processEvents()
    before = (page.table.width(), page.detail.width())
    box = page.pain["pain_before"]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "11")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    for _ in range(4):
        QApplication.processEvents()
    assert box.note.isVisible() and box.note.text().startswith("11 is more than the most, 10")
    assert (page.table.width(), page.detail.width()) == before
    assert box.note.width() <= page.detail.width()


def test_a_full_disk_says_the_session_did_not_start_then_the_message_goes_once_saving_works(
        make_window, repo, clock, tmp_path, monkeypatch) -> None:
    """F12: with the disk full, Start on the pain check dropped the runner back
    home with nothing new said (only "You can keep going: the sets you finish
    are kept", untrue: no session ran); the settings file's failure was called
    "could not save to your history" with Python's "[Errno 28]"; and after the
    disk was freed both messages stayed over a session that saved fine."""
    import errno

    from ankle_trainer.storage.errors import StorageError
    from ankle_trainer.storage.settings import Settings, SettingsStore

    win = make_window(safety_done=True, startup=True, store=True, settings=Settings(disclaimer_seen=True))
    full = {"on": True}
    real_start = repo.start_session

    def start_session(*args, **kwargs):  # type: ignore[no-untyped-def]
        if full["on"]:
            raise StorageError("database or disk is full")
        return real_start(*args, **kwargs)

    def no_room(self, settings):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(repo, "start_session", start_session)
    monkeypatch.setattr(SettingsStore, "save", no_room)
    win.home.select_routine("heel-drops")
    win.home.start_button.click()
    win.flow.pain_check.scale.setValue(2)
    win.flow.pain_check.start_button.click()
    assert win.stack.currentWidget() is win.home and win.controller.engine is None
    said = win.notice.shown_messages()
    started = [m for m in said if m.startswith("The session did not start: Ankle Trainer could not save to "
                                               "your history (database or disk is full)")]
    assert len(started) == 1 and "Then try again." in started[0] and "keep going" not in started[0]
    settings = [m for m in said if m.startswith("Your settings could not be saved")]
    assert settings and "(No space left on device)" in settings[0] and "Errno" not in settings[0]
    assert not any("history (Your settings" in m for m in said)
    full["on"] = False  # the disk freed
    win.home.start_button.click()
    win.flow.pain_check.scale.setValue(2)
    win.flow.pain_check.start_button.click()
    assert win.stack.currentWidget() is win.flow.session_screen
    assert not any("could not save to your history" in m for m in win.notice.messages())
    assert any(m.startswith("Your settings could not be saved") for m in win.notice.messages())  # still so


def test_the_window_opens_where_it_was_closed_start_after_start(qtbot, monkeypatch) -> None:
    """F14: the window walked 8 px to the right at every start (the frame's
    left edge was added to a position that was already the window's own). Saved
    and placed again five times, it stays where it was."""
    from PySide6.QtWidgets import QWidget

    from ankle_trainer.ui.shell.focus import fit_to_screen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1280, 720))
    place = (100, 60)
    places = []
    for _ in range(5):  # each start puts the window where the last one left it
        window = QWidget()
        qtbot.addWidget(window)
        window.resize(1024, 600)
        window.move(*place)  # as the saved geometry puts it, before it is shown
        fit_to_screen(window)
        place = (window.x(), window.y())
        places.append(place)
    assert places == [(100, 60)] * 5, places


def test_a_session_quit_before_its_first_set_ended_keeps_the_time_spent(make_window, repo, clock) -> None:
    """F16: quit with Ctrl+Q 15 s into a session, before its first set ended,
    the history said "Interrupted · 0 of 2 · 0:00". A quit knows the time spent;
    after a crash with no set recorded the time is not known, and says "–"."""
    from ankle_trainer.core.status import SessionStatus
    from tests.ui.test_session_gui import advance

    win = make_window(safety_done=True, startup=True)
    win.home.select_routine("heel-drops")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    advance(win, clock, 15.0)  # get ready over, the first set under way
    win.close()  # the asker answers yes: quit
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.INTERRUPTED and row.sets_completed == 0
    assert row.duration_seconds == 15.0

    crashed = repo.start_session("heel-drops", "Eccentric heel drops", clock.now(), sets_planned=6,
                                 pain_before=None)
    repo.mark_interrupted()  # as the next start does after a crash
    after_crash = next(r for r in repo.recent_sessions() if r.id == crashed)
    assert after_crash.duration_seconds is None
    again = make_window(startup=True)
    page = again.show_screen("history")
    times = [page.model.index(r, 3).data() for r in range(page.model.rowCount())]
    assert sorted(times) == ["0:15", "–"]
    assert sorted(row[4] for row in again.home.recent_rows) == ["0:15", "–"]  # home's recent sessions too


def test_the_dose_line_stays_on_one_line_while_the_row_has_room(make_window, clock, monkeypatch) -> None:
    """After F11's fix the dose wrapped ("2 x 12 reps, each / side") with room to
    spare at 800 x 600: it keeps one line whenever the row has room for it."""
    from ankle_trainer.storage.settings import Settings

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 800, 600))
    win = make_window(settings=Settings(disclaimer_seen=True), safety_done=True, startup=True)
    win.resize(784, 552)
    win.home.select_routine("band-work")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    for _ in range(3):
        QApplication.processEvents()
    label = win.flow.session_screen.rep_label
    assert label.text() == "2 x 12 reps, each side"
    line = label.fontMetrics().lineSpacing()
    assert label.height() < 2 * line, f"{label.height()} px for a {line} px line"


def test_no_scroll_area_holding_controls_is_a_tab_stop_of_its_own(window, clock) -> None:
    """Found looking at History under X11 after F15's fix: the details' new scroll
    area took a Tab of its own (its edge ringed, the typed pain value went
    nowhere). On every page and dialog, a scroll area whose content has
    controls leaves Tab to them (they scroll into view); one of words alone
    (the shortcut list) may take the keys to scroll."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScrollArea, QWidget

    from tests.ui.test_every_page_scans import visit

    wrong, seen = [], 0
    for key, page in visit(window, clock):
        for area in page.findChildren(QScrollArea):
            content = area.widget()
            if content is None or not area.isVisible() or not area.focusPolicy() & Qt.FocusPolicy.TabFocus:
                continue
            seen += 1
            controls = [w for w in content.findChildren(QWidget)
                        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisibleTo(content)]
            if controls:
                wrong.append(f"{key}: {area.objectName() or type(content).__name__} takes Tab, "
                             f"though it holds {len(controls)} controls")
    assert wrong == [], "\n".join(wrong)
    assert seen >= 1  # the shortcut list's words: a stop of their own


def test_a_window_shortcut_works_from_a_box_that_would_take_its_key(make_window, repo, clock, qtbot) -> None:
    """Found under X11 after F15's fix: in History's pain box Ctrl+E (export) did
    nothing, because under X11 a text box takes Ctrl+E for "end of line". A box
    that claims the key (as X11's do; the offscreen platform's do not, so the
    box here claims it itself) still leaves the window's shortcut to fire, while
    the editing keys every box needs (Ctrl+Z, Ctrl+A …) stay with the box."""
    from datetime import timedelta

    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent, QKeySequence
    from PySide6.QtWidgets import QLineEdit

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.sample import run_session

    class EndOfLineBox(QLineEdit):  # claims Ctrl+E and Ctrl+A, as a box under X11 does
        def event(self, e):  # type: ignore[no-untyped-def]
            if e.type() == QEvent.Type.ShortcutOverride and e.modifiers() == Qt.KeyboardModifier.ControlModifier \
                    and e.key() in (Qt.Key.Key_E, Qt.Key.Key_A):
                e.accept()
                return True
            return super().event(e)

    run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2, step=10.0)
    win = make_window(startup=True)
    page = win.show_screen("history")
    box = EndOfLineBox(page.detail)
    box.show()
    box.setFocus()
    QApplication.processEvents()
    assert box.hasFocus()
    opened = []
    win.actions_by_key["export"].triggered.disconnect()
    win.actions_by_key["export"].triggered.connect(lambda: opened.append("export"))
    qtbot.keyClick(box, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["export"]
    select_all = QKeyEvent(QEvent.Type.ShortcutOverride, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.sendEvent(box, select_all)
    assert select_all.isAccepted()  # the box keeps its select-all
    assert QKeySequence("Ctrl+E") in [a.shortcut() for a in win.actions_by_key.values()]


def test_a_set_stopped_part_way_keeps_its_pain_in_the_report(make_window, repo, clock, qtbot) -> None:
    """Seventh re-test (F9): a calf-raise set ended with Right after 2 reps and
    rated 6/10 (the stop advice) made the summary say "No set was done", and the
    session with its 6/10 vanished from the report's sessions and "Highest
    pain". A set done in part counts as work: the session counts, cut short."""
    from PySide6.QtCore import Qt

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.core.report import last_weeks
    from ankle_trainer.storage.report import gather_report
    from ankle_trainer.storage.settings import Settings
    from tests.ui.test_session_gui import advance

    win = make_window(routines=(builtin_routines()[0],), safety_done=True, startup=True,
                      settings=Settings(disclaimer_seen=True))
    win.home.select_routine("complete-ankle")
    win.home.start_button.click()
    win.flow.pain_check.scale.setValue(2)
    win.flow.pain_check.start_button.click()
    screen = win.flow.session_screen
    engine = win.controller.engine
    while engine.current.exercise.id != "calf-raise-straight" or engine.current.phase.value != "work":
        qtbot.keyClick(screen, Qt.Key.Key_Right)  # on to the calf raises
    advance(win, clock, 11.0)  # two reps or so
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # the set ended part-way
    assert screen.done_label.text() == "Stopped part-way; done in it:" and screen.done_spin.value() >= 1
    qtbot.keyClick(screen, Qt.Key.Key_6)  # pain 6/10 during it: the stop advice
    assert screen.advice_row.isVisible()
    screen.confirm_stop = lambda: True
    screen.request_stop()
    summary = win.flow.summary
    assert "No set was done in full; what you did is kept" in summary.details.text()
    assert "Sets stopped part-way: 1\n" in summary.details.text()
    summary.skip_button.click()
    data = gather_report(repo, builtin_routines(), Settings(), last_weeks(4, clock.now().date(), "monday"),
                         clock.now(), "1")
    assert len(data.sessions) == 1 and data.sessions[0].pain_during == 6


def test_after_an_undone_delete_the_details_are_those_of_the_chosen_session(make_window, repo, clock) -> None:
    """Seventh re-test (F3): after Delete then Undo no row was chosen while the
    details still showed a session, whose Save and Delete then did nothing and
    said nothing (an edited pain value was lost). The restored session is chosen
    again, its details beside it, and they save."""
    from datetime import timedelta

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.sample import run_session

    ids = [run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=d), 3, 2, step=10.0)
           for d in (1, 2)]
    win = make_window(startup=True)
    page = win.show_screen("history")
    page.select_row(0)
    chosen = page.current()[1].id
    page.confirm_delete = lambda s: True
    assert page.delete_current()
    page.undo_stack.undo()
    found = page.current()
    assert found is not None and found[1].id == chosen and page.detail.isEnabled()
    assert page.detail_title.text().startswith(f"<b>{found[1].routine_name}</b>")
    page.pain["pain_before"].setValue(5)
    page.save_changes()
    assert next(r for r in repo.recent_sessions() if r.id == chosen).pain_before == 5
    page.model.beginResetModel()  # any reset of the table (a filter): no row is chosen then
    page.model.endResetModel()
    assert page.current() is None and not page.detail.isEnabled()  # and the details say so
    assert set(ids) >= {chosen}


def test_each_step_of_the_heel_rise_test_is_only_as_tall_as_itself_after_a_chart(
        make_window, repo, clock, monkeypatch) -> None:
    """Seventh re-test (F5): at 800 x 600, once a result with its chart had been
    shown, every step of the heel-rise test was as tall as that result page and
    opened scrolled down: the title above the view, Start a screen below. Each
    step is as tall as itself and opens at the page's top; the next test starts
    with its intro at the top and Start in view."""
    from ankle_trainer.storage.settings import Settings
    from tests.ui.test_heel_rise_learn import run_side, run_test

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 800, 600))
    repo.add_heel_rise(clock.now(), 15, 12, 1.0)
    repo.add_heel_rise(clock.now(), 16, 13, 1.0)
    win = make_window(safety_done=True, startup=True, settings=Settings(disclaimer_seen=True))
    win.resize(784, 552)
    page = win.show_screen("heel_rise")
    area = page.parentWidget().parentWidget()

    def settle() -> None:
        for _ in range(4):
            QApplication.processEvents()

    def at_top_with(button) -> str:  # type: ignore[no-untyped-def]
        settle()
        if area.verticalScrollBar().value():
            return f"scrolled down by {area.verticalScrollBar().value()} px"
        if button.visibleRegion().boundingRect() != button.rect():
            return f"{button.text()!r} not whole in view"
        return ""

    run_test(page, clock, 20, 20)  # the result, with its chart of three tests
    settle()
    assert page.chart is not None and page.chart.isVisible()
    assert area.verticalScrollBar().value() == 0  # the result's words first
    page.done_button.click()
    page = win.show_screen("heel_rise")  # a second test in the same run
    wrong = {"intro": at_top_with(page.start_button)}
    page.start_button.click()
    run_side(page, clock, 20)
    wrong["check"] = at_top_with(page.next_button)
    assert {k: v for k, v in wrong.items() if v} == {}


def test_the_heel_rise_charts_marks_are_those_of_its_key_and_none_is_cut(make_window, repo, clock) -> None:
    """Seventh re-test (F7): the key showed ▲ for the right leg while the chart
    drew ▼, and the highest mark was cut at the top."""
    from tests.ui.test_heel_rise_learn import run_test

    repo.add_heel_rise(clock.now(), 15, 30, 1.0)
    win = make_window(safety_done=True, startup=True)
    page = win.show_screen("heel_rise")
    run_test(page, clock, 20, 20)
    assert page.chart is not None
    assert page.right_curve.opts["symbol"] == "t1" and "▲" in page.chart_key.text()
    assert page.left_curve.opts["symbol"] == "o" and "●" in page.chart_key.text()
    low, high = page.chart.getPlotItem().viewRange()[1]
    assert low <= 0 and high >= 30 * 1.1  # the highest mark (30 rises) whole, with room above it


def test_the_newest_message_is_the_one_in_view(make_window, qtbot) -> None:
    """Seventh re-test (F10): after three refused imports and a fourth that
    worked, the bar still showed the first refusal; "Import finished…" was the
    fourth message, out of view. The newest message comes first, in view."""
    win = make_window(startup=True)
    win.resize(784, 552)
    for n in range(3):
        win.show_message(f"Nothing was imported. Refusal number {n + 1}, with words enough to wrap "
                         "onto a second line of the message bar at this size. " * 2)
    win.show_message("Import finished. Added 3 sessions and 0 sets.")
    QApplication.processEvents()
    assert win.notice.shown_messages()[0] == "Import finished. Added 3 sessions and 0 sets."
    assert win.notice.area.verticalScrollBar().value() == 0
    assert win.notice.label.text().startswith("Import finished.")
    win.show_message(win.notice.shown_messages()[-1])  # an old one told again: first again
    assert win.notice.shown_messages()[0].startswith("Nothing was imported. Refusal number 1")


def test_a_number_key_during_a_set_that_asks_no_pain_says_so_then(make_window, clock, qtbot) -> None:
    """Seventh re-test (F2): a number pressed during a timed set (no pain asked)
    promised a rating in the rest after it, where none was asked."""
    from PySide6.QtCore import Qt

    from ankle_trainer.core.library import builtin_routines
    from tests.ui.test_session_gui import advance

    win = make_window(routines=(builtin_routines()[0],), safety_done=True, startup=True)
    win.home.select_routine("complete-ankle")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    screen = win.flow.session_screen
    advance(win, clock, 12.0)  # marching on the spot: a timed set that asks no pain
    assert win.controller.engine.current.phase.value == "work"
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert screen.notice.text() == "March on the spot does not ask for a pain rating during it."


def test_save_changes_in_history_says_it_saved_and_clears_the_refusal(make_window, repo, clock, qtbot) -> None:
    """Seventh re-test (F4): "Save changes" gave no sign, and "11 is more than
    the most…" stayed under the box after saving."""
    from datetime import timedelta

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.sample import run_session

    run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2, step=10.0)
    win = make_window(startup=True)
    page = win.show_screen("history")
    page.select_row(0)
    box = page.pain["pain_before"]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "11")
    box.interpretText()  # the typing ends (Tab, a click elsewhere)
    assert not box.note.isHidden() and box.note.text().startswith("11 is more than the most, 10")
    page.save_button.click()
    assert box.note.isHidden() and repo.recent_sessions()[0].pain_before == 10
    assert win.statusBar().currentMessage().startswith("Saved: “Complete ankle session”, ")


def test_the_shortcut_list_reads_with_the_arrows_home_and_end(make_window, qtbot) -> None:
    """Seventh re-test (F12): in F1's list Page Down worked but End and Ctrl+End
    did nothing, so its last rows took several Page Downs."""
    from PySide6.QtCore import Qt

    win = make_window(startup=True)
    win.resize(784, 552)
    dialog = win.open_dialog("shortcuts")
    dialog.resize(600, 300)  # a short window: the list scrolls
    QApplication.processEvents()
    bar = dialog.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    try:
        qtbot.keyClick(dialog.scroll, Qt.Key.Key_Down)
        assert bar.value() == bar.singleStep()
        qtbot.keyClick(dialog.scroll, Qt.Key.Key_End)
        assert bar.value() == bar.maximum()
        qtbot.keyClick(dialog.scroll, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
        assert bar.value() == 0
        qtbot.keyClick(dialog.scroll, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        assert bar.value() == bar.maximum()
    finally:
        dialog.close()


def test_the_left_count_can_still_be_corrected_on_the_right_legs_page(make_window, repo, clock, qtbot) -> None:
    """Seventh re-test (F6): Enter in the left leg's count box went on to the
    right leg at once, and nothing offered the left count again: a wrong count
    meant saving a wrong result or a second test on a tired calf."""
    from PySide6.QtCore import Qt

    from tests.ui.test_heel_rise_learn import run_side

    win = make_window(safety_done=True, startup=True)
    page = win.show_screen("heel_rise")
    page.start_button.click()
    run_side(page, clock, 20.0)  # 10 rises on the left
    assert not page.correct_left.isVisibleTo(page)  # the left leg's own page: one count
    qtbot.keyClick(page.correct, Qt.Key.Key_Return)  # Enter before correcting it
    run_side(page, clock, 16.0)  # 8 on the right
    assert page.correct_left.isVisibleTo(page) and page.correct_left.value() == 10
    page.correct_left.setValue(12)  # the left count, corrected after all
    page.next_button.click()
    [test] = repo.heel_rise_tests()
    assert (test.left_reps, test.right_reps) == (12, 8)


def test_delete_and_undo_in_history_say_so_and_keep_the_keyboard(make_window, repo, clock) -> None:
    """Eighth re-test: after Delete nothing said so (the status bar still read
    "Saved: …"), and after Ctrl+Z the keyboard was nowhere (the next Tab went to
    "← Home")."""
    from datetime import timedelta

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.sample import run_session

    for d in (1, 2):
        run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=d), 3, 2, step=10.0)
    win = make_window(startup=True)
    page = win.show_screen("history")
    page.select_row(0)
    page.confirm_delete = lambda s: True
    page.delete_button.setFocus()
    assert page.delete_current()
    assert win.statusBar().currentMessage().startswith("Deleted: “Complete ankle session”")
    assert "Ctrl+Z brings it back" in win.statusBar().currentMessage()
    page.undo_stack.undo()
    assert win.statusBar().currentMessage().startswith("Restored: “Complete ankle session”")
    assert win.focusWidget() is page.table, win.focusWidget()  # the window's focus (offscreen: not active)
    assert page.current() is not None


def test_the_summarys_longest_words_fit_800_by_600(window, clock) -> None:
    """Eighth re-test: "No set was done in full; what you did, and your pain
    ratings, are kept in your history, charts and report." ran off the
    summary's right edge at 800 x 600. With its longest heading and lines the
    summary cuts no text."""
    from ankle_trainer.core.engine import SessionSummary
    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.core.status import SessionStatus
    from tests.ui.test_every_page_scans import _cut, visit

    for key, page in visit(window, clock):
        if key != "summary":
            continue
        longest = max(builtin_routines(), key=lambda r: len(r.name))
        now = clock.now()
        page.show_summary(longest, SessionSummary(SessionStatus.STOPPED, now, now, 754.0, 38, 0, 38, 5), 3)
        QApplication.processEvents()
        assert "No set was done in full" in page.details.text()
        cut = [f"{label.text()[:50]!r}: {why}" for label in page.findChildren(QLabel)
               if (why := _cut(label))]
        assert cut == []
        break


def test_the_message_bar_never_takes_the_session_keys(make_window, clock, qtbot, tiny_routine) -> None:
    """Eighth re-test (N7): import messages stayed over the session, one Tab put
    the keyboard in the bar's words, and then Space, Right and even Esc did
    nothing while the clock ran. Import results wait for the session's end; an
    urgent message stays, but neither its words nor its buttons take Tab during
    a session's pages, and the session keys keep working."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    from ankle_trainer.storage.settings import Settings
    from tests.ui.test_session_gui import start_tiny

    win = make_window(routines=(tiny_routine,), safety_done=True, startup=True,
                      settings=Settings(disclaimer_seen=True))
    win.show_message("Import finished. Added 1 session and 4 sets.", can_wait=True)
    start_tiny(win)
    win.storage_failed("disk full")  # urgent: shown over the session
    screen = win.flow.session_screen
    shown = win.notice.shown_messages()
    assert len(shown) == 1 and "could not save" in shown[0]  # the import result waits
    bar_controls = [win.notice.area, *win.notice.findChildren(QToolButton)]
    assert all(c.focusPolicy() == Qt.FocusPolicy.NoFocus for c in bar_controls)
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_Tab)
    focus = win.focusWidget()
    assert focus is None or not win.notice.isAncestorOf(focus)
    qtbot.keyClick(win.focusWidget() or screen, Qt.Key.Key_Space)
    assert win.controller.engine.paused
    screen.confirm_stop = lambda: True
    screen.request_stop()
    win.flow.summary.skip_button.click()  # home again: the bar takes Tab again
    assert win.notice.area.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert any(m.startswith("Import finished.") for m in win.notice.shown_messages())


def test_in_focus_mode_the_words_say_what_esc_does_there(make_window, clock, tiny_routine) -> None:
    """Eighth re-test (N3): in focus mode a refused key's notice said "Esc stops
    it", but Esc there leaves focus mode first."""
    from tests.ui.test_session_gui import start_tiny

    win = make_window(routines=(tiny_routine,), safety_done=True, startup=True)
    start_tiny(win)
    screen = win.flow.session_screen
    win.toggle_focus_mode()
    try:
        win.flow.tell_busy()
        assert "Esc leaves focus mode, then Esc stops it" in screen.notice.text()
    finally:
        win.toggle_focus_mode()
    win.flow.tell_busy()
    assert screen.notice.text() == "Finish or stop the session first (Esc stops it)."


def test_export_asks_before_replacing_a_file_that_is_there(make_window, repo, clock, tmp_path) -> None:
    """Eighth re-test (N4): the export box opens on last time's file name, and
    Ctrl+E, Enter replaced that file without a word."""
    from datetime import timedelta

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.sample import run_session

    run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2, step=10.0)
    win = make_window(startup=True)
    dialog = win.open_dialog("export")
    target = tmp_path / "mine.csv"
    target.write_text("my own numbers\n")
    dialog.path.setText(str(target))
    asked = []
    dialog.confirm_replace = lambda path: asked.append(path) or False
    try:
        assert not dialog.export()
        assert asked == [target] and target.read_text() == "my own numbers\n"  # nothing lost
        assert dialog.error.isVisible() and "mine.csv is already there and was left as it is" in dialog.error.text()
        dialog.confirm_replace = lambda path: True
        assert dialog.export()
        assert target.read_text(encoding="utf-8-sig").startswith("session_id,")
    finally:
        dialog.close()


def test_leaving_a_heel_rise_test_with_a_leg_measured_asks_first(make_window, repo, clock) -> None:
    """Eighth re-test (N5): Ctrl+1 after the left leg dropped its count without a
    word, and the tired calf cannot fairly be tested again at once."""
    from tests.ui.test_heel_rise_learn import run_side

    win = make_window(safety_done=True, startup=True)
    page = win.show_screen("heel_rise")
    asked = []
    page.confirm_leave = lambda question: asked.append(question) or False
    page.start_button.click()
    run_side(page, clock, 20.0)  # the left leg: 10 rises, on its check page
    win.go_home()  # Ctrl+1, "← Home"
    assert win.stack.currentWidget() is page and page.stages.currentWidget() is page.check
    assert asked and asked[0].startswith("The left leg's count (10 rises) is not saved yet")
    win.show_screen("history")  # any other screen asks the same
    assert win.stack.currentWidget() is page and len(asked) == 2
    page.confirm_leave = lambda question: True
    win.go_home()
    assert win.stack.currentWidget() is win.home and repo.heel_rise_tests() == []
    page = win.show_screen("heel_rise")
    assert page.stages.currentWidget() is page.intro and page.counts == [0, 0]  # afresh


def test_the_calendars_read_out_stays_in_view_as_the_arrows_move(window, clock, qtbot) -> None:
    """Eighth re-test (N6): at 800 x 600 with a message showing, the arrows moved
    the calendar's marked day while the line saying what was done that day sat
    below the view."""
    from PySide6.QtCore import Qt

    from tests.ui.test_every_page_scans import _out_of_view

    window.notice.show_message("Import finished. Added 3 sessions and 0 sets. " * 3)
    page = window.show_screen("progress")
    QApplication.processEvents()
    heatmap = page.calendar.heatmap
    heatmap.setFocus()
    QApplication.processEvents()
    qtbot.keyClick(heatmap, Qt.Key.Key_Left)
    QApplication.processEvents()
    assert page.calendar.readout.text() and not page.calendar.readout.text().startswith("With the calendar")
    assert _out_of_view(page.calendar.readout) == ""
