"""Small shared pieces of the first screen: the notice bar, time formatting."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QFormLayout, QToolButton

    from ankle_trainer.core.library import Exercise

# The type scale, as multiples of the system font: every screen uses these
# (page titles, section titles, body, notes), so sizes repeat rather than drift.
TITLE, SECTION, LEAD, NOTE = 1.6, 1.25, 1.1, 0.9
# Spacing in pixels: around a page and between its blocks.
PAGE_MARGIN, BLOCK_SPACING = 16, 12
#: How long a status-bar message stays (it also goes when the screen changes).
STATUS_MS = 15_000


def howto_html(exercise: Exercise, *, with_name: bool = False, list_style: str = "") -> str:
    """An exercise's how-to as rich text for a QLabel: its steps as a numbered
    list, then its common mistake and how it should feel (each escaped).
    ``with_name`` puts the exercise's name above as a heading (the Learn
    list); ``list_style`` is a CSS style for the list (the session screen
    pulls it left to save width)."""
    from html import escape

    steps = "".join(f"<li>{escape(step)}</li>" for step in exercise.steps)
    style = f" style='{list_style}'" if list_style else ""
    heading = f"<h3>{escape(exercise.name)}</h3>" if with_name else ""
    return (f"{heading}<ol{style}>{steps}</ol>"
            f"<p><b>Common mistake:</b> {escape(exercise.mistake)}</p>"
            f"<p><b>How it should feel:</b> {escape(exercise.feel)}</p>")


@contextmanager
def cycle_collector_held() -> Iterator[None]:
    """Hold Python's cycle collector while a list Qt made is in use, such as
    ``QApplication.allWidgets()`` or ``topLevelWidgets()``.

    Such a list is a copy of Qt's own pointers, wrapped one by one. Wrapping
    allocates, and an allocation may start a collection; a collected window
    that Python owned deletes its child windows and widgets, so the pointers
    still to be wrapped point at freed memory and the process crashes (a
    clean-clone CI run died this way in a test's teardown). While held,
    nothing is collected; the collector runs again, as before, on leaving.
    Raises nothing of its own."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class WidgetEvents(QObject):
    """Calls ``on_event(event)`` for every event of one ``widget`` (as its
    event filter; the event goes on to the widget as usual).

    For a scroll area that follows its page: an ``eventFilter`` of the area
    itself would also be called for the area's scroll bars, on which Qt
    installs the area as a filter, and handing a scroll bar to Python makes
    PySide6 build ``QScrollBar``'s types before the first paint. Owned by
    ``widget``: it goes when the widget goes."""

    def __init__(self, widget: QWidget, on_event: Callable[[QEvent], object]) -> None:
        super().__init__(widget)
        self._on_event = on_event
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        self._on_event(event)
        return False


class FittingScrollArea(QScrollArea):
    """A resizable scroll area whose page follows its own content: when a
    wrapped label in it gets longer (a status after a sync), the page is
    made as tall as the new text needs and scrolls, instead of squeezing
    the labels and cutting lines off. (A plain QScrollArea sizes its page
    again only when the area itself is resized.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            # the area lays its page out again on its own layout request
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))
        return super().eventFilter(watched, event)


class WrappedLabel(QLabel):
    """A word-wrapped text label that remembers how tall its text is at each
    width it was asked about.

    Qt lays a wrapped label's text out afresh every time a layout asks its
    height for a width, and keeps no answer: the first screen's layouts asked
    119 times on the way to the first paint, mostly the same label at the
    same width again (a height and a least height per box, once more after
    each resize), 38 million instructions in all; 19 are left (README,
    "Start-up speed"). The answers are kept for
    the current text and dropped whenever anything else that shapes the text
    changes: the font, style, margins or direction (Qt tells the label by a
    change event, as it tells QLabel itself), the wrapping, indent, margin,
    alignment or text format (set through this class). For text only: a
    pixmap or movie label is a plain QLabel."""

    #: widths remembered at most; a window being resized asks for many
    MOST_WIDTHS = 16

    _heights: dict[int, int] | None = None  # made once QLabel's own set-up is done

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights = {}
        self._heights_text = text

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        """QLabel's answer, remembered for this text and width."""
        heights = self._heights
        if heights is None:
            return super().heightForWidth(width)
        text = self.text()
        if text != self._heights_text:
            heights.clear()
            self._heights_text = text
        height = heights.get(width)
        if height is None:
            if len(heights) >= self.MOST_WIDTHS:
                heights.clear()
            height = heights[width] = super().heightForWidth(width)
        return height

    def forget_heights(self) -> None:
        """Drop the remembered heights (something that shapes the text changed)."""
        if self._heights:
            self._heights.clear()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        """Forget the heights, then QLabel's own handling."""
        self.forget_heights()  # font, style, margins, direction, ...: QLabel lays out anew too
        super().changeEvent(event)

    def setWordWrap(self, on: bool) -> None:  # noqa: N802 (Qt's name)
        """QLabel's, forgetting the heights."""
        self.forget_heights()
        super().setWordWrap(on)

    def setIndent(self, indent: int) -> None:  # noqa: N802 (Qt's name)
        """QLabel's, forgetting the heights."""
        self.forget_heights()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:  # noqa: N802 (Qt's name)
        """QLabel's, forgetting the heights."""
        self.forget_heights()
        super().setMargin(margin)

    def setAlignment(self, alignment: Any) -> None:  # noqa: N802 (Qt's name)
        """QLabel's, forgetting the heights."""
        self.forget_heights()
        super().setAlignment(alignment)

    def setTextFormat(self, text_format: Any) -> None:  # noqa: N802 (Qt's name)
        """QLabel's, forgetting the heights."""
        self.forget_heights()
        super().setTextFormat(text_format)


def compact_form() -> QFormLayout:
    """A form whose fields keep their natural width (a number box stays
    number-sized instead of stretching across the window), labels right of
    nothing, on the left, aligned as the platform does."""
    from PySide6.QtWidgets import QFormLayout  # not on the first screen: its 3 enum types

    class CompactForm(QFormLayout):
        """Its rows made of several parts keep a gap between them (see addRow)."""

        def addRow(self, *args: object) -> None:  # type: ignore[override]  # noqa: N802 (Qt's name)
            """As QFormLayout's; a row that is a layout of its own (a drop-down, a
            label, a date box) gets the style's spacing between its parts: with
            the form's spacing set across only, the row inherited none and its
            parts touched ("The last 12 weeks" against "from", ninth round F5)."""
            field = args[-1]
            if isinstance(field, QLayout) and field.spacing() < 0:
                from PySide6.QtWidgets import QApplication, QStyle

                field.setSpacing(QApplication.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing))
            super().addRow(*args)  # type: ignore[call-overload]

    form = CompactForm()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setHorizontalSpacing(BLOCK_SPACING)
    return form


FOCUS_EDGE_PX = 2  # the edge focus_edge draws, on each side

#: px of room round a control for its focus ring, which is drawn just outside
#: it, in its container: a container whose controls touch its edges (a row of
#: boxes, a button row, a splitter's side) keeps this margin or cuts the ring.
RING_ROOM = 3


def ring_room(holder: QWidget | QLayout) -> None:
    """Give the controls in ``holder`` (a widget or a layout) room for their
    focus ring (see :data:`RING_ROOM`), instead of margins of 0."""
    holder.setContentsMargins(RING_ROOM, RING_ROOM, RING_ROOM, RING_ROOM)


def focus_edge(area: QWidget, name: str) -> None:
    """Give a scrolling text that takes the keyboard (arrows and Page Up/Down
    scroll it) a visible focus: a highlight-coloured edge while it has the
    focus, a plain one otherwise. Qt's styles draw no focus on such an area,
    which has no caret either. ``name`` becomes its object name."""
    area.setObjectName(name)
    area.setStyleSheet(
        f"#{name} {{ border: {FOCUS_EDGE_PX}px solid transparent; }}"
        f" #{name}:focus {{ border: {FOCUS_EDGE_PX}px solid palette(highlight); }}"
    )


def hold_width(widget: QWidget, texts: tuple[str, ...]) -> None:
    """Make ``widget`` (a button or a label whose words change: Pause and
    Resume, "Done in that set:" and "Stopped part-way; done in it:") at least
    as wide as it is with the widest of ``texts``, so that neither it nor what
    stands beside it moves when its words change (under the pointer or the
    eye). Its own text is left as it was. Call it again after a font change."""
    from PySide6.QtWidgets import QAbstractButton

    if not isinstance(widget, (QAbstractButton, QLabel)):
        raise TypeError(f"hold_width needs a button or a label, not {type(widget).__name__}")
    shown = widget.text()
    widest = 0
    for text in texts:
        widget.setText(text)
        widest = max(widest, widget.sizeHint().width())
    widget.setText(shown)
    widget.setMinimumWidth(widest)


def set_font(widget: QWidget, scale: float, bold: bool = False, italic: bool = False) -> None:
    """Scale a widget's font relative to the system font (no style sheet)."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    font.setItalic(italic)
    widget.setFont(font)


def set_enum_property(obj: QObject, name: str, key: str) -> None:
    """Set the Qt property ``name`` of ``obj`` to the enum value called ``key``,
    e.g. ``set_enum_property(area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")``.

    For the widgets painted at start-up: Qt's meta-object system converts the
    name, so no Python enum is involved. Using any enum of Qt's namespace
    (``Qt.ScrollBarPolicy``, ``Qt.FocusPolicy``, ...) from Python makes
    PySide6 build Python types for all of its ~95 enums at once, about 15 ms
    (see README, "Start-up speed"). Raises ValueError when ``obj`` has no such
    property or the enum no such value."""
    if not obj.setProperty(name, key):
        raise ValueError(f"cannot set {type(obj).__name__}.{name} to {key!r}")


def as_label_text(text: str) -> str:
    """Text for a QLabel that shows literally. Plain text is laid out faster
    than rich text, so it stays plain unless it holds something Qt could take
    for markup ('<' or '&'), which is then escaped inside a paragraph."""
    if "<" not in text and "&" not in text:
        return text
    from html import escape

    return "<p>" + escape(text).replace("\n", "<br>") + "</p>"


def format_clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


#: Error words in the light and dark themes: each at least 4.5:1 against
#: that theme's window and base colours (tests/ui/test_look.py checks).
ERROR_INK = {"light": "#b3261e", "dark": "#f28b82"}


def error_style(widget: QWidget) -> str:
    """The style sheet for error words on ``widget``: red that reads on its
    palette's background, light or dark (a fixed red is too dark on dark)."""
    dark = widget.palette().color(widget.backgroundRole()).lightness() < 128
    return f"color: {ERROR_INK['dark' if dark else 'light']};"


NOTICE_STYLE = (
    "#noticeBar { background: #fff4ce; border: 1px solid #e0c36a; border-radius: 4px; }"
    " #noticeBar QLabel { color: #3b2f00; }"
    # its buttons drawn whole here: on the dark theme's grey button face the dark
    # words were unreadable (1.2:1); the edge turns dark with the keyboard on it
    " #noticeBar QToolButton { color: #3b2f00; background: #fffbe8; border: 1px solid #8a6d00;"
    " border-radius: 3px; padding: 2px 8px; }"
    " #noticeBar QToolButton:focus { border: 2px solid #3b2f00; }"
    " #noticeArea, #noticeArea > QWidget, #noticeArea QLabel { background: transparent; }"
)


class NoticeBar(QFrame):
    """A dismissable message across the top of the window (not a modal box).

    Messages that can wait (a routine file that cannot be used, a sync
    folder out of reach) are held back while a session's pages show, so the
    session keeps its room; they show again after it. Urgent ones (the
    history cannot be written) show on every page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.label = WrappedLabel()
        self.label.setWordWrap(True)
        # several messages scroll within a few lines: the screen under the bar
        # keeps its room (an import error and two broken routines at once)
        self.area = QScrollArea()
        self.area.setObjectName("noticeArea")
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setWidgetResizable(True)
        set_enum_property(self.area, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        set_enum_property(self.area, "focusPolicy", "NoFocus")  # until a message shows
        self.area.setWidget(self.label)
        layout = QHBoxLayout(self)
        layout.addWidget(self.area, 1)
        self._close: QToolButton | None = None  # Dismiss: made with the first message
        self.hide()
        self._messages: list[str] = []
        self._can_wait: set[str] = set()
        self._in_session = self._dismissed = False

    MOST_LINES = 4  # the bar's text area at most, the rest scrolls

    def _add_dismiss(self) -> None:
        """The Dismiss button, after the messages (in the row and for Tab),
        made when the first message shows: the bar is hidden at start-up, and
        ``QToolButton``'s type is built for Python only when first used."""
        if self._close is not None:
            return
        from PySide6.QtWidgets import QToolButton

        close = self._close = QToolButton()
        close.setText("Dismiss")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.dismiss)
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.addWidget(close)
        QWidget.setTabOrder(self.area, close)

    def _fit_height(self) -> None:
        """As tall as the messages, up to :attr:`MOST_LINES` lines, counting
        the area's focus edge (without it the last line was cut)."""
        edges = 2 * FOCUS_EDGE_PX if self.area.objectName() == "noticeArea" else 0
        width = max(100, self.area.width() - edges)
        line = self.label.fontMetrics().lineSpacing()
        margins = self.label.contentsMargins()
        pad = margins.top() + margins.bottom() + 2 * self.label.margin()
        # whole lines only: no line half shown at the foot, and the arrows
        # scroll a line at a time, so none is half shown at the top either
        most = line * self.MOST_LINES + pad
        needed = self.label.heightForWidth(width)
        if needed > most:  # a scroll bar takes its share of the width
            needed = self.label.heightForWidth(width - self.area.verticalScrollBar().sizeHint().width())
        bar = self.area.verticalScrollBar()
        bar.setSingleStep(line)
        bar.setPageStep(line * (self.MOST_LINES - 1))
        self.area.setFixedHeight(max(line + pad, min(needed, most)) + edges)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_height()

    def show_message(self, text: str, can_wait: bool = True) -> None:
        """Show ``text`` (once, however often it is told) at the top of the bar,
        above the messages told before it, the bar scrolled to it: the newest
        is what the runner just did (seventh re-test: a successful import was
        the fourth message, out of view under "Nothing was imported").
        Held back while a session's pages show (see :meth:`set_in_session`)
        unless ``can_wait`` is False: only what the session itself needs
        said (its sets cannot be written) is shown during one."""
        from PySide6.QtCore import Qt  # see the note on start-up in home.py

        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(NOTICE_STYLE)  # styled only when shown: not at start-up
        self._add_dismiss()
        # the keyboard scrolls the messages too (arrows, Page Up/Down), its focus shown
        focus_edge(self.area, "noticeArea")
        self._keys_to_session(self._in_session)
        if text in self._messages:  # told again: it is the newest again
            self._messages.remove(text)
        self._messages.insert(0, text)
        if can_wait:
            self._can_wait.add(text)
        else:
            self._can_wait.discard(text)
        self._dismissed = False
        self._show_current()
        self.area.verticalScrollBar().setValue(0)

    def set_in_session(self, in_session: bool) -> None:
        """A session's pages show (True) or not: messages that can wait hide or
        come back, and the bar takes no Tab while they show: the session keys
        (Space, Right, Esc…) belong to the session screen, and a Tab into the
        bar's words left them doing nothing while the clock ran (eighth re-test)."""
        if in_session != self._in_session:
            self._in_session = in_session
            self._show_current()
            self._keys_to_session(in_session)

    def _keys_to_session(self, in_session: bool) -> None:
        """No Tab stop in the bar during a session; otherwise its words take the
        keys (arrows scroll them) and its buttons Tab, as buttons do."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QToolButton

        off = Qt.FocusPolicy.NoFocus
        self.area.setFocusPolicy(off if in_session else Qt.FocusPolicy.StrongFocus)
        for button in self.findChildren(QToolButton):
            button.setFocusPolicy(off if in_session else Qt.FocusPolicy.TabFocus)
        focus = QApplication.focusWidget()
        if in_session and focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()

    def dismiss(self) -> None:
        """Hide the bar until the next message (the Dismiss button)."""
        self._dismissed = True
        self.hide()

    def shown_messages(self) -> list[str]:
        """The messages on the bar now (none when it is hidden)."""
        if self._dismissed:
            return []
        return [m for m in self._messages if not (self._in_session and m in self._can_wait)]

    def _show_current(self) -> None:
        shown = self.shown_messages()
        self.label.setText("\n\n".join(shown))
        self.setVisible(bool(shown))
        if shown:
            self._fit_height()

    def messages(self) -> list[str]:
        """Every message told and not withdrawn, shown or held back."""
        return list(self._messages)

    def withdraw(self, keep: Callable[[str], bool]) -> None:
        """Take back the messages ``keep`` refuses (what they described is
        gone); the bar hides when none is left."""
        left = [m for m in self._messages if keep(m)]
        if left == self._messages:
            return
        self._messages = left
        self._can_wait &= set(left)
        if not self._dismissed:
            self._show_current()

    def offer_action(self, text: str, slot: Callable[[], object]) -> QToolButton:
        """A button on the bar (once per ``text``) that hides the bar and calls ``slot``."""
        from PySide6.QtWidgets import QToolButton

        found = self.findChild(QToolButton, f"noticeAction:{text}")
        if isinstance(found, QToolButton):
            return found
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(text)
        button.setObjectName(f"noticeAction:{text}")
        if self._in_session:  # no Tab into the bar during a session (see set_in_session)
            set_enum_property(button, "focusPolicy", "NoFocus")
        button.clicked.connect(lambda: (self.dismiss(), slot()))
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(1, button)
        return button


class HomeButton(QPushButton):
    """The page header's "← Home": first in its page's Tab order, as it is
    first on the page, whenever the page is shown. (A control made with the
    page as its parent before the header was laid out came before it, so
    Shift+Tab from the first question reached "← Home" last.)"""

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """Move the page's controls that Tab reaches before this button to just after it."""
        super().showEvent(event)
        page = self.parentWidget()
        if page is None:
            return
        from PySide6.QtCore import Qt  # here, not at start-up: see set_enum_property

        before: list[QWidget] = []
        widget = page.nextInFocusChain()
        while widget is not None and widget is not self and widget is not page:
            if page.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                before.append(widget)
            widget = widget.nextInFocusChain()
        chain: list[QWidget] = [self, *before]
        for first, second in zip(chain, before, strict=False):
            QWidget.setTabOrder(first, second)


def page_header(title: str, go_home: Callable[[], None]) -> tuple[QHBoxLayout, QPushButton]:
    """The row at the top of a screen other than home: a way back (first in the
    page's Tab order) and a title."""
    button = HomeButton("← Home")
    button.setAccessibleName("Back to the home screen")
    button.clicked.connect(go_home)
    label = QLabel(title)
    set_font(label, TITLE, bold=True)
    label.setObjectName("pageTitle")
    row = QHBoxLayout()
    row.setSpacing(BLOCK_SPACING)
    row.addWidget(button)
    row.addWidget(label)
    row.addStretch(1)
    return row, button


class ActionBanner(QFrame):
    """A message across the top of the window with its own buttons; it
    closes itself when one of them is pressed."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = WrappedLabel(text)
        self.label.setWordWrap(True)
        self.column = QVBoxLayout(self)
        self.row = QHBoxLayout()
        self.row.addWidget(self.label, 1)
        self.column.addLayout(self.row)
        self.buttons: dict[str, QToolButton] = {}

    def add_widget(self, widget: QWidget) -> None:
        """A control in the banner's row, before its buttons."""
        self.row.addWidget(widget)

    def add_line(self, widget: QWidget) -> None:
        """A line below the row, the banner's whole width (a message that wraps)."""
        self.column.addWidget(widget)

    def add_button(self, text: str, slot: Callable[[], object]) -> QToolButton:
        """A button that runs ``slot`` and closes the banner, unless ``slot``
        returns False (it refused, and said why in the banner)."""
        from PySide6.QtWidgets import QToolButton

        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(text)

        def pressed() -> None:
            if slot() is False:
                return
            self.hide()
            self.deleteLater()

        button.clicked.connect(pressed)
        self.row.addWidget(button)
        self.buttons[text] = button
        return button


class _ArrowsChoose(QObject):
    """Arrow keys in a group of exclusive choices (radio buttons), the same
    everywhere in the app: with nothing chosen yet, the first arrow press
    chooses the choice that has the focus (the first one, where Tab lands), never
    the one after it; once one is chosen, Up/Left and Down/Right move to the
    previous or next choice and choose it, stopping at the ends. (Qt's own
    arrows only move the focus while nothing is chosen, and choose only in a
    group that already has a choice.)"""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QAbstractButton

        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QAbstractButton) or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        keys = {Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1}
        step = keys.get(Qt.Key(event.key()))
        if step is None:
            return False
        buttons = [b for b in _choices_of(watched) if b.isEnabled() and b.isVisible()]
        if watched not in buttons:
            return False
        if not any(b.isChecked() for b in buttons):
            target = watched  # nothing chosen yet: choose where the focus is
        else:
            index = buttons.index(watched) + step
            if not 0 <= index < len(buttons):
                return True  # at an end: stay
            target = buttons[index]
        target.setChecked(True)
        target.setFocus(Qt.FocusReason.TabFocusReason)
        return True


def _choices_of(button: QObject) -> list:  # type: ignore[type-arg]
    """The exclusive choices ``button`` belongs to: its button group, or its
    auto-exclusive siblings, in order."""
    from PySide6.QtWidgets import QAbstractButton

    assert isinstance(button, QAbstractButton)
    group = button.group()
    if group is not None:
        return list(group.buttons())
    parent = button.parentWidget()
    if parent is None:
        return [button]
    return [b for b in parent.findChildren(QAbstractButton) if b.autoExclusive()
            and b.parentWidget() is parent]


_ARROWS = _ArrowsChoose()


def arrows_choose(*buttons: QWidget) -> None:
    """Give the radio ``buttons`` the app's arrow keys (see :class:`_ArrowsChoose`):
    the first arrow press with nothing chosen chooses the focused choice."""
    for button in buttons:
        button.installEventFilter(_ARROWS)


def text_lines(label: QLabel, within: QWidget) -> list[tuple[int, int]]:
    """Where each line of ``label``'s text lies (top, bottom) in ``within``'s
    coordinates: its lines are a line spacing apart, placed by its alignment."""
    from PySide6.QtCore import QPoint, Qt

    line = label.fontMetrics().lineSpacing()
    room = label.contentsRect().height() - 2 * label.margin()
    text = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
    count = max(1, round((text - (label.height() - room)) / line))
    spare = max(0, room - count * line)
    align = label.alignment()
    offset = spare // 2 if align & Qt.AlignmentFlag.AlignVCenter else \
        spare if align & Qt.AlignmentFlag.AlignBottom else 0
    top = label.mapTo(within, QPoint(0, label.contentsRect().top() + label.margin() + offset)).y()
    return [(top + k * line, top + (k + 1) * line) for k in range(count)]


def line_spans(inner: QWidget) -> list[tuple[int, int]]:
    """Where ``inner``'s text lines and controls lie, (top, bottom) in px in its
    coordinates, that a view's edge must not cut: each line of a label, each
    button or number box, and a box's frame down to its first line and up
    from its last."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox

    def content(root: QWidget) -> list[tuple[int, int]]:
        found = []
        for widget in root.findChildren(QWidget):
            if not widget.isVisibleTo(inner):
                continue
            if isinstance(widget, QLabel) and widget.text():
                found += text_lines(widget, inner)
            elif isinstance(widget, (QAbstractButton, QAbstractSpinBox)):
                top = widget.mapTo(inner, widget.rect().topLeft()).y()
                found.append((top, top + widget.height()))
        return found

    spans = content(inner)
    for child in inner.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        inside = content(child) if child.isVisibleTo(inner) else []
        if inside:  # a box shows at least its first (or last) line whole, never a sliver of frame
            top, bottom = child.y(), child.y() + child.height()
            spans += [(top, min(inside)[1]), (max(inside)[0], bottom)]
    return spans


def whole_line_height(inner: QWidget, most: int, padded: int = 0,
                      spans: list[tuple[int, int]] | None = None) -> int:
    """The tallest view of ``inner``, up to ``most`` px, whose foot cuts no
    line of text and no control at the top, and scrolled to the end neither
    where that costs at most one line of the view (else only at the top; one
    that cuts, where none is possible); a scroll area given this height shows
    whole lines. ``padded``: px of blank already added below the content
    (see :func:`end_padding`), left out of the content's height. ``spans``:
    :func:`line_spans` of ``inner`` when already collected."""
    spans = line_spans(inner) if spans is None else spans

    def whole(y: int) -> bool:
        return not any(a < y < b for a, b in spans)

    # Whole at the end too, where that costs at most a line of the view: a
    # gap between two labels (the routine's description and its exercises)
    # breaks the lines' even spacing, and asking both ends to be whole at any
    # price chose a view of the description alone and an empty panel below it
    # (eleventh re-test). Where the end is still cut, end_padding() mends it.
    full = inner.height() - padded
    line = max((b - a for a, b in spans), default=0)
    for height in range(most, max(0, most - line - 1), -1):
        if whole(height) and whole(full - height):
            return height
    for height in range(most, 0, -1):
        if whole(height):
            return height
    return most


def end_padding(inner: QWidget, view: int, padded: int = 0,
                spans: list[tuple[int, int]] | None = None) -> int:
    """The blank px to put below ``inner``'s content so that a view ``view`` px
    high, scrolled to the end, starts on a whole line (the blank shows under
    the last line instead of a line cut at the top); 0 when the content fits.
    ``padded``: the blank already there, left out of the content's height;
    ``spans``: :func:`line_spans` of ``inner`` when already collected."""
    content = inner.height() - padded
    if view <= 0 or content <= view:
        return 0
    spans = line_spans(inner) if spans is None else spans
    start = content - view
    for y in range(start, content + 1):
        if not any(a < y < b for a, b in spans):
            return y - start
    return 0


def pad_end(area: QScrollArea, view: int, spans: list[tuple[int, int]] | None = None) -> None:
    """Give ``area``'s inner widget (a layout with no bottom margin of its own)
    the :func:`end_padding` for a view ``view`` px high (``spans``: its
    :func:`line_spans` when already collected)."""
    inner = area.widget()
    layout = inner.layout() if inner is not None else None
    if inner is None or layout is None:
        return
    margins = layout.contentsMargins()
    pad = end_padding(inner, view, margins.bottom(), spans)
    if pad != margins.bottom():
        margins.setBottom(pad)
        layout.setContentsMargins(margins)


class WholeLineArea(QScrollArea):
    """A frameless scroll area (up and down) for plain-text labels whose view
    ends on a whole line: the spare pixels below the last whole line are left
    empty rather than showing a line cut in half."""

    def __init__(self, inner: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # a viewport made here: Qt's own, first handed to Python as a plain
        # QWidget in _snap(), made PySide6 build the types of every QWidget
        # subclass before the first paint (about 50 million instructions)
        view = QWidget()
        view.setObjectName("qt_scrollarea_viewport")
        self.setViewport(view)
        self.setWidgetResizable(True)
        self.setWidget(inner)
        set_enum_property(self, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        WidgetEvents(inner, self._inner_event)  # its text re-wrapped: snap again

    def _inner_event(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.Resize:
            self._snap()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._snap()

    def _snap(self) -> None:
        inner = self.widget()
        full = self.height() - 2 * self.frameWidth()
        spare = 0
        layout = inner.layout() if inner is not None else None
        padded = layout.contentsMargins().bottom() if layout is not None else 0
        spans = None  # where the lines lie, collected once, only when the content scrolls
        if inner is not None and full > 0 and inner.height() - padded > full:
            spans = line_spans(inner)
            spare = full - whole_line_height(inner, full, padded, spans)
        if self.viewportMargins().bottom() != spare:
            self.setViewportMargins(0, 0, 0, spare)
            # QScrollArea sets its scroll range on a layout request, not on new
            # margins: the range stayed the old view's, a pixel or two too far,
            # and the view scrolled to its end cut its top line
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))
        pad_end(self, full - spare, spans)  # scrolled to the end: a whole line at the top too
        view = self.viewport().width()
        if inner is not None and inner.width() != view and inner.minimumSizeHint().width() <= view:
            # a scroll bar came or went as the view changed: QScrollArea sized the
            # words for the old width, and the bar covered their line ends
            QCoreApplication.postEvent(self, QEvent(QEvent.Type.LayoutRequest))


def weeks_start_on(first_day: str, *edits: Any) -> None:
    """Make the pop-up calendars of the date boxes ``edits`` (QDateEdit with a
    calendar pop-up) start their weeks on ``first_day`` ("monday",
    "saturday" or "sunday", the runner's setting), as every other week in the
    app does (twenty-sixth re-test: they kept Qt's Monday). Qt makes a box's
    calendar when it first opens (a click), so a calendar not made yet takes
    the day then, through a small filter on the box. The same filter opens
    the calendar from the keyboard with Alt+Down or F4, as a drop-down list
    opens (Qt's date box has no key for it). KeyError for another name."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QCalendarWidget

    from ..core.weeks import FIRST_DAY

    day = Qt.DayOfWeek(FIRST_DAY[first_day] + 1)  # Qt counts from Monday = 1
    for edit in edits:
        follower = edit.findChild(_WeekStart)
        if follower is None:
            follower = _WeekStart(edit)
            edit.installEventFilter(follower)
        follower.day = day
        made = edit.findChild(QCalendarWidget)
        if made is not None:
            made.setFirstDayOfWeek(day)


class _WeekStart(QObject):
    """Gives a date box's calendar its first day of the week when a click is
    about to make it, and opens it on Alt+Down or F4 (see :func:`weeks_start_on`)."""

    day: Any = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and self.day is not None:
            watched.calendarWidget().setFirstDayOfWeek(self.day)  # type: ignore[attr-defined]
        elif kind == QEvent.Type.KeyPress and _opens_a_list(event):  # type: ignore[arg-type]
            _open_calendar(watched)  # type: ignore[arg-type]
            return True
        return False


def _opens_a_list(event: QKeyEvent) -> bool:
    """Alt+Down or F4: the keys that open a drop-down list."""
    from PySide6.QtCore import Qt

    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return ((event.key() == Qt.Key.Key_Down and mods == Qt.KeyboardModifier.AltModifier)
            or (event.key() == Qt.Key.Key_F4 and mods == Qt.KeyboardModifier.NoModifier))


def _open_calendar(edit: QWidget) -> None:
    """Open a date box's calendar as a click on its arrow does: Qt has no
    call for it, so the click is sent, at the arrow the style draws."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    option.initFrom(edit)
    option.editable = True
    arrow = edit.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxArrow, edit)
    at = QPointF(arrow.center())
    for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        QCoreApplication.sendEvent(edit, QMouseEvent(kind, at, edit.mapToGlobal(at), Qt.MouseButton.LeftButton,
                                                     buttons, Qt.KeyboardModifier.NoModifier))
