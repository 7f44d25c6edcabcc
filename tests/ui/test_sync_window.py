"""The window's sync: two data folders and one sync folder, two windows.

The syncs run on the window's worker thread; the tests wait for the window's
``synced`` signal (an event, not a sleep) with a generous timeout.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.settings import Settings, SettingsStore
from ankle_trainer.storage.sync import SYNC_INTERVAL_SECONDS, SyncError, SyncReport
from ankle_trainer.ui.shell.window import MainWindow

from .test_session_gui import advance, start_tiny

WAIT = 20_000  # ms: the longest a sync may take on a loaded machine


@pytest.fixture
def sync_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Sync"
    folder.mkdir()
    return folder


@pytest.fixture
def open_computer(make_window, tmp_path, clock, tiny_routine):  # type: ignore[no-untyped-def]
    """A window on its own data folder, syncing with ``folder``, named ``name``."""
    opened: list[HistoryRepository] = []
    windows: list[MainWindow] = []

    def open_(name: str, folder: Path | str, **kwargs) -> MainWindow:  # type: ignore[no-untyped-def]
        data = tmp_path / name
        data.mkdir()
        history, _ = HistoryRepository.open(data / "history.sqlite3")
        opened.append(history)
        win = make_window(
            history=history, data_dir=data, settings=Settings(sync_folder=str(folder)),
            routines=(tiny_routine, *builtin_routines()), **kwargs,
        )
        win.finish_startup()  # the first sync waits for the event loop
        assert win.sync is not None
        win.sync.service.device_name = name
        windows.append(win)
        return win

    yield open_
    for win in windows:  # before their histories close
        win.close()
    for history in opened:
        history.close()


def first_sync(qtbot, win: MainWindow) -> SyncReport | SyncError:  # type: ignore[no-untyped-def]
    """Wait until the sync the window starts with has been handled."""
    service = win.sync.service  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: service.last_outcome is not None and not service.running, timeout=WAIT)
    return service.last_outcome  # type: ignore[no-any-return]


def test_a_session_finished_on_one_computer_shows_on_the_other_after_its_sync(
    qtbot, open_computer, sync_folder, clock: FakeClock
) -> None:
    laptop = open_computer("laptop", sync_folder, safety_done=True)
    assert isinstance(first_sync(qtbot, laptop), SyncReport)
    desktop = open_computer("desktop", sync_folder)
    assert first_sync(qtbot, desktop).summary() == "Added 1 red-flag check from laptop."  # type: ignore[union-attr]
    assert desktop.context.history.count_sessions() == 0
    start_tiny(laptop)
    advance(laptop, clock, 92.0)
    assert laptop.stack.currentWidget() is laptop.flow.summary
    laptop.flow.summary.scale.setValue(2)
    assert laptop.sync is not None and desktop.sync is not None
    with qtbot.waitSignal(laptop.sync.synced, timeout=WAIT) as sent:
        laptop.flow.summary.save_button.click()  # the session ends: the laptop syncs
    assert isinstance(sent.args[0], SyncReport)
    assert (sent.args[0].sent["session"], sent.args[0].sent["set"]) == (1, 4)

    clock.advance(60)
    with qtbot.waitSignal(desktop.sync.synced, timeout=WAIT) as received:
        desktop.sync.tick()
    # (the tiny routine has one level: no "stay at this level" suggestion is made for it)
    assert received.args[0].summary() == "Added 1 session and 4 sets from laptop."
    [row] = desktop.context.history.recent_sessions()
    assert (row.routine_name, row.pain_before, row.pain_after) == ("Tiny test routine", 3, 2)
    assert len(desktop.context.history.sets_for(row.id)) == 4
    desktop.go_home()  # the home screen heard of it through the change notifier
    [recent] = desktop.home.recent_rows
    assert recent[1:4] == ("Tiny test routine", "Completed", "4 of 4")
    when = clock.now().astimezone()
    assert desktop.sync.status.text() == f"Synced {when.day} {when:%b %Y}, {when:%H:%M} with laptop."
    assert desktop.sync.status.toolTip() == (
        f"Last synced on {when.day} {when:%B %Y} at {when:%H:%M} (your time), with laptop.\n"
        "Added 1 session and 4 sets from laptop."
    )


def test_the_sync_runs_off_the_window_thread(qtbot, open_computer, sync_folder, monkeypatch) -> None:
    from ankle_trainer.app.sync import SyncService

    threads = []
    real_run = SyncService.run

    def run(job):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real_run(job)

    monkeypatch.setattr(SyncService, "run", staticmethod(run))
    win = open_computer("laptop", sync_folder)
    assert win.sync is not None
    assert win.sync.status.text() == "Not synced yet."  # before the event loop ran it
    first_sync(qtbot, win)
    assert threads and threads[0] is not threading.main_thread()


def test_the_timer_syncs_every_five_minutes(qtbot, open_computer, sync_folder, clock: FakeClock) -> None:
    win = open_computer("laptop", sync_folder)
    first_sync(qtbot, win)
    assert win.sync is not None
    timer = win.sync.timer
    assert timer.isActive() and timer.interval() == SYNC_INTERVAL_SECONDS * 1000 == 300_000
    before = win.sync.status.text()
    clock.advance(SYNC_INTERVAL_SECONDS)
    with qtbot.waitSignal(win.sync.synced, timeout=WAIT):
        timer.timeout.emit()  # what Qt does when the 5 minutes are up
    when = clock.now().astimezone()
    assert win.sync.status.text() == f"Synced {when.day} {when:%b %Y}, {when:%H:%M}."
    assert win.sync.status.text() != before


def test_no_folder_no_timer_and_no_status(make_window) -> None:
    win = make_window(startup=True)
    assert win.sync is not None
    assert not win.sync.timer.isActive()
    assert not win.sync.service.request()
    assert win.sync.status.text() == "" and not win.sync.status.isVisible()


def test_a_missing_folder_is_told_once_and_the_app_carries_on(
    qtbot, open_computer, tmp_path: Path, clock: FakeClock
) -> None:
    stick = tmp_path / "USB stick"
    win = open_computer("laptop", stick)
    outcome = first_sync(qtbot, win)
    assert isinstance(outcome, SyncError)
    [message] = win.notice.messages()
    assert message.startswith(f"The sync folder {stick} is not there. If it is on a drive, connect")
    assert win.notice.isVisible()
    assert win.sync is not None
    assert win.sync.status.text() == "Not synced yet. The last try did not work."
    win.notice.hide()  # dismissed
    for _ in range(2):  # the timer goes on trying, quietly
        clock.advance(SYNC_INTERVAL_SECONDS)
        with qtbot.waitSignal(win.sync.synced, timeout=WAIT) as again:
            win.sync.tick()
        assert isinstance(again.args[0], SyncError)
    assert not win.notice.isVisible() and win.notice.messages() == [message]
    stick.mkdir()  # plugged in again
    with qtbot.waitSignal(win.sync.synced, timeout=WAIT) as works:
        win.sync.tick()
    assert isinstance(works.args[0], SyncReport)
    assert win.sync.status.text().startswith("Synced ")
    assert "The sync folder" not in win.sync.status.toolTip()
    assert win.isVisible() and win.sync.timer.isActive()


def test_a_folder_of_a_newer_version_is_told_plainly_and_left_alone(qtbot, open_computer, sync_folder) -> None:
    root = sync_folder / "Ankle Trainer"
    root.mkdir()
    (root / "format.json").write_text(json.dumps({"format": 99}))
    win = open_computer("laptop", sync_folder)
    assert isinstance(first_sync(qtbot, win), SyncError)
    [message] = win.notice.messages()
    assert "was set up by a newer version of Ankle Trainer" in message
    assert "Please update Ankle Trainer on this computer. Nothing was written to the folder." in message
    assert sorted(p.name for p in root.iterdir()) == ["format.json"]  # nothing written


def test_no_sync_starts_while_a_session_is_recorded(qtbot, open_computer, sync_folder, clock) -> None:
    win = open_computer("laptop", sync_folder, safety_done=True)
    first_sync(qtbot, win)
    start_tiny(win)
    assert win.sync is not None
    win.sync.tick()  # the timer, mid-session
    assert not win.sync.service.running and win.sync.service.pending
    advance(win, clock, 92.0)
    win.flow.summary.scale.setValue(1)  # pain after: a rating is chosen before it can be saved
    with qtbot.waitSignal(win.sync.synced, timeout=WAIT) as done:
        win.flow.summary.save_button.click()
    assert done.args[0].sent["session"] == 1
    assert not win.sync.service.pending


def test_settings_choose_the_folder_save_it_and_sync_now(qtbot, open_computer, sync_folder, tmp_path) -> None:
    win = open_computer("laptop", "", store=True)
    assert win.sync is not None and not win.sync.timer.isActive()
    dialog = win.open_dialog("settings")
    panel = dialog.sync
    assert panel.status.text() == "Sync is off."
    assert panel.sync_button.text() == "Sync &now" and not panel.sync_button.isEnabled()
    with qtbot.waitSignal(win.sync.synced, timeout=WAIT):
        panel.set_folder(str(sync_folder))  # chosen: saved, and the first sync starts
    assert SettingsStore(tmp_path / "settings.json").load().settings.sync_folder == str(sync_folder)
    assert win.sync.timer.isActive()
    assert panel.status.text().startswith("Last synced on ")
    with qtbot.waitSignal(win.sync.synced, timeout=WAIT):
        panel.sync_button.click()
        assert panel.result.text() == "Syncing…"
    assert panel.result.text() == "Nothing new."
    dialog.reject()  # Cancel does not undo the folder: it was saved when chosen
    assert win.context.settings.sync_folder == str(sync_folder)
    assert SettingsStore(tmp_path / "settings.json").load().settings.sync_folder == str(sync_folder)


def test_other_edits_in_the_dialog_are_not_saved_with_the_folder(qtbot, open_computer, sync_folder, tmp_path) -> None:
    win = open_computer("laptop", "", store=True)
    dialog = win.open_dialog("settings")
    dialog.weekly_target.setValue(9)  # previewed, not saved until OK
    with qtbot.waitSignal(win.sync.synced, timeout=WAIT):
        dialog.sync.set_folder(str(sync_folder))
    saved = SettingsStore(tmp_path / "settings.json").load().settings
    assert (saved.sync_folder, saved.weekly_target) == (str(sync_folder), Settings().weekly_target)
    assert win.context.settings.weekly_target == 9  # the preview still applies
    dialog.accept()
    saved = SettingsStore(tmp_path / "settings.json").load().settings
    assert (saved.sync_folder, saved.weekly_target) == (str(sync_folder), 9)


def test_settings_say_the_last_try_failed_as_the_status_bar_does(
        qtbot, open_computer, sync_folder, tmp_path) -> None:
    """Twenty-eighth re-test: the sync folder gone (a USB stick unplugged),
    Sync now in Settings changed nothing in the dialog: its line still read
    "Last synced on …", and so after reopening it, while the status bar said
    "The last try did not work." The dialog says it too, and the reason."""
    win = open_computer("laptop", sync_folder, store=True)
    assert isinstance(first_sync(qtbot, win), SyncReport)
    dialog = win.open_dialog("settings")
    panel = dialog.sync
    assert panel.status.text().startswith("Last synced on ") and "did not work" not in panel.status.text()
    sync_folder.rename(tmp_path / "away")
    with qtbot.waitSignal(win.sync.synced, timeout=WAIT):
        panel.sync_button.click()
    assert panel.status.text().endswith("The last try did not work.")
    assert "is not there" in panel.result.text()
    dialog.reject()
    reopened = win.open_dialog("settings")
    again = reopened.sync  # reopened: still said
    assert again.status.text().endswith("The last try did not work.") and "is not there" in again.result.text()
    (tmp_path / "away").rename(sync_folder)  # back: the next sync works, and the word goes
    with qtbot.waitSignal(win.sync.synced, timeout=WAIT):
        again.sync_button.click()
    assert "did not work" not in again.status.text()
    reopened.reject()
