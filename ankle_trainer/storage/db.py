"""Opening the history database: pragmas, step-by-step migrations, bad files.

- A database written by a newer version of the app is refused untouched
  (:class:`NewerDatabaseError`), so an older copy can never damage it.
- A file that is not a readable SQLite database is moved aside under a new
  name (never overwritten or deleted) and a fresh database is started; the
  caller gets a notice to show the user.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

SCHEMA_VERSION = 5


class DatabaseOpenError(Exception):
    """The history cannot be opened; ``str()`` is a message for the user."""


class NewerDatabaseError(DatabaseOpenError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"Your history at {path} was saved by a newer version of Ankle Trainer "
            f"(database version {found}; this version reads up to {supported}). "
            "Please update Ankle Trainer to open it. The file has not been changed."
        )


class OpenedDatabase(NamedTuple):
    connection: sqlite3.Connection
    path: Path
    notice: str | None = None  # something the user should be told once
    moved_aside: Path | None = None


def _v1(conn: sqlite3.Connection) -> None:
    # One execute() per statement: executescript() would COMMIT first and
    # break the migration's transaction.
    for statement in _V1_SQL:
        conn.execute(statement)


_V1_SQL = (
    """
        CREATE TABLE session (
            id TEXT PRIMARY KEY,
            routine_id TEXT NOT NULL,
            routine_name TEXT NOT NULL,
            started_at TEXT NOT NULL,            -- UTC, ISO 8601
            ended_at TEXT,                       -- UTC, ISO 8601; NULL while running
            utc_offset_minutes INTEGER NOT NULL, -- local offset when it started
            local_date TEXT NOT NULL,            -- YYYY-MM-DD in local time
            status TEXT NOT NULL CHECK (status IN
                ('in_progress', 'completed', 'stopped', 'interrupted')),
            sets_planned INTEGER NOT NULL CHECK (sets_planned >= 0),
            pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),
            pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),
            notes TEXT NOT NULL DEFAULT ''
        )""",
    "CREATE INDEX session_local_date ON session (local_date)",
    "CREATE INDEX session_status ON session (status)",
    """
        CREATE TABLE session_set (
            session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,                -- position in the session's plan
            exercise_id TEXT NOT NULL,
            exercise_name TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('both', 'left', 'right')),
            set_number INTEGER NOT NULL,
            target_reps INTEGER,
            actual_reps INTEGER,
            target_seconds REAL,
            actual_seconds REAL,
            status TEXT NOT NULL CHECK (status IN ('completed', 'skipped')),
            completed_at TEXT NOT NULL,          -- UTC, ISO 8601
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID""",
)


def _v2(conn: sqlite3.Connection) -> None:
    """Pain during each set, the next-morning check, and red-flag checks."""
    for statement in (
        "ALTER TABLE session_set ADD COLUMN pain_during INTEGER"
        " CHECK (pain_during BETWEEN 0 AND 10)",
        "ALTER TABLE session ADD COLUMN pain_next_morning INTEGER"
        " CHECK (pain_next_morning BETWEEN 0 AND 10)",
        "ALTER TABLE session ADD COLUMN stiffness_next_morning INTEGER"
        " CHECK (stiffness_next_morning BETWEEN 0 AND 10)",
        "ALTER TABLE session ADD COLUMN next_morning_at TEXT",
        """
        CREATE TABLE safety_check (
            id INTEGER PRIMARY KEY,
            checked_at TEXT NOT NULL,            -- UTC, ISO 8601
            local_date TEXT NOT NULL,
            answers TEXT NOT NULL,               -- JSON: question id -> true/false
            outcome TEXT NOT NULL CHECK (outcome IN
                ('clear', 'see_soon', 'urgent', 'emergency'))
        )""",
        "CREATE INDEX safety_check_date ON safety_check (local_date)",
    ):
        conn.execute(statement)


def _v3(conn: sqlite3.Connection) -> None:
    """Sessions in time order without a sort: the history screen, recent
    sessions and the CSV export read them that way."""
    conn.execute("CREATE INDEX session_started_at ON session (started_at)")


def _v4(conn: sqlite3.Connection) -> None:
    """Routine levels, progression suggestions and the heel-rise test."""
    for statement in (
        "ALTER TABLE session ADD COLUMN level INTEGER NOT NULL DEFAULT 0",
        """
        CREATE TABLE routine_level (
            routine_id TEXT PRIMARY KEY,
            level INTEGER NOT NULL CHECK (level >= 0),
            changed_at TEXT NOT NULL             -- UTC, ISO 8601
        )""",
        """
        CREATE TABLE recommendation (
            id INTEGER PRIMARY KEY,
            routine_id TEXT NOT NULL,
            routine_name TEXT NOT NULL,
            made_at TEXT NOT NULL,               -- UTC, ISO 8601
            local_date TEXT NOT NULL,
            advice TEXT NOT NULL CHECK (advice IN
                ('progress', 'hold', 'back_off', 'see_professional')),
            reason TEXT NOT NULL,
            from_level INTEGER NOT NULL,
            to_level INTEGER NOT NULL,
            decision TEXT CHECK (decision IN ('accepted', 'declined')),
            decided_at TEXT
        )""",
        "CREATE INDEX recommendation_routine ON recommendation (routine_id, id)",
        """
        CREATE TABLE heel_rise_test (
            id INTEGER PRIMARY KEY,
            tested_at TEXT NOT NULL,             -- UTC, ISO 8601
            local_date TEXT NOT NULL,
            left_reps INTEGER NOT NULL CHECK (left_reps BETWEEN 0 AND 300),
            right_reps INTEGER NOT NULL CHECK (right_reps BETWEEN 0 AND 300),
            beat_seconds REAL NOT NULL,
            age INTEGER CHECK (age BETWEEN 10 AND 110),
            sex TEXT CHECK (sex IN ('female', 'male'))
        )""",
    ):
        conn.execute(statement)


def _v5_sync(conn: sqlite3.Connection) -> None:
    """Folder sync (storage/sync.py): stable ids for every row, this computer's
    id, and the bookkeeping of what was sent and merged.

    Rows that only had a per-computer integer id get a random ``uid`` (hex,
    like session ids). Sets have no version of their own: they travel inside
    their session's record (see sync_records.RecordKind.within).
    Every existing row gets a version at clock value 1, the oldest possible,
    so any later edit on any computer wins over it and the first sync sends it.
    """
    import uuid

    statements = [
        """
        CREATE TABLE sync_version (
            kind TEXT NOT NULL,                  -- record kind, as named in segments
            key TEXT NOT NULL,                   -- the row's global id
            sub INTEGER NOT NULL DEFAULT 0,      -- second part of the id (a set's position)
            hlc INTEGER NOT NULL,                -- hybrid logical clock of the last change
            device TEXT NOT NULL,                -- the computer that made it
            deleted INTEGER NOT NULL DEFAULT 0,  -- 1: a deletion marker
            PRIMARY KEY (kind, key, sub)
        ) WITHOUT ROWID""",
        "CREATE INDEX sync_version_device ON sync_version (device, hlc)",
        "CREATE TABLE sync_state (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        """
        CREATE TABLE sync_applied (
            device TEXT NOT NULL,
            number INTEGER NOT NULL,             -- segment number in that device's folder
            applied_at TEXT NOT NULL,            -- UTC, ISO 8601
            PRIMARY KEY (device, number)
        ) WITHOUT ROWID""",
        "CREATE TABLE sync_ignored (name TEXT PRIMARY KEY) WITHOUT ROWID",
        "CREATE TABLE sync_file (key TEXT PRIMARY KEY, sha256 TEXT NOT NULL) WITHOUT ROWID",
    ]
    for table in ("safety_check", "recommendation", "heel_rise_test"):
        statements += [
            f"ALTER TABLE {table} ADD COLUMN uid TEXT",
            f"UPDATE {table} SET uid = lower(hex(randomblob(16)))",
            f"CREATE UNIQUE INDEX {table}_uid ON {table} (uid)",
        ]
    for statement in statements:
        conn.execute(statement)
    device = uuid.uuid4().hex
    conn.execute("INSERT INTO sync_state (name, value) VALUES ('device', ?)", (device,))
    # The clock: the highest stamp made here or merged from elsewhere.
    conn.execute("INSERT INTO sync_state (name, value) VALUES ('hlc', '1')")
    for kind, select in (
        ("session", "SELECT id, 0 FROM session"),
        ("safety_check", "SELECT uid, 0 FROM safety_check"),
        ("level", "SELECT routine_id, 0 FROM routine_level"),
        ("suggestion", "SELECT uid, 0 FROM recommendation"),
        ("heel_rise_test", "SELECT uid, 0 FROM heel_rise_test"),
    ):
        conn.execute(
            f"INSERT INTO sync_version (kind, key, sub, hlc, device) SELECT ?, *, 1, ? FROM ({select})",
            (kind, device),
        )


# Index i upgrades a database from version i to i + 1. Append, never edit.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_v1, _v2, _v3, _v4, _v5_sync]
assert len(MIGRATIONS) == SCHEMA_VERSION


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the app's pragmas, in autocommit mode (see transaction())."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def read_user_version(path: Path) -> int:
    """The schema version of an existing file, read without writing to it."""
    uri = path.resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return version
    finally:
        conn.close()


def open_database(path: Path, clock_now: Callable[[], datetime] | None = None) -> OpenedDatabase:
    """Open (creating or migrating) the history database at ``path``."""
    now = clock_now or (lambda: datetime.now(UTC))
    notice = None
    moved = None
    if path.exists():
        try:
            version = read_user_version(path)
        except sqlite3.DatabaseError as exc:
            moved = _move_aside(path, now())
            notice = (
                f"Your history file could not be read ({exc}). It has been kept, "
                f"unchanged, as {moved.name} in {moved.parent}, and a new, empty "
                "history was started. Nothing was deleted."
            )
        else:
            if version > SCHEMA_VERSION:
                raise NewerDatabaseError(path, version, SCHEMA_VERSION)
    try:
        conn = connect(path)
        _apply_pragmas(conn)
        migrate(conn)
        from .sync_records import install_capture

        install_capture(conn)
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(f"Could not open your history at {path}: {exc}") from exc
    if path.exists():
        path.chmod(0o600)
    return OpenedDatabase(conn, path, notice, moved)


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.DatabaseError(f"could not switch to WAL journal (got {mode})")
    # FULL: a commit is on disk before execute() returns, even in WAL mode.
    conn.execute("PRAGMA synchronous = FULL")


def migrate(conn: sqlite3.Connection) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    while version < SCHEMA_VERSION:
        with transaction(conn):
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
    return version


def _move_aside(path: Path, when: datetime) -> Path:
    stamp = when.strftime("%Y%m%dT%H%M%S")
    n = 0
    while True:
        suffix = f".unreadable-{stamp}" + (f"-{n}" if n else "")
        target = path.with_name(path.name + suffix)
        if not target.exists():
            break
        n += 1
    os.rename(path, target)
    for extra in ("-wal", "-shm"):
        side = path.with_name(path.name + extra)
        if side.exists():
            os.rename(side, target.with_name(target.name + extra))
    return target
