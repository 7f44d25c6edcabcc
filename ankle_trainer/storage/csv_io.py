"""History to and from CSV.

Format: RFC 4180 (the stdlib csv module, CRLF line ends), UTF-8 with a byte
order mark so spreadsheets detect it, ISO 8601 timestamps with the session's
own UTC offset, '.' as the decimal mark, empty cells for missing values. Text
cells that begin with = + - @ tab CR or NUL get a leading apostrophe (OWASP's
advice against CSV injection); import removes it again.

Files are written atomically: a temporary file in the same folder, flushed and
synced, then renamed over the target. Import checks every row of every file
before it changes anything, and then adds all in one transaction.
"""

from __future__ import annotations

import csv
import io
import itertools
import operator
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from .db import transaction
from .errors import translate

SESSION_COLUMNS = (
    "session_id", "started_at", "ended_at", "local_date", "routine", "status",
    "sets_planned", "sets_completed", "pain_before", "pain_after", "pain_next_morning",
    "notes", "routine_id", "sets_skipped", "stiffness_next_morning",
)
SET_COLUMNS = (
    "session_id", "exercise", "side", "set_number", "target_reps", "actual_reps",
    "target_seconds", "actual_seconds", "status", "completed_at", "exercise_id", "seq",
    "pain_during",
)
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\0")


class CsvError(Exception):
    """A CSV file that cannot be written or read; str() is for the user."""


def neutralise(cell: str) -> str:
    """A text cell made safe for spreadsheets: a leading = + - @ tab, CR or NUL gets
    a ' in front so it is not run as a formula (OWASP CSV injection advice).
    """
    return "'" + cell if cell.startswith(DANGEROUS_FIRST) else cell


def restore(cell: str) -> str:
    """Undo ``neutralise`` on import: drop the ' added before a formula-like cell."""
    if cell.startswith("'") and cell[1:].startswith(DANGEROUS_FIRST):
        return cell[1:]
    return cell


def _local_iso(column: str) -> str:
    """SQL for a UTC ISO column shown in the session's own offset."""
    return (
        f"CASE WHEN {column} IS NULL THEN NULL ELSE"
        f" replace(datetime({column}, printf('%+d minutes', s.utc_offset_minutes)), ' ', 'T')"
        " || CASE WHEN s.utc_offset_minutes < 0 THEN '-' ELSE '+' END"
        " || printf('%02d:%02d', abs(s.utc_offset_minutes) / 60, abs(s.utc_offset_minutes) % 60)"
        " END"
    )


def _safe(column: str) -> str:
    """SQL for a text column with formula-like cells neutralised (see neutralise())."""
    # The first byte, compared as hex: SQLite's text functions stop at a NUL,
    # a blob's do not (and every character listed is one byte in UTF-8).
    codes = ", ".join(f"'{ord(c):02X}'" for c in DANGEROUS_FIRST)
    # Every listed character sorts before 'A', so most cells skip the check.
    return (
        f"CASE WHEN {column} >= 'A' THEN {column}"
        f" WHEN hex(substr(CAST({column} AS BLOB), 1, 1)) IN ({codes})"
        f" THEN '''' || {column} ELSE {column} END"
    )


def _date_filter(first: str | None, last: str | None) -> tuple[str, list[str]]:
    where, args = ["s.status != 'in_progress'"], []
    if first:
        where.append("s.local_date >= ?")
        args.append(first)
    if last:
        where.append("s.local_date <= ?")
        args.append(last)
    return " AND ".join(where), args


def session_query(first: str | None = None, last: str | None = None) -> tuple[str, list[str]]:
    """The SQL and arguments for one exported row per finished session, local dates
    ``first`` to ``last`` (YYYY-MM-DD, inclusive; None for no limit), oldest first.
    """
    where, args = _date_filter(first, last)
    sql = (
        f"SELECT s.id, {_local_iso('s.started_at')}, {_local_iso('s.ended_at')}, s.local_date,"
        f" {_safe('s.routine_name')}, s.status, s.sets_planned,"
        " (SELECT count(*) FROM session_set t WHERE t.session_id = s.id AND t.status = 'completed'),"
        f" s.pain_before, s.pain_after, s.pain_next_morning, {_safe('s.notes')}, {_safe('s.routine_id')},"
        " (SELECT count(*) FROM session_set t WHERE t.session_id = s.id AND t.status = 'skipped'),"
        " s.stiffness_next_morning"
        f" FROM session s WHERE {where} ORDER BY s.started_at"
    )
    return sql, args


def set_query(first: str | None = None, last: str | None = None) -> tuple[str, list[str]]:
    """The SQL and arguments for one exported row per set of the finished sessions
    between local dates ``first`` and ``last`` (YYYY-MM-DD, inclusive; None: no limit).
    """
    where, args = _date_filter(first, last)
    # Each session's shift to local time and its "+01:00" suffix are worked
    # out once (in the subquery), not once per set.
    sql = (
        f"SELECT t.session_id, {_safe('t.exercise_name')}, t.side, t.set_number, t.target_reps,"
        " t.actual_reps, t.target_seconds, t.actual_seconds, t.status,"
        " replace(datetime(t.completed_at, s.shift), ' ', 'T') || s.zone,"
        f" {_safe('t.exercise_id')}, t.seq, t.pain_during"
        " FROM (SELECT s.id, s.started_at, printf('%+d minutes', s.utc_offset_minutes) AS shift,"
        "  CASE WHEN s.utc_offset_minutes < 0 THEN '-' ELSE '+' END || printf('%02d:%02d',"
        "  abs(s.utc_offset_minutes) / 60, abs(s.utc_offset_minutes) % 60) AS zone"
        f"  FROM session s WHERE {where}) s"
        # CROSS JOIN keeps sessions as the outer loop, so rows come in time
        # order from the started_at index and each session's sets in key order,
        # with no sort of every set.
        " CROSS JOIN session_set t ON t.session_id = s.id"
        " ORDER BY s.started_at, t.seq"
    )
    return sql, args


@translate
def export_csv(
    conn: sqlite3.Connection,
    path: Path,
    sets: bool = False,
    first: str | None = None,
    last: str | None = None,
) -> int:
    """Write sessions (or, with ``sets``, every set) to ``path``; returns rows written."""
    header: tuple[str, ...]
    if sets:
        sql, args = set_query(first, last)
        header = SET_COLUMNS
    else:
        sql, args = session_query(first, last)
        header = SESSION_COLUMNS
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise CsvError(
            f"Cannot write {target}: {exc.strerror or exc}. Choose a folder you can write to."
        ) from exc
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(header)
            # Rows go straight from SQLite to the C csv writer: plain tuples
            # (sqlite3.Row costs about a third more), text cells neutralised in
            # the SQL, None written as an empty cell; the rows are counted on
            # the way through without a Python-level loop.
            cursor = conn.cursor()
            cursor.row_factory = None
            cursor.execute(sql, args)
            counter = itertools.count()
            writer.writerows(map(operator.itemgetter(0), zip(cursor, counter, strict=False)))
            count = next(counter)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CsvError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count


# -- import -----------------------------------------------------------------------


class ImportReport(NamedTuple):
    """What an import added (sessions, sets) and one line per row left out, with why."""

    sessions_added: int
    sets_added: int
    skipped: list[str]  # one line per thing left out, with the reason

    def summary(self) -> str:
        """The report in one or two sentences for the user (at most five reasons listed)."""
        text = f"Added {self.sessions_added} sessions and {self.sets_added} sets."
        if self.skipped:
            text += f" Left out {len(self.skipped)}: " + "; ".join(self.skipped[:5])
            if len(self.skipped) > 5:
                text += f"; and {len(self.skipped) - 5} more"
            text += "."
        return text


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CsvError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CsvError(f"{path}: not UTF-8 text (byte {exc.start}).") from None
        self.rows = list(csv.reader(io.StringIO(text, newline="")))
        if not self.rows:
            raise CsvError(f"{path}: the file is empty.")
        self.header = [h.strip() for h in self.rows[0]]

    def kind(self) -> str:
        if "routine" in self.header and "started_at" in self.header:
            return "sessions"
        if "exercise" in self.header and "set_number" in self.header:
            return "sets"
        raise CsvError(
            f"{self.path}: line 1: the header is not that of an Ankle Trainer export"
            f" (sessions start with {', '.join(SESSION_COLUMNS[:3])}, ...)."
        )

    def records(self, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
        missing = [c for c in required if c not in self.header]
        if missing:
            raise CsvError(f"{self.path}: line 1: missing column '{missing[0]}'.")
        for number, row in enumerate(self.rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(self.header):
                raise CsvError(
                    f"{self.path}: line {number}: {len(row)} cells where the header has "
                    f"{len(self.header)}."
                )
            yield number, {h: restore(c) for h, c in zip(self.header, row, strict=True)}


def _fail(reader: _Reader, line: int, column: str, message: str) -> CsvError:
    col = reader.header.index(column) + 1 if column in reader.header else 0
    return CsvError(f"{reader.path}: line {line}, column {col} ({column}): {message}")


def _int(reader: _Reader, line: int, rec: dict[str, str], col: str, low: int, high: int) -> int | None:
    value = rec.get(col, "").strip()
    if value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        raise _fail(reader, line, col, f"'{value}' is not a whole number") from None
    if not low <= number <= high:
        raise _fail(reader, line, col, f"{number} is outside {low} to {high}")
    return number


def _float(reader: _Reader, line: int, rec: dict[str, str], col: str) -> float | None:
    value = rec.get(col, "").strip()
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise _fail(reader, line, col, f"'{value}' is not a number (use '.' for decimals)") from None
    if not 0 <= number <= 100_000:
        raise _fail(reader, line, col, f"{number} is out of range")
    return number


def _time(reader: _Reader, line: int, rec: dict[str, str], col: str, required: bool = True) -> datetime | None:
    value = rec.get(col, "").strip()
    if value == "" and not required:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _fail(reader, line, col, f"'{value}' is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise _fail(reader, line, col, "the time needs its UTC offset, e.g. +01:00")
    return moment


@translate
def import_csv(conn: sqlite3.Connection, paths: list[Path]) -> ImportReport:
    """Merge exported sessions and/or sets into the history, by session id."""
    from .history import utc_iso

    readers = [_Reader(Path(p)) for p in paths]
    session_rows: list[tuple[object, ...]] = []
    set_rows: list[tuple[int, _Reader, dict[str, str]]] = []
    seen: set[str] = set()
    statuses = {"completed", "stopped", "interrupted"}
    for reader in readers:
        if reader.kind() == "sessions":
            for line, rec in reader.records(("session_id", "started_at", "local_date", "routine", "status")):
                sid = rec["session_id"].strip()
                if not sid or len(sid) > 64 or not sid.isalnum():
                    raise _fail(reader, line, "session_id", "must be letters and digits")
                if sid in seen:
                    raise _fail(reader, line, "session_id", f"session {sid} appears twice")
                seen.add(sid)
                started = _time(reader, line, rec, "started_at")
                ended = _time(reader, line, rec, "ended_at", required=False)
                assert started is not None
                if rec["status"] not in statuses:
                    raise _fail(reader, line, "status", f"must be one of {', '.join(sorted(statuses))}")
                try:
                    datetime.strptime(rec["local_date"], "%Y-%m-%d")
                except ValueError:
                    raise _fail(reader, line, "local_date", "must be a date as YYYY-MM-DD") from None
                offset = started.utcoffset()
                session_rows.append((
                    sid,
                    rec.get("routine_id", "").strip() or "imported",
                    rec["routine"][:200],
                    utc_iso(started),
                    utc_iso(ended) if ended else None,
                    int(offset.total_seconds() // 60) if offset else 0,
                    rec["local_date"],
                    rec["status"],
                    _int(reader, line, rec, "sets_planned", 0, 10_000) or 0,
                    _int(reader, line, rec, "pain_before", 0, 10),
                    _int(reader, line, rec, "pain_after", 0, 10),
                    rec.get("notes", "")[:10_000],
                    _int(reader, line, rec, "pain_next_morning", 0, 10),
                    _int(reader, line, rec, "stiffness_next_morning", 0, 10),
                ))
        else:
            for line, rec in reader.records(("session_id", "exercise", "side", "set_number", "status", "completed_at")):
                set_rows.append((line, reader, rec))
    # Check every set before writing anything.
    checked_sets = []
    for line, reader, rec in set_rows:
        if rec["side"] not in ("both", "left", "right"):
            raise _fail(reader, line, "side", "must be both, left or right")
        if rec["status"] not in ("completed", "skipped"):
            raise _fail(reader, line, "status", "must be completed or skipped")
        completed = _time(reader, line, rec, "completed_at")
        assert completed is not None
        checked_sets.append((
            rec["session_id"].strip(),
            _int(reader, line, rec, "seq", 0, 100_000),
            rec.get("exercise_id", "").strip() or rec["exercise"][:80],
            rec["exercise"][:200],
            rec["side"],
            _int(reader, line, rec, "set_number", 1, 1000) or 1,
            _int(reader, line, rec, "target_reps", 0, 10_000),
            _int(reader, line, rec, "actual_reps", 0, 10_000),
            _float(reader, line, rec, "target_seconds"),
            _float(reader, line, rec, "actual_seconds"),
            rec["status"],
            utc_iso(completed),
            _int(reader, line, rec, "pain_during", 0, 10),
            line,
        ))
    skipped: list[str] = []
    added_sessions = added_sets = 0
    with transaction(conn):
        existing = {r[0] for r in conn.execute("SELECT id FROM session")}
        new_ids = set()
        for row in session_rows:
            if row[0] in existing:
                skipped.append(f"session {row[0]} (already in your history)")
                continue
            conn.execute(
                "INSERT INTO session (id, routine_id, routine_name, started_at, ended_at,"
                " utc_offset_minutes, local_date, status, sets_planned, pain_before, pain_after,"
                " notes, pain_next_morning, stiffness_next_morning)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            new_ids.add(row[0])
            added_sessions += 1
        next_seq: dict[str, int] = {}
        already = 0
        for *values, line in checked_sets:
            sid = str(values[0])
            if sid in existing:
                already += 1  # its session was already there: nothing of it is added
                continue
            if sid not in new_ids and sid not in existing:
                skipped.append(f"set on line {line} (its session {sid} is in neither file nor history)")
                continue
            seq = values[1]
            if seq is None:
                seq = values[1] = next_seq.get(sid, 0)
            assert isinstance(seq, int)
            next_seq[sid] = seq + 1
            try:
                conn.execute(
                    "INSERT INTO session_set (session_id, seq, exercise_id, exercise_name, side,"
                    " set_number, target_reps, actual_reps, target_seconds, actual_seconds, status,"
                    " completed_at, pain_during) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
            except sqlite3.IntegrityError:
                raise CsvError(
                    f"sets file: line {line}: set {values[1]} of session {sid} appears twice;"
                    " nothing was imported."
                ) from None
            added_sets += 1
    if already:
        skipped.append(f"{already} sets (their sessions were already in your history)")
    return ImportReport(added_sessions, added_sets, skipped)
