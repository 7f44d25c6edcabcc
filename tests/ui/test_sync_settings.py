"""Settings → Sync widget: model first (two histories), then the widget on one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sync import sync_now
from ankle_trainer.ui.sync_settings import SyncSettings

AT = datetime(2026, 3, 2, 7, 30, tzinfo=UTC)


def _history(folder: Path) -> HistoryRepository:
    folder.mkdir()
    repo, _ = HistoryRepository.open(folder / "history.sqlite3")
    return repo


def test_choosing_a_folder_and_syncing_shows_what_was_added(qtbot: QtBot, tmp_path: Path) -> None:
    sync = tmp_path / "Sync"
    sync.mkdir()
    other = _history(tmp_path / "other")
    other.start_session("heel-drops", "Heel drops", AT, 6, 2)
    sync_now(other, sync, now=lambda: AT, device_name="laptop")
    mine = _history(tmp_path / "mine")
    clock = FakeClock(AT)
    widget = SyncSettings(mine, "", tmp_path / "mine", now=clock.now)
    qtbot.addWidget(widget)
    assert widget.status.text() == "Sync is off."
    assert not widget.sync_button.isEnabled()
    with qtbot.waitSignal(widget.folder_changed) as changed:
        widget.set_folder(str(sync))
    assert changed.args == [str(sync)]
    assert widget.status.text() == "Not synced yet."
    widget.sync_button.click()
    assert widget.result.text() == "Added 1 session from laptop."
    assert widget.status.text().startswith("Last synced on 2 March 2026 at ")
    assert widget.status.text().endswith(", with laptop.")
    assert mine.count_sessions() == 1


def test_a_missing_folder_shows_the_message_and_turning_off(qtbot: QtBot, tmp_path: Path) -> None:
    mine = _history(tmp_path / "mine")
    widget = SyncSettings(mine, str(tmp_path / "USB stick"), tmp_path / "mine")
    qtbot.addWidget(widget)
    widget.sync_button.click()
    assert "is not there. If it is on a drive, connect the drive" in widget.result.text()
    with qtbot.waitSignal(widget.folder_changed) as changed:
        widget.off_button.click()
    assert changed.args == [""]
    assert widget.status.text() == "Sync is off." and not widget.off_button.isEnabled()


def _clipped(root) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    return [
        f"{label.text()[:40]!r}: {label.height()} < {label.heightForWidth(label.width())}"
        for label in root.findChildren(QLabel)
        if label.isVisible() and label.wordWrap() and label.text()
        and label.height() < label.heightForWidth(label.width())
    ]


def test_the_sync_box_in_the_settings_shows_every_line_after_a_sync(
    make_window, qtbot, tmp_path: Path, tmp_path_factory,  # type: ignore[no-untyped-def]
) -> None:
    """The explanation and the status keep all their lines when a sync
    makes them longer, at the dialog's own size and squeezed small."""
    sync = tmp_path_factory.mktemp("elsewhere") / "Sync"  # not in the data folder
    sync.mkdir()
    for i in range(2):
        other = _history(tmp_path / f"other{i}")
        other.start_session("heel-drops", "Heel drops", AT, 6, 2)
        sync_now(other, sync, now=lambda: AT, device_name="a computer with a long name, the same for both")
    win = make_window()
    dialog = win.open_dialog("settings")
    qtbot.addWidget(dialog)
    panel = dialog.sync
    panel.runner = None
    QApplication.processEvents()  # posted layout requests, no waiting
    for size in (dialog.size(), (700, 420), (520, 380)):
        dialog.resize(*size) if isinstance(size, tuple) else dialog.resize(size)
        panel.set_folder(str(sync)) if not panel.folder else panel.sync_now()
        panel.sync_now()
        for _ in range(5):  # the layout requests pass up from the labels to the scroll area
            QApplication.processEvents()
        assert "with a computer" in panel.status.text(), panel.result.text()
        assert _clipped(dialog) == [], (size, _clipped(dialog))
    dialog.close()
