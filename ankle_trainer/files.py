"""Writing a file all or nothing, for every file the app writes.

CSV and spreadsheet exports, the physio report, settings, routine files, the
routine cache and sync segments all go through :func:`atomic_file`: the new
content is written to a temporary file beside the target, flushed to disk and
renamed over the target in one step. A crash, a full disk or a refused write
leaves either the old file or the new one, never half of either, and no
temporary file behind. Qt-free and sqlite3-free, so every layer may use it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


class FolderNotWritableError(OSError):
    """The temporary file could not even be made: the folder is missing, not a
    folder, or not writable (``strerror`` says which). Nothing was written."""


@contextmanager
def atomic_file(
    target: Path,
    mode: str = "wb",
    *,
    encoding: str | None = None,
    newline: str | None = None,
    sync_folder: bool = False,
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``target`` for writing (``mode`` "w" or
    "wb", with ``encoding``/``newline`` as for :func:`open`) and, when the
    block ends without an exception, flush it, fsync it and rename it to
    ``target``. ``sync_folder`` also fsyncs the folder, so the rename itself
    survives a power cut (sync segments need that).

    Raises :class:`FolderNotWritableError` when the folder cannot take a new
    file, and OSError for a failure while writing (disk full, ...): the
    temporary file is removed and any earlier ``target`` is left as it was.
    An exception from the block is re-raised after the same clean-up.
    """
    import tempfile  # not at import: callers load before the first paint

    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FolderNotWritableError(exc.errno, exc.strerror, str(folder)) from exc
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if sync_folder:
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def wrong_name(path: Path, endings: tuple[str, ...], what: str) -> str | None:
    """None when the name of ``path`` ends in one of ``endings`` (".csv";
    any case); otherwise the sentence that refuses it, said the same by the
    window and the command line: "Not written: a report's name ends in .pdf
    (for example r.pdf)." ``what`` names the file ("a report"). Every file
    the runner names for the app to write is checked with it before anything
    is written, so a CSV file is never saved as e.pdf, nor a PDF as r.txt."""
    if path.suffix.lower() in endings:
        return None
    stem = path.name[:len(path.name) - len(path.suffix)].rstrip(".") or "file"
    example = stem + endings[0]
    return (f"Not written: {what}'s name ends in {' or '.join(endings)} "
            f"(for example {example}).")
