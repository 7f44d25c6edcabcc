"""Linux desktop files validate, the app id is used consistently, and the
PyInstaller one-folder build works (its own script smoke-tests it)."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ankle_trainer import APP_ID

REPO = Path(__file__).resolve().parents[1]
LINUX = REPO / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"


def test_desktop_file_passes_desktop_file_validate() -> None:
    out = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "error" not in out.stdout.lower()
    text = DESKTOP.read_text()
    assert f"Icon={APP_ID}" in text and "Exec=ankle-trainer" in text


def test_metainfo_passes_appstreamcli_validate() -> None:
    out = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_metainfo_names_the_app_its_screenshots_and_a_release() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("content_rating").get("type") == "oars-1.1"
    from ankle_trainer import __version__

    assert root.find("releases/release").get("version") == __version__
    for image in root.iter("image"):
        name = image.text.rsplit("/", 1)[-1]
        assert (REPO / "docs" / "screenshots" / name).is_file(), name  # made by `make screenshots`


def test_hicolor_icons_exist_at_each_size() -> None:
    from PySide6.QtGui import QImage

    for size in (48, 128, 256):
        image = QImage(str(LINUX / "icons" / str(size) / f"{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
    assert (REPO / "resources" / "icons" / "ankle-trainer.svg").is_file()


def test_flatpak_manifest_uses_the_app_id() -> None:
    manifest = (REPO / "packaging" / "flatpak" / f"{APP_ID}.yml").read_text()
    assert f"app-id: {APP_ID}" in manifest and "command: ankle-trainer" in manifest


@pytest.mark.slow
def test_pyinstaller_build_starts_and_reports_its_size(tmp_path: Path) -> None:
    env = {**os.environ, "DIST": str(tmp_path / "dist"), "WORK": str(tmp_path / "work")}
    out = subprocess.run(
        ["bash", str(REPO / "packaging" / "build.sh"), sys.executable],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=900,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]
    assert "ankle-trainer 0.1.0" in out.stdout
    assert "heel-drops" in out.stdout  # routines found inside the bundle
    assert "demo sessions with" in out.stdout and "sets to" in out.stdout  # history commands
    assert "smoke-copy.toml: OK: 'Calf strength, two legs to one' (id smoke-copy)" in out.stdout  # routine files
    assert "bundle size:" in out.stdout
    app = tmp_path / "dist" / "ankle-trainer"
    names = {p.name for p in app.rglob("*")}
    assert "complete-ankle.toml" in names and "exercises.toml" in names
    assert not any("WebEngine" in n for n in names)  # unused Qt modules left out
