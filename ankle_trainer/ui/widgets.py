"""Small shared pieces of the first screen: the notice bar, time formatting."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFont, QValidator
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# The type scale, as multiples of the system font: every screen uses these
# (page titles, section titles, body, notes), so sizes repeat rather than drift.
TITLE, SECTION, LEAD, NOTE = 1.6, 1.25, 1.1, 0.9
# Spacing in pixels: around a page and between its blocks.
PAGE_MARGIN, BLOCK_SPACING = 16, 12
#: How long a status-bar message stays (it also goes when the screen changes).
STATUS_MS = 15_000


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


def compact_form() -> QFormLayout:
    """A form whose fields keep their natural width (a number box stays
    number-sized instead of stretching across the window), labels right of
    nothing, on the left, aligned as the platform does."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
    form.setHorizontalSpacing(BLOCK_SPACING)
    return form


def focus_edge(area: QWidget, name: str) -> None:
    """Give a scrolling text that takes the keyboard (arrows and Page Up/Down
    scroll it) a visible focus: a highlight-coloured edge while it has the
    focus, a plain one otherwise. Qt's styles draw no focus on such an area,
    which has no caret either. ``name`` becomes its object name."""
    area.setObjectName(name)
    area.setStyleSheet(
        f"#{name} {{ border: 2px solid transparent; }}"
        f" #{name}:focus {{ border: 2px solid palette(highlight); }}"
    )


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


NOTICE_STYLE = (
    "#noticeBar { background: #fff4ce; border: 1px solid #e0c36a; border-radius: 4px; }"
    " #noticeBar QLabel, #noticeBar QToolButton { color: #3b2f00; }"
)


class NoticeBar(QFrame):
    """A dismissable message across the top of the window (not a modal box)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QToolButton()
        close.setText("Dismiss")
        close.setAccessibleName("Dismiss message")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()
        self._messages: list[str] = []

    def show_message(self, text: str) -> None:
        if text in self._messages:
            self.show()
            return
        from PySide6.QtCore import Qt  # see the note on start-up in home.py

        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(NOTICE_STYLE)  # styled only when shown: not at start-up
        self._messages.append(text)
        self.label.setText("\n\n".join(self._messages))
        self.show()

    def messages(self) -> list[str]:
        return list(self._messages)

    def withdraw(self, keep: Callable[[str], bool]) -> None:
        """Take back the messages ``keep`` refuses (what they described is
        gone); the bar hides when none is left."""
        left = [m for m in self._messages if keep(m)]
        if left == self._messages:
            return
        self._messages = left
        self.label.setText("\n\n".join(left))
        if not left:
            self.hide()

    def offer_action(self, text: str, slot: Callable[[], object]) -> QToolButton:
        """A button on the bar (once per ``text``) that hides the bar and calls ``slot``."""
        found = self.findChild(QToolButton, f"noticeAction:{text}")
        if isinstance(found, QToolButton):
            return found
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(text)
        button.setObjectName(f"noticeAction:{text}")
        button.clicked.connect(lambda: (self.hide(), slot()))
        layout = self.layout()
        assert isinstance(layout, QHBoxLayout)
        layout.insertWidget(1, button)
        return button


class NotedSpinBox(QSpinBox):
    """A whole-number box that never changes or refuses a value silently: a
    number typed outside its range, or a value another setting moved, is said
    in the note line below it (:meth:`with_note` places box and note).
    ``why_limit`` may add why the range ends where it does."""

    def __init__(self, low: int, high: int, suffix: str, name: str) -> None:
        super().__init__()
        self.setRange(low, high)
        self.setSuffix(suffix)
        self.setAccessibleName(name)
        self.name = name
        self.why_limit: Callable[[], str] = lambda: ""
        self.note = QLabel()
        self.note.setObjectName("fieldNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self._saying = False
        self.valueChanged.connect(self._value_changed)

    def _value_changed(self, _value: int) -> None:
        if not self._saying:  # a value the runner chose: an earlier note no longer applies
            self.say("")

    def with_note(self) -> QWidget:
        """The box with its note line below it, for a form row."""
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self)
        column.addWidget(self.note)
        return box

    def say(self, text: str) -> None:
        """Show ``text`` under the box (an empty text hides the note)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.setAccessibleDescription(text)

    def adjusted(self, before: int, reason: str) -> None:
        """Say that the value was moved from ``before`` because of ``reason``."""
        if self.value() != before:
            self.say(f"Changed from {before}{self.suffix()} to {self.value()}{self.suffix()}: {reason}.")

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Qt's check of the typed text; a number out of range is also said in the note."""
        result = super().validate(text, pos)
        state = result[0] if isinstance(result, tuple) else result
        number = text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()
        if state == QValidator.State.Invalid and number.lstrip("-").isdigit():
            low, high, unit = self.minimum(), self.maximum(), self.suffix()
            limit = self.why_limit()
            self.say(f"{number} is outside {low} to {high}{unit}{limit}, so it was not taken; "
                     f"it stays at {self.value()}{unit}.")
        return result


def page_header(title: str, go_home: Callable[[], None]) -> tuple[QHBoxLayout, QPushButton]:
    """The row at the top of a screen other than home: a way back and a title."""
    button = QPushButton("← Home")
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
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.row = QHBoxLayout(self)
        self.row.addWidget(self.label, 1)
        self.buttons: dict[str, QToolButton] = {}

    def add_widget(self, widget: QWidget) -> None:
        self.row.addWidget(widget)

    def add_button(self, text: str, slot: Callable[[], object]) -> QToolButton:
        """A button that runs ``slot`` and closes the banner, unless ``slot``
        returns False (it refused, and said why in the banner)."""
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
