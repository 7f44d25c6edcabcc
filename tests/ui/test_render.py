from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from tools.render import render_all


def test_render_writes_every_main_screen(qtbot, tmp_path: Path) -> None:
    saved = render_all(tmp_path)
    names = sorted(p.stem for p in saved)
    assert names == sorted([
        "home", "pain-check", "session", "session-rest", "summary", "home-after",
        "settings", "tray-menu", "shortcuts", "home-dark", "session-dark",
        "session-howto", "session-pain", "focus-mode", "safety-check", "safety-stop",
        "routine-preview", "session-switch", "history", "progress-adherence",
        "progress-pain", "progress-volume", "export", "progress-dark",
        "suggestion", "editor", "heel-rise", "learn",
        "history-dark", "learn-dark", "heel-rise-dark",
        "triage", "triage-result", "report-dialog", "triage-dark", "triage-result-dark", "report-dialog-dark",
        "report", "safety-limit",
    ])
    # every picture the README shows comes from this one command (two were
    # made by hand before and went stale)
    import re

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    shown = set(re.findall(r"docs/screenshots/([\w-]+)\.png", readme))
    assert shown and shown <= set(names), sorted(shown - set(names))
    for path in saved:
        image = QImage(str(path))
        if path.stem in ("settings", "tray-menu", "shortcuts", "focus-mode", "routine-preview", "export", "editor",
                         "report-dialog", "report-dialog-dark", "report"):
            assert image.width() > 100 and image.height() > 50
        else:
            assert (image.width(), image.height()) == (1024, 720)
        # not a blank picture: text and controls give many distinct colours
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        }
        assert len(colours) > 20 or path.stem == "tray-menu", path
    dark = QImage(str(tmp_path / "home-dark.png")).pixelColor(5, 700)
    assert dark.lightness() < 80  # the dark theme really is dark
    chart_background = QImage(str(tmp_path / "progress-dark.png")).pixelColor(512, 400)
    assert chart_background.lightness() < 80  # and the charts follow it
