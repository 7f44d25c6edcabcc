"""The wheel carries its resources: a plain (non-editable) install into a
fresh environment, run from another folder, finds every routine and starts."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
         "--no-build-isolation", "--wheel-dir", str(out), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )
    [whl] = out.glob("ankle_trainer-*.whl")
    return whl


@pytest.mark.slow
def test_wheel_contains_resources_and_the_gui_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        text = zf.read(entry_points).decode()
    for needed in (
        "ankle_trainer/resources/exercises.toml",
        "ankle_trainer/resources/routines/complete-ankle.toml",
        "ankle_trainer/resources/routines/heel-drops.toml",
        "ankle_trainer/resources/icons/ankle-trainer.svg",
    ):
        assert needed in names
    assert "[gui_scripts]" in text and "ankle-trainer = ankle_trainer.cli:main" in text
    assert not any(n.startswith("tests/") for n in names)


@pytest.mark.slow
def test_non_editable_install_finds_resources_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    site = Path(subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip())
    # Reuse this environment's Qt and friends without re-downloading them. A
    # path listed in a .pth file is added as is: its own .pth files (such as
    # our editable install's) are not processed, so only the wheel provides
    # ankle_trainer here.
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(py), "install", "--quiet",
         "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"

    where = subprocess.run(
        [str(py), "-c", "import ankle_trainer.assets as a; print(a.__file__); print(a.asset('routines'))"],
        cwd=elsewhere, env=env, check=True, capture_output=True, text=True,
    ).stdout.split()
    assert all(line.startswith(str(site)) for line in where), where

    script = venv / "bin" / "ankle-trainer"
    listing = subprocess.run(
        [str(script), "routines"], cwd=elsewhere, env=env, check=True, capture_output=True, text=True
    ).stdout
    for rid in ("complete-ankle", "heel-drops", "pre-run-warmup", "ankle-mobility"):
        assert rid in listing

    version = subprocess.run(
        [str(script), "--version"], cwd=elsewhere, env=env, check=True, capture_output=True, text=True
    ).stdout
    assert version.startswith("ankle-trainer ")

    started = subprocess.run(
        [str(script), "--data-dir", str(tmp_path / "data"), "--quit-after-startup"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60,
    )
    assert started.returncode == 0, started.stderr
