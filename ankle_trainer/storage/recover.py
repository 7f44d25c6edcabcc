"""Recovering a damaged history: every row that can still be read, copied
into a new file (``ankle-trainer recover``, and the window's Recover
history…).

Apart from ``storage.db`` so that a start does not define what only a
recovery uses (``Recovered``, a NamedTuple: about 0.8 million instructions;
README, Start-up speed).
"""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple compiles every field given as a string.

import sqlite3
from pathlib import Path
from typing import NamedTuple

from .db import DatabaseOpenError, _connect_readonly, open_database, transaction
from .errors import translate

# Tables copied by recover_history, parents first (sets need their session).
_RECOVERED_TABLES = (
    ("session", "rowid"),
    ("session_set", "session_id, seq"),
    ("safety_check", "rowid"),
    ("routine_level", "rowid"),
    ("recommendation", "rowid"),
    ("heel_rise_test", "rowid"),
    ("triage", "rowid"),
    ("rm_load", "rowid"),
)


class Recovered(NamedTuple):
    """What :func:`recover_history` did, per table name: ``copied`` rows
    written to the new file; ``lost`` rows known to exist in the damaged file
    that could not be read or copied (a lower bound); ``uncounted`` the
    tables whose damaged file could not even be counted, so more than
    ``lost`` may be missing."""

    copied: dict[str, int]
    lost: dict[str, int]
    uncounted: frozenset[str]


def _count_rows(src: sqlite3.Connection, table: str) -> int | None:
    """``count(*)`` of a table of a damaged file, None when that fails."""
    try:
        return int(src.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.DatabaseError:
        return None


@translate
def recover_history(source: Path, target: Path) -> Recovered:
    """Copy every readable row of a damaged history ``source`` into a new
    history at ``target`` (which must not exist); returns what was copied and
    what is known to be lost, per table (:class:`Recovered`).

    ``source`` is only read. Each table is read from its start until the first
    unreadable page and from its end back to the last one, so rows on both
    sides of a damaged area are kept. What is lost is counted where it can
    be: the table's row count (when SQLite can still count it) less the rows
    copied, sessions that sets refer to but that could not be read, and sets
    missing from the sessions kept (a completed session has one row for
    each planned set; any session one for each position up to its last).
    Raises DatabaseOpenError if ``target`` exists, StorageError if ``source``
    cannot be opened at all or ``target`` cannot be written.
    """
    if target.exists():
        raise DatabaseOpenError(f"{target} already exists; choose a new file name.")
    src = _connect_readonly(source)
    try:
        opened = open_database(target)
    except BaseException:
        src.close()
        raise
    dst = opened.connection
    counts: dict[str, int] = {}
    lost: dict[str, int] = {}
    uncounted: set[str] = set()
    sessions_of_sets: set[object] = set()
    try:
        for table, key in _RECOVERED_TABLES:
            try:
                have = [str(r[1]) for r in src.execute(f"PRAGMA table_info({table})")]
            except sqlite3.DatabaseError:
                have = []
            want = {str(r[1]) for r in dst.execute(f"PRAGMA table_info({table})")}
            columns = [c for c in have if c in want and c != "export_line"]
            if not columns:
                counts[table] = 0
                continue
            names = ", ".join(columns)
            rows: dict[tuple[object, ...], tuple[object, ...]] = {}
            descending = ", ".join(f"{k.strip()} DESC" for k in key.split(","))
            for order in (key, descending):
                try:
                    for row in src.execute(f"SELECT {key}, {names} FROM {table} ORDER BY {order}"):
                        width = len(key.split(","))
                        rows.setdefault(tuple(row[:width]), tuple(row[width:]))
                except sqlite3.DatabaseError:
                    pass  # the damaged area: read on from the other end
            copied = 0
            with transaction(dst):
                for values in rows.values():
                    try:
                        dst.execute(
                            f"INSERT INTO {table} ({names}) VALUES ({', '.join(['?'] * len(columns))})",
                            values,
                        )
                        copied += 1
                    except sqlite3.IntegrityError:
                        pass  # e.g. a set whose session was on a lost page
            counts[table] = copied
            if table == "session_set":
                sessions_of_sets = {k[0] for k in rows}
            total = _count_rows(src, table)
            if total is None:
                uncounted.add(table)
            lost[table] = max((total if total is not None else len(rows)) - copied, len(rows) - copied, 0)
        # Sessions whose sets were read but which themselves were not.
        kept = {r[0] for r in dst.execute("SELECT id FROM session")}
        lost["session"] = max(lost.get("session", 0), len(sessions_of_sets - kept))
        # Sets missing from the sessions that were kept: a completed session
        # has a row for each planned set (done or skipped); any session has
        # one for each position up to its last.
        missing = int(dst.execute(
            "SELECT coalesce(sum(max(CASE WHEN s.status = 'completed' THEN s.sets_planned"
            " ELSE coalesce(m.top + 1, 0) END - coalesce(m.n, 0), 0)), 0) FROM session s"
            " LEFT JOIN (SELECT session_id, max(seq) AS top, count(*) AS n FROM session_set"
            " GROUP BY session_id) m ON m.session_id = s.id"
        ).fetchone()[0])
        lost["session_set"] = max(lost.get("session_set", 0), missing)
    finally:
        src.close()
        dst.close()
    return Recovered(counts, lost, frozenset(uncounted))
