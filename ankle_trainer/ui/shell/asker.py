"""Questions to the user as Qt dialogs (the app's Asker; tests use a double)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the dialogs' classes load when first asked (start-up time)
    from PySide6.QtWidgets import QWidget


def _question_box(parent: QWidget | None, title: str, question: str):  # type: ignore[no-untyped-def]
    """A question's message box over ``parent``: the app's name on the title bar
    and ``title`` heading its text (a window manager cuts a long title bar on a
    small screen, "Start a programme no… you?", while the text wraps)."""
    from html import escape

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from ... import APP_NAME

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(APP_NAME)
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(f"<b>{escape(title)}</b>")
    box.setInformativeText(escape(question))
    return box


#: Each standard button's words with its Alt letter (Cancel is Esc's): the
#: platform's own words for Save and Discard had none (thirteenth re-test).
BUTTON_WORDS = {"Yes": "&Yes", "No": "&No", "Save": "&Save", "Discard": "&Discard", "Cancel": "Cancel"}


def _ask(box, buttons: list[str], default: str) -> str:  # type: ignore[no-untyped-def]
    """Show ``box`` with the standard ``buttons`` (names of
    QMessageBox.StandardButton, in :data:`BUTTON_WORDS`) and return the name of
    the one chosen; ``default`` is the default, and Esc's answer. Its keyboard
    focus shows as the app's ring, as in every other dialog."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from ..widgets import ring_room
    from .focus import show_focus_frames

    made = {}
    for name in buttons:
        made[name] = box.addButton(getattr(QMessageBox.StandardButton, name))
        made[name].setText(BUTTON_WORDS[name])
    box.setDefaultButton(made[default])
    box.setEscapeButton(made[default])
    for row in box.findChildren(QDialogButtonBox):
        if (layout := row.layout()) is not None:
            ring_room(layout)  # the ring is drawn round each button, inside the row
    show_focus_frames(box)
    result = box.exec()
    chosen = box.clickedButton()
    if chosen is None:  # closed without a click: exec's standard button, if any
        chosen = next((made[name] for name in made
                       if int(getattr(QMessageBox.StandardButton, name)) == result), None)
    return next((name for name, button in made.items() if button is chosen), default)


def ask(parent: QWidget | None, title: str, question: str, yes: str = "Yes", no: str = "No") -> bool:
    """Ask ``question`` in a message box over ``parent``; True for ``yes``.
    ``yes`` and ``no`` name standard buttons (Yes, No, Discard, Cancel); ``no``
    is the default. Laid out by :func:`_question_box`."""
    box = _question_box(parent, title, question)
    return _ask(box, [yes, no], no) == yes


#: The answers of :func:`ask_unsaved` (and of ``Asker.save_or_discard``).
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_unsaved(parent: QWidget | None, title: str, question: str) -> str:
    """Ask about unsaved changes with Save, Discard and Cancel (Cancel the
    default, and Esc); :data:`SAVE`, :data:`DISCARD` or :data:`CANCEL`. Laid
    out as :func:`ask`."""
    box = _question_box(parent, title, question)
    answer = _ask(box, ["Save", "Discard", "Cancel"], "Cancel")
    return {"Save": SAVE, "Discard": DISCARD}.get(answer, CANCEL)


class QtAsker:
    """Asks with a message box or a file dialog over ``parent``."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def confirm(self, title: str, question: str) -> bool:
        """Yes/No, No being the default; True for Yes."""
        return ask(self.parent, title, question)

    def save_or_discard(self, title: str, question: str) -> str:
        """Save / Discard / Cancel about unsaved changes, Cancel the default:
        "save", "discard" or "cancel" (see :func:`ask_unsaved`)."""
        return ask_unsaved(self.parent, title, question)

    def choose_files(self, title: str, filters: str, folder: Path | None = None) -> list[str]:
        """Files to open, starting in ``folder`` (the home folder by default); [] when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self.parent, title, str(folder or Path.home()), filters)
        return paths
