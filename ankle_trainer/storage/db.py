"""Opening the history database: pragmas, step-by-step migrations, bad files.

- A database written by a newer version of the app is refused untouched
  (:class:`NewerDatabaseError`), so an older copy can never damage it.
- A file that is not a readable SQLite database is moved aside under a new
  name (never overwritten or deleted) and a fresh database is started; the
  caller gets a notice to show the user.
"""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple compiles every field given as a string, at each start-up.

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from .errors import StorageError

SCHEMA_VERSION = 9
# PRAGMA application_id of our history files ("AnkT"); set by _v5_data_trust.
APPLICATION_ID = 0x416E6B54
# The tables of our files at each version before the application id was set:
# such a file with exactly these tables is ours and is adopted.
_TABLES_BEFORE_ID = {
    1: frozenset({"session", "session_set"}),
    2: frozenset({"session", "session_set", "safety_check"}),
    3: frozenset({"session", "session_set", "safety_check"}),
    4: frozenset({"session", "session_set", "safety_check", "routine_level", "recommendation",
                  "heel_rise_test"}),
}


class DatabaseOpenError(StorageError):
    """The history cannot be opened; ``str()`` is a message for the user."""


class NewerDatabaseError(DatabaseOpenError):
    """The history was written by a newer version (``found`` > ``supported``);
    the file is left unchanged.
    """

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"Your history at {path} was saved by a newer version of Ankle Trainer "
            f"(database version {found}; this version reads up to {supported}). "
            "Please update Ankle Trainer to open it. The file has not been changed."
        )


class ForeignDatabaseError(DatabaseOpenError):
    """The file is another program's SQLite database; it is left untouched."""

    def __init__(self, path: Path, tables: frozenset[str]) -> None:
        self.path = path
        shown = ", ".join(sorted(tables)[:5]) or "none"
        super().__init__(
            f"The file {path} is not an Ankle Trainer history: it is a database of another"
            f" program (its tables: {shown}). It has been left untouched. Move it out of the"
            " data folder, or start Ankle Trainer with another folder (--data-dir)."
        )


class OpenedDatabase(NamedTuple):
    """An open connection, the schema version before migrating, and where an
    unreadable file was moved aside (None when nothing was).
    """

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


def _v5_data_trust(conn: sqlite3.Connection) -> None:
    """Our files say they are ours, and the sets export reads finished lines.

    - ``PRAGMA application_id`` is set to :data:`APPLICATION_ID`, so another
      program's SQLite file named as the history is recognised and left alone.
    - ``app_state`` keeps what must survive a restart (the reminder's day).
    - Each set's line of the CSV sets export is stored in ``export_line`` and
      kept current by triggers, so exporting ten years (122,000 sets) reads
      finished lines (see csv_io.set_query). About 100 bytes a set.
    """
    from .csv_io import fill_set_lines, set_line_triggers

    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    # Small facts the app must remember across restarts (the day the
    # training reminder was last shown).
    conn.execute("CREATE TABLE app_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("ALTER TABLE session_set ADD COLUMN export_line TEXT")
    for statement in set_line_triggers():
        conn.execute(statement)
    fill_set_lines(conn)


def _v6_triage(conn: sqlite3.Connection) -> None:
    """Triage answers (kept with their time, so the history shows each set and
    a change of answers adds a row), the runner's recorded repetition-maximum
    loads for heavy slow resistance, and whether a heel-rise test was done on
    the studied 10-degree incline (NULL: not asked, as in older tests)."""
    for statement in (
        """
        CREATE TABLE triage (
            id INTEGER PRIMARY KEY,
            answered_at TEXT NOT NULL,           -- UTC, ISO 8601
            local_date TEXT NOT NULL,
            area TEXT NOT NULL CHECK (area IN ('achilles_mid', 'achilles_insertion',
                'acute_sprain', 'chronic_instability', 'prevention', 'unsure')),
            onset TEXT CHECK (onset IN ('days', 'weeks', 'months')),
            after_injury INTEGER CHECK (after_injury IN (0, 1))
        )""",
        """
        CREATE TABLE rm_load (
            id INTEGER PRIMARY KEY,
            routine_id TEXT NOT NULL,
            exercise_id TEXT NOT NULL,
            rm INTEGER NOT NULL CHECK (rm BETWEEN 1 AND 30),
            load_kg REAL NOT NULL CHECK (load_kg >= 0 AND load_kg <= 500),
            recorded_at TEXT NOT NULL            -- UTC, ISO 8601
        )""",
        "CREATE INDEX rm_load_routine ON rm_load (routine_id, exercise_id, rm, id)",
        "ALTER TABLE heel_rise_test ADD COLUMN on_incline INTEGER CHECK (on_incline IN (0, 1))",
    ):
        conn.execute(statement)


def _v7_sync(conn: sqlite3.Connection) -> None:
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
    for table in ("safety_check", "recommendation", "heel_rise_test", "triage", "rm_load"):
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
        ("triage", "SELECT uid, 0 FROM triage"),
        ("rm_load", "SELECT uid, 0 FROM rm_load"),
    ):
        conn.execute(
            f"INSERT INTO sync_version (kind, key, sub, hlc, device) SELECT ?, *, 1, ? FROM ({select})",
            (kind, device),
        )


def _v8_local_offsets(conn: sqlite3.Connection) -> None:
    """The UTC offset (minutes east) the computer had when a suggestion was
    made, a heel-rise test taken or triage answered, as sessions already
    keep: each of these past events is then shown in its own local time,
    wherever the computer is now. Older rows keep NULL (their offset was not
    recorded) and are shown in the computer's zone."""
    for table in ("recommendation", "heel_rise_test", "triage"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN utc_offset_minutes INTEGER"
                     " CHECK (utc_offset_minutes BETWEEN -1439 AND 1439)")


def _v9_local_times_with_t(conn: sqlite3.Connection) -> None:
    """The sets export's ``completed_local`` is written "2026-06-01T23:30:00"
    (was "2026-06-01 23:30:00"), which LibreOffice reads as a date with its
    default import options: the stored export lines and the triggers that
    keep them (from :func:`_v5_data_trust`) are made again in that form."""
    from .csv_io import fill_set_lines, set_line_triggers

    for trigger in ("session_set_line_insert", "session_set_line_update",
                    "session_offset_line_update"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for statement in set_line_triggers():
        conn.execute(statement)
    fill_set_lines(conn)


# Index i upgrades a database from version i to i + 1. Append, never edit.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1, _v2, _v3, _v4, _v5_data_trust, _v6_triage, _v7_sync, _v8_local_offsets,
    _v9_local_times_with_t,
]
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


#: SQL for a set stopped part-way (skipped with reps or seconds done): the
#: rule of core.set_status.SetOutcome; ``{t}`` is the session_set table's alias.
PART_WAY = "({t}.status = 'skipped' AND ({t}.actual_reps > 0 OR {t}.actual_seconds > 0.5))"


def finished_sessions_where(
    first: str | None = None, last: str | None = None, routine_id: str | None = None
) -> tuple[str, list[str]]:
    """The WHERE clause (on ``session s``) and its arguments for finished
    sessions, optionally from local date ``first`` to ``last`` (YYYY-MM-DD,
    both included) and of one routine: the one definition the history
    screen, the charts and the exports share."""
    where, args = ["s.status != 'in_progress'"], []
    for test, value in (("s.local_date >= ?", first), ("s.local_date <= ?", last),
                        ("s.routine_id = ?", routine_id)):
        if value:
            where.append(test)
            args.append(value)
    return " AND ".join(where), args


def read_user_version(path: Path) -> int:
    """The schema version of an existing file, read without writing to it."""
    return read_identity(path)[1]


def read_identity(path: Path) -> tuple[int, int, frozenset[str]]:
    """(application_id, user_version, table names) of an existing file, read
    without writing to it (see :func:`_connect_readonly`). Raises
    sqlite3.DatabaseError if it is not SQLite or cannot be opened."""
    conn = _connect_readonly(path)
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = frozenset(
            str(r[0]) for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        )
        return app_id, version, tables
    finally:
        conn.close()


def check_ours(path: Path, app_id: int, version: int, tables: frozenset[str]) -> None:
    """Raise unless the file with this identity is one of ours (or empty).

    Ours: our application id; or, from before the id was set (versions 1 to
    4), no id and exactly the tables of that version. Another program's file
    raises :class:`ForeignDatabaseError`, one of a newer version of ours
    :class:`NewerDatabaseError`.
    """
    if app_id == APPLICATION_ID:
        if version > SCHEMA_VERSION:
            raise NewerDatabaseError(path, version, SCHEMA_VERSION)
        return
    if app_id == 0 and version == 0 and not tables:
        return  # an empty file: ours to fill
    if app_id == 0 and _TABLES_BEFORE_ID.get(version) == tables:
        return  # made by us before the id was set: adopted by the next migration
    raise ForeignDatabaseError(path, tables)


def open_database(
    path: Path, clock_now: Callable[[], datetime] | None = None, capture: bool = True
) -> OpenedDatabase:
    """Open (creating or migrating) the history database at ``path`` for
    reading and writing (the window, import, sync, demo-data). Without
    ``capture`` the change-capturing triggers are left to the caller, who
    adds them (``sync_records.install_capture``) before anything is written.

    Only a file that SQLite says is not a database, or whose first page is
    damaged (:func:`is_unreadable_file`), is moved aside and replaced by an
    empty history; any other failure to open (a read-only folder, a locked
    file) raises DatabaseOpenError and leaves the file as it is. Read-only
    commands use :func:`open_readonly` instead, which never moves anything.
    """
    now = clock_now or (lambda: datetime.now(UTC))
    notice = None
    moved = None
    if path.exists():
        try:
            identity = read_identity(path)
        except sqlite3.DatabaseError as exc:
            if not is_unreadable_file(exc):
                # e.g. "unable to open database file" (a read-only folder, a
                # locked or missing file): the history itself may be sound,
                # so it is never moved aside for this.
                raise _cannot_open(path, exc) from exc
            moved = _move_aside(path, now())
            notice = (
                f"Your history file could not be read: it is damaged or not a history. It has been"
                f" kept, unchanged, as {moved.name} in {moved.parent}, and a new, empty history was"
                f" started. Nothing was deleted. (Details for someone helping you: {exc}.)"
            )
        else:
            check_ours(path, *identity)
    try:
        conn = connect(path)
        _apply_pragmas(conn)
        migrate(conn)
        if capture:
            from .sync_records import install_capture

            install_capture(conn)
    except sqlite3.DatabaseError as exc:
        raise _cannot_open(path, exc) from exc
    if path.exists():
        path.chmod(0o600)
    return OpenedDatabase(conn, path, notice, moved)


def _cannot_open(path: Path, exc: sqlite3.Error) -> DatabaseOpenError:
    """The error for a history that could not be opened for writing: plain
    words first, SQLite's own words last for whoever helps."""
    return DatabaseOpenError(
        f"Your history at {path} could not be opened; it has been left as it is. If its folder or"
        " disk is read-only or full, 'ankle-trainer export' and 'ankle-trainer report' can still"
        f" read it. (Details for someone helping you: {exc}.)"
    )


def open_existing(path: Path, clock_now: Callable[[], datetime] | None = None) -> sqlite3.Connection:
    """Another connection to a history this app already has open (the
    window's sync worker): with the app's pragmas and the change-capturing
    triggers (stamped by ``clock_now``), but never creating, migrating or
    moving the file aside. Raises DatabaseOpenError when it is not there or
    not of this version."""
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=rw", uri=True,
                               isolation_level=None, timeout=5.0)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(f"Could not open your history at {path}: {exc}.") from exc
    try:
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"it is at version {version}, not {SCHEMA_VERSION}")
        from .sync_records import install_capture

        install_capture(conn, clock_now)
    except sqlite3.Error as exc:
        conn.close()
        raise DatabaseOpenError(f"Could not open your history at {path}: {exc}.") from exc
    return conn


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise sqlite3.DatabaseError(f"could not switch to WAL journal (got {mode})")
    # FULL: a commit is on disk before execute() returns, even in WAL mode.
    conn.execute("PRAGMA synchronous = FULL")


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to SCHEMA_VERSION one step at a time, each step in its
    own transaction; returns the version reached. Raises sqlite3.Error.
    """
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


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing history, for reading out (export,
    check, recover) when writing is not possible: a full disk, a read-only
    folder or medium. Never migrates or writes. Raises DatabaseOpenError (with
    a message for the user) when the file is missing, unreadable or not ours.
    """
    if not path.exists():
        raise DatabaseOpenError(f"There is no history at {path}.")
    try:
        check_ours(path, *read_identity(path))
        conn = _connect_readonly(path)
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(
            f"Your history at {path} could not be read; it has been left as it is."
            f" (Details for someone helping you: {exc}.)"
        ) from exc
    conn.row_factory = sqlite3.Row
    return conn


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that never writes: SQLite's ``mode=ro``; and when that
    cannot open the file, ``immutable=1``. A history in WAL mode needs its
    ``-shm`` file even to be read, and in a folder that cannot be written (a
    read-only bind mount, a CD, a folder without write permission) that file
    cannot be made, so ``mode=ro`` fails with "unable to open database file";
    ``immutable=1`` then reads the file as it is on disk, without the shared
    memory (safe there: nothing can write to it). Raises sqlite3.Error."""
    base = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(base + "?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if not _cannot_open_here(exc):
            raise  # damage, a lock: not something immutable=1 should read past
    return sqlite3.connect(base + "?mode=ro&immutable=1", uri=True)


# SQLite's primary result codes for a file that cannot be opened or written
# where it is (no permission, read-only, cannot open): a read-only folder.
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN = 3, 8, 14


def _cannot_open_here(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN)
    return "unable to open" in str(exc) or "readonly" in str(exc)


def integrity_problems(conn: sqlite3.Connection, limit: int = 10) -> list[str]:
    """What SQLite's ``PRAGMA quick_check`` finds wrong (at most ``limit``
    lines), or [] when the file is sound. Reads the whole file: about 0.1 s
    for ten years of history."""
    try:
        rows = conn.execute(f"PRAGMA quick_check({int(limit)})").fetchall()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    lines = [str(r[0]) for r in rows]
    return [] if lines == ["ok"] else lines


# The window's damage notices contain this; it puts a recovery button beside them.
RECOVER_HINT = "choose Recover history… (here or in the File menu)."


def damage_notice(path: Path, problems: list[str], in_app: bool = False) -> str:
    """The message for a history file found damaged (``problems`` from
    :func:`integrity_problems`, at least one). ``in_app``: for the window,
    which offers the recovery itself, instead of naming the command."""
    how = (
        " Ankle Trainer can copy everything that can still be read into a new file: " + RECOVER_HINT
        if in_app else
        " To save everything that can still be read into a new file, close Ankle Trainer and"
        " run: ankle-trainer recover NEW_FILE"
    )
    return (
        f"Your history file {path} is damaged: part of it can no longer be read. It has been kept"
        " as it is. Sessions on the damaged part may not show." + how
        + f" (Details for someone helping you: {problems[0][:120]})"
    )


def is_damage(error: str) -> bool:
    """Whether an SQLite error message means the file itself is damaged
    (rather than a full disk or a missing folder)."""
    text = error.lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


# SQLite's primary result codes for a file that is damaged or not a database.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


def is_unreadable_file(exc: sqlite3.Error) -> bool:
    """Whether ``exc`` means the file itself is not a readable SQLite
    database ("file is not a database", "database disk image is malformed"),
    as opposed to a folder or file that cannot be opened, a lock or a full
    disk. Only such a file may ever be moved aside."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    return is_damage(str(exc))
