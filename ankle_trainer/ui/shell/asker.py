"""Questions to the user as Qt dialogs (the app's Asker; tests use a double)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the dialogs' classes load when first asked (start-up time)
    from PySide6.QtWidgets import QWidget


class QtAsker:
    """Asks with a message box or a file dialog over ``parent``."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def confirm(self, title: str, question: str) -> bool:
        """Yes/No, No being the default; True for Yes."""
        from PySide6.QtWidgets import QMessageBox

        buttons = QMessageBox.StandardButton
        answer = QMessageBox.question(self.parent, title, question, buttons.Yes | buttons.No, buttons.No)
        return answer == buttons.Yes

    def choose_files(self, title: str, filters: str) -> list[str]:
        """Files to open, starting in the home folder; [] when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self.parent, title, str(Path.home()), filters)
        return paths
