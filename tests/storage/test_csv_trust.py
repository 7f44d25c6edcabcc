"""Import keeps every set and refuses what it cannot keep exactly (issue 13)."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ankle_trainer.core.library import find_routine
from ankle_trainer.storage.csv_io import (
    SESSION_COLUMNS,
    CsvError,
    export_csv,
    import_csv,
    neutralise,
    restore,
)
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.sample import run_session

TZ = timezone(timedelta(hours=2))
TOKYO = timezone(timedelta(hours=9))


def rows_of(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


def write_rows(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)


@pytest.fixture
def source(repo: HistoryRepository) -> HistoryRepository:
    first = run_session(repo, find_routine("heel-drops"), datetime(2026, 6, 1, 23, 30, 0, 250_000, tzinfo=TZ),
                        4, 3, step=0.7)
    run_session(repo, find_routine("pre-run-warmup"), datetime(2026, 5, 11, 6, 0, tzinfo=TOKYO), 2, None,
                stop_after_seconds=60, step=5.0)
    repo.set_next_morning(first, 2, 3, datetime(2026, 6, 2, 7, 5, 1, 500_000, tzinfo=TZ))
    repo.conn.execute("UPDATE session SET level = 2 WHERE id = ?", (first,))
    repo.conn.execute("UPDATE session_set SET pain_during = 3 WHERE session_id = ? AND seq = 1", (first,))
    repo.update_session(first, notes="'-ish, and '=already quoted")
    return repo


def export_both(repo: HistoryRepository, folder: Path) -> tuple[Path, Path]:
    export_csv(repo.conn, folder / "s.csv")
    export_csv(repo.conn, folder / "t.csv", sets=True)
    return folder / "s.csv", folder / "t.csv"


def table(repo: HistoryRepository, name: str) -> list[tuple[object, ...]]:
    order = "id" if name == "session" else "session_id, seq"
    return [tuple(r) for r in repo.conn.execute(f"SELECT * FROM {name} ORDER BY {order}")]


def test_round_trip_restores_every_column_the_app_uses(source, tmp_path: Path) -> None:
    s, t = export_both(source, tmp_path)
    target, _ = HistoryRepository.open(tmp_path / "b.sqlite3")
    report = import_csv(target.conn, [s, t])
    assert report.skipped == []
    assert table(target, "session") == table(source, "session")  # next_morning_at, level, ms, notes
    assert table(target, "session_set") == table(source, "session_set")
    target.close()


@pytest.mark.parametrize("order", ["sessions then sets", "sets then sessions", "sets alone"])
def test_sets_are_added_in_a_second_import_in_either_order(source, tmp_path: Path, order: str) -> None:
    s, t = export_both(source, tmp_path)
    total = len(rows_of(t)) - 1
    target, _ = HistoryRepository.open(tmp_path / "b.sqlite3")
    if order == "sessions then sets":
        assert import_csv(target.conn, [s]).sets_added == 0
        second = import_csv(target.conn, [t])
        assert (second.sessions_added, second.sets_added, second.skipped) == (0, total, [])
    elif order == "sets then sessions":
        first = import_csv(target.conn, [t])
        assert first.sets_added == 0
        assert first.skipped == [first.skipped[0]]
        assert first.skipped[0].startswith(
            f"{total:,} sets whose session is in neither the files nor your history (line 2 of")
        import_csv(target.conn, [s])
        assert import_csv(target.conn, [t]).sets_added == total
    else:
        # A sets file alone adds the sets of sessions already in the history.
        import_csv(target.conn, [s])
        assert import_csv(target.conn, [t]).sets_added == total
    assert table(target, "session_set") == table(source, "session_set")
    again = import_csv(target.conn, [t])
    assert (again.sets_added, again.skipped) == (0, [f"{total:,} sets already in your history"])
    target.close()


def test_missing_sets_of_a_known_session_are_added_and_present_ones_kept(source, tmp_path: Path) -> None:
    s, t = export_both(source, tmp_path)
    target, _ = HistoryRepository.open(tmp_path / "b.sqlite3")
    import_csv(target.conn, [s, t])
    sid = max(source.recent_sessions(5), key=lambda r: r.sets_completed).id
    target.conn.execute("DELETE FROM session_set WHERE session_id = ? AND seq >= 3", (sid,))
    deleted = len(source.sets_for(sid)) - 3
    report = import_csv(target.conn, [t])
    assert report.sets_added == deleted
    assert table(target, "session_set") == table(source, "session_set")
    target.close()


@pytest.mark.parametrize("text", ["'-ish", "'=already quoted", "'", "''", "'''=", "=1", "a'b", "'\t", ""])
def test_the_neutralising_prefix_is_reversible(text: str) -> None:
    assert restore(neutralise(text)) == text


@given(st.text(max_size=30))
def test_the_neutralising_prefix_is_reversible_for_every_string(text: str) -> None:
    assert restore(neutralise(text)) == text


def edit_cell(path: Path, out: Path, column: str, value: str, line: int = 2) -> None:
    rows = rows_of(path)
    rows[line - 1][rows[0].index(column)] = value
    write_rows(out, rows)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("notes", "n" * 10_001, "column 12 (notes): 10,001 characters, more than the 10,000 Ankle Trainer keeps"),
        ("routine", "r" * 201, "column 5 (routine): 201 characters, more than the 200"),
        ("notes", "x" * 131_073, "column 12 (notes): 131,073 characters"),
        ("local_date", "2026-06-04", "column 4 (local_date): '2026-06-04' is not the date of started_at in its own offset (2026-06-01)"),
        ("started_at", "0001-01-01T00:30:00+01:00", "column 2 (started_at): '0001-01-01T00:30:00+01:00' is outside the years 1970 to 2999"),
        ("ended_at", "9999-12-31T23:30:00-01:00", "column 3 (ended_at): '9999-12-31T23:30:00-01:00' is outside the years"),
        ("ended_at", "2026-06-01T23:29:00+02:00", "column 3 (ended_at): the session ends before it starts"),
        ("pain_before", "9" * 5000, "column 9 (pain_before): '9999999999999999999999999999999999999999...' (5,000 characters) is not a value this column can hold"),
        ("started_at", "y" * 100_000, "column 2 (started_at): 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy...' (100,000 characters) is not a value"),
    ],
)
def test_bad_cells_get_line_and_column_and_nothing_is_added(
    source, tmp_path: Path, column: str, value: str, message: str
) -> None:
    s, _ = export_both(source, tmp_path)
    line = next(i for i, r in enumerate(rows_of(s), start=1) if r[3] == "2026-06-01")
    edit_cell(s, tmp_path / "bad.csv", column, value, line)
    target, _ = HistoryRepository.open(tmp_path / "b.sqlite3")
    with pytest.raises(CsvError) as info:
        import_csv(target.conn, [tmp_path / "bad.csv"])
    assert f"bad.csv: line {line}, {message}" in str(info.value)
    assert str(info.value).endswith(".")
    assert len(str(info.value)) < 400  # the quoted value is bounded
    assert target.count_sessions() == 0
    target.close()


def test_a_long_exercise_name_is_refused_not_cut(source, tmp_path: Path) -> None:
    _, t = export_both(source, tmp_path)
    edit_cell(t, tmp_path / "bad.csv", "exercise", "e" * 201)
    target, _ = HistoryRepository.open(tmp_path / "b.sqlite3")
    with pytest.raises(CsvError, match=r"line 2, column 2 \(exercise\): 201 characters"):
        import_csv(target.conn, [tmp_path / "bad.csv"])
    target.close()


def test_a_semicolon_separated_file_is_named_as_such(source, tmp_path: Path) -> None:
    s, _ = export_both(source, tmp_path)
    write_rows(tmp_path / "semi.csv", rows_of(s), delimiter=";")
    with pytest.raises(CsvError, match="line 1: the cells are separated by semicolons") as info:
        import_csv(source.conn, [tmp_path / "semi.csv"])
    assert "',' as the field separator" in str(info.value)


def test_spreadsheet_columns_give_local_wall_time_beside_the_exact_time(source, tmp_path: Path) -> None:
    s, t = export_both(source, tmp_path)
    sessions = list(csv.DictReader(io.StringIO(s.read_text("utf-8-sig"), newline="")))
    tokyo = next(r for r in sessions if r["local_date"] == "2026-05-11")
    assert tokyo["started_at"] == "2026-05-11T06:00:00+09:00"
    assert tokyo["started_local"] == "2026-05-11T06:00:00"
    assert tokyo["ended_local"] == "2026-05-11T06:01:00"
    assert tokyo["duration_seconds"] == "60.0"
    late = next(r for r in sessions if r["local_date"] == "2026-06-01")
    assert late["started_at"] == "2026-06-01T23:30:00.250+02:00"  # milliseconds kept
    assert late["started_local"] == "2026-06-01T23:30:00"
    assert late["next_morning_at"] == "2026-06-02T07:05:01.500+02:00"
    assert late["level"] == "2"
    sets = list(csv.DictReader(io.StringIO(t.read_text("utf-8-sig"), newline="")))
    assert all(r["completed_local"] == r["completed_at"][:19] for r in sets)
    assert list(sessions[0]) == list(SESSION_COLUMNS)


def test_a_reversed_date_range_is_refused_with_a_message(source, tmp_path: Path) -> None:
    with pytest.raises(CsvError, match=r"The first date \(2026-06-10\) is after the last date \(2026-06-01\)"):
        export_csv(source.conn, tmp_path / "x.csv", first="2026-06-10", last="2026-06-01")
    assert not (tmp_path / "x.csv").exists()


# -- fuzz: whatever the file holds, import answers with a report or a CsvError --

cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "1", "-1", "10", "2026-06-01", "2026-06-01T07:00:00+02:00", "completed",
                     "both", "nan", "inf", "1e999", "'=x", "0001-01-01T00:30:00+01:00"]),
    st.integers(min_value=-(10**600), max_value=10**600).map(str),
    st.text(alphabet="[{(\"'", min_size=200, max_size=2000),
)


@given(
    header=st.sampled_from(["sessions", "sets", "junk"]),
    rows=st.lists(st.lists(cell, min_size=0, max_size=22), max_size=4),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_files_never_raise_anything_but_a_csv_error(tmp_path_factory, header, rows, delimiter) -> None:
    from ankle_trainer.storage.csv_io import SET_COLUMNS

    folder = tmp_path_factory.mktemp("fz")
    columns = {"sessions": list(SESSION_COLUMNS), "sets": list(SET_COLUMNS), "junk": ["a", "b"]}[header]
    write_rows(folder / "f.csv", [columns, *rows], delimiter=delimiter)
    repo, _ = HistoryRepository.open(folder / "h.sqlite3")
    try:
        import_csv(repo.conn, [folder / "f.csv"])
    except CsvError as exc:
        assert str(exc)
    finally:
        repo.close()


@given(st.binary(max_size=300))
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_fuzzed_bytes_never_raise_anything_but_a_csv_error(tmp_path_factory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("fb")
    (folder / "f.csv").write_bytes(data)
    repo, _ = HistoryRepository.open(folder / "h.sqlite3")
    try:
        import_csv(repo.conn, [folder / "f.csv"])
    except CsvError:
        pass
    finally:
        repo.close()


@pytest.mark.parametrize(
    "name", ['a,b', 'say "hi"', "line\nbreak", "cr\rhere", "'quoted", "=1+1", "\tlead", "plain", "é🦶", "x\0y"]
)
def test_sets_lines_built_by_sqlite_are_what_the_csv_module_writes(repo, tmp_path: Path, name: str) -> None:
    from ankle_trainer.storage.csv_io import SET_COLUMNS, neutralise

    sid = repo.start_session("r", "R", datetime(2026, 5, 1, 7, tzinfo=TZ), 2, None)
    for seq, seconds in ((0, 12.1), (1, None)):
        repo.conn.execute(
            "INSERT INTO session_set (session_id, seq, exercise_id, exercise_name, side, set_number,"
            " target_seconds, actual_seconds, target_reps, status, completed_at)"
            " VALUES (?, ?, ?, ?, 'left', 1, ?, ?, 15, 'completed', '2026-05-01T05:01:00.120+00:00')",
            (sid, seq, name, name, seconds, seconds),
        )
    repo.conn.execute("UPDATE session SET status = 'completed' WHERE id = ?", (sid,))
    export_csv(repo.conn, tmp_path / "t.csv", sets=True)
    raw = (tmp_path / "t.csv").read_bytes().decode("utf-8-sig")
    expected = io.StringIO(newline="")
    writer = csv.writer(expected, lineterminator="\r\n")
    writer.writerow(SET_COLUMNS)
    for seq, seconds in ((0, 12.1), (1, None)):
        writer.writerow([sid, neutralise(name), "left", 1, 15, None, seconds, seconds, "completed",
                         "2026-05-01T07:01:00.120+02:00", neutralise(name), seq, None, "2026-05-01T07:01:00"])
    assert raw == expected.getvalue()


def test_stored_export_lines_follow_every_change_of_a_set(source, tmp_path: Path) -> None:
    from ankle_trainer.storage.csv_io import set_line_sql

    sid = max(source.recent_sessions(5), key=lambda r: r.sets_completed).id
    source.set_actual(sid, 0, 7, None)
    source.set_pain_during(sid, 1, 6)
    source.conn.execute("UPDATE session SET utc_offset_minutes = -330 WHERE id = ?", (sid,))
    fresh = set_line_sql("t", "printf('%+d minutes', s.utc_offset_minutes)", "'-05:30'")
    stored, computed = zip(*source.conn.execute(
        f"SELECT t.export_line, {fresh} FROM session_set t JOIN session s ON s.id = t.session_id"
        " WHERE t.session_id = ?", (sid,)), strict=True)
    assert stored == computed
    assert "-05:30," in stored[0] and ",7," in stored[0]


def test_demo_data_uses_the_real_offsets_of_its_zone(repo) -> None:
    from datetime import date
    from zoneinfo import ZoneInfo

    from ankle_trainer.storage.demo import fill_demo_history

    fill_demo_history(repo, 2, date(2026, 11, 25))
    berlin = ZoneInfo("Europe/Berlin")
    rows = repo.conn.execute("SELECT started_at, utc_offset_minutes, local_date FROM session").fetchall()
    wrong = [
        r for r in rows
        if datetime.fromisoformat(r[0]).astimezone(berlin).utcoffset() != timedelta(minutes=r[1])
        or datetime.fromisoformat(r[0]).astimezone(berlin).date().isoformat() != r[2]
    ]
    assert wrong == []
    assert {r[1] for r in rows} == {60, 120}  # winter and summer time
    with pytest.raises(ValueError, match="'Mars/Olympus' is not a time zone"):
        fill_demo_history(repo, 1, date(2026, 11, 25), zone="Mars/Olympus")


def test_the_xlsx_export_has_real_dates_numbers_and_text_never_formulas(source, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from ankle_trainer.storage.csv_io import SET_COLUMNS
    from ankle_trainer.storage.xlsx_io import export_xlsx

    sid = max(source.recent_sessions(5), key=lambda r: r.sets_completed).id
    source.update_session(sid, notes="=HYPERLINK(\"http://x\")")
    assert export_xlsx(source.conn, tmp_path / "s.xlsx") == 2
    sheet = load_workbook(tmp_path / "s.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert tuple(rows[0]) == SESSION_COLUMNS
    late = dict(zip(SESSION_COLUMNS, next(r for r in rows[1:] if r[0] == sid), strict=True))
    assert late["started_local"] == datetime(2026, 6, 1, 23, 30, 0)  # a date cell, not text
    assert late["local_date"] == datetime(2026, 6, 1)  # (xlsx dates read back as datetimes)
    assert late["started_at"] == "2026-06-01T23:30:00.250+02:00"
    assert late["pain_before"] == 4
    assert late["duration_seconds"] == round(source.get_session(sid).duration_seconds, 3) > 0  # a number cell
    assert late["notes"] == "=HYPERLINK(\"http://x\")"  # text as typed, no apostrophe
    note_cell = next(c for c in sheet[rows.index(next(r for r in rows if r[0] == sid)) + 1]
                     if c.value == late["notes"])
    assert note_cell.data_type == "s"  # a string, never a formula
    assert export_xlsx(source.conn, tmp_path / "t.xlsx", sets=True) == len(
        rows_of(export_both(source, tmp_path)[1])) - 1
    sets = [[c.value for c in row] for row in load_workbook(tmp_path / "t.xlsx").active.iter_rows()]
    assert tuple(sets[0]) == SET_COLUMNS
    first = dict(zip(SET_COLUMNS, sets[1], strict=True))
    assert isinstance(first["completed_local"], datetime) and isinstance(first["set_number"], int)


def test_a_sessions_file_alone_says_its_sets_are_still_to_come(source, tmp_path: Path) -> None:
    """Sixth re-test: the export's default (one row per session) imported on a
    new computer showed every completed session with 0 sets done, and the
    import said nothing. It says which sessions wait for their sets file; once
    that is imported, nothing is said and the counts are the source's."""
    s, t = export_both(source, tmp_path)
    target, _ = HistoryRepository.open(tmp_path / "b.sqlite3")
    first = import_csv(target.conn, [s])
    assert first.sets_to_come == 2
    assert ("These files hold no sets for 2 sessions, shown without their sets for now: import the sets "
            "file exported with these (one row per set) and the sets will show.") in first.summary()
    second = import_csv(target.conn, [t])
    assert second.sets_to_come == 0 and "hold no sets" not in second.summary()
    assert [(r.sets_completed, r.sets_skipped) for r in target.recent_sessions()] == \
        [(r.sets_completed, r.sets_skipped) for r in source.recent_sessions()]
    together, _ = HistoryRepository.open(tmp_path / "c.sqlite3")
    assert import_csv(together.conn, [s, t]).sets_to_come == 0  # both at once: nothing to come
    target.close()
    together.close()


@pytest.mark.parametrize("value", ["1e308", "nan", "-1", "1e9"])
def test_a_sets_files_number_outside_its_range_says_the_range_as_written(source, tmp_path: Path, value: str) -> None:
    """Thirty-first re-test: 1e308 in a sets file was refused as "1e+308 is out
    of range", without the range and not as written."""
    _, t = export_both(source, tmp_path)
    line = next(i for i, r in enumerate(rows_of(t), start=1) if i > 1 and r[rows_of(t)[0].index("actual_seconds")])
    edit_cell(t, tmp_path / "bad.csv", "actual_seconds", value, line)
    target, _ = HistoryRepository.open(tmp_path / "b.sqlite3")
    with pytest.raises(CsvError) as info:
        import_csv(target.conn, [tmp_path / "bad.csv"])
    assert f"column 8 (actual_seconds): '{value}' is outside 0 to 100,000." in str(info.value)
    assert target.count_sessions() == 0
    target.close()
