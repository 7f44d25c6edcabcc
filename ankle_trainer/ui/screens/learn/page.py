"""Learn: running-related ankle pain in plain words, each point with its source.

The text is the project's own, written from the facts in the clinical notes;
it explains and points to care, it does not diagnose.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

# (heading, [(point, source)]): the text lives in core, so it is checked without Qt
from ....core.learn import SECTIONS
from ...widgets import focus_edge, page_header

__all__ = ["SECTIONS", "LearnPage", "learn_html"]


def learn_html() -> str:
    parts = []
    for heading, points in SECTIONS:
        items = "".join(
            f"<li>{escape(text)} <i>(Source: {escape(source)}.)</i></li>"
            for text, source in points
        )
        parts.append(f"<h2>{escape(heading)}</h2><ul>{items}</ul>")
    parts.append(
        "<p><i>Ankle Trainer gives exercise guidance, not a diagnosis. When in doubt, ask a "
        "health professional.</i></p>"
    )
    return "".join(parts)


class LearnPage(QWidget):
    homeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        head, self.home_button = page_header("Learn: ankle pain and running", self.homeRequested.emit)
        self.text = QTextBrowser()
        self.text.setOpenLinks(False)
        self.text.setAccessibleName("About running-related ankle pain")
        self.text.setHtml(learn_html())
        focus_edge(self.text, "learnText")  # the keys scroll it: show that it has them
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.text, 1)

    def enter(self) -> None:
        """Shown: keyboard on the text, so arrow keys scroll it."""
        self.text.setFocus()
