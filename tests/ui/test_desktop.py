"""Settings dialog, theme, reminders, tray menu, dialogs, accessibility."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.library import find_routine
from ankle_trainer.storage.settings import Settings, SettingsStore
from ankle_trainer.ui.shell.desktop import start_last_routine
from ankle_trainer.ui.theme import apply_theme, effective_scheme
from ankle_trainer.ui.tray import REMINDER_TEXT, build_tray_menu

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def make_window(make_window):  # type: ignore[no-untyped-def]
    def make(clock=None, settings=None, safety_done=True):  # type: ignore[no-untyped-def]
        return make_window(clock=clock or FakeClock(), settings=settings or Settings(), store=True,
                           safety_done=safety_done, startup=True)

    yield make
    app = QApplication.instance()
    apply_theme(app, "system")  # leave the shared app as it was


def test_settings_apply_at_once_cancel_restores_ok_saves(make_window, tmp_path) -> None:
    win = make_window()
    listed = win.home.routine_list

    def rows() -> list[str]:
        return [listed.item(i).text() for i in range(listed.count())]

    first = rows()
    dialog = win.open_dialog("settings")
    dialog.get_ready.setValue(60)  # live: the estimates on the home screen move
    assert win.context.settings.get_ready_seconds == 60
    assert rows() != first
    dialog.reject()
    assert win.context.settings.get_ready_seconds == 10
    assert rows() == first
    assert not (tmp_path / "settings.json").exists()  # Cancel saves nothing

    dialog = win.open_dialog("settings")
    dialog.pain_threshold.setValue(4)
    dialog.day_boxes[5].setChecked(True)
    dialog.accept()
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["pain_threshold"] == 4 and saved["reminder_days"] == [0, 2, 4, 5]
    assert win.context.settings.pain_threshold == 4


def test_settings_dialog_controls_have_accessible_names(make_window) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox

    dialog = make_window().open_dialog("settings")
    from PySide6.QtWidgets import QSlider

    controls = dialog.findChildren(QAbstractSpinBox) + dialog.findChildren(QComboBox) + dialog.findChildren(QSlider)
    assert controls
    for control in controls:
        assert control.accessibleName(), control
    for button in dialog.findChildren(QAbstractButton):
        assert button.accessibleName() or button.text(), button
    dialog.reject()


def test_open_folder_button_opens_the_data_folder(make_window, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    dialog = make_window().open_dialog("settings")
    dialog.open_folder.click()
    assert opened == [str(dialog.data_dir)]
    dialog.reject()


def test_theme_switch_follows_the_setting(make_window) -> None:
    win = make_window()
    app = QApplication.instance()
    dialog = win.open_dialog("settings")
    dialog.theme.setCurrentIndex(2)  # dark
    assert effective_scheme(app) == "dark"
    dialog.theme.setCurrentIndex(1)  # light
    assert effective_scheme(app) == "light"
    dialog.theme.setCurrentIndex(2)
    dialog.reject()  # back to what it was: follow the system
    assert win.context.settings.theme == "system"
    assert effective_scheme(app) == "light"


def test_reminder_shows_in_the_window_when_there_is_no_tray(make_window, repo) -> None:
    clock = FakeClock(datetime(2026, 11, 25, 17, 58, tzinfo=LONDON))  # a Wednesday
    win = make_window(clock, Settings(reminder_enabled=True, reminder_days=(2,), reminder_time="18:00"))
    assert win.tray is None  # offscreen: no tray
    assert not win.reminders.check()
    clock.advance(120)
    assert win.reminders.check()
    assert REMINDER_TEXT in win.notice.messages()
    # no streak promised to a runner with none (eleventh re-test: this history is empty)
    assert "streak" not in REMINDER_TEXT and not repo.recent_sessions()
    clock.advance(3600)
    assert not win.reminders.check()  # once a day


def test_no_reminder_on_a_day_already_trained(make_window, repo) -> None:
    clock = FakeClock(datetime(2026, 11, 25, 7, 0, tzinfo=LONDON))
    repo.start_session("heel-drops", "Eccentric heel drops", clock.now(), 6, None)
    win = make_window(clock, Settings(reminder_enabled=True, reminder_days=(2,), reminder_time="18:00"))
    clock.advance(12 * 3600)
    assert not win.reminders.check()
    assert REMINDER_TEXT not in win.notice.messages()


def test_tray_menu_offers_last_routine_show_and_quit(make_window, qtbot) -> None:
    win = make_window(settings=Settings(last_routine_id="heel-drops"))
    calls = []
    menu = build_tray_menu(win, lambda: calls.append("start"), lambda: calls.append("show"),
                           lambda: calls.append("quit"), win.last_routine().name)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Start Eccentric heel drops", "Show Ankle Trainer", "Quit"]
    for action in menu.actions():
        action.trigger()
    assert calls == ["start", "show", "quit"]
    start_last_routine(win)
    assert win.stack.currentWidget() is win.flow.pain_check
    assert win.home.selected_routine().id == "heel-drops"


def test_starting_a_routine_remembers_it(make_window, tmp_path) -> None:
    win = make_window()
    win.home.select_routine("ankle-mobility")
    win.home.start_button.click()
    assert win.context.settings.last_routine_id == ""  # not until a session really starts
    win.flow.pain_check.skip_button.click()
    assert win.context.settings.last_routine_id == "ankle-mobility"
    assert json.loads((tmp_path / "settings.json").read_text())["last_routine_id"] == "ankle-mobility"


def test_window_geometry_is_remembered(make_window, tmp_path) -> None:
    win = make_window()
    win.resize(760, 580)  # the offscreen screen is 800 x 600
    win.close()
    saved = SettingsStore(tmp_path / "settings.json").load().settings
    assert saved.window_geometry
    again = make_window(settings=saved)
    assert (again.width(), again.height()) == (760, 580)


def test_menus_show_shortcuts_and_open_dialogs(make_window) -> None:
    win = make_window()
    shortcuts = {a.objectName(): a.shortcut().toString() for a in win.file_menu.actions() + win.help_menu.actions() if a.objectName()}
    assert shortcuts["settingsAction"] == "Ctrl+,"
    assert shortcuts["shortcutsAction"] == "F1"
    assert shortcuts["quitAction"] == "Ctrl+Q"
    help_dialog = win.open_dialog("shortcuts")
    assert "Pause or resume a session" in help_dialog.text.text()
    help_dialog.reject()
    about = win.open_dialog("about")
    text = about.text.text()
    assert "not a diagnosis" in text and str(win.context.data_dir) in text and "MIT" in text
    about.reject()


def test_keyboard_only_walk_through_a_session(make_window, qtbot, repo) -> None:
    clock = FakeClock()
    win = make_window(clock)
    win.home.routine_list.setFocus()
    qtbot.keyClick(win.home.routine_list, Qt.Key.Key_Down)
    assert win.home.selected_routine().id == "heel-drops"
    qtbot.keyClick(win.home.routine_list, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.flow.pain_check
    slider = win.flow.pain_check.scale.slider
    assert win.focusWidget() is slider
    qtbot.keyClick(slider, Qt.Key.Key_Up)
    qtbot.keyClick(slider, Qt.Key.Key_Up)
    qtbot.keyClick(slider, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.flow.session_screen
    screen = win.flow.session_screen
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # skip get-ready
    for _ in range(11):  # skip through every set and rest
        qtbot.keyClick(screen, Qt.Key.Key_Right)
    assert screen.phase_band.text() == "LAST SET DONE"  # its rating asked, as after every set
    qtbot.keyClick(screen, Qt.Key.Key_Right)  # on to the summary
    assert win.stack.currentWidget() is win.flow.summary
    summary = win.flow.summary
    qtbot.keyClick(summary.scale.slider, Qt.Key.Key_Return)  # no rating chosen yet: nothing saved
    assert win.stack.currentWidget() is summary and "Before: 2" in summary.scale.value_label.text()
    qtbot.keyClick(summary.scale.slider, Qt.Key.Key_Down)  # an arrow carried over: no rating
    assert summary.scale.value() is None
    qtbot.keyClick(summary.scale.slider, Qt.Key.Key_1)  # a number key rates
    qtbot.keyClick(summary.scale.slider, Qt.Key.Key_Return)
    assert win.stack.currentWidget() is win.home
    [row] = repo.recent_sessions()
    assert (row.pain_before, row.pain_after, row.sets_skipped) == (2, 1, 6)


def test_phase_changes_are_announced_to_assistive_technology(make_window, monkeypatch) -> None:
    from PySide6.QtGui import QAccessible

    said = []
    monkeypatch.setattr(QAccessible, "updateAccessibility", lambda event: said.append(event.message()))
    win = make_window()
    win.home.select_routine("heel-drops")
    win.home.start_button.click()
    win.flow.pain_check.skip_button.click()
    win.flow.session_screen.skip_button.click()
    assert said[0].startswith("Get ready") and "Heel drop, straight knee" in said[0]
    assert said[1].startswith("Go") and "set 1 of 3" in said[1]


def test_keep_in_tray_hides_instead_of_quitting(make_window) -> None:
    win = make_window()

    class FakeTray:
        notes: list[str] = []

        def notify(self, title: str, text: str) -> None:
            self.notes.append(text)

    win.tray = FakeTray()
    win.context.settings = win.context.settings.with_changes(keep_in_tray=True)
    win.close()
    assert not win.isVisible() and win.tray.notes == ["Still running in the tray. Quit from its menu."]
    assert win.isHidden()  # hidden, not closed: the session and reminders go on
    win.bring_forward()
    assert win.isVisible()
    win.tray = None


def test_start_at_login_writes_and_removes_the_autostart_entry(make_window, tmp_path, monkeypatch) -> None:
    import os

    from ankle_trainer.desktop import autostart_file

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    win = make_window()
    dialog = win.open_dialog("settings")
    dialog.autostart.setChecked(True)
    assert not autostart_file().exists()  # only on OK
    dialog.accept()
    entry = autostart_file().read_text()
    assert autostart_file() == tmp_path / "config" / "autostart" / "io.github.ankletrainer.AnkleTrainer.desktop"
    assert "Exec=" in entry and "Type=Application" in entry
    assert os.stat(autostart_file()).st_size > 0
    dialog = win.open_dialog("settings")
    dialog.autostart.setChecked(False)
    dialog.accept()
    assert not autostart_file().exists()


def test_home_shows_this_weeks_sessions_against_the_target(make_window, repo) -> None:
    from ankle_trainer.storage.sample import run_session

    routine = find_routine("pre-run-warmup")  # the short warm-up
    for day in (22, 23, 24):  # Sunday, Monday, Tuesday
        run_session(repo, routine, datetime(2026, 11, day, 7, 0, tzinfo=LONDON), 2, 1, step=5.0)
    clock = FakeClock(datetime(2026, 11, 25, 9, 0, tzinfo=LONDON))  # Wednesday
    win = make_window(clock, Settings(weekly_target=3))
    win.home.select_routine("pre-run-warmup")  # a routine with a target of its own: its count
    assert win.home.week.text() == f"This week, “{routine.name}”: 2 completed sessions of 3."
    win.home.select_routine("ice-timer")  # none of its own: every session, the overall target
    assert win.home.week.text() == "This week, all routines: 2 completed sessions of 3."  # weeks start on Monday
    dialog = win.open_dialog("settings")
    dialog.week_start.setCurrentIndex(1)  # Sunday
    assert win.home.week.text() == "This week, all routines: 3 completed sessions of 3. Weekly target reached."
    dialog.weekly_target.setValue(4)
    assert win.home.week.text() == "This week, all routines: 3 completed sessions of 4."
    dialog.reject()
    assert win.home.week.text() == "This week, all routines: 2 completed sessions of 3."


def test_default_rest_applies_where_a_routine_gives_none(make_window) -> None:
    from ankle_trainer.core.library import exercise_library
    from ankle_trainer.core.plan import Phase, build_plan
    from ankle_trainer.core.routines import parse_routine

    routine = parse_routine(
        'format_version = 1\nid = "r"\nname = "R"\n[[steps]]\nexercise = "calf-raise-bent"\nsets = 2\nreps = 5\n',
        exercise_library(),
    )
    win = make_window(settings=Settings(default_rest_seconds=45))
    from ankle_trainer.core.plan import LAST_SET_CHECK_SECONDS

    rests = [s.duration for s in build_plan(routine, win.context.timing) if s.phase is Phase.REST]
    assert rests == [45, LAST_SET_CHECK_SECONDS]  # between the sets, then the last set's rating
