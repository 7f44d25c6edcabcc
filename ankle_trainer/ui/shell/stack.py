"""The window's stack of screens: each page scrolls inside the room it has.

A plain QStackedWidget asks for the largest minimum of all its pages, and a
page whose minimum grows (a long routine name, a row that appears during a
session, the charts) would make a top-level window grow by itself, off a small
screen. Here every page sits in a frameless scroll area: the stack's minimum
is small and fixed, and a page that needs more room than the window has
scrolls instead. Callers still add, find and compare the pages themselves;
the scroll areas are an internal detail of this class.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget

#: The stack's own minimum (px): small enough for an 800 x 600 screen with the
#: window frame, menu bar, banners and status bar around it.
MINIMUM = QSize(360, 240)


class ScreenStack(QStackedWidget):
    """A QStackedWidget whose pages scroll rather than grow the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def addWidget(self, page: QWidget) -> int:  # noqa: N802 (Qt naming)
        """Add ``page`` inside its own scroll area; returns its index."""
        area = QScrollArea()
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.viewport().setAutoFillBackground(False)
        area.setWidget(page)
        area.widget().setAutoFillBackground(page.autoFillBackground())
        return super().addWidget(area)

    def widget(self, index: int) -> QWidget | None:
        """The page at ``index`` (not its scroll area), or None."""
        area = super().widget(index)
        return area.widget() if isinstance(area, QScrollArea) else area

    def currentWidget(self) -> QWidget | None:  # noqa: N802 (Qt naming)
        """The page on screen (not its scroll area), or None."""
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:  # noqa: N802 (Qt naming)
        """The index of ``page``, or -1."""
        for index in range(self.count()):
            if self.widget(index) is page:
                return index
        return -1

    def setCurrentWidget(self, page: QWidget) -> None:  # noqa: N802 (Qt naming)
        """Show ``page`` (added earlier with addWidget)."""
        index = self.indexOf(page)
        if index < 0:
            raise ValueError("that page is not in the stack")
        self.setCurrentIndex(index)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return MINIMUM

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        page = self.currentWidget()
        return MINIMUM if page is None else page.sizeHint()
