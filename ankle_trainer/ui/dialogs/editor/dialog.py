"""The routine editor: create, duplicate, rename and delete your own routines;
add, remove and reorder steps; choose the exercise, dose, sides, tempo and
rests, with a live estimate of the time. Built-in routines are read-only
(duplicate one to change it). Every change can be undone (Ctrl+Z) until the
routine is saved; deleting asks first and moves the file aside.

The routine being edited is an immutable ``Routine``: each change makes a new
one and pushes (before, after) onto a QUndoStack; the form is redrawn from it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ....core.model import BALANCE_LEVELS, DoseKind, Exercise, Routine, Sides, Step, Tempo
from ....core.routines import (
    MAX_NAME,
    MAX_TEXT,
    SECONDS_FIELD,
    RoutineError,
    copy_name,
    field_range,
    name_holder,
    named_apart,
    new_name,
    parse_routine,
    routine_to_toml,
)
from ....core.text import count
from ....core.timing import TimingSettings, estimated_minutes
from ....files import wrong_name
from ....storage.routine_store import RoutineStore, read_routine_file, write_routine_file
from ...fields import (
    NotedComboBox,
    NotedDoubleSpinBox,
    NotedLineEdit,
    NotedPlainTextEdit,
    NotedSpinBox,
    notes_below,
)
from ...reflow import stack_below, vertical_scroll, whole_combo
from ...shell.asker import DISCARD, SAVE, QtAsker
from ...widgets import compact_form, error_style, ring_room

if TYPE_CHECKING:
    from ....app.context import Asker

#: The Band box's first choice: a step without a band (in words, never a blank row)
NO_BAND = "No band"
# Band colours lightest to heaviest (Thera-Band; other brands differ)
BAND_PRESETS = ("tan", "yellow", "red", "green", "blue", "black", "silver", "gold")
#: Said under an emptied name box, and by a Save it refuses
NEEDS_NAME = "A routine needs a name."
BAND_RULE = "A band name is up to 30 letters, digits, spaces or '-'."
TEMPO_RULE = "One repetition must take at least 1 second."
KINDS = ((DoseKind.REPS, "Sets x reps"), (DoseKind.HOLD, "Sets x timed hold"), (DoseKind.DURATION, "Timed block"))


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:60] or "routine"



def _whole(field: str) -> tuple[int, int]:
    """A routine-file range as whole numbers for a spin box."""
    low, high = field_range(field)
    return int(low), int(high)


def _sequences(standard: QKeySequence.StandardKey, *more: str) -> list[QKeySequence]:
    """The platform's keys for ``standard`` and ``more``, each once."""
    found: list[QKeySequence] = []
    for sequence in [*QKeySequence.keyBindings(standard), *(QKeySequence(m) for m in more)]:
        if sequence not in found:
            found.append(sequence)
    return found


class _KeysForTheEditor(QObject):
    """Lets the editor's undo and redo keys reach its shortcuts from any
    field: a text or number box asks for Ctrl+Z for itself (Qt's "shortcut
    override"), so with one focused the editor's undo did nothing. The rule is
    one: Ctrl+Z undoes the editor's last change, and a name being typed is a
    change (it is taken first, then undone)."""

    def __init__(self, keys: list[QKeySequence], parent: QObject) -> None:
        super().__init__(parent)
        self.keys = keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        pressed = QKeySequence(event.keyCombination())
        # not accepted: the key goes on to the editor's shortcut, not the box
        return any(key.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for key in self.keys)


class _Change(QUndoCommand):
    """One undoable change: the routine before and after, and the step shown
    with each (a moved step is shown where it went, and back where it was)."""

    def __init__(self, editor: RoutineEditor, before: Routine, after: Routine, what: str,
                 row_after: int | None = None) -> None:
        super().__init__(what)
        self.editor, self.before, self.after = editor, before, after
        self.row_before = editor.steps.currentRow()
        self.row_after = self.row_before if row_after is None else row_after

    def redo(self) -> None:
        self.editor._set_working(self.after, self.row_after)

    def undo(self) -> None:
        self.editor._set_working(self.before, self.row_before)


class RoutineEditor(QDialog):
    routinesChanged = Signal()  # a routine was saved, imported or deleted
    folderUsed = Signal(object)  # Path: the folder a routine file was imported from or exported to

    def __init__(
        self,
        builtins: tuple[Routine, ...],
        store: RoutineStore,
        library: Mapping[str, Exercise],
        timing: TimingSettings,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
        select: str | None = None,
        folder: Path | None = None,
        asker: Asker | None = None,
    ) -> None:
        """``select``: the routine to open on (the one chosen on the home screen);
        ``folder``: where the Import and Export file choosers start; ``asker``:
        the app's way to ask (the window's; message boxes over this dialog if None)."""
        super().__init__(parent)
        self.asker: Asker = asker or QtAsker(self)
        # Fields whose typing the routine could not take: kept as typed, the
        # reason in the note under the field, and Save refuses until fixed
        self.refused: dict[str, tuple[QWidget, str]] = {}
        self._step_row = -1  # the step whose fields are shown
        self.setWindowTitle("Routines")
        self.folder = folder or Path.home()
        self.builtins = builtins
        self.store = store
        self.library = dict(library)
        self.timing = timing
        self.now = now
        self.mine: list[Routine] = []
        self.working: Routine | None = None  # the routine being edited (unsaved changes)
        self.saved: Routine | None = None
        self.undo_stack = QUndoStack(self)
        self._drawing = False

        # Left: the routines
        self.list = QListWidget()
        self.list.setAccessibleName("Routines")
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.new_button = QPushButton("&New")
        self.duplicate_button = QPushButton("&Duplicate")
        self.rename_button = QPushButton("Rena&me…")
        self.delete_button = QPushButton("Delete…")
        self.import_button = QPushButton("&Import…")
        self.export_button = QPushButton("E&xport…")
        grid = QVBoxLayout()
        for row in ((self.new_button, self.duplicate_button, self.rename_button),
                    (self.delete_button, self.import_button, self.export_button)):
            line = QHBoxLayout()
            for b in row:
                line.addWidget(b)
            grid.addLayout(line)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(grid)

        # Right: the routine
        self.read_only = QLabel("Built-in routines are read-only: duplicate one to change it.")
        self.read_only.setWordWrap(True)
        self.name = NotedLineEdit("Routine name")
        self.name.setMaxLength(MAX_NAME)
        # 0: not set; the unit in the box, so 0 reads as words
        self.per_week = NotedSpinBox(0, int(field_range("sessions_per_week")[1]), " a week",
                                     "Suggested sessions a week")
        self.per_week.setSpecialValueText("no weekly number")
        self.per_day = NotedSpinBox(*_whole("sessions_per_day"), " a day", "Times a day")
        for box in (self.per_week, self.per_day):
            box.dash_when_off = False  # a built-in routine's frequency, greyed, still reads
        self.description = NotedPlainTextEdit("Description")
        self.description.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.description.setMaximumHeight(70)
        routine_form = QFormLayout()
        self.name.add_to(routine_form, "Name:")
        freq = QHBoxLayout()
        freq.addWidget(self.per_week)
        freq.addWidget(QLabel(","))
        freq.addWidget(self.per_day)
        freq.addStretch(1)
        routine_form.addRow("Suggested:", notes_below(freq, self.per_week, self.per_day))
        self.description.add_to(routine_form, "Description:")

        self.steps = QListWidget()
        self.steps.setWordWrap(True)  # a long step reads in full, never cut at the edge
        self.steps.setResizeMode(QListView.ResizeMode.Adjust)
        self.steps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.steps.setAccessibleName("Steps of the routine")
        self.add_exercise = QComboBox()
        self.add_exercise.setAccessibleName("Exercise to add")
        for ex in sorted(self.library.values(), key=lambda e: e.name):
            self.add_exercise.addItem(ex.name, ex.id)
        self.add_step_button = QPushButton("&Add step")
        self.remove_step_button = QPushButton("Remove")
        self.up_button = QPushButton("Move &up")
        self.down_button = QPushButton("Move do&wn")
        step_buttons = QHBoxLayout()
        step_buttons.addWidget(self.add_exercise, 1)
        step_buttons.addWidget(self.add_step_button)
        order_buttons = QHBoxLayout()
        order_buttons.addWidget(self.remove_step_button)
        order_buttons.addWidget(self.up_button)
        order_buttons.addWidget(self.down_button)
        order_buttons.addStretch(1)

        # The selected step
        self.exercise = QComboBox()
        self.exercise.setAccessibleName("Exercise")
        for ex in sorted(self.library.values(), key=lambda e: e.name):
            self.exercise.addItem(ex.name, ex.id)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of dose")
        for kind, words in KINDS:
            self.kind.addItem(words, kind)
        # Every limit comes from the routine format's single definition (core.routines).
        self.sets = self._spin(*_whole("sets"), "", "Sets")
        self.reps = self._spin(*_whole("reps"), "", "Repetitions")
        self.seconds = self._spin(*_whole("duration_seconds"), " s", "Seconds of each hold or block")
        self.tempo = [self._dspin(*field_range("tempo_part"), name)
                      for name in ("Seconds up", "Seconds hold", "Seconds down")]
        self.sides = QComboBox()
        self.sides.addItem("Both legs together", Sides.BOTH)
        self.sides.addItem("Each leg in turn", Sides.EACH)
        self.sides.setAccessibleName("Sides")
        self.rest_between = self._spin(-1, _whole("rest_between_sets")[1], " s", "Rest between sets")  # -1: default
        self.rest_between.setSpecialValueText("Your default")
        self.rest_after = self._spin(*_whole("rest_after"), " s", "Rest after the step")
        self.single_leg = QCheckBox("Single leg")
        self.load = self._dspin(*field_range("load_kg"), "Added load in kg")
        self.load.setSuffix(" kg")
        self.band = NotedComboBox()
        self.band.setEditable(True)
        self.band.setMinimumWidth(160)  # room for a colour name in a compact form
        self.band.addItems((NO_BAND, *BAND_PRESETS))  # "no band" in words, also for a screen reader
        self.band.lineEdit().setPlaceholderText(NO_BAND)  # an emptied box reads the same
        # no inline completion: it took the first Enter after a band was shown
        # ("No band", "red"), so Enter did not press Save (the choices are in the list)
        self.band.setCompleter(None)
        self.band.setAccessibleName("Band (a colour or your own name)")
        self.balance = QComboBox()
        self.balance.addItem("Not a balance exercise", 0)
        for level, words in BALANCE_LEVELS.items():
            self.balance.addItem(f"Level {level}: {words}", level)
        self.balance.setAccessibleName("Balance level")
        self.levels_note = QLabel()
        self.levels_note.setWordWrap(True)
        tempo_row = QHBoxLayout()
        # the words of the step's exercise, as its tempo bar says them (the
        # leg press's out / hold / back: eighteenth re-test)
        self.tempo_words = tuple(QLabel(words) for words in ("up", "hold", "down"))
        for spin, label in zip(self.tempo, self.tempo_words, strict=True):
            tempo_row.addWidget(spin)
            tempo_row.addWidget(label)
        for combo in (self.add_exercise, self.exercise, self.kind, self.sides, self.balance):
            whole_combo(combo)
        step_form = compact_form()  # the choices grow with the room
        step_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        step_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        step_form.addRow("Exercise:", self.exercise)
        step_form.addRow("Dose:", self.kind)
        self.sets.add_to(step_form, "Sets:")
        self.reps.add_to(step_form, "Reps:")
        self.seconds.add_to(step_form, "Seconds:")
        step_form.addRow("Tempo (s):", notes_below(tempo_row, *self.tempo))
        step_form.addRow("Sides:", self.sides)
        self.rest_between.add_to(step_form, "Rest between sets:")
        self.rest_after.add_to(step_form, "Rest after:")
        step_form.addRow("", self.single_leg)
        self.load.add_to(step_form, "Added load:")
        self.band.add_to(step_form, "Band:")
        step_form.addRow("Balance:", self.balance)
        step_form.addRow("", self.levels_note)
        self.step_box = QGroupBox("Selected step")
        self.step_box.setLayout(step_form)

        self.estimate = QLabel()
        self.estimate.setAccessibleName("Estimated time")
        self.estimate.setWordWrap(True)  # a long "unsaved changes" line wraps in a narrow dialog
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(error_style(self.error))
        self.error.hide()
        # what an import or an export did (they said nothing: twentieth re-test)
        self.done_note = QLabel()
        self.done_note.setWordWrap(True)
        self.done_note.hide()
        self.undo_button = QPushButton("Undo")
        self.undo_button.setToolTip("Undo the last change (Ctrl+Z)")
        self.redo_button = QPushButton("Redo")
        self.save_button = QPushButton("&Save")
        self.main_button = self.save_button  # Enter in a box presses it (ui/shell/keys.py)
        self.revert_button = QPushButton("Revert")
        actions = QHBoxLayout()  # the estimate on a line of its own, above: never 3 lines beside buttons
        actions.addStretch(1)
        actions.addWidget(self.undo_button)
        actions.addWidget(self.redo_button)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)

        steps_col = QVBoxLayout()
        steps_col.addWidget(self.steps, 1)
        steps_col.addLayout(step_buttons)
        steps_col.addLayout(order_buttons)
        body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        body.addLayout(steps_col, 3)
        body.addWidget(self.step_box, 2)
        self.body = body
        self.editor_area = QWidget()
        right_layout = QVBoxLayout(self.editor_area)
        right_layout.addWidget(self.read_only)
        right_layout.addLayout(routine_form)
        right_layout.addLayout(body, 1)
        right_layout.addWidget(self.estimate)
        right_layout.addLayout(actions)

        splitter = QSplitter()
        ring_room(splitter)  # its sides' focus rings are drawn inside it
        splitter.addWidget(left)
        # the form scrolls on a small screen rather than making the dialog larger than it
        # and never sideways: below 720 px the steps and the selected step stack
        form_scroll = vertical_scroll(self.editor_area)
        stack_below(form_scroll.viewport(), body, 720)
        splitter.addWidget(form_scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 760])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        # a refusal (an import, a save) shows here, always in view: at the foot of
        # the scrolled form it was below the view of a short window, unseen
        layout.addWidget(self.error)
        layout.addWidget(self.done_note)
        layout.addWidget(close)
        self.resize(1100, 680)  # fitted to a smaller screen when opened (shell/focus.py)

        # Wiring
        self.list.currentRowChanged.connect(self._routine_chosen)
        self.new_button.clicked.connect(self.new_routine)
        self.duplicate_button.clicked.connect(self.duplicate)
        self.rename_button.clicked.connect(self.rename)
        self.delete_button.clicked.connect(self.delete)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.add_step_button.clicked.connect(self.add_step)
        self.remove_step_button.clicked.connect(self.remove_step)
        self.up_button.clicked.connect(lambda: self.move_step(-1))
        self.down_button.clicked.connect(lambda: self.move_step(1))
        self.steps.currentRowChanged.connect(lambda _: self._step_chosen())
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        # and as the stack is now: nothing to undo or redo yet (twenty-third re-test)
        self.undo_button.setEnabled(self.undo_stack.canUndo())
        self.redo_button.setEnabled(self.undo_stack.canRedo())
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        # Undo and redo keys are the editor's whatever has the focus: a text or
        # number box would take them for its own typing (see _KeysForTheEditor)
        self.undo_keys = _sequences(QKeySequence.StandardKey.Undo)
        self.redo_keys = _sequences(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y")
        for keys, slot in ((self.undo_keys, self.undo), (self.redo_keys, self.redo)):
            shortcut = QShortcut(self)
            shortcut.setKeys(keys)
            shortcut.activated.connect(slot)
        self._keys_first = _KeysForTheEditor(self.undo_keys + self.redo_keys, self)
        for child in self.findChildren(QWidget):
            if child.focusPolicy() != Qt.FocusPolicy.NoFocus:
                child.installEventFilter(self._keys_first)
        self.name.editingFinished.connect(self._take_name)
        self.name.textEdited.connect(self._name_typed)
        self.per_week.valueChanged.connect(lambda v: self._edit_routine(sessions_per_week=v or None))
        self.per_day.valueChanged.connect(lambda v: self._edit_routine(sessions_per_day=v))
        self.description.textChanged.connect(self._edit_description)
        self.exercise.currentIndexChanged.connect(lambda _: self._change_exercise())
        self.kind.currentIndexChanged.connect(lambda _: self._change_kind())
        self.sets.valueChanged.connect(lambda v: self._edit_step(sets=v))
        self.reps.valueChanged.connect(lambda v: self._edit_step(reps=v))
        self.seconds.valueChanged.connect(lambda v: self._edit_step(seconds=float(v)))
        for spin in self.tempo:
            spin.valueChanged.connect(lambda _: self._edit_tempo())
        self.sides.currentIndexChanged.connect(lambda _: self._edit_step(sides=Sides(self.sides.currentData())))
        self.rest_between.valueChanged.connect(
            lambda v: self._edit_step(rest_between_sets=None if v < 0 else float(v))
        )
        self.rest_after.valueChanged.connect(lambda v: self._edit_step(rest_after=float(v)))
        self.single_leg.toggled.connect(lambda v: self._edit_step(single_leg=v))
        self.load.valueChanged.connect(lambda v: self._edit_step(load_kg=float(v)))
        self.band.currentTextChanged.connect(lambda t: self._edit_band(t))
        self.balance.currentIndexChanged.connect(
            lambda _: self._edit_step(balance_level=int(self.balance.currentData()))
        )

        self.reload(select)  # the routine the runner was looking at (home's selection), else the first

    def undo(self) -> None:
        """Undo the last change (Ctrl+Z, from any field): a name or number being
        typed is taken first, so that typing is what is undone (one change,
        whatever its number of digits); typing the routine refused (an emptied
        name) is the last change, so Ctrl+Z puts back what the routine has."""
        self._take_typing()
        if self.refused:
            self._drop_refused()
            return
        self.undo_stack.undo()

    def redo(self) -> None:
        """Redo the change last undone (Ctrl+Shift+Z or Ctrl+Y, from any field)."""
        self._take_typing()
        self.undo_stack.redo()

    def _take_typing(self) -> None:
        """Take what is being typed in the name or in the focused number box (a
        number box's value changes when its typing ends: see ui.fields). Every
        command that changes or writes the routine calls it first: a command
        reached by its Alt key leaves the typing unfinished, and the change it
        pushed drew the form again without it (Alt+A dropped a typed name)."""
        if self.working is not None and not self.working.builtin and self.name.text().strip() != self.working.name:
            self._take_name()  # an emptied name too: refused, and said
        box = self.focusWidget()  # the dialog's, active or not
        if isinstance(box, QAbstractSpinBox) and self.isAncestorOf(box):
            box.interpretText()

    # -- typing the routine cannot take: said, kept as typed, and Save refuses --------
    def _refuse(self, key: str, field: QWidget, text: str) -> None:
        """Keep ``field`` as typed and say ``text`` under it (``field`` has a note)."""
        self.refused[key] = (field, text)
        field.say(text)  # type: ignore[attr-defined]
        self._draw_title()

    def _accept(self, key: str) -> None:
        found = self.refused.pop(key, None)
        if found is not None:
            found[0].say("")  # type: ignore[attr-defined]
            self._draw_title()
            if not self.refused and getattr(self, "_error_for_refused", False):
                self.error.hide()  # "Not saved: a routine needs a name." is no longer true
                self._error_for_refused = False

    def _drop_refused(self, *keys: str) -> None:
        """Put the fields of ``keys`` (all refused ones by default) back to
        what the routine has, their notes gone."""
        for key in keys or tuple(self.refused):
            self._accept(key)
        self._draw()

    def _take_name(self) -> None:
        """The name typed, at the end of its typing (Tab, Enter, a click
        elsewhere): an empty name is kept as typed with a note, never changed."""
        if self._drawing or self.working is None or self.working.builtin:
            return
        name = self.name.text().strip()
        if not name:
            self._refuse("name", self.name, NEEDS_NAME)
            return
        self._accept("name")
        self._edit_routine(name=name)

    def _name_typed(self, text: str) -> None:
        if text.strip():  # a name again: the note no longer applies
            self._accept("name")

    def _edit_description(self) -> None:
        if self._drawing or self.working is None or self.working.builtin:
            return
        text = self.description.toPlainText().strip()
        if len(text) > MAX_TEXT:
            self._refuse("description", self.description,
                         f"A description is up to {MAX_TEXT:,} characters; this one has {len(text):,}.")
            return
        self._accept("description")
        self._edit_routine(description=text)

    def _spin(self, low: int, high: int, suffix: str, name: str) -> NotedSpinBox:
        """A number box that says, in a line below it, a typed number it refused."""
        return NotedSpinBox(low, high, suffix, name)

    def _dspin(self, low: float, high: float, name: str) -> NotedDoubleSpinBox:
        spin = NotedDoubleSpinBox(low, high, "", name)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setAccessibleName(name)
        return spin

    # -- the list of routines ---------------------------------------------------
    def all_routines(self) -> list[Routine]:
        return [*self.builtins, *self.mine]

    def follow_folder(self) -> bool:
        """The routines folder changed outside the editor (a routine imported
        on the command line, copied in, synced): the list follows, on the same
        routine, step and control (twenty-ninth re-test: it showed the new
        routine only when reopened). Not while the routine shown has unsaved
        changes: the list follows at their save. True when it followed."""
        mine, _ = self.store.load()
        if mine == self.mine or self.dirty():
            return False
        shown = self.selected()
        step = self.steps.currentRow()
        focused = self.focusWidget()
        self.reload(select=shown.id if shown is not None else None)
        if 0 <= step < self.steps.count():
            self.steps.setCurrentRow(step)
        if focused is not None and isValid(focused) and focused.isVisibleTo(self) and focused.isEnabled():
            focused.setFocus()
        return True

    def reload(self, select: str | None = None) -> None:
        self.mine, problems = self.store.load()
        if problems:
            self._show_error("Some files in your routines folder could not be read and were left "
                             "as they are: " + "; ".join(problems))
        self.list.blockSignals(True)
        self.list.clear()
        for r in self.all_routines():
            self.list.addItem(f"{r.name}" + ("  (built-in)" if r.builtin else ""))
        self.list.blockSignals(False)
        ids = [r.id for r in self.all_routines()]
        row = ids.index(select) if select in ids else (len(self.builtins) if self.mine else 0)
        self.list.setCurrentRow(row)
        self._routine_chosen(row)

    def selected(self) -> Routine | None:
        row = self.list.currentRow()
        routines = self.all_routines()
        return routines[row] if 0 <= row < len(routines) else None

    def _routine_chosen(self, row: int) -> None:
        routine = self.selected()
        if self.dirty() and self.working is not None and (routine is None or routine.id != self.working.id):
            chosen = routine.id if routine is not None else None
            if not self.settle_changes():
                ids = [r.id for r in self.all_routines()]
                self.list.blockSignals(True)
                self.list.setCurrentRow(ids.index(self.working.id) if self.working.id in ids else 0)
                self.list.blockSignals(False)
                return
            ids = [r.id for r in self.all_routines()]  # a save reloaded the list: the choice again
            if chosen in ids and self.list.currentRow() != ids.index(chosen):
                self.list.blockSignals(True)
                self.list.setCurrentRow(ids.index(chosen))
                self.list.blockSignals(False)
            routine = self.selected()
        self.undo_stack.clear()
        self.saved = routine
        self.working = routine
        self.error.hide()
        self.done_note.hide()
        for key in tuple(self.refused):
            self._accept(key)
        self._draw()
        if routine is not None and routine.steps:
            self.steps.setCurrentRow(0)

    def dirty(self) -> bool:
        """Changes not saved: the routine's, or typing it refused (kept in its field)."""
        return self.working is not None and self.saved is not None and (
            self.working != self.saved or bool(self.refused))

    # -- drawing the form from self.working ------------------------------------
    def _set_working(self, routine: Routine, row: int | None = None) -> None:
        """Show ``routine`` on step ``row`` (the one shown by default). The
        list's row is set before the form is drawn: drawn first on the step
        that took the row's place (another kind of dose), the box being typed
        in was switched off and the keyboard jumped to "Sides" (twenty-sixth
        re-test)."""
        row = self.steps.currentRow() if row is None else row
        row = min(max(row, 0), len(routine.steps) - 1)
        if row != self._step_row:
            for key in ("band", "tempo"):  # another row shown: typing refused in the last one goes
                self._accept(key)
        self.working = routine
        self._step_row = row
        self._draw(row)  # drawn on that step at once

    def _draw(self, row: int | None = None) -> None:
        """The routine's fields and its list of steps, on step ``row`` (the
        one shown by default)."""
        r = self.working
        self._drawing = True
        try:
            editable = r is not None and not r.builtin
            self.read_only.setVisible(r is not None and r.builtin)
            for w in (self.name, self.per_week, self.per_day, self.description, self.add_exercise,
                      self.add_step_button, self.remove_step_button, self.up_button, self.down_button,
                      self.step_box, self.save_button, self.revert_button, self.rename_button,
                      self.delete_button):
                w.setEnabled(editable)
            self.duplicate_button.setEnabled(r is not None)
            self.export_button.setEnabled(r is not None)
            if r is None:
                self.steps.clear()
                self.estimate.clear()
                return
            if "name" not in self.refused:  # a refused name stays as typed
                self.name.setText(r.name)
            self.per_week.setValue(r.sessions_per_week or 0)
            self.per_day.setValue(r.sessions_per_day)
            if "description" not in self.refused and self.description.toPlainText().strip() != r.description:
                self.description.setPlainText(r.description)
            row = self.steps.currentRow() if row is None else row
            self.steps.blockSignals(True)
            self.steps.clear()
            for i, step in enumerate(r.steps, 1):
                self.steps.addItem(f"{i}. {step.exercise.name} — {step.dose_label()}")
            self.steps.blockSignals(False)
            if r.steps:
                self.steps.setCurrentRow(min(max(row, 0), len(r.steps) - 1))
            self._draw_title()
        finally:
            self._drawing = False
        self._draw_step()

    def _draw_title(self) -> None:
        """The estimate line, the window title and the routine's row in the
        list, with whether changes are unsaved (a rename shows in the list at
        once, not after the save: one name on the screen)."""
        r = self.working
        if r is None:
            return
        item = self.list.currentItem()
        shown = self.selected()
        if item is not None and shown is not None and shown.id == r.id:
            item.setText(f"{r.name}" + ("  (built-in)" if r.builtin else ""))
        self.estimate.setText(
            f"About {count(estimated_minutes(r, self.timing), 'minute')} · {count(len(r.steps), 'step')}"
            + (" · unsaved changes" if self.dirty() else "")
        )
        self.setWindowTitle(f"Routines: {r.name}" + (" *" if self.dirty() else ""))

    def current_step(self) -> tuple[int, Step] | None:
        r = self.working
        row = self.steps.currentRow()
        if r is None or not 0 <= row < len(r.steps):
            return None
        return row, r.steps[row]

    def _step_chosen(self) -> None:
        """Another step shown: typing refused in the last one's fields is dropped
        (the list redrawn on the same step keeps it)."""
        if self.steps.currentRow() != self._step_row:
            self._step_row = self.steps.currentRow()
            for key in ("band", "tempo"):
                self._accept(key)
        self._draw_step()

    def _draw_step(self) -> None:
        found = self.current_step()
        self.step_box.setEnabled(found is not None and self.working is not None and not self.working.builtin)
        if found is None:
            return
        _, step = found
        self._drawing = True
        try:
            self.exercise.setCurrentIndex(self.exercise.findData(step.exercise.id))
            self.kind.setCurrentIndex([k for k, _ in KINDS].index(step.kind))
            self.sets.setValue(step.sets)
            self.sets.setEnabled(step.kind is not DoseKind.DURATION)
            self.reps.setValue(step.reps or 10)
            self.reps.setEnabled(step.kind is DoseKind.REPS)
            if step.kind in SECONDS_FIELD:  # a hold and a block have different limits
                self.seconds.setRange(*_whole(SECONDS_FIELD[step.kind]))
            self.seconds.setValue(round(step.seconds or 30))
            self.seconds.setEnabled(step.kind is not DoseKind.REPS)
            tempo = step.tempo or Tempo()
            for label, spin, words in zip(self.tempo_words, self.tempo, step.exercise.beats, strict=True):
                label.setText(words)
                spin.setAccessibleName(f"Seconds {words}")
            for spin, value in zip(self.tempo, (tempo.up, tempo.hold, tempo.down), strict=True):
                if "tempo" not in self.refused:  # refused typing stays as typed
                    spin.setValue(value)
                spin.setEnabled(step.kind is DoseKind.REPS)
            self.sides.setCurrentIndex(self.sides.findData(step.sides))
            self.rest_between.setValue(-1 if step.rest_between_sets is None else round(step.rest_between_sets))
            self.rest_after.setValue(round(step.rest_after))
            self.single_leg.setChecked(step.single_leg)
            self.load.setValue(step.load_kg)
            if "band" not in self.refused:
                self.band.setCurrentText(step.band or NO_BAND)
            self.balance.setCurrentIndex(self.balance.findData(step.balance_level))
            self.levels_note.setText(
                f"This step has {count(len(step.levels), 'harder level')}, kept as they are; edit "
                "them in the exported file." if step.levels else ""
            )
        finally:
            self._drawing = False

    # -- changes (each one undoable) ---------------------------------------------
    def _push(self, after: Routine, what: str, row_after: int | None = None) -> None:
        """Make ``after`` the routine, as one undoable change named ``what``,
        showing step ``row_after`` (the step shown now by default)."""
        before = self.working
        if before is None or after == before:
            return
        self.undo_stack.push(_Change(self, before, after, what, row_after))

    def _edit_routine(self, **changes: object) -> None:
        if self._drawing or self.working is None or self.working.builtin:
            return
        self._push(self.working._replace(**changes), "Edit routine")

    def _edit_step(self, **changes: object) -> None:
        if self._drawing or self.working is None or self.working.builtin:
            return
        found = self.current_step()
        if found is None:
            return
        row, step = found
        steps = list(self.working.steps)
        steps[row] = step._replace(**changes)
        self._push(self.working._replace(steps=tuple(steps)), "Edit step")

    def _change_exercise(self) -> None:
        """Another exercise for the step. What the step still has as the old
        exercise's start (the pace of a paced step, e.g. heavy slow
        resistance's 3 s up and 3 s down; the sides; the band) becomes the new
        one's; what was set by hand stays."""
        found = self.current_step()
        if self._drawing or found is None:
            return
        _, step = found
        old, exercise = step.exercise, self.library[self.exercise.currentData()]
        changes: dict[str, Any] = {"exercise": exercise}
        if step.kind is DoseKind.REPS and step.tempo == old.default_tempo:
            changes["tempo"] = exercise.default_tempo
        if step.sides is old.sides:
            changes["sides"] = exercise.sides
        if step.band == old.band:
            changes["band"] = exercise.band
        self._edit_step(**changes)

    def _edit_tempo(self) -> None:
        if self._drawing:
            return
        up, hold, down = (s.value() for s in self.tempo)
        if up + hold + down < 1:  # said under the tempo row, the boxes kept as typed
            self._refuse("tempo", self.tempo[-1], TEMPO_RULE)
            return
        self._accept("tempo")
        self._edit_step(tempo=Tempo(up, hold, down))

    def _edit_band(self, text: str) -> None:
        if self._drawing:
            return
        text = text.strip()
        if text.casefold() == NO_BAND.casefold():
            text = ""
        if text and (len(text) > 30 or not all(c.isalnum() or c in " -" for c in text)):
            self._refuse("band", self.band, BAND_RULE)
            return
        self._accept("band")
        self._edit_step(band=text)

    def _change_kind(self) -> None:
        if self._drawing:
            return
        kind = DoseKind(self.kind.currentData())  # the combo hands back the plain string
        found = self.current_step()
        if found is None:
            return
        _, step = found
        if kind is not DoseKind.REPS:
            self._accept("tempo")  # a tempo refused no longer applies: the step has none
        if kind is DoseKind.REPS:
            self._edit_step(kind=kind, reps=step.reps or 10, seconds=None,
                            tempo=step.tempo or step.exercise.default_tempo,
                            levels=())
        else:
            low, high = field_range(SECONDS_FIELD[kind])
            seconds = min(max(step.seconds or (30.0 if kind is DoseKind.HOLD else 60.0), low), high)
            sets = {"sets": 1} if kind is DoseKind.DURATION else {}
            self._edit_step(kind=kind, reps=None, tempo=None, seconds=seconds, levels=(), **sets)

    def add_step(self) -> None:
        self._clear_step_lines()  # a line about an earlier command no longer holds
        self._take_typing()  # a name being typed is a change first (twenty-fifth re-test)
        if self.working is None or self.working.builtin:
            return
        ex = self.library[self.add_exercise.currentData()]
        step = Step(exercise=ex, kind=DoseKind.REPS, sets=2, reps=10, tempo=ex.default_tempo,
                    sides=ex.sides, band=ex.band)  # the exercise's own start
        at = self.steps.currentRow() + 1 if self.working.steps else 0
        steps = list(self.working.steps)
        steps.insert(at, step)
        self._push(self.working._replace(steps=tuple(steps)), f"Add {ex.name}", row_after=at)

    def remove_step(self) -> None:
        self._clear_step_lines()  # a line about an earlier command no longer holds
        self._take_typing()
        found = self.current_step()
        if found is None or self.working is None or self.working.builtin:
            return
        if len(self.working.steps) == 1:
            self._show_error("A routine needs at least one step.")
            return
        row, step = found
        steps = list(self.working.steps)
        del steps[row]
        self._push(self.working._replace(steps=tuple(steps)), f"Remove {step.exercise.name}")

    def move_step(self, by: int) -> None:
        self._clear_step_lines()  # "… is already the first step" no longer holds (twenty-ninth re-test)
        self._take_typing()
        found = self.current_step()
        if found is None or self.working is None or self.working.builtin:
            return
        row, step = found
        to = row + by
        if not 0 <= to < len(self.working.steps):
            # said, not greyed (twenty-sixth re-test: a silent Move down on the
            # last step). A greyed button's Alt letter went into the name being
            # typed: twenty-seventh re-test
            end = "first" if by < 0 else "last"
            self._show_done(f"{step.exercise.name} is already the {end} step.")  # not a count
            return
        steps = list(self.working.steps)
        if steps[row] == steps[to]:  # past a step just like it: the routine is the same,
            self.steps.setCurrentRow(to)  # the step moved is shown where it went
            return
        steps[row], steps[to] = steps[to], steps[row]
        self._push(self.working._replace(steps=tuple(steps)), "Move step", row_after=to)

    # -- saving and the routine list ------------------------------------------------
    def _checked(self, routine: Routine) -> Routine:
        """The routine as its file will read back; raises RoutineError."""
        return parse_routine(routine_to_toml(routine), self.library, origin=str(self.store.path_for(routine.id)))

    def save(self) -> bool:
        """Save the routine (Ctrl+S, Save): what is being typed is taken first;
        a field whose typing the routine refused stops it, said at the foot
        and under the field, with the keyboard put there."""
        r = self.working
        if r is None or r.builtin:
            return False
        self._take_typing()
        if self.refused:
            field, why = next(iter(self.refused.values()))
            self._show_error(f"Not saved: {why[0].lower()}{why[1:]}")
            self._error_for_refused = True  # it goes once the fields are put right
            field.setFocus()
            return False
        r = self.working
        if taken := self._name_taken(r):
            self._show_error(f"Not saved: {taken}")
            self.name.setFocus()
            return False
        try:
            checked = self._checked(r)
            self.store.save(checked)
        except RoutineError as exc:
            self._show_error(f"Not saved: {exc.sentence()}")
            return False
        except OSError as exc:
            self._show_error(f"Not saved: could not write {self.store.path_for(r.id)} ({exc.strerror or exc}).")
            return False
        self.error.hide()
        self.undo_stack.clear()
        self.saved = self.working = r
        step = self.steps.currentRow()
        focused = self.focusWidget()
        self.reload(select=r.id)
        if 0 <= step < self.steps.count():  # the step being worked on stays chosen
            self.steps.setCurrentRow(step)  # (Ctrl+S put it back on step 1, under the keys)
        if focused is not None and isValid(focused) and focused.isVisibleTo(self) and focused.isEnabled():
            focused.setFocus()  # and the keyboard where it was: the reload went through
            # step 1, whose kind hid the Reps box, and the keys moved on to Sides
        self.routinesChanged.emit()
        return True

    def revert(self) -> None:
        """Back to the routine as saved (undoable), refused typing dropped too."""
        if self.saved is not None and self.dirty():
            if self.refused:
                self._drop_refused()
            self._push(self.saved, "Revert")

    def _unique_id(self, name: str) -> str:
        taken = {r.id for r in self.all_routines()}
        base = slug(name)
        rid, n = base, 2
        while rid in taken:
            rid, n = f"{base}-{n}", n + 1
        return rid

    def _add_new(self, routine: Routine) -> bool:
        if not self.settle_changes():
            return False
        self.saved = self.working = None
        try:
            self.store.save(self._checked(routine))
        except (RoutineError, OSError) as exc:
            said = exc.sentence() if isinstance(exc, RoutineError) else f"{exc.strerror or exc}."
            self._show_error(f"Could not create the routine: {said}")
            return False
        self.reload(select=routine.id)
        self.routinesChanged.emit()
        # the keyboard on the new routine's name, its first field (after a
        # Duplicate it stayed in a tempo box deep in the form: twentieth re-test)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.name.selectAll()
        return True

    def new_routine(self) -> bool:
        name = new_name({routine.name for routine in self.all_routines()})
        first = self.library.get("marching") or next(iter(self.library.values()))
        routine = Routine(
            id=self._unique_id(name), name=name, description="", sessions_per_week=3,
            steps=(Step(exercise=first, kind=DoseKind.DURATION, seconds=60.0),),
        )
        return self._add_new(routine)

    def duplicate(self) -> bool:
        """A copy of the selected routine as saved, made after its unsaved
        changes are settled: Save puts them in the copy too, Discard leaves
        them out of both (the eighteenth re-test's Discard still went into the
        copy), Cancel makes no copy. False when no copy was made."""
        r = self.selected()
        if r is None or not self.settle_changes():
            return False
        if self.dirty():  # discarded: gone before the copy is made
            self.revert()
        base = self.saved if self.saved is not None and self.saved.id == r.id else r
        name = copy_name(base.name, {routine.name for routine in self.all_routines()})
        copy = base._replace(id=self._unique_id(name), name=name, builtin=False, level=0, origin="")
        return self._add_new(copy)

    def rename(self) -> bool:
        self._take_typing()
        r = self.working
        if r is None or r.builtin:
            return False
        name = self.ask_name(r.name)
        if name is None:
            return False
        if not name:
            self._show_error(f"Not renamed: {NEEDS_NAME[0].lower()}{NEEDS_NAME[1:]}")
            return False
        self._accept("name")  # a name box left empty shows the name chosen
        if name == r.name:
            self._draw()
            return False
        if taken := self._name_taken(r._replace(name=name)):
            self._show_error(f"Not renamed: {taken}")
            return False
        self._push(r._replace(name=name), "Rename")
        return True

    def _name_taken(self, routine: Routine) -> str:
        """Why ``routine``'s name cannot be kept ("" when it can): another
        routine, built-in or the runner's, has it, and every list, History and
        the report name routines by name alone (thirty-first re-test: renamed
        "Ankle mobility", two rows of that name, one routine to a physio)."""
        other = name_holder(routine.name, routine.id, self.all_routines())
        if other is None:
            return ""
        whose = "a built-in routine" if other.builtin else "another of your routines"
        return f"{whose} is called “{other.name}”; give this one a name of its own."

    def delete(self) -> bool:
        r = self.selected()
        if r is None or r.builtin or not self.confirm_delete(r):
            return False
        try:
            kept = self.store.delete(r.id, self.now())
        except OSError as exc:
            self._show_error(f"Could not delete “{r.name}”: {exc.strerror or exc}.")
            return False
        self.saved = self.working = None
        self.undo_stack.clear()
        self.reload()
        self.last_deleted = kept
        self.routinesChanged.emit()
        return True

    def import_file(self) -> bool:
        """Import a routine file (Alt+I). Unsaved changes are settled first, as
        before New or another routine: the import shows the routine it brings,
        and Cancel keeps the changes and imports nothing (twenty-ninth re-test:
        the file came in first, and Cancel then lost the changes)."""
        self._clear_lines()
        if not self.settle_changes():
            self.import_button.setFocus()
            return False
        path = self.ask_open_path()
        self.import_button.setFocus()  # the keyboard back where it was when the file chooser closes
        if not path:
            return False
        self._used_folder(Path(path).parent)
        try:
            routine = read_routine_file(Path(path), self.library)
        except RoutineError as exc:
            self._show_error(f"Not imported from {exc.sentence(Path(path).name)}")
            return False
        renamed = routine.id in {r.id for r in self.builtins}
        if renamed:
            routine = routine._replace(id=self._unique_id(routine.name))
        elif routine.id in {r.id for r in self.mine} and not self.confirm_replace(routine):
            mine = next(r.name for r in self.mine if r.id == routine.id)
            self._show_done(f"Nothing imported from {Path(path).name}: your routine “{mine}” is as it was.")
            return False
        # a name another routine has (a built-in's own file, a second physio
        # plan) is told apart as a copy is: two rows of one name could not be
        # (twenty-eighth re-test)
        as_file = routine.name
        routine = named_apart(routine, self.all_routines())
        try:
            self.store.save(routine._replace(builtin=False))
        except OSError as exc:
            self._show_error(f"Not imported: could not save it ({exc.strerror or exc}).")
            return False
        self.reload(select=routine.id)
        self.routinesChanged.emit()
        named = f"Imported “{as_file}” from {Path(path).name}"
        if routine.name != as_file:
            named += f" as “{routine.name}”"
        self._show_done(named + (", a routine of your own beside the built-in one." if renamed else "."))
        return True

    def export_file(self) -> bool:
        self._take_typing()  # the file has what the form shows
        r = self.working if self.working is not None else self.selected()
        if r is None:
            return False
        self._clear_lines()
        path = self.ask_save_path(f"{r.id}.toml")
        self.export_button.setFocus()  # the keyboard back where it was when the file chooser closes
        if not path:
            return False
        problem = wrong_name(Path(path), (".toml",), "a routine file")  # as `routine export`
        if problem:
            self._show_error(problem)
            return False
        try:
            write_routine_file(r, Path(path))
        except OSError as exc:
            self._show_error(f"Not exported: could not write {path} ({exc.strerror or exc}).")
            return False
        self._used_folder(Path(path).parent)
        self._show_done(f"Exported “{r.name}” to {path}.")
        return True

    def _used_folder(self, folder: Path) -> None:
        """The file choosers start in ``folder`` from now on (and after a restart: see folderUsed)."""
        if folder != self.folder:
            self.folder = folder
            self.folderUsed.emit(folder)

    def _clear_step_lines(self) -> None:
        """A step command: the lines about earlier commands go (a refused
        Export's stayed after later steps: thirtieth re-test), all but a
        refused field's, which stays until the field is put right."""
        self.done_note.hide()
        if not getattr(self, "_error_for_refused", False):
            self.error.hide()

    def _clear_lines(self) -> None:
        """A new file action: the lines under the form about earlier ones go
        (a file chooser cancelled or a question answered No left an earlier
        import's error showing: twenty-second re-test)."""
        self.error.hide()
        self.done_note.hide()

    def _show_error(self, text: str) -> None:
        self.done_note.hide()
        self.error.setText(text)
        self.error.show()

    def _show_done(self, text: str) -> None:
        """Say what a file action did, under the form (until the next routine is shown)."""
        self.error.hide()
        self.done_note.setText(text)
        self.done_note.show()
        self._error_for_refused = False

    # -- questions (tests replace these) ----------------------------------------------
    def confirm_delete(self, routine: Routine) -> bool:
        return self.asker.confirm("Delete this routine?",
                                  f"Delete “{routine.name}”? Its file is moved to the 'deleted' folder "
                                  "inside your routines folder, and your history keeps its sessions.")

    def ask_unsaved(self, routine: Routine) -> str:
        """Save, Discard or Cancel (the default) the changes to ``routine``."""
        return self.asker.save_or_discard(
            "Save changes?", f"“{routine.name}” has unsaved changes. Save them before going on?")

    def settle_changes(self) -> bool:
        """Before the routine shown is left (another routine, New, Duplicate,
        closing): True to go on. Unsaved changes are asked about; Save saves,
        and a save refused (an empty name) keeps the editor where it is, saying why."""
        self._take_typing()  # a name emptied, a number typed: changes too
        if not self.dirty() or self.working is None:
            return True
        answer = self.ask_unsaved(self.working)
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def confirm_replace(self, routine: Routine) -> bool:
        """Ask before an imported ``routine`` replaces the one of yours with its id,
        named as the list names it (its id was not shown anywhere: twenty-first re-test)."""
        mine = next((r.name for r in self.mine if r.id == routine.id), routine.name)
        return self.asker.confirm("Replace your routine?", f"The file's routine “{routine.name}” would "
                                  f"replace your routine “{mine}” (the file says it is that one). Replace it?")

    def ask_name(self, current: str) -> str | None:
        """The new name typed (stripped; "" if emptied), or None if cancelled."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Rename routine")
        dialog.setLabelText("New name:")
        dialog.setTextValue(current)
        # wide enough for a long name, and for its title on the title bar with the
        # app's name and the window buttons ("Renam… ainer": fourteenth re-test).
        # The name box is made wide: QInputDialog's layout sets the dialog's own
        # size from its boxes, and a minimum set on the dialog was not kept.
        title = dialog.fontMetrics().horizontalAdvance(f"{dialog.windowTitle()} — Ankle Trainer")
        width = min(max(title + 160, dialog.fontMetrics().averageCharWidth() * 48),
                    self.screen().availableGeometry().width() - 40)
        for box in dialog.findChildren(QLineEdit):
            box.setMaxLength(MAX_NAME)  # as the name box: never cut after it was typed
            box.setMinimumWidth(width - 24)  # the dialog's margins round it
        return dialog.textValue().strip() if dialog.exec() else None

    def ask_open_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, "Import a routine file", str(self.folder),
                                              "Routine files (*.toml);;All files (*)")
        return path

    def ask_save_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(self, "Export the routine", str(self.folder / suggested),
                                              "Routine files (*.toml)")
        return path

    def reject(self) -> None:
        """Close (Esc, Close): unsaved changes are asked about first (Save,
        Discard, Cancel); a save refused keeps the editor open, saying why."""
        if not self.settle_changes():
            return
        super().reject()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if event.key() == Qt.Key.Key_Delete and self.steps.hasFocus():
            self.remove_step()
            return
        super().keyPressEvent(event)
