"""The progress screen: adherence, pain and training volume as charts.

pyqtgraph (and NumPy) are imported by this module only, and this module only
when the screen is first opened, so start-up never pays for them. The numbers
come from the history's SQL aggregates and the pure functions in
``core.adherence``; the widgets only draw them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....core import adherence
from ....core.text import count
from ....core.times import session_local_from_timestamp
from ....storage.history import HistoryRepository
from ...charts import date_axis_plot, integer_ticks, key_on_base, legend_html, style_plot
from ...fields import NotedSpinBox
from ...reflow import whole_combo
from ...widgets import LEAD, NOTE, SECTION, page_header, set_font

WEEK = 7 * 86400.0
ROLLING_WINDOW = 7  # sessions in the pain chart's rolling mean
MEANINGFUL_POINTS = 2.0  # about 2 points on 0-10 is "much better" (Salaffi 2004)

# Series colours, chosen to stay apart for common colour-vision deficiencies
# (blue / orange / purple) and each at least 3:1 against the charts' background
# in both themes (the palette's Base: white, and #17181a in dark; WCAG 1.4.11,
# fifteenth round F3): a relative luminance between about 0.13 and 0.30.
BEFORE, AFTER, MORNING, MEAN = "#2f7fd1", "#c26a00", "#9b59b6", "#7f8c8d"
BAR, TARGET = "#3a9a5b", "#c0392b"
# The week's lowest-to-highest band: its edges and its key.
BAND_EDGE = "#5a8fd6"
# The marker the arrow keys move along a chart.
KEY_MARKER = "#e8710a"
# The physio report's marks of the same weeks: a red 0 for a week with no
# session at all, a dashed outline round the week still running.
MISSED, IN_PROGRESS_INK = "#c0392b", "#7f8c8d"
IN_PROGRESS = "this week, in progress"  # the report's words for its outline
# Pain-monitoring zones behind the pain chart: fine, acceptable, too much.
ZONES = (("#3a9a5b", "fine"), ("#a87900", "acceptable"), ("#c0392b", "too much"))
# The calendar's days, (fill, edge) for none, partial and completed: each
# day's edge at least 3:1 against the calendar's background (the palette's
# Base). No session: a grey outline round a faint square, never green; a
# session not completed: a green outline round a pale square; a completed one
# solid green. The dark theme's "No session" was #33363b on the panel's
# #3b3c3e, about 1.1:1 (fifteenth round F3).
CALENDAR_LEVELS = (("#eceef1", "#8a8f96"), ("#cfe9d7", "#2e8b57"), ("#2e8b57", "#2e8b57"))
CALENDAR_LEVELS_DARK = (("#222428", "#6e737a"), ("#22382a", "#4fbf7f"), ("#4fbf7f", "#4fbf7f"))


def local_ts(day: date) -> float:
    """Unix seconds of local midnight on ``day`` (what DateAxisItem shows)."""
    return datetime(day.year, day.month, day.day).timestamp()


def _day_words(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


@dataclass
class ProgressData:
    """Everything the charts draw, computed once per load."""

    today: date
    target: int
    first_day: str
    weeks: list[tuple[date, int]] = field(default_factory=list)
    # the weeks (their first day) with no session at all, completed or cut
    # short, the week still running left out: the physio report's missed weeks
    missed: set[date] = field(default_factory=set)
    current_streak: int = 0
    best_streak: int = 0
    calendar: list[tuple[date, int]] = field(default_factory=list)
    pain_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    pain_offsets: list[int] = field(default_factory=list)  # each session's UTC offset, minutes
    pain_days: list[date] = field(default_factory=list)  # each session's local date
    pain: dict[str, np.ndarray] = field(default_factory=dict)  # before/after/morning, NaN = none
    rolling: np.ndarray = field(default_factory=lambda: np.zeros(0))
    rolling_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    change_at: int | None = None  # index into rolling_x
    change_by: float = 0.0
    volume: dict[str, list[tuple[date, int, float]]] | None = None  # read on demand
    sessions: int = 0

    @property
    def empty(self) -> bool:
        return self.sessions == 0


def load_progress(
    repo: HistoryRepository, today: date, target: int, first_day: str, routine_id: str | None = None
) -> ProgressData:
    """Read the aggregates from history and shape them for the charts; the
    weekly bars and streaks count one routine's sessions when one is given."""
    data = ProgressData(today=today, target=target, first_day=first_day)
    days = [date.fromisoformat(d) for d in repo.completed_days(routine_id)]
    any_days = [date.fromisoformat(d) for d in repo.session_days(routine_id)]
    levels = {date.fromisoformat(d): lv for d, lv in repo.day_levels().items()}
    data.sessions = repo.count_sessions()
    if days:
        # from the week of the first session ever (a cut-short one too), as the report
        data.weeks = adherence.weekly_counts(days, first_day, min([days[0], *any_days[:1], today]), today)
        active = {w for w, c in adherence.weekly_counts(any_days, first_day, data.weeks[0][0], today) if c}
        data.missed = {w for w, _ in data.weeks[:-1] if w not in active}
        data.current_streak, data.best_streak = adherence.streaks(data.weeks, target)
    data.calendar = adherence.calendar(levels, today)

    series = repo.pain_series()
    if series:
        x = np.array([datetime.fromisoformat(s[0]).timestamp() for s in series])
        data.pain_x = x
        data.pain_offsets = [s[4] for s in series]
        data.pain_days = [session_local_from_timestamp(float(t), off).date()
                          for t, off in zip(x, data.pain_offsets, strict=True)]
        for i, key in enumerate(("before", "after", "morning"), start=1):
            data.pain[key] = np.array([np.nan if s[i] is None else s[i] for s in series], dtype=float)
        rated = ~np.isnan(data.pain["before"])
        values = data.pain["before"][rated]
        data.rolling_x = x[rated]
        data.rolling = np.array(adherence.rolling_mean(list(values), ROLLING_WINDOW))
        at = adherence.meaningful_change(list(values), ROLLING_WINDOW, MEANINGFUL_POINTS)
        if at is not None:
            baseline = float(np.mean(values[:ROLLING_WINDOW]))
            data.change_at, data.change_by = at, float(data.rolling[at] - baseline)

    return data


def load_volume(repo: HistoryRepository, first_day: str) -> dict[str, list[tuple[date, int, float]]]:
    """Reps and hold seconds per exercise per week. It reads every set, so it
    is read when the Volume tab is first shown, not with the rest."""
    volume: dict[str, list[tuple[date, int, float]]] = {}
    for week, name, reps, seconds in repo.weekly_volume(first_day):
        volume.setdefault(name, []).append((date.fromisoformat(week), reps, seconds))
    return volume


class ChartPanel(QWidget):
    """A plot with a title, a line of exact values under the pointer, a
    Save as PNG button and a friendly empty state."""

    saveRequested = Signal(object)  # this panel

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        """Tab as the panel reads: Save as PNG beside the title, its own controls
        on the line below (added to :attr:`controls` by the chart after this
        panel was built), then the plot."""
        items = (self.controls.itemAt(i) for i in range(self.controls.count()))
        widgets = (item.widget() for item in items if item is not None)
        chain: list[QWidget] = [self.save_button]
        chain += [w for w in widgets if w is not None and w.focusPolicy() != Qt.FocusPolicy.NoFocus]
        chain += [self.plot]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        super().showEvent(event)

    def __init__(self, title: str, empty_text: str, file_stem: str, dates: bool = True) -> None:
        super().__init__()
        self.file_stem = file_stem
        self.title = QLabel(title)
        set_font(self.title, SECTION, bold=True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.controls = QHBoxLayout()
        self.save_button = QPushButton("Save as PNG…")
        self.save_button.setAccessibleName(f"Save the {title.lower()} chart as a PNG picture")
        self.save_button.clicked.connect(lambda: self.saveRequested.emit(self))
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.save_button)
        # the chart's choices beside its summary, not the title: a long routine
        # or exercise name shows whole in its box at 800 x 600 (the summary
        # wraps onto more lines instead), and no line is added at 1280 x 720
        controls_row = QHBoxLayout()
        controls_row.addWidget(self.summary, 1)
        controls_row.addLayout(self.controls)

        self.plot = date_axis_plot() if dates else pg.PlotWidget()
        self.plot.setAccessibleName(title)
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.getPlotItem().setMouseEnabled(x=True, y=False)
        self.readout = QLabel(self.HINT)
        self.readout.setObjectName("chartReadout")
        self.readout.setAccessibleName(f"{title}: values at the marker or the pointer")
        self.readout.setWordWrap(True)  # the hint is long: it wraps, never widens the page
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty_text = empty_text
        self.empty = QLabel(empty_text)
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        set_font(self.empty, LEAD)
        self.body = QStackedWidget()
        self.body.addWidget(self.plot)
        self.body.addWidget(self.empty)
        # the plot takes the height the view has (pyqtgraph asks for 600 px,
        # which made the panel taller than a 1280 x 720 window), at least a
        # readable MIN_PLOT
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.body.setMinimumHeight(self.MIN_PLOT)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(controls_row)
        self.notes = QVBoxLayout()  # the controls' notes, each on its own line below them
        layout.addLayout(self.notes)
        layout.addWidget(self.body, 1)
        # The key sits under the plot, never over the data, in the text colour.
        self.legend_label = QLabel()
        self.legend_label.setObjectName("chartLegend")
        self.legend_label.setWordWrap(True)
        key_on_base(self.legend_label)
        self.legend_label.hide()
        layout.addWidget(self.legend_label)
        layout.addWidget(self.readout)
        self.plot.scene().sigMouseMoved.connect(self._pointer_moved)
        # The keyboard reads the chart too: Tab to it, then the arrow keys move
        # a marker from value to value (shown below), Shift moves the dates.
        self.plot.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # focused, the chart scrolls into view with its key and the line the
        # arrows change (at 800 x 600 the line was below the view: fourteenth re-test)
        self.plot.shown_with = (self.readout,)
        self.plot.setAccessibleDescription(self.HINT)
        self.plot.installEventFilter(self)
        self.key_marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(KEY_MARKER, width=2))
        self.key_marker.setZValue(50)
        self.key_marker.hide()
        self.plot.addItem(self.key_marker)
        self.apply_palette()

    MIN_PLOT = 140  # px: the least height a plot is drawn in

    def event(self, event: QEvent) -> bool:
        """After a resize or a new layout (new words in the summary or the
        readout), keep the panel at least as tall as its wrapped lines need."""
        done = super().event(event)
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit_height()
        return done

    def fit_height(self) -> None:
        """Hold the panel's least height to what its layout needs at its width.

        The summary, key and readout wrap, so they need more lines on a narrow
        window; the tab, stack and scroll area above ask only the width-blind
        least size, so the panel was given less and its rows were drawn over
        one another (the key over the dates of the axis) until a new text made
        Qt lay it out again. With this least height the page scrolls instead."""
        layout = self.layout()
        if layout is None:
            return
        need = max(layout.minimumHeightForWidth(self.width()), layout.totalMinimumSize().height())
        if need != self.minimumHeight():
            self.setMinimumHeight(need)

    HINT = ("With the chart selected (Tab), Left and Right step through its values, Home and "
            "End go to the first and last, Shift+Left and Shift+Right move along the dates; "
            "the pointer works too.")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.plot and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self.key(Qt.Key(event.key()), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        if watched is self.plot and event.type() == QEvent.Type.FocusOut and isinstance(event, QFocusEvent) \
                and event.reason() != Qt.FocusReason.ActiveWindowFocusReason:
            self.key_marker.hide()  # (another window over it, Settings say: the keys come back to it)
        elif watched is self.plot and event.type() == QEvent.Type.FocusIn and not self.is_empty():
            if isinstance(event, QFocusEvent) and event.reason() == Qt.FocusReason.ActiveWindowFocusReason \
                    and self.key_marker.isVisible():
                return False  # back from another window (Settings): the marker where it was
            self.key(Qt.Key.Key_End)  # the marker shows where the keys are: the latest value
        return False

    def points(self) -> list[float]:
        """Where the arrow keys stop (Unix seconds, in order): the middle of each
        week's bar; charts of single ratings override it."""
        week_x = getattr(self, "week_x", None)
        return sorted((week_x + WEEK / 2).tolist()) if week_x is not None else []

    def key(self, key: Qt.Key, shift: bool = False) -> bool:
        """A key on the chart: Left/Right move the marker to the previous or
        next value and show it below, Home/End to the first or last in view;
        with Shift, Left/Right move the dates shown. True if the key was used."""
        item = self.plot.getPlotItem()
        (first, last), _ = item.getViewBox().viewRange()
        if shift and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            move = (last - first) / 5 * (-1 if key == Qt.Key.Key_Left else 1)
            item.setXRange(first + move, last + move, padding=0)
            return True
        if key not in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            return False
        points = self.points()
        if not points:
            return True
        shown = [x for x in points if first <= x <= last] or points
        at = self.key_marker.value() if self.key_marker.isVisible() else None
        if key == Qt.Key.Key_Home:
            at = shown[0]
        elif at is None or key == Qt.Key.Key_End:
            at = shown[-1]
        elif key == Qt.Key.Key_Left:
            at = max((x for x in points if x < at), default=at)  # at the first: stays
        else:
            at = min((x for x in points if x > at), default=at)
        if not first <= at <= last:  # the dates shown follow the marker
            by = at - (last if at > last else first) + (last - first) / 10 * (1 if at > last else -1)
            item.setXRange(first + by, last + by, padding=0)
        self.key_marker.setValue(at)
        self.key_marker.show()
        self.show_values_at(at)
        return True

    def set_legend(self, entries: list[tuple[str, str, str]],
                   second: list[tuple[str, str, str]] | None = None) -> None:
        """The key under the plot: (colour, mark, words) per series, where the
        mark is a character drawn in the colour (a line, dot or band); a
        ``second`` list goes on a line of its own."""
        self.legend_entries = entries
        self.legend_second = second or []
        text = legend_html(entries)
        if second:
            text += "<br>" + legend_html(second)
        self.legend_label.setText(text)
        self.legend_label.setVisible(bool(entries))

    def set_empty(self, empty: bool, text: str | None = None) -> None:
        """Show the message instead of the plot (``text``, or the panel's
        no-data-yet words) or the plot again."""
        self.empty.setText(text or self.empty_text)
        self.body.setCurrentWidget(self.empty if empty else self.plot)
        self.save_button.setEnabled(not empty)
        self.legend_label.setVisible(not empty and bool(getattr(self, "legend_entries", ())))

    def has_data_between(self, first: float, last: float) -> bool:  # overridden
        """True when the panel has something to draw from ``first`` to ``last``
        (Unix seconds)."""
        return True

    def is_empty(self) -> bool:
        return self.body.currentWidget() is self.empty

    def _pointer_moved(self, pos: QPointF) -> None:
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            return
        point = vb.mapSceneToView(pos)
        self.show_values_at(point.x())

    def show_values_at(self, x: float) -> str:
        """Say the values at ``x`` (days since the epoch, or the chart's own x)
        in the line under the chart, kept in view while the keys move the marker."""
        text = self.describe(x) or self.HINT
        self.readout.setText(text)
        if self.window().focusWidget() is self.plot:  # the keys moved it: a new line may wrap
            from ...shell.focus import scroll_into_view

            scroll_into_view(self.plot)
        return text

    def describe(self, x: float) -> str:  # overridden
        return ""

    def refresh_readout(self) -> None:
        """New data drawn (another first day of the week, routine or target):
        the line under the chart says the values at the marker again, or the
        hint without one (it kept the old weeks' words: twenty-fifth re-test)."""
        if self.key_marker.isVisible():
            self.show_values_at(self.key_marker.value())
        else:
            self.readout.setText(self.HINT)

    def grab_chart(self) -> QWidget:
        """What Save as PNG pictures: the title, summary and the plot."""
        return self

    def apply_palette(self) -> None:
        style_plot(self.plot, self.palette())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()
        super().changeEvent(event)

    def show_range(self, first: float, last: float, words: str = "this range") -> None:
        """Show ``first`` to ``last`` (Unix seconds), or a message in place of
        empty axes when nothing falls in it (``words`` names the range)."""
        if self.body.currentWidget() is self.empty and self.empty.text() == self.empty_text:
            return  # no data at all: the no-data-yet message stays
        if not self.has_data_between(first, last):
            self.set_empty(True, f"Nothing recorded in {words}. Choose a longer range under "
                                 "Show at the top to see earlier sessions.")
            return
        self.set_empty(False)
        self.plot.getPlotItem().setXRange(first, last, padding=0)  # whole weeks: no part of another


def _in_range(xs: np.ndarray, first: float, last: float) -> bool:
    return bool(len(xs)) and bool(((xs >= first) & (xs < last)).any())


def _week_at(week_x: np.ndarray, x: float) -> int | None:
    """The index of the week (by its first day's timestamp) holding ``x``."""
    if len(week_x) == 0:
        return None
    i = int(np.searchsorted(week_x, x, side="right")) - 1
    return None if i < 0 or x >= week_x[i] + WEEK else i


def _nearest(xs: np.ndarray, x: float, within: float) -> int | None:
    if len(xs) == 0:
        return None
    i = int(np.searchsorted(xs, x))
    best = min((j for j in (i - 1, i) if 0 <= j < len(xs)), key=lambda j: abs(xs[j] - x))
    return best if abs(xs[best] - x) <= within else None


class AdherenceChart(ChartPanel):
    """Completed sessions per week against the weekly target, of all routines or one."""

    ALL_EMPTY = ("No completed sessions yet. Each week you train will show here as a bar "
                 "against your weekly target.")

    def __init__(self) -> None:
        super().__init__("Sessions per week", self.ALL_EMPTY, "adherence")
        self.bars = pg.BarGraphItem(x=[], height=[], width=WEEK * 0.8, brush=BAR, pen=pg.mkPen(None))
        self.target_line = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen(TARGET, width=2, style=Qt.PenStyle.DashLine))
        item = self.plot.getPlotItem()
        item.addItem(self.bars)
        item.addItem(self.target_line)
        item.setLabel("left", "Sessions")
        # a missed week: a red 0 on the axis; the week still running: a dashed
        # outline (the physio report's two marks, fourteenth round F5)
        self.missed_marks: list[pg.TextItem] = []
        self.in_progress = pg.PlotDataItem(
            pen=pg.mkPen(IN_PROGRESS_INK, width=1.5, style=Qt.PenStyle.DashLine))
        item.addItem(self.in_progress)
        self.week_x = np.zeros(0)
        self.counts = np.zeros(0)
        self.missed = np.zeros(0, dtype=bool)  # per week: no session at all
        self.current_x: float | None = None  # the week still running, its first day
        self.target = 0
        self.streaks = (0, 0)  # current, best: weeks in a row that met the target
        self.shown = (-math.inf, math.inf)  # Unix seconds: what the chart shows
        self._legend()

    def count_of(self, name: str | None) -> None:
        """Whose sessions the bars count (``name`` of a routine, None for all): with
        none of that routine's, the chart says so, not "No completed sessions
        yet" to a runner with sessions of other routines (ninth round, F11's kind)."""
        self.empty_text = self.ALL_EMPTY if name is None else (
            f"No completed sessions of “{name}” yet. Each week you do it will show here as a bar "
            "against its weekly target.")

    def missed_between(self, first: float, last: float) -> int:
        """How many weeks from ``first`` to ``last`` (Unix seconds) had no session."""
        shown = (self.week_x + WEEK > first) & (self.week_x < last)
        return int((self.missed & shown).sum())

    def _legend(self) -> None:
        """The key: bars, target, the outline of the week in progress while it is
        drawn, and the missed weeks shown, in the report's words."""
        entries = [(BAR, "■", "Completed sessions in the week"), (TARGET, "╌╌", "Weekly target")]
        if self.current_x is not None:
            entries.append((IN_PROGRESS_INK, "[┆]", IN_PROGRESS.capitalize()))
        missed = self.missed_between(*self.shown)
        entries.append((MISSED, "0", f"{count(missed, 'week')} with none") if missed
                       else (IN_PROGRESS_INK, "0", "No week without a session"))  # not "missed": a target may be
        self.set_legend(entries)

    def set_data(self, data: ProgressData) -> None:
        """Draw ``data``'s weeks: bars, target, missed weeks and this week's outline."""
        self.target = data.target
        self.week_x = np.array([local_ts(w) for w, _ in data.weeks])
        self.counts = np.array([c for _, c in data.weeks], dtype=float)
        self.missed = np.array([w in data.missed for w, _ in data.weeks], dtype=bool)
        self.bars.setOpts(x=self.week_x + WEEK / 2, height=self.counts, width=WEEK * 0.8)
        self.target_line.setPos(data.target)
        top = max([data.target, *self.counts.tolist()]) if len(self.counts) else data.target
        self.plot.getPlotItem().setYRange(0, top + 1, padding=0)
        item = self.plot.getPlotItem()
        for mark in self.missed_marks:
            item.removeItem(mark)
        self.missed_marks = []
        for x in self.week_x[self.missed]:
            mark = pg.TextItem("0", color=MISSED, anchor=(0.5, 1.0))
            font = mark.textItem.font()
            font.setBold(True)
            mark.setFont(font)
            mark.setPos(float(x) + WEEK / 2, 0)
            item.addItem(mark)
            self.missed_marks.append(mark)
        self.current_x = float(self.week_x[-1]) if data.weeks else None
        if self.current_x is not None:  # round the bar, from the axis to near the top
            left, right = self.current_x + WEEK * 0.06, self.current_x + WEEK * 0.94
            high = top + 0.9
            self.in_progress.setData([left, left, right, right, left], [0, high, high, 0, 0])
        else:
            self.in_progress.setData([], [])
        integer_ticks(self.plot.getPlotItem().getAxis("left"), top + 1)
        self.streaks = (data.current_streak, data.best_streak)
        self._summarise()
        self.set_empty(not data.weeks)

    def show_range(self, first: float, last: float, words: str = "this range") -> None:
        """As :meth:`ChartPanel.show_range`, to the end of the week in progress
        when the range ends in it (its bar and dashed outline whole, not cut at
        today); the sentence above counts the weeks shown."""
        if self.current_x is not None and self.current_x < last < self.current_x + WEEK:
            last = self.current_x + WEEK
        self.shown = (first, last)
        super().show_range(first, last, words)
        self._summarise()

    def _summarise(self) -> None:
        """The target, the streaks (over all weeks) and the weeks that met it among
        those shown (``core.adherence.weeks_on_target``: the physio report's rule)."""
        self._legend()
        first, last = self.shown
        inside = [c for x, c in zip(self.week_x, self.counts, strict=True) if x + WEEK > first and x < last]
        met, counted = adherence.weeks_on_target(inside, self.target)
        running = " (this week counts once it is met)" if counted < len(inside) else ""
        current, best = self.streaks
        # no week to count yet (only this week, not met): "0 of the 0 weeks" said
        # nothing (twentieth re-test)
        tally = (f"Target met in {met} of the {_weeks(counted)} shown{running}." if counted
                 else "This week counts once its target is met." if inside
                 else "No week with completed sessions in this range.")  # the bars count completed ones
        self.summary.setText(
            f"Weekly target: {count(self.target, 'session')} (dashed line). Current streak: "
            f"<b>{_weeks(current)}</b> meeting it; best: <b>{_weeks(best)}</b>. {tally}"
        )

    def has_data_between(self, first: float, last: float) -> bool:
        shown = (self.week_x + WEEK > first) & (self.week_x < last)
        return bool(len(self.week_x)) and bool((self.counts[shown] > 0).any())

    def describe(self, x: float) -> str:
        i = _week_at(self.week_x, x)
        if i is None:
            return ""
        start = datetime.fromtimestamp(self.week_x[i]).date()
        done = int(self.counts[i])
        verdict = "target met" if done >= self.target else f"target {self.target}"
        if self.missed[i]:
            return f"Week of {_day_words(start)}: a week with none ({verdict})"
        if self.current_x is not None and self.week_x[i] == self.current_x:
            verdict = f"{IN_PROGRESS}; {verdict}"
        return f"Week of {_day_words(start)}: {count(done, 'completed session')} ({verdict})"


def _weeks(n: int) -> str:
    return count(n, "week")


class CalendarHeatmap(QWidget):
    """The last 12 months, one cell a day, a column a week, shaded by what was done."""

    hovered = Signal(str)
    LEVEL_WORDS = ("no session", "a session, not completed", "a completed session")
    # the read-out's words, not "None / Partial / Completed" (thirteenth round:
    # a read-out names each figure as its legend does)
    LEGEND_WORDS = ("No session", "Session, not completed", "Completed session")

    def __init__(self) -> None:
        super().__init__()
        self.days: list[tuple[date, int]] = []
        self.first_day = "monday"
        self._origin = date.min  # the first cell's day, set with the data
        self.setMouseTracking(True)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Calendar of the last 12 months")
        self.left, self.top = 34, 18
        # The keyboard moves a marked day: Left/Right a week, Up/Down a day.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.marked: int | None = None  # the day the keys marked: an index into days

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(800, 160)

    def set_days(self, days: list[tuple[date, int]], first_day: str) -> None:
        from ....core.weeks import week_start

        self.days = days
        self.first_day = first_day
        self._origin = week_start(days[0][0], first_day) if days else self._origin
        self.marked = None
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        moves = {Qt.Key.Key_Left: -7, Qt.Key.Key_Right: 7, Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}
        step = moves.get(Qt.Key(event.key()))
        if step is None or not self.days:
            super().keyPressEvent(event)
            return
        last = len(self.days) - 1
        self.marked = last if self.marked is None else max(0, min(last, self.marked + step))
        self.hovered.emit(self.describe(*self.days[self.marked]))
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt naming)
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt naming)
        self.update()
        super().focusOutEvent(event)

    def _cell(self) -> float:
        columns = (len(self.days) + 13) // 7 + 1
        return max(6.0, min((self.width() - self.left - 8) / max(columns, 1), (self.height() - self.top - 24) / 7))

    def _place(self, day: date) -> tuple[int, int]:
        offset = (day - self._origin).days
        return offset // 7, offset % 7

    def colours(self) -> tuple[tuple[str, str], ...]:
        """(fill, edge) of a day with no session, one not completed and a
        completed one, in the theme in use (the legend's swatches are the same)."""
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        return CALENDAR_LEVELS_DARK if dark else CALENDAR_LEVELS

    def backdrop(self) -> QColor:
        """What the days and the legend are drawn on: the palette's Base, as the
        charts' plot area (the tab's panel behind it differs between styles)."""
        return self.palette().color(QPalette.ColorRole.Base)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        if not self.days:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = self._cell()
        gap = max(1.0, size * 0.15)
        colours = [(QColor(fill), QColor(edge)) for fill, edge in self.colours()]
        painter.fillRect(self.rect(), self.backdrop())
        ink = self.palette().color(QPalette.ColorRole.Text)
        painter.setPen(ink)
        for row in (0, 2, 4, 6):
            day = self._origin + timedelta(days=row)
            painter.drawText(QRectF(0, self.top + row * size, self.left - 4, size),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"{day:%a}")
        label_end = -1.0
        for col, month in adherence.month_labels(self.days[0][0], self.days[-1][0], self.first_day):
            x = self.left + col * size
            words = f"{month:%b}"
            if x >= label_end:  # never two names on top of each other
                painter.drawText(QPointF(x, self.top - 5), words)
                label_end = x + painter.fontMetrics().horizontalAdvance(words) + 6
        for day, level in self.days:
            col, row = self._place(day)
            x = self.left + col * size
            _day_mark(painter, QRectF(x, self.top + row * size, size - gap, size - gap), *colours[level])
        if self.hasFocus():  # where the keys are: the marked day, or the whole calendar
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            if self.marked is not None:
                col, row = self._place(self.days[self.marked][0])
                painter.drawRect(QRectF(self.left + col * size - 1, self.top + row * size - 1, size + 1 - gap, size + 1 - gap))
            else:
                painter.drawRect(QRectF(1, 1, self.width() - 2, self.top + 7 * size))
        # Legend
        y = self.top + 7 * size + 6
        x = float(self.left)
        for level, words in enumerate(self.LEGEND_WORDS):
            _day_mark(painter, QRectF(x, y, 12, 12), *colours[level])
            painter.setPen(ink)
            painter.drawText(QPointF(x + 16, y + 11), words)
            x += 26 + painter.fontMetrics().horizontalAdvance(words)
        painter.end()

    def day_at(self, pos: QPointF) -> tuple[date, int] | None:
        if not self.days:
            return None
        size = self._cell()
        col = int((pos.x() - self.left) // size)
        row = int((pos.y() - self.top) // size)
        if col < 0 or not 0 <= row < 7:
            return None
        day = self._origin + timedelta(days=col * 7 + row)
        first, last = self.days[0][0], self.days[-1][0]
        if not first <= day <= last:
            return None
        return self.days[(day - first).days]

    def describe(self, day: date, level: int) -> str:
        return f"{_day_words(day)}: {self.LEVEL_WORDS[level]}"

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        found = self.day_at(event.position())
        if found is not None:
            text = self.describe(*found)
            self.setToolTip(text)
            self.hovered.emit(text)
        super().mouseMoveEvent(event)


def _day_mark(painter: QPainter, rect: QRectF, fill: QColor, edge: QColor) -> None:
    """One day's square (or its legend swatch): ``fill`` inside a 1-px ``edge``."""
    painter.setPen(QPen(edge, 1))
    painter.setBrush(fill)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)


class CalendarPanel(ChartPanel):
    """The heatmap, in the same frame as the charts (title, save, readout)."""

    def __init__(self) -> None:
        super().__init__("The last 12 months", "No sessions in the last 12 months.", "calendar", dates=False)
        self.heatmap = CalendarHeatmap()
        self.body.removeWidget(self.plot)
        self.plot.hide()
        self.body.insertWidget(0, self.heatmap)
        self.heatmap.hovered.connect(self._read_out)
        self.heatmap.shown_with = (self.readout,)  # focused, the calendar shows with its line
        self.readout.setText(self.CALENDAR_HINT)
        self.body.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.body.setFixedHeight(160)  # its heatmap's own height: the Adherence tab fits 1280 x 720

    CALENDAR_HINT = ("With the calendar selected (Tab), the arrow keys show what was "
                     "done each day; the pointer works too.")

    def refresh_readout(self) -> None:
        """New days drawn: the hint again (a day's words may no longer hold)."""
        self.readout.setText(self.CALENDAR_HINT)

    def _read_out(self, text: str) -> None:
        """Say what was done on the day the arrows (or the pointer) reached, and
        keep the line in view: at 800 x 600 it sat below the page's view while
        the arrows moved the marked day (eighth re-test)."""
        from ...shell.focus import scroll_into_view

        self.readout.setText(text)
        if self.window().focusWidget() is self.heatmap:  # the keys moved it (the window's focus)
            scroll_into_view(self.heatmap)  # with its line (shown_with)

    def set_data(self, data: ProgressData) -> None:
        self.heatmap.set_days(data.calendar, data.first_day)
        active = sum(1 for _, lv in data.calendar if lv)
        completed = sum(1 for _, lv in data.calendar if lv == adherence.DONE)
        self.summary.setText(f"Trained on {active} of the last 365 days ({completed} with a completed session).")
        self.body.setCurrentWidget(self.heatmap if active else self.empty)
        self.save_button.setEnabled(bool(active))


class PainChart(ChartPanel):
    """Answers "is it settling?": the weekly median of pain before a session
    with its week's range as a band, the medians after a session and the next
    morning as lines, the pain-monitoring zones shaded behind (from the
    settings), and single ratings as dots only while they are few enough to
    read (up to DOTS_UP_TO in view)."""

    DOTS_UP_TO = 60

    def __init__(self) -> None:
        super().__init__(
            "Pain over time",
            "No pain ratings yet. Rate your pain before and after a session and it will be "
            "charted here.",
            "pain",
        )
        item = self.plot.getPlotItem()
        item.setLabel("left", "Pain (0-10)")
        item.setYRange(-0.3, 10.3, padding=0)
        item.getAxis("left").setTickSpacing(major=2, minor=1)
        # each zone's edges in its colour (3:1 on the background): where one
        # zone ends and the next begins carries meaning, the faint fill alone did not show it
        self.zones = [pg.LinearRegionItem(orientation="horizontal", movable=False, pen=pg.mkPen(colour, width=1))
                      for colour, _ in ZONES]
        for zone, (colour, _) in zip(self.zones, ZONES, strict=True):
            zone.setBrush(pg.mkBrush(QColor(colour).red(), QColor(colour).green(), QColor(colour).blue(), 38))
            zone.setZValue(-20)
            item.addItem(zone)
        self.set_zones(2, 5)
        # the band's edges drawn, at 3:1 on the background (its fill alone is faint)
        self.low = pg.PlotDataItem(pen=pg.mkPen(BAND_EDGE, width=1))
        self.high = pg.PlotDataItem(pen=pg.mkPen(BAND_EDGE, width=1))
        band = QColor(BEFORE)
        band.setAlpha(70)
        self.band = pg.FillBetweenItem(self.low, self.high, brush=pg.mkBrush(band))
        item.addItem(self.band)
        self.medians: dict[str, pg.PlotDataItem] = {}
        for key, colour, style, width in (("before", BEFORE, Qt.PenStyle.SolidLine, 3),
                                          ("after", AFTER, Qt.PenStyle.DashLine, 1.5),
                                          ("morning", MORNING, Qt.PenStyle.DotLine, 1.5)):
            line = pg.PlotDataItem(pen=pg.mkPen(colour, width=width, style=style),
                                   symbol="o" if key == "before" else None, symbolSize=6,
                                   symbolBrush=colour, symbolPen=None)
            item.addItem(line)
            self.medians[key] = line
        self.scatters: dict[str, pg.PlotDataItem] = {}
        for key, colour, symbol in (("before", BEFORE, "o"), ("after", AFTER, "t"), ("morning", MORNING, "s")):
            curve = pg.PlotDataItem(pen=None, symbol=symbol, symbolSize=5, symbolPen=None, symbolBrush=colour)
            curve.setSkipFiniteCheck(False)
            curve.setClipToView(True)
            item.addItem(curve)
            self.scatters[key] = curve
        self.marker = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(TARGET, width=2),
                                      label="", labelOpts={"position": 0.93, "color": TARGET})
        item.addItem(self.marker)
        self.data: ProgressData | None = None
        self.weeks: dict[str, list[adherence.PainWeek]] = {}
        self.set_legend(*self._legend(dots=True))
        self.apply_palette()

    def set_zones(self, safe_max: int, acceptable_max: int) -> None:
        """Shade 0..``safe_max`` (pain-free or nearly), up to ``acceptable_max``
        (acceptable while training) and above (too much), from the settings.
        The zones are the pain-monitoring model as clinicians teach it (0-2
        safe, 3-5 acceptable, over 5 too much; Silbernagel et al., AJSM 2007;35:897)."""
        self.zone_limits = (safe_max, acceptable_max)
        for zone, (low, high) in zip(self.zones, ((-0.3, safe_max + 0.5), (safe_max + 0.5, acceptable_max + 0.5),
                                                  (acceptable_max + 0.5, 10.3)), strict=True):
            zone.setRegion((low, high))

    def _legend(self, dots: bool) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        safe, acceptable = getattr(self, "zone_limits", (2, 5))
        series = [(BEFORE, "━●", "Pain before a session, weekly median"),
                  (BAND_EDGE, "▇", "lowest to highest that week"),
                  (AFTER, "╍╍", "after, weekly median"), (MORNING, "┅┅", "next morning, weekly median")]
        if dots:
            series.append((MEAN, "•", "single ratings"))
        zones = [(ZONES[0][0], "▇", f"0-{safe}: fine"),
                 (ZONES[1][0], "▇", f"{safe + 1}-{acceptable}: acceptable while training"),
                 (ZONES[2][0], "▇", f"above {acceptable}: too much")]
        return series, zones

    def set_data(self, data: ProgressData) -> None:
        self.data = data
        has_any = len(data.pain_x) > 0 and any(np.isfinite(v).any() for v in data.pain.values())
        for key, curve in self.scatters.items():
            values = data.pain.get(key, np.zeros(0))
            keep = np.isfinite(values)
            curve.setData(data.pain_x[keep], values[keep])
        self.weeks = {}
        for key, line in self.medians.items():
            values = data.pain.get(key, np.zeros(0))
            ratings = [(day, float(v)) for day, v in zip(data.pain_days, values, strict=False) if np.isfinite(v)]
            weeks = adherence.weekly_pain(ratings, data.first_day)
            self.weeks[key] = weeks
            mids = np.array([local_ts(w.week) + WEEK / 2 for w in weeks])
            line.setData(mids, np.array([w.median for w in weeks]))
            if key == "before":
                self.low.setData(mids, np.array([w.low for w in weeks]))
                self.high.setData(mids, np.array([w.high for w in weeks]))
        if data.change_at is not None:
            self.marker.setPos(data.rolling_x[data.change_at])
            way = "lower" if data.change_by < 0 else "higher"
            # good news in the "fine" zone's green, a rise in the "too much" red
            # (tenth re-test: "2.1 points lower" was drawn in red, read as a warning)
            colour = ZONES[0][0] if data.change_by < 0 else ZONES[2][0]
            self.marker.setPen(pg.mkPen(colour, width=2))
            self.marker.label.setColor(colour)
            self.marker.label.setFormat(f"{abs(data.change_by):.1f} points {way}")
            self.marker.show()
            when = datetime.fromtimestamp(data.rolling_x[data.change_at]).date()
            if data.change_by < 0:
                note = (f"Settling: since {_day_words(when)} your usual pain before a session has been "
                        f"{abs(data.change_by):.1f} points lower than when you started, a change "
                        "most people notice as much better.")
            else:
                note = (f"Since {_day_words(when)} your usual pain before a session has been "
                        f"{data.change_by:.1f} points higher than when you started. Pain that keeps "
                        "rising is a reason to see a physiotherapist or doctor.")
        else:
            self.marker.hide()
            note = ("No change of 2 points or more since you started (about the smallest change "
                    "most people call much better or worse).")
        note += self._high_week_note(data)
        self.summary.setText(note)
        self.set_empty(not has_any)

    def _high_week_note(self, data: ProgressData) -> str:
        """A sentence for this week or last when its median pain before a
        session is above the acceptable zone (the settings' limit), else "":
        the trend since the start is not the whole story (thirty-first
        re-test: "much better" over a week at 9/10)."""
        from ....core.weeks import week_start

        latest = self.weeks.get("before", [])[-1:]
        acceptable = getattr(self, "zone_limits", (2, 5))[1]
        this_week = week_start(data.today, data.first_day)
        if not latest or latest[0].week < this_week - timedelta(days=7) or latest[0].median <= acceptable:
            return ""
        which = "This week" if latest[0].week == this_week else "Last week"
        return (f" {which}, though, the middle of your pain before a session was {latest[0].median:g}, above "
                f"the acceptable zone (up to {acceptable}): ease off, and if it stays high, see a "
                "physiotherapist or doctor.")

    def points(self) -> list[float]:
        """Each rating while single ratings show, else each week's middle."""
        data = self.data
        if data is None:
            return []
        if self.scatters["before"].isVisible():
            rated = np.zeros(len(data.pain_x), dtype=bool)
            for values in data.pain.values():
                rated |= np.isfinite(values)
            return sorted(set(data.pain_x[rated].tolist()))
        return sorted({local_ts(w.week) + WEEK / 2 for weeks in self.weeks.values() for w in weeks})

    def has_data_between(self, first: float, last: float) -> bool:
        data = self.data
        if data is None:
            return False
        rated = np.zeros(len(data.pain_x), dtype=bool)
        for values in data.pain.values():
            rated |= np.isfinite(values)
        return _in_range(data.pain_x[rated], first, last)

    def show_range(self, first: float, last: float, words: str = "this range") -> None:
        super().show_range(first, last, words)
        data = self.data
        shown = 0
        if data is not None and len(data.pain_x):
            inside = (data.pain_x >= first) & (data.pain_x < last)
            shown = int(sum(np.isfinite(v[inside]).sum() for v in data.pain.values()))
        dots = shown <= self.DOTS_UP_TO
        for curve in self.scatters.values():
            curve.setVisible(dots)
        self.set_legend(*self._legend(dots))
        if self.is_empty():
            self.legend_label.hide()

    def describe(self, x: float) -> str:
        data = self.data
        if data is None or len(data.pain_x) == 0:
            return ""
        i = _nearest(data.pain_x, x, within=3 * 86400) if self.scatters["before"].isVisible() else None
        if i is None:
            return self._describe_week(x)
        when = session_local_from_timestamp(float(data.pain_x[i]), data.pain_offsets[i])
        parts = []
        for key, words in (("before", "before"), ("after", "after"), ("morning", "next morning")):
            value = data.pain[key][i]
            parts.append(f"{words} {'–' if np.isnan(value) else int(value)}")
        # The running mean (the "usual pain before a session" the change marker
        # and the sentence above speak of) is drawn as no line: the read-out
        # says plainly what it is and over how many ratings (thirteenth round:
        # "; mean 1.5" was named nowhere on the chart). One rating is its own mean.
        j = _nearest(data.rolling_x, data.pain_x[i], within=0.5)
        window = min(j + 1, ROLLING_WINDOW) if j is not None else 0
        mean = (f"; running mean of pain before over the last {count(window, 'rating')}: {data.rolling[j]:.1f}"
                if j is not None and window > 1 else "")
        return f"{_day_words(when.date())}, {when:%H:%M}: pain {', '.join(parts)}{mean}"

    def _describe_week(self, x: float) -> str:
        parts = []
        start = None
        for key, words in (("before", "before"), ("after", "after"), ("morning", "next morning")):
            for w in self.weeks.get(key, []):
                if local_ts(w.week) <= x < local_ts(w.week) + WEEK:
                    start = w.week
                    # the band's words ("lowest to highest that week"), not a bare "1 to 3"
                    spread = f" (lowest {w.low:g}, highest {w.high:g})" if w.ratings > 1 else ""
                    parts.append(f"{words} {w.median:g}{spread}, {count(w.ratings, 'rating')}")
        if start is None:
            return ""
        return f"Week of {_day_words(start)}: median pain {'; '.join(parts)}"


class VolumeChart(ChartPanel):
    def __init__(self) -> None:
        super().__init__(
            "Training volume per week",
            "No sets recorded yet. The reps and hold time you do each week will show here.",
            "volume",
        )
        self.exercise = QComboBox()
        self.exercise.setAccessibleName("Exercise")
        whole_combo(self.exercise)  # its names come with the data, after it was first shown
        self.controls.addWidget(QLabel("Exercise:"))
        self.controls.addWidget(self.exercise)
        self.bars = pg.BarGraphItem(x=[], height=[], width=WEEK * 0.8, brush=BEFORE, pen=pg.mkPen(None))
        self.plot.getPlotItem().addItem(self.bars)
        self.volume: dict[str, list[tuple[date, int, float]]] = {}
        self.week_x = np.zeros(0)
        self.amounts = np.zeros(0)
        self.unit = "reps"
        self.shown = (-math.inf, math.inf)  # Unix seconds: what the chart shows
        self.exercise.currentIndexChanged.connect(lambda _: self._show_exercise())

    def set_data(self, data: ProgressData) -> None:
        assert data.volume is not None
        self.volume = data.volume
        current = self.exercise.currentText()
        totals = sorted(data.volume, key=lambda n: -sum(r + s for _, r, s in data.volume[n]))
        self.exercise.blockSignals(True)
        self.exercise.clear()
        self.exercise.addItems(sorted(data.volume))
        self.exercise.setCurrentIndex(max(0, self.exercise.findText(current if current in data.volume else (totals[0] if totals else ""))))
        self.exercise.blockSignals(False)
        self._show_exercise()
        self.set_empty(not data.volume)

    def _show_exercise(self) -> None:
        rows = self.volume.get(self.exercise.currentText(), [])
        reps = sum(r for _, r, _ in rows)
        most = max((s for _, _, s in rows), default=0.0)
        # timed sets in minutes: "30 min" reads at a glance, "1,800 s" does not;
        # under three minutes a week in seconds: "16 s", not "0.27 min"
        self.unit = "reps" if reps > 0 else ("minutes" if most >= 180 else "seconds")
        self.week_x = np.array([local_ts(w) for w, _, _ in rows])
        per = {"reps": None, "minutes": 60.0, "seconds": 1.0}[self.unit]
        self.amounts = np.array([(r if per is None else s / per) for _, r, s in rows], dtype=float)
        self.bars.setOpts(x=self.week_x + WEEK / 2, height=self.amounts, width=WEEK * 0.8)
        item = self.plot.getPlotItem()
        item.setLabel("left", "Reps" if self.unit == "reps" else f"Time ({self.unit})")
        self.set_legend([(BEFORE, "■", f"{self.unit.capitalize()} in the week")])
        if len(self.amounts):
            top = float(self.amounts.max()) * 1.1
            item.setYRange(0, top, padding=0)
            if self.unit != "minutes":
                integer_ticks(item.getAxis("left"), top)
            else:
                item.getAxis("left").setTickSpacing()  # minutes may be 2.5: automatic ticks
        self._summarise()

    def show_range(self, first: float, last: float, words: str = "this range") -> None:
        """As :meth:`ChartPanel.show_range`; the sentence above adds up the weeks shown."""
        self.shown = (first, last)
        super().show_range(first, last, words)
        self._summarise()

    def _summarise(self) -> None:
        first, last = self.shown
        inside = self.amounts[(self.week_x + WEEK > first) & (self.week_x < last)] if len(self.amounts) else []
        if not len(inside):
            self.summary.setText(f"{self.exercise.currentText()}: nothing in the weeks shown.")
            return
        self.summary.setText(
            f"{self.exercise.currentText()}: {self._amount(float(inside.sum()))} in the weeks "
            f"shown ({_weeks(len(inside))} with some), {self._amount(float(np.median(inside)))} "
            "in a typical one of those."
        )

    def _amount(self, value: float) -> str:
        if self.unit == "reps":
            return count(round(value), "rep")
        if self.unit == "seconds":
            return f"{value:,.0f} s"
        return f"{value:,.0f} min" if value >= 10 else f"{value:.1f} min"

    def has_data_between(self, first: float, last: float) -> bool:
        shown = (self.week_x + WEEK > first) & (self.week_x < last)
        return bool(len(self.week_x)) and bool((self.amounts[shown] > 0).any())

    def describe(self, x: float) -> str:
        i = _week_at(self.week_x, x)
        if i is None:
            return ""
        start = datetime.fromtimestamp(self.week_x[i]).date()
        return f"Week of {_day_words(start)}: {self._amount(float(self.amounts[i]))} of {self.exercise.currentText().lower()}"


RANGES = (("Last 3 months", 91), ("Last 12 months", 365), ("Everything", 0))


class ProgressPage(QWidget):
    """Tabs of charts over the whole history, with a shared date range."""

    homeRequested = Signal()
    saved = Signal(str)  # path of a picture written
    failed = Signal(str)  # a message for the user
    targetChanged = Signal(object, int)  # routine id (None: all), sessions a week

    def __init__(
        self, repo: HistoryRepository, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.today = today  # the injected clock's date, never the wall clock
        # (routine choices with targets, weekly target, first day of the week)
        self.settings_now: Callable[[], tuple[list[tuple[str | None, str, int]], int, str]] = (
            lambda: ([], 3, "monday")
        )
        # (safe zone's top, acceptable top) of pain during, from the settings
        self.pain_zones: Callable[[], tuple[int, int]] = lambda: (2, 5)
        # the folder a chart was saved to last (the window keeps it across restarts)
        self.chart_folder: Callable[[], Path] = Path.home
        self._open_on: tuple[str | None] | None = None  # see open_on()
        self.data: ProgressData | None = None
        head, self.home_button = page_header("Progress", self.homeRequested.emit)
        self.range = QComboBox()
        self.range.setAccessibleName("Date range of the charts")
        whole_combo(self.range)
        for words, _days in RANGES:
            self.range.addItem(words)
        self.range.setCurrentIndex(1)
        self.range.currentIndexChanged.connect(lambda _: self.apply_range())
        head.addWidget(QLabel("Show:"))
        head.addWidget(self.range)

        self.adherence = AdherenceChart()
        # Whose sessions the weekly bars count, and the target they are held to
        self.of_routine = QComboBox()
        self.of_routine.setAccessibleName("Count the sessions of")
        whole_combo(self.of_routine)
        self.target = NotedSpinBox(1, 42, " a week", "Weekly target")  # its most: _show_target
        self.adherence.controls.addWidget(QLabel("Sessions of:"))
        self.adherence.controls.addWidget(self.of_routine)
        self.adherence.controls.addWidget(QLabel("Target:"))
        self.adherence.controls.addWidget(self.target)
        self.adherence.notes.addWidget(self.target.note)
        self.routines: list[tuple[str | None, str, int]] = []  # id, name, target
        self._loading = False
        self.of_routine.currentIndexChanged.connect(lambda _: self._routine_chosen())
        self.target.valueChanged.connect(lambda v: self._target_edited(v))
        self.calendar = CalendarPanel()
        self.pain = PainChart()
        self.volume = VolumeChart()
        adherence_tab = QWidget()
        tab_layout = QVBoxLayout(adherence_tab)
        tab_layout.setContentsMargins(0, 0, 0, 0)
        tab_layout.addWidget(self.adherence, 1)
        tab_layout.addWidget(self.calendar)
        self.tabs = QTabWidget()
        self.tabs.addTab(adherence_tab, "&Adherence")
        self.tabs.addTab(self.pain, "&Pain")
        self.tabs.addTab(self.volume, "V&olume")  # Alt+V is the View menu
        self.tabs.setAccessibleName("Charts")
        self.tabs.currentChanged.connect(lambda _: self._load_volume_if_shown())
        self.panels: tuple[ChartPanel, ...] = (self.adherence, self.calendar, self.pain, self.volume)
        for panel in self.panels:
            panel.saveRequested.connect(self.save_panel)

        self.empty = QLabel(
            "<h2>No sessions yet</h2><p>Your progress appears here after your first session: "
            "how regularly you train, how your pain changes, and how much you do each week.</p>"
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty_home = QPushButton("Choose a routine")
        self.empty_home.clicked.connect(self.homeRequested.emit)
        empty_box = QWidget()
        empty_layout = QVBoxLayout(empty_box)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty)
        empty_layout.addWidget(self.empty_home, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.body = QStackedWidget()
        self.body.addWidget(self.tabs)
        self.body.addWidget(empty_box)
        self.empty_box = empty_box

        disclaimer = QLabel("These charts show what you logged; they are not a diagnosis.")
        set_font(disclaimer, NOTE, italic=True)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.body, 1)
        layout.addWidget(disclaimer)

    def set_routines(self, routines: list[tuple[str | None, str, int]]) -> None:
        """(routine id or None for all, name, weekly target) for the chooser."""
        self._loading = True
        current = self.of_routine.currentData()
        self.routines = routines
        self.of_routine.clear()
        for rid, name, _ in routines:
            self.of_routine.addItem(name, rid)
        self.of_routine.setCurrentIndex(max(0, self.of_routine.findData(current)))
        self._show_target()
        self._loading = False

    def _show_target(self) -> None:
        """The chosen routine's target, in a box whose most is what the settings
        keep (fewer for all routines together than for one)."""
        from ....storage.settings import ROUTINE_TARGET_MOST, WEEKLY_TARGET_MOST

        rid, _, value = self.routines[self.of_routine.currentIndex()] if self.routines else (None, "", 3)
        self.target.setMaximum(WEEKLY_TARGET_MOST if rid is None else ROUTINE_TARGET_MOST)
        self.target.setValue(value)

    def _routine_chosen(self) -> None:
        if self._loading or not self.routines:
            return
        self._loading = True
        self._show_target()
        self._loading = False
        self._reload()

    def _target_edited(self, value: int) -> None:
        if self._loading or not self.routines:
            return
        i = self.of_routine.currentIndex()
        rid, name, _ = self.routines[i]
        self.routines[i] = (rid, name, value)
        self.targetChanged.emit(rid, value)
        self._reload()

    def _reload(self) -> None:
        if self.data is not None:
            self.load(self.data.today, self.target.value(), self.data.first_day)

    def enter(self) -> None:
        """Shown: :meth:`refresh`, and put the keyboard on the tabs. Raises
        StorageError."""
        self.refresh()
        self.tabs.setFocus()

    def refresh(self) -> None:
        """List the routines and their weekly targets, and reload when the
        data changed (``out_of_date``, set by the change notifier) or the day
        turned. The keyboard stays where it is: reloaded while shown (a
        setting changed), a chart keeps it and its marker (twenty-sixth
        re-test: it went to the tabs). Raises StorageError."""
        choices, target, first_day = self.settings_now()
        self.set_routines(choices)
        chosen = self._choose_opening()
        today = self.today()
        # a change made outside the window (an import on the command line) is
        # told by no notifier: SQLite's count of others' commits tells it
        # (thirty-first re-test: the charts kept the old figures until a restart)
        version = self.repo.data_version()
        outside = version != getattr(self, "_data_version", version)
        if chosen or outside or getattr(self, "out_of_date", True) or self.data is None or self.data.today != today:
            self.load(today, target, first_day)
            self.out_of_date = False
        self._data_version = version

    def open_on(self, routine_id: str | None) -> None:
        """Have the next :meth:`enter` chart ``routine_id``'s sessions against
        its own weekly target, or all routines' (None, or a routine with no
        target of its own): as home's weekly figure counts them."""
        self._open_on = (routine_id,)

    def _choose_opening(self) -> bool:
        """Choose the routine :meth:`open_on` asked for; True when that changed the choice."""
        wish, self._open_on = self._open_on, None
        if wish is None:
            return False
        index = max(0, self.of_routine.findData(wish[0]))
        if index == self.of_routine.currentIndex():
            return False
        self._loading = True
        self.of_routine.setCurrentIndex(index)
        self._show_target()
        self._loading = False
        return True

    def load(self, today: date, target: int, first_day: str) -> ProgressData:
        """Read the history and draw every chart for ``today``; raises StorageError."""
        if self.routines:
            target = self.target.value()
        self.pain.set_zones(*self.pain_zones())
        data = load_progress(self.repo, today, target, first_day, self.of_routine.currentData())
        self.data = data
        self.body.setCurrentWidget(self.empty_box if data.empty else self.tabs)
        for panel in (self.adherence, self.pain, self.volume):  # charts of weeks: ticked by week
            panel.plot.getPlotItem().getAxis("bottom").weeks_from = first_day
        if not data.empty:
            rid = self.of_routine.currentData()
            self.adherence.count_of(None if rid is None else self.of_routine.currentText())
            self.adherence.set_data(data)
            self.calendar.set_data(data)
            self.pain.set_data(data)
            self._load_volume_if_shown()
            self.apply_range()
            for panel in (self.adherence, self.calendar, self.pain):  # the volume's: when it is drawn
                panel.refresh_readout()
        return data

    def _load_volume_if_shown(self) -> None:
        data = self.data
        if data is None or data.empty or data.volume is not None:
            return
        if self.tabs.currentWidget() is not self.volume:
            return
        data.volume = load_volume(self.repo, data.first_day)
        self.volume.set_data(data)
        self.apply_range()
        self.volume.refresh_readout()

    def apply_range(self) -> None:
        if self.data is None or self.data.empty:
            return
        from ....core.weeks import week_start

        # whole weeks, from the first day of the week holding the range's first
        # day to the end of this week, so no week's bar is cut at either edge
        days = RANGES[self.range.currentIndex()][1]
        end = local_ts(week_start(self.data.today, self.data.first_day) + timedelta(days=7))
        if days:
            first = local_ts(week_start(self.data.today - timedelta(days=days), self.data.first_day))
        elif self.data.weeks:
            first = local_ts(self.data.weeks[0][0])
        elif len(self.data.pain_x):
            first = float(self.data.pain_x[0])
        else:
            first = end - WEEK
        words = RANGES[self.range.currentIndex()][0].lower() if days else "your history"
        for panel in (self.adherence, self.pain, self.volume):
            panel.show_range(first, end, words)

    # -- saving a chart ---------------------------------------------------------
    def ask_save_path(self, suggested: str) -> str:
        """Where to save a picture ('' if cancelled); tests replace this."""
        path, _ = QFileDialog.getSaveFileName(self, "Save chart as PNG", suggested, "PNG pictures (*.png)")
        return path

    def save_panel(self, panel: ChartPanel) -> str | None:
        today = self.data.today if self.data else self.today()
        path = self.ask_save_path(str(self.chart_folder() / f"ankle-trainer-{panel.file_stem}-{today.isoformat()}.png"))
        if not path:
            return None
        from ....files import wrong_name

        problem = wrong_name(Path(path), (".png",), "a chart picture")  # as every file the app writes
        if problem:  # (it made chart.txt.png of chart.txt, and PNG in a name of any other ending)
            self.failed.emit(problem)
            return None
        if not panel.grab_chart().grab().save(path, "PNG"):
            self.failed.emit(f"Could not save the chart to {path}. Choose a folder you can write to.")
            return None
        self.saved.emit(path)
        return path
