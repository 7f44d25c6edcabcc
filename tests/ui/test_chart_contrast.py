"""Every chart mark and key swatch at 3:1 or more against what it is drawn on,
in the light and the dark theme (WCAG 1.4.11, relative luminance; fifteenth
round F3: the dark calendar's "No session" days were 1.1:1 on their panel)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from ankle_trainer.core.library import find_routine
from ankle_trainer.storage.sample import run_session
from ankle_trainer.ui.theme import apply_theme, install_style

from .test_look import contrast

TZ = timezone(timedelta(hours=1))


def _name(colour) -> str:  # type: ignore[no-untyped-def]
    return QColor(colour).name()


def _plot_marks(plot) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(what, colour) of each line, bar, dot, text mark and zone edge in ``plot``;
    filled areas (a zone's or a band's faint shading) are not marks: their edges are."""
    import pyqtgraph as pg

    marks = []
    for item in plot.getPlotItem().items:
        kind = type(item).__name__
        if isinstance(item, pg.PlotDataItem):
            pen = item.opts.get("pen")
            if pen is not None and pg.mkPen(pen).style() != 0:
                marks.append((f"{kind} line", _name(pg.mkPen(pen).color())))
            if item.opts.get("symbol") is not None and item.opts.get("symbolBrush") is not None:
                marks.append((f"{kind} dot", _name(pg.mkBrush(item.opts["symbolBrush"]).color())))
        elif isinstance(item, pg.BarGraphItem):
            marks.append((f"{kind} bar", _name(pg.mkBrush(item.opts["brush"]).color())))
        elif isinstance(item, pg.InfiniteLine):
            marks.append((f"{kind}", _name(item.pen.color())))
        elif isinstance(item, pg.LinearRegionItem):
            marks.extend((f"{kind} edge", _name(line.pen.color())) for line in item.lines)
        elif isinstance(item, pg.TextItem):
            marks.append((f"{kind} '{item.textItem.toPlainText()}'", _name(item.color)))
    return marks


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_chart_mark_and_key_swatch_reads_at_3_to_1(make_window, repo, qapp, theme) -> None:  # type: ignore[no-untyped-def]
    warmup = find_routine("pre-run-warmup")
    for i, day in enumerate([9, 10, 11, 16, 17, 25]):
        run_session(repo, warmup, datetime(2026, 2, day, 7, 0, tzinfo=TZ), 6 - i, max(0, 5 - i),
                    stop_after_seconds=150 if i == 5 else None, step=10.0)
    install_style(qapp)
    apply_theme(qapp, theme)
    try:
        win = make_window(history=repo, startup=True)
        win.resize(1280, 720)
        page = win.show_screen("progress")
        page.tabs.setCurrentIndex(page.tabs.count() - 1)  # the Volume tab loads its bars
        QApplication.processEvents()
        faint = []
        for panel in page.panels:
            base = panel.palette().color(QPalette.ColorRole.Base)
            if panel is page.calendar:
                heatmap = panel.heatmap
                back = heatmap.backdrop()
                assert back == base
                image = heatmap.grab().toImage()  # what the days stand on is that colour
                assert image.pixelColor(2, 2).name() == back.name()
                for words, (fill, edge) in zip(heatmap.LEGEND_WORDS, heatmap.colours(), strict=True):
                    ratio = max(contrast(edge, back.name()), contrast(fill, back.name()))
                    if ratio < 3:
                        faint.append(f"{theme}: calendar '{words}' {ratio:.1f}:1")
                continue
            back = panel.plot.backgroundBrush().color()
            assert back == base
            for what, colour in _plot_marks(panel.plot):
                if contrast(colour, back.name()) < 3:
                    faint.append(f"{theme}: {panel.title.text()}: {what} {colour} "
                                 f"{contrast(colour, back.name()):.1f}:1")
            key = panel.legend_label
            assert key.autoFillBackground() and key.palette().color(key.backgroundRole()) == base
            for colour, mark, words in [*panel.legend_entries, *getattr(panel, "legend_second", [])]:
                if contrast(colour, base.name()) < 3:
                    faint.append(f"{theme}: {panel.title.text()} key '{mark} {words}' {colour} "
                                 f"{contrast(colour, base.name()):.1f}:1")
        assert faint == [], "\n".join(faint)
    finally:
        apply_theme(qapp, "system")


def test_no_session_days_are_not_drawn_like_done_days() -> None:
    """The calendar's three kinds of day stay apart in each theme: no session a
    grey outline, never a green like a done day's."""
    from ankle_trainer.ui.screens.progress.page import CALENDAR_LEVELS, CALENDAR_LEVELS_DARK

    for levels in (CALENDAR_LEVELS, CALENDAR_LEVELS_DARK):
        (none_fill, none_edge), partial, done = levels
        for colour in (none_fill, none_edge):
            c = QColor(colour)
            assert c.hsvSaturation() < 40, colour  # a grey
        assert QColor(done[0]).hsvSaturation() > 100 and partial != done
        assert contrast(none_edge, done[0]) > 1.3 or QColor(none_edge).hue() != QColor(done[0]).hue()
