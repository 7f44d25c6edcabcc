"""Recovering a damaged history from the window: every readable row is
copied into a new file next to it (``storage.recover.recover_history``); the
damaged file is only read and kept as it is.

The copy runs on a worker thread (ten years of history take a few seconds
on a slow disk) with its own SQLite connections; the window shows progress
and then :func:`recovery_message`.
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from ..core.text import count
from ..storage.errors import StorageError
from ..storage.recover import recover_history


class RecoveryResult(NamedTuple):
    """What a recovery did: the damaged file (kept as it was), the new file,
    the rows copied per table (table name -> rows), the rows known to be
    lost per table, and the tables whose losses could not all be counted."""

    source: Path
    target: Path
    counts: dict[str, int]
    lost: dict[str, int]
    uncounted: frozenset[str] = frozenset()


def recovery_target(source: Path, now: datetime) -> Path:
    """A new file beside ``source`` for the recovered rows, named by the
    local time ``now`` (``history-recovered-20260601-0730.sqlite3``; a
    number is added when that name is taken)."""
    stem = f"{source.stem}-recovered-{now:%Y%m%d-%H%M}"
    target, n = source.with_name(stem + source.suffix), 1
    while target.exists() or target.with_name(target.name + "-wal").exists():
        n += 1
        target = source.with_name(f"{stem}-{n}{source.suffix}")
    return target


def recover(source: Path, target: Path) -> RecoveryResult:
    """Copy the readable rows of ``source`` into the new file ``target``.
    Raises StorageError (with the reason in plain words) when ``source``
    cannot be read at all or ``target`` cannot be written."""
    done = recover_history(source, target)
    return RecoveryResult(source, target, done.copied, done.lost, done.uncounted)


class RecoveryJob:
    """:func:`recover` on a worker thread. ``done()`` is True once it ended;
    then ``result`` or ``error`` (a StorageError's text) is set."""

    def __init__(self, source: Path, target: Path) -> None:
        self.result: RecoveryResult | None = None
        self.error: str | None = None
        self.thread = threading.Thread(target=self._run, args=(source, target),
                                       name="recover-history", daemon=True)

    def start(self) -> None:
        """Start copying."""
        self.thread.start()

    def done(self) -> bool:
        """True once the copy has ended (well or not)."""
        return not self.thread.is_alive()

    def _run(self, source: Path, target: Path) -> None:
        try:
            self.result = recover(source, target)
        except (StorageError, OSError) as exc:
            self.error = str(exc)


_WORDS = (  # table, one, many
    ("session", "session", "sessions"), ("session_set", "set", "sets"),
    ("safety_check", "safety check", "safety checks"), ("recommendation", "suggestion", "suggestions"),
    ("heel_rise_test", "heel-rise test", "heel-rise tests"),
    ("triage", "set of triage answers", "sets of triage answers"),
    ("rm_load", "recorded load", "recorded loads"),
)


def _listed(parts: list[str]) -> str:
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def lost_words(lost: dict[str, int], uncounted: frozenset[str]) -> str:
    """What could not be recovered, in plain words, for the window and the
    command line alike: "3 sessions and 40 sets could not be read from the
    damaged part of the file." ("Nothing was lost" when nothing is known to
    be), followed by a warning when the damaged file could not be counted in
    full (``uncounted``: table names), so more may be missing."""
    parts = [count(lost[table], one, many) for table, one, many in _WORDS if lost.get(table, 0)]
    if parts:
        text = f"{_listed(parts)} could not be read from the damaged part of the file."
    else:
        text = "Nothing that could be counted was lost."
    missing = [many for table, _one, many in _WORDS if table in uncounted]
    if missing:
        text += (f" The damaged part could not be counted, so some more {_listed(missing)}"
                 " may be missing.")
    return text


def recovery_message(result: RecoveryResult) -> str:
    """What was saved and where, what was lost, in plain words, and how to use the copy."""
    counts = result.counts
    parts = [count(counts.get(table, 0), one, many) for table, one, many in _WORDS
             if counts.get(table, 0) or table in ("session", "session_set")]
    return (
        f"Recovered {_listed(parts)} into the new file {result.target}. "
        f"{lost_words(result.lost, result.uncounted)} Your {'damaged ' if result.lost or result.uncounted else ''}"
        f"history file is kept, unchanged, at {result.source}. To carry on with the new "
        f"copy, quit Ankle Trainer, move the old file out of that folder and rename the new file to "
        f"{result.source.name}."
    )
