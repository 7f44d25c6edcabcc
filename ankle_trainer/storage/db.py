"""Opening the history database: pragmas, step-by-step migrations (the steps
are in :mod:`.migrations`), bad files.

- A database written by a newer version of the app is refused untouched
  (:class:`NewerDatabaseError`), so an older copy can never damage it.
- A file that is not a readable SQLite database is moved aside under a new
  name (never overwritten or deleted) and a fresh database is started; the
  caller gets a notice to show the user.
"""

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .errors import StorageError

SCHEMA_VERSION = 9
# PRAGMA application_id of our history files ("AnkT"); set by migrations._v5_data_trust.
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


class OpenedDatabase:
    """An open connection, the file's path, a notice the user should be told
    once (or None), and where an unreadable file was moved aside (None when
    nothing was). A plain class read by name: a ``NamedTuple`` type costs
    about half a million instructions to define, at every start-up.
    """

    __slots__ = ("connection", "path", "notice", "moved_aside")

    def __init__(
        self, connection: sqlite3.Connection, path: Path, notice: str | None = None,
        moved_aside: Path | None = None,
    ) -> None:
        self.connection, self.path, self.notice, self.moved_aside = connection, path, notice, moved_aside


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
    if version < SCHEMA_VERSION:
        from .migrations import MIGRATIONS  # read only when a history is made or upgraded

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
