"""Number boxes for forms: they show a dash while greyed out (a field that
does not apply, such as the seconds of a step counted in reps, never shows a
made-up value), and :class:`NotedSpinBox` says any number it refused or that
another setting moved; a text box (:class:`NotedLineEdit`) and a drop-down
(:class:`NotedComboBox`) say, in the same kind of note, why what was typed
was refused, and keep it as typed. Not on the way to the first paint (start-up)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .widgets import ring_room

DASH = "–"


class _DashWhenOff:
    """Shows :data:`DASH` (no suffix) while the box itself is switched off
    (``setEnabled(False)`` on it; a box greyed with a read-only group keeps
    its value); the value is kept and shows again when switched on."""

    _kept_suffix = ""
    #: False for a box whose value still holds while it is greyed (a read-only
    #: routine's suggested frequency): it keeps showing its number.
    dash_when_off = True

    def _off(self) -> bool:
        return self.dash_when_off and self.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)  # type: ignore[attr-defined, no-any-return]

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return DASH if self._off() else super().textFromValue(value)  # type: ignore[misc]

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)  # type: ignore[misc]
        if event.type() != QEvent.Type.EnabledChange:
            return
        if self._off() and self.suffix():  # type: ignore[attr-defined]
            self._kept_suffix = self.suffix()  # type: ignore[attr-defined]
            self.setSuffix("")  # type: ignore[attr-defined]
        elif not self._off() and self._kept_suffix:
            self.setSuffix(self._kept_suffix)  # type: ignore[attr-defined]
            self._kept_suffix = ""
        self.lineEdit().setText(self.textFromValue(self.value()))  # type: ignore[attr-defined]

    def shown_suffix(self) -> str:
        """The unit, also while the box is off and shows no unit."""
        return self._kept_suffix or self.suffix()  # type: ignore[attr-defined]


class _Noted:
    """A field with a note line below it (:attr:`note`) that says why what
    was typed was refused or moved: the look of every such note in the app
    (number boxes, the routine name). :meth:`add_to` places field and note in
    a form."""

    note: QLabel

    def _make_note(self) -> None:
        self.note = QLabel()
        self.note.setObjectName("fieldNote")
        self.note.setWordWrap(True)
        self.note.hide()

    def add_to(self, form: QFormLayout, label: str) -> None:
        """Add the field to ``form`` beside ``label`` (an Alt+letter in it reaches
        the field) and its note on a row of its own below, across the form's
        width. The note never widens the field: a form that puts a field
        too wide for the room below its label moved the box under its label
        when the note appeared (the editor's Reps: box, at 800 x 600)."""
        form.addRow(label, self)  # type: ignore[arg-type]
        form.addRow(self.note)

    def say(self, text: str) -> None:
        """Show ``text`` under the field (an empty text hides the note); a
        screen reader reads it as the field's description."""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.setAccessibleDescription(text)  # type: ignore[attr-defined]

    def saying(self) -> str:
        """The note shown now ("" when none)."""
        return self.note.text() if not self.note.isHidden() else ""


class _NotedField(_Noted):
    """A text field or drop-down with its note (below): made with an optional
    accessible ``name``, its note hidden until there is something to say."""

    def __init__(self, name: str = "") -> None:
        super().__init__()  # the Qt widget's own (next in the subclass's order)
        if name:
            self.setAccessibleName(name)  # type: ignore[attr-defined]
        self._make_note()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Alt with a letter is a command's key, never typing: the Alt letter
        of a greyed button (no command to take it) went into the routine's
        name (twenty-seventh re-test). Ctrl+Alt (AltGr on some systems) types."""
        mods = event.modifiers()
        if mods & Qt.KeyboardModifier.AltModifier and not mods & Qt.KeyboardModifier.ControlModifier \
                and event.text().isprintable() and event.text():
            event.ignore()  # passed on: the dialog's own Alt keys, else nothing
            return
        super().keyPressEvent(event)  # type: ignore[misc]


class NotedLineEdit(_NotedField, QLineEdit):
    """A text box whose typing is never changed behind the runner's back: a
    text the form cannot take (an empty routine name) stays as typed and the
    note below says why (see :class:`_Noted`)."""


class NotedComboBox(_NotedField, QComboBox):
    """A drop-down (editable or not) with a note line below it (see :class:`_Noted`)."""


class NotedPlainTextEdit(_NotedField, QPlainTextEdit):
    """A text area with a note line below it (see :class:`_Noted`)."""


class _SaysTyped(_Noted, _DashWhenOff):
    """Every number box of the app: a number typed outside the range shows as
    typed (Qt would refuse the key and keep the digits before it, so 9999 in a
    box that ends at 300 read as 99); when the typing ends (Enter, Tab, a click
    elsewhere) the box takes the nearest end of its range and the note below it
    says so: "9999 is more than the most, 300; the box keeps 300." Space never
    types into the box, so a dash ("not rated", "not given") stays as it was.
    The note line is :attr:`note`; :meth:`add_to` places box and note in a form."""

    note: QLabel
    why_limit: Callable[[], str]
    #: Set where the note is not right under the box (a row of boxes): the
    #: note starts with it, so it says which box it is about.
    said_as = ""

    def _set_up(self, low: float, high: float, suffix: str, name: str) -> None:
        """Range, unit, the name a screen reader says, and the note line. A typed
        number becomes the value when the typing ends (Enter, Tab, a click
        elsewhere), not at each digit: "500" never passed through 5 and 50 (the
        editor's step list showed "2 x 50 reps", and Undo went back a digit at a
        time); the arrow keys still change it at once."""
        self.setKeyboardTracking(False)  # type: ignore[attr-defined]
        self.setRange(low, high)  # type: ignore[attr-defined]
        self.setSuffix(suffix)  # type: ignore[attr-defined]
        if name:
            self.setAccessibleName(name)  # type: ignore[attr-defined]
        self.name = name
        self._start_note()

    def _start_note(self) -> None:
        self.why_limit = lambda: ""
        # the unit said after a number in the notes: the box's suffix, or one
        # that follows the number ("1 rep", "30 reps") where the box sets it
        self.unit_for: Callable[[float], str] = lambda _value: self.suffix()  # type: ignore[attr-defined]
        self._make_note()
        self._saying = False
        self._kept: float | None = None  # the value a note about a refused number is about
        self.valueChanged.connect(self._value_changed)  # type: ignore[attr-defined]

    def _value_changed(self, value: float) -> None:
        kept, self._kept = self._kept, None
        if value != kept and not self._saying:  # a value the runner chose: an earlier note no longer applies
            self.say("")

    def adjusted(self, before: float, reason: str) -> None:
        """Say that the value was moved from ``before`` because of ``reason``."""
        if self.value() != before:  # type: ignore[attr-defined]
            now = self.value()  # type: ignore[attr-defined]
            self.say(f"Changed from {self._words(before)}{self.unit_for(before)} to "
                     f"{self._words(now)}{self.unit_for(now)}: {reason}.")

    def _words(self, value: float) -> str:
        return super().textFromValue(value)

    def _typed(self, text: str) -> tuple[str, float] | None:
        """The number typed in ``text`` (as typed, and its value), or None."""
        number = text.removeprefix(self.prefix()).removesuffix(self.suffix()).strip()  # type: ignore[attr-defined]
        if isinstance(self, QSpinBox):
            whole, ok = self.locale().toInt(number)
            return (number, float(whole)) if ok else None
        value, ok = self.locale().toDouble(number)  # type: ignore[attr-defined]
        return (number, value) if ok else None

    def _ends(self) -> tuple[float, float]:
        """The lowest and highest numbers a runner can type (a box whose lowest
        value stands for "not given" shows words there, not a number)."""
        low, high = self.minimum(), self.maximum()  # type: ignore[attr-defined]
        if self.specialValueText() and low < high:  # type: ignore[attr-defined]
            low = min(low + self.singleStep(), high)  # type: ignore[attr-defined]
        return low, high

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        """Qt's check of the typed text, except that a number out of range may
        be typed in full: :meth:`fixup` then takes the nearest end and says so."""
        result = super().validate(text, pos)  # type: ignore[misc]
        state = result[0] if isinstance(result, tuple) else result
        typed = self._typed(text) if state == QValidator.State.Invalid else None
        if typed is not None and not self.minimum() <= typed[1] <= self.maximum():  # type: ignore[attr-defined]
            return QValidator.State.Intermediate, text, pos
        return result  # type: ignore[no-any-return]

    def setValue(self, value: float) -> None:  # noqa: N802 (Qt's name)
        """Qt's, except that the value the box already has, set again while the
        runner types in it (a form redrawn after each change), leaves the typed
        text alone: Qt rewrote it, so "1." became "1.0" and "1.5" could not be typed."""
        typed = self._typed(self.text()) if self.hasFocus() else None  # type: ignore[attr-defined]
        if typed is not None and value == typed[1] == self.value():  # type: ignore[attr-defined]
            return  # the text being typed already says it (a different text, as Escape restores, is redrawn)
        super().setValue(value)  # type: ignore[misc]

    def fixup(self, text: str) -> str:
        """The text a finished edit becomes: a number out of range becomes the
        nearest end of the range, said in the note."""
        typed = self._typed(text)
        low, high = self._ends()
        if typed is None or low <= typed[1] <= high:
            return super().fixup(text)  # type: ignore[misc, no-any-return]
        number, value = typed
        keep = high if value > high else low
        end = f"more than the most, {self._words(high)}{self.unit_for(high)}" if value > high else (
            f"less than the least, {self._words(low)}{self.unit_for(low)}")
        which = f"{self.said_as}: " if self.said_as else ""
        self.say(f"{which}{number} is {end}{self.why_limit()}; the box keeps "
                 f"{self._words(keep)}{self.unit_for(keep)}.")
        self._kept = keep  # the box is about to take it: the note stays
        return f"{self.prefix()}{self._words(keep)}{self.suffix()}"  # type: ignore[attr-defined]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Space is no number: in a number box it does nothing (a dash stays a
        dash, and the key does not go on to the page, where it may mean stop)."""
        if event.key() == Qt.Key.Key_Space and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            event.accept()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        super().keyPressEvent(event)  # type: ignore[misc]
        if enter and self._on_enter is not None:
            self._on_enter()
            event.accept()  # done here: Enter does not go on to the page (home would start a session)

    _on_enter: Callable[[], object] | None = None

    def on_enter(self, slot: Callable[[], object]) -> None:
        """Enter in the box calls ``slot`` (after the typed number is taken) and
        ends there: the key never also reaches the page or window behind it,
        whose own Enter (start a session) must not follow a box's Save."""
        self._on_enter = slot


class DashSpinBox(_SaysTyped, QSpinBox):
    """A whole-number box: shows a dash while switched off, and says in its
    note a number typed out of range (see :class:`_SaysTyped`)."""

    def __init__(self, low: int = 0, high: int = 99, suffix: str = "", name: str = "") -> None:
        super().__init__()
        self._set_up(low, high, suffix, name)


class DashDoubleSpinBox(_SaysTyped, QDoubleSpinBox):
    """A decimal number box: shows a dash while switched off, and says in its
    note a number typed out of range (see :class:`_SaysTyped`)."""

    def __init__(self, low: float = 0.0, high: float = 99.0, suffix: str = "", name: str = "") -> None:
        super().__init__()
        self._set_up(low, high, suffix, name)


NotedSpinBox = DashSpinBox  # the names the forms use: every number box says what it refused
NotedDoubleSpinBox = DashDoubleSpinBox


def notes_below(row: QLayout, *boxes: _SaysTyped) -> QWidget:
    """A row of controls with the notes of its number ``boxes`` below it, each
    on its own line the row's width (under one box it would wrap to its width)."""
    widget = QWidget()
    column = QVBoxLayout(widget)
    ring_room(column)  # the boxes' focus rings are drawn round them, inside this
    column.setSpacing(2)
    column.addLayout(row)
    for box in boxes:
        box.said_as = box.said_as or box.accessibleName()  # type: ignore[attr-defined]
        column.addWidget(box.note)
    return widget
