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

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QStackedWidget, QWidget

from ..widgets import WidgetEvents, set_enum_property

#: The stack's own minimum (px): small enough for an 800 x 600 screen with the
#: window frame, menu bar, banners and status bar around it.
MINIMUM = QSize(360, 240)


class _PageArea(QScrollArea):
    """A frameless scroll area that gives its page the whole viewport, or the
    page's *minimum* height for that width when it needs more (QScrollArea's own
    resizing uses the preferred height of a page with wrapped text, so it
    would scroll pages that fit)."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(False)
        set_enum_property(self, "focusPolicy", "NoFocus")
        # A viewport made here rather than Qt's own: the first widget that Qt
        # made and Python is handed as a plain QWidget makes PySide6 build the
        # types of every QWidget subclass (about 10 ms at start-up). Like
        # QScrollArea's, it takes its parent's background and paints none.
        self._viewport = QWidget()
        self._viewport.setObjectName("qt_scrollarea_viewport")
        self.setViewport(self._viewport)
        self.setWidget(page)
        WidgetEvents(page, self._page_event)  # not this area's eventFilter: see WidgetEvents

    def fit(self) -> None:
        """Size the page to the viewport, or to its minimum where that is larger."""
        page = self.widget()
        room = self.size()  # the viewport less any scroll bar is worked out here
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        layout = page.layout()

        def height_at(width: int) -> int:
            if layout is not None and layout.hasHeightForWidth():
                return max(least.height(), layout.totalMinimumHeightForWidth(width))
            return least.height()

        width = max(room.width(), least.width())
        if height_at(width) > room.height():  # it scrolls up and down: the bar takes
            bar = self.verticalScrollBar().sizeHint().width()  # its width, never sideways
            width = max(room.width() - bar, least.width())
        before, height = page.height(), max(room.height(), height_at(width))
        # Buttons to keep whole matter only when the page grows and does not
        # fit the room (a page that fits cannot scroll); finding them wraps
        # every child of the page for Python, about 2 ms at the first show.
        scrolls = height > room.height() or width > room.width()
        grows = self.isVisible() and height > before and scrolls
        whole = self._whole_buttons() if grows else []
        page.resize(width, height)
        if whole and page.height() > before:
            self._keep_whole(whole)

    def _whole_buttons(self) -> list[QWidget]:
        """The page's buttons wholly in view now."""
        from PySide6.QtWidgets import QAbstractButton

        view = self.viewport().rect()
        return [b for b in self.widget().findChildren(QAbstractButton)
                if b.isVisible() and view.contains(b.rect().translated(b.mapTo(self.viewport(), b.rect().topLeft())))]

    def _keep_whole(self, buttons: list[QWidget]) -> None:
        """After the page grew (a message line, a note that appeared), scroll so
        that ``buttons``, whole before, are whole again, as far as the focused
        control stays whole too (it wins: the keys act on it)."""
        from PySide6.QtWidgets import QApplication

        bar = self.verticalScrollBar()
        page, height = self.widget(), self.viewport().height()
        lowest = max(b.mapTo(page, b.rect().bottomLeft()).y() for b in buttons)
        value = max(bar.value(), lowest + 1 - height)
        focus = QApplication.focusWidget()
        if focus is not None and page.isAncestorOf(focus) and focus.height() <= height:
            value = min(value, focus.mapTo(page, focus.rect().topLeft()).y())
        bar.setValue(value)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.fit()

    def _page_event(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self.fit)  # after the page's layout has its new minimum


class ScreenStack(QStackedWidget):
    """A QStackedWidget whose pages scroll rather than grow the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def addWidget(self, page: QWidget) -> int:  # noqa: N802 (Qt naming)
        """Add ``page`` inside its own scroll area; returns its index."""
        return super().addWidget(_PageArea(page))

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

    def may_leave(self, for_page: QWidget | None = None) -> bool:
        """Whether the page shown may give way to ``for_page`` (None: any other):
        a page with a ``may_leave()`` (a test half done) is asked, and may ask
        the runner; it is not asked to give way to itself."""
        page = self.currentWidget()
        if page is None or page is for_page:
            return True
        ask = getattr(page, "may_leave", None)
        return ask() if callable(ask) else True

    def open_at_top(self, page: QWidget) -> None:
        """Show ``page`` scrolled to its top (its header first), as a screen
        opened from the menus is; a session page shown again keeps its place."""
        self.setCurrentWidget(page)
        area = super().currentWidget()
        if isinstance(area, QScrollArea):
            area.verticalScrollBar().setValue(0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return MINIMUM

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        page = self.currentWidget()
        return MINIMUM if page is None else page.sizeHint()
