"""Why a data folder cannot be written: read-only, not writable, or full.

Used when the window cannot take its lock in the data folder, so the message
names the real cause instead of blaming another running copy. No Qt here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Less free space than this and a session's writes may fail (SQLite needs
# room for its journal as well as the data).
MIN_FREE_BYTES = 1024 * 1024


def folder_problem(folder: Path) -> str | None:
    """A plain-words reason why Ankle Trainer cannot write in ``folder``, or
    None when nothing is wrong that can be seen from outside."""
    try:
        flags = os.statvfs(folder).f_flag
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        flags = 0
    if flags & getattr(os, "ST_RDONLY", 1):
        return (
            f"The data folder {folder} is on a disk that can only be read (mounted read-only), "
            "so Ankle Trainer cannot save your sessions or routines there. Make the disk writable, or "
            "start Ankle Trainer with another folder (--data-dir)."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"You do not have permission to write in the data folder {folder}, so Ankle "
            "Trainer cannot save your sessions or routines there. Change the folder's permissions, or "
            "start Ankle Trainer with another folder (--data-dir)."
        )
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return None
    if free < MIN_FREE_BYTES:
        return (
            f"The disk that holds the data folder {folder} is full ({free // 1024} KiB free), "
            "so Ankle Trainer cannot save your sessions or routines. Free some space and start again."
        )
    return None


def cannot_use(folder: Path, exc: OSError) -> str:
    """Why ``folder`` (a data folder, or one inside it) could not be used
    after ``exc``: :func:`folder_problem`'s plain words where it sees the
    cause (read-only, no permission, full), else the system's reason with
    what to do. One wording for the window and the command line
    (twenty-ninth re-test: the command line said "Read-only file system")."""
    seen = folder_problem(folder) if folder.is_dir() else None  # a folder not made: the system's words
    return seen or (
        f"Ankle Trainer cannot use the data folder {folder}: {exc.strerror or exc}. "
        "Choose another folder with --data-dir."
    )
