"""The runner's own routines: one TOML file each in ``<data folder>/routines``.

Files are read with the same validation as the built-in ones; a file that does
not pass is left untouched and reported, never rewritten or deleted. Writes
are atomic. Deleting moves the file to ``routines/deleted/`` so it can be
brought back by hand.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

from ..core.model import Exercise, Routine
from ..core.routines import (
    MAX_FILE_BYTES,
    RoutineError,
    listing_key,
    parse_routine,
    routine_to_toml,
)


class RoutineStore:
    """The runner's own routines: one TOML file each in a folder, read with the
    exercise library (a mapping, or a function returning one, read on first use).
    """

    def __init__(
        self, folder: Path, library: Mapping[str, Exercise] | Callable[[], Mapping[str, Exercise]]
    ) -> None:
        """``library`` may be a function, called only when a file needs it (so
        a start-up with no routines of your own never reads the library)."""
        self.folder = folder
        self._library = library

    @property
    def library(self) -> Mapping[str, Exercise]:
        """The exercises by id that routine files may use."""
        if callable(self._library):
            self._library = self._library()
        return self._library

    def path_for(self, routine_id: str) -> Path:
        """The file a routine with ``routine_id`` is saved to."""
        return self.folder / f"{routine_id}.toml"

    def load(self) -> tuple[list[Routine], list[str]]:
        """The routines that read cleanly, in the order lists show them
        (:func:`~ankle_trainer.core.routines.listing_key`), and a sentence for
        each file that did not, naming it by its file name (the folder is the
        routines folder)."""
        routines: list[Routine] = []
        problems: list[str] = []
        if not self.folder.is_dir():
            return routines, problems
        for path in sorted(self.folder.glob("*.toml")):
            try:
                routine = read_usable_routine_file(path, self.library)
            except RoutineError as exc:  # named by its file name, in a sentence (twenty-ninth re-test)
                problems.append(exc.sentence(path.name))
                continue
            routines.append(routine._replace(builtin=False))
        routines.sort(key=lambda r: listing_key(r.name))
        return routines, problems

    def save(self, routine: Routine) -> Path:
        """Write ``routine`` to its file atomically; raises OSError."""
        self.folder.mkdir(parents=True, exist_ok=True)
        return write_routine_file(routine, self.path_for(routine.id))

    def delete(self, routine_id: str, when: datetime) -> Path:
        """Move the routine's file to routines/deleted/; returns where it went."""
        source = self.path_for(routine_id)
        bin_folder = self.folder / "deleted"
        bin_folder.mkdir(parents=True, exist_ok=True)
        target = bin_folder / f"{routine_id}-{when:%Y%m%dT%H%M%S}.toml"
        os.replace(source, target)
        return target

    def restore(self, routine_id: str, kept: Path) -> None:
        """Put a deleted routine's file back from where ``delete`` kept it (undo)."""
        os.replace(kept, self.path_for(routine_id))


# The one wording for a routine file that takes a built-in routine's id.
BUILT_IN_ID = "'{id}' is the id of a built-in routine; give the file another id"


def read_routine_file(path: Path, library: Mapping[str, Exercise]) -> Routine:
    """A routine from a file, or RoutineError naming the file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise RoutineError(str(path), "", f"file is larger than {MAX_FILE_BYTES // 1024} KiB")
        data = path.read_bytes()
    except OSError as exc:
        raise RoutineError(str(path), "", f"cannot be read ({exc.strerror or exc})") from None
    return parse_routine(data, library, origin=str(path))


def read_usable_routine_file(path: Path, library: Mapping[str, Exercise]) -> Routine:
    """A routine from a file, checked by every rule the routines folder
    applies: the one rule for the folder's loading, ``routine validate`` and
    sync's choice of files to send. Beyond :func:`read_routine_file`, the
    file must be named after the routine's id (``ID.toml``), and the id must
    not be a built-in routine's (twenty-eighth re-test: heel-drops.toml put
    in the folder by hand made two routines "heel-drops", whose sessions and
    levels could not be told apart); RoutineError (naming the file) otherwise."""
    from ..core.library import builtin_ids

    routine = read_routine_file(path, library)
    if routine.id in builtin_ids():
        raise RoutineError(str(path), "id", BUILT_IN_ID.format(id=routine.id))
    if routine.id != path.stem:
        raise RoutineError(
            str(path), "id",
            f"'{routine.id}' does not match the file name '{path.name}'. A routine file is only"
            f" used from the routines folder when it is named {routine.id}.toml; 'ankle-trainer"
            " routine import FILE' saves it under that name.",
        )
    return routine


def write_routine_file(routine: Routine, path: Path) -> Path:
    """Write atomically (temporary file, fsync, rename); raises OSError."""
    from ..files import atomic_file  # (tempfile loads when first used)

    text = routine_to_toml(routine)
    with atomic_file(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path
