"""The one way the app writes a file: all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ankle_trainer.files import FolderNotWritableError, atomic_file


def test_the_new_content_replaces_the_old_only_when_the_block_ends(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with atomic_file(target, "w", encoding="utf-8") as handle:
        handle.write("new\n")
        assert target.read_text() == "old\n"  # not yet
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_a_failure_while_writing_keeps_the_old_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"earlier")
    with pytest.raises(OSError, match="No space left"):
        with atomic_file(target) as handle:
            handle.write(b"half")
            raise OSError(28, "No space left on device")
    assert target.read_bytes() == b"earlier"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_a_missing_folder_is_told_apart_from_a_failed_write(tmp_path: Path) -> None:
    with pytest.raises(FolderNotWritableError) as caught:
        with atomic_file(tmp_path / "nowhere" / "x.csv") as handle:
            handle.write(b"never")
    assert caught.value.strerror == "No such file or directory"
    assert not (tmp_path / "nowhere").exists()


def test_sync_folder_also_renames_durably(tmp_path: Path) -> None:
    target = tmp_path / "segment-000001.json.gz"
    with atomic_file(target, "wb", sync_folder=True) as handle:
        handle.write(b"\x1f\x8b")
    assert target.read_bytes() == b"\x1f\x8b"
