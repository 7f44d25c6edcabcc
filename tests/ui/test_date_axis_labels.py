"""Fourteenth round F4: on the pain chart's "Last 3 months" axis the month
names stood against the day numbers ("29 Nov03 08"). Every chart over dates,
at every range and plot width, keeps a space's width between its labels."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

WIDTHS = (400, 560, 720, 960, 1280)  # px: the plot's width
DAY = 86400.0


@pytest.fixture
def demo(repo, clock):  # type: ignore[no-untyped-def]
    """Two years of demo sessions and a year of monthly heel-rise tests."""
    from ankle_trainer.storage.demo import fill_demo_history

    fill_demo_history(repo, 2, clock.now().date())
    for month in range(13):
        repo.add_heel_rise(clock.now() - timedelta(days=30 * month), 20 + month % 4, 18 + month % 3, 1.0)
    return repo


def _labels(plot, width: int) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    """The date labels drawn under ``plot`` at ``width`` px: (text, tick x),
    as pyqtgraph's axis hands them to its painter."""
    axis = plot.getPlotItem().getAxis("bottom")
    drawn: list[tuple[str, float]] = []
    original = type(axis).drawPicture

    def record(p, axis_spec, tick_specs, text_specs):  # type: ignore[no-untyped-def]
        drawn[:] = [(text, rect.center().x()) for rect, _, text in text_specs]
        return original(axis, p, axis_spec, tick_specs, text_specs)

    axis.drawPicture = record
    plot.resize(width, 260)
    QApplication.processEvents()
    axis.picture = None  # drawn anew at this width and range
    plot.grab()  # the axis chooses its labels as it draws
    return drawn


def _touching(labels: list[tuple[str, float]], font: QFont) -> list[tuple[str, str]]:
    """Pairs of labels whose rectangles, a space's width apart, meet."""
    metrics = QFontMetricsF(font)
    gap = metrics.horizontalAdvance(" ")
    rects = []
    for text, middle in labels:
        rect = metrics.boundingRect(text)
        rect.moveCenter(rect.center() - rect.center())  # centred on 0, then on the tick
        rect.translate(middle, 0)
        rects.append((text, rect.adjusted(-gap / 2, 0, gap / 2, 0)))
    return [(a, b) for i, (a, ra) in enumerate(rects) for b, rb in rects[i + 1:] if ra.intersects(rb)]


def test_no_two_date_labels_touch_on_any_chart_range_or_width(make_window, demo, clock) -> None:
    window = make_window(history=demo, startup=True)
    page = window.show_screen("progress")
    page.tabs.setCurrentWidget(page.volume)  # its weeks are read when its tab shows
    QApplication.processEvents()
    heel = window.show_screen("heel_rise")
    heel.show_chart()
    assert heel.chart is not None
    charts = {"adherence": page.adherence.plot, "pain": page.pain.plot, "volume": page.volume.plot,
              "heel-rise": heel.chart}
    homes = {"adherence": page.adherence, "pain": page.pain, "volume": page.volume}
    for plot in charts.values():  # each on its own, at the width the test gives it
        plot.setParent(None)
        plot.show()
    end = clock.now().timestamp()
    spans = {"a week": 7 * DAY, "3 months": 91 * DAY, "12 months": 365 * DAY, "everything": 2 * 365 * DAY + 14 * DAY}
    seen = set()
    try:
        for name, plot in charts.items():
            axis = plot.getPlotItem().getAxis("bottom")
            font = axis.style["tickFont"] or QFont()
            for words, span in spans.items():
                plot.getPlotItem().setXRange(end - span, end, padding=0.02)
                for width in WIDTHS:
                    labels = _labels(plot, width)
                    assert labels, (name, words, width)
                    seen.update(text for text, _ in labels)
                    assert _touching(labels, font) == [], (name, words, width, labels)
    finally:  # each plot back in its page, closed with the window
        for name, panel in homes.items():
            panel.body.insertWidget(0, charts[name])
            panel.body.setCurrentWidget(charts[name])
        heel.chart_box.insertWidget(heel.chart_box.indexOf(heel.chart_key), heel.chart)
    assert {"Jan", "2026"} <= seen and any(text.isdigit() and len(text) == 2 for text in seen)  # days too


def test_a_day_number_gives_way_to_the_month_name_beside_it(qtbot) -> None:
    """The labels pyqtgraph would draw on top of each other: the month stays."""
    from datetime import datetime

    from ankle_trainer.ui.charts import date_axis_plot

    plot = date_axis_plot()
    qtbot.addWidget(plot)
    plot.show()
    first = datetime(2026, 10, 1).timestamp()
    plot.getPlotItem().setXRange(first - 20 * DAY, first + 70 * DAY, padding=0)
    labels = _labels(plot, 1280)
    assert {"Oct", "Nov"} <= {text for text, _ in labels}
    assert _touching(labels, plot.getPlotItem().getAxis("bottom").style["tickFont"] or QFont()) == []
