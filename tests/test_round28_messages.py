"""Round 28: bad input on the command line and in the files it reads is
refused in plain, short words: a number out of its range names the range (no
wall of choices), a file name with the wrong ending is refused before
anything is written, and the messages about a damaged settings file, a bad
date, a file that is not a CSV file, a file that is not UTF-8 and an unknown
exercise say what to do without developer words."""

from __future__ import annotations

import argparse
import zipfile
from pathlib import Path

import pytest

from ankle_trainer.cli import main
from ankle_trainer.commands import WholeNumber, build_parser
from ankle_trainer.core.library import exercise_library
from ankle_trainer.core.routines import RoutineError, parse_routine
from ankle_trainer.storage.csv_io import CsvError, export_csv, import_csv
from ankle_trainer.storage.history import HistoryRepository
from ankle_trainer.storage.settings import SettingsStore

DEVELOPER_WORDS = ("JSON", "ISO 8601", "byte", "invalid choice", "choose from")


def _numeric_options() -> list[tuple[list[str], str, int, int]]:
    """Every option of every (sub)command whose value is a number: the words
    leading to its parser, the option, and its range."""
    found: list[tuple[list[str], str, int, int]] = []

    def scan(parser: argparse.ArgumentParser, words: list[str]) -> None:
        for action in parser._actions:  # argparse has no public list of a parser's actions
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    scan(sub, [*words, name])
            elif action.option_strings and action.nargs != 0:
                if isinstance(action.type, WholeNumber):
                    found.append((words, action.option_strings[-1], action.type.low, action.type.high))
                elif isinstance(action.choices, range):
                    found.append((words, action.option_strings[-1], action.choices[0], action.choices[-1]))
                else:  # a number with no range at all is the next one to catch
                    assert action.type not in (int, float), f"{words} {action.option_strings}: give it a range"

    scan(build_parser(), [])
    return found


def test_every_numeric_option_refuses_a_bad_value_naming_its_range_in_one_short_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    """`report --weeks 0` listed all 520 allowed numbers, `demo-data --years 0`
    all 30 (twenty-eighth round)."""
    options = _numeric_options()
    assert {option for _, option, _, _ in options} >= {"--weeks", "--years"}
    for words, option, low, high in options:
        for bad in (str(low - 1), "-3", str(high + 1), "99999", "x", "1.5"):
            with pytest.raises(SystemExit) as info:
                build_parser().parse_args([*words, option, bad, *(["r.pdf"] if words == ["report"] else [])])
            assert info.value.code == 2
            error = capsys.readouterr().err.strip().splitlines()[-1]
            assert error.endswith(f"argument {option}: '{bad}' is not a whole number from {low} to {high}"), error
            assert len(error) < 120 and not any(w in error for w in DEVELOPER_WORDS)
        args = build_parser().parse_args([*words, option, str(high), *(["r.pdf"] if words == ["report"] else [])])
        assert getattr(args, option.lstrip("-")) == high  # the ends of the range are taken


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("data")
    assert main(["demo-data", "--years", "1", "--data-dir", str(folder)]) == 0
    return folder


@pytest.mark.parametrize(("words", "name", "message"), [
    (["export"], "e.pdf", "Not written: an export's name ends in .csv or .xlsx (for example e.csv)."),
    (["export", "--sets"], "e", "Not written: an export's name ends in .csv or .xlsx (for example e.csv)."),
    (["report"], "r.txt", "Not written: a report's name ends in .pdf (for example r.pdf)."),
    (["report"], "r.csv", "Not written: a report's name ends in .pdf (for example r.pdf)."),
    (["routine", "export", "heel-drops"], "x.txt",
     "Not written: a routine file's name ends in .toml (for example x.toml)."),
])
def test_a_file_name_with_another_ending_is_refused_and_nothing_is_written(
        qapp: object, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        words: list[str], name: str, message: str) -> None:
    """`export e.pdf` wrote a CSV file named .pdf, `report r.txt` a PDF named
    .txt; routine export refused x.txt. One rule for all three."""
    target = tmp_path / name
    target.write_text("kept")
    capsys.readouterr()
    assert main([*words, str(target), "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err.strip() == f"ankle-trainer: {message}"
    assert target.read_text() == "kept" and [p.name for p in tmp_path.iterdir()] == [name]
    target.unlink()  # a new name is refused the same
    assert main([*words, str(target), "--data-dir", str(data)]) == 1
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("words", "name"), [
    (["export"], "E.CSV"), (["export"], "e.xlsx"), (["report"], "R.PDF"), (["routine", "export", "heel-drops"], "x.toml"),
])
def test_the_right_ending_in_any_case_is_written(qapp: object, data: Path, tmp_path: Path, words: list[str], name: str) -> None:
    assert main([*words, str(tmp_path / name), "--data-dir", str(data)]) == 0
    assert (tmp_path / name).stat().st_size > 0


@pytest.mark.parametrize("content", [b'{"theme": "dark",\n', b"[1, 2]", b"\xff\xfe{\x00}\x00", b'{"a":\n"\xe9"}'])
def test_a_settings_file_that_cannot_be_read_is_said_in_plain_words(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    result = SettingsStore(path).load()
    assert result.kept_aside is not None and result.kept_aside.read_bytes() == content  # nothing lost
    notice = result.notice or ""
    assert notice.startswith("Your settings file could not be read (")
    assert notice.endswith(f"), so the defaults are used; the damaged file is kept as {result.kept_aside}.")
    assert not any(w in notice for w in DEVELOPER_WORDS) and "because it" not in notice


def test_the_settings_notices_name_the_line_or_the_encoding(tmp_path: Path) -> None:
    said = {}
    for name, content in (("damaged", b'{"theme": "dark",\n'), ("utf16", '{"theme": "dark"}'.encode("utf-16")),
                          ("latin", b'{"theme":\n"d\xe9rk"}')):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "settings.json").write_bytes(content)
        said[name] = SettingsStore(folder / "settings.json").load().notice
    assert "(it is damaged at line 2)" in said["damaged"]
    assert "(it is saved as UTF-16 text)" in said["utf16"]
    assert "(line 2 has a character that is not UTF-8)" in said["latin"]


def test_a_bad_value_in_the_settings_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": "chartreuse", "sound_volume": 50}')
    result = SettingsStore(path).load()
    assert result.settings.sound_volume == 50
    assert result.notice == ("Some of your settings could not be used: theme must be one of system, light, dark "
                             f"(found 'chartreuse'). Defaults are used for those. The file was kept as "
                             f"{result.kept_aside}.")


@pytest.fixture
def exported(repo: HistoryRepository, tmp_path: Path) -> tuple[HistoryRepository, list[list[str]]]:
    from datetime import date

    from ankle_trainer.storage.demo import fill_demo_history

    fill_demo_history(repo, 1, date(2026, 6, 1))
    export_csv(repo.conn, tmp_path / "s.csv")
    return repo, (tmp_path / "s.csv").read_text("utf-8-sig").splitlines()


def _refusal(tmp_path: Path, name: str, content: bytes) -> str:
    """The import's message for a file of ``content``; checks that nothing was imported."""
    (tmp_path / name).write_bytes(content)
    other, _ = HistoryRepository.open(tmp_path / f"{name}.sqlite3")
    try:
        with pytest.raises(CsvError) as info:
            import_csv(other.conn, [tmp_path / name])
        assert other.count_sessions() == 0
    finally:
        other.close()
    message = str(info.value).replace(f"{tmp_path}/", "")
    assert not any(w in message for w in DEVELOPER_WORDS), message
    return message


def test_a_bad_time_in_a_csv_file_shows_the_form_to_use(tmp_path: Path, exported) -> None:  # type: ignore[no-untyped-def]
    _, lines = exported
    header, first = lines[0], lines[1].split(",")
    first[1] = "2026-13-45T07:33:00+01:00"
    message = _refusal(tmp_path, "bad.csv", "\n".join([header, ",".join(first)]).encode())
    assert message == ("bad.csv: line 2, column 2 (started_at): '2026-13-45T07:33:00+01:00' is not a date and "
                       "time like 2026-06-01T07:30:00+02:00.")


def _zip(path: Path, name: str, data: str) -> bytes:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(name, data)
    return path.read_bytes()


def test_not_workbooks_is_said_of_workbooks_only(tmp_path: Path) -> None:
    """A PDF renamed .csv was told "Import reads the CSV files ..., not workbooks"."""
    only = "Import reads the CSV files Ankle Trainer exports (a sessions file and a sets file)"
    workbook = f"{only}, not workbooks: choose those CSV files, or export again to CSV files."
    xlsx = _zip(tmp_path / "w.zip", "xl/workbook.xml", "<x/>")
    ods = _zip(tmp_path / "o.zip", "mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    other_zip = _zip(tmp_path / "z.zip", "readme.txt", "hello")
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "Workbook".encode("utf-16-le")
    assert _refusal(tmp_path, "a.csv", xlsx) == f"a.csv is an Excel workbook (.xlsx), not a CSV file. {workbook}"
    assert _refusal(tmp_path, "b.csv", ods) == f"b.csv is a spreadsheet workbook (.ods), not a CSV file. {workbook}"
    assert _refusal(tmp_path, "c.csv", xls) == f"c.csv is an old Excel workbook (.xls), not a CSV file. {workbook}"
    assert _refusal(tmp_path, "d.csv", b"%PDF-1.4\n%...") == f"d.csv is a PDF, not a CSV file. {only}."
    assert _refusal(tmp_path, "e.csv", other_zip) == f"e.csv is a zip archive, not a CSV file. {only}."
    assert _refusal(tmp_path, "f.csv", b"ab\x00\x01\x02\x03" * 10) == f"f.csv is not a text file, so not a CSV file. {only}."


def test_a_csv_file_not_in_utf8_names_utf16_or_the_line(tmp_path: Path, exported) -> None:  # type: ignore[no-untyped-def]
    _, lines = exported
    text = "\n".join(lines[:3])
    for name, content in (("bom.csv", text.encode("utf-16")), ("le.csv", text.encode("utf-16-le"))):
        assert _refusal(tmp_path, name, content) == (
            f"{name} is saved as UTF-16 text; save it again as UTF-8 CSV, as the app's export writes it.")
    latin = (text + "\n").encode() + lines[3].replace(",,", ",caf\xe9,", 1).encode("latin-1")
    assert _refusal(tmp_path, "latin.csv", latin) == (
        "latin.csv is not UTF-8 text, as the app's export writes it: line 4 has a character that is not "
        "UTF-8. Save it again as UTF-8 CSV.")


ROUTINE = 'format_version = 1\nid = "mine"\nname = "Mine"\n[[steps]]\nexercise = "{}"\nreps = 10\n'


@pytest.mark.parametrize(("exercise", "said"), [
    ("heel-drop", "unknown exercise 'heel-drop'; did you mean 'heel-drop-bent', 'heel-drop-floor' or "
                  "'heel-drop-straight'?"),
    ("calf-rise-bent", "unknown exercise 'calf-rise-bent'; did you mean 'calf-raise-bent' or 'calf-raise-straight'?"),
    # nothing like it: said so, and no id suggested that is nothing like it (thirty-first re-test)
    ("moonwalk", "unknown exercise 'moonwalk': no exercise of the app has an id like it"),
])
def test_an_unknown_exercise_is_named_with_the_ids_it_may_have_meant(exercise: str, said: str) -> None:
    library = exercise_library()
    with pytest.raises(RoutineError) as info:
        parse_routine(ROUTINE.format(exercise), library, origin="my.toml")
    sentence = info.value.sentence("my.toml")
    assert sentence.startswith(f"my.toml: step 1, exercise: {said}")
    named = [part.split("'")[0] for part in sentence.split(f"'{exercise}'")[1].split(" '")[1:]]
    assert all(i in library for i in named)  # every suggestion is an id that works
    assert bool(named) == ("did you mean" in sentence)
    assert "README" not in sentence


def test_a_routine_file_not_in_utf8_names_utf16_or_the_line() -> None:
    library = exercise_library()
    for content in (ROUTINE.format("ice").encode("utf-16"), ROUTINE.format("ice").encode("utf-16-le")):
        with pytest.raises(RoutineError) as info:
            parse_routine(content, library, origin="my.toml")
        assert info.value.sentence("my.toml") == (
            "my.toml: saved as UTF-16 text; save it again as UTF-8 text, as the app writes routine files.")
    with pytest.raises(RoutineError) as info:
        parse_routine(ROUTINE.format("ic\xe9").encode("latin-1"), library, origin="my.toml")
    assert info.value.sentence("my.toml") == (
        "my.toml: not UTF-8 text, as the app writes routine files (line 5 has a character that is not UTF-8);"
        " save it again as UTF-8 text.")
