"""Start-up checks: a known-bad Qt binding and missing X11 libraries are
named in plain words with the command that fixes them; Qt's offscreen noise
is hidden; the install prints no setuptools warnings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ankle_trainer import platform_check as pc

REPO = Path(__file__).resolve().parents[1]


# -- the Qt binding ------------------------------------------------------------------
def test_pyside_6_12_0_on_python_3_11_is_named_with_the_fix() -> None:
    text = pc.binding_message("6.12.0", (3, 11, 7), "/opt/app/bin/python")
    assert text is not None
    assert "PySide6 6.12.0 on Python 3.11" in text
    assert ('/opt/app/bin/python -m pip install "PySide6-Essentials>=6.7,<6.13,!=6.12.0" '
            '"PySide6-Addons>=6.7,<6.13,!=6.12.0"') in text
    assert "Python 3.12 or newer" in text


@pytest.mark.parametrize(("version", "python"), [("6.12.0", (3, 12)), ("6.12.0", (3, 13)),
                                                  ("6.11.3", (3, 11)), ("6.12.1", (3, 11))])
def test_other_pairs_are_not_flagged(version: str, python: tuple[int, int]) -> None:
    assert pc.binding_message(version, python, "python") is None


def test_the_exclusion_in_pyproject_matches_the_known_bad_list() -> None:
    import tomllib

    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    for bad in pc.KNOWN_BAD_BINDINGS:
        below = f"python_version < '{bad.python_below[0]}.{bad.python_below[1]}'"
        for dist in ("PySide6-Essentials", "PySide6-Addons"):
            [guarded] = [d for d in deps if d.startswith(dist) and below in d]
            assert f"!={bad.version}" in guarded


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_start_up_with_a_bad_binding_says_so_and_touches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import PySide6
    from PySide6.QtWidgets import QMessageBox

    from ankle_trainer.ui.app import run_gui

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(PySide6, "__version__", "6.12.0")
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    data = tmp_path / "data"
    assert run_gui(str(data)) == 4
    [(title, text)] = shown
    assert title == "Ankle Trainer cannot start"
    assert "PySide6 6.12.0 on Python 3.11" in text and "-m pip install" in text
    assert "PySide6 6.12.0" in capsys.readouterr().err
    assert not data.exists()  # stopped before the history was opened or created


# -- the X11 plugin --------------------------------------------------------------------
LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd1a3f2000)
\tlibQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0c7d000000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0c7cf00000)
\tlibxcb-icccm.so.4 => not found
"""


def test_ldd_output_gives_each_missing_library_once() -> None:
    assert pc.parse_ldd(LDD_OUTPUT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


@pytest.mark.parametrize(("soname", "package"), [
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libEGL.so.1", "libegl1"),
    ("libdbus-1.so.3", "libdbus-1-3"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
])
def test_library_names_map_to_debian_packages(soname: str, package: str) -> None:
    assert pc.debian_package(soname) == package


def test_the_message_names_the_missing_libraries_and_the_install_command() -> None:
    text = pc.xcb_message(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    assert "these libraries, which are not installed: libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n" in text
    one = pc.xcb_message(["libxcb-icccm.so.4"])
    assert "this library, which is not installed: libxcb-icccm.so.4" in one
    assert "install it with" in one


@pytest.mark.parametrize(("env", "expected"), [
    ({"DISPLAY": ":0"}, True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, True),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
    ({}, False),
])
def test_the_check_runs_only_when_qt_would_use_x11(env: dict[str, str], expected: bool) -> None:
    assert pc.uses_xcb(env, "linux") is expected


def _fake_ldd(folder: Path, output: str) -> Path:
    ldd = folder / "ldd"
    ldd.write_text(f"#!/bin/sh\ncat <<'END'\n{output}END\n")
    ldd.chmod(0o755)
    return ldd


def test_the_dynamic_loader_is_asked_about_the_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugins = tmp_path / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    (plugins / "platforms" / "libqxcb.so").write_bytes(b"\x7fELF")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_ldd(bin_dir, LDD_OUTPUT)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    text = pc.xcb_problem(plugins, {"DISPLAY": ":0"})
    assert text is not None and "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    _fake_ldd(bin_dir, "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n")
    assert pc.xcb_problem(plugins, {"DISPLAY": ":0"}) is None  # nothing missing: Qt goes on


@pytest.mark.slow
def test_the_app_names_missing_x11_libraries_instead_of_aborting(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake_ldd(bin_dir, LDD_OUTPUT)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env["DISPLAY"] = ":97"  # no server there: the check comes before Qt connects
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    data = tmp_path / "data"
    out = subprocess.run(
        [sys.executable, "-m", "ankle_trainer", "--data-dir", str(data), "--quit-after-startup"],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert out.returncode == 4, out.stderr
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in out.stderr
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in out.stderr
    assert "could not load the Qt platform plugin" not in out.stderr
    assert not data.exists()


# -- Qt's log ----------------------------------------------------------------------------
def test_offscreen_size_hint_noise_is_not_shown_but_other_qt_lines_are(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

    from ankle_trainer.ui.app import _quiet_qt_log

    warning, context = QtMsgType.QtWarningMsg, QMessageLogContext()
    _quiet_qt_log(warning, context, "This plugin does not support propagateSizeHints()")
    assert capsys.readouterr().err == ""
    _quiet_qt_log(warning, context, "QFont::setPointSize: Point size <= 0 (0)")
    assert capsys.readouterr().err == "QFont::setPointSize: Point size <= 0 (0)\n"


@pytest.mark.slow
def test_without_a_display_qt_noise_is_not_printed(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run(
        [sys.executable, "-m", "ankle_trainer", "--data-dir", str(tmp_path), "--quit-after-startup"],
        capture_output=True, text=True, timeout=60, env=env,
    )
    assert out.returncode == 0, out.stderr
    assert "No display found" in out.stderr
    assert "propagateSizeHints" not in out.stderr


# -- a quiet install ---------------------------------------------------------------------
@pytest.mark.slow
def test_building_the_package_prints_no_setuptools_warnings(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--verbose", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    log = out.stdout + out.stderr
    assert "running build_py" in log  # the verbose build log really is here
    for warning in ("would be ignored", "is absent from the `packages` configuration",
                    "SetuptoolsDeprecationWarning", "_Warning:"):
        assert warning not in log


# -- the X11 check's memory ---------------------------------------------------------------
def _plugins_with_ldd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str) -> tuple[Path, Path]:
    """A plugins folder holding a stand-in xcb plugin, and a fake ldd on PATH
    that prints ``output`` and appends a line to the returned log per run."""
    plugins = tmp_path / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    (plugins / "platforms" / "libqxcb.so").write_bytes(b"\x7fELF")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "ldd-runs"
    _write_logging_ldd(bin_dir, log, output)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    return plugins, log


def _write_logging_ldd(bin_dir: Path, log: Path, output: str) -> None:
    ldd = bin_dir / "ldd"
    ldd.write_text(f"#!/bin/sh\necho run >> '{log}'\ncat <<'END'\n{output}END\n")
    ldd.chmod(0o755)


def _runs(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


CLEAN_LDD = "\tlibc.so.6 => /lib/libc.so.6 (0x1)\n"


def test_a_clean_check_is_remembered_and_the_next_start_skips_ldd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins, log = _plugins_with_ldd(tmp_path, monkeypatch, CLEAN_LDD)
    cache, loader = tmp_path / "cache", tmp_path / "ld.so.cache"
    cache.mkdir()
    loader.write_bytes(b"index")
    env = {"DISPLAY": ":0"}
    assert pc.xcb_problem(plugins, env, cache, loader) is None
    assert _runs(log) == 1
    assert pc.xcb_problem(plugins, env, cache, loader) is None
    assert pc.xcb_problem(plugins, env, cache, loader) is None
    assert _runs(log) == 1  # answered from the cache: ldd ran once for three starts


@pytest.mark.parametrize("change", ["plugin", "loader", "search path"])
def test_a_changed_plugin_or_library_set_is_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    plugins, log = _plugins_with_ldd(tmp_path, monkeypatch, CLEAN_LDD)
    cache, loader = tmp_path / "cache", tmp_path / "ld.so.cache"
    cache.mkdir()
    loader.write_bytes(b"index")
    env = {"DISPLAY": ":0"}
    assert pc.xcb_problem(plugins, env, cache, loader) is None
    # a library went missing since (e.g. removed by apt), and the key shows a change
    _write_logging_ldd(tmp_path / "bin", log, LDD_OUTPUT)
    if change == "plugin":
        (plugins / "platforms" / "libqxcb.so").write_bytes(b"\x7fELF, a newer build")
    elif change == "loader":
        loader.write_bytes(b"index after ldconfig")
    else:
        env = {**env, "LD_LIBRARY_PATH": "/opt/other"}
    text = pc.xcb_problem(plugins, env, cache, loader)
    assert text is not None and "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    assert _runs(log) == 2


def test_missing_libraries_are_never_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plugins, log = _plugins_with_ldd(tmp_path, monkeypatch, LDD_OUTPUT)
    cache, loader = tmp_path / "cache", tmp_path / "ld.so.cache"
    cache.mkdir()
    env = {"DISPLAY": ":0"}
    for _ in range(2):
        text = pc.xcb_problem(plugins, env, cache, loader)
        assert text is not None and "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert _runs(log) == 2
    assert list(cache.iterdir()) == []


def test_the_check_creates_no_folder_and_survives_a_damaged_cache_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins, log = _plugins_with_ldd(tmp_path, monkeypatch, CLEAN_LDD)
    loader, env = tmp_path / "ld.so.cache", {"DISPLAY": ":0"}
    absent = tmp_path / "data" / "cache"
    assert pc.xcb_problem(plugins, env, absent, loader) is None
    assert not (tmp_path / "data").exists()  # the data folder is made later, privately
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / pc.XCB_CHECK_FILE).write_bytes(b"\xff\xfe not a key")
    assert pc.xcb_problem(plugins, env, cache, loader) is None
    assert _runs(log) == 2  # both asked the loader
    assert pc.xcb_problem(plugins, env, cache, loader) is None
    assert _runs(log) == 2  # the damaged file was replaced by a good key


def test_without_x11_neither_ldd_nor_the_cache_is_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugins, log = _plugins_with_ldd(tmp_path, monkeypatch, LDD_OUTPUT)
    cache = tmp_path / "cache"
    cache.mkdir()
    assert pc.xcb_problem(plugins, {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, cache) is None
    assert _runs(log) == 0 and list(cache.iterdir()) == []


def test_the_window_start_keeps_the_check_in_the_data_folders_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ankle_trainer.ui.app import _xcb_problem

    _, log = _plugins_with_ldd(tmp_path, monkeypatch, CLEAN_LDD)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    data = tmp_path / "data"
    (data / "cache").mkdir(parents=True)
    assert _xcb_problem(data) is None and _xcb_problem(data) is None
    assert _runs(log) == 1
    assert (data / "cache" / pc.XCB_CHECK_FILE).read_text().startswith("v1|")
