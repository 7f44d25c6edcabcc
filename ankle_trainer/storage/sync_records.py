"""What folder sync carries, and how every write to those rows is noticed.

**Record kinds.** :data:`RECORD_KINDS` lists each table that is synced, the
columns that identify a row on every computer (its global id) and how it is
named in segment files. Adding a table is one entry here (plus, if the table
only has a per-computer integer id, a migration adding a ``uid TEXT`` column
with a unique index), e.g. for a triage table::

    RecordKind("triage", "triage_answer", ("uid",), "triage answer",
               "triage answers", local_id="id")

**Capture in storage, not in the UI.** :func:`install_capture` adds temporary
SQLite triggers to each connection the app opens: every INSERT, UPDATE or
DELETE on a synced table, whichever repository method, import or future code
makes it, stamps the row's entry in ``sync_version`` with a new clock value
and this computer's id. Deletions leave the entry in place marked ``deleted``
(a tombstone), so the deletion travels to the other computers. Writes made
while merging (see :func:`muted`: the triggers are set aside meanwhile) are
not stamped again.

**The clock** is a hybrid logical clock (HLC) held in one 64-bit integer:
the wall time in milliseconds shifted left by 16 bits, plus a counter in the
low 16 bits. A new stamp is ``max(now_ms << 16, highest stamp known + 1)``,
where the highest stamp known (``sync_state`` row ``hlc``) is raised by every
stamp made here and every change merged from elsewhere. So a
computer's next change is always later than anything it has seen, even if
its wall clock is behind; between computers that have not yet seen each
other's changes, the wall times decide. Ties (equal stamps) go to the larger
device id, the same on every computer, so all of them agree on the winner.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import NamedTuple

from ..core.text import count


class RecordKind(NamedTuple):
    """One synced table. (A NamedTuple, not a dataclass: this module loads at
    every opening of the history, before the first window is painted, and
    the dataclasses module alone costs about 2 ms to import.)

    ``key`` is one column (text) or two (text, integer) that identify a row
    on every computer. ``within`` names the kind a row is part of (a set is
    part of its session): such rows have no version of their own; any change
    to them stamps their owner's version (``key[0]`` is the owner's id), and
    they travel inside the owner's record, all of them each time. So a first
    merge keeps one version per session, not one per set (some fifteen times
    fewer), and a session is merged whole: the later edit of it wins. ``local_id`` names an integer id that differs from
    computer to computer: it is never sent, and a ``uid`` key is filled with
    a random hex id when a row is inserted without one. ``parent`` is
    (column, table, column): a row whose parent is gone (deleted on another
    computer) is not merged in.
    """

    name: str  # as written in segment files: never rename
    table: str
    key: tuple[str, ...]
    singular: str
    plural: str
    local_id: str | None = None
    parent: tuple[str, str, str] | None = None
    within: str | None = None

    def words(self, n: int) -> str:
        """``"1 session"``, ``"2 sessions"`` (core.text.count)."""
        return count(n, self.singular, self.plural)


# Order matters: parents before children (merged in this order, deleted in reverse).
RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("session", "session", ("id",), "session", "sessions"),
    RecordKind(
        "set", "session_set", ("session_id", "seq"), "set", "sets",
        parent=("session_id", "session", "id"), within="session",
    ),
    RecordKind("safety_check", "safety_check", ("uid",), "red-flag check", "red-flag checks", local_id="id"),
    RecordKind("level", "routine_level", ("routine_id",), "routine level", "routine levels"),
    RecordKind("suggestion", "recommendation", ("uid",), "suggestion", "suggestions", local_id="id"),
    RecordKind("heel_rise_test", "heel_rise_test", ("uid",), "heel-rise test", "heel-rise tests", local_id="id"),
    RecordKind("triage", "triage", ("uid",), "triage answer", "triage answers", local_id="id"),
    RecordKind("rm_load", "rm_load", ("uid",), "recorded weight", "recorded weights", local_id="id"),
)

# The runner's own routine files are synced too, by the sync engine itself
# (they live in files, not in the database); named here for messages.
ROUTINE_FILE = RecordKind("routine_file", "", ("name",), "routine", "routines")

HLC_FUNCTION = "ankle_sync_hlc"


def hlc_from(now: datetime, highest: int | None) -> int:
    """The next clock value after ``highest`` (see the module docstring):
    an integer, milliseconds since 1970 shifted left by 16 bits, or more."""
    wall = int(now.timestamp() * 1000) << 16
    return max(wall, (highest or 0) + 1)


def install_capture(conn: sqlite3.Connection, now: Callable[[], datetime] | None = None) -> None:
    """Add the change-capturing triggers to ``conn`` (a migrated database).

    They are TEMP triggers: they exist for this connection only and call a
    Python function for the clock, so ``now`` (aware datetimes; the wall
    clock by default) can be injected by tests. Writes through connections
    without them (e.g. the sqlite3 shell) are not synced.
    """
    set_capture_clock(conn, now)
    for kind in RECORD_KINDS:
        _create_triggers(conn, kind)


def set_capture_clock(conn: sqlite3.Connection, now: Callable[[], datetime] | None) -> None:
    """Use ``now`` for the clock of changes made through ``conn`` from now on."""
    if now is None:
        from datetime import UTC

        def now() -> datetime:
            return datetime.now(UTC)

    clock = now

    def stamp(highest: int | None) -> int:
        return hlc_from(clock(), highest)

    conn.create_function(HLC_FUNCTION, 1, stamp)


def parts_of(kind: RecordKind) -> tuple[RecordKind, ...]:
    """The kinds whose rows travel inside ``kind``'s records (a session's sets)."""
    return tuple(k for k in RECORD_KINDS if k.within == kind.name)


def _create_triggers(conn: sqlite3.Connection, kind: RecordKind) -> None:
    if kind.within is not None:
        _create_part_triggers(conn, kind)
        return
    table, name = kind.table, kind.name

    def stamp(row: str, deleted: int) -> str:
        sub = f"{row}.{kind.key[1]}" if len(kind.key) > 1 else "0"
        return _stamp_sql(name, f"{row}.{kind.key[0]}", sub, deleted)

    key_set = f"NEW.{kind.key[0]} IS NOT NULL"
    statements = [
        f"CREATE TEMP TRIGGER IF NOT EXISTS sync_{name}_insert AFTER INSERT ON main.{table}"
        f" WHEN {key_set} BEGIN {stamp('NEW', 0)} END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS sync_{name}_update AFTER UPDATE ON main.{table}"
        f" WHEN {key_set} BEGIN {stamp('NEW', 0)} END",
        f"CREATE TEMP TRIGGER IF NOT EXISTS sync_{name}_delete AFTER DELETE ON main.{table}"
        f" WHEN OLD.{kind.key[0]} IS NOT NULL BEGIN {stamp('OLD', 1)} END",
    ]
    if kind.local_id and kind.key == ("uid",):
        # A new row without a global id gets one; that UPDATE then stamps it.
        statements.append(
            f"CREATE TEMP TRIGGER IF NOT EXISTS sync_{name}_uid AFTER INSERT ON main.{table}"
            f" WHEN NEW.uid IS NULL BEGIN UPDATE {table} SET uid = lower(hex(randomblob(16)))"
            f" WHERE {kind.local_id} = NEW.{kind.local_id}; END"
        )
    for statement in statements:
        conn.execute(statement)


def _create_part_triggers(conn: sqlite3.Connection, kind: RecordKind) -> None:
    """A part's insert, edit or deletion stamps its owner as changed, while
    the owner is there: when the owner is deleted, its parts go with it
    (their triggers run first and find it gone) and the owner's own trigger
    marks the deletion."""
    owner = next(k for k in RECORD_KINDS if k.name == kind.within)
    statements = []
    for event, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
        ident = f"{row}.{kind.key[0]}"
        statements.append(
            f"CREATE TEMP TRIGGER IF NOT EXISTS sync_{kind.name}_{event} AFTER {event.upper()}"
            f" ON main.{kind.table} WHEN EXISTS (SELECT 1 FROM main.{owner.table}"
            f" WHERE {owner.key[0]} = {ident}) BEGIN {_stamp_sql(owner.name, ident, '0', 0)} END"
        )
    for statement in statements:
        conn.execute(statement)


def _stamp_sql(name: str, key: str, sub: str, deleted: int) -> str:
    return (
            f"UPDATE sync_state SET value = {HLC_FUNCTION}(CAST(value AS INTEGER)) WHERE name = 'hlc';"
            " INSERT INTO sync_version (kind, key, sub, hlc, device, deleted)"
            f" VALUES ('{name}', {key}, {sub},"
            " (SELECT CAST(value AS INTEGER) FROM main.sync_state WHERE name = 'hlc'),"
            " (SELECT value FROM main.sync_state WHERE name = 'device'),"
            f" {deleted}) ON CONFLICT (kind, key, sub) DO UPDATE SET hlc = excluded.hlc,"
            " device = excluded.device, deleted = excluded.deleted;"
    )


def next_hlc(conn: sqlite3.Connection, now: datetime) -> int:
    """Make (and remember) a new clock value at ``now``, for changes not made
    through SQL (routine files)."""
    row = conn.execute("SELECT CAST(value AS INTEGER) FROM sync_state WHERE name = 'hlc'").fetchone()
    stamp = hlc_from(now, int(row[0]))
    conn.execute("UPDATE sync_state SET value = ? WHERE name = 'hlc'", (str(stamp),))
    return stamp


def observe_hlc(conn: sqlite3.Connection, seen: int) -> None:
    """Raise the clock to at least ``seen`` (a stamp merged from elsewhere)."""
    conn.execute(
        "UPDATE sync_state SET value = CAST(max(CAST(value AS INTEGER), ?) AS TEXT) WHERE name = 'hlc'",
        (seen,),
    )


@contextmanager
def muted(conn: sqlite3.Connection) -> Iterator[None]:
    """Within a transaction: writes are merges of others' changes, not new ones.

    The capturing triggers are dropped meanwhile and put back as they were
    afterwards, so merging ten years of sets pays nothing per row for them.
    Temporary triggers are part of the transaction: if it is rolled back,
    the drop is undone too, so the connection never loses its capture.
    """
    saved = conn.execute(
        "SELECT name, sql FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'"
    ).fetchall()
    for name, _sql in saved:
        conn.execute(f'DROP TRIGGER temp."{name}"')
    try:
        yield
    finally:
        for _name, sql in saved:
            # Stored as "CREATE TRIGGER name ...": the TEMP is implied by the schema.
            conn.execute("CREATE TEMP TRIGGER IF NOT EXISTS" + sql[len("CREATE TRIGGER"):])
