"""The history screen: every session in a sortable, filterable table (a Qt
model, not a widget per row), a detail panel with its sets, editing of notes
and pain values, and delete with confirmation and undo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....app.changes import ChangeNotifier
from ....app.history import HistoryEdits
from ....core.clock import Clock
from ....core.set_status import SetOutcome
from ....core.text import count, set_amount, sets_figure, sets_not_imported
from ....storage.errors import StorageError
from ....storage.history import HistoryRepository, SessionRow
from ...fields import NotedSpinBox
from ...reflow import fit_columns, vertical_scroll, whole_combo
from ...widgets import LEAD, compact_form, format_clock, page_header, ring_room, set_font
from ..home.page import STATUS_WORDS

COLUMNS = ("Date", "Routine", "Status", "Time", "Sets", "Before", "After", "Morning", "Notes")
COLUMN_TIPS = (
    "Local date and time the session started", "Routine", "How the session ended",
    "Duration", "Sets completed of those planned", "Pain before the session (0-10)",
    "Pain after the session (0-10)", "Pain the next morning (0-10)", "Your notes",
)
Index = QModelIndex | QPersistentModelIndex


def _pain(value: int | None) -> str:
    """A pain rating for the table: a dash when not rated, as in the details beside it."""
    return "–" if value is None else str(value)


def no_suggestions(rated: int) -> str:
    """What the empty Suggestions tab says, true for the runner's history: with
    no rated session, that suggestions come after a few; with ``rated``
    sessions rated, that none of them has led to one (ninth round, F11: a
    history of 788 rated sessions was told it needed "a few sessions with
    pain ratings")."""
    what = "when to move up a level, stay or ease off; each suggestion and your answer is listed here."
    if not rated:
        return f"No suggestions yet. After a few sessions with pain ratings, the app suggests {what}"
    return (f"No suggestions so far: none has come from your {count(rated, 'session')} with pain "
            "ratings. After each session you do here, and each next-morning rating, the app checks its "
            f"pain rules and, when one of them applies, suggests {what}")


class SessionTableModel(QAbstractTableModel):
    """All sessions of the history; shows those that pass the filter, in the
    chosen order. Sorting and filtering happen here, in Python over a list,
    rather than in a QSortFilterProxyModel, whose comparisons call back into
    Python for every pair of rows: on ten years of sessions that cost
    about 130 ms (see benchmarks/history_scale.py)."""

    def __init__(self) -> None:
        super().__init__()
        self.all_rows: list[SessionRow] = []
        self.rows: list[SessionRow] = []  # what is shown
        self.first: str | None = None
        self.last: str | None = None
        self.routine_id: str | None = None
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.DescendingOrder

    def set_filter(self, first: str | None, last: str | None, routine_id: str | None,
                   rows: list[SessionRow] | None = None) -> None:
        """List the sessions from ``first`` to ``last`` (local dates,
        "YYYY-MM-DD", None for open) of ``routine_id`` (None for all); with
        ``rows``, every session known is replaced too, in the same one reset."""
        self.beginResetModel()
        if rows is not None:
            self.all_rows = list(rows)
        self.first, self.last, self.routine_id = first, last, routine_id
        self._arrange()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()  # the selection and current row
        ids = [self.rows[i.row()].id if 0 <= i.row() < len(self.rows) else None for i in persistent]
        self.sort_column, self.sort_order = column, order
        self._arrange()
        new = {s.id: i for i, s in enumerate(self.rows)}
        moved = [
            self.index(new[sid], index.column()) if sid in new else QModelIndex()
            for sid, index in zip(ids, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _accepts(self, s: SessionRow) -> bool:
        if self.first and s.local_date < self.first:
            return False
        if self.last and s.local_date > self.last:
            return False
        return not (self.routine_id and s.routine_id != self.routine_id)

    def _arrange(self) -> None:
        rows = [s for s in self.all_rows if self._accepts(s)]
        rows.sort(key=lambda s: s.started_at)  # ties in any column keep time order
        col = self.sort_column
        if col != 0:
            rows.sort(key=lambda s: _sort_key(s, col))
        if self.sort_order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        self.rows = rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return COLUMN_TIPS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        s = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return s.local_started_at.strftime("%Y-%m-%d %H:%M")
            if col == 1:
                return s.routine_name
            if col == 2:
                return STATUS_WORDS.get(str(s.status), str(s.status))
            if col == 3:
                duration = s.duration_seconds
                return format_clock(duration) if duration is not None else "–"  # not known
            if col == 4:
                return sets_figure(s.status, s.sets_completed, s.sets_skipped, s.sets_planned, s.sets_partly_done)
            if col <= 7:
                return _pain((s.pain_before, s.pain_after, s.pain_next_morning)[col - 5])
            return s.notes.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.data(index) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and 3 <= col <= 7:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def row_of(self, session_id: str) -> int | None:
        return next((i for i, s in enumerate(self.rows) if s.id == session_id), None)

    def replace(self, session: SessionRow) -> None:
        """``session`` as saved, in place of the one with its id, listed or not."""
        self.all_rows = [session if s.id == session.id else s for s in self.all_rows]
        row = self.row_of(session.id)
        if row is not None:
            self.rows[row] = session
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove(self, session_id: str) -> None:
        self.all_rows = [s for s in self.all_rows if s.id != session_id]
        row = self.row_of(session_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.rows[row]
            self.endRemoveRows()

    def insert(self, session: SessionRow) -> None:
        self.all_rows.append(session)
        self.all_rows.sort(key=lambda s: s.started_at)
        self.beginResetModel()
        self._arrange()
        self.endResetModel()


def _sort_key(s: SessionRow, col: int) -> object:
    if col == 1:
        return s.routine_name.lower()
    if col == 2:
        return str(s.status)
    if col == 3:
        return s.duration_seconds or 0.0
    if col == 4:
        return s.sets_completed
    if col <= 7:
        value = (s.pain_before, s.pain_after, s.pain_next_morning)[col - 5]
        return -1 if value is None else value
    return s.notes.lower()


class _DeleteSession(QUndoCommand):
    def __init__(self, page: HistoryPage, session: SessionRow) -> None:
        super().__init__(f"Delete session of {session.local_date}")
        self.page = page
        self.session = session
        self.snapshot: dict[str, object] | None = None

    def redo(self) -> None:
        self.page.editing = True  # the page shows this edit itself: no reload
        try:
            self.snapshot = self.page.edits.delete(self.session.id)
        finally:
            self.page.editing = False
        self.page.model.remove(self.session.id)
        self.page.saved.emit(f"Deleted: “{self.session.routine_name}”, {self.session.local_date}. "
                             "Ctrl+Z brings it back.")
        self.page.changed.emit()

    def undo(self) -> None:
        assert self.snapshot is not None
        self.page.editing = True
        try:
            restored = self.page.edits.restore(self.session.id, self.snapshot)
        finally:
            self.page.editing = False
        if restored is not None:
            self.page.model.insert(restored)
            row = self.page.model.row_of(restored.id)
            if row is not None:  # the restored session is the chosen one again, its details beside it
                self.page.select_row(row)
                self.page.table.setFocus()  # the keyboard on it (its Delete button went with it)
            self.page.saved.emit(f"Restored: “{restored.routine_name}”, {restored.local_date}.")
        self.page.changed.emit()


class HistoryPage(QWidget):
    changed = Signal()  # something in the history was edited, deleted or restored
    storageFailed = Signal(str)
    saved = Signal(str)  # what was saved, deleted or restored, in words for the status bar
    noticed = Signal(str)  # what the runner must see: changes typed for a session deleted elsewhere
    homeRequested = Signal()
    exportRequested = Signal()

    def __init__(
        self, repo: HistoryRepository, clock: Clock, edits: HistoryEdits | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.repo = repo  # read here; every write goes through ``edits``
        self.clock = clock
        self.edits = edits or HistoryEdits(repo, ChangeNotifier())
        self.editing = False  # True while its own write is told to the notifier
        self._reverting = False  # True while the row is chosen by the page, not the runner
        self.undo_stack = QUndoStack(self)
        self.model = SessionTableModel()

        head, self.home_button = page_header("History", self.homeRequested.emit)
        self.export_button = QPushButton("Export to CSV…")
        self.export_button.clicked.connect(self.exportRequested.emit)
        head.addWidget(self.export_button)

        # Filters
        self.from_date = QDateEdit()
        self.to_date = QDateEdit()
        for edit, name in ((self.from_date, "From date"), (self.to_date, "To date")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        self.routine = QComboBox()
        self.routine.setAccessibleName("Routine")
        whole_combo(self.routine)
        self.reset_button = QPushButton("Show all")
        filters = QHBoxLayout()
        filters.addWidget(QLabel("From"))
        filters.addWidget(self.from_date)
        filters.addWidget(QLabel("to"))
        filters.addWidget(self.to_date)
        filters.addStretch(1)
        # the routine on a line of its own: its box is as wide as the longest
        # routine name, which does not fit beside the dates at 800 x 600
        routine_filter = QHBoxLayout()
        routine_filter.addWidget(QLabel("Routine"))
        routine_filter.addWidget(self.routine)
        routine_filter.addWidget(self.reset_button)
        routine_filter.addStretch(1)
        self.count_label = QLabel()
        filters.addWidget(self.count_label)

        # Table
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        # never sideways: words wrap onto two lines, the notes (else the
        # routine) take the rest; in a narrow window the notes, the next
        # morning's pain, then before and after together give way (the
        # selected session's are beside the table)
        self.columns = fit_columns(self.table, stretch=(8, 1), optional=(8, 7, (6, 5)))
        self.table.setAccessibleName("Sessions")
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)

        # Detail
        self.detail_title = QLabel("Choose a session to see its sets.")
        self.detail_title.setWordWrap(True)
        self.sets_list = QListWidget()
        self.sets_list.setAccessibleName("Sets of the selected session")
        # a long set line wraps rather than needing a sideways scroll ("... – skipped")
        self.sets_list.setWordWrap(True)
        self.sets_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.sets_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)  # Tab moves on, as in every other field
        self.notes.setAccessibleName("Notes")
        self.notes.setMaximumHeight(90)
        self.pain: dict[str, QSpinBox] = {}
        form = compact_form()
        for key, label in (("pain_before", "Pain before"), ("pain_after", "Pain after"),
                           ("pain_next_morning", "Next morning")):
            spin = NotedSpinBox(-1, 10, "", f"{label}, 0 to 10")
            spin.setSpecialValueText("–")  # -1: not rated
            spin.setValue(-1)  # nothing chosen: a dash, never a made-up 0
            self.pain[key] = spin
            spin.add_to(form, f"{label}:")
        form.addRow("Notes:", self.notes)
        self.save_button = QPushButton("Save changes")
        self.delete_button = QPushButton("Delete session…")
        self.undo_button = QPushButton("Undo")
        self.undo_button.setEnabled(False)
        self.undo_button.setAccessibleName("Undo the last delete")
        self.undo_button.setToolTip("Undo (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.activated.connect(self.undo_stack.undo)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_current)
        self.delete_button.setToolTip("Delete the selected session (Delete key)")
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        # Delete on a row of its own: a narrow details column leaves the table
        # room for its columns at 800 x 600
        delete_row = QHBoxLayout()
        delete_row.addStretch(1)
        delete_row.addWidget(self.delete_button)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.detail_title)
        detail_layout.addLayout(form)
        detail_layout.addLayout(buttons)
        detail_layout.addLayout(delete_row)
        detail_layout.addWidget(QLabel("Sets:"))
        detail_layout.addWidget(self.sets_list, 1)
        self.detail = detail
        detail.setEnabled(False)

        # No sessions (at all, or within the filters): say so instead of an empty grid.
        self.empty_note = QLabel()
        self.empty_note.setObjectName("emptyState")
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setWordWrap(True)
        set_font(self.empty_note, LEAD)
        self.table_or_note = QStackedWidget()
        self.table_or_note.addWidget(self.table)
        self.table_or_note.addWidget(self.empty_note)
        splitter = QSplitter()
        ring_room(splitter)  # the table's focus ring is drawn inside it
        splitter.addWidget(self.table_or_note)
        # the details scroll on their own when the window is short: the page
        # never needs their height, so it opens at its top with the table
        # whole at 800 x 600, a message bar above it or not
        detail_area = vertical_scroll(detail)
        self.detail_area = detail_area
        detail_area.setMinimumWidth(
            detail.minimumSizeHint().width() + detail_area.verticalScrollBar().sizeHint().width())
        splitter.addWidget(detail_area)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 300])  # the details at their least: the table needs the room
        sessions_tab = QWidget()
        sessions_layout = QVBoxLayout(sessions_tab)
        sessions_layout.addLayout(filters)
        sessions_layout.addLayout(routine_filter)
        sessions_layout.addWidget(splitter, 1)

        # Suggestions: few rows, so a plain table widget.
        self.suggestions = QTableWidget(0, 5)
        self.suggestions.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.suggestions.setHorizontalHeaderLabels(["Date", "Routine", "Suggestion", "Your answer", "Why"])
        self.suggestions.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.suggestions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.suggestions.verticalHeader().hide()
        self.suggestions.setWordWrap(True)
        self.suggestions.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 170, 160, 110)):
            self.suggestions.horizontalHeader().resizeSection(column, width)
        self.suggestions.setAccessibleName("Progression suggestions and your answers")
        self.heel_rise = QTableWidget(0, 5)
        self.heel_rise.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.heel_rise.setHorizontalHeaderLabels(["Date", "Left", "Right", "Difference", "Beat"])
        self.heel_rise.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heel_rise.verticalHeader().hide()
        self.heel_rise.horizontalHeader().setStretchLastSection(True)
        self.heel_rise.setAccessibleName("Heel-rise test results")
        self.triage = QTableWidget(0, 2)
        self.triage.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.triage.setHorizontalHeaderLabels(["Date", "Your answers"])
        self.triage.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.triage.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.triage.verticalHeader().hide()
        self.triage.horizontalHeader().resizeSection(0, 130)
        self.triage.horizontalHeader().setStretchLastSection(True)
        self.triage.setAccessibleName("Your answers to where it hurts, newest first")

        # Every table says what will appear in it while it is empty, never a bare grid.
        self.empty_notes: dict[QTableWidget, QLabel] = {}
        self.tabs = QTabWidget()
        self.tabs.addTab(sessions_tab, "&Sessions")
        self.tabs.addTab(self._or_note(self.suggestions, no_suggestions(0)), "Su&ggestions")
        self.tabs.addTab(self._or_note(
            self.heel_rise, "No heel-rise tests yet. Each test you do from the home screen "
            "(Heel-rise test) is listed here with the rises on each leg and the difference."),
            "Heel-&rise tests")  # Alt+H is the Help menu
        self.tabs.addTab(self._or_note(
            self.triage, "No answers yet. Each time you answer “Where does it hurt?” (from the "
            "home screen), your answers are listed here with the date."), "&Where it hurts")
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

        self._shown: SessionRow | None = None  # the session whose values the panel shows
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        # the details always show the chosen row, or none: a reset model (an undone
        # delete, a filter) left the panel showing a session no row was chosen for,
        # whose Save and Delete then did nothing (seventh re-test)
        # (a reset of the page's own, in _keeping_choice, redraws the panel itself)
        self.model.modelReset.connect(lambda: None if self._reverting else self._show_current())
        self.model.rowsRemoved.connect(lambda *_: self._show_current())
        self.save_button.clicked.connect(self.save_changes)
        self.delete_button.clicked.connect(self.delete_current)
        self.reset_button.clicked.connect(self.show_all)
        self.from_date.dateChanged.connect(lambda *_: self._apply_filter())
        self.to_date.dateChanged.connect(lambda *_: self._apply_filter())
        self.routine.currentIndexChanged.connect(lambda *_: self._apply_filter())
        self.model.rowsInserted.connect(lambda *_: self._update_count())
        self.model.rowsRemoved.connect(lambda *_: self._update_count())
        self.model.modelReset.connect(self._update_count)

    def _or_note(self, table: QTableWidget, text: str) -> QStackedWidget:
        """``table`` in a stack with a note saying what will appear there; the
        note shows while the table has no rows (see :meth:`_show_or_note`)."""
        note = QLabel(text)
        note.setObjectName("emptyState")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setWordWrap(True)
        set_font(note, LEAD)
        stack = QStackedWidget()
        stack.addWidget(table)
        stack.addWidget(note)
        self.empty_notes[table] = note
        return stack

    def _show_or_note(self, table: QTableWidget) -> None:
        stack = table.parentWidget()
        if isinstance(stack, QStackedWidget):
            stack.setCurrentWidget(table if table.rowCount() else self.empty_notes[table])

    # -- loading and filtering ----------------------------------------------
    def enter(self) -> None:
        """Shown: read the history afresh (raises StorageError), on the
        Sessions tab, with the keyboard on the newest session."""
        self.load()
        # on its first tab, as every screen opens at its start: left on another
        # tab, the keyboard was on a table out of sight (eleventh re-test)
        self.tabs.setCurrentIndex(0)
        self.table.setFocus()
        if self.model.rows:
            self.select_row(0)
        self.detail_area.verticalScrollBar().setValue(0)  # the panel at its top too (sixteenth re-test)

    def load(self) -> None:
        """(Re)read the sessions from history."""
        rows = self.repo.sessions()
        self.routine.blockSignals(True)
        self.routine.clear()
        self.routine.addItem("All routines", None)
        for rid, name in self.repo.routines_in_history():
            self.routine.addItem(name, rid)
        self.routine.blockSignals(False)
        self.show_all(rows)  # the new rows and the whole range in one reset
        self._load_suggestions()
        self._load_heel_rise()
        self.load_triage()

    def _load_suggestions(self) -> None:
        from ....core.progression import advice_words

        answers = {"accepted": "Accepted", "declined": "Declined", None: "Not answered"}
        rows = self.repo.recommendations()
        self.suggestions.setRowCount(len(rows))
        for i, r in enumerate(rows):
            words = advice_words(r.advice, r.from_level, r.to_level)
            what = words[0].upper() + words[1:]  # "Go back to level 1", as the banner said it
            if r.to_level != r.from_level:
                what += f" (from level {r.from_level + 1})"
            cells = (f"{r.local_made_at:%Y-%m-%d %H:%M}", r.routine_name, what,
                     answers.get(r.decision, r.decision or ""), r.reason)
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 4:
                    item.setToolTip(text)
                self.suggestions.setItem(i, j, item)
        self.suggestions.resizeRowsToContents()
        if not rows:  # why there are none: too few ratings, or none of the rules had advice
            self.empty_notes[self.suggestions].setText(no_suggestions(self.repo.count_rated_sessions()))
        self._show_or_note(self.suggestions)

    def _load_heel_rise(self) -> None:
        rows = self.repo.heel_rise_tests()
        self.heel_rise.setRowCount(len(rows))
        for i, t in enumerate(reversed(rows)):
            diff = t.left_reps - t.right_reps
            cells = (f"{t.local_tested_at:%Y-%m-%d %H:%M}", str(t.left_reps), str(t.right_reps),
                     f"{abs(diff)} ({'left' if diff > 0 else 'right'} more)" if diff else "none",
                     f"{t.beat_seconds:g} s")
            for j, text in enumerate(cells):
                self.heel_rise.setItem(i, j, QTableWidgetItem(text))
        self._show_or_note(self.heel_rise)

    def load_triage(self) -> None:
        """(Re)read the triage answers, newest first, each with its local date and time."""
        rows = list(reversed(self.repo.triage_history()))
        self.triage.setRowCount(len(rows))
        for i, t in enumerate(rows):
            cells = (f"{t.local_answered_at:%Y-%m-%d %H:%M}", t.answers.summary())
            for j, text in enumerate(cells):
                self.triage.setItem(i, j, QTableWidgetItem(text))
        self._show_or_note(self.triage)

    def set_first_day(self, first_day: str) -> None:
        """The date boxes' calendars start their weeks on ``first_day`` (a setting)."""
        from ...widgets import weeks_start_on

        weeks_start_on(first_day, self.from_date, self.to_date)

    def show_all(self, rows: list[SessionRow] | None = None) -> None:
        """Every session listed (the filter's dates their whole range); with
        ``rows``, these replace the sessions known."""
        days = [s.local_date for s in (self.model.all_rows if rows is None else rows)]
        today = self.clock.now().date()
        first = date.fromisoformat(min(days)) if days else today
        last = date.fromisoformat(max(days)) if days else today
        for edit, value in ((self.from_date, first), (self.to_date, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)
        self.routine.blockSignals(True)  # one reset, below
        self.routine.setCurrentIndex(0)
        self.routine.blockSignals(False)
        self._apply_filter(rows)

    def set_filter(self, first: date | None, last: date | None, routine_id: str | None) -> None:
        for edit, value in ((self.from_date, first), (self.to_date, last)):
            if value is not None:
                edit.setDate(QDate(value.year, value.month, value.day))
        index = self.routine.findData(routine_id)
        self.routine.setCurrentIndex(max(index, 0))
        self._apply_filter()

    def _apply_filter(self, rows: list[SessionRow] | None = None) -> None:
        listed = self._keeping_choice(lambda: self.model.set_filter(
            self.from_date.date().toString("yyyy-MM-dd"),
            self.to_date.date().toString("yyyy-MM-dd"),
            self.routine.currentData(),
            rows,
        ))
        self._update_count()
        if not listed:
            self.show_all()  # changes kept for a session the filter hid: it is shown again

    def _keeping_choice(self, reset: Callable[[], None]) -> bool:
        """Run ``reset`` (a model reset: Qt drops its selection, and a focus
        coming back set the first row current without highlighting it, so the
        panel and Delete went to a session not highlighted: nineteenth
        re-test), then choose again the session shown, highlighted, or the
        first one listed when it is gone. Changes typed in the panel stay
        with their session while it is listed; for one no longer listed the
        runner is asked to save or drop them, and told when it was deleted
        elsewhere (there is nothing left to save them to). False only when the runner
        chose to keep such changes (Cancel): the caller shows every session."""
        shown = self._shown
        typed = shown is not None and self.unsaved_edits()
        self._reverting = True  # not the runner's choice of row: nothing asked, nothing redrawn
        try:
            reset()
            row = self.model.row_of(shown.id) if shown is not None else None
            if row is not None:
                self.select_row(row)
        finally:
            self._reverting = False
        if row is not None:
            if not typed:
                self._show_current()  # its values afresh (a sync may have changed them)
            return True
        if typed and shown is not None and any(s.id == shown.id for s in self.model.all_rows):
            answer = self.ask_unsaved_edits(shown)
            if answer == "cancel":
                return False
            if answer == "save":
                self._save(shown)
        elif typed and shown is not None:  # gone from the history (a sync): nowhere to save them
            self.noticed.emit(
                f"The session “{shown.routine_name}” of {shown.local_started_at:%d %b %Y, %H:%M} is no "
                "longer in your history (it was deleted elsewhere, for example on a computer you sync "
                "with), so the changes you typed for it could not be saved.")
        self._shown = None
        if self.model.rows:
            self.select_row(0)  # no session shown now: nothing to ask about
        self._show_current()
        return True

    def _update_count(self) -> None:
        shown, total = len(self.model.rows), len(self.model.all_rows)
        if total == 0:
            self.empty_note.setText("No sessions yet. Each session you do is listed here with its "
                                    "sets and pain ratings: choose a routine on the home screen to start.")
        elif shown == 0:
            self.empty_note.setText("No sessions match these dates and this routine. "
                                    "Press Show all to see every session.")
        self.table_or_note.setCurrentWidget(self.empty_note if shown == 0 else self.table)
        self.count_label.setText(count(total, "session") if shown == total
                                 else f"{shown:,} of {count(total, 'session')} shown")

    # -- the selected session --------------------------------------------------
    def current(self) -> tuple[int, SessionRow] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = index.row()
        return row, self.model.rows[row]

    def select_row(self, row: int) -> None:
        """Choose the session in ``row`` (one change of row: it may be asked
        about the changes to the session shown, and refused)."""
        self.table.setCurrentIndex(self.model.index(row, 0))  # selects the row too (rows select whole)

    def _show_current(self) -> None:
        found = self.current()
        self.detail.setEnabled(found is not None)
        self._shown = found[1] if found is not None else None
        if found is None:
            self.detail_title.setText("Choose a session to see its sets.")
            self.sets_list.clear()
            for spin in self.pain.values():
                spin.setValue(-1)  # a dash in the greyed-out fields, not "0"
            self.notes.clear()
            return
        _, s = found
        self.detail_title.setText(
            f"<b>{s.routine_name}</b>, {s.local_started_at:%A %d %B %Y, %H:%M}"
        )
        for key, spin in self.pain.items():
            value = getattr(s, key)
            spin.setValue(-1 if value is None else value)
        self.notes.setPlainText(s.notes)
        lines = []
        for t in self.repo.sets_for(s.id):
            side = "" if t.side == "both" else f" ({t.side})"
            # a wrapped line never parts a number from its unit ("15 of 15 / reps":
            # thirtieth re-test); the words are set_amount's, spaces made fast
            amount = set_amount(t.actual_reps, t.target_reps, t.actual_seconds, t.target_seconds).replace(
                " ", "\u00a0")
            pain = f", pain {t.pain_during}" if t.pain_during is not None else ""
            outcome = SetOutcome.of(t.status, t.actual_reps, t.actual_seconds)
            flag = "" if outcome is SetOutcome.DONE else f" – {outcome}"
            lines.append(f"{t.exercise_name}{side}, set {t.set_number}: {amount}{pain}{flag}")
        self.sets_list.clear()
        none = ("Its sets were not imported: import the sets file exported with its sessions."
                if sets_not_imported(s.status, s.sets_completed, s.sets_skipped, s.sets_planned)
                else "No sets were recorded.")  # as the Sets column says (twenty-ninth re-test)
        self.sets_list.addItems(lines or [none])

    def _panel_values(self) -> dict[str, object]:
        """The pain values (None: not rated) and notes as the panel shows them."""
        values: dict[str, object] = {k: (None if sp.value() < 0 else sp.value()) for k, sp in self.pain.items()}
        values["notes"] = self.notes.toPlainText()
        return values

    def unsaved_edits(self) -> bool:
        """Whether the panel holds changes to its session not saved yet."""
        shown = self._shown
        return shown is not None and any(
            value != getattr(shown, key) for key, value in self._panel_values().items())

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        """Another session chosen: changes typed for the one shown are saved,
        dropped or kept (the choice undone) as the runner says, never lost
        without a word."""
        shown = self._shown
        if self._reverting:
            return  # back on the session whose changes were kept: the panel shows them still
        if shown is not None and previous.isValid() and self.unsaved_edits():
            answer = self.ask_unsaved_edits(shown)
            if answer == "cancel" or answer == "save" and not self._save(shown):
                # back on the session the panel's values belong to (a save that
                # failed too: a later Save must never write them to another one)
                self._reverting = True
                try:
                    self.select_row(previous.row())
                finally:
                    self._reverting = False
                return
        self._show_current()
        self.detail_area.verticalScrollBar().setValue(0)  # the new session's title and pain in view

    def may_leave(self) -> bool:
        """Whether History may give way to another screen: changes not saved
        are saved or dropped first, as the runner says (Cancel stays)."""
        shown = self._shown
        if shown is None or not self.unsaved_edits():
            return True
        answer = self.ask_unsaved_edits(shown)
        if answer == "save":
            return self._save(shown)
        if answer == "discard":
            self._show_current()  # the stored values back in the panel
        return answer == "discard"

    def ask_unsaved_edits(self, session: SessionRow) -> str:
        """Save, Discard or Cancel ("save", "discard", "cancel") for changes not
        saved to ``session`` (tests replace this)."""
        from ...shell.asker import ask_unsaved

        return ask_unsaved(self, "Save your changes?",
                           f"Your changes to the session of {session.local_date}, “{session.routine_name}”, "
                           "are not saved yet.")

    def save_changes(self) -> None:
        found = self.current()
        if found is None:
            return
        self._save(found[1])

    def _save(self, s: SessionRow) -> bool:
        """Write the panel's values to session ``s`` (listed now or not);
        False when refused."""
        values = self._panel_values()
        try:
            self.editing = True
            updated = self.edits.update(s.id, **values)
        except (StorageError, ValueError) as exc:
            self.storageFailed.emit(str(exc))
            return False
        finally:
            self.editing = False
        if updated is not None:
            self.model.replace(updated)
        if updated is not None and self._shown is not None and self._shown.id == updated.id:
            self._shown = updated
        for spin in self.pain.values():
            spin.say("")  # a refused number's note was about the typing, now saved as shown
        self.saved.emit(f"Saved: “{s.routine_name}”, {s.local_started_at:%d %b %Y, %H:%M}.")
        self.changed.emit()
        return True

    def delete_current(self) -> bool:
        found = self.current()
        if found is None:
            return False
        _, s = found
        if not self.confirm_delete(s):
            return False
        try:
            self.undo_stack.push(_DeleteSession(self, s))
        except StorageError as exc:
            self.storageFailed.emit(str(exc))
            return False
        return True

    def confirm_delete(self, session: SessionRow) -> bool:
        """Ask first (tests replace this)."""
        from ...shell.asker import ask

        return ask(self, "Delete this session?",
                   f"Delete the session of {session.local_date}, “{session.routine_name}”, and "
                   "all its sets? You can undo this until you close the app (Ctrl+Z).")
