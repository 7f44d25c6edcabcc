"""Issue 11, findings of a keyboard-only tester: session keys never rate pain on
the summary, a redone set keeps its own values, no stale after-set row, a
session with nothing done is not a completed one, focus-mode messages show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.settings import Settings
from tests.ui.test_session_gui import advance, start_tiny


@pytest.fixture
def window(make_window, tiny_routine):  # type: ignore[no-untyped-def]
    return make_window(routines=(tiny_routine, *builtin_routines()), safety_done=True,
                       settings=Settings(disclaimer_seen=True), startup=True)


def run_to_summary(window, clock):  # type: ignore[no-untyped-def]
    screen = window.flow.session_screen
    for _ in range(400):
        if window.stack.currentWidget() is not screen:
            break
        advance(window, clock, 1.0)
    assert window.stack.currentWidget() is window.flow.summary
    return window.flow.summary


def test_arrows_carried_over_from_the_session_never_rate_pain_now(window, clock, qtbot) -> None:
    start_tiny(window, pain=3)
    summary = run_to_summary(window, clock)
    for _ in range(12):  # Right presses meant for Skip, after the last set
        qtbot.keyClick(summary.scale.slider, Qt.Key.Key_Right)
    assert summary.scale.value() is None and not summary.save_button.isEnabled()
    assert "arrow" not in summary.scale.hint.text() and "3 to keep it" in summary.scale.hint.text()
    from ankle_trainer.ui.screens.session.flow import LATE_KEY_SECONDS

    clock.advance(LATE_KEY_SECONDS)  # (a number as the clock opens the summary is the set's: test_fourteenth_retest)
    qtbot.keyClick(summary.scale.slider, Qt.Key.Key_3)  # keeping it is an explicit act
    assert summary.scale.value() == 3 and summary.save_button.isEnabled()
    qtbot.keyClick(summary.scale.slider, Qt.Key.Key_Right)  # once chosen, arrows adjust
    assert summary.scale.value() == 4


def test_a_set_redone_after_back_gets_its_own_row_and_values(window, clock, qtbot, repo) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    engine = window.controller.engine
    advance(window, clock, 16.5)  # get ready 10 + set 1 (6 s): resting, the after-set row shown
    assert screen.after_set.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_4)  # pain during the first attempt
    sid = window.controller.recorder.session_id
    assert repo.sets_for(sid)[0].pain_during == 4
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # skip the rest
    qtbot.keyClick(screen, Qt.Key.Key_Left)  # straight back: redo set 1
    assert engine.current.set_number == 1 and not screen.after_set.isVisible()
    # first the get-ready countdown, to get back into position (sixteenth re-test)
    assert engine.current.phase.name == "GET_READY" and screen.phase_band.text() == "GET READY"
    assert screen.set_label.text() == "Set 1 of 2 again"
    assert "set 1 of 2 again" in screen.phase_announcement(engine.current)
    advance(window, clock, 10.0)
    assert engine.current.phase.name == "WORK" and screen.set_label.text() == "Set 1 of 2 again"
    advance(window, clock, 6.5)  # the redone set ends
    assert screen.after_set.isVisible() and not any(b.isChecked() for b in screen.pain_buttons)
    first = repo.sets_for(sid)[0]
    assert first.pain_during == 4  # the earlier attempt's rating is kept, never dropped silently (finding 19)
    assert screen.earlier_note.text() == "The earlier attempt's 4 is kept unless you rate higher."
    assert screen.earlier_note.isVisible() and screen.pain_label.text() == "Pain during it:"
    qtbot.keyClick(screen, Qt.Key.Key_E)
    assert screen.editing
    qtbot.keyClick(screen.done_spin, Qt.Key.Key_Escape)  # cancels the edit
    assert not screen.editing
    qtbot.keyClick(screen, Qt.Key.Key_2)
    assert repo.sets_for(sid)[0].pain_during == 4  # the higher of the two attempts
    assert screen.pain_label.text() == "Pain during it (you chose 2):"
    assert screen.earlier_note.text() == "The earlier attempt's 4 is kept."
    qtbot.keyClick(screen, Qt.Key.Key_6)  # higher on the redo: that is kept
    assert repo.sets_for(sid)[0].pain_during == 6
    assert screen.earlier_note.text() == "Your 6 is kept (the earlier attempt's was 4)."
    qtbot.keyClick(screen, Qt.Key.Key_5)  # a correction within this attempt, still above the earlier 4
    assert repo.sets_for(sid)[0].pain_during == 5


def test_the_next_session_opens_without_the_last_sessions_after_set_row(window, clock, qtbot) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    summary = run_to_summary(window, clock)  # ends on a hold: "Done in that set: 20 s"
    summary.skip_button.click()
    start_tiny(window)
    assert window.controller.engine.current.phase.name == "GET_READY"
    assert screen.after_set.isHidden()
    qtbot.keyClick(screen, Qt.Key.Key_E)  # nothing to correct yet
    assert not screen.editing
    advance(window, clock, 16.5)  # the first set (reps) ends: its own unit
    assert screen.after_set.isVisible() and screen.done_spin.suffix() == " reps"


def test_skipping_every_set_is_saved_as_stopped_and_not_counted_this_week(window, clock, qtbot, repo) -> None:
    from ankle_trainer.core.status import SessionStatus

    start_tiny(window)
    screen = window.flow.session_screen
    while window.stack.currentWidget() is screen:
        qtbot.keyClick(screen, Qt.Key.Key_Right)
    summary = window.flow.summary
    assert summary.heading.text().startswith("Session cut short") and "Well done" not in summary.heading.text()
    assert "does not count anywhere (your week, charts or report)" in summary.details.text()
    summary.skip_button.click()
    [row] = repo.recent_sessions()
    assert row.status is SessionStatus.STOPPED
    today = clock.now().date().isoformat()
    assert repo.completed_between(today, today) == 0


def test_focus_mode_shows_the_how_to_blocked_key_messages_and_a_greyed_button(window, clock, qtbot) -> None:
    from PySide6.QtGui import QPalette

    start_tiny(window)
    screen = window.flow.session_screen
    advance(window, clock, 11.0)  # working
    window.focus_action.trigger()
    assert screen.focus_mode and not screen.illustration.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_H)
    assert screen.howto_scroll.isVisible() and screen.howto.text()
    qtbot.keyClick(screen, Qt.Key.Key_H)
    assert not screen.howto_scroll.isVisible() and not screen.illustration.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # History: blocked
    assert window.stack.currentWidget() is screen
    assert screen.notice.isVisible() and "Finish or stop the session first" in screen.notice.text()
    assert screen.rect().contains(screen.notice.geometry())
    screen.notice_timer.timeout.emit()  # the message goes by itself
    assert not screen.notice.isVisible()
    button = screen.add_rest_button  # working: +15 s rest is greyed, and looks it
    assert not button.isEnabled()
    palette = button.palette()
    greyed = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    assert abs(greyed.lightness() - normal.lightness()) > 100
    window.focus_action.trigger()  # leaving focus mode brings the illustration back
    assert screen.illustration.isVisible()


def test_the_count_says_1_rep_and_2_reps(window, clock, qtbot) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    advance(window, clock, 10.0 + 2.5)  # one rep of three done
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # skipped: the row shows what was done
    assert screen.done_spin.value() == 1 and screen.done_spin.text() == "1 rep"
    qtbot.keyClick(screen, Qt.Key.Key_E)
    screen.done_spin.lineEdit().setText("2")
    qtbot.keyClick(screen.done_spin, Qt.Key.Key_Return)
    assert screen.done_spin.text() == "2 reps"


def _stop_before_any_set_ends(window, clock, qtbot) -> None:  # type: ignore[no-untyped-def]
    start_tiny(window, pain=6)
    screen = window.flow.session_screen
    advance(window, clock, 10.5)  # the first set just begun: not a rep done (a rep done would count)
    screen.confirm_stop = lambda: True
    screen.request_stop()
    assert window.stack.currentWidget() is window.flow.summary


def test_a_session_with_no_set_done_gives_no_advice_and_counts_nowhere(window, clock, qtbot, repo, monkeypatch) -> None:
    from datetime import timedelta

    from ankle_trainer.storage.report import history_start, session_facts

    asked: list[str] = []
    monkeypatch.setattr(window.controller, "suggest_for", lambda routine_id: asked.append(routine_id))
    _stop_before_any_set_ends(window, clock, qtbot)
    window.flow.summary.scale.setValue(8)
    window.flow.summary.save_button.click()
    assert asked == []  # nothing done: nothing to base advice on, no banner
    assert window.banners.recommendation is None
    today = clock.now().date().isoformat()
    [row] = repo.recent_sessions()  # kept as a record ...
    assert repo.completed_between(today, today) == 0  # ... but not in the week,
    assert repo.day_levels() == {}  # the calendar,
    assert repo.pain_series() == [] and repo.usual_pain() == []  # the pain charts,
    assert repo.pain_log("tiny") == []  # the progression's evidence,
    assert history_start(repo) is None  # or the report
    from ankle_trainer.core.report import Period

    month = Period(clock.now().date() - timedelta(days=30), clock.now().date(), "the last month")
    assert session_facts(repo, month) == []
    clock.advance(86400.0)
    assert window.controller.morning_check_due() is None  # and no next-morning question
    # the same session with one set done does count and is asked about
    repo.record_safety_check(clock.now(), {}, "clear")  # the new day's red-flag check
    start_tiny(window, pain=6)
    advance(window, clock, 20.0)  # the first set done
    window.flow.session_screen.confirm_stop = lambda: True
    window.flow.session_screen.request_stop()
    window.flow.summary.skip_button.click()
    assert asked == ["tiny"]
    assert len(repo.pain_series()) == 1


def test_the_weeks_count_on_home_follows_the_selected_routines_own_target(window, clock, repo) -> None:
    from datetime import timedelta

    from ankle_trainer.storage.sample import run_session

    heel = next(r for r in builtin_routines() if r.id == "heel-drops")  # 14 a week, its own
    ankle = next(r for r in builtin_routines() if r.id == "complete-ankle")  # 3 a week
    start = clock.now() - timedelta(hours=2)
    run_session(repo, heel, start, 2, 2, step=10.0)
    run_session(repo, ankle, start + timedelta(minutes=1), 2, 2, step=10.0)
    window.home.select_routine("heel-drops")
    assert window.home.week.text() == f"This week, “{heel.name}”: 1 completed session of 14."
    window.home.select_routine("complete-ankle")
    assert window.home.week.text() == f"This week, “{ankle.name}”: 1 completed session of 3."
    window.context.set_target("complete-ankle", 1)  # the runner's own target for it wins
    window.home.refresh_recent()
    assert window.home.week.text() == f"This week, “{ankle.name}”: 1 completed session of 1. Weekly target reached."
    window.home.select_routine("tiny")  # no target of its own: all sessions, the overall target
    assert window.home.week.text() == "This week, all routines: 2 completed sessions of 3."


def test_the_how_to_shows_whole_lines_and_page_down_reads_it_to_the_end(window, clock, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    window.resize(784, 480)  # a small screen: the steps do not all fit
    start_tiny(window)
    screen = window.flow.session_screen
    qtbot.keyClick(screen, Qt.Key.Key_PageDown)  # hidden: says how to show it
    assert screen.notice.isVisible() and "press H" in screen.notice.text()
    qtbot.keyClick(screen, Qt.Key.Key_H)
    QApplication.processEvents()
    area = screen.howto_scroll
    lines = area.lines()
    assert area.verticalScrollBar().maximum() > 0  # there is more than fits
    seen: set[tuple[float, float]] = set()
    for _ in range(len(lines)):
        top = area.verticalScrollBar().value()
        bottom = top + area.viewport().height()
        cut = [(a, b) for a, b in lines if b > top + 0.5 and a < bottom - 0.5 and not (a >= top - 0.5 and b <= bottom + 0.5)]
        assert cut == [], (top, bottom)  # no line shown in part, top or bottom
        seen.update(area.shown_lines())
        if area.verticalScrollBar().value() == area.verticalScrollBar().maximum():
            break
        qtbot.keyClick(screen, Qt.Key.Key_PageDown)
        QApplication.processEvents()
        assert area.verticalScrollBar().value() > top  # it moved on
    assert seen == set(lines)  # every line was shown whole on the way
    qtbot.keyClick(screen, Qt.Key.Key_PageUp)
    QApplication.processEvents()
    assert area.verticalScrollBar().value() < area.verticalScrollBar().maximum()


def test_no_message_outlives_the_session_it_was_about(window, clock, qtbot) -> None:
    start_tiny(window)
    screen = window.flow.session_screen
    qtbot.keyClick(screen, Qt.Key.Key_E)  # refused: nothing to correct yet, says why
    assert screen.notice.isVisible()
    assert window.show_screen("history") is None  # refused: the busy note, on the page
    assert "Finish or stop the session first" in screen.notice.text()
    screen.confirm_stop = lambda: True
    screen.request_stop()
    summary = window.flow.summary
    window.actions_by_key["editor"].trigger()  # refused on the summary: its note says why
    assert summary.note.isVisible()
    summary.skip_button.click()
    assert window.statusBar().currentMessage() == ""  # gone with the session
    start_tiny(window)  # the next session starts clean: no old notice, no old note
    assert not screen.notice.isVisible()
    screen.confirm_stop = lambda: True
    screen.request_stop()
    assert not summary.note.isVisible()


def test_a_message_that_can_wait_gives_the_session_its_room(window, clock, qtbot) -> None:
    """Re-test: a routine file's error stayed above the pain check, the session
    and the summary, and squeezed the session screen at 800x600. It waits
    until the session is over; a history that cannot be written shows at once."""
    from ankle_trainer.ui.shell.watcher import routine_problem

    window.resize(784, 552)
    problem = routine_problem("broken.toml: sets must be 1 to 20")
    window.show_message(problem, can_wait=True)
    assert window.notice.isVisible() and window.notice.shown_messages() == [problem]
    height_on_home = window.stack.height()
    window.home.select_routine("tiny")
    window.home.start_button.click()
    assert window.stack.currentWidget() is window.flow.pain_check
    qtbot.waitUntil(lambda: window.stack.height() > height_on_home)  # the bar's room is the page's
    assert not window.notice.isVisible() and window.notice.shown_messages() == []
    window.flow.pain_check.scale.setValue(2)
    window.flow.pain_check.start_button.click()
    assert window.stack.currentWidget() is window.flow.session_screen
    assert not window.notice.isVisible()
    window.storage_failed("disk full")  # urgent: shown over the session itself
    assert window.notice.isVisible()
    [urgent] = window.notice.shown_messages()
    assert "could not save to your history (disk full)" in urgent
    summary = run_to_summary(window, clock)
    assert window.notice.shown_messages() == [urgent] and summary.isVisible()
    summary.scale.setValue(2)
    summary.save_button.click()
    assert window.stack.currentWidget() is window.home
    # the held message is back; the history saved the whole session, so the
    # "could not save" message has been withdrawn (sixth re-test: it stayed)
    assert window.notice.isVisible() and window.notice.shown_messages() == [problem]


def test_a_dismissed_message_stays_dismissed_after_a_session(window, clock) -> None:
    """Dismiss means gone until something new is said, also across a session's pages."""
    window.show_message("A routine file could not be used.", can_wait=True)
    window.notice.dismiss()
    window.home.select_routine("tiny")
    window.home.start_button.click()
    window.flow.pain_check.skip_button.click()
    window.go_home()
    assert not window.notice.isVisible() and window.notice.shown_messages() == []
    window.show_message("Something new.")
    assert window.notice.shown_messages() == ["Something new.", "A routine file could not be used."]  # newest first


@pytest.mark.parametrize("size", [(784, 552), (1264, 672)])
def test_the_notice_and_the_banners_are_as_tall_as_their_words(make_window, qtbot, size) -> None:
    """Re-test: the notice bar cut its second line (its focus edge was not
    counted) and the first-run banner was twice as tall as its two lines,
    leaving the routine list three rows at 800x600."""
    from ankle_trainer.ui.shell.watcher import routine_problem

    win = make_window(settings=Settings(disclaimer_seen=False), startup=True)
    win.resize(*size)
    notice = win.notice
    for words in (8, 30, 60):  # one line, two or three, more than the bar's most
        win.show_message(routine_problem(" ".join(["sets must be 1 to 20"] * words)), can_wait=True)
        qtbot.waitUntil(lambda: notice.area.viewport().width() > 0)
        for _ in range(3):  # the posted layout requests, no waiting on the clock
            QApplication.processEvents()
        text_height = notice.label.height()
        fits = notice.label.heightForWidth(notice.area.viewport().width()) <= \
            notice.label.fontMetrics().lineSpacing() * notice.MOST_LINES + 4
        if fits:
            assert not notice.area.verticalScrollBar().isVisible(), words
            assert notice.area.viewport().height() >= text_height, words  # nothing cut
        else:
            assert notice.area.verticalScrollBar().isVisible(), words  # the rest scrolls
        notice.withdraw(lambda m: False)
    banners = win.banners
    inner = banners.area.widget()
    assert banners.isVisible() and win.banners.disclaimer is not None
    assert banners.height() == inner.heightForWidth(banners.width())  # no padding, nothing cut
    assert not banners.area.verticalScrollBar().isVisible()


@pytest.mark.parametrize("focus_mode", [False, True])
def test_a_session_notice_covers_nothing_and_grows_nothing(window, clock, qtbot, focus_mode) -> None:
    """Re-test: the notice floated over the GO band (yellow on the yellow
    card). It takes its own row; the digits make room, the window keeps its size."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QWidget

    window.resize(784, 552)
    start_tiny(window)
    screen = window.flow.session_screen
    if focus_mode:
        window.toggle_focus_mode()
        qtbot.waitUntil(lambda: window.size() == window.windowHandle().screen().size())
    for seconds in (12.0, 5.0):  # during a set, then in the rest after it (the after-set row shows)
        advance(window, clock, seconds)
        size = window.size()
        screen.show_notice("Finish or stop the session first. " * 4)  # two lines at least
        qtbot.waitUntil(lambda: screen.notice.isVisible())
        for _ in range(3):  # the posted layout requests, no waiting on the clock
            QApplication.processEvents()
        notice = QRect(screen.notice.mapTo(screen, screen.notice.rect().topLeft()), screen.notice.size())
        for child in screen.findChildren(QWidget):
            if not child.isVisible() or child is screen.notice or child.isAncestorOf(screen.notice):
                continue
            if child.parentWidget() not in (screen, screen.card):
                continue  # its parent is checked
            rect = QRect(child.mapTo(screen, child.rect().topLeft()), child.size())
            assert not rect.intersects(notice), (seconds, child.objectName() or type(child).__name__)
        assert window.size() == size
        assert screen.countdown_label.isVisible() and screen.countdown_label.height() >= 60
        screen.notice_timer.timeout.emit()
        assert not screen.notice.isVisible()


def test_ctrl_tab_and_ctrl_page_down_change_tabs_from_any_control(make_window, repo, clock, qtbot) -> None:
    """Found under X11: Ctrl+Page Down (the tab key of most desktop apps) did
    nothing, and Ctrl+Tab worked only with the keyboard inside the tabs, not on
    the screen's other controls (Progress's "Show" choice, "← Home")."""
    from datetime import timedelta

    from PySide6.QtWidgets import QTabWidget, QWidget

    from ankle_trainer.storage.sample import run_session
    from ankle_trainer.ui.screens import SCREENS

    for days in (1, 3, 9):  # sessions to show: the tabs, not the empty-history words
        run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=days), 3, 2, step=10.0)
    window = make_window(settings=Settings(disclaimer_seen=True), startup=True)

    tabbed = []
    for spec in SCREENS:
        if spec.key == "home":
            continue
        page = window.show_screen(spec.key)
        QApplication.processEvents()
        for tabs in page.findChildren(QTabWidget):
            if not tabs.isVisible() or tabs.count() < 2:
                continue
            tabbed.append(spec.key)
            inside = next(w for w in tabs.currentWidget().findChildren(QWidget)
                          if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus)
            outside = next(w for w in page.findChildren(QWidget) if w.isVisible() and not tabs.isAncestorOf(w)
                           and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w is not tabs)
            for start in (inside, outside, tabs.tabBar()):
                for key, mods, step in (
                    (Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier, 1),
                    (Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier, -1),
                    (Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier, 1),
                    (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, -1),
                ):
                    tabs.setCurrentIndex(0)
                    start.setFocus()
                    qtbot.waitUntil(start.hasFocus)
                    qtbot.keyClick(start, key, mods)
                    assert tabs.currentIndex() == step % tabs.count(), (spec.key, type(start).__name__, key)
                    focused = window.focusWidget()
                    assert focused is not None and focused.isVisible(), (spec.key, key)  # never lost
    assert set(tabbed) >= {"history", "progress"}


@pytest.mark.parametrize("first_run", [True, False])
def test_the_control_with_the_keys_at_start_up_is_ringed(make_window, qtbot, first_run) -> None:
    """Third re-test, under X11: at start-up the routine list had the keys (Down
    moved its choice) but no ring until the first Tab: it took the focus before
    the ring was set up, and the ring followed only focus changes."""
    from PySide6.QtWidgets import QFocusFrame

    win = make_window(settings=Settings(disclaimer_seen=not first_run))
    qtbot.waitUntil(lambda: win.focusWidget() is win.home.routine_list)
    win.finish_startup()  # what the first paint is followed by
    rings = [r for r in win.findChildren(QFocusFrame) if r.objectName() == "focusRing"]
    assert len(rings) == 1 and rings[0].widget() is win.home.routine_list
    assert rings[0].isVisible()


def test_enter_that_saves_the_morning_check_does_not_also_start_a_session(make_window, repo, clock, qtbot) -> None:
    """Third re-test: type both ratings, Enter: the check was saved, its banner
    closed, the keys went to the routine list, and the same Enter went on to
    the window, which started the selected routine."""
    from datetime import timedelta

    from ankle_trainer.storage.sample import run_session

    run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    pain, stiffness = win.banners.morning_spins["Pain"], win.banners.morning_spins["Stiffness"]
    qtbot.waitUntil(lambda: not win.banners.morning.isHidden())
    for box, number in ((pain, "2"), (stiffness, "3")):
        box.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(box.hasFocus)
        box.selectAll()  # as Tab does: the dash is replaced by what is typed
        qtbot.keyClicks(box, number)
    qtbot.keyClick(stiffness, Qt.Key.Key_Return)
    assert win.controller.morning_check_due() is None  # saved
    [last] = repo.recent_sessions(1)
    assert (last.pain_next_morning, last.stiffness_next_morning) == (2, 3)
    assert win.stack.currentWidget() is win.home  # not the safety check


def test_enter_in_the_rm_weight_box_goes_no_further(qtbot, monkeypatch) -> None:
    """The same kind in the session: Enter in the weight box records the weight
    and ends there (before, the box passed the key on to the page)."""
    from PySide6.QtGui import QKeyEvent

    from ankle_trainer.ui.screens.session import rm_load

    saved: list[bool] = []
    monkeypatch.setattr(rm_load.RmLoadRow, "save", lambda self: saved.append(True))
    row = rm_load.RmLoadRow()
    qtbot.addWidget(row)
    event = QKeyEvent(QKeyEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    row.spin.keyPressEvent(event)
    assert saved == [True] and event.isAccepted()


def test_history_never_shows_pain_before_without_pain_after(make_window, repo, clock, qtbot) -> None:
    """Third re-test: at 800x600 the table kept "Before" and dropped "After",
    which read oddly; the two give way together (the details beside the
    table show both)."""
    from datetime import timedelta

    from ankle_trainer.storage.sample import run_session

    for days in (1, 2):
        run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=days), 3, 2, step=10.0)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    page = win.show_screen("history")
    header = page.table.horizontalHeader()
    seen = set()
    for width in range(700, 1700, 25):
        win.resize(width, 600)
        page.columns.fit()
        before, after = header.isSectionHidden(5), header.isSectionHidden(6)
        assert before == after, width
        seen.add(before)
    assert seen == {True, False}  # both cases were met


@pytest.mark.parametrize(("advice", "levels", "phrase"), [
    ("progress", (0, 1), "move up to level 2"), ("back_off", (1, 0), "go back to level 1"),
    ("back_off", (0, 0), "ease off"), ("hold", (1, 1), "stay at this level"),
])
def test_a_suggestion_is_said_in_the_same_words_everywhere(make_window, repo, clock, advice, levels, phrase) -> None:
    """Third re-test: home's banner said "ease off", History's Suggestions
    "Back off" for the same suggestion. One phrase, on home, in the history
    and in the physio report."""
    from ankle_trainer.core.report import AdviceFacts
    from tests.core.test_report import report

    routine = builtin_routines()[0]
    repo.add_recommendation(routine.id, routine.name, clock.now(), advice, "Because.", *levels)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    [row] = repo.recommendations()
    win.offer_recommendation(row)
    assert f"{phrase}" in win.banners.recommendation.label.text().lower()
    page = win.show_screen("history")
    said = page.suggestions.item(0, 2).text()
    assert said.lower().startswith(phrase), said
    data = report([], advice=[AdviceFacts(clock.now().date(), routine.name, advice, "Because.", *levels, None)])
    assert [c.change.split(" (")[0] for c in data.changes] == ([] if advice == "hold" else [phrase])  # changes only


def test_every_question_asked_during_a_session_holds_its_clock(window, clock, qtbot, monkeypatch) -> None:
    """Fourth re-test: with Ctrl+Q's "Quit during a session?" open, the countdown
    ran on (0:23 to 0:17); Esc's "Stop this session?" held it. Both hold it now,
    and the session runs on when the answer is No."""
    screen = window.flow.session_screen
    start_tiny(window)
    advance(window, clock, 12.0)  # in set 1
    shown_while_asked: list[str] = []

    def time_passes_while_asking(*_args: object) -> bool:
        before = screen.countdown_label.text()
        advance(window, clock, 6.0)  # the runner reads the question for 6 s
        shown_while_asked.append(f"{before} {screen.countdown_label.text()} {screen.engine.paused}")
        return False  # No: carry on

    window.context.asker.confirm = time_passes_while_asking  # Ctrl+Q / closing the window
    monkeypatch.setattr(screen, "confirm_stop", time_passes_while_asking)  # Esc / Stop
    for ask in (window.close, screen.request_stop):
        before = screen.countdown_label.text()
        ask()
        assert screen.engine is not None and not screen.engine.paused  # running again
        assert screen.countdown_label.text() == before  # not a second went by
    assert [s.split()[0] == s.split()[1] and s.split()[2] == "True" for s in shown_while_asked] == [True, True]
    advance(window, clock, 1.0)
    assert screen.countdown_label.text() != before  # and it runs on after
    window.context.asker.confirm = lambda *_args: True  # the test's window may close


def test_names_are_shown_as_written_never_lower_cased() -> None:
    """Fourth re-test: "after Sunday's balance after a sprain (2bfit)?", "Delete the
    balance after a sprain (2bfit) session": a routine's or exercise's name is
    the runner's or the library's, with its capitals (2BFit, Achilles). A scan of
    the UI's source for a name lower-cased into a message."""


    assert _ui_lines_matching(r"\{[^}]*name\.lower\(\)\}") == []


def test_the_session_buttons_say_their_keys_and_tab_says_where_the_keys_are(window, clock, qtbot) -> None:
    """Fourth re-test: Tab during Get ready or Go showed and said nothing (the
    buttons take no focus, so Space reaches the screen), and Pause, Stop and
    +15 s did not show their keys as How to (H) does."""
    screen = window.flow.session_screen
    start_tiny(window)
    for button, key in ((screen.pause_button, "(Space)"), (screen.add_rest_button, "(+)"),
                        (screen.stop_button, "(Esc)"), (screen.howto_button, "(H)")):
        assert button.text().endswith(key), button.text()
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    assert screen.pause_button.text() == "Resume (Space)"
    qtbot.keyClick(screen, Qt.Key.Key_Space)
    qtbot.keyClick(screen, Qt.Key.Key_Tab)  # get ready: nothing on the screen takes Tab
    assert screen.notice.isVisible() and "without Tab" in screen.notice.text()
    advance(window, clock, 16.5)  # resting after set 1: the after-set rows take Tab
    screen.notice_timer.timeout.emit()
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_Tab)
    assert not screen.notice.isVisible()
    focus = window.focusWidget()
    assert focus is not None and screen.after_set.isAncestorOf(focus)


def test_every_question_box_keeps_its_title_whole(qtbot, monkeypatch) -> None:
    """Fourth re-test: "Start a programme no… you?": the question was the box's
    window title, which the window manager cuts on a small screen. Every
    question now heads the box's text (which wraps) under the app's name; a
    source scan finds no message box asked another way."""

    from PySide6.QtWidgets import QMessageBox

    from ankle_trainer import APP_NAME
    from ankle_trainer.ui.shell.asker import ask

    seen: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        seen.append(box)
        return int(QMessageBox.StandardButton.Discard)

    monkeypatch.setattr(QMessageBox, "exec", answer)
    title = "Start a programme not suggested for you?"
    assert ask(None, title, "It is not suggested. Start it all the same?", yes="Discard", no="Cancel")
    [box] = seen
    assert box.windowTitle() == APP_NAME and title in box.text() and "all the same" in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # No is the default
    assert _ui_lines_matching(r"QMessageBox\.(question|warning|information)\(") == []


def test_every_underlined_letter_reaches_a_control_that_takes_the_keys(window, clock, qtbot) -> None:
    """Fifth re-test: in Settings, Alt+G (Get-ready countdown) and five more did
    nothing: their labels pointed at the box-and-note field, which takes no
    focus. Every label with an underlined letter, on every page and dialog,
    points at something that takes the keyboard."""
    from PySide6.QtWidgets import QLabel

    from tests.ui.test_every_page_scans import visit

    dead = []
    for key, page in visit(window, clock):
        for label in page.findChildren(QLabel):
            text = label.text()
            if not label.isVisible() or "<" in text or "&" not in text.replace("&&", ""):
                continue  # no underlined letter (rich text's "&" starts an entity)
            buddy = label.buddy()
            target = buddy.focusProxy() or buddy if buddy is not None else None
            if target is None or not target.focusPolicy() & Qt.FocusPolicy.TabFocus:
                dead.append(f"{key}: {label.text()!r} -> {type(buddy).__name__ if buddy else None}")
    assert dead == [], "\n".join(dead)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_message_bars_buttons_read_in_both_themes(make_window, qtbot, theme) -> None:
    """Fifth re-test: in the dark theme the message bar's Dismiss was dark brown
    on a dark grey button face (about 1.2:1)."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication, QToolButton

    from ankle_trainer.ui.theme import apply_theme

    app = QApplication.instance()
    apply_theme(app, theme)
    try:
        win = make_window(settings=Settings(disclaimer_seen=True, theme=theme), startup=True)
        win.show_message("One of your routines could not be used: " + "broken.toml: steps: bad. " * 12)
        qtbot.waitUntil(win.notice.isVisible)
        for button in win.notice.findChildren(QToolButton):
            image = button.grab().toImage()
            colours = {QColor(image.pixel(x, y)).lightness() for x in range(image.width())
                       for y in range(image.height())}
            face = QColor(image.pixel(image.width() // 2, 3)).lightness()  # above the words
            darkest = min(colours)
            assert face - darkest > 120, (button.text(), face, darkest)  # dark words on a light face
    finally:
        apply_theme(app, "light")


def _ui_lines_matching(pattern: str) -> list[str]:
    """"file:line" for each line of the UI's source that matches ``pattern``."""
    import re
    from pathlib import Path

    import ankle_trainer

    ui = Path(ankle_trainer.__file__).parent / "ui"
    return [f"{path.name}:{n}" for path in sorted(ui.rglob("*.py"))
            for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if re.search(pattern, line)]


def _pain_button_places(screen):  # type: ignore[no-untyped-def]
    return [b.mapTo(screen, b.rect().topLeft()) for b in screen.pain_buttons]


def test_choosing_a_pain_rating_never_moves_the_buttons(window, clock, qtbot) -> None:
    """Fifth re-test: at 800 x 600 "Pain during it (you chose 3):" wrapped beside
    the 0-10 buttons and moved them under the keys. The words beside them keep
    one width for every choice, and a redone set's note goes on its own line."""
    window.resize(784, 552)  # 800 x 600 less the window frame
    start_tiny(window)
    screen = window.flow.session_screen
    advance(window, clock, 16.5)  # resting after set 1: the pain row shown
    QApplication.processEvents()
    before = _pain_button_places(screen)
    for key in (Qt.Key.Key_3, Qt.Key.Key_9, Qt.Key.Key_0):
        qtbot.keyClick(screen, key)
        if screen.advice_row.isVisible():  # the advice for a high rating, answered
            screen.carry_on_button.click()
        QApplication.processEvents()
        assert _pain_button_places(screen) == before, key
        assert not screen.pain_label.wordWrap() and screen.pain_label.width() >= screen.pain_label.sizeHint().width()
    screen.pain_buttons[10].click()
    screen.carry_on_button.click()  # the advice for a high rating, answered
    QApplication.processEvents()
    assert screen.pain_label.text() == "Pain during it (you chose 10):"
    assert _pain_button_places(screen) == before


def test_a_set_skipped_before_any_of_it_was_done_has_no_pain_to_rate(window, clock, qtbot, repo) -> None:
    """Fifth re-test: Right at the start of Go showed "Done in that set: 0 reps"
    and offered 0-10 for a set never done. It says the set was skipped; a
    number key says why nothing is rated; correcting the count (E) asks the
    pain after all."""
    start_tiny(window)
    screen = window.flow.session_screen
    advance(window, clock, 10.2)  # get ready over: set 1 just started
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # skipped at once
    assert screen.after_set.isVisible()
    assert screen.done_label.text() == "Skipped; done in it:" and screen.done_spin.value() == 0
    assert not screen.pain_label.isVisible() and not any(b.isVisible() for b in screen.pain_buttons)
    qtbot.keyClick(screen, Qt.Key.Key_3)
    assert "Nothing to rate: that set was skipped" in screen.notice.text() and screen.notice.isVisible()
    sid = window.controller.recorder.session_id
    assert repo.sets_for(sid)[0].pain_during is None  # nothing made up
    qtbot.keyClick(screen, Qt.Key.Key_E)  # it was done after all: correct the count
    qtbot.keyClicks(screen.done_spin, "3")
    qtbot.keyClick(screen.done_spin, Qt.Key.Key_Return)
    assert repo.sets_for(sid)[0].actual_reps == 3
    assert all(b.isVisible() for b in screen.pain_buttons)
    qtbot.keyClick(screen, Qt.Key.Key_2)
    assert repo.sets_for(sid)[0].pain_during == 2
    advance(window, clock, 16.5)  # the 10 s rest, then set 2 done in full
    assert screen.done_label.text() == "Done in that set:" and all(b.isVisible() for b in screen.pain_buttons)


def test_the_countdown_of_a_set_done_again_shows_none_of_its_old_count(window, clock, qtbot) -> None:
    """Seventeenth re-test: Left in the rest after set 1 counted down to set 1
    again under the old attempt's "Done in that set", its capped line and its
    pain buttons, as if they were the result."""
    start_tiny(window)
    screen = window.flow.session_screen
    engine = window.controller.engine
    advance(window, clock, 10.0 + 3.5)  # 3 s into set 1
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # stopped part-way: the rest, its count row
    assert screen.after_set.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_3)
    qtbot.keyClick(screen, Qt.Key.Key_Left)  # set 1 again
    assert engine.current.phase.name == "GET_READY" and screen.set_label.text() == "Set 1 of 2 again"
    assert not screen.after_set.isVisible() and not screen.done_spin.isVisible()
    assert not any(b.isVisible() for b in screen.pain_buttons)
    advance(window, clock, 10.0 + 6.5)  # the countdown, then set 1 again in full: its own row
    assert screen.after_set.isVisible() and screen.done_spin.value() == 3
    assert not any(b.isChecked() for b in screen.pain_buttons)


def test_a_set_gone_back_to_and_skipped_at_once_keeps_its_earlier_count_on_screen(window, clock, qtbot, repo) -> None:
    """Twenty-first re-test: Left, then Skip before any of the set: the earlier
    attempt's count and rating stand, in History and in the summary."""
    start_tiny(window)
    screen = window.flow.session_screen
    engine = window.controller.engine
    advance(window, clock, 16.5)  # set 1 done in full: resting
    qtbot.keyClick(screen, Qt.Key.Key_4)
    qtbot.keyClick(screen, Qt.Key.Key_Left)  # set 1 again: its countdown
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # into the set
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # and out of it at once
    sid = window.controller.recorder.session_id
    first = repo.sets_for(sid)[0]
    assert (first.status, first.actual_reps, first.pain_during) == ("completed", 3, 4)
    assert engine.current.phase.name == "REST" and engine.sets_done == 1


def test_the_rest_after_a_redo_skipped_at_once_shows_the_kept_attempt(window, clock, qtbot, repo) -> None:
    """Twenty-third re-test: that rest showed no count and no rating, and E
    and the number keys said there was no set to correct or rate. It shows
    the kept attempt's count and rating; E corrects that attempt and a number
    key rates it (a lower rating never hides the kept one)."""
    start_tiny(window)
    screen = window.flow.session_screen
    advance(window, clock, 10.0 + 2.5)  # 2 s into set 1 (reps of 1 s up, 0 hold, ... at the tiny tempo)
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # stopped part-way
    sid = window.controller.recorder.session_id
    kept = repo.sets_for(sid)[0]
    assert kept.actual_reps and kept.actual_reps > 0
    qtbot.keyClick(screen, Qt.Key.Key_5)
    qtbot.keyClick(screen, Qt.Key.Key_Left)  # set 1 again: its countdown
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # into the set
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # and out of it at once
    assert window.controller.engine.current.phase.name == "REST"
    assert screen.after_set.isVisible() and screen.done_spin.value() == kept.actual_reps
    assert screen.pain_buttons[5].isChecked() and screen.pain_label.text() == "Pain during it (you chose 5):"
    assert screen.earlier_note.isVisible()
    assert screen.earlier_note.text() == ("Nothing was done in the set just skipped: the earlier attempt is kept, "
                                          "with its 5, unless you rate higher.")
    qtbot.keyClick(screen, Qt.Key.Key_E)  # correct the kept attempt's count
    assert screen.editing
    qtbot.keyClicks(screen.done_spin, "3")
    qtbot.keyClick(screen.done_spin, Qt.Key.Key_Return)
    qtbot.keyClick(screen, Qt.Key.Key_2)  # lower: the kept 5 stands
    qtbot.keyClick(screen, Qt.Key.Key_7)  # higher: taken
    (first,) = [s for s in repo.sets_for(sid) if s.set_number == 1]
    assert (first.actual_reps, first.pain_during) == (3, 7)
    assert "Nothing to correct yet" not in screen.notice.text()
    assert "rated once the set is done" not in screen.notice.text()


def test_the_kept_attempts_stop_advice_comes_back_with_it(window, clock, qtbot, repo) -> None:
    """Twenty-fourth re-test: a 6 above the limit of 5 gave the stop advice;
    after Left and a redo skipped at once the kept 6 was shown without it,
    and X said there was no advice to answer."""
    start_tiny(window)
    screen = window.flow.session_screen
    limit = screen.pain_threshold()
    high = limit + 1
    advance(window, clock, 10.0 + 2.5)
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # stopped part-way, 2 reps
    qtbot.keyClick(screen, getattr(Qt.Key, f"Key_{high}"))
    assert screen.advice_row.isVisible()
    qtbot.keyClick(screen, Qt.Key.Key_Left)
    qtbot.keyClick(screen, Qt.Key.Key_Right)
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # the redo skipped at once
    assert screen.after_set.isVisible() and screen.pain_buttons[high].isChecked()
    assert screen.advice_row.isVisible() and f"Pain {high}/10 is above your limit" in screen.advice.text()
    qtbot.keyClick(screen, Qt.Key.Key_1)  # lower: the kept rating stands, and so does its advice
    assert screen.advice_row.isVisible() and f"Pain {high}/10" in screen.advice.text()
    qtbot.keyClick(screen, Qt.Key.Key_X)  # stop this exercise: it is skipped
    assert not screen.advice_row.isVisible()
    assert "X and C answer the pain advice" not in screen.notice.text()
    assert window.controller.engine.sets_left(0) == 0
