"""The window, driven the way napari's tests do it: model first, then the
widget; widget methods rather than synthetic mouse clicks; a fake clock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.engine import SessionStatus
from ankle_trainer.core.library import builtin_routines
from ankle_trainer.core.plan import Phase
from ankle_trainer.ui.shell.window import MainWindow


@pytest.fixture
def window(make_window, tiny_routine):  # type: ignore[no-untyped-def]
    # qtbot closes the window after each test, maybe mid-session: the test asker says yes.
    return make_window(routines=(tiny_routine, *builtin_routines()), safety_done=True, data_dir="/tmp/test")


def advance(win: MainWindow, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    for _ in range(round(seconds / step)):
        clock.advance(step)
        win.flow.session_screen.on_timer()


def start_tiny(win: MainWindow, pain: int = 3) -> None:
    win.home.select_routine("tiny")
    win.home.start_button.click()
    assert win.stack.currentWidget() is win.flow.pain_check
    win.flow.pain_check.scale.setValue(pain)
    win.flow.pain_check.start_button.click()
    assert win.stack.currentWidget() is win.flow.session_screen


def test_a_short_routine_runs_to_the_end_and_every_set_is_in_history(window, clock, repo) -> None:
    start_tiny(window, pain=5)
    screen = window.flow.session_screen
    assert screen.phase_band.text() == "GET READY"
    assert screen.countdown_label.text() == "0:10"
    assert screen.exercise_label.text() == "Next: Calf raise, straight knee"
    advance(window, clock, 12.0)
    assert screen.phase_band.text() == "GO"
    assert screen.set_label.text() == "Set 1 of 2"
    assert screen.rep_label.text() == "Rep 2 of 3"
    assert screen.countdown_label.text() == "0:04"
    assert "Single-leg balance" in screen.next_label.text()
    advance(window, clock, 80.0)
    assert window.stack.currentWidget() is window.flow.summary
    assert "complete" in window.flow.summary.heading.text()
    assert "Sets done in full: 4 of 4" in window.flow.summary.details.text()
    window.flow.summary.scale.setValue(2)
    window.flow.summary.save_button.click()

    assert window.stack.currentWidget() is window.home
    [row] = repo.recent_sessions()
    assert (row.status, row.pain_before, row.pain_after) == (SessionStatus.COMPLETED, 5, 2)
    assert len(repo.sets_for(row.id)) == 4
    assert all(s.status == "completed" for s in repo.sets_for(row.id))
    [recent] = window.home.recent_rows
    assert recent[1:4] == ("Tiny test routine", "Completed", "4 of 4")
    assert recent[5] == "5 → 2"
    assert "Tiny test routine" in window.home.recent.text()
    assert window.home.recent.isVisible() and not window.home.empty_recent.isVisible()
    assert not screen.timer.isActive()


def test_keyboard_controls_the_session(window, clock, qtbot) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    engine = window.controller.engine
    assert engine is not None
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert engine.paused and screen.pause_button.text() == "Resume (Space)"
    assert screen.phase_band.text() == "PAUSED"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert not engine.paused
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # skip get-ready
    assert engine.current is not None and engine.current.phase is Phase.WORK
    advance(window, clock, 6.0)  # set 1 done, now resting
    assert engine.current.phase is Phase.REST
    qtbot.keyClick(screen, Qt.Key.Key_Plus)
    assert screen.countdown_label.text() == "0:25"
    qtbot.keyClick(screen, Qt.Key.Key_Left)  # back to set 1, after the get-ready countdown
    assert engine.current.phase is Phase.GET_READY and engine.next_work().set_number == 1
    assert screen.set_label.text() == "Set 1 of 2 again"
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # skip the countdown
    assert engine.current.phase is Phase.WORK and engine.current.set_number == 1


def test_escape_asks_before_stopping(window, clock, qtbot, repo, monkeypatch) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    answers = iter([False, True])
    asked = []

    def confirm() -> bool:
        asked.append(window.controller.engine.paused)  # the clock stops while asking
        return next(answers)

    monkeypatch.setattr(screen, "confirm_stop", confirm)
    advance(window, clock, 13.0)
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert asked == [True]
    assert window.controller.engine is not None and window.controller.engine.running and not window.controller.engine.paused
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.flow.summary
    assert "cut short" in window.flow.summary.heading.text()
    window.flow.summary.skip_button.click()
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.STOPPED and row.pain_after is None
    [partial] = repo.sets_for(row.id)
    assert (partial.status, partial.actual_reps) == ("skipped", 1)


def test_buttons_do_what_the_keys_do(window, clock) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    screen.pause_button.click()
    assert window.controller.engine.paused
    screen.pause_button.click()
    screen.skip_button.click()
    assert window.controller.engine.current.phase is Phase.WORK
    assert not screen.add_rest_button.isEnabled()


def test_quitting_mid_session_asks_and_saves_it_as_interrupted(window, clock, repo, monkeypatch) -> None:
    start_tiny(window)
    advance(window, clock, 17.0)  # first set done
    window.context.asker.answer = False
    window.close()
    assert window.isVisible()
    assert window.context.asker.asked == ["Quit during a session?"]
    window.context.asker.answer = True
    window.close()
    assert not window.isVisible()
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.INTERRUPTED
    assert len(repo.sets_for(row.id)) == 1


def test_pain_check_back_returns_home_without_a_session(window, repo) -> None:
    window.home.start_button.click()
    window.flow.pain_check.back_button.click()
    assert window.stack.currentWidget() is window.home
    assert repo.recent_sessions() == []


def test_home_lists_routines_with_minutes_and_empty_history(window) -> None:
    items = [window.home.routine_list.item(i).text() for i in range(window.home.routine_list.count())]
    assert items[0].startswith("Tiny test routine\n2 min")
    assert any(t.startswith("Eccentric heel drops\n12 min · 2 exercises") for t in items)  # 11:10, rounded up
    assert window.home.empty_recent.isVisible() and not window.home.recent.isVisible()


def test_countdown_font_grows_with_the_window(window, qtbot) -> None:
    start_tiny(window)
    window.resize(800, 600)
    qtbot.wait_until(lambda: window.flow.session_screen.height() < 600)
    small = window.flow.session_screen.countdown_label.font().pixelSize()
    window.resize(1600, 1000)
    qtbot.wait_until(lambda: window.flow.session_screen.height() > 700)
    assert window.flow.session_screen.countdown_label.font().pixelSize() > small >= 48


def test_a_failed_write_is_reported_once_and_the_set_saved_later(window, clock, repo, monkeypatch) -> None:
    from ankle_trainer.storage.errors import StorageError

    real = repo.record_set
    failing = {"on": True}

    def flaky(session_id, result):  # type: ignore[no-untyped-def]
        if failing["on"]:
            raise StorageError("database or disk is full")
        real(session_id, result)

    monkeypatch.setattr(repo, "record_set", flaky)
    start_tiny(window)
    advance(window, clock, 33.0)  # two sets finish while the disk is full
    assert window.controller.engine is not None and window.controller.engine.running  # the session goes on
    [message] = window.notice.messages()
    assert "disk is full" in message and "kept and saved" in message
    assert len(window.controller.recorder.unsaved) == 2
    failing["on"] = False
    advance(window, clock, 60.0)  # the next sets write the waiting ones too
    assert window.stack.currentWidget() is window.flow.summary
    window.flow.summary.skip_button.click()
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.COMPLETED
    assert [s.set_number for s in repo.sets_for(row.id)] == [1, 2, 1, 1]
    assert len(window.notice.messages()) == 1


def test_text_that_looks_like_markup_is_shown_literally(window, tiny_routine) -> None:
    """A routine description with '<', '&' and tags reads on the home screen
    exactly as written: what Qt lays out (as rich text) is the literal text."""
    from PySide6.QtGui import QTextDocument

    from ankle_trainer.ui.widgets import as_label_text

    assert as_label_text("Calf raise — 3 x 15 reps") == "Calf raise — 3 x 15 reps"  # plain stays plain
    odd = tiny_routine._replace(id="odd", description="Pain < 5 & <b>not bold</b>\nnext line")
    window.home.set_routines((odd,))
    label = window.home.description
    assert label.text().startswith("<p>")  # laid out as rich text ...
    doc = QTextDocument()
    doc.setHtml(label.text())
    assert doc.toPlainText() == "Pain < 5 & <b>not bold</b> next line"  # ... showing the literal words


def test_a_disk_freed_before_save_and_finish_saves_the_session_as_completed(window, clock, repo, monkeypatch) -> None:
    from ankle_trainer.storage.errors import StorageError

    real_set, real_finish = repo.record_set, repo.finish_session
    full = {"on": False}

    def flaky_set(session_id, result):  # type: ignore[no-untyped-def]
        if full["on"]:
            raise StorageError("database or disk is full")
        real_set(session_id, result)

    def flaky_finish(session_id, status, ended_at):  # type: ignore[no-untyped-def]
        if full["on"]:
            raise StorageError("database or disk is full")
        real_finish(session_id, status, ended_at)

    monkeypatch.setattr(repo, "record_set", flaky_set)
    monkeypatch.setattr(repo, "finish_session", flaky_finish)
    start_tiny(window)
    advance(window, clock, 60.0)
    full["on"] = True  # the disk fills for the last sets and the end
    advance(window, clock, 40.0)
    assert window.stack.currentWidget() is window.flow.summary
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.IN_PROGRESS  # the end could not be written
    full["on"] = False  # space freed before "Save and finish"
    window.flow.summary.skip_button.click()
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.COMPLETED and row.ended_at is not None
    assert [s.set_number for s in repo.sets_for(row.id)] == [1, 2, 1, 1]
    assert window.notice.messages()[0] == (
        "Your session could not be saved when it ended; it has been saved now."
    )


def test_a_damaged_history_is_not_blamed_on_a_full_disk(window) -> None:
    window.storage_failed("database disk image is malformed")
    message = window.notice.messages()[0]
    assert "is damaged: part of it can no longer be read." in message
    # SQLite's words come last, labelled (quick_check finds nothing here)
    assert message.endswith("(Details for someone helping you: database disk image is malformed)")
    assert "It has been kept as it is" in message and "disk is not full" not in message


def _warm_up_session(make_window):  # type: ignore[no-untyped-def]
    """A window in a session of the pre-run warm-up (pain before 2): (window, session screen)."""
    win = make_window(safety_done=True)
    win.home.select_routine("pre-run-warmup")
    win.home.start_button.click()
    win.flow.pain_check.scale.setValue(2)
    win.flow.pain_check.start_button.click()
    return win, win.flow.session_screen


def test_focus_mode_has_no_light_frame_and_the_how_to_is_readable(make_window) -> None:
    """Focus mode: the whole window round the black screen is black too. The
    how-to: wide, in the body text size or larger, in the illustration's place."""
    from PySide6.QtGui import QPalette

    win, screen = _warm_up_session(make_window)
    screen.howto_button.setChecked(True)
    assert screen.howto_scroll.width() >= 360
    assert screen.howto.font().pointSizeF() >= win.font().pointSizeF()
    assert not screen.illustration.isVisible()
    screen.howto_button.setChecked(False)
    assert screen.illustration.isVisible()
    screen.set_focus_mode(True)
    central = win.centralWidget()
    assert central.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert central.autoFillBackground()
    screen.set_focus_mode(False)
    assert central.palette().color(QPalette.ColorRole.Window).name() != "#000000"


def _table_height(label, rows: int) -> float:
    """The height of ``label``'s table with its header and ``rows`` rows,
    laid out by Qt at the label's width."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label._html(label.rows[:rows]))
    doc.setTextWidth(label.contentsRect().width())
    return doc.size().height()


def test_recent_sessions_show_whole_rows_only_whatever_the_height(make_window, repo, clock, qtbot) -> None:
    """Home's recent sessions show as many rows as the label's height holds,
    each whole (a long routine name wraps to two lines), and never fewer than
    one: a row cut through its second line was the twelfth re-test's find."""
    from datetime import timedelta

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.sample import run_session

    long_name = next(r for r in builtin_routines() if "insertion" in r.name)
    short = next(r for r in builtin_routines() if r.name == "Eccentric heel drops")
    for day in range(1, 7):
        run_session(repo, long_name if day % 2 else short, clock.now() - timedelta(days=day), 3, 2)
    win = make_window()
    win.home.refresh_recent()
    label = win.home.recent
    assert len(label.rows) == 6
    seen = set()
    for width in (260, 420, 700):
        for height in range(20, 260, 7):
            label.resize(width, height)
            shown = label.shown
            assert shown >= 1 and label.text().count("<tr>") == shown + 1  # the header and the rows shown
            seen.add(shown)
            if shown > 1 or _table_height(label, 1) <= height:
                assert _table_height(label, shown) <= height, (width, height, shown)  # every row whole
            if shown < 6:
                assert _table_height(label, shown + 1) > height, (width, height, shown)  # no room for one more
    assert {1, 6} <= seen  # the height decided: one row in a short label, all six in a tall one
    # the page's layout asks for two rows (the routines get their room
    # first; tests/ui/test_every_page_scans.py) and is held at one at least
    assert label.minimumSizeHint().height() >= _table_height(label, 1)
    assert label.sizeHint().height() >= _table_height(label, 2)


def test_the_finish_the_session_first_note_ends_with_the_session(window, clock) -> None:
    start_tiny(window)
    assert window.show_screen("history") is None  # blocked mid-session ...
    screen = window.flow.session_screen
    assert screen.notice.text() == "Finish or stop the session first (Esc stops it)."
    assert not screen.notice.isHidden()
    advance(window, clock, 120.0)
    window.flow.summary.scale.setValue(2)
    window.flow.summary.save_button.click()
    assert window.stack.currentWidget() is window.home
    assert screen.notice.isHidden() and window.statusBar().currentMessage() == ""  # ... gone with it


def test_in_focus_mode_the_progress_bars_keep_a_visible_track(make_window) -> None:
    """On focus mode's black, an empty progress bar must still show where it
    runs: its groove at least 3:1 against the black, the fill 3:1 against the
    groove, and the drawn bar not all black."""
    from PySide6.QtGui import QPalette

    from tests.ui.test_look import contrast

    win, screen = _warm_up_session(make_window)
    screen.set_focus_mode(True)
    role = QPalette.ColorRole
    black = screen.palette().color(role.Window).name()
    assert black == "#000000"
    for bar in (screen.progress, screen.tempo_bar):
        palette = bar.palette()
        for track in (role.Base, role.Window):
            assert contrast(palette.color(track).name(), black) >= 3, (bar.accessibleName(), track)
        assert contrast(palette.color(role.Highlight).name(), palette.color(role.Base).name()) >= 3
        bar.show()
        bar.resize(200, 20)
        old = bar.value()
        bar.setValue(bar.minimum())
        image = bar.grab().toImage()
        bar.setValue(old)
        middle = image.pixelColor(image.width() // 2, image.height() // 2)
        assert contrast(middle.name(), black) >= 2.5, (bar.accessibleName(), middle.name())
    screen.set_focus_mode(False)
    assert screen.progress.palette().color(role.Base) == win.palette().color(role.Base)


@pytest.mark.parametrize("focus", [False, True])
def test_the_how_to_opens_at_the_top_each_time(make_window, qtbot, focus) -> None:
    """Shown again after paging down (H, Page Down, H, H), also in focus mode,
    the how-to starts at its first line, whole: never where it was left."""
    win = make_window(safety_done=True)
    win.resize(784, 552)
    win.home.select_routine("pre-run-warmup")
    win.home.start_button.click()
    win.flow.pain_check.scale.setValue(2)
    win.flow.pain_check.start_button.click()
    screen = win.flow.session_screen
    if focus:
        screen.set_focus_mode(True)
    area = screen.howto_scroll
    bar = area.verticalScrollBar()
    qtbot.keyClick(screen, Qt.Key.Key_H)
    QApplication.processEvents()
    area.setFixedHeight(90)  # room for a few lines: the steps scroll
    QApplication.processEvents()
    qtbot.keyClick(screen, Qt.Key.Key_PageDown)
    assert bar.value() > 0, "paged down"
    qtbot.keyClick(screen, Qt.Key.Key_H)
    qtbot.keyClick(screen, Qt.Key.Key_H)
    QApplication.processEvents()
    assert area.isVisible() and bar.value() == 0
    first = area.lines()[0]
    assert area.shown_lines()[0] == first  # the first line whole at the top
