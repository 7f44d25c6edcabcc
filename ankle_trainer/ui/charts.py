"""What every chart in the app shares: ink from the palette, whole-number
ticks on counts, a key outside the plot. Imported only by the screens that
draw charts (pyqtgraph is not loaded at start-up)."""

from __future__ import annotations

import math
from html import escape

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QLabel


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


class SpacedDateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis, with no two labels touching.

    pyqtgraph draws the month names and the day numbers as two independent
    rows of ticks on one line, so "Nov" came to stand against "03" ("29
    Nov03 08", fourteenth round F4). Here the labels are kept in pyqtgraph's
    order (the months first, then the days) and a label is left out when it
    would come nearer than a space's width to one already kept: a day number
    gives way to the month name beside it."""

    #: The first day of the week ("monday", ...) when the chart is of weeks:
    #: then, where each week's label has room, the ticks are the weeks' first
    #: days (twenty-ninth re-test: "Last 3 months" was labelled every 5 days,
    #: never at a bar's week). None: pyqtgraph's own ticks.
    weeks_from: str | None = None
    WEEK_LABEL_PX = 44  # room one week's label ("28 Sep") needs

    def tickValues(self, minVal: float, maxVal: float, size: float):  # type: ignore[no-untyped-def]  # noqa: N802, N803
        """The weeks' middles (a week's bar stands there) when :attr:`weeks_from`
        is set and each week has room for its label; else pyqtgraph's ticks."""
        # under each week's bar (its middle), named by its first day
        middles = [m for m in (start + 3.5 * 86400 for start in self._week_starts(minVal - 7 * 86400, maxVal))
                   if minVal <= m <= maxVal]
        if middles and size / max(1.0, (maxVal - minVal) / (7 * 86400)) >= self.WEEK_LABEL_PX:
            return [(7 * 86400.0, middles)]
        return super().tickValues(minVal, maxVal, size)

    def tickStrings(self, values, scale, spacing):  # type: ignore[no-untyped-def]  # noqa: N802
        """A week (ticked at its middle) as its first day, "28 Sep"; other
        ticks as pyqtgraph says them."""
        if spacing == 7 * 86400.0 and self.weeks_from is not None:
            from datetime import datetime

            starts = [datetime.fromtimestamp(v - 3.5 * 86400) for v in values]
            return [f"{d.day} {d:%b}" for d in starts]
        return super().tickStrings(values, scale, spacing)

    def _week_starts(self, low: float, high: float) -> list[float]:
        if self.weeks_from is None or not math.isfinite(low) or not math.isfinite(high) or high <= low:
            return []
        from datetime import datetime, timedelta

        from ..core.weeks import week_start

        day = week_start(datetime.fromtimestamp(low).date(), self.weeks_from)
        starts = []
        while len(starts) < 400:
            at = datetime(day.year, day.month, day.day).timestamp()
            if at >= high:  # the week after the last shown: nothing of it is drawn
                break
            if at >= low:
                starts.append(at)
            day += timedelta(days=7)
        return starts

    def generateDrawSpecs(self, p: QPainter):  # type: ignore[no-untyped-def]  # noqa: N802 (Qt naming)
        """pyqtgraph's layout of the axis, less the labels that would touch."""
        specs = super().generateDrawSpecs(p)
        if specs is None:
            return specs
        axis, ticks, texts = specs
        metrics = QFontMetricsF(p.font())
        gap = metrics.horizontalAdvance(" ")
        kept: list[tuple[object, int, str]] = []
        spans: list[tuple[float, float]] = []  # the kept labels' left and right, px
        for rect, flags, text in texts:
            middle = rect.center().x()
            half = max(metrics.horizontalAdvance(text), metrics.boundingRect(text).width()) / 2
            left, right = middle - half, middle + half
            if any(left < end + gap and right + gap > start for start, end in spans):
                continue
            kept.append((rect, flags, text))
            spans.append((left, right))
        return axis, ticks, kept


def date_axis_plot() -> pg.PlotWidget:
    """A plot whose bottom axis is dates (Unix seconds), never zoomed or fitted
    narrower than :data:`MIN_DATE_SPAN`: its axis always names days, never
    clock times without a date (two heel-rise tests minutes apart read
    "12:03:45" before), and no two of its labels touch (:class:`SpacedDateAxis`).
    Every chart over dates is made here."""
    plot = pg.PlotWidget(axisItems={"bottom": SpacedDateAxis()})
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


def key_on_base(label: QLabel) -> None:
    """Draw a chart's key (a :func:`legend_html` label) on the palette's Base,
    the plot's own background, in the Text colour: its swatches then meet 3:1
    against what they are drawn on as the chart's marks do (WCAG 1.4.11). On
    the tab's panel, a lighter grey in the dark theme, the blue and red ones
    did not (fifteenth round F3's kind)."""
    label.setAutoFillBackground(True)
    label.setBackgroundRole(QPalette.ColorRole.Base)
    label.setForegroundRole(QPalette.ColorRole.Text)
