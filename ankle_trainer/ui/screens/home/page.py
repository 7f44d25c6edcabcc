"""The home screen: pick a routine, see what it holds, start it; recent sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....app.changes import Change
from ....core.model import Routine
from ....core.text import count, sets_not_imported
from ....core.timing import TimingSettings, estimated_minutes
from ....storage.history import SessionRow
from ...widgets import (
    LEAD,
    NOTE,
    SECTION,
    TITLE,
    WrappedLabel,
    as_label_text,
    format_clock,
    set_enum_property,
    set_font,
)

if TYPE_CHECKING:
    from ..spec import Host

RECENT_COUNT = 6  # sessions listed under "Recent sessions"

# This screen is the one painted at start-up, so neither it nor the main
# window imports the name ``Qt`` from QtCore at module level: the first use of
# it makes PySide6 build Python types for every enum in the Qt namespace
# (about 13 ms here, a fifth of the start-up budget; see benchmarks/startup.py).
# Code that runs later imports it where it is needed; other screens use it freely.


STATUS_WORDS = {
    "completed": "Completed",
    "stopped": "Cut short",  # stopped, or run to its end with no set done in full
    "interrupted": "Interrupted",
    "in_progress": "In progress",
}


class RoutineList(QListWidget):
    """The list of routines, never shorter than :attr:`ROWS` rows of a name and
    its minutes: banners and messages above take their room from the rest of
    the page, not from it (a row with a mark under it takes a line more)."""

    ROWS = 3

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Room for :attr:`ROWS` two-line rows, their spacing and the frame."""
        hint = super().minimumSizeHint()
        line = self.fontMetrics().lineSpacing()
        rows = [min(self.sizeHintForRow(r), 2 * line + 6) for r in range(min(self.count(), self.ROWS))]
        height = sum(rows) + 2 * self.spacing() * len(rows) + 2 * self.frameWidth()
        return QSize(hint.width(), max(hint.height(), height))


class HomePage(QWidget):
    startRequested = Signal(object)  # Routine
    previewRequested = Signal(object)  # Routine
    historyRequested = Signal()
    progressRequested = Signal()
    editorRequested = Signal()
    heelRiseRequested = Signal()
    learnRequested = Signal()
    triageRequested = Signal()

    def __init__(
        self, routines: tuple[Routine, ...], timing: TimingSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.routines = routines
        self.timing = timing
        # Routine id -> why it does not suit the runner's triage answers (marked in the list).
        self.unsuited: dict[str, str] = {}
        # Routine id -> why today's safety-check answers rule it out (marked in the list).
        self.blocked: dict[str, str] = {}

        self.routine_list = RoutineList()
        self.routine_list.setAccessibleName("Routines")
        self.routine_list.setObjectName("routineList")
        self.routine_list.setSpacing(4)
        # a long name (the app's own "… (my copy)") wraps in the list's width:
        # never a sideways scroll bar and a cut name (tenth re-test)
        self.routine_list.setWordWrap(True)
        set_enum_property(self.routine_list, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
        set_enum_property(self.routine_list, "resizeMode", "Adjust")  # re-wrapped as it narrows
        for _ in routines:
            self.routine_list.addItem(QListWidgetItem())
        self._label_routines()
        self.routine_list.currentRowChanged.connect(self._show_routine)
        self.routine_list.itemActivated.connect(lambda _item: self._start())
        # the chosen routine is always in view: at start-up (the list had no
        # size when it was chosen), coming home, and when banners shrink the list
        self.routine_list.installEventFilter(self)

        self.title = WrappedLabel()
        self.title.setObjectName("routineTitle")
        self.title.setWordWrap(True)
        self.meta = WrappedLabel()
        self.meta.setObjectName("routineMeta")
        self.meta.setWordWrap(True)  # "About 11 minutes · suggested 7 days a week, 2 times a day · level 1 of 5"
        self.description = WrappedLabel()
        self.description.setWordWrap(True)
        self.fit_note = WrappedLabel()  # why the routine does not suit the triage answers
        self.fit_note.setObjectName("fitNote")
        self.fit_note.setWordWrap(True)
        self.fit_note.hide()
        self.steps = WrappedLabel()
        self.steps.setObjectName("routineSteps")
        self.steps.setAccessibleName("Exercises in this routine")
        self.steps.setWordWrap(True)
        self.start_button = QPushButton("Start session")
        self.start_button.setObjectName("startButton")
        self.start_button.setAutoDefault(True)  # Enter presses it; not "default", which looks focused for good
        self.start_button.setAccessibleName("Start the selected routine")
        self.start_button.clicked.connect(self._start)
        set_font(self.title, TITLE, bold=True)
        set_font(self.meta, LEAD, italic=True)
        set_font(self.start_button, SECTION)
        self.start_button.setMinimumHeight(44)

        detail = QVBoxLayout()
        detail.addWidget(self.title)
        detail.addWidget(self.meta)
        # The description and exercises scroll on a small screen: with banners
        # above, a fixed block would be cut mid-line or make the window grow.
        detail.addWidget(_scrolling(self.fit_note, self.description, self.steps), 1)
        self.preview_button = QPushButton("Preview exercises")
        self.preview_button.setAccessibleName("Preview the exercises of the selected routine")
        self.preview_button.clicked.connect(self._preview)
        start_row = QHBoxLayout()
        start_row.addWidget(self.preview_button)
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)
        detail.addLayout(start_row)

        self.editor_button = QPushButton("Edit routines…")
        self.editor_button.setAccessibleName("Create and edit your own routines")
        self.editor_button.clicked.connect(self.editorRequested.emit)
        self.heel_rise_button = QPushButton("Heel-rise test…")
        self.heel_rise_button.setAccessibleName("Take the single-leg heel-rise test")
        self.heel_rise_button.clicked.connect(self.heelRiseRequested.emit)
        self.learn_button = QPushButton("Learn…")
        self.learn_button.setAccessibleName("Learn about running-related ankle pain")
        self.learn_button.clicked.connect(self.learnRequested.emit)
        self.triage_button = QPushButton("Where does it hurt?")
        self.triage_button.setObjectName("triageButton")
        self.triage_button.setAccessibleName("Answer where it hurts, to see the programmes that fit (Ctrl+6)")
        self.triage_button.clicked.connect(self.triageRequested.emit)
        tools = QHBoxLayout()
        tools.addWidget(self.editor_button)
        tools.addWidget(self.heel_rise_button)
        tools.addWidget(self.learn_button)
        left = QVBoxLayout()
        left.addWidget(self.triage_button)  # above the list: which of these fit your ankle?
        left.addWidget(self.routine_list, 1)
        left.addLayout(tools)
        top = QHBoxLayout()
        top.addLayout(left, 2)
        top.addLayout(detail, 3)

        # A glance at the last few sessions; the full, sortable history is a
        # model/view screen of its own. A rich-text label is a fraction of the
        # cost of an item view here, on the screen painted at start-up.
        self.recent = RecentTable()
        self.recent.setObjectName("recentSessions")
        self.recent.setAccessibleName("Recent sessions")
        self.recent_rows: list[tuple[str, ...]] = []
        self.week = WrappedLabel()
        self.week.setObjectName("weekProgress")
        self.week.setWordWrap(True)  # "This week, <a long routine name>: 1 session of 14."
        self.week.setAccessibleName("Sessions this week")
        set_font(self.week, LEAD, bold=True)
        self.empty_recent = QLabel("No sessions yet. Your sessions will be listed here.")
        self.empty_recent.setObjectName("emptyRecent")
        recent_box = QGroupBox("Recent sessions")
        recent_layout = QVBoxLayout(recent_box)
        self.history_button = QPushButton("All sessions…")
        self.history_button.setAccessibleName("Open the full history (Ctrl+2)")
        self.history_button.clicked.connect(self.historyRequested.emit)
        self.progress_button = QPushButton("Progress charts…")
        self.progress_button.setAccessibleName("Open the progress charts (Ctrl+3)")
        self.progress_button.clicked.connect(self.progressRequested.emit)
        week_row = QHBoxLayout()
        week_row.addWidget(self.week, 1)
        week_row.addWidget(self.history_button)
        week_row.addWidget(self.progress_button)
        recent_layout.addLayout(week_row)
        # as many whole rows as the page's share holds: never a row cut mid-line
        # (twelfth re-test), and never a scroll bar for six rows
        recent_layout.addWidget(self.recent, 1)
        recent_layout.addWidget(self.empty_recent)

        disclaimer = WrappedLabel(
            "Ankle Trainer gives exercise guidance, not a diagnosis. If pain is severe, "
            "keeps getting worse, or you cannot put weight on the foot, see a health professional."
        )
        disclaimer.setObjectName("disclaimer")
        self.disclaimer = disclaimer  # hidden while the first-run banner says the same
        disclaimer.setWordWrap(True)
        set_font(disclaimer, NOTE, italic=True)

        # The routines and the chosen one's details first: they get the
        # height they ask for, and the recent sessions (two rows asked for)
        # take what is left, giving way first on a short screen (twenty-first
        # re-test: with two banners at 800 x 600 a share kept for them left
        # the list two and a half rows and hid the routine's exercises)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(recent_box, 1)
        layout.addWidget(disclaimer)
        if routines:
            self.routine_list.setCurrentRow(0)
        self.set_recent([])

    def set_routines(self, routines: tuple[Routine, ...]) -> None:
        """A new list (a level changed, a routine was added or removed);
        the selection stays on the same routine where it can."""
        current = self.selected_routine()
        self.routines = routines
        self.routine_list.blockSignals(True)
        self.routine_list.clear()
        for _ in routines:
            self.routine_list.addItem(QListWidgetItem())
        self._label_routines()
        self.routine_list.blockSignals(False)
        ids = [r.id for r in routines]
        row = ids.index(current.id) if current is not None and current.id in ids else 0
        if routines:
            self.routine_list.setCurrentRow(row)
            self._show_routine(row)

    def _label_routines(self) -> None:
        for row, routine in enumerate(self.routines):
            minutes = estimated_minutes(routine, self.timing)
            why = self.unsuited.get(routine.id)
            blocked = self.blocked.get(routine.id)
            # on the second line, not a third: more rows in view at 800 x 600; the
            # note beside the list says why in full
            mark = " · not for now" if blocked else " · not suggested" if why else ""
            item = self.routine_list.item(row)
            item.setText(
                f"{routine.name}\n{minutes} min · {count(len(routine.exercise_names()), 'exercise')}{mark}"
            )
            item.setToolTip(" ".join(w for w in (blocked, why) if w))
        self.routine_list.updateGeometry()  # its three rows' height follows their lines

    def set_unsuited(self, unsuited: dict[str, str]) -> None:
        """Mark the routines that do not suit the triage answers (id -> why)."""
        self.unsuited = unsuited
        self._label_routines()
        self._show_routine(self.routine_list.currentRow())

    def set_blocked(self, blocked: dict[str, str]) -> None:
        """Mark the routines today's red-flag answers rule out (id -> why, in words)."""
        self.blocked = blocked
        self._label_routines()
        self._show_routine(self.routine_list.currentRow())

    def set_timing(self, timing: TimingSettings) -> None:
        """Timing settings changed: estimated minutes change with them."""
        self.timing = timing
        self._label_routines()
        self._show_routine(self.routine_list.currentRow())

    def selected_routine(self) -> Routine | None:
        row = self.routine_list.currentRow()
        return self.routines[row] if 0 <= row < len(self.routines) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.routine_list and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            QTimer.singleShot(0, self.show_selected)  # once the list has laid its rows out
        return super().eventFilter(watched, event)

    def show_selected(self) -> None:
        """Scroll the routine list so the selected routine is shown whole."""
        item = self.routine_list.currentItem()
        if item is not None:
            self.routine_list.scrollToItem(item)

    def select_routine(self, routine_id: str) -> None:
        for row, routine in enumerate(self.routines):
            if routine.id == routine_id:
                self.routine_list.setCurrentRow(row)
                return
        raise KeyError(routine_id)

    def set_week(self, done: int, target: int, routine_name: str | None = None) -> None:
        """This week's completed sessions against the weekly target: of the
        routine named, which has a target of its own, or of all routines."""
        # the scope said either way: the report's "Sessions done" is all routines'
        whose = f"This week, “{routine_name}”" if routine_name else "This week, all routines"  # names hold commas
        # "completed": the weekly target counts sessions done in full, as the
        # progress chart and the report's "Weeks on target" do (a cut-short one
        # is in the report's "Sessions done", not here)
        text = f"{whose}: {count(done, 'completed session')} of {target}."
        if done >= target:
            text += " Weekly target reached."
        self.week.setText(text)

    def set_recent(self, sessions: list[SessionRow]) -> None:
        self.recent_rows = []
        for s in sessions:
            local = s.local_started_at
            duration = s.duration_seconds
            self.recent_rows.append(
                (
                    local.strftime("%a %d %b %Y, %H:%M"),
                    s.routine_name,
                    STATUS_WORDS.get(str(s.status), str(s.status)),
                    ("not imported" if sets_not_imported(s.status, s.sets_completed, s.sets_skipped, s.sets_planned)
                     else f"{s.sets_completed} of {s.sets_planned}"),
                    format_clock(duration) if duration is not None else "–",  # not known
                    f"{_pain(s.pain_before)} → {_pain(s.pain_after)}",
                )
            )
        self.recent.setVisible(bool(sessions))
        self.empty_recent.setVisible(not sessions)
        header = ("Date", "Routine", "Status", "Sets done", "Time", "Pain before → after")
        self.recent.set_rows(header, self.recent_rows)

    def _show_routine(self, row: int) -> None:
        if not 0 <= row < len(self.routines):
            return
        routine = self.routines[row]
        self.title.setText(routine.name)
        freq = ""
        if routine.schedule:
            freq = f" · {routine.schedule}"
        elif routine.sessions_per_week:
            freq = f" · suggested {count(routine.sessions_per_week, 'day')} a week"
            if routine.sessions_per_day > 1:
                freq += f", {count(routine.sessions_per_day, 'time')} a day"
        level = ""
        if routine.level_count > 1:
            level = f" · level {routine.level + 1} of {routine.level_count}"
            if routine.level:
                level += f" ({routine.level_summary(routine.level)})"
        mine = "" if routine.builtin else " · your routine"
        self.meta.setText(f"About {count(estimated_minutes(routine, self.timing), 'minute')}{freq}{level}{mine}")
        why = self.unsuited.get(routine.id)
        notes = []
        if self.blocked.get(routine.id):
            notes.append(f"Not this routine for now. {self.blocked[routine.id]}")
        if why:
            notes.append(f"Not suggested for your answers to “Where does it hurt?”: {why}")
        self.fit_note.setVisible(bool(notes))
        self.fit_note.setText(as_label_text("\n".join(notes)))
        self.description.setText(as_label_text(" ".join(routine.description.split())))
        self.description.setVisible(bool(routine.description.strip()))  # none: no empty line above the steps
        lines = [f"•  {step.exercise.name} — {step.dose_label()}" for step in routine.steps]
        if len(lines) > 11:
            lines = [*lines[:10], f"   … and {len(lines) - 10} more (Preview exercises shows them all)"]
        self.steps.setText(as_label_text("\n".join(lines)))

    def _preview(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self.previewRequested.emit(routine)

    def _start(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self.startRequested.emit(routine)


class RecentTable(QLabel):
    """The recent sessions as a rich-text table with its header row and as
    many whole rows as its height holds (at least one): a row is never cut
    mid-line, and the rest are one click away in History ("All sessions…").

    Its height is the layout's to give (the page's share), not the text's:
    :meth:`set_rows` takes the header and every row; :attr:`shown` is how
    many rows are on show. A table laid out at a width is kept, so a resize
    in height alone costs no text layout."""

    PADDING = 4  # px around each cell's text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        set_enum_property(self, "alignment", "AlignTop")  # QLabel centres a short text
        self.header: tuple[str, ...] = ()
        self.rows: list[tuple[str, ...]] = []
        self.shown = 0
        self._laid_out: tuple[int, list[int]] = (-1, [])  # width -> each row's foot (px)

    def set_rows(self, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        """Show ``header`` and ``rows`` (each a tuple of cell texts, newest first)."""
        self.header, self.rows = header, rows
        self._laid_out = (-1, [])
        self.shown = -1
        self._fit()
        self.updateGeometry()

    def _html(self, rows: list[tuple[str, ...]]) -> str:
        from html import escape

        cells = "".join(f"<th align='left'>{escape(h)}</th>" for h in self.header)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        return (f"<table cellspacing='0' cellpadding='{self.PADDING}' width='100%'>"
                f"<tr>{cells}</tr>{body}</table>")

    def feet(self, width: int) -> list[int]:
        """Where each row ends (px from the top, the header's first) when the
        whole table is laid out ``width`` px wide."""
        if self._laid_out[0] == width:
            return self._laid_out[1]
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)  # as the label lays its text out
        doc.setHtml(self._html(self.rows))
        doc.setTextWidth(max(1, width))
        layout = doc.documentLayout()
        table = doc.rootFrame().childFrames()[0]
        tops = [int(layout.blockBoundingRect(table.cellAt(r, 0).firstCursorPosition().block()).top())
                - self.PADDING for r in range(1, len(self.rows) + 1)]
        feet = [*tops, int(doc.size().height() + 0.999)]
        self._laid_out = (width, feet)
        return feet

    def _room(self) -> tuple[int, int]:
        margins = self.contentsMargins()
        return (self.width() - margins.left() - margins.right(),
                self.height() - margins.top() - margins.bottom())

    def _fit(self) -> None:
        width, height = self._room()
        if not self.rows or width <= 0:
            shown = len(self.rows)
        else:
            feet = self.feet(width)
            shown = max(1, sum(1 for foot in feet[1:] if foot <= height))
        if shown != self.shown:
            self.shown = shown
            self.setText(self._html(self.rows[:shown]) if self.rows else "")

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the rows' heights follow the width
        self._fit()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        """No: the layout gives the height, and the rows shown follow it."""
        return False

    def _height(self, rows: int) -> int:
        width, _ = self._room()
        if not self.rows or width <= 0:
            return super().sizeHint().height()
        margins = self.contentsMargins()
        return self.feet(width)[rows] + margins.top() + margins.bottom()

    HINT_ROWS = 2  # asked for; the height the routines leave may give more

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """:attr:`HINT_ROWS` rows whole at the present width: asking for all
        of them took the routine list's rows on a small screen."""
        return QSize(super().sizeHint().width(), self._height(min(self.HINT_ROWS, len(self.rows))))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """The header and the newest row whole at the present width."""
        return QSize(super().minimumSizeHint().width(), self._height(min(1, len(self.rows))))


def _scrolling(*labels: QWidget) -> QWidget:
    """``labels`` (plain text) in a frameless area that scrolls when the window
    is too short for them, its view ending on a whole line."""
    from ...widgets import WholeLineArea

    inner = QWidget()
    column = QVBoxLayout(inner)
    column.setContentsMargins(0, 0, 0, 0)
    for label in labels:
        column.addWidget(label)
    column.addStretch(1)
    # a line's height between the labels: their lines then fall on one even
    # spacing, so the view can end on a whole line at the top and scrolled
    # to the end alike (a 6 px gap left only a view of the first label)
    column.setSpacing(labels[0].fontMetrics().lineSpacing())
    whole = WholeLineArea(inner)
    whole.setObjectName("routineDetail")
    whole.setMinimumHeight(48)
    return whole


def _pain(value: int | None) -> str:
    return "–" if value is None else str(value)


class HomeScreen(HomePage):
    """The home page on the app's services: routines at their levels, this
    week's count and the recent sessions, kept up to date by the change notifier."""

    def __init__(self, host: Host) -> None:
        from ..spec import follow_changes

        ctx = host.context
        super().__init__(ctx.catalogue.at_levels(), ctx.timing)
        self.host = host
        if ctx.settings.last_routine_id in {r.id for r in self.routines}:
            self.select_routine(ctx.settings.last_routine_id)  # where the runner left off
        self.startRequested.connect(self._begin)
        self.previewRequested.connect(lambda routine: host.open_dialog("preview", routine))
        self.historyRequested.connect(lambda: host.show_screen("history"))
        self.progressRequested.connect(self._open_progress)
        self.editorRequested.connect(lambda: host.open_dialog("editor"))
        self.heelRiseRequested.connect(lambda: host.show_screen("heel_rise"))
        self.learnRequested.connect(lambda: host.show_screen("learn"))
        self.triageRequested.connect(lambda: host.show_screen("triage"))
        follow_changes(self, host, Change.SESSIONS | Change.SETTINGS, self.refresh_recent)
        # the week's figure is the selected routine's, where it has a target of its own
        self.routine_list.currentRowChanged.connect(lambda _row: self.refresh_week())
        ctx.changes.subscribe(self._changed)  # refresh_unsuited(): after the first paint
        self._marked = False  # refresh_blocked() has run

    def _open_progress(self) -> None:
        """Progress, on the routine whose week this page counts (the button sits
        beside that figure); Ctrl+3 keeps the chooser as it was left."""
        routine = self.selected_routine()
        page = self.host.screen("progress")
        page.open_on(routine.id if routine is not None else None)  # taken by its enter()
        self.host.show_screen("progress")

    def refresh_unsuited(self) -> None:
        """Mark the routines that do not suit the latest triage answers (the
        window calls it after the first paint: the triage rules cost about
        3 ms to load)."""
        from ....app.triage import TriageService

        found = TriageService(self.host.context).not_suited(self.routines)
        self.set_unsuited({rid: m.why for rid, m in found.items()})
        self.refresh_blocked()

    def refresh_blocked(self) -> None:
        """Mark the routines today's red-flag answers rule out, with the reason
        in words (all of them when the answers stop today's exercise)."""
        from ....core.safety import block_reason

        self._marked = True
        decision = self.host.controller.todays_safety()
        blocked: dict[str, str] = {}
        for routine in self.routines:
            if decision is None:
                break
            if decision.stops:
                blocked[routine.id] = "Your answers to today's safety check rule out exercise today."
            else:
                why = block_reason(decision.blocked, [s.exercise.id for s in routine.steps])
                if why:
                    blocked[routine.id] = why
        if blocked != self.blocked:
            self.set_blocked(blocked)

    def select_suggested(self) -> None:
        """Select the first routine that fits the latest triage answers (if
        any fits), so the home screen never keeps one it marks as not
        suggested after the answers change."""
        from ....app.triage import TriageService

        fits = TriageService(self.host.context).suggested(self.routines)
        if fits:
            self.select_routine(fits[0])

    def _begin(self, routine: Routine) -> None:
        """Start ``routine``; one not suggested for the triage answers asks first,
        unless today's red-flag answers rule out exercise (that is said first)."""
        if self.host.busy_elsewhere():  # Ctrl+Return during a session: says why
            return
        why = self.unsuited.get(routine.id)
        asker = self.host.context.asker
        stopped = self.host.flow.stopped_today(routine)  # type: ignore[attr-defined]
        if why and not stopped and asker is not None and not asker.confirm(
            "Start a programme not suggested for you?",
            f"“{routine.name}” is not suggested for your answers to “Where does it hurt?”: {why} "
            "Start it all the same?",
        ):
            return
        self.host.flow.begin(routine)  # type: ignore[attr-defined]

    def _changed(self, change: Change) -> None:
        ctx = self.host.context
        if change & (Change.LEVELS | Change.ROUTINES):
            self.set_routines(ctx.catalogue.at_levels())
        if change & (Change.TRIAGE | Change.ROUTINES | Change.LEVELS):
            self.refresh_unsuited()
        elif change & Change.SAFETY:
            self.refresh_blocked()
        if change & Change.TRIAGE:
            self.select_suggested()
        if change & Change.SETTINGS and self.timing != ctx.timing:
            self.set_timing(ctx.timing)

    def enter(self) -> None:
        """Shown: this week and the recent sessions afresh, keyboard on the routines."""
        self.refresh_recent()
        if self._marked:  # after the first paint (see refresh_unsuited): a new day clears the marks
            self.refresh_blocked()
        self.show_selected()
        self.routine_list.setFocus()

    def refresh_recent(self) -> None:
        """Read this week's completed sessions and the latest ones from history."""
        from ....storage.errors import StorageError

        ctx = self.host.context
        try:
            self.set_recent(ctx.history.recent_sessions(RECENT_COUNT))
        except StorageError as exc:
            self.host.storage_failed(str(exc))
        self.refresh_week()
        self.out_of_date = False

    def refresh_week(self) -> None:
        """This week's count against the target the runner sees for the selected
        routine (the progress chart's own: its frequency or the one set for it),
        else all routines' sessions against the overall weekly target."""
        from ....core.weeks import week_range
        from ....storage.errors import StorageError

        ctx = self.host.context
        first, last = week_range(ctx.today(), ctx.settings.first_day_of_week)
        routine = self.selected_routine()
        own = {rid: (name, target) for rid, name, target in ctx.target_choices() if rid is not None}
        name, target = own.get(routine.id, (None, ctx.settings.weekly_target)) if routine else (None, 0)
        try:
            done = ctx.history.completed_between(first.isoformat(), last.isoformat(),
                                                 routine.id if name and routine else None)
        except StorageError as exc:
            self.host.storage_failed(str(exc))
            return
        self.set_week(done, target or ctx.settings.weekly_target, name)
