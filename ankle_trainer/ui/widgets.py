"""Small shared widgets: the 0-10 pain scale and the notice bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

PAIN_WORDS = {
    0: "no pain",
    1: "very mild",
    2: "mild",
    3: "mild",
    4: "moderate",
    5: "moderate",
    6: "quite bad",
    7: "severe",
    8: "severe",
    9: "very severe",
    10: "worst imaginable",
}


def format_clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"


class PainScale(QWidget):
    """A labelled 0-10 numeric rating scale, usable by keyboard and mouse."""

    valueChanged = Signal(int)

    def __init__(self, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.question.setObjectName("painQuestion")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName(question)
        self.slider.setAccessibleDescription("0 means no pain, 10 the worst pain imaginable")
        self.value_label = QLabel()
        self.value_label.setObjectName("painValue")
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        ends = QHBoxLayout()
        ends.addWidget(QLabel("0  no pain"))
        ends.addStretch(1)
        ends.addWidget(QLabel("worst imaginable  10"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.value_label)
        layout.addWidget(self.slider)
        layout.addLayout(ends)
        self.question.setBuddy(self.slider)
        self.slider.valueChanged.connect(self._changed)
        self._changed(0)

    def value(self) -> int:
        return self.slider.value()

    def setValue(self, value: int) -> None:  # noqa: N802 (Qt naming)
        self.slider.setValue(value)

    def _changed(self, value: int) -> None:
        self.value_label.setText(f"{value} / 10 · {PAIN_WORDS[value]}")
        self.valueChanged.emit(value)


class NoticeBar(QFrame):
    """A dismissable message across the top of the window (not a modal box)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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
        self._messages.append(text)
        self.label.setText("\n\n".join(self._messages))
        self.show()

    def messages(self) -> list[str]:
        return list(self._messages)
