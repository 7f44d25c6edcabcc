"""What every chart in the app shares: ink from the palette, whole-number
ticks on counts, a key outside the plot. Imported only by the screens that
draw charts (pyqtgraph is not loaded at start-up)."""

from __future__ import annotations

import math
from html import escape

import pyqtgraph as pg
from PySide6.QtGui import QPalette


def style_plot(plot: pg.PlotWidget, palette: QPalette) -> None:
    """Background, axes, axis titles and any legend in the palette's colours
    (light or dark theme), so no text looks greyed out or disabled."""
    plot.setBackground(palette.color(QPalette.ColorRole.Base))
    ink = palette.color(QPalette.ColorRole.Text)
    item = plot.getPlotItem()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        # never "(x0.001)" beside the title with ticks of 150-250 for 0.27 min:
        # each chart chooses its own unit, and the ticks show plain numbers
        axis.enableAutoSIPrefix(False)
        axis.setPen(ink)
        axis.setTextPen(ink)
        if axis.label is not None:
            axis.label.setDefaultTextColor(ink)
    legend = item.legend
    if legend is not None:
        legend.setLabelTextColor(ink)
        legend.setBrush(pg.mkBrush(palette.color(QPalette.ColorRole.Base)))


#: The narrowest span a chart over dates shows (seconds): a week.
MIN_DATE_SPAN = 7 * 86400


def date_axis_plot() -> pg.PlotWidget:
    """A plot whose bottom axis is dates (Unix seconds), never zoomed or fitted
    narrower than :data:`MIN_DATE_SPAN`: its axis always names days, never
    clock times without a date (two heel-rise tests minutes apart read
    "12:03:45" before). Every chart over dates is made here."""
    plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()})
    plot.getViewBox().setLimits(minXRange=MIN_DATE_SPAN)
    return plot


def integer_ticks(axis: pg.AxisItem, top: float) -> None:
    """Whole-number ticks (about six at most) on an axis of counts from 0 to
    ``top``, a round step apart (1, 2, 5, 10, 20, 50...): counts have no 0.5,
    and 50, 100, 150 reads better than 58, 116, 174."""
    rough = max(1.0, top / 6)
    scale = 10 ** math.floor(math.log10(rough))
    step = next(m * scale for m in (1, 2, 5, 10) if m * scale >= rough)  # 1, 2, 5, 10, 20, 50...
    step = max(1, round(step))
    axis.setTickSpacing(major=step, minor=step)


def legend_html(entries: list[tuple[str, str, str]]) -> str:
    """The key for a QLabel under a chart: (colour, mark, words) per series,
    the mark (a line, dot or block character) drawn in the series' colour.
    A narrow window wraps the key between its items only, never inside one
    ("next / morning, weekly median"): an item's own spaces do not break."""
    return "&nbsp;&nbsp;&nbsp; ".join(
        f"<span style='color:{colour}; font-weight:700'>{mark}</span>&nbsp;"
        + "&nbsp;".join(escape(word) for word in words.split())
        for colour, mark, words in entries
    )
