"""History to and from CSV.

Format: RFC 4180 (the stdlib csv module, CRLF line ends), UTF-8 with a byte
order mark so spreadsheets detect it, ISO 8601 timestamps with the session's
own UTC offset, '.' as the decimal mark, empty cells for missing values. Text
cells that begin with = + - @ tab CR or NUL get a leading apostrophe (OWASP's
advice against CSV injection), and so do cells that begin with an apostrophe,
so that import, which removes one, gives back exactly the text exported.
Beside each ISO time there is the same moment as local wall time
("2026-06-01 23:30:00"), which spreadsheets read as a date.

Files are written atomically: a temporary file in the same folder, flushed and
synced, then renamed over the target. Import checks every row of every file
before it changes anything, and then adds all in one transaction.
"""

from __future__ import annotations

import csv
import io
import itertools
import operator
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from ..core.text import count, not_utf8, utf16
from ..files import FolderNotWritableError, atomic_file
from .db import PART_WAY, finished_sessions_where, transaction
from .errors import translate

# New columns go at the end, so formulas that refer to columns by letter in
# spreadsheets built on older exports keep working.
SESSION_COLUMNS = (
    "session_id", "started_at", "ended_at", "local_date", "routine", "status",
    "sets_planned", "sets_completed", "pain_before", "pain_after", "pain_next_morning",
    "notes", "routine_id", "sets_skipped", "stiffness_next_morning",
    "started_local", "ended_local", "duration_seconds", "level", "next_morning_at",
    "sets_partly_done",
)
SET_COLUMNS = (
    "session_id", "exercise", "side", "set_number", "target_reps", "actual_reps",
    "target_seconds", "actual_seconds", "status", "completed_at", "exercise_id", "seq",
    "pain_during", "completed_local",
)
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\0")
# A cell that begins with the prefix itself gets one more, so taking one off
# on import gives back exactly what was exported, for every string.
PREFIXED_FIRST = (*DANGEROUS_FIRST, "'")
# The longest text the app keeps in each column (longer cells are refused on
# import with their line and column, never cut).
TEXT_LIMITS = {
    "session_id": 64, "routine": 200, "routine_id": 80, "notes": 10_000,
    "exercise": 200, "exercise_id": 80,
}
# Years a date may have: outside this a date is a typing or conversion
# mistake (and Python's datetime cannot move year 1 or 9999 across offsets).
FIRST_YEAR, LAST_YEAR = 1970, 2999


class CsvError(Exception):
    """A CSV file that cannot be written or read; str() is for the user."""


def neutralise(cell: str) -> str:
    """``cell`` as exported: an apostrophe before a formula-like first
    character or an apostrophe. :func:`restore` reverses it exactly."""
    return "'" + cell if cell.startswith(PREFIXED_FIRST) else cell


def restore(cell: str) -> str:
    """The text that :func:`neutralise` turned into ``cell``."""
    if cell.startswith("'") and cell[1:].startswith(PREFIXED_FIRST):
        return cell[1:]
    return cell


def _fraction(column: str) -> str:
    """SQL for the milliseconds of a stored UTC time (".250"), or '' when whole."""
    return (
        f"CASE WHEN substr({column}, 20, 1) = '.' AND substr({column}, 21, 3) != '000'"
        f" THEN substr({column}, 20, 4) ELSE '' END"
    )


def _local_iso(column: str) -> str:
    """SQL for a UTC ISO column shown in the session's own offset."""
    return (
        f"CASE WHEN {column} IS NULL THEN NULL ELSE"
        f" replace(datetime({column}, printf('%+d minutes', s.utc_offset_minutes)), ' ', 'T')"
        f" || {_fraction(column)}"
        " || CASE WHEN s.utc_offset_minutes < 0 THEN '-' ELSE '+' END"
        " || printf('%02d:%02d', abs(s.utc_offset_minutes) / 60, abs(s.utc_offset_minutes) % 60)"
        " END"
    )


def _local_plain(column: str) -> str:
    """SQL for a UTC ISO column as the session's local wall time in the form
    spreadsheets read as a date-time: "2026-06-01T23:30:00" (no offset, whole
    seconds). The "T" matters: LibreOffice reads ISO 8601 with it as a date in
    every locale and with its default import options, but "2026-06-01 23:30:00"
    only with "Detect special numbers" ticked, which is off by default
    (tests/storage/test_spreadsheets.py)."""
    return f"replace(datetime({column}, printf('%+d minutes', s.utc_offset_minutes)), ' ', 'T')"


def _safe(column: str) -> str:
    """SQL for a text column with formula-like cells neutralised (see neutralise())."""
    # The first byte, compared as hex: SQLite's text functions stop at a NUL,
    # a blob's do not (and every character listed is one byte in UTF-8).
    codes = ", ".join(f"'{ord(c):02X}'" for c in PREFIXED_FIRST)
    # Every listed character sorts before 'A', so most cells skip the check.
    return (
        f"CASE WHEN {column} >= 'A' THEN {column}"
        f" WHEN hex(substr(CAST({column} AS BLOB), 1, 1)) IN ({codes})"
        f" THEN '''' || {column} ELSE {column} END"
    )


def session_query(first: str | None = None, last: str | None = None) -> tuple[str, list[str]]:
    """The SQL and arguments for one exported row per finished session, local dates
    ``first`` to ``last`` (YYYY-MM-DD, inclusive; None for no limit), oldest first.
    """
    where, args = finished_sessions_where(first, last)
    sql = (
        f"SELECT s.id, {_local_iso('s.started_at')}, {_local_iso('s.ended_at')}, s.local_date,"
        f" {_safe('s.routine_name')}, s.status, s.sets_planned,"
        " (SELECT count(*) FROM session_set t WHERE t.session_id = s.id AND t.status = 'completed'),"
        f" s.pain_before, s.pain_after, s.pain_next_morning, {_safe('s.notes')}, {_safe('s.routine_id')},"
        " (SELECT count(*) FROM session_set t WHERE t.session_id = s.id AND t.status = 'skipped'),"
        f" s.stiffness_next_morning, {_local_plain('s.started_at')}, {_local_plain('s.ended_at')},"
        " round((julianday(s.ended_at) - julianday(s.started_at)) * 86400, 3),"
        f" s.level, {_local_iso('s.next_morning_at')},"
        f" (SELECT count(*) FROM session_set t WHERE t.session_id = s.id AND {PART_WAY.format(t='t')})"
        f" FROM session s WHERE {where} ORDER BY s.started_at"
    )
    return sql, args


def _csv_cell(expr: str, text: bool = False) -> str:
    """SQL for one CSV cell of ``expr``: NULL as empty; with ``text``,
    neutralised (see neutralise()) and quoted as the csv module's
    QUOTE_MINIMAL does (in double quotes, inner quotes doubled, when it holds
    a comma, quote, CR or LF)."""
    if not text:
        return f"ifnull({expr}, '')"
    safe = _safe(expr)
    return (
        f"CASE WHEN {expr} IS NULL THEN ''"
        f" WHEN {expr} GLOB '*[,\"' || char(10, 13) || ']*'"
        f" THEN '\"' || replace({safe}, '\"', '\"\"') || '\"'"
        f" ELSE {safe} END"
    )


def _shift(offset: str) -> str:
    """SQL for the modifier that moves a UTC time to a session's local time."""
    return f"printf('%+d minutes', {offset})"


def _zone(offset: str) -> str:
    """SQL for a session's offset as ISO 8601 text ("+01:00")."""
    return (
        f"CASE WHEN {offset} < 0 THEN '-' ELSE '+' END"
        f" || printf('%02d:%02d', abs({offset}) / 60, abs({offset}) % 60)"
    )


def set_line_sql(t: str, shift: str, zone: str) -> str:
    """SQL for a set's whole line of the sets export (SET_COLUMNS, CRLF ended).

    ``t`` names the session_set row; ``shift`` and ``zone`` are SQL for its
    session's :func:`_shift` and :func:`_zone`. Kept in the ``export_line``
    column by triggers (see :func:`set_line_triggers`), so an export reads
    finished lines instead of working out 122,000 of them.
    """
    cells = (
        _csv_cell(f"{t}.session_id"),
        _csv_cell(f"{t}.exercise_name", text=True),
        _csv_cell(f"{t}.side"),
        _csv_cell(f"{t}.set_number"),
        _csv_cell(f"{t}.target_reps"),
        _csv_cell(f"{t}.actual_reps"),
        _csv_cell(f"{t}.target_seconds"),
        _csv_cell(f"{t}.actual_seconds"),
        _csv_cell(f"{t}.status"),
        f"replace(datetime({t}.completed_at, {shift}), ' ', 'T')"
        f" || {_fraction(f'{t}.completed_at')} || {zone}",
        _csv_cell(f"{t}.exercise_id", text=True),
        _csv_cell(f"{t}.seq"),
        _csv_cell(f"{t}.pain_during"),
        f"replace(datetime({t}.completed_at, {shift}), ' ', 'T')",  # see _local_plain
    )
    return " || ',' || ".join(cells) + " || char(13, 10)"


# The columns a set's export line is made of (an update of any of them
# renews the line).
_LINE_SOURCES = (
    "session_id, seq, exercise_id, exercise_name, side, set_number, target_reps,"
    " actual_reps, target_seconds, actual_seconds, status, completed_at, pain_during"
)


def set_line_triggers() -> tuple[str, ...]:
    """SQL that keeps ``session_set.export_line`` equal to the set's export
    line: after an insert, after an update of a column the line shows, and
    after a change of its session's UTC offset. Run by a migration, which
    also fills the column for existing rows (:func:`fill_set_lines`)."""
    line = set_line_sql(
        "session_set", _shift("s.utc_offset_minutes"), _zone("s.utc_offset_minutes")
    )
    renew = (
        f"UPDATE session_set SET export_line = (SELECT {line} FROM session s"
        " WHERE s.id = session_set.session_id)"
    )
    return (
        "CREATE TRIGGER session_set_line_insert AFTER INSERT ON session_set BEGIN"
        f" {renew} WHERE session_id = NEW.session_id AND seq = NEW.seq; END",
        f"CREATE TRIGGER session_set_line_update AFTER UPDATE OF {_LINE_SOURCES}"
        f" ON session_set BEGIN {renew} WHERE session_id = NEW.session_id AND seq = NEW.seq; END",
        "CREATE TRIGGER session_offset_line_update AFTER UPDATE OF utc_offset_minutes"
        f" ON session BEGIN {renew} WHERE session_id = NEW.id; END",
    )


def fill_set_lines(conn: sqlite3.Connection) -> None:
    """Work out ``export_line`` for every set (once, in the migration)."""
    line = set_line_sql(
        "session_set", _shift("s.utc_offset_minutes"), _zone("s.utc_offset_minutes")
    )
    conn.execute(
        f"UPDATE session_set SET export_line = (SELECT {line} FROM session s"
        " WHERE s.id = session_set.session_id)"
    )


def set_query(first: str | None = None, last: str | None = None) -> tuple[str, list[str]]:
    """SQL and parameters for the sets export: one finished CSV line per row.

    Lines come from the stored ``export_line`` (worked out where there is
    none, as a safeguard). Handing 122,000 rows of 14 cells to the csv module,
    or building the lines at export time, took several times as long as the
    sqlite3 shell's dump of the same table; the user waits for the whole process.
    """
    where, args = finished_sessions_where(first, last)
    sql = (
        f"SELECT coalesce(t.export_line, {set_line_sql('t', 's.shift', 's.zone')})"
        f" FROM (SELECT s.id, s.started_at, {_shift('s.utc_offset_minutes')} AS shift,"
        f"  {_zone('s.utc_offset_minutes')} AS zone"
        f"  FROM session s WHERE {where}) s"
        # CROSS JOIN keeps sessions as the outer loop, so rows come in time
        # order from the started_at index and each session's sets in key order,
        # with no sort of every set.
        " CROSS JOIN session_set t ON t.session_id = s.id"
        " ORDER BY s.started_at, t.seq"
    )
    return sql, args


@contextmanager
def export_errors(target: Path) -> Iterator[None]:
    """Turn what can go wrong while writing an export to ``target`` (a folder
    that cannot take the file, a failed write, a history that cannot be read
    to the end) into a :class:`CsvError` with a message for the runner. Any
    earlier file at ``target`` is kept (the write is atomic)."""
    try:
        yield
    except FolderNotWritableError as exc:
        raise CsvError(
            f"Cannot write {target}: {exc.strerror or exc}. Choose a folder you can write to."
        ) from exc
    except OSError as exc:
        raise CsvError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    except sqlite3.DatabaseError as exc:
        raise CsvError(
            "Your history could not be read to the end; nothing was written and the history"
            f" was not changed. (Details for someone helping you: {exc}.)"
        ) from exc


@translate
def export_csv(
    conn: sqlite3.Connection,
    path: Path,
    sets: bool = False,
    first: str | None = None,
    last: str | None = None,
) -> int:
    """Write sessions (or, with ``sets``, every set) to ``path``; returns rows written.

    ``first`` and ``last`` are local dates (YYYY-MM-DD), both included. Only
    reads ``conn``, so it works on a read-only connection. Raises
    :class:`CsvError` (message for the user) when the file cannot be written,
    the history cannot be read, or ``first`` is after ``last``.
    """
    from ..core.times import reversed_dates

    problem = reversed_dates(first, last)
    if problem:
        raise CsvError(problem)
    header: tuple[str, ...]
    if sets:
        sql, args = set_query(first, last)
        header = SET_COLUMNS
    else:
        sql, args = session_query(first, last)
        header = SESSION_COLUMNS
    target = Path(path)
    written = 0
    with export_errors(target):
        with atomic_file(target, "w", encoding="utf-8-sig", newline="") as handle:
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
            rows = map(operator.itemgetter(0), zip(cursor, counter, strict=False))
            if sets:
                # Finished lines from SQLite (see set_query()), in blocks.
                for block in iter(lambda: list(itertools.islice(rows, 4096)), []):
                    handle.write("".join(map(operator.itemgetter(0), block)))
            else:
                writer.writerows(rows)
            written = next(counter)
    return written


# -- import -----------------------------------------------------------------------


class ImportReport(NamedTuple):
    """What an import added and what it left out: ``skipped`` holds one
    counted reason each ("3 sessions and 24,725 sets already in your
    history"), counted in records (sessions, sets), never in lines."""

    sessions_added: int
    sets_added: int
    skipped: list[str]
    #: Sessions added whose file counts sets done or skipped that are in no
    #: file given and not in the history: their sets file is still to come.
    sets_to_come: int = 0

    def summary(self) -> str:
        """The report in one or two sentences for the user."""
        text = f"Added {count(self.sessions_added, 'session')} and {count(self.sets_added, 'set')}."
        if self.skipped:
            text += " Left out " + "; ".join(self.skipped) + "."
        if self.sets_to_come:
            text += (f" These files hold no sets for {count(self.sets_to_come, 'session')}, shown "
                     "without their sets for now: import the sets file exported with these (one row per "
                     "set) and the sets will show.")
        return text


def _left_out(sessions_present: int, sets_present: int, orphans: list[tuple[int, str]]) -> list[str]:
    """The counted reasons for an :class:`ImportReport`: records already in
    the history, and sets whose session is nowhere (``orphans``: (line,
    file name) of each, the first five named)."""
    reasons: list[str] = []
    present = [count(n, word) for n, word in ((sessions_present, "session"), (sets_present, "set")) if n]
    if present:
        reasons.append(" and ".join(present) + " already in your history")
    if orphans:
        shown = ", ".join(f"line {line:,} of {name}" for line, name in orphans[:5])
        more = f" and {count(len(orphans) - 5, 'other')}" if len(orphans) > 5 else ""
        reasons.append(f"{count(len(orphans), 'set')} whose session is in neither the files nor your"
                       f" history ({shown}{more})")
    return reasons


def _quote(value: str, limit: int = 40) -> str:
    """A cell for a message: quoted, and cut (saying so) when long."""
    if len(value) <= limit:
        return f"'{value}'"
    return f"'{value[:limit]}...' ({count(len(value), 'character')})"


# How some binary files begin: a zip (an .xlsx or .ods workbook, a .docx), an
# old Office file (.xls, .doc), a PDF, an SQLite database.
_ZIP = b"PK\x03\x04"
_OLD_OFFICE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_STARTS = {
    b"%PDF": "a PDF",
    b"SQLite format 3\x00": "a database file (perhaps a history file itself)",
}
# Said the same from the window and the command line (each adds "nothing was
# imported" in its own place, once): no command or menu names here. "Not
# workbooks" is said of a workbook only, with what to do about it.
_ONLY_CSV = " Import reads the CSV files Ankle Trainer exports (a sessions file and a sets file)"
_NOT_WORKBOOKS = _ONLY_CSV + ", not workbooks: choose those CSV files, or export again to CSV files."


def _binary_kind(raw: bytes) -> tuple[str, bool] | None:
    """What a known kind of file that is not text is ("a PDF") and whether
    it is a workbook; None for any other file."""
    if raw.startswith(_ZIP):
        head = raw[:65536]
        if b"xl/" in head:
            return "an Excel workbook (.xlsx)", True
        if b"opendocument.spreadsheet" in head:
            return "a spreadsheet workbook (.ods)", True
        if b"word/" in head:
            return "a Word document (.docx)", False
        return "a zip archive", False
    if raw.startswith(_OLD_OFFICE):
        if "Workbook".encode("utf-16-le") in raw or "Book".encode("utf-16-le") in raw:
            return "an old Excel workbook (.xls)", True
        if "WordDocument".encode("utf-16-le") in raw:
            return "a Word document (.doc)", False
        return "an old Office file", False
    for start, what in _BINARY_STARTS.items():
        if raw.startswith(start):
            return what, False
    return None


def _refuse_binary(path: Path, raw: bytes) -> None:
    """Raise CsvError, saying which files import reads, when ``raw`` is not
    text: a workbook (.xlsx, which export also writes; .ods, .xls), another
    known binary file, or anything with NUL bytes in its first 8 KiB that is
    not UTF-16 text (which the reader names as such)."""
    kind = _binary_kind(raw)
    if kind is not None:
        what, workbook = kind
        raise CsvError(f"{path} is {what}, not a CSV file." + (_NOT_WORKBOOKS if workbook else _ONLY_CSV + "."))
    if b"\x00" in raw[:8192] and not utf16(raw):  # (UTF-16 text is named as such by the reader)
        raise CsvError(f"{path} is not a text file, so not a CSV file.{_ONLY_CSV}.")


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CsvError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        _refuse_binary(path, raw)
        if utf16(raw):  # (its zero bytes are UTF-8 too: it may decode)
            raise CsvError(f"{path} is saved as UTF-16 text; save it again as UTF-8 CSV, as the app's "
                           "export writes it.")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CsvError(f"{path} is not UTF-8 text, as the app's export writes it: {not_utf8(exc)}."
                           " Save it again as UTF-8 CSV.") from None
        # The csv module refuses cells over 131,072 characters with an error
        # that names no line; read every cell and check lengths ourselves.
        old_limit = csv.field_size_limit(max(len(text) + 1, 131_072))
        reader = csv.reader(io.StringIO(text, newline=""), strict=False)
        try:
            self.rows = list(reader)
        except csv.Error as exc:
            raise CsvError(f"{path}: line {reader.line_num}: {exc}.") from None
        finally:
            csv.field_size_limit(old_limit)
        if not self.rows:
            raise CsvError(f"{path}: the file is empty.")
        self.header = [h.strip() for h in self.rows[0]]

    def kind(self) -> str:
        if "routine" in self.header and "started_at" in self.header:
            return "sessions"
        if "exercise" in self.header and "set_number" in self.header:
            return "sets"
        first = ",".join(self.rows[0])
        for separator, name in ((";", "semicolons"), ("\t", "tabs")):
            if separator in first and ("session_id" + separator) in first:
                raise CsvError(
                    f"{self.path}: line 1: the cells are separated by {name}, as some"
                    " spreadsheet programs save them; Ankle Trainer reads files with commas"
                    " between cells. Save it again as CSV with ',' as the field separator"
                    " and '.' as the decimal mark."
                )
        raise CsvError(
            f"{self.path}: line 1: the header is not that of an Ankle Trainer export"
            f" (sessions start with {', '.join(SESSION_COLUMNS[:3])}, ...)."
        )

    def records(self, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
        missing = [c for c in required if c not in self.header]
        if missing:
            raise CsvError(f"{self.path}: line 1: the column {missing[0]} is missing. Import reads the files"
                           " Ankle Trainer exports, with every column: put it back in the header, or export"
                           " the history again.")
        for number, row in enumerate(self.rows[1:], start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(self.header):
                raise CsvError(
                    f"{self.path}: line {number}: {count(len(row), 'cell')} where the header has "
                    f"{count(len(self.header), 'column')}."
                )
            rec = dict(zip(self.header, row, strict=True))
            for column, limit in TEXT_LIMITS.items():
                cell = rec.get(column)
                if cell is None:
                    continue
                value = restore(cell)
                if len(value) > limit:
                    raise _fail(
                        self, number, column,
                        f"{count(len(value), 'character')}, more than the {limit:,} Ankle Trainer keeps;"
                        " shorten it and import again",
                    )
                rec[column] = value
            for column, cell in rec.items():
                if column in _OTHER_COLUMNS and len(cell) > 100:
                    raise _fail(self, number, column, f"{_quote(cell)} is not a value this column can hold")
            yield number, rec


def _fail(reader: _Reader, line: int, column: str, message: str) -> CsvError:
    col = reader.header.index(column) + 1 if column in reader.header else 0
    end = "" if message.endswith(".") else "."  # a sentence, as every other message
    return CsvError(f"{reader.path}: line {line}, column {col} ({column}): {message}{end}")


def _int(reader: _Reader, line: int, rec: dict[str, str], col: str, low: int, high: int) -> int | None:
    value = rec.get(col, "").strip()
    if value == "":
        return None
    if not (value.isascii() and value.lstrip("-").isdigit()):
        raise _fail(reader, line, col, f"{_quote(value)} is not a whole number")
    number = int(value)
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
        raise _fail(reader, line, col, f"{_quote(value)} is not a number (use '.' for decimals)") from None
    if not 0 <= number <= 100_000:  # the range said, and the value as written (not "1e+308")
        raise _fail(reader, line, col, f"{_quote(value)} is outside 0 to 100,000")
    return number


def _time(reader: _Reader, line: int, rec: dict[str, str], col: str, required: bool = True) -> datetime | None:
    value = rec.get(col, "").strip()
    if value == "" and not required:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _fail(reader, line, col, f"{_quote(value)} is not a date and time like 2026-06-01T07:30:00+02:00") from None
    if moment.tzinfo is None:
        raise _fail(reader, line, col, "the time needs its UTC offset, e.g. +01:00")
    if not FIRST_YEAR < moment.year < LAST_YEAR:
        raise _fail(reader, line, col, f"{_quote(value)} is outside the years {FIRST_YEAR} to {LAST_YEAR}")
    return moment


def _session_row(reader: _Reader, line: int, rec: dict[str, str]) -> tuple[object, ...]:
    """One checked session record as the values of an INSERT INTO session."""
    from .history import utc_iso

    sid = rec["session_id"].strip()
    if not sid or not (sid.isascii() and sid.isalnum()):
        raise _fail(reader, line, "session_id", "must be letters and digits")
    started = _time(reader, line, rec, "started_at")
    ended = _time(reader, line, rec, "ended_at", required=False)
    asked = _time(reader, line, rec, "next_morning_at", required=False)
    assert started is not None
    if ended is not None and ended < started:
        raise _fail(reader, line, "ended_at", "the session ends before it starts")
    if rec["status"] not in _SESSION_STATUSES:
        raise _fail(reader, line, "status", f"must be one of {', '.join(sorted(_SESSION_STATUSES))}")
    if rec["local_date"] != started.date().isoformat():
        raise _fail(
            reader, line, "local_date",
            f"{_quote(rec['local_date'])} is not the date of started_at in its own offset"
            f" ({started.date().isoformat()})",
        )
    offset = started.utcoffset()
    return (
        sid,
        rec.get("routine_id", "").strip() or "imported",
        rec["routine"],
        utc_iso(started),
        utc_iso(ended) if ended else None,
        int(offset.total_seconds() // 60) if offset else 0,
        rec["local_date"],
        rec["status"],
        _int(reader, line, rec, "sets_planned", 0, 10_000) or 0,
        _int(reader, line, rec, "pain_before", 0, 10),
        _int(reader, line, rec, "pain_after", 0, 10),
        rec.get("notes", ""),
        _int(reader, line, rec, "pain_next_morning", 0, 10),
        _int(reader, line, rec, "stiffness_next_morning", 0, 10),
        utc_iso(asked) if asked else None,
        _int(reader, line, rec, "level", 0, 1_000) or 0,
    )


_OTHER_COLUMNS = frozenset(SESSION_COLUMNS + SET_COLUMNS) - TEXT_LIMITS.keys()
_SESSION_STATUSES = frozenset({"completed", "stopped", "interrupted"})


def _set_row(reader: _Reader, line: int, rec: dict[str, str]) -> list[object]:
    """One checked set record as the values of an INSERT INTO session_set."""
    from .history import utc_iso

    if rec["side"] not in ("both", "left", "right"):
        raise _fail(reader, line, "side", "must be both, left or right")
    if rec["status"] not in ("completed", "skipped"):
        raise _fail(reader, line, "status", "must be completed or skipped")
    completed = _time(reader, line, rec, "completed_at")
    assert completed is not None
    return [
        rec["session_id"].strip(),
        _int(reader, line, rec, "seq", 0, 100_000),
        rec.get("exercise_id", "").strip() or rec["exercise"][:80],
        rec["exercise"],
        rec["side"],
        _int(reader, line, rec, "set_number", 1, 1000) or 1,
        _int(reader, line, rec, "target_reps", 0, 10_000),
        _int(reader, line, rec, "actual_reps", 0, 10_000),
        _float(reader, line, rec, "target_seconds"),
        _float(reader, line, rec, "actual_seconds"),
        rec["status"],
        utc_iso(completed),
        _int(reader, line, rec, "pain_during", 0, 10),
    ]


@translate
def import_csv(conn: sqlite3.Connection, paths: list[Path]) -> ImportReport:
    """Merge exported sessions and/or sets into the history.

    Sessions are matched by id: one already in the history is left as it is.
    A set is added when its session is in the files or the history and that
    session has no set at the same position (``seq``) yet, so a sessions
    file and its sets file can be imported together, one after the other in
    either order, or a sets file alone. Every row of every file is checked
    before anything is written; a bad cell raises :class:`CsvError` naming the
    file, line and column, and nothing is added. Nothing is ever shortened.
    """
    readers = [_Reader(Path(p)) for p in paths]
    session_rows: list[tuple[object, ...]] = []
    checked_sets: list[tuple[list[object], _Reader, int]] = []
    seen: set[str] = set()
    sets_listed: set[str] = set()  # sessions whose file counts sets done or skipped
    for reader in readers:
        if reader.kind() == "sessions":
            for line, rec in reader.records(("session_id", "started_at", "local_date", "routine", "status")):
                row = _session_row(reader, line, rec)
                if row[0] in seen:
                    raise _fail(reader, line, "session_id", f"session {row[0]} appears twice")
                seen.add(str(row[0]))
                session_rows.append(row)
                listed = sum(_int(reader, line, rec, name, 0, 10_000) or 0
                             for name in ("sets_completed", "sets_skipped"))
                if listed:
                    sets_listed.add(str(row[0]))
        else:
            for line, rec in reader.records(("session_id", "exercise", "side", "set_number", "status", "completed_at")):
                checked_sets.append((_set_row(reader, line, rec), reader, line))
    orphans: list[tuple[int, str]] = []
    sessions_present = 0
    added_sessions = added_sets = 0
    with transaction(conn):
        existing = {r[0] for r in conn.execute("SELECT id FROM session")}
        known = existing | seen
        for row in session_rows:
            if row[0] in existing:
                sessions_present += 1
                continue
            conn.execute(
                "INSERT INTO session (id, routine_id, routine_name, started_at, ended_at,"
                " utc_offset_minutes, local_date, status, sets_planned, pain_before, pain_after,"
                " notes, pain_next_morning, stiffness_next_morning, next_morning_at, level)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            added_sessions += 1
        # Positions already taken, per session touched by the sets files.
        taken: dict[str, set[int]] = {}
        from_file: set[tuple[str, int]] = set()
        already = 0
        for values, reader, line in checked_sets:
            sid = str(values[0])
            if sid not in known:
                orphans.append((line, reader.path.name))
                continue
            if sid not in taken:
                taken[sid] = {
                    int(r[0]) for r in conn.execute("SELECT seq FROM session_set WHERE session_id = ?", (sid,))
                }
            seq = values[1]
            if seq is None:
                seq = values[1] = max(taken[sid], default=-1) + 1
            assert isinstance(seq, int)
            if (sid, seq) in from_file:
                raise CsvError(
                    f"{reader.path}: line {line}: set {seq} of session {sid} appears twice."
                )
            from_file.add((sid, seq))
            if seq in taken[sid]:
                already += 1
                continue
            taken[sid].add(seq)
            conn.execute(
                "INSERT INTO session_set (session_id, seq, exercise_id, exercise_name, side,"
                " set_number, target_reps, actual_reps, target_seconds, actual_seconds, status,"
                " completed_at, pain_during) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            added_sets += 1
        added_ids = [str(row[0]) for row in session_rows if row[0] not in existing]
        to_come = sum(1 for sid in added_ids if sid in sets_listed and conn.execute(
            "SELECT 1 FROM session_set WHERE session_id = ? LIMIT 1", (sid,)).fetchone() is None)
    return ImportReport(added_sessions, added_sets, _left_out(sessions_present, already, orphans), to_come)
