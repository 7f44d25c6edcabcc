"""The history database's migrations: step i brings a database from schema
version i to i + 1 (:func:`.db.migrate` runs them, each in its own
transaction). Imported only when a history is made or upgraded: a start
with a current history reads none of this code.
"""

# Annotations are evaluated (no ``from __future__ import annotations``), as in db.py.

import sqlite3
from collections.abc import Callable

from .db import APPLICATION_ID, SCHEMA_VERSION


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
