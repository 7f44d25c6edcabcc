"""The window's stack of screens, sized by the screen shown.

A plain QStackedWidget asks for the largest minimum of all its pages, so a
page visited once (the charts) would keep a small window from shrinking, and
a page shown later could make the window grow by itself. Here only the page
on screen counts.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget


class ScreenStack(QStackedWidget):
    """A QStackedWidget whose size hints are those of its current page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        page = self.currentWidget()
        return QSize(0, 0) if page is None else page.minimumSizeHint().expandedTo(page.minimumSize())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        page = self.currentWidget()
        return QSize(0, 0) if page is None else page.sizeHint()
