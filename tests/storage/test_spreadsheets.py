"""The exports as a spreadsheet or pandas user opens them (issue 13).

The CSV files are opened with LibreOffice Calc itself (``soffice --headless
--convert-to xlsx``, which runs Calc's CSV import) and the result is read
back with openpyxl; the .xlsx export is read with openpyxl and pandas, the CSV
export with pandas. The history is demo data in Europe/Berlin, so summer
(+02:00) and winter (+01:00) offsets are mixed in one file. ``make test``
installs LibreOffice (``make system-tools``), so these tests never skip there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from ankle_trainer.storage.csv_io import SESSION_COLUMNS, SET_COLUMNS, export_csv
from ankle_trainer.storage.demo import fill_demo_history
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.xlsx_io import export_xlsx

pytestmark = pytest.mark.slow

# The sets files cover the change from summer to winter time (25 October 2026).
FIRST, LAST = "2026-10-18", "2026-11-01"
# LibreOffice's CSV filter options: comma, double quote, UTF-8, from line 1,
# no column formats, then the language and the import dialog's defaults
# ("Quoted field as text" and "Detect special numbers" both off).
ENGLISH = "CSV:44,34,76,1,,1033,false,false"
GERMAN = "CSV:44,34,76,1,,1031,false,false"


@dataclass(frozen=True)
class Exports:
    """The exported files (by name) and the ids of the two edited sessions."""

    paths: dict[str, Path]
    summer: str
    winter: str

    def __getitem__(self, name: str) -> Path:
        return self.paths[name]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Exports:
    """A year of demo sessions exported as CSV and .xlsx, with three values
    edited to have decimals: durations of 2049.5 s and 2050.125 s (one in
    summer, one in winter time) and a set held for 27.5 s."""
    folder = tmp_path_factory.mktemp("exports")
    repo, _ = HistoryRepository.open(folder / "history.sqlite3")
    fill_demo_history(repo, 1, date(2026, 11, 25))
    conn = repo.conn
    summer, winter = (
        conn.execute(
            "SELECT id, started_at FROM session WHERE utc_offset_minutes = ? AND local_date"
            " BETWEEN ? AND ? ORDER BY started_at LIMIT 1", (offset, FIRST, LAST)
        ).fetchone()
        for offset in (120, 60)
    )
    for (sid, started), seconds in ((summer, 2049.5), (winter, 2050.125)):
        end = datetime.fromisoformat(started) + timedelta(seconds=seconds)
        conn.execute("UPDATE session SET ended_at = ? WHERE id = ?",
                     (end.astimezone(UTC).isoformat(timespec="milliseconds"), sid))
    conn.execute("UPDATE session_set SET actual_seconds = 27.5 WHERE session_id = ? AND seq = 0",
                 (summer[0],))
    out = {
        "sessions.csv": folder / "sessions.csv",
        "sets.csv": folder / "sets.csv",
        "sessions.xlsx": folder / "sessions.xlsx",
        "sets.xlsx": folder / "sets.xlsx",
    }
    export_csv(conn, out["sessions.csv"])
    export_csv(conn, out["sets.csv"], sets=True, first=FIRST, last=LAST)
    export_xlsx(conn, out["sessions.xlsx"])
    export_xlsx(conn, out["sets.xlsx"], sets=True, first=FIRST, last=LAST)
    repo.close()
    # Both forms of a local date-time, to show why the export uses the "T".
    (folder / "forms.csv").write_text(
        "with_t,with_space\r\n2026-06-01T23:30:00,2026-06-01 23:30:00\r\n", encoding="utf-8"
    )
    out["forms.csv"] = folder / "forms.csv"
    return Exports(out, summer[0], winter[0])


def calc_opens(csv_files: list[Path], options: str, folder: Path) -> dict[str, list[dict[str, object]]]:
    """Open ``csv_files`` with LibreOffice Calc's CSV import (filter ``options``),
    save them as .xlsx and read the cells back with openpyxl: file name -> rows."""
    from openpyxl import load_workbook

    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is missing: `make system-tools` installs it"
    out = folder / "calc"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--norestore", f"--infilter={options}", "--convert-to", "xlsx", "--outdir", str(out),
         *map(str, csv_files)],
        capture_output=True, text=True, timeout=100,
        env={**os.environ, "HOME": str(folder)},
    )
    assert result.returncode == 0, result.stderr
    sheets = {}
    for path in csv_files:
        rows = list(load_workbook(out / f"{path.stem}.xlsx").active.iter_rows(values_only=True))
        header = [str(name).lstrip("\ufeff") for name in rows[0]]
        sheets[path.stem] = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    return sheets


@pytest.fixture(scope="module")
def calc_english(files, tmp_path_factory) -> dict[str, list[dict[str, object]]]:
    return calc_opens([files["sessions.csv"], files["sets.csv"], files["forms.csv"]], ENGLISH,
                      tmp_path_factory.mktemp("english"))


@pytest.fixture(scope="module")
def calc_german(files, tmp_path_factory) -> dict[str, list[dict[str, object]]]:
    return calc_opens([files["sessions.csv"], files["sets.csv"]], GERMAN,
                      tmp_path_factory.mktemp("german"))


def by_id(rows: list[dict[str, object]], sid: str) -> dict[str, object]:
    return next(r for r in rows if r["session_id"] == sid)


def test_calc_reads_the_local_times_as_dates_and_the_numbers_as_numbers(files, calc_english) -> None:
    sessions, sets = calc_english["sessions"], calc_english["sets"]
    assert list(sessions[0]) == list(SESSION_COLUMNS) and list(sets[0]) == list(SET_COLUMNS)
    assert len(sessions) > 300
    for row in sessions:
        assert isinstance(row["started_local"], datetime), row
        assert isinstance(row["ended_local"], datetime), row
        assert isinstance(row["local_date"], datetime) and row["local_date"].date() == row["started_local"].date()
        assert isinstance(row["sets_planned"], int) and isinstance(row["duration_seconds"], int | float)
        assert isinstance(row["started_at"], str)  # the exact time with its offset stays text
    assert {r["started_at"][-6:] for r in sessions} == {"+01:00", "+02:00"}
    summer, winter = by_id(sessions, files.summer), by_id(sessions, files.winter)
    assert summer["duration_seconds"] == 2049.5 and winter["duration_seconds"] == 2050.125
    for row in (summer, winter):  # local columns hold whole seconds
        assert row["ended_local"] - row["started_local"] == timedelta(seconds=int(row["duration_seconds"]))
    assert all(isinstance(r["completed_local"], datetime) for r in sets)
    assert {r["completed_at"][-6:] for r in sets} == {"+01:00", "+02:00"}
    held = next(r for r in sets if r["session_id"] == files.summer and r["seq"] == 0)
    assert held["actual_seconds"] == 27.5 and isinstance(held["set_number"], int)


def test_calc_needs_the_t_to_read_a_date_time_with_its_default_import_options(calc_english) -> None:
    [row] = calc_english["forms"]
    assert row["with_t"] == datetime(2026, 6, 1, 23, 30)
    assert row["with_space"] == "2026-06-01 23:30:00"  # text unless "Detect special numbers" is ticked


def test_a_german_calc_reads_the_dates_but_not_the_decimals_of_the_csv(files, calc_german) -> None:
    sessions, sets = calc_german["sessions"], calc_german["sets"]
    assert all(isinstance(r["started_local"], datetime) and isinstance(r["local_date"], datetime)
               and isinstance(r["started_at"], str) for r in sessions)
    assert all(isinstance(r["completed_local"], datetime) for r in sets)
    assert all(isinstance(r["pain_before"], int | None) for r in sessions)  # whole numbers are fine
    summer, winter = by_id(sessions, files.summer), by_id(sessions, files.winter)
    assert summer["duration_seconds"] == "2049.5"  # text: "," is the German decimal mark
    assert winter["duration_seconds"] == 2050125  # "." read as the thousands separator
    held = next(r for r in sets if r["session_id"] == files.summer and r["seq"] == 0)
    assert held["actual_seconds"] == "27.5"


def test_the_xlsx_export_holds_real_dates_and_numbers(files) -> None:
    from openpyxl import load_workbook

    for name, columns in (("sessions.xlsx", SESSION_COLUMNS), ("sets.xlsx", SET_COLUMNS)):
        sheet = load_workbook(files[name]).active
        assert next(sheet.iter_rows(max_row=1, values_only=True)) == columns
    sessions = load_workbook(files["sessions.xlsx"]).active
    rows = [dict(zip(SESSION_COLUMNS, row, strict=True))
            for row in sessions.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(r["started_local"], datetime) and isinstance(r["ended_local"], datetime)
               for r in rows)
    summer, winter = by_id(rows, files.summer), by_id(rows, files.winter)
    assert (summer["duration_seconds"], winter["duration_seconds"]) == (2049.5, 2050.125)
    assert summer["started_at"].endswith("+02:00") and winter["started_at"].endswith("+01:00")
    number_cells = [c for row in sessions.iter_rows(min_row=2) for c in row
                    if SESSION_COLUMNS[c.column - 1] in ("duration_seconds", "sets_planned")]
    assert {c.data_type for c in number_cells} == {"n"}  # numbers, whatever the reader's locale
    date_cells = [c for row in sessions.iter_rows(min_row=2) for c in row
                  if SESSION_COLUMNS[c.column - 1] in ("started_local", "local_date")]
    assert date_cells and all(c.is_date and isinstance(c.value, datetime) for c in date_cells)


def test_pandas_reads_dates_and_numbers_from_both_files(files) -> None:
    import pandas as pd
    from pandas.api.types import is_datetime64_any_dtype, is_numeric_dtype

    local = ["started_local", "ended_local", "local_date"]
    from_xlsx = pd.read_excel(files["sessions.xlsx"])
    from_csv = pd.read_csv(files["sessions.csv"], encoding="utf-8-sig", parse_dates=local)
    for frame in (from_xlsx, from_csv):
        assert list(frame.columns) == list(SESSION_COLUMNS)
        assert frame["started_at"].str[-6:].unique().size == 2  # summer and winter offsets
        for column in local:
            assert is_datetime64_any_dtype(frame[column]), (column, frame[column].dtype)
        for column in ("sets_planned", "sets_completed", "pain_before", "duration_seconds", "level"):
            assert is_numeric_dtype(frame[column]), (column, frame[column].dtype)
        exact = (pd.to_datetime(frame["ended_at"], utc=True, format="ISO8601")
                 - pd.to_datetime(frame["started_at"], utc=True, format="ISO8601")).dt.total_seconds()
        assert (frame["duration_seconds"] == exact).all()
        wall = (frame["ended_local"] - frame["started_local"]).dt.total_seconds()
        assert ((frame["duration_seconds"] - wall).abs() < 1).all()  # local times: whole seconds
        ids = frame.set_index("session_id")["duration_seconds"]
        assert (ids[files.summer], ids[files.winter]) == (2049.5, 2050.125)
    # Why the local columns are there: the exact times do not parse as dates
    # once two offsets are in one column.
    assert not is_datetime64_any_dtype(
        pd.read_csv(files["sessions.csv"], encoding="utf-8-sig", parse_dates=["started_at"])["started_at"]
    )
    for sets in (pd.read_excel(files["sets.xlsx"]),
                 pd.read_csv(files["sets.csv"], encoding="utf-8-sig", parse_dates=["completed_local"])):
        assert is_datetime64_any_dtype(sets["completed_local"])
        assert is_numeric_dtype(sets["actual_seconds"]) and is_numeric_dtype(sets["set_number"])
        assert sets["completed_at"].str[-6:].unique().size == 2
        assert 27.5 in set(sets["actual_seconds"])
