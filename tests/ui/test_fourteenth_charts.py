"""Fourteenth re-test, F9: a focused chart and the line its arrows change."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.test_every_page_scans import _out_of_view, _views_around
from tests.ui.test_every_page_scans import window as window  # noqa: F401 (the scans' 800 x 600 window)


def test_every_chart_shows_the_line_its_arrows_change(window, clock, qtbot) -> None:  # noqa: F811
    """At 800 x 600, Tab to a chart scrolled the chart into view but not the
    line under it that says the values at the marker: each arrow changed a
    line out of sight. On every chart of the progress screen (and the
    calendar, fixed in the eighth round the same way), the focused chart
    comes into view with that line, and stays so as the arrows move."""
    window.notice.show_message("Import finished. Added 3 sessions and 0 sets. " * 3)
    page = window.show_screen("progress")
    QApplication.processEvents()
    panels = [page.adherence, page.pain, page.volume]
    seen = 0
    for panel in panels:
        page.tabs.setCurrentWidget(panel.parentWidget() if page.tabs.indexOf(panel) < 0 else panel)
        QApplication.processEvents()
        if not panel.plot.isVisible():
            continue  # (a chart on a tab not shown: its own tab's turn)
        panel.plot.setFocus()  # as Tab does
        QApplication.processEvents()
        for key in (Qt.Key.Key_End, Qt.Key.Key_Left, Qt.Key.Key_Home, Qt.Key.Key_Right):
            qtbot.keyClick(panel.plot, key)
            QApplication.processEvents()
            assert panel.readout.text() != panel.HINT, panel.title.text()
            assert _out_of_view(panel.readout) == "", (panel.title.text(), key)
            shown = [view.intersected(place).height() for view, place in _views_around(panel.plot)]
            assert shown and min(shown) >= 60, (panel.title.text(), shown)  # and the chart, a good part
        seen += 1
    assert seen == len(panels)
