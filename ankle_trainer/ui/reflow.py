"""Forms that fit the width they are given instead of scrolling sideways.

:func:`stack_below` turns a row of columns (a :class:`QBoxLayout`) into a
stack when its widget is narrower than a given width; :func:`vertical_scroll`
makes a scroll area that only scrolls up and down, so its content is always
laid out to the visible width (text boxes wrap); :func:`whole_combo` keeps a
combo box as wide as its longest choice.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


class _Stacker(QObject):
    """Flips ``layout`` to top-to-bottom while ``widget`` is narrower than
    ``width`` px, or than the row's columns need side by side (a combo box
    grown to a long choice widens its column)."""

    def __init__(self, widget: QWidget, layout: QBoxLayout, width: int) -> None:
        super().__init__(widget)
        self.layout, self.width, self.widget = layout, width, widget
        widget.installEventFilter(self)
        content = layout.parentWidget()
        if content is not None and content is not widget:
            content.installEventFilter(self)  # its layout requests: a column's least width changed

    def row_width(self) -> int:
        """What the row's columns need side by side, with the room around them."""
        items = [self.layout.itemAt(i) for i in range(self.layout.count())]
        shown = [item for item in items if item is not None and not item.isEmpty()]
        need = sum(item.minimumSize().width() for item in shown)
        need += max(0, len(shown) - 1) * max(0, self.layout.spacing())
        content = self.layout.parentWidget()
        if content is not None and self.layout.geometry().width() > 0:
            need += content.width() - self.layout.geometry().width()  # margins around the row
        return need

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            room = self.widget.width()
            wanted = (QBoxLayout.Direction.TopToBottom if room < max(self.width, self.row_width())
                      else QBoxLayout.Direction.LeftToRight)
            if self.layout.direction() != wanted:
                self.layout.setDirection(wanted)
        return False


def stack_below(widget: QWidget, layout: QBoxLayout, width: int) -> None:
    """Lay ``layout`` (a row of columns) out as a stack whenever ``widget``
    (the space it is shown in, such as a scroll area's viewport) is narrower
    than ``width`` pixels, as a row otherwise."""
    _Stacker(widget, layout, width)


def vertical_scroll(content: QWidget) -> QScrollArea:
    """A frameless scroll area around ``content`` that never scrolls sideways:
    the content always gets the visible width. It is no Tab stop of its own:
    Tab goes to the controls in it, which scroll into view."""
    scroll = QScrollArea()
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    # no background of its own: it shows what it sits on (a tab page's white),
    # not a grey box in the page
    scroll.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    return scroll


class StepStack(QWidget):
    """The steps of a page (the heel-rise test's intro, count, check and
    result; triage's questions and programmes), one shown at a time, the page
    only as large as the step shown. A QStackedWidget asks for its largest
    step's size, and its height for a width from every step: once the
    heel-rise result had its chart, every step of the test was as tall,
    scrolled, its buttons a screen down. Here the steps share a column in
    which only the one shown is laid out (a hidden widget takes no room), and
    each step is shown from the page's top.

    The part of QStackedWidget's interface the pages use: ``addWidget``,
    ``setCurrentWidget``, ``currentWidget`` and ``currentChanged``."""

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps: list[QWidget] = []
        self._current: QWidget | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)

    def addWidget(self, step: QWidget) -> int:  # noqa: N802 (QStackedWidget's name)
        """Add ``step`` (the first one added is shown); returns its index."""
        self._steps.append(step)
        layout = self.layout()
        assert layout is not None
        layout.addWidget(step)
        if self._current is None:
            self._current = step
        else:
            step.hide()
        return len(self._steps) - 1

    def currentWidget(self) -> QWidget | None:  # noqa: N802 (QStackedWidget's name)
        """The step shown."""
        return self._current

    def setCurrentWidget(self, step: QWidget) -> None:  # noqa: N802 (QStackedWidget's name)
        """Show ``step`` (added earlier), from the page's top."""
        if step is self._current:
            return
        if step not in self._steps:
            raise ValueError("that step is not in the stack")
        step.show()
        if self._current is not None:
            self._current.hide()
        self._current = step
        self.currentChanged.emit(self._steps.index(step))
        parent = self.parentWidget()
        while parent is not None and not parent.isWindow():  # the page's scroll area: to its top
            area = parent.parentWidget()
            if isinstance(area, QScrollArea) and parent is area.viewport():
                area.verticalScrollBar().setValue(0)
            parent = parent.parentWidget()


class _WholeWidth(QObject):
    """Holds a combo box's least width to its longest item's, again whenever
    its items, font or style change."""

    def __init__(self, combo: QComboBox) -> None:
        super().__init__(combo)
        self.combo = combo
        model = combo.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.dataChanged, model.modelReset):
            signal.connect(self.fit)
        combo.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        """The least width: what the combo's own size hint needs for every item."""
        self.combo.setMinimumWidth(self.combo.sizeHint().width())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            QCoreApplication.postEvent(self.combo, QEvent(QEvent.Type.LayoutRequest))
            self.fit()
        return False


def whole_combo(combo: QComboBox) -> QComboBox:
    """Keep ``combo`` as wide as its longest item, however the items change
    (added after it was first shown, a routine renamed) and however little
    room its row has, so the choice in the box always reads whole: a keyboard
    user never sees a tool tip, and an elided "Ankle pu" tells them nothing."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    _WholeWidth(combo)
    return combo


class WholeLinesArea(QScrollArea):
    """A frameless scroll area for a word-wrapped ``label`` (rich text) that
    never shows a line cut in half at its bottom edge: the area shows as many
    whole lines as fit from where it is scrolled to, and :meth:`page` moves a
    page of whole lines (the first line not shown whole comes to the top, or,
    for the last page, just far enough to show the text's last line)."""

    def __init__(self, label: QLabel) -> None:
        super().__init__()
        self.label = label
        self._going_to: int | None = None  # where page() scrolls to, while it does
        self._fitting = False
        label.setWordWrap(True)
        label.installEventFilter(self)  # its text changes: the lines do too
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(label)
        self.verticalScrollBar().valueChanged.connect(lambda _: self._fit())

    def lines(self) -> list[tuple[float, float]]:
        """(top, bottom) of each line of the label's text as it is laid out, in
        the label's own pixels."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setDefaultFont(self.label.font())
        doc.setDocumentMargin(0)  # as the label lays its text out
        doc.setHtml(self.label.text())
        doc.setTextWidth(max(1, self.label.contentsRect().width()))
        found = []
        block = doc.begin()
        while block.isValid():
            top = doc.documentLayout().blockBoundingRect(block).top()
            layout = block.layout()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                found.append((top + line.y(), top + line.y() + line.height()))
            block = block.next()
        return found

    def shown_lines(self) -> list[tuple[float, float]]:
        """The lines shown whole now (none is ever shown cut at the bottom)."""
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        return [(a, b) for a, b in self.lines() if a >= top - 0.5 and b <= bottom + 0.5]

    def page(self, step: int) -> None:
        """Scroll a page of whole lines down (``step`` 1: the first line not
        shown whole comes to the top, but never further than needed to show
        the last line) or up (-1), stopping at the ends."""
        bar = self.verticalScrollBar()
        top, room = bar.value(), self._room()
        lines = self.lines()
        if step > 0:
            bottom = top + self.viewport().height()
            target = min((a for a, b in lines if b > bottom + 0.5), default=top)
            # the last page ends with the text's end: it moves only as far as the
            # lines left need, keeping as many before them in view (one line left
            # over must not come to the top of an empty panel)
            end = lines[-1][1] if lines else 0.0
            target = max(top, min([target, *(a for a, _ in lines if end - a <= room + 0.5)]))
        else:
            target = min((a for a, _ in lines if a >= top - room - 0.5), default=0.0)
        self._going_to = int(target)  # the room first: the end of the text may need less
        try:
            self._fit()
            bar.setValue(self._going_to)
        finally:
            self._going_to = None

    def to_top(self) -> None:
        """Scroll back to the first line (the top, whole lines below it)."""
        self.verticalScrollBar().setValue(0)
        self._fit()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        """Each time it is shown it opens at the top: never where it was left,
        with a line cut at the top or the first steps scrolled away."""
        super().showEvent(event)
        if not event.spontaneous():  # not when the window comes back from the task bar
            self.to_top()

    def _room(self) -> int:
        return self.height() - 2 * self.frameWidth()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.label and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self, again: bool = False) -> None:
        """Leave the part of the height below the last whole line shown from
        the top (where :meth:`page` is going, else where it is) empty; near
        the end, the rest of the text gets just the room it needs, so
        scrolling to the end also starts on a whole line."""
        if self._fitting:  # the new margin resizes the label, which asks again
            return
        top = self.verticalScrollBar().value() if self._going_to is None else self._going_to
        room = self._room()
        bottoms = [b - top for a, b in self.lines() if a >= top - 0.5]
        fitting = [b for b in bottoms if b <= room + 0.5]
        spare = int(room - max(fitting)) if fitting else 0
        if self.viewportMargins().bottom() != max(0, spare):
            width = self.label.width()
            self._fitting = True
            try:
                self.setViewportMargins(0, 0, 0, max(0, spare))
                # the scroll range follows now, not at the next layout pass
                QCoreApplication.sendEvent(self, QEvent(QEvent.Type.LayoutRequest))
            finally:
                self._fitting = False
            if self.label.width() != width and not again:  # a scroll bar came or went:
                self._fit(again=True)  # the lines wrap anew, once


class FitColumns(QObject):
    """Keeps a table's columns within its width, never scrolling sideways:
    each column gets at least its longest word (header or cell, so words wrap
    but are never cut) and, room allowing, its whole text on one line; the
    ``stretch`` column takes what is left. Rows are ``lines`` lines tall
    while some text wraps. When even the words do not fit (a very narrow
    window) the ``stretch`` column is narrowed, its text elided; the model
    gives every cell's whole text as its tool tip."""

    PAD = 14  # a cell's margins and grid line
    ARROW = 16  # a header's sort arrow

    def __init__(self, table: QAbstractItemView, stretch: tuple[int, ...], lines: int = 3,
                 optional: tuple[int | tuple[int, ...], ...] = ()) -> None:
        super().__init__(table)
        self.table, self.stretch, self.lines, self.optional = table, stretch, lines, optional
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.setWordWrap(True)  # type: ignore[attr-defined]
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = table.horizontalHeader()  # type: ignore[attr-defined]
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.viewport().installEventFilter(self)
        self._measured: tuple[list[int], list[int]] | None = None
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                       model.dataChanged):
            signal.connect(self._changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _changed(self, *_args: object) -> None:
        self._measured = None  # measured again, once, for the new texts
        self.fit()

    def texts(self, column: int) -> set[str]:
        """The distinct texts of ``column``: its header and every cell."""
        model = self.table.model()
        found = {str(model.headerData(column, Qt.Orientation.Horizontal) or "")}
        found |= {str(model.index(row, column).data() or "") for row in range(model.rowCount())}
        return found

    def measure(self) -> tuple[list[int], list[int]]:
        """Per column: the width of its longest word, and of its longest text
        on one line (margins and the sort arrow included)."""
        if self._measured is None:
            fm = self.table.fontMetrics()
            least, whole = [], []
            for column in range(self.table.model().columnCount()):
                texts = self.texts(column)
                words = max((fm.horizontalAdvance(w) for t in texts for w in t.split()), default=0)
                line = max((fm.horizontalAdvance(t) for t in texts), default=0)
                heading = str(self.table.model().headerData(column, Qt.Orientation.Horizontal) or "")
                head = max((fm.horizontalAdvance(w) for w in heading.split()), default=0) + self.ARROW
                # room for the longest text in ``lines`` lines (the first stretch
                # column aside: its text may be elided)
                folded = 0 if column in self.stretch[:1] else int(line / self.lines * 1.3)
                least.append(max(words, head, folded) + self.PAD)
                whole.append(max(words, line, head) + self.PAD)
            self._measured = (least, whole)
        return self._measured

    def widths(self, room: int) -> list[int]:
        """Each column's width for a table ``room`` px across (0: hidden)."""
        least, whole = self.measure()
        widths = list(least)
        for columns in self.optional:  # too narrow for all: the details beside it show these
            if sum(widths) <= room:
                break
            for column in columns if isinstance(columns, tuple) else (columns,):
                widths[column] = 0  # a group goes together (pain before without after reads oddly)
        stretch = next((c for c in self.stretch if widths[c]), self.stretch[-1])
        spare = room - sum(widths)
        if spare < 0:  # even the words do not fit: the stretch column gives way
            widths[stretch] = max(self.PAD * 3, widths[stretch] + spare)
            return widths
        # the others up to their whole text on one line, the stretch column the rest
        wanted = [w - m if shown and c != stretch else 0
                  for c, (w, m, shown) in enumerate(zip(whole, least, widths, strict=True))]
        share = min(1.0, spare / sum(wanted)) if sum(wanted) else 0.0
        for column in range(len(widths)):
            widths[column] += int(wanted[column] * share)
        widths[stretch] += room - sum(widths)
        return widths

    def lines_needed(self, widths: list[int]) -> int:
        """The most lines a cell wraps onto at ``widths`` (the elided stretch
        column aside), at most ``lines``."""
        fm = self.table.fontMetrics()
        most = 1
        for column, width in enumerate(widths):
            if not width or column in self.stretch[:1]:
                continue
            for text in self.texts(column):
                if text and fm.horizontalAdvance(text) > width - self.PAD:
                    box = fm.boundingRect(0, 0, width - self.PAD, 10_000, int(Qt.TextFlag.TextWordWrap), text)
                    most = max(most, round(box.height() / fm.lineSpacing()))
        return min(most, self.lines)

    def fit(self) -> None:
        """Set the column widths (and row heights) for the width shown now."""
        widths = self.widths(self.table.viewport().width())
        header = self.table.horizontalHeader()  # type: ignore[attr-defined]
        for column, width in enumerate(widths):
            header.setSectionHidden(column, not width)
            if width:
                header.resizeSection(column, width)
        self.table.horizontalScrollBar().setValue(0)
        lines = self.lines_needed(widths)
        fm = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(lines * fm.lineSpacing() + 8)  # type: ignore[attr-defined]


def fit_columns(table: QAbstractItemView, stretch: tuple[int, ...], lines: int = 3,
                optional: tuple[int | tuple[int, ...], ...] = ()) -> FitColumns:
    """Keep ``table``'s columns within its width (see :class:`FitColumns`).
    ``optional``: the columns (or groups of columns, hidden together) that give
    way, in that order, when the table is too narrow for all."""
    return FitColumns(table, stretch, lines, optional)
