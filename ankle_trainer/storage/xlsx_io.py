"""History to an Excel workbook (.xlsx), which spreadsheets open with real
dates and numbers in any locale (a CSV's "27.5" is text to a German-locale
Calc). Written with openpyxl; the same columns as the CSV export.

Local date-times (``started_local``, ``ended_local``, ``completed_local``) and
``local_date`` are date cells; counts, pain ratings and seconds are number
cells; text is always a text cell (never a formula, whatever it begins with,
so no apostrophe is needed); the exact ISO 8601 times with their offsets stay
text beside them. Written to a temporary file and renamed into place, like
the CSV export.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..files import atomic_file
from .csv_io import (
    SESSION_COLUMNS,
    SET_COLUMNS,
    CsvError,
    _fraction,
    _local_iso,
    _local_plain,
    _shift,
    _zone,
    export_errors,
)
from .db import PART_WAY, finished_sessions_where

# Columns read back as dates (plain local text from SQL -> datetime/date).
_DATETIMES = {"started_local", "ended_local", "completed_local"}
_DATES = {"local_date"}
_TEXT = {"session_id", "started_at", "ended_at", "routine", "status", "notes", "routine_id",
         "next_morning_at", "exercise", "side", "completed_at", "exercise_id"}


def _sessions_sql(first: str | None, last: str | None) -> tuple[str, list[str]]:
    where, args = finished_sessions_where(first, last)
    return (
        f"SELECT s.id, {_local_iso('s.started_at')}, {_local_iso('s.ended_at')}, s.local_date,"
        " s.routine_name, s.status, s.sets_planned,"
        " (SELECT count(*) FROM session_set t WHERE t.session_id = s.id AND t.status = 'completed'),"
        " s.pain_before, s.pain_after, s.pain_next_morning, s.notes, s.routine_id,"
        " (SELECT count(*) FROM session_set t WHERE t.session_id = s.id AND t.status = 'skipped'),"
        f" s.stiffness_next_morning, {_local_plain('s.started_at')}, {_local_plain('s.ended_at')},"
        " round((julianday(s.ended_at) - julianday(s.started_at)) * 86400, 3),"
        f" s.level, {_local_iso('s.next_morning_at')},"
        f" (SELECT count(*) FROM session_set t WHERE t.session_id = s.id AND {PART_WAY.format(t='t')})"
        f" FROM session s WHERE {where} ORDER BY s.started_at",
        args,
    )


def _sets_sql(first: str | None, last: str | None) -> tuple[str, list[str]]:
    where, args = finished_sessions_where(first, last)
    return (
        "SELECT t.session_id, t.exercise_name, t.side, t.set_number, t.target_reps,"
        " t.actual_reps, t.target_seconds, t.actual_seconds, t.status,"
        f" replace(datetime(t.completed_at, s.shift), ' ', 'T') || {_fraction('t.completed_at')}"
        " || s.zone, t.exercise_id, t.seq, t.pain_during, datetime(t.completed_at, s.shift)"
        f" FROM (SELECT s.id, s.started_at, {_shift('s.utc_offset_minutes')} AS shift,"
        f"  {_zone('s.utc_offset_minutes')} AS zone FROM session s WHERE {where}) s"
        " CROSS JOIN session_set t ON t.session_id = s.id ORDER BY s.started_at, t.seq",
        args,
    )


def export_xlsx(
    conn: sqlite3.Connection,
    path: Path,
    sets: bool = False,
    first: str | None = None,
    last: str | None = None,
) -> int:
    """Write sessions (or, with ``sets``, every set) to the workbook ``path``
    (one sheet, a header row, one row each); returns rows written.

    ``first``/``last`` are local dates (YYYY-MM-DD), both included. Only reads
    ``conn``. Raises :class:`CsvError` (message for the user) as export_csv does.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from ..core.times import reversed_dates

    problem = reversed_dates(first, last)
    if problem:
        raise CsvError(problem)
    header = SET_COLUMNS if sets else SESSION_COLUMNS
    sql, args = (_sets_sql if sets else _sessions_sql)(first, last)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sets" if sets else "Sessions")

    def text(value: str) -> Any:  # a write-only cell
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # a string is never a formula
        return cell

    kinds = [
        "datetime" if name in _DATETIMES else "date" if name in _DATES else
        "text" if name in _TEXT else "number"
        for name in header
    ]

    def convert(row: Iterable[Any]) -> list[Any]:
        out: list[Any] = []
        for kind, value in zip(kinds, row, strict=True):
            if value is None:
                out.append(None)
            elif kind == "datetime":
                out.append(datetime.fromisoformat(value))
            elif kind == "date":
                out.append(date.fromisoformat(value))
            elif kind == "text":
                out.append(text(str(value)))
            else:
                out.append(value)
        return out

    target = Path(path)
    count = 0
    with export_errors(target):
        with atomic_file(target, "wb") as handle:
            sheet.append([text(name) for name in header])
            cursor = conn.cursor()
            cursor.row_factory = None
            for row in cursor.execute(sql, args):
                sheet.append(convert(row))
                count += 1
            book.save(handle)
    return count
