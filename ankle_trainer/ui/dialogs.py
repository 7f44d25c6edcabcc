"""About and keyboard-shortcut dialogs."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .. import APP_NAME, __version__

# (keys, what they do); the menus show the same shortcuts next to each action
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Enter", "Start the selected routine (home screen)"),
    ("Up / Down", "Choose a routine; change a pain rating"),
    ("Space", "Pause or resume a session"),
    ("Right arrow", "Skip to the next phase"),
    ("Left arrow", "Restart this set, or go back a set"),
    ("+", "Add 15 seconds to a rest"),
    ("Esc", "Stop the session (asks first)"),
    ("H", "Show or hide how to do the exercise"),
    ("F11", "Focus mode: full screen, very large digits, high contrast"),
    ("Ctrl+,", "Settings"),
    ("F1", "This list of shortcuts"),
    ("Ctrl+Q", "Quit"),
)


class _TextDialog(QDialog):
    def __init__(self, title: str, html: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.text = QLabel(html)
        self.text.setWordWrap(True)
        self.text.setOpenExternalLinks(False)
        self.text.setAccessibleName(title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)


class AboutDialog(_TextDialog):
    def __init__(self, data_dir: str, settings_path: str, parent: QWidget | None = None) -> None:
        super().__init__(
            f"About {APP_NAME}",
            f"<h2>{APP_NAME} {escape(__version__)}</h2>"
            "<p>Guided home exercise sessions for runners with ankle pain.</p>"
            f"<p><b>Your history:</b> {escape(data_dir)}<br>"
            f"<b>Your settings:</b> {escape(settings_path)}</p>"
            "<p>Everything stays on this computer; the app never uses the network.</p>"
            "<p><b>Exercise guidance, not a diagnosis.</b> If you cannot put weight on "
            "the foot, or pain is severe or getting worse, see a health professional.</p>"
            "<p>Licence: MIT.</p>",
            parent,
        )


class ShortcutsDialog(_TextDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        rows = "".join(
            f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in SHORTCUTS
        )
        super().__init__(
            "Keyboard shortcuts",
            f"<table cellspacing='0' cellpadding='4'>{rows}</table>",
            parent,
        )
