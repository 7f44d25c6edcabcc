"""Forms that fit the width they are given instead of scrolling sideways.

:func:`stack_below` turns a row of columns (a :class:`QBoxLayout`) into a
stack when its widget is narrower than a given width; :func:`vertical_scroll`
makes a scroll area that only scrolls up and down, so its content is always
laid out to the visible width (text boxes wrap, combo boxes shrink).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QBoxLayout, QComboBox, QFrame, QScrollArea, QWidget


class _Stacker(QObject):
    """Flips ``layout`` to top-to-bottom while ``widget`` is narrower than ``width`` px."""

    def __init__(self, widget: QWidget, layout: QBoxLayout, width: int) -> None:
        super().__init__(widget)
        self.layout, self.width = layout, width
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            wanted = (QBoxLayout.Direction.TopToBottom if watched.width() < self.width
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
    the content always gets the visible width."""
    scroll = QScrollArea()
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(content)
    return scroll


def narrow_combo(combo: QComboBox, characters: int = 12) -> QComboBox:
    """Let ``combo`` shrink to about ``characters`` wide (long items are elided
    in the box, shown whole in its list) instead of widening the form."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo
