"""The runner's repetition-maximum weight for a heavy-slow-resistance step,
shown on the session screen with a way to record or update it.

Beyer 2015's programme sets the load as a repetition maximum the runner
finds and notes down (clinical notes, "Heavy slow resistance"): "15RM" is
the heaviest weight lifted 15 times and no more. The row shows the weight
last recorded for this exercise and RM, and a spin box and button to record
a new one; the write goes through the app's SessionController.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ....core.model import Step
from ....core.text import count
from ...fields import NotedDoubleSpinBox

MAX_KG = 500.0  # the history refuses more (storage.history.record_rm_load)


class RmLoadRow(QWidget):
    """Shown for a step with an RM (hidden otherwise). ``recorded(exercise_id,
    rm, kg)`` asks for a load to be kept; :meth:`set_loads` gives the known
    ones ((exercise id, rm) -> kg)."""

    recorded = Signal(str, int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loads: dict[tuple[str, int], float] = {}
        self.key: tuple[str, int] | None = None
        self.label = QLabel()
        self.label.setObjectName("rmLoadLabel")
        self.spin = NotedDoubleSpinBox(0.0, MAX_KG, " kg", "")
        self.spin.setDecimals(1)
        self.spin.setSingleStep(0.5)
        self.save_button = QPushButton("&Record weight")
        self.spin.setAccessibleName("Your repetition-maximum weight in kilograms")
        self.save_button.setAccessibleName("Record this repetition-maximum weight")
        self.spin.on_enter(self.save)  # Enter in the box records it (and goes no further)
        self.save_button.clicked.connect(self.save)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.spin)
        row.addWidget(self.save_button)
        column.addLayout(row)
        column.addWidget(self.spin.note)  # a number it refused, on its own line
        for widget in (self.spin, self.save_button):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()

    def set_loads(self, loads: dict[tuple[str, int], float]) -> None:
        """The loads recorded so far for the running routine."""
        self.loads = dict(loads)
        self.key = None

    def show_for(self, step: Step) -> None:
        """Show the row for ``step`` (hidden when it has no RM)."""
        if not step.rm:
            self.key = None
            self.hide()
            return
        key = (step.exercise.id, step.rm)
        if key == self.key:
            return
        self.key = key
        known = self.loads.get(key)
        self.spin.setValue(known or 0.0)
        self._label(known)
        self.show()

    def _label(self, known: float | None) -> None:
        assert self.key is not None
        rm = self.key[1]
        self.label.setText(
            f"Your {rm}RM weight: {known:g} kg (the most you can lift {count(rm, 'time')})."
            if known is not None
            else f"No {rm}RM weight recorded yet: find the most you can lift {count(rm, 'time')}, "
            "then record it."
        )

    def save(self) -> None:
        """Ask for the weight in the box to be kept for this exercise and RM."""
        if self.key is None:
            return
        kg = round(self.spin.value(), 1)
        self.recorded.emit(self.key[0], self.key[1], kg)

    def saved(self, kg: float) -> None:
        """The weight was kept: show it as the current one."""
        assert self.key is not None
        self.loads[self.key] = kg
        self._label(kg)
