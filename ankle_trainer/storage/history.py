"""The history repository: the small API the views and the engine glue use.

Every set is committed the moment it completes, so a crash loses at most the
set in progress. Sessions left ``in_progress`` by a crash are marked
``interrupted`` on the next start.
"""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple compiles every field given as a string, at each start-up.

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..core.status import SessionStatus

if TYPE_CHECKING:
    from ..core.engine import SetResult
    from ..core.progression import SessionPain
    from ..core.safety import Block
    from ..core.triage import TriageAnswers, TriageRecord
    from .rows import HeelRiseRow, RecommendationRow, SetRow
from .db import (
    PART_WAY,
    DatabaseOpenError,
    OpenedDatabase,
    finished_sessions_where,
    open_database,
    transaction,
)
from .errors import translate_methods


def utc_iso(moment: datetime) -> str:
    """An aware datetime as UTC ISO 8601 text with milliseconds (how history stores
    times); ValueError for a naive datetime.
    """
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


class SessionRow(NamedTuple):
    """One session as stored: ids and routine name, start and end (aware),
    UTC offset in minutes and local date, status, set counts, pain 0-10 before,
    after and next morning (None when not rated), stiffness, notes and level.
    ``sets_skipped`` counts every set not done in full; ``sets_partly_done``
    those of them stopped part-way (see core.set_status.SetOutcome).
    A resumed session's ``ended_at`` is its start plus the time spent in it
    (the time the app was closed left out), so its duration is time trained.
    """

    id: str
    routine_id: str
    routine_name: str
    started_at: datetime
    ended_at: datetime | None
    utc_offset_minutes: int
    local_date: str
    status: SessionStatus
    sets_planned: int
    sets_completed: int
    sets_skipped: int
    pain_before: int | None
    pain_after: int | None
    notes: str
    pain_next_morning: int | None = None
    stiffness_next_morning: int | None = None
    sets_partly_done: int = 0

    @property
    def local_started_at(self) -> datetime:
        """The start as wall time where the session happened (its own offset)."""
        from ..core.times import session_local

        return session_local(self.started_at, self.utc_offset_minutes)

    @property
    def duration_seconds(self) -> float | None:
        """Seconds from start to end, or None while there is no end, or when it
        is not known: a session a crash interrupted before any set was recorded
        (its end is its start; "0:00" was not the time spent in it)."""
        if self.ended_at is None:
            return None
        if self.status is SessionStatus.INTERRUPTED and self.ended_at == self.started_at:
            return None
        return (self.ended_at - self.started_at).total_seconds()


def _offset_minutes(moment: datetime) -> int:
    """The UTC offset of an aware datetime in whole minutes east."""
    offset = moment.utcoffset()
    return 0 if offset is None else int(offset.total_seconds() // 60)


#: SQL: the session ``s`` has at least one set done, in full or in part (a set
#: stopped early with Right keeps its reps or seconds, and its pain rating: the
#: seventh re-test's 2 reps rated 6/10 vanished from the report). A session with
#: nothing done in any set (every set skipped at once, or stopped before the
#: first set began) is kept in the history as a record but is not a session
#: anywhere else: not in the week's count, the calendar, the pain charts, the
#: report or the progression advice.
#: A session marked completed counts though none of its sets is here (imported
#: from a sessions file without its sets file): the app marks a session
#: completed only with a set done in full, so its weeks, calendar and pain count
#: as its completed status does (twenty-eighth re-test: it counted for the
#: weekly target but not as a session of its week).
COUNTS = ("(s.status = 'completed' OR EXISTS (SELECT 1 FROM session_set d WHERE d.session_id = s.id"
          f" AND (d.status = 'completed' OR {PART_WAY.format(t='d')})))")


@translate_methods
class HistoryRepository:
    """Sessions, sets, pain ratings, safety checks, levels, suggestions and
    heel-rise tests in one SQLite file.

    Every public method raises StorageError (never sqlite3.Error) when the file
    cannot be read or written; each write is committed before it returns.
    """

    def __init__(self, conn: sqlite3.Connection, capture_later: bool = False) -> None:
        self._conn = conn
        # The change-capturing triggers wait for the window's first paint (see
        # open_history(defer=True)); they are added at the latest when the
        # connection is first used for anything but the first paint's reads.
        self._capture_later = capture_later

    @property
    def conn(self) -> sqlite3.Connection:
        """The connection, with the change-capturing triggers in place: added
        first when they were left for later, so nothing is written without them."""
        if self._capture_later:
            self.finish_opening()
        return self._conn

    def finish_opening(self) -> None:
        """Add the change-capturing triggers if they were left for later
        (open_history(defer=True)); a failure is tried again at the next use."""
        if self._capture_later:
            from .sync_records import install_capture

            install_capture(self._conn)
            self._capture_later = False

    @classmethod
    def open(cls, path: Path) -> tuple["HistoryRepository", OpenedDatabase]:
        """Open (creating or migrating) the history at ``path``; returns the repository
        and what opening found. Raises DatabaseOpenError with a message for the user.
        """
        opened = open_database(path)
        return cls(opened.connection), opened

    def close(self) -> None:
        """Close the connection; the repository is not used afterwards (steps of
        opening still waiting are not taken: the next start takes them)."""
        self._conn.close()

    def file_path(self) -> Path | None:
        """The history file, or None for a history held in memory (tests): a
        second connection (the window's sync worker) opens this path."""
        row = self.conn.execute("SELECT file FROM pragma_database_list WHERE name = 'main'").fetchone()
        return Path(row[0]) if row and row[0] else None

    def is_sound(self) -> bool:
        """True when ``PRAGMA quick_check`` finds nothing wrong in the file
        (reads the whole file: about 0.1 s for ten years of history)."""
        from .db import integrity_problems

        return not integrity_problems(self.conn)

    def damage_notice(self, error: str) -> str | None:
        """The message for the runner when ``error`` (an SQLite error's text)
        means the file itself is damaged, naming what ``PRAGMA quick_check``
        finds; None when the error is of another kind (a full disk, say)."""
        from .db import damage_notice, integrity_problems, is_damage

        if not is_damage(error):
            return None
        problems = integrity_problems(self.conn) or [error]
        return damage_notice(self.file_path() or Path(":memory:"), problems, in_app=True)

    # -- writing -----------------------------------------------------------
    def start_session(
        self,
        routine_id: str,
        routine_name: str,
        started_at: datetime,
        sets_planned: int,
        pain_before: int | None,
        session_id: str | None = None,
        level: int = 0,
    ) -> str:
        """Write a new in-progress session and return its id (a new one unless
        ``session_id`` is given). ``pain_before`` is 0-10 or None; ValueError otherwise.
        """
        _check_pain(pain_before)
        if session_id is None:
            import uuid  # imported here: it is slow to import and not needed to start

            session_id = uuid.uuid4().hex
        sid = session_id
        offset = started_at.utcoffset()
        offset_minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO session (id, routine_id, routine_name, started_at,"
                " utc_offset_minutes, local_date, status, sets_planned, pain_before, level)"
                " VALUES (?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?)",
                (
                    sid,
                    routine_id,
                    routine_name,
                    utc_iso(started_at),
                    offset_minutes,
                    started_at.date().isoformat(),
                    sets_planned,
                    pain_before,
                    level,
                ),
            )
        return sid

    def record_set(self, session_id: str, result: "SetResult") -> None:
        """Write (or rewrite) one set of a session; committed at once."""
        seg = result.segment
        with transaction(self.conn):
            # Going Back and doing a set again replaces its count and time, but
            # keeps the pain rating the earlier attempt was given (never dropped
            # silently); rating the new attempt keeps the higher of the two (the
            # session screen sends that, see SessionScreen.rate_pain).
            self.conn.execute(
                "INSERT INTO session_set (session_id, seq, exercise_id, exercise_name,"
                " side, set_number, target_reps, actual_reps, target_seconds,"
                " actual_seconds, status, completed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (session_id, seq) DO UPDATE SET"
                " actual_reps = excluded.actual_reps,"
                " actual_seconds = excluded.actual_seconds,"
                " status = excluded.status, completed_at = excluded.completed_at",
                (
                    session_id,
                    result.seq,
                    seg.exercise.id,
                    seg.exercise.name,
                    str(seg.side),
                    seg.set_number,
                    seg.target_reps,
                    result.actual_reps,
                    seg.target_seconds,
                    result.actual_seconds,
                    str(result.status),
                    utc_iso(result.completed_at),
                ),
            )

    def finish_session(self, session_id: str, status: SessionStatus, ended_at: datetime) -> None:
        """Set a session's final status and end time (aware datetime)."""
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE session SET status = ?, ended_at = ? WHERE id = ?",
                (str(status), utc_iso(ended_at), session_id),
            )

    def set_pain_after(self, session_id: str, pain: int | None) -> None:
        """Store pain after the session, 0-10 or None; ValueError for other values."""
        _check_pain(pain)
        with transaction(self.conn):
            self.conn.execute("UPDATE session SET pain_after = ? WHERE id = ?", (pain, session_id))

    def set_pain_during(self, session_id: str, seq: int, pain: int) -> None:
        """Store pain during set ``seq`` of a session, 0-10; ValueError for other values."""
        _check_pain(pain)
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE session_set SET pain_during = ? WHERE session_id = ? AND seq = ?",
                (pain, session_id, seq),
            )

    def set_actual(
        self, session_id: str, seq: int, reps: int | None, seconds: float | None
    ) -> None:
        """The runner's own count for a set, replacing the timed one."""
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE session_set SET actual_reps = ?, actual_seconds = ?"
                " WHERE session_id = ? AND seq = ?",
                (reps, seconds, session_id, seq),
            )

    def set_next_morning(
        self, session_id: str, pain: int, stiffness: int, at: datetime
    ) -> None:
        """Store next-morning pain and stiffness (0-10 each) and when they were given."""
        _check_pain(pain)
        _check_pain(stiffness)
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE session SET pain_next_morning = ?, stiffness_next_morning = ?,"
                " next_morning_at = ? WHERE id = ?",
                (pain, stiffness, utc_iso(at), session_id),
            )

    def needs_next_morning_check(self, today: str) -> SessionRow | None:
        """The latest session before ``today`` if it has no next-morning answer
        (neither through the question nor a pain typed in History) and nothing
        was trained since."""
        row = self.conn.execute(
            self._SESSION_SELECT + f" WHERE s.status != 'in_progress' AND {COUNTS}"
            " ORDER BY s.started_at DESC LIMIT 1"
        ).fetchone()
        if row is None or row["local_date"] >= today or row["next_morning_at"] is not None:
            return None
        if row["pain_next_morning"] is not None:  # answered another way (History, an import)
            return None
        return _session_row(row)

    def skip_next_morning(self, session_id: str, at: datetime) -> None:
        """Asked, and the runner chose not to answer: do not ask again."""
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE session SET next_morning_at = ? WHERE id = ?", (utc_iso(at), session_id)
            )

    def reminder_shown_on(self) -> date | None:
        """The local date the training reminder was last shown, if ever."""
        row = self.conn.execute("SELECT value FROM app_state WHERE key = 'reminder_shown'").fetchone()
        return date.fromisoformat(row[0]) if row else None

    def set_reminder_shown_on(self, day: date) -> None:
        """Remember (across restarts) that the reminder was shown on ``day``."""
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO app_state (key, value) VALUES ('reminder_shown', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (day.isoformat(),),
            )

    def record_safety_check(
        self, at: datetime, answers: dict[str, bool], outcome: str
    ) -> None:
        """Store a red-flag check: when, the answers by question id, and its outcome key."""
        import json

        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO safety_check (checked_at, local_date, answers, outcome)"
                " VALUES (?, ?, ?, ?)",
                (utc_iso(at), at.date().isoformat(), json.dumps(answers, sort_keys=True), outcome),
            )

    def safety_blocks_on(self, local_date: str) -> frozenset["Block"]:
        """What the latest red-flag check on that local date rules out (for
        example the heel-rise test after a possible Achilles rupture); empty
        when there was no check or nothing to block."""
        from ..core.safety import decide

        answers = self.safety_answers_on(local_date)
        return frozenset() if answers is None else decide(answers).blocked

    def safety_answers_on(self, local_date: str) -> dict[str, bool] | None:
        """The answers (question id -> ticked) of the latest red-flag check on
        that local date (YYYY-MM-DD), or None when there was none; answers to
        questions this version no longer asks are left out, and a check whose
        answers cannot be read counts as all clear."""
        import json

        from ..core.safety import FLAGS

        row = self.conn.execute(
            "SELECT answers FROM safety_check WHERE local_date = ? ORDER BY id DESC LIMIT 1",
            (local_date,),
        ).fetchone()
        if row is None:
            return None
        try:
            answers = json.loads(row[0])
        except ValueError:
            return {}
        if not isinstance(answers, dict):
            return {}
        return {k: bool(v) for k, v in answers.items() if k in FLAGS}  # ids of older versions

    def safety_outcome_on(self, local_date: str) -> str | None:
        """The latest red-flag check's outcome on that local date, if any."""
        row = self.conn.execute(
            "SELECT outcome FROM safety_check WHERE local_date = ? ORDER BY id DESC LIMIT 1",
            (local_date,),
        ).fetchone()
        return None if row is None else str(row[0])

    def reopen_session(self, session_id: str) -> None:
        """Resume an interrupted session: it is running again."""
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE session SET status = 'in_progress', ended_at = NULL WHERE id = ?",
                (session_id,),
            )

    def close_as_stopped(self, session_id: str) -> None:
        """Close an interrupted session as stopped (the runner chose not to resume it)."""
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE session SET status = 'stopped' WHERE id = ? AND status = 'interrupted'",
                (session_id,),
            )

    def resumable_session(self) -> SessionRow | None:
        """The latest session, if it was interrupted with sets still to do."""
        row = self.conn.execute(self._SESSION_SELECT + " ORDER BY s.started_at DESC LIMIT 1").fetchone()
        if row is None or row["status"] != "interrupted":
            return None
        session = _session_row(row)
        done = session.sets_completed + session.sets_skipped
        return session if done < session.sets_planned else None

    def mark_interrupted(self, at: datetime | None = None) -> list[str]:
        """Close sessions left running as interrupted; returns their ids.

        ``at`` (aware) is when the app quit mid-session: the time spent is
        known. After a crash (no ``at``) the end is the last set recorded, or
        the start when none was (its time then reads as unknown: see
        :attr:`SessionRow.duration_seconds`).
        """
        end = utc_iso(at) if at is not None else None
        with transaction(self.conn):
            ids = [
                r[0]
                for r in self.conn.execute("SELECT id FROM session WHERE status = 'in_progress'")
            ]
            self.conn.execute(
                "UPDATE session SET status = 'interrupted', ended_at = COALESCE(?,"
                " (SELECT max(completed_at) FROM session_set WHERE session_id = session.id),"
                " started_at) WHERE status = 'in_progress'", (end,),
            )
        return ids

    # -- reading -----------------------------------------------------------
    _SESSION_SELECT = (
        "SELECT s.*,"
        " (SELECT count(*) FROM session_set t WHERE t.session_id = s.id"
        "  AND t.status = 'completed') AS sets_completed,"
        " (SELECT count(*) FROM session_set t WHERE t.session_id = s.id"
        "  AND t.status = 'skipped') AS sets_skipped,"
        " (SELECT count(*) FROM session_set t WHERE t.session_id = s.id"
        f"  AND {PART_WAY.format(t='t')}) AS sets_partly_done"
        " FROM session s"
    )

    def recent_sessions(self, limit: int = 5) -> list[SessionRow]:
        """The latest ``limit`` sessions, newest first."""
        rows = self._conn.execute(  # a read for the first paint: may come before finish_opening()
            self._SESSION_SELECT + " ORDER BY s.started_at DESC LIMIT ?", (limit,)
        ).fetchall()
        return [_session_row(r) for r in rows]

    def get_session(self, session_id: str) -> SessionRow | None:
        """The session with ``session_id``, or None."""
        row = self.conn.execute(self._SESSION_SELECT + " WHERE s.id = ?", (session_id,)).fetchone()
        return _session_row(row) if row else None

    def sets_for(self, session_id: str) -> "list[SetRow]":
        """Every set of a session, in plan order (by seq)."""
        from .rows import SetRow

        rows = self.conn.execute(
            "SELECT * FROM session_set WHERE session_id = ? ORDER BY seq", (session_id,)
        ).fetchall()
        return [
            SetRow(
                session_id=r["session_id"],
                seq=r["seq"],
                exercise_id=r["exercise_id"],
                exercise_name=r["exercise_name"],
                side=r["side"],
                set_number=r["set_number"],
                target_reps=r["target_reps"],
                actual_reps=r["actual_reps"],
                target_seconds=r["target_seconds"],
                actual_seconds=r["actual_seconds"],
                status=r["status"],
                completed_at=datetime.fromisoformat(r["completed_at"]),
                pain_during=r["pain_during"],
            )
            for r in rows
        ]

    def data_version(self) -> int:
        """SQLite's count of changes other connections have committed to this
        history (``PRAGMA data_version``): a screen that keeps what it read
        compares it to notice an import or a sync run outside the window."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def trained_on(self, local_date: str) -> bool:
        """Whether any session was started on this local date (YYYY-MM-DD)."""
        row = self.conn.execute(
            "SELECT 1 FROM session WHERE local_date = ? LIMIT 1", (local_date,)
        ).fetchone()
        return row is not None

    def completed_between(self, first: str, last: str, routine_id: str | None = None) -> int:
        """Completed sessions with a local date from ``first`` to ``last``
        (inclusive), of one routine if ``routine_id`` is given."""
        where, args = "", [first, last]
        if routine_id is not None:
            where, args = " AND routine_id = ?", [*args, routine_id]
        row = self._conn.execute(  # a read for the first paint: may come before finish_opening()
            "SELECT count(*) FROM session WHERE status = 'completed'"
            " AND local_date BETWEEN ? AND ?" + where,
            args,
        ).fetchone()
        return int(row[0])

    # -- the history screen and charts ----------------------------------------
    def sessions(
        self, first: str | None = None, last: str | None = None, routine_id: str | None = None
    ) -> list[SessionRow]:
        """Sessions, oldest first, optionally within local dates and for one routine."""
        where, args = finished_sessions_where(first, last, routine_id)
        rows = self.conn.execute(
            "SELECT s.*, coalesce(c.done, 0) AS sets_completed, coalesce(c.skipped, 0) AS sets_skipped,"
            " coalesce(c.part, 0) AS sets_partly_done"
            " FROM session s LEFT JOIN (SELECT session_id,"
            "  sum(status = 'completed') AS done, sum(status = 'skipped') AS skipped,"
            f"  sum({PART_WAY.format(t='session_set')}) AS part"
            "  FROM session_set GROUP BY session_id) c ON c.session_id = s.id"
            f" WHERE {where} ORDER BY s.started_at",
            args,
        ).fetchall()
        return [_session_row(r) for r in rows]

    def routines_in_history(self) -> list[tuple[str, str]]:
        """(routine_id, latest name) for every routine with a session."""
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                "SELECT routine_id, routine_name FROM session GROUP BY routine_id"
                " HAVING started_at = max(started_at) ORDER BY routine_name"
            )
        ]

    def day_levels(self) -> dict[str, int]:
        """Per local date: 2 if a session was completed, 1 if only partial ones."""
        return {
            r[0]: int(r[1])
            for r in self.conn.execute(
                "SELECT local_date, max(CASE status WHEN 'completed' THEN 2 ELSE 1 END)"
                f" FROM session s WHERE status != 'in_progress' AND {COUNTS} GROUP BY local_date"
            )
        }

    def completed_days(self, routine_id: str | None = None) -> list[str]:
        """The local date of every completed session (one entry per session),
        of one routine if given."""
        return self._days("status = 'completed'", routine_id)

    def session_days(self, routine_id: str | None = None) -> list[str]:
        """The local date of every session that counts, completed or cut short
        (one entry per session), of one routine if given: a week without any
        is a missed week, as in the physio report."""
        return self._days(f"status != 'in_progress' AND {COUNTS}", routine_id)

    def _days(self, where: str, routine_id: str | None) -> list[str]:
        """The local dates of the sessions ``where`` holds (SQL over ``session s``),
        oldest first, of one routine if given."""
        args: list[str] = []
        if routine_id is not None:
            where += " AND routine_id = ?"
            args.append(routine_id)
        return [r[0] for r in self.conn.execute(
            f"SELECT local_date FROM session s WHERE {where} ORDER BY local_date", args)]

    def pain_series(self) -> list[tuple[str, int | None, int | None, int | None, int]]:
        """(started_at UTC ISO, pain before, after, next morning, the session's
        UTC offset in minutes) oldest first."""
        return [
            (r[0], r[1], r[2], r[3], r[4])
            for r in self.conn.execute(
                "SELECT started_at, pain_before, pain_after, pain_next_morning, utc_offset_minutes"
                " FROM session s"
                f" WHERE status != 'in_progress' AND {COUNTS} ORDER BY started_at"
            )
        ]

    def weekly_volume(self, first_day: str) -> list[tuple[str, str, int, float]]:
        """(week's first day, exercise name, reps, hold seconds) per exercise per week,
        summed in SQL. A week ends on the day before ``first_day``."""
        from ..core.weeks import FIRST_DAY

        # SQLite numbers days from Sunday (0) where Python starts at Monday (0),
        # so the week's last day, a day before the first, has the same number
        last_day = FIRST_DAY[first_day]
        # The week of each session is worked out once per session, not per set.
        return [
            (r[0], r[1], int(r[2] or 0), float(r[3] or 0))
            for r in self.conn.execute(
                "WITH w AS MATERIALIZED (SELECT id,"
                f" date(local_date, 'weekday {last_day}', '-6 days') AS week FROM session"
                "  WHERE status != 'in_progress')"
                " SELECT w.week, t.exercise_name, sum(t.actual_reps), sum(t.actual_seconds)"
                " FROM w CROSS JOIN session_set t ON t.session_id = w.id"
                " GROUP BY w.week, t.exercise_id ORDER BY w.week"
            )
        ]

    def update_session(self, session_id: str, **fields: object) -> None:
        """Change notes or pain values of a finished session."""
        allowed = {"notes", "pain_before", "pain_after", "pain_next_morning"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot edit {sorted(unknown)}")
        for name, value in fields.items():
            if name == "notes":
                if not isinstance(value, str) or len(value) > 10_000:
                    raise ValueError("notes must be text of at most 10,000 characters")
            else:
                _check_pain(value)  # type: ignore[arg-type]
        if not fields:
            return
        assignments = ", ".join(f"{name} = ?" for name in fields)
        with transaction(self.conn):
            self.conn.execute(
                f"UPDATE session SET {assignments} WHERE id = ?", (*fields.values(), session_id)
            )

    def delete_session(self, session_id: str) -> dict[str, object]:
        """Delete a session and its sets; returns what restore_session() needs."""
        session = self.conn.execute("SELECT * FROM session WHERE id = ?", (session_id,)).fetchone()
        if session is None:
            raise KeyError(session_id)
        sets = self.conn.execute(
            "SELECT * FROM session_set WHERE session_id = ?", (session_id,)
        ).fetchall()
        with transaction(self.conn):
            self.conn.execute("DELETE FROM session WHERE id = ?", (session_id,))
        return {"session": dict(session), "sets": [dict(s) for s in sets]}

    def restore_session(self, snapshot: dict[str, object]) -> None:
        """Put back a session removed by delete_session() (undo)."""
        session = snapshot["session"]
        sets = snapshot["sets"]
        assert isinstance(session, dict) and isinstance(sets, list)
        with transaction(self.conn):
            _insert_row(self.conn, "session", session)
            for row in sets:
                _insert_row(self.conn, "session_set", row)

    # -- levels, suggestions, heel-rise tests -------------------------------------
    def levels(self) -> dict[str, int]:
        """The level each routine is at (routines never moved are at 0)."""
        rows = self._conn.execute(  # a read for the first paint: may come before finish_opening()
            "SELECT routine_id, level FROM routine_level")
        return {r[0]: int(r[1]) for r in rows}

    def set_level(self, routine_id: str, level: int, at: datetime) -> None:
        """Record that ``routine_id`` is now at ``level`` (0-based) from ``at``;
        ValueError for a negative level.
        """
        if level < 0:
            raise ValueError("a level is 0 or more")
        with transaction(self.conn):
            self._upsert_level(routine_id, level, at)

    def _upsert_level(self, routine_id: str, level: int, at: datetime) -> None:
        self.conn.execute(
            "INSERT INTO routine_level (routine_id, level, changed_at) VALUES (?, ?, ?)"
            " ON CONFLICT (routine_id) DO UPDATE SET level = excluded.level,"
            " changed_at = excluded.changed_at",
            (routine_id, level, utc_iso(at)),
        )

    def pain_log(self, routine_id: str, limit: int = 20) -> list["SessionPain"]:
        """The last sessions of a routine, oldest first, as the progression
        rule reads them (the highest pain during, across the session's sets)."""
        from ..core.progression import SessionPain

        rows = self.conn.execute(
            "SELECT s.local_date, s.pain_before,"
            " (SELECT max(t.pain_during) FROM session_set t WHERE t.session_id = s.id),"
            " s.pain_after, s.pain_next_morning, s.stiffness_next_morning, s.level FROM session s"
            f" WHERE s.routine_id = ? AND s.status != 'in_progress' AND {COUNTS}"
            " ORDER BY s.started_at DESC LIMIT ?",
            (routine_id, limit),
        ).fetchall()
        return [SessionPain(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in reversed(rows)]

    def last_step_up(self, routine_id: str) -> str | None:
        """The local date (YYYY-MM-DD) of the latest move up a level of
        ``routine_id`` that the runner accepted (the day it was suggested), or
        None if never. The progression rule counts its week from here."""
        row = self.conn.execute(
            "SELECT local_date FROM recommendation WHERE routine_id = ? AND decision = 'accepted'"
            " AND to_level > from_level ORDER BY id DESC LIMIT 1",
            (routine_id,),
        ).fetchone()
        return None if row is None else str(row[0])

    def usual_pain(self) -> list[int]:
        """Pain before each session (the usual level that day), oldest first."""
        return [
            int(r[0])
            for r in self.conn.execute(
                "SELECT pain_before FROM session s WHERE status != 'in_progress'"
                f" AND pain_before IS NOT NULL AND {COUNTS} ORDER BY started_at"
            )
        ]

    def add_recommendation(
        self, routine_id: str, routine_name: str, at: datetime, advice: str, reason: str,
        from_level: int, to_level: int,
    ) -> int:
        """Store a new, unanswered suggestion and return its id."""
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO recommendation (routine_id, routine_name, made_at, local_date, advice,"
                " reason, from_level, to_level, utc_offset_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (routine_id, routine_name, utc_iso(at), at.date().isoformat(), advice, reason,
                 from_level, to_level, _offset_minutes(at)),
            )
        return int(cursor.lastrowid or 0)

    def decide(self, recommendation_id: int, accepted: bool, at: datetime) -> None:
        """Record the runner's answer; accepting a change of level applies it."""
        row = self.conn.execute(
            "SELECT routine_id, to_level, from_level FROM recommendation WHERE id = ?",
            (recommendation_id,),
        ).fetchone()
        if row is None:
            raise KeyError(recommendation_id)
        with transaction(self.conn):
            self.conn.execute(
                "UPDATE recommendation SET decision = ?, decided_at = ? WHERE id = ?",
                ("accepted" if accepted else "declined", utc_iso(at), recommendation_id),
            )
            if accepted and row["to_level"] != row["from_level"]:
                self._upsert_level(row["routine_id"], row["to_level"], at)

    def recommendations(self) -> "list[RecommendationRow]":
        """Every suggestion made, newest first."""
        return [
            _recommendation_row(r)
            for r in self.conn.execute("SELECT * FROM recommendation ORDER BY id DESC")
        ]

    def pending_recommendation(self) -> "RecommendationRow | None":
        """The newest unanswered suggestion that is still its routine's latest."""
        r = self.conn.execute(
            "SELECT * FROM recommendation r WHERE decision IS NULL AND id ="
            " (SELECT max(id) FROM recommendation WHERE routine_id = r.routine_id)"
            " ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return None if r is None else _recommendation_row(r)

    def latest_recommendation(self, routine_id: str) -> "RecommendationRow | None":
        """The newest suggestion for ``routine_id`` (answered or not), or None."""
        r = self.conn.execute(
            "SELECT * FROM recommendation WHERE routine_id = ? ORDER BY id DESC LIMIT 1",
            (routine_id,),
        ).fetchone()
        return None if r is None else _recommendation_row(r)

    def add_heel_rise(
        self, at: datetime, left: int, right: int, beat_seconds: float,
        age: int | None = None, sex: str | None = None, on_incline: bool | None = None,
    ) -> int:
        """Store a heel-rise test (rises per leg, beat in seconds, optional age and sex)
        and return its id.
        """
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO heel_rise_test (tested_at, local_date, left_reps, right_reps,"
                " beat_seconds, age, sex, on_incline, utc_offset_minutes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (utc_iso(at), at.date().isoformat(), left, right, beat_seconds, age, sex,
                 None if on_incline is None else int(on_incline), _offset_minutes(at)),
            )
        return int(cursor.lastrowid or 0)

    def heel_rise_tests(self) -> "list[HeelRiseRow]":
        """Every heel-rise test, oldest first."""
        from .rows import HeelRiseRow

        return [
            HeelRiseRow(
                r["id"], datetime.fromisoformat(r["tested_at"]), r["left_reps"], r["right_reps"],
                r["beat_seconds"], r["age"], r["sex"],
                None if r["on_incline"] is None else bool(r["on_incline"]), r["utc_offset_minutes"],
            )
            for r in self.conn.execute("SELECT * FROM heel_rise_test ORDER BY tested_at")
        ]

    # -- triage answers -------------------------------------------------------------
    def add_triage(self, at: datetime, answers: "TriageAnswers") -> int:
        """Keep a new set of triage answers (earlier ones stay in the history:
        changing the answers adds a row). Returns the new row's id."""
        with transaction(self.conn):
            cursor = self.conn.execute(
                "INSERT INTO triage (answered_at, local_date, area, onset, after_injury,"
                " utc_offset_minutes) VALUES (?, ?, ?, ?, ?, ?)",
                (utc_iso(at), at.date().isoformat(), str(answers.area),
                 None if answers.onset is None else str(answers.onset),
                 None if answers.after_injury is None else int(answers.after_injury),
                 _offset_minutes(at)),
            )
        return int(cursor.lastrowid or 0)

    def triage_history(self) -> list["TriageRecord"]:
        """Every set of triage answers, oldest first."""
        return [_triage_record(r) for r in self.conn.execute("SELECT * FROM triage ORDER BY id")]

    def latest_triage(self) -> "TriageRecord | None":
        """The answers in force: the latest given, or None if never asked."""
        r = self.conn.execute("SELECT * FROM triage ORDER BY id DESC LIMIT 1").fetchone()
        return None if r is None else _triage_record(r)

    # -- repetition-maximum loads (heavy slow resistance) ---------------------------
    def record_rm_load(
        self, routine_id: str, exercise_id: str, rm: int, load_kg: float, at: datetime
    ) -> None:
        """Keep the weight (kg) the runner found to be their ``rm``-repetition
        maximum for an exercise; raises ValueError for an impossible value."""
        if not 1 <= rm <= 30:
            raise ValueError("a repetition maximum is from 1 to 30 repetitions")
        if not 0 <= load_kg <= 500:
            raise ValueError("a load is from 0 to 500 kg")
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO rm_load (routine_id, exercise_id, rm, load_kg, recorded_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (routine_id, exercise_id, rm, load_kg, utc_iso(at)),
            )

    def rm_loads(self, routine_id: str) -> dict[tuple[str, int], float]:
        """The latest recorded load (kg) by (exercise id, rm) for a routine."""
        rows = self.conn.execute(
            "SELECT exercise_id, rm, load_kg FROM rm_load WHERE routine_id = ? ORDER BY id",
            (routine_id,),
        )
        return {(r[0], int(r[1])): float(r[2]) for r in rows}

    def count_sessions(self) -> int:
        """How many sessions the history holds (all statuses)."""
        return int(self.conn.execute("SELECT count(*) FROM session").fetchone()[0])

    def count_rated_sessions(self) -> int:
        """How many sessions that count (something done in them) carry a pain
        rating: before, after, the next morning or during one of their sets."""
        return int(self.conn.execute(
            "SELECT count(*) FROM session s WHERE status != 'in_progress' AND " + COUNTS +
            " AND (pain_before IS NOT NULL OR pain_after IS NOT NULL OR pain_next_morning IS NOT NULL"
            " OR EXISTS (SELECT 1 FROM session_set p WHERE p.session_id = s.id AND p.pain_during IS NOT NULL))"
        ).fetchone()[0])


def _triage_record(r: sqlite3.Row) -> "TriageRecord":
    from ..core.triage import Condition, Onset, TriageAnswers, TriageRecord

    injury = r["after_injury"]
    return TriageRecord(
        int(r["id"]),
        datetime.fromisoformat(r["answered_at"]),
        TriageAnswers(
            Condition(r["area"]),
            None if r["onset"] is None else Onset(r["onset"]),
            None if injury is None else bool(injury),
        ),
        r["utc_offset_minutes"],
    )


def _recommendation_row(r: sqlite3.Row) -> "RecommendationRow":
    from .rows import RecommendationRow

    return RecommendationRow(
        r["id"], r["routine_id"], r["routine_name"], datetime.fromisoformat(r["made_at"]),
        r["advice"], r["reason"], r["from_level"], r["to_level"], r["decision"],
        r["utc_offset_minutes"],
    )


def _check_pain(value: int | None) -> None:
    if value is not None and not (isinstance(value, int) and 0 <= value <= 10):
        raise ValueError(f"pain must be a whole number from 0 to 10, not {value!r}")


def _session_row(r: sqlite3.Row) -> SessionRow:
    return SessionRow(
        id=r["id"],
        routine_id=r["routine_id"],
        routine_name=r["routine_name"],
        started_at=datetime.fromisoformat(r["started_at"]),
        ended_at=datetime.fromisoformat(r["ended_at"]) if r["ended_at"] else None,
        utc_offset_minutes=r["utc_offset_minutes"],
        local_date=r["local_date"],
        status=SessionStatus(r["status"]),
        sets_planned=r["sets_planned"],
        sets_completed=r["sets_completed"],
        sets_skipped=r["sets_skipped"],
        pain_before=r["pain_before"],
        pain_after=r["pain_after"],
        notes=r["notes"],
        pain_next_morning=r["pain_next_morning"],
        stiffness_next_morning=r["stiffness_next_morning"],
        sets_partly_done=r["sets_partly_done"],
    )


#: Said at the start after a session was left running (the app closed or
#: crashed mid-session); answered by resuming it or closing it as stopped.
INTERRUPTED_NOTICE = ("Your last session ended unexpectedly. Every set you finished was saved, "
                      "and the session is marked as interrupted in your history.")


def open_history(data_dir: Path, defer: bool = False) -> tuple[HistoryRepository, list[str]]:
    """Open the history in ``data_dir`` for the app, with notices for the user.

    Creates the folder owner-only if needed, and closes sessions a crash left
    running. Raises DatabaseOpenError with a message for the user.

    With ``defer``, when no session was left running, the change-capturing
    triggers (29 of them, about 3 ms) wait for ``finish_opening()``, which the
    window calls right after its first paint, or for the first use of the
    connection other than the reads that paint needs; a session left running
    is closed at once, as without ``defer``, so the first screen never shows
    it running.
    """
    from ..paths import DB_FILE_NAME, ensure_private_dir

    try:
        ensure_private_dir(data_dir)
    except OSError as exc:
        from .folder_check import cannot_use

        raise DatabaseOpenError(cannot_use(data_dir, exc)) from exc
    opened = open_database(data_dir / DB_FILE_NAME, capture=False)
    conn = opened.connection
    try:
        left_running = conn.execute(
            "SELECT 1 FROM session WHERE status = 'in_progress' LIMIT 1").fetchone() is not None
    except sqlite3.Error as exc:
        from .db import _cannot_open

        conn.close()
        raise _cannot_open(data_dir / DB_FILE_NAME, exc) from exc
    repo = HistoryRepository(conn, capture_later=True)
    if not (defer and not left_running):
        repo.finish_opening()
    notices = [opened.notice] if opened.notice else []
    if not left_running:
        return repo, notices
    repo.mark_interrupted()
    notices.append(INTERRUPTED_NOTICE)
    # After an unclean end is the moment to check the whole file (about
    # 0.1 s for ten years; not on every start).
    from .db import damage_notice, integrity_problems

    problems = integrity_problems(repo.conn)
    if problems:
        notices.append(damage_notice(data_dir / DB_FILE_NAME, problems, in_app=True))
    return repo, notices


def _insert_row(conn: sqlite3.Connection, table: str, row: dict[str, object]) -> None:
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
