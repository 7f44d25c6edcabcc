"""About and keyboard-shortcut dialogs."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from ... import APP_NAME, __version__
from ...core.engine import BACK_RESTART_GRACE
from ...core.model import Routine
from ...core.text import count
from ..widgets import focus_edge, howto_html

# (keys, what they do); the menus show the same shortcuts next to each action
SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Enter", "Start the selected routine (home screen)"),
    ("Ctrl+Return", "Start the selected routine from any screen (not during a session)"),
    ("Up / Down", "Choose a routine"),
    ("0 - 9 / End", "Pain check and end of session: give a pain rating (End for 10) wherever "
     "the focus is; Enter records it"),
    ("Left / Right", "On the pain scale: choose or adjust the rating (at the end of a session, "
     "only after a number key: the session's arrows never rate it)"),
    ("Space", "Pause or resume a session"),
    ("Right arrow", "Skip to the next phase"),
    ("Left arrow", f"Do this set again; in its first {count(BACK_RESTART_GRACE, 'second')}, in a rest or "
     "in a countdown, the set before. Either way a get-ready countdown comes first"),
    ("+", "Add 15 seconds to a rest"),
    ("Esc", "Stop the session (asks first; the clock is paused while it asks); in focus mode, leave "
     "focus mode; on the pain check, go back; on the end-of-session summary, says how to finish; "
     "in the heel-rise test, stop the leg being counted as Space does (in its countdown: back a step)"),
    ("H", "Show or hide how to do the exercise"),
    ("Page Down / Page Up", "During a session: the next / previous page of the how-to; elsewhere, "
     "the page moves down or up, also from a button or a drop-down list"),
    ("E", "Correct the count of the last set: type it, Enter keeps it, Esc cancels"),
    ("0 - 9", "During a session: pain in the last set (Tab to 10, then Enter)"),
    ("X / C", "After a painful set: stop this exercise / carry on"),
    ("Tab", "Move between the controls of a screen (a date or time box is one stop: Left and Right "
            "move between its parts); Enter presses the focused button"),
    ("Alt+Down / F4", "In a date box: open its calendar (arrows choose a day, Enter takes it, Esc "
     "closes it)"),
    ("Enter (not on a button)", "In a text or number box or on an answer: press the screen's or "
     "dialog's main button (Start, Export, OK), or the screen says why it cannot. On a "
     "screen's check box Enter never goes on (the red-flag questions, the heel-rise incline): "
     "Space ticks it; in a dialog Enter presses OK"),
    ("Ctrl+Tab / Ctrl+Page Down", "History and progress charts: the next tab (Ctrl+Shift+Tab / "
     "Ctrl+Page Up: the one before), from any control on the screen"),
    ("Arrows", "In a list of answers (every question of “Where does it hurt?”, the report's period): "
     "with nothing chosen, the first press chooses the answer that has the focus, then the arrows "
     "move and choose; Enter shows the programmes"),
    ("Left / Right, Home / End", "On a progress chart (Tab to it): step a marker through the weeks "
     "or sessions, each value read out below the chart; Shift+Left / Shift+Right move along the dates"),
    ("Arrows", "On the calendar (Tab to it): mark a day (Left / Right a week, Up / Down a day) and "
     "read what was done that day"),
    ("F11", "Focus mode: full screen, very large digits, high contrast (F11 or Esc leaves)"),
    ("Ctrl+1 / 2 / 3 / 4 / 5 / 6", "Home, history, progress charts, heel-rise test, learn, "
     "where does it hurt? (the triage questions)"),
    ("Alt + underlined letter", "Press or focus that control (a screen leaves Alt+F, Alt+V and Alt+H "
     "to the menus)"),
    ("Ctrl+R", "Edit routines (in the editor: Ctrl+Z undo, Ctrl+Shift+Z or Ctrl+Y redo, Ctrl+S save)"),
    ("Delete / Ctrl+Z", "In the history: delete the selected session (asks first) / undo"),
    ("Ctrl+E / Ctrl+I", "Export history to CSV / import a CSV export"),
    ("Ctrl+P", "Report for my physio (preview, print or save as PDF)"),
    ("Ctrl++ / Ctrl+= / Ctrl+- / Ctrl+0", "In the report for my physio: the preview larger (either key) "
     "/ smaller / fitted to the width; Tab to the page, then the arrows and Page keys scroll it"),
    ("Ctrl+,", "Settings"),
    ("F1", "This list of shortcuts, from the window or a dialog (a session is held while it is open)"),
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
        from PySide6.QtWidgets import QFrame

        scroll = _WordsArea()  # a long list scrolls on a small screen, never off it
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        # the text takes the keyboard first (arrows and Page Up/Down scroll it), and shows
        # that it has it: a highlight-coloured edge, a plain one otherwise
        scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        focus_edge(scroll, "textScroll")
        self.scroll = scroll
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        hint = self.text.sizeHint()
        self.resize(max(460, hint.width() + 40), hint.height() + 80)  # fitted to the screen when opened


class _WordsArea(QScrollArea):
    """A scrolling text the keys read as a document: the arrows a line, Page
    Up/Down a page, and Home / End (with Ctrl or not) to its start and end
    (QScrollArea has no Home or End: the last rows of the shortcut list took
    several Page Downs)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        bar = self.verticalScrollBar()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End) and mods in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier):
            bar.setValue(bar.minimum() if event.key() == Qt.Key.Key_Home else bar.maximum())
            return
        super().keyPressEvent(event)


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


class RoutinePreview(QDialog):
    """Every exercise of a routine with its illustration and how-to."""

    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtSvgWidgets import QSvgWidget
        from PySide6.QtWidgets import QHBoxLayout, QListWidget

        from ...assets import asset

        self.setWindowTitle(f"Preview: {routine.name}")
        self.exercises = []
        for step in routine.steps:
            if step.exercise not in self.exercises:
                self.exercises.append(step.exercise)
        self.list = QListWidget()
        self.list.setAccessibleName("Exercises in this routine")
        self.list.addItems([e.name for e in self.exercises])
        self.list.setFixedWidth(240)
        self.list.setWordWrap(True)  # a long exercise name wraps: no sideways scrolling
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.picture = QSvgWidget()
        self.picture.setFixedSize(200, 200)
        self.picture.setAccessibleName("Illustration of the exercise")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(320)
        self._asset = asset
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        detail = QVBoxLayout()
        detail.addWidget(self.picture)
        detail.addWidget(self.text, 1)
        row = QHBoxLayout()
        row.addWidget(self.list)
        row.addLayout(detail, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self.show_exercise)
        self.list.setCurrentRow(0)
        self.resize(760, 480)

    def show_exercise(self, row: int) -> None:
        if not 0 <= row < len(self.exercises):
            return
        ex = self.exercises[row]
        self.picture.load(str(self._asset("illustrations", f"{ex.illustration}.svg")))
        self.text.setText(howto_html(ex, with_name=True))
