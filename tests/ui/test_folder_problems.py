"""A data folder that cannot be written, or a damaged lock file, gets its real
cause, never "another copy is running" (issue 13)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from ankle_trainer.storage import folder_check
from ankle_trainer.storage.folder_check import folder_problem
from ankle_trainer.ui.single_instance import LOCK_NAME, SingleInstance


@pytest.mark.parametrize("content", [b"", b"\x00\xff garbage \n", b"not-a-pid\nhost\napp\n"])
def test_a_damaged_lock_file_is_recovered(tmp_path: Path, content: bytes) -> None:
    lock = tmp_path / LOCK_NAME
    lock.write_bytes(content)
    os.utime(lock, (1_000_000, 1_000_000))  # written long ago
    instance = SingleInstance(tmp_path)
    assert instance.acquire()
    assert lock.read_bytes().split(b"\n")[0].strip() == str(os.getpid()).encode()
    instance.release()


def test_a_lock_being_written_right_now_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_bytes(b"")  # fresh: another copy may be writing it
    instance = SingleInstance(tmp_path)
    assert not instance.acquire()
    assert instance.held_by_another_copy()
    assert (tmp_path / LOCK_NAME).read_bytes() == b""


def test_a_lock_held_by_a_running_copy_is_never_taken(tmp_path: Path) -> None:
    first = SingleInstance(tmp_path)
    assert first.acquire()
    os.utime(tmp_path / LOCK_NAME, (1_000_000, 1_000_000))
    second = SingleInstance(tmp_path)
    assert not second.acquire() and second.held_by_another_copy()
    first.release()


def test_a_read_only_disk_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder_check.os, "statvfs", lambda p: SimpleNamespace(f_flag=os.ST_RDONLY))
    assert "on a disk that can only be read (mounted read-only)" in folder_problem(tmp_path)


def test_an_unwritable_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder_check.os, "access", lambda p, mode: False)
    assert "You do not have permission to write in the data folder" in folder_problem(tmp_path)


def test_a_full_disk_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(folder_check.shutil, "disk_usage", lambda p: SimpleNamespace(free=4096))
    message = folder_problem(tmp_path)
    assert message is not None and "is full (4 KiB free)" in message


def test_a_healthy_folder_has_no_problem(tmp_path: Path) -> None:
    assert folder_problem(tmp_path) is None


def test_the_window_names_a_full_disk_instead_of_another_copy(tmp_path: Path, monkeypatch) -> None:
    from ankle_trainer.ui import app as app_module

    shown: list[str] = []
    monkeypatch.setattr(app_module, "show_fatal", lambda message, interactive: shown.append(message))
    monkeypatch.setattr(SingleInstance, "acquire", lambda self: False)
    monkeypatch.setattr(folder_check.shutil, "disk_usage", lambda p: SimpleNamespace(free=0))
    assert app_module.run_gui(data_dir=str(tmp_path), quit_after_startup=True) == 2
    assert len(shown) == 1 and "is full" in shown[0] and "Another copy" not in shown[0]
