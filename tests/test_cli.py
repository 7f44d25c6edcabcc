from __future__ import annotations

from pathlib import Path

import pytest

from ankle_trainer import __version__
from ankle_trainer.cli import build_parser, main
from ankle_trainer.paths import ENV_DATA_DIR, resolve_data_dir


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"ankle-trainer {__version__}"


def test_routines_lists_name_id_exercises_and_minutes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routines"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "ID", "EXERCISES", "MINUTES"]
    rows = {line.split("  ")[0]: line.split() for line in lines[1:]}
    assert rows["Eccentric heel drops"][-3:] == ["heel-drops", "2", "11"]
    assert len(lines) == 5


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
