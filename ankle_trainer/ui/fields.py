"""Number boxes for forms: they show a dash while greyed out (a field that
does not apply, such as the seconds of a step counted in reps, never shows a
made-up value), and :class:`NotedSpinBox` says any number it refused or that
another setting moved. Not on the way to the first paint (start-up)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QSpinBox, QVBoxLayout, QWidget

DASH = "–"


class _DashWhenOff:
    """Shows :data:`DASH` (no suffix) while the box itself is switched off
    (``setEnabled(False)`` on it; a box greyed with a read-only group keeps
    its value); the value is kept and shows again when switched on."""

    _kept_suffix = ""

    def _off(self) -> bool:
        return self.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)  # type: ignore[attr-defined, no-any-return]

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


class DashSpinBox(_DashWhenOff, QSpinBox):
    """A QSpinBox that shows a dash while switched off."""


class DashDoubleSpinBox(_DashWhenOff, QDoubleSpinBox):
    """A QDoubleSpinBox that shows a dash while switched off."""


class NotedSpinBox(DashSpinBox):
    """A whole-number box that never changes or refuses a value silently: a
    number typed outside its range, or a value another setting moved, is said
    in the note line below it (:meth:`with_note` places box and note); like
    :class:`DashSpinBox` it shows a dash while switched off.
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
        column.addWidget(self, 0, Qt.AlignmentFlag.AlignLeft)  # its natural width, not the row's
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
