"""Number boxes that show a dash while greyed out: a field that does not
apply (the seconds of a step counted in reps) never shows a made-up value."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

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
