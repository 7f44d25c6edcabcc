from __future__ import annotations

from pathlib import Path

import pytest

from ankle_trainer import __version__
from ankle_trainer.cli import main
from ankle_trainer.commands import build_parser
from ankle_trainer.paths import ENV_DATA_DIR, resolve_data_dir


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"ankle-trainer {__version__}"


def test_routines_lists_name_id_exercises_and_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "empty"))
    assert main(["routines"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "ID", "EXERCISES", "MINUTES", "WHOSE"]
    rows = {line.split("  ")[0]: line.split() for line in lines[1:]}
    assert rows["Eccentric heel drops"][-4:] == ["heel-drops", "2", "12", "built-in"]  # 11 min 10 s, rounded up
    assert len(lines) == 1 + 13  # the header and the thirteen built-in routines


def test_the_readmes_routine_table_says_what_the_routines_command_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty-eighth re-test: the README's table of built-in routines gave
    34, 11, 5, 1 ... minutes where the app says 35, 12, 6, 2 (written before
    the get-ready countdown counted). Its id, exercises and minutes are the
    command's, for every built-in routine."""
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "empty"))
    assert main(["routines"]) == 0
    said = {line.split()[-4]: line.split()[-3:-1] for line in capsys.readouterr().out.splitlines()[1:]}
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Built-in routines", 1)[1].split("\n\n", 2)[2].split("\n\n", 1)[0]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table.splitlines()[2:]]
    written = {row[1].strip("`"): row[2:4] for row in rows}
    assert written == said


def test_routines_takes_data_dir_after_its_name_and_lists_your_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.conftest import TINY_ROUTINE

    routines = tmp_path / "data" / "routines"
    routines.mkdir(parents=True)
    (routines / "tiny.toml").write_text(TINY_ROUTINE)
    (routines / "broken.toml").write_text("id = 'broken'\n")
    before = sorted((p.name, p.read_bytes()) for p in routines.iterdir())
    assert main(["routines", "--data-dir", str(tmp_path / "data")]) == 0
    captured = capsys.readouterr()
    rows = [line.split() for line in captured.out.splitlines()[1:]]
    assert len(rows) == 13 + 1
    assert rows[-1][:4] == ["Tiny", "test", "routine", "tiny"] and rows[-1][-1] == "yours"
    assert [r for r in rows if r[-1] == "yours"] == [rows[-1]]
    assert captured.err.startswith(f"ankle-trainer: not listed (in {routines}): broken.toml: ")
    assert sorted((p.name, p.read_bytes()) for p in routines.iterdir()) == before  # nothing changed
    # every command takes --data-dir after its name
    for words in (["routine", "validate", "x.toml"], ["routine", "import", "x.toml"],
                  ["routine", "export", "x", "x.toml"], ["export", "x.csv"], ["import", "x.csv"],
                  ["check"], ["recover", "x"], ["report", "x.pdf"], ["demo-data"], ["sync"]):
        assert build_parser().parse_args([*words, "--data-dir", "D"]).data_dir == "D", words
    # the same before the command's name
    assert main(["--data-dir", str(tmp_path / "data"), "routines"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        line for line in captured.out.splitlines()[1:]]


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir() == tmp_path / "xdg" / "ankle-trainer"
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "env"))
    assert resolve_data_dir() == tmp_path / "env"
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"


def test_gui_options_parse() -> None:
    args = build_parser().parse_args(["--data-dir", "/x", "--quit-after-startup"])
    assert (args.data_dir, args.quit_after_startup, args.command) == ("/x", True, None)


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_demo_data_then_export_sessions_and_sets_with_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["demo-data", "--years", "1", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Added ") and "demo sessions with" in out
    assert main(["--data-dir", str(data), "export", str(tmp_path / "s.csv")]) == 0
    assert capsys.readouterr().out.startswith("Wrote ")
    import csv

    with open(tmp_path / "s.csv", encoding="utf-8-sig", newline="") as f:
        sessions = list(csv.DictReader(f))
    day = sessions[10]["local_date"]
    on_day = {r["session_id"] for r in sessions if r["local_date"] == day}
    assert main(["export", str(tmp_path / "t.csv"), "--sets", "--from", day, "--to", day,
                 "--data-dir", str(data)]) == 0
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as f:
        sets = list(csv.DictReader(f))
    assert list(sessions[0])[:6] == ["session_id", "started_at", "ended_at", "local_date", "routine", "status"]
    assert list(sets[0])[:4] == ["session_id", "exercise", "side", "set_number"]
    assert sets and {r["session_id"] for r in sets} == on_day  # only that day's sessions
    # demo data goes only into an empty history
    assert main(["demo-data", "--years", "1", "--data-dir", str(data)]) == 1
    assert "already has sessions" in capsys.readouterr().err


def test_export_without_a_history_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "s.csv"), "--data-dir", str(tmp_path / "none")]) == 1
    assert "there is no history in" in capsys.readouterr().err
    assert not (tmp_path / "s.csv").exists()


def test_export_to_an_unwritable_place_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["demo-data", "--years", "1", "--data-dir", str(data)]) == 0
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert main(["export", str(blocker / "s.csv"), "--data-dir", str(data)]) == 1
    assert "Choose a folder you can write to" in capsys.readouterr().err


def test_a_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "x.csv", "--from", "1 March"])
    assert info.value.code == 2
    assert "'1 March' is not a date as YYYY-MM-DD" in capsys.readouterr().err


def test_import_adds_once_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    assert main(["demo-data", "--years", "1", "--data-dir", str(source)]) == 0
    main(["export", str(tmp_path / "s.csv"), "--data-dir", str(source)])
    main(["export", str(tmp_path / "t.csv"), "--sets", "--data-dir", str(source)])
    # an empty history to import into
    from ankle_trainer.storage.history import open_history

    repo, _ = open_history(target)
    repo.close()
    capsys.readouterr()
    assert main(["import", str(tmp_path / "s.csv"), str(tmp_path / "t.csv"), "--data-dir", str(target)]) == 0
    first = capsys.readouterr().out
    assert first.startswith("Added ") and "Left out" not in first
    sessions, sets = first.split(" sessions and ")[0].split()[-1], first.split(" and ")[1].split()[0]
    assert int(sets.replace(",", "")) > 999 and "," in sets  # thousands separated
    assert main(["import", str(tmp_path / "s.csv"), str(tmp_path / "t.csv"), "--data-dir", str(target)]) == 0
    # counted in records, with their units, not in lines
    assert capsys.readouterr().out.strip() == (
        f"Added 0 sessions and 0 sets. Left out {sessions} sessions and {sets} sets already in your history.")


def test_import_of_a_workbook_or_other_binary_says_it_reads_the_csv_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, target = tmp_path / "a", tmp_path / "b"
    assert main(["demo-data", "--years", "1", "--data-dir", str(source)]) == 0
    assert main(["export", str(tmp_path / "s.xlsx"), "--data-dir", str(source)]) == 0
    from ankle_trainer.storage.history import open_history

    repo, _ = open_history(target)  # an empty history to import into
    repo.close()
    capsys.readouterr()
    before = (target / "history.sqlite3").read_bytes()
    assert main(["import", str(tmp_path / "s.xlsx"), "--data-dir", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        f"ankle-trainer: {tmp_path / 's.xlsx'} is an Excel workbook (.xlsx), not a CSV file. Import reads"
        " the CSV files Ankle Trainer exports (a sessions file and a sets file), not workbooks: choose"
        " those CSV files, or export again to CSV files. Nothing was imported.")
    (tmp_path / "h.csv").write_bytes((source / "history.sqlite3").read_bytes())
    assert main(["import", str(tmp_path / "h.csv"), "--data-dir", str(target)]) == 1
    assert "is a database file (perhaps a history file itself), not a CSV file." in capsys.readouterr().err
    (tmp_path / "z.csv").write_bytes(b"session_id,started_at\x00\x01\x02")
    assert main(["import", str(tmp_path / "z.csv"), "--data-dir", str(target)]) == 1
    assert "is not a text file, so not a CSV file." in capsys.readouterr().err
    assert (target / "history.sqlite3").read_bytes() == before  # nothing imported


def test_history_commands_leave_a_running_session_alone(tmp_path: Path) -> None:
    """The window may have a session under way: export and import must not
    close it as interrupted (only the window's own start does that)."""
    import sqlite3

    data = tmp_path / "data"
    assert main(["demo-data", "--years", "1", "--data-dir", str(data)]) == 0
    conn = sqlite3.connect(data / "history.sqlite3")
    conn.execute(
        "INSERT INTO session (id, routine_id, routine_name, started_at, utc_offset_minutes,"
        " local_date, status, sets_planned) VALUES ('running', 'heel-drops', 'Heel drops',"
        " '2026-11-25T07:00:00.000+00:00', 0, '2026-11-25', 'in_progress', 6)"
    )
    conn.commit()
    assert main(["export", str(tmp_path / "s.csv"), "--data-dir", str(data)]) == 0
    assert conn.execute("SELECT status FROM session WHERE id = 'running'").fetchone() == ("in_progress",)
    conn.close()


def test_routine_export_validate_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert main(["routine", "export", "calf-strength", str(tmp_path / "c.toml")]) == 0
    capsys.readouterr()
    text = (tmp_path / "c.toml").read_text().replace('id = "calf-strength"', 'id = "physio-plan"')
    (tmp_path / "mine.toml").write_text(text)
    # validate says what import would: a file named otherwise is fine to import
    # (twenty-first re-test: an exported file failed validate, yet imported)
    assert main(["routine", "validate", str(tmp_path / "mine.toml"), "--data-dir", str(data)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines() == [
        f"{tmp_path / 'mine.toml'}: OK: 'Calf strength, two legs to one' (id physio-plan), 2 steps,"
        f" about 12 minutes, 5 levels",
        f"'ankle-trainer routine import {tmp_path / 'mine.toml'}' saves it as physio-plan.toml; a copy put"
        " in the routines folder by hand must be named physio-plan.toml.",
    ]
    # ... but a file already in the routines folder must be named ID.toml there
    other = tmp_path / "other-data"
    (other / "routines").mkdir(parents=True)
    (other / "routines" / "mine.toml").write_text(text)
    assert main(["routine", "validate", str(other / "routines" / "mine.toml"), "--data-dir", str(other)]) == 1
    captured = capsys.readouterr()
    assert "OK" not in captured.out
    assert captured.err.strip() == (
        f"ankle-trainer: {other / 'routines' / 'mine.toml'}: id: 'physio-plan' does not match the file name"
        " 'mine.toml'. A routine file is only used from the routines folder when it is named"
        " physio-plan.toml; 'ankle-trainer routine import FILE' saves it under that name.")
    # ... and a built-in routine's id is refused, as import refuses it
    assert main(["routine", "validate", str(tmp_path / "c.toml"), "--data-dir", str(data)]) == 1
    captured = capsys.readouterr()
    assert "OK" not in captured.out
    assert captured.err.strip() == (f"ankle-trainer: {tmp_path / 'c.toml'}: id: 'calf-strength' is the id of"
                                    " a built-in routine; give the file another id.")
    (tmp_path / "physio-plan.toml").write_text(text)
    assert main(["routine", "validate", str(tmp_path / "physio-plan.toml")]) == 0
    out = capsys.readouterr().out
    assert "OK: 'Calf strength, two legs to one' (id physio-plan)" in out and "5 levels" in out
    assert "saves it as" not in out  # named as the folder wants: nothing more to say
    # import names the file so the app accepts it
    assert main(["routine", "import", str(tmp_path / "mine.toml"), "--data-dir", str(data)]) == 0
    saved = data / "routines" / "physio-plan.toml"
    # the built-in's name: named apart, as a copy is (thirty-first re-test's kind)
    assert saved.read_text() == text.replace('name = "Calf strength, two legs to one"',
                                             'name = "Calf strength, two legs to one (my copy)"')
    from ankle_trainer.core.library import exercise_library
    from ankle_trainer.storage.routine_store import RoutineStore

    mine, problems = RoutineStore(data / "routines", exercise_library()).load()
    assert [r.id for r in mine] == ["physio-plan"] and problems == []
    assert (data.stat().st_mode & 0o777) == 0o700
    # importing again needs --replace; a built-in id is refused
    assert main(["routine", "import", str(tmp_path / "mine.toml"), "--data-dir", str(data)]) == 1
    assert "--replace" in capsys.readouterr().err
    assert main(["routine", "import", str(tmp_path / "mine.toml"), "--replace", "--data-dir", str(data)]) == 0
    assert main(["routine", "import", str(tmp_path / "c.toml"), "--data-dir", str(data)]) == 1
    assert capsys.readouterr().err.strip() == (  # the words validate gives
        f"ankle-trainer: {tmp_path / 'c.toml'}: id: 'calf-strength' is the id of a built-in routine;"
        " give the file another id.")
    # your own routines can be exported too
    assert main(["routine", "export", "physio-plan", str(tmp_path / "back.toml"), "--data-dir", str(data)]) == 0
    assert (tmp_path / "back.toml").read_text() == saved.read_text()


def test_an_invalid_routine_file_names_file_step_field_and_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format_version = 1\nid = "x"\nname = "X"\n[[steps]]\nexercise = "calf-raise-straight"\nreps = 500\n')
    data = tmp_path / "data"
    assert main(["routine", "validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}: step 1, reps: 500 is out of range: a whole number from 1 to 100" in err
    assert main(["routine", "import", str(bad), "--data-dir", str(data)]) == 1
    assert not (data / "routines").exists()  # nothing written
    assert main(["routine", "validate", str(tmp_path / "missing.toml")]) == 1
    assert "cannot be read" in capsys.readouterr().err
    assert main(["routine", "export", "nope", str(tmp_path / "n.toml")]) == 1
    assert "no routine 'nope'" in capsys.readouterr().err


def test_plain_window_starts_skip_the_subcommand_parsers_but_help_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    from ankle_trainer.cli import _window_only

    assert _window_only([]) and _window_only(["--data-dir", "/x", "--quit-after-startup"])
    assert _window_only(["--data-dir=/x"]) and _window_only(["--version"])
    assert not _window_only(["routines"]) and not _window_only(["--data-dir", "/x", "export", "a.csv"])
    assert not _window_only(["--help"]) and not _window_only(["--data-dir"])  # missing value: full parser
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("routines", "export", "import", "demo-data", "routine"):
        assert command in out


def test_plain_starts_read_without_argparse_read_as_argparse_reads_them() -> None:
    """Start-up speed: a plain start of the window is read by hand; wherever
    that reading answers, argparse's answer is the same, and everything else
    (help, --version, commands, abbreviations, a value like an option) is
    left to argparse."""
    from ankle_trainer.cli import window_options

    plain = ([], ["--quit-after-startup"], ["--data-dir", "/x"], ["--data-dir=/x", "--quit-after-startup"],
             ["--quit-after-startup", "--data-dir", "a b"], ["--data-dir=", "--quit-after-startup"],
             ["--data-dir", ""], ["--data-dir=-x"], ["--data-dir", "/x", "--data-dir=/y"],
             ["--quit-after-startup", "--quit-after-startup"], ["--data-dir=a=b"])
    for words in plain:
        args = build_parser().parse_args(words)
        assert window_options(words) == (args.data_dir, args.quit_after_startup), words
        assert args.command is None
    for words in (["--version"], ["--help"], ["-h"], ["--data-dir"], ["--data-dir", "-x"], ["--quit"],
                  ["--data", "/x"], ["routines"], ["--"], ["--data-dir", "/x", "export", "a.csv"],
                  ["--data-dir", "--quit-after-startup"], ["-x"]):
        assert window_options(words) is None, words


def test_import_into_a_folder_with_no_history_creates_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    assert main(["demo-data", "--years", "1", "--data-dir", str(old)]) == 0
    assert main(["export", str(tmp_path / "s.csv"), "--data-dir", str(old)]) == 0
    assert main(["export", str(tmp_path / "t.csv"), "--sets", "--data-dir", str(old)]) == 0
    out = capsys.readouterr().out
    sessions = int(out.split("Wrote ")[1].split()[0].replace(",", ""))
    sets = int(out.split("Wrote ")[2].split()[0].replace(",", ""))
    assert main(["import", str(tmp_path / "s.csv"), str(tmp_path / "t.csv"), "--data-dir", str(new)]) == 0
    assert capsys.readouterr().out.strip() == f"Added {sessions:,} sessions and {sets:,} sets."
    assert (new / "history.sqlite3").exists()


def test_a_reversed_date_range_is_one_message_and_exit_2_for_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo-data", "--years", "1", "--data-dir", str(tmp_path)]) == 0
    capsys.readouterr()
    errors = []
    for command, out in (("export", "x.csv"), ("export", "x.xlsx"), ("report", "x.pdf")):
        code = main([command, str(tmp_path / out), "--from", "2026-06-10", "--to", "2026-06-01",
                     "--data-dir", str(tmp_path)])
        assert code == 2, command
        assert not (tmp_path / out).exists()
        errors.append(capsys.readouterr().err)
    assert errors[0] == errors[1] == errors[2]
    assert "The first date (2026-06-10) is after the last date (2026-06-01)" in errors[0]
    assert "Swap the two dates." in errors[0]


def test_export_check_and_recover_never_write_the_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import hashlib

    assert main(["demo-data", "--years", "1", "--data-dir", str(tmp_path)]) == 0
    db = tmp_path / "history.sqlite3"
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    db.chmod(0o400)  # (root ignores this; the read-only connection is what is tested)
    assert main(["check", "--data-dir", str(tmp_path)]) == 0
    assert "is sound" in capsys.readouterr().out
    assert main(["export", str(tmp_path / "x.csv"), "--data-dir", str(tmp_path)]) == 0
    assert main(["recover", str(tmp_path / "copy.sqlite3"), "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Your history file was not changed" in out
    # a sound history (with stopped and interrupted sessions) loses nothing
    assert "Nothing that could be counted was lost." in out
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert main(["check", "--data-dir", str(tmp_path / "nowhere")]) == 1


def test_export_to_xlsx_writes_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from openpyxl import load_workbook

    assert main(["demo-data", "--years", "1", "--data-dir", str(tmp_path)]) == 0
    assert main(["export", str(tmp_path / "s.xlsx"), "--data-dir", str(tmp_path)]) == 0
    written = int(capsys.readouterr().out.split("Wrote ")[1].split()[0])
    rows = list(load_workbook(tmp_path / "s.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == written + 1 and rows[0][0] == "session_id"


def test_every_option_and_command_of_the_cli_says_what_it_does() -> None:
    """`demo-data --help` listed --years with no words: every option, argument
    and command of every (sub)command has its help text."""
    import argparse

    from ankle_trainer.commands import build_parser

    silent: list[str] = []

    def scan(parser: argparse.ArgumentParser, path: str) -> None:
        for action in parser._actions:  # argparse has no public list of a parser's actions
            if isinstance(action, argparse._SubParsersAction):
                helps = {choice.dest: choice.help for choice in action._choices_actions}
                for name, sub in action.choices.items():
                    if not helps.get(name):
                        silent.append(f"{path} {name}")
                    scan(sub, f"{path} {name}")
            elif action.help is None:
                silent.append(f"{path} {'/'.join(action.option_strings) or action.dest}")

    scan(build_parser(), "ankle-trainer")
    assert silent == []


def test_the_readmes_command_list_names_each_command_form_once() -> None:
    """Sixth re-test: the README's list of commands had the demo-data line twice.
    Each command form (its first words up to the first option) appears once."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("```\nankle-trainer [--data-dir DIR]", 1)[1].split("```", 1)[0]
    forms = [line.split("  ")[0].split(" [")[0].strip() for line in block.splitlines()
             if line.startswith("ankle-trainer ")]
    assert len(forms) >= 10
    assert sorted(forms) == sorted(set(forms)), [f for f in forms if forms.count(f) > 1]


def test_routine_export_to_a_name_not_ending_in_toml_is_refused_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Twentieth re-test: TOML written to r.json without a word, then not
    listed by the editor's Import (which offers .toml files)."""
    target = tmp_path / "r.json"
    target.write_text("kept")
    assert main(["routine", "export", "sprain-protect", str(target)]) == 1
    err = capsys.readouterr().err
    assert "a routine file's name ends in .toml (for example r.toml)" in err
    assert target.read_text() == "kept" and not (tmp_path / "r.toml").exists()


def test_routine_minutes_on_the_command_line_use_the_folders_timings(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Twenty-sixth re-test: `routines` and `routine validate` said 7 minutes
    where home said 6, with a get-ready of 3 s and rests of 15 s set."""
    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.core.timing import estimated_minutes
    from ankle_trainer.storage.settings import Settings, SettingsStore

    data = tmp_path / "data"
    data.mkdir()
    chosen = Settings(get_ready_seconds=3, default_rest_seconds=15)
    SettingsStore(data / SettingsStore.FILE_NAME).save(chosen)
    assert main(["routines", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    differ = 0
    for routine in builtin_routines():
        line = next(line for line in out.splitlines() if f"  {routine.id}  " in line)
        minutes = estimated_minutes(routine, chosen.timing())
        assert line.split()[-2] == str(minutes), line
        differ += minutes != estimated_minutes(routine)
    assert differ > 0  # the folder's timings made a difference somewhere
    assert main(["routine", "export", "calf-strength", str(tmp_path / "c.toml")]) == 0
    text = (tmp_path / "c.toml").read_text().replace('id = "calf-strength"', 'id = "mine"')
    (tmp_path / "mine.toml").write_text(text)
    capsys.readouterr()
    assert main(["routine", "validate", str(tmp_path / "mine.toml"), "--data-dir", str(data)]) == 0
    calf = next(r for r in builtin_routines() if r.id == "calf-strength")
    assert f"about {estimated_minutes(calf, chosen.timing())} minute" in capsys.readouterr().out


@pytest.mark.parametrize(("words", "usage"), [
    (["check", "now"], "usage: ankle-trainer check "),
    (["routines", "--bogus"], "usage: ankle-trainer routines "),
    (["routine", "import", "x.toml", "--zz"], "usage: ankle-trainer routine import "),
])
def test_an_extra_word_is_refused_with_the_commands_own_usage(
        words: list[str], usage: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Twenty-ninth re-test: `ankle-trainer check now` printed the whole
    program's usage. A word a command does not take is refused with that
    command's own usage, naming the word; nothing runs."""
    with pytest.raises(SystemExit) as stopped:
        main(words)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(usage) and f"unrecognized arguments: {words[-1]}" in err
    assert "COMMAND" not in err


def test_a_read_only_data_folder_is_said_in_plain_words_on_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Twenty-ninth re-test: the window said a read-only data folder plainly,
    the command line "Read-only file system" (the system's words). Both say
    it the window's way, and nothing is written."""
    import os
    from types import SimpleNamespace

    from ankle_trainer.storage import folder_check

    data = tmp_path / "data"
    data.mkdir()
    routine = tmp_path / "mine.toml"
    assert main(["routine", "export", "sprain-protect", str(routine)]) == 0
    routine.write_text(routine.read_text().replace('id = "sprain-protect"', 'id = "mine"'))
    monkeypatch.setattr(folder_check.os, "statvfs", lambda p: SimpleNamespace(f_flag=os.ST_RDONLY))

    def refuse(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("ankle_trainer.paths.ensure_private_dir", refuse)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "routine", "import", str(routine)]) == 1
    err = capsys.readouterr().err
    assert "can only be read (mounted read-only)" in err and "Read-only file system" not in err
    assert main(["--data-dir", str(data), "import", str(tmp_path / "none.csv")]) != 0
    err = capsys.readouterr().err
    assert "can only be read (mounted read-only)" in err and "Read-only file system" not in err
    assert list(data.iterdir()) == []  # nothing written


def test_demo_data_needs_a_folder_named_for_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Thirty-first re-test: `ankle-trainer demo-data --years 1` (no
    --data-dir) filled the runner's own, empty, history with a year of
    made-up sessions. Without --data-dir it is refused and nothing is written."""
    own = tmp_path / "own"
    monkeypatch.setenv(ENV_DATA_DIR, str(own))  # where the window would open
    assert main(["demo-data", "--years", "1"]) == 2
    err = capsys.readouterr().err
    assert "--data-dir NEW_FOLDER" in err and "Nothing was written." in err
    assert not own.exists()
    assert main(["demo-data", "--years", "1", "--data-dir", str(tmp_path / "demo")]) == 0


def test_a_routine_imported_under_another_routines_name_is_named_apart(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Thirty-first re-test (the kind: two routines of one name, which every
    list, History and the report tell apart by name only): the command line
    names it apart as the editor's import does, and says so."""
    source = tmp_path / "physio.toml"
    assert main(["routine", "export", "ankle-mobility", str(source)]) == 0
    source.write_text(source.read_text().replace('id = "ankle-mobility"', 'id = "physio-mobility"'))
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "routine", "import", str(source)]) == 0
    out = capsys.readouterr().out
    assert "(named 'Ankle mobility (my copy)': another routine is called 'Ankle mobility')" in out
    assert 'name = "Ankle mobility (my copy)"' in (data / "routines" / "physio-mobility.toml").read_text()
