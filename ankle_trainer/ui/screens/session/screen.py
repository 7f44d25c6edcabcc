"""The guided session screen.

All timing comes from the engine (which reads the injected clock); the Qt
precise timer only asks the engine to catch up and repaints. Tests drive the
engine with a fake clock and call :meth:`SessionScreen.refresh` themselves.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QHideEvent, QKeyEvent, QPalette
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ....assets import asset
from ....core.dose import beat_word, dose_phrase, set_instruction
from ....core.engine import SessionEngine, SessionListener, SessionSummary, SetResult
from ....core.model import DoseKind, Exercise, Side
from ....core.plan import Phase, Segment
from ....core.set_status import SetOutcome
from ....core.text import count, countdown_clock, noun, whole_seconds
from ...fields import NotedSpinBox
from ...reflow import WholeLinesArea
from ...widgets import hold_width, howto_html, set_font
from .rm_load import RmLoadRow

#: The words beside the 0-10 pain buttons, before and after a choice.
PAIN_LABEL = "Pain during it:"
EDIT_HINT = "Editing, in {unit}: Enter keeps, Esc cancels"  # beside the count being typed
PAUSE_WORDS = ("Pause (Space)", "Resume (Space)")  # the pause button's, running and paused
OUTCOME_WORDS = {  # before the count of the set just done
    SetOutcome.DONE: "Done in that set:",
    SetOutcome.PART_WAY: "Stopped part-way; done in it:",
    SetOutcome.SKIPPED: "Skipped; done in it:",
}
PAIN_LABEL_CHOSEN = "Pain during it (you chose {value}):"

# Repaints: at each moment the displayed second changes (a precise timer is
# set for it), and meanwhile often enough for the tempo bar to move smoothly.
TEMPO_FRAME_MS = 33
IDLE_FRAME_MS = 250

PHASE_TITLES = {
    Phase.GET_READY: "Get ready",
    Phase.WORK: "Go",
    Phase.REST: "Rest",
    Phase.SWITCH: "Switch sides",
}
PHASE_COLOURS = {  # background, text; all pass WCAG AA for large text
    Phase.GET_READY: ("#8a5a00", "#ffffff"),
    Phase.WORK: ("#1b6e3a", "#ffffff"),
    Phase.REST: ("#1f4f8f", "#ffffff"),
    Phase.SWITCH: ("#6a3d8f", "#ffffff"),
}
FOCUS_TRACK = "#5c5c5c"  # a progress bar's empty track on focus mode's black
SIDE_WORDS = {Side.LEFT: "Left leg", Side.RIGHT: "Right leg", Side.BOTH: "Both legs"}


class _OneLineWhenRoom(QLabel):
    """A word-wrapped label that asks for its text's one-line width: in a row
    it stays on one line while the row has room and wraps, never widening the
    window, only when it has not. (A plain word-wrapped label asks for a
    narrower, taller shape: "2 x 12 reps, each side" wrapped with room to spare.)"""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        margins = self.contentsMargins()
        width = (self.fontMetrics().horizontalAdvance(self.text()) + margins.left() + margins.right()
                 + 2 * self.margin() + 2)
        return QSize(width, self.heightForWidth(width))


class _Digits(QLabel):
    """The countdown: takes all the room it can get and sizes its digits to
    it (see SessionScreen._size_countdown), but asks for little, so a large
    font never pushes the window bigger."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(240, 100)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        return QSize(120, 60)


def focus_palette(base: QPalette) -> QPalette:
    """Focus mode's colours on ``base``: white on black, dark buttons, the
    highlight yellow with black on it (a chosen rating, the shown how-to), and
    greyed controls that look greyed. For every page shown in focus mode, in
    the light and the dark theme alike."""
    palette = QPalette(base)
    for role, colour in (
        (QPalette.ColorRole.Window, "#000000"),
        (QPalette.ColorRole.WindowText, "#ffffff"),
        (QPalette.ColorRole.Base, "#000000"),
        (QPalette.ColorRole.AlternateBase, "#1a1a1a"),
        (QPalette.ColorRole.Text, "#ffffff"),
        (QPalette.ColorRole.PlaceholderText, "#bdbdbd"),
        (QPalette.ColorRole.Button, "#1a1a1a"),
        (QPalette.ColorRole.ButtonText, "#ffffff"),
        (QPalette.ColorRole.Highlight, "#ffd400"),
        (QPalette.ColorRole.HighlightedText, "#000000"),
        (QPalette.ColorRole.Link, "#8ab4f8"),
    ):
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled  # a greyed button must look greyed
    for role, colour in ((QPalette.ColorRole.ButtonText, "#5c5c5c"),
                         (QPalette.ColorRole.WindowText, "#5c5c5c"),
                         (QPalette.ColorRole.Text, "#5c5c5c"),
                         (QPalette.ColorRole.Button, "#0d0d0d")):
        palette.setColor(disabled, role, QColor(colour))
    return palette


FLASH = "#ffd54a"  # a visual cue's colour (sound off)
FLASH_TEXT = "#1a1a1a"  # the card's words while it flashes: 12:1 on FLASH

class SessionScreen(QWidget, SessionListener):
    finished = Signal(object)  # SessionSummary
    painRated = Signal(int, int)  # set's history key, pain 0-10

    def __init__(self, parent: QWidget | None = None) -> None:
        QWidget.__init__(self, parent)
        SessionListener.__init__(self)
        self.setProperty("ownPageKeys", True)  # Page Down / Up page the how-to (see shell/keys.py)
        self.engine: SessionEngine | None = None
        #: What moved the session last: a command's name ("back", "skip", ...)
        #: or "tick" when the clock moved it on; "" before any.
        self.last_command = ""
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_FRAME_MS)
        self.timer.timeout.connect(self.on_timer)

        self.routine_label = QLabel()
        self.routine_label.setObjectName("sessionRoutine")
        self.routine_label.setWordWrap(True)  # a long routine name wraps, never widens the window
        self.step_label = QLabel()
        self.step_label.setObjectName("sessionStep")
        header = QHBoxLayout()
        header.addWidget(self.routine_label, 1)
        header.addWidget(self.step_label)

        self.phase_band = QLabel()
        self.phase_band.setObjectName("phaseBand")
        self.phase_band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.exercise_label = QLabel()
        self.exercise_label.setObjectName("exerciseName")
        self.exercise_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.exercise_label.setWordWrap(True)
        self.cue_label = QLabel()
        self.cue_label.setObjectName("exerciseCue")
        self.cue_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.cue_label.setWordWrap(True)
        self.countdown_label = _Digits("0:00")
        self.countdown_label.setObjectName("countdown")
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown_label.installEventFilter(self)
        self.countdown_label.setAccessibleName("Time left in this phase")
        self.set_label = QLabel()
        self.set_label.setObjectName("setLabel")
        self.set_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rep_label = _OneLineWhenRoom()  # never wider than the window, whatever the dose says
        self.rep_label.setObjectName("repLabel")
        self.rep_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName("Whole session progress")
        self.progress_text = QLabel()
        self.progress_text.setObjectName("progressText")
        self.next_label = QLabel()
        self.next_label.setObjectName("nextLabel")
        self.next_label.setWordWrap(True)

        self.back_button = QPushButton("◀ Back")
        # each button says its key, as "How to (H)" does (the arrows are drawn on Back and Skip)
        self.pause_button = QPushButton(PAUSE_WORDS[0])
        self.skip_button = QPushButton("Skip ▶")
        self.add_rest_button = QPushButton("+15 s rest (+)")
        self.stop_button = QPushButton("Stop (Esc)")
        for button, tip, name in (
            (self.back_button, "Restart this set, or go back one set (Left arrow)", "Back"),
            (self.pause_button, "Pause or resume (Space)", "Pause or resume"),
            (self.skip_button, "Skip to the next phase (Right arrow)", "Skip"),
            (self.add_rest_button, "Add 15 seconds to this rest (+)", "Add 15 seconds of rest"),
            (self.stop_button, "Stop the session (Esc)", "Stop session"),
        ):
            button.setToolTip(tip)
            button.setAccessibleName(name)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space must reach the screen
            button.setMinimumHeight(44)
        self.back_button.clicked.connect(lambda: self._command("back"))
        self.pause_button.clicked.connect(lambda: self._command("toggle_pause"))
        self.skip_button.clicked.connect(lambda: self._command("skip"))
        self.add_rest_button.clicked.connect(lambda: self._command("add_rest"))
        self.stop_button.clicked.connect(self.request_stop)
        # Pause and Resume take one width: the buttons after it never move (a
        # click on Skip after a pause landed where Skip had been: fourteenth re-test)
        hold_width(self.pause_button, PAUSE_WORDS)
        buttons = QHBoxLayout()
        for b in (self.back_button, self.pause_button, self.skip_button, self.add_rest_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)

        self.pain_threshold = lambda: 5  # the main window passes the setting in
        self.flashes = 0
        self.focus_mode = False
        self._last_result: SetResult | None = None
        self._showing_kept = False
        self._rated: int | None = None
        self._pain_by_seq: dict[int, int] = {}
        self._earlier: int | None = None
        self._band_colours: tuple[str, str] | None = None

        # Fonts scaled from the system font, not a style sheet: a style sheet
        # would pin the colours and break when the theme changes.
        set_font(self.exercise_label, 2.6, bold=True)
        set_font(self.cue_label, 1.4)
        set_font(self.set_label, 1.8)
        set_font(self.rep_label, 2.1, bold=True)
        set_font(self.next_label, 1.15)
        set_font(self.progress_text, 1.15)

        # Illustration and how-to (H toggles the how-to).
        self.illustration = QSvgWidget()
        # 130 px where there is room, smaller on a small screen (never grows the window)
        self.illustration.setMinimumSize(72, 72)
        self.illustration.setMaximumSize(130, 130)
        self.illustration.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.illustration.renderer().setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.illustration.setAccessibleName("Illustration of the exercise")
        self.howto = QLabel()
        self.howto.setObjectName("howTo")
        self.howto.setWordWrap(True)
        self.howto.setAlignment(Qt.AlignmentFlag.AlignTop)
        set_font(self.howto, 1.15)
        # whole lines only (never one cut in half at the bottom); Page Down/Up scroll it
        self.howto_scroll = WholeLinesArea(self.howto)
        self.howto_scroll.setFixedWidth(380)  # room for the steps without scrolling mid-exercise
        self.howto_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.howto_scroll.setMinimumHeight(0)  # it scrolls: it never makes the window taller
        self.howto_scroll.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
        self.howto_scroll.hide()
        self.howto_button = QPushButton("How to (H)")
        self.howto_button.setCheckable(True)
        self.howto_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.howto_button.setAccessibleName("Show how to do this exercise")
        self.howto_button.toggled.connect(self.howto_scroll.setVisible)
        self.howto_button.setMinimumHeight(44)
        buttons.insertWidget(4, self.howto_button)  # after +15 s, with the other controls
        # the steps take the illustration's place while shown: more room to read
        self.howto_button.toggled.connect(
            lambda shown: self.illustration.setVisible(not shown and not self.focus_mode))
        side = QVBoxLayout()  # the button sits with the controls: it never covers the picture
        side.addWidget(self.illustration, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.howto_scroll, 1)

        # Tempo: which part of the repetition, and how far through it.
        self.tempo_label = QLabel()
        self.tempo_label.setObjectName("tempoLabel")
        self.tempo_label.setMinimumWidth(90)
        self.tempo_bar = QProgressBar()
        self.tempo_bar.setRange(0, 1000)
        self.tempo_bar.setTextVisible(False)
        self.tempo_bar.setAccessibleName("Tempo of this repetition")
        set_font(self.tempo_label, 1.6, bold=True)
        tempo_row = QHBoxLayout()
        tempo_row.addWidget(self.tempo_label)
        tempo_row.addWidget(self.tempo_bar, 1)
        self.tempo_row = QWidget()
        self.tempo_row.setLayout(tempo_row)

        # After a set: what was really done, and pain during it.
        self.done_label = QLabel()
        self.done_spin = NotedSpinBox(0, 3600, "", "How many you actually did in the last set")
        self.done_spin.setKeyboardTracking(False)  # the count changes when the edit is confirmed
        self.done_spin.valueChanged.connect(self._count_edited)
        self.done_spin.installEventFilter(self)
        # The words before the count take one width, and the box its widest count
        # with its unit and the arrows editing shows: the box and Correct never
        # move, and "99 reps" is never cut to "99 rep" (fourteenth re-test)
        hold_width(self.done_label, tuple(OUTCOME_WORDS.values()))
        self.done_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)  # by the box
        self._hold_count_width()
        self.done_spin.unit_for = self._unit_of  # its notes' unit follows each number
        self.edit_button = QPushButton("Correct (E)")
        self.edit_button.setAccessibleName("Correct the count of the last set")
        self.edit_button.setToolTip("Type the real count, then Enter to keep it or Esc to cancel (E)")
        self.edit_button.clicked.connect(self.start_editing)
        self.edit_button.setAutoDefault(True)  # Enter presses it when it has the keyboard
        # while editing, the keys are said in plain readable words, not as the
        # greyed-out text of a disabled button
        self.edit_hint = QLabel(EDIT_HINT.format(unit="reps"))
        self.edit_hint.setObjectName("editHint")
        self._end_editing(keep=True)
        # The words beside the 0-10 buttons keep one width, whatever was chosen,
        # so the buttons never move under the keys (wrapped "(you / chose 3):"
        # shifted them); a redone set's earlier rating is said beside the count.
        self.pain_label = QLabel()
        self.pain_label.setMinimumWidth(self.pain_label.fontMetrics().horizontalAdvance(
            PAIN_LABEL_CHOSEN.format(value=10)) + 4)
        self.earlier_note = QLabel()
        self.earlier_note.setWordWrap(True)  # a long note must not widen the screen
        self.earlier_note.hide()
        self.pain_buttons = []
        count_row = QHBoxLayout()  # two rows: one would make a small window wider
        count_row.addWidget(self.done_label)
        count_row.addWidget(self.done_spin)
        count_row.addWidget(self.edit_button)
        count_row.addWidget(self.edit_hint)
        # a redone set's earlier rating, in the room beside the count: a row of
        # its own was one too many at 800 x 600 with the stop advice below
        count_row.addSpacing(12)
        count_row.addWidget(self.earlier_note, 100)
        count_row.addStretch(1)
        pain_row = QHBoxLayout()
        pain_row.addWidget(self.pain_label)
        for value in range(11):
            button = QPushButton(str(value))
            button.setFixedWidth(36)
            button.setCheckable(True)
            button.setAutoDefault(True)  # Enter presses the focused rating
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setToolTip(f"Pain {value} out of 10 (key {value})" if value < 10
                              else "Pain 10 out of 10 (Tab to it, then Enter)")
            button.setAccessibleName(f"Pain during the last set: {value} out of 10")
            button.clicked.connect(lambda _=False, v=value: self.rate_pain(v))
            self.pain_buttons.append(button)
            pain_row.addWidget(button)
        pain_row.addStretch(1)
        self.after_set = QWidget()
        after_layout = QVBoxLayout(self.after_set)
        after_layout.setContentsMargins(2, 2, 2, 2)  # the buttons' focus rings (2 px, drawn round them) fit inside
        after_layout.setSpacing(2)
        after_layout.addLayout(count_row)
        after_layout.addWidget(self.done_spin.note)  # a number it refused, on its own line
        after_layout.addLayout(pain_row)
        self.after_set.hide()
        self.advice = QLabel()
        self.advice.setObjectName("painAdvice")
        self.advice.setWordWrap(True)
        self.stop_exercise_button = QPushButton("Stop this exercise (X)")
        self.carry_on_button = QPushButton("Carry on (C)")
        for b in (self.stop_exercise_button, self.carry_on_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            b.setAutoDefault(True)
        self.stop_exercise_button.clicked.connect(self._stop_exercise_for_pain)
        self.carry_on_button.clicked.connect(self._carry_on)
        advice_row = QHBoxLayout()
        advice_row.addWidget(self.advice, 1)
        advice_row.addWidget(self.stop_exercise_button)
        advice_row.addWidget(self.carry_on_button)
        self.advice_row = QWidget()
        self.advice_row.setLayout(advice_row)
        self.advice_row.hide()

        self.card = card = QFrame()
        card.setObjectName("sessionCard")
        card.setAutoFillBackground(True)
        card_layout = QVBoxLayout(card)
        card_layout.setSpacing(4)  # tight enough for every row at 800 x 600
        card_layout.setContentsMargins(8, 4, 8, 4)  # (with the after-set rows' ring room: 800 x 600)
        card_layout.addWidget(self.phase_band)
        card_layout.addWidget(self.exercise_label)
        card_layout.addWidget(self.cue_label)
        middle = QHBoxLayout()
        middle.addLayout(side)
        middle.addWidget(self.countdown_label, 1)
        card_layout.addLayout(middle, 1)
        set_row = QHBoxLayout()  # side by side: room for the after-set rows at 800 x 600
        set_row.addStretch(1)
        set_row.addWidget(self.set_label)
        set_row.addSpacing(24)
        set_row.addWidget(self.rep_label)
        set_row.addStretch(1)
        card_layout.addLayout(set_row)
        card_layout.addWidget(self.tempo_row)
        self.load_row = RmLoadRow()  # the RM weight of a heavy-slow-resistance step
        card_layout.addWidget(self.load_row)
        card_layout.addWidget(self.after_set)
        card_layout.addWidget(self.advice_row)

        self.notice = QLabel()  # see show_notice
        self.notice.setObjectName("sessionNotice")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setStyleSheet("background: #ffd400; color: #000000; padding: 6px;"
                                  " border: 2px solid #000000; border-radius: 6px;")
        self.notice.hide()
        self.notice_timer = QTimer(self)
        self.notice_timer.setSingleShot(True)
        self.notice_timer.timeout.connect(self.notice.hide)
        self._notice_phase: int | None = None  # the phase a notice is about (see show_notice)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(card, 1)
        layout.addWidget(self.progress)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.next_label, 1)
        progress_row.addWidget(self.progress_text)
        layout.addLayout(progress_row)
        layout.addLayout(buttons)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._keys = session_keys(self)
        for child in self.findChildren(QWidget):  # a focused child must not swallow them
            child.installEventFilter(self)

    # -- wiring ------------------------------------------------------------
    def attach(self, engine: SessionEngine) -> None:
        """Show ``engine``'s session. The caller starts the engine."""
        self.engine = engine
        engine.add_listener(self)
        self.routine_label.setText(engine.routine.name)
        self._end_editing(keep=False)  # nothing of the last session's sets is left over
        self._last_result = None
        self._showing_kept = False  # the row after a set shows an earlier attempt kept over a redo
        self._rated = None
        self._pain_by_seq = {}  # the highest rating each set was given, over every attempt
        self._earlier = None  # that of the earlier attempts at the last set, if it was redone
        self.after_set.hide()
        self._show_advice(False)

    def session_started(self, engine: SessionEngine) -> None:
        self.timer.start(1)

    def phase_changed(self, segment: Segment) -> None:
        if self._notice_phase is not None and self._notice_phase != segment.seq:
            self._notice_phase = None  # its phase is over: what it said may no longer hold
            self.notice_timer.stop()
            self.notice.hide()
        self.refresh()
        self.announce(self.phase_announcement(segment))

    def phase_announcement(self, segment: Segment) -> str:
        """What a screen reader says when a phase starts."""
        engine = self.engine
        shown = segment
        if segment.phase is not Phase.WORK and engine is not None:
            shown = engine.next_work() or segment
        step = shown.step
        side = f", {SIDE_WORDS[shown.side].lower()}" if shown.side is not Side.BOTH else ""
        again = " again" if engine is not None and engine.redoing else ""
        what = f"{step.exercise.name}, set {shown.set_number} of {step.sets}{again}{side}"
        seconds = round(segment.duration)
        if segment.phase is Phase.WORK:
            return f"Go: {what}"
        if segment.phase is Phase.REST and engine is not None and engine.next_work() is None:
            return "Last set done: rate it, then the summary."
        if segment.phase is Phase.REST:
            return f"Rest {count(seconds, 'second')}. Next: {what}"
        if segment.phase is Phase.SWITCH:
            return f"Switch sides: {what}"
        return f"Get ready: {what}"

    def announce(self, text: str) -> None:
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    def paused_changed(self, paused: bool) -> None:
        self.refresh()

    def set_completed(self, result: SetResult) -> None:
        last = self._last_result
        if last is not None and (last.seq, last.completed_at) == (result.seq, result.completed_at):
            self._last_result = result  # an amended count: only its words change
            self._say_outcome(result)
            return  # (a set redone after Back ends at another time: a new row)
        self._show_after_set(result)
        self.pain_label.setText(PAIN_LABEL)
        self.earlier_note.setText("" if self._earlier is None else
                                  f"The earlier attempt's {self._earlier} is kept unless you rate higher.")
        self._show_pain_row()

    def set_kept(self, result: SetResult) -> None:
        """A set gone back to and skipped before any of it was done: its
        earlier attempt stands, so the rest shows that attempt's count and
        rating again, to be corrected (E) or rated as after it (the rest
        showed nothing, and E and the number keys said there was no set:
        twenty-third re-test)."""
        self._show_after_set(result)
        kept = self._earlier
        self.pain_label.setText(PAIN_LABEL if kept is None else PAIN_LABEL_CHOSEN.format(value=kept))
        for value, button in enumerate(self.pain_buttons):
            button.setChecked(value == kept)
        self.earlier_note.setText("Nothing was done in the set just skipped: the earlier attempt is kept"
                                  + ("." if kept is None else f", with its {kept}, unless you rate higher."))
        self._show_pain_row()
        self.earlier_note.setVisible(not self.after_set.isHidden())  # said whether pain is asked or not
        self._showing_kept = True
        if kept is not None:  # its stop advice back with it (twenty-fourth re-test)
            self._advise(result, kept)

    def _show_after_set(self, result: SetResult) -> None:
        """The row after a set: ``result``'s count (to be corrected with E),
        no rating chosen yet and the earlier attempts' rating kept aside."""
        self._end_editing(keep=True)
        self._last_result = result
        self._showing_kept = False
        self.done_spin.say("")  # a note about the set before (a refused number) is not about this one
        self._rated = None
        self._earlier = self._pain_by_seq.get(result.seq)  # a redone set keeps its earlier rating
        timed = result.actual_reps is None
        self._say_outcome(result)
        self.done_spin.blockSignals(True)
        value = whole_seconds(result.actual_seconds) if timed else result.actual_reps or 0
        self._bound_count(result, value)
        self.done_spin.setValue(value)
        self.done_spin.blockSignals(False)
        self._count_unit(self.done_spin.value())
        for button in self.pain_buttons:
            button.setChecked(False)
        self._show_advice(False)
        self.after_set.show()

    #: A corrected count is at most this many times the set's planned reps or
    #: seconds: a slip (44 typed for 4, 999) would otherwise go into the
    #: history, the volume chart and the report without a word.
    COUNT_MOST_TIMES = 2

    def _hold_count_width(self) -> None:
        """The count box as wide as its widest count (the box's most, 3600) with
        the longest unit and the up and down arrows shown while editing."""
        spin = self.done_spin
        symbols, suffix, most = spin.buttonSymbols(), spin.suffix(), spin.maximum()
        spin.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows)
        spin.setSuffix(" reps")
        spin.setMaximum(3600)
        width = spin.sizeHint().width()
        spin.setButtonSymbols(symbols)
        spin.setSuffix(suffix)
        spin.setMaximum(most)
        spin.setMinimumWidth(width)

    def _bound_count(self, result: SetResult, value: int) -> None:
        """The count box's most for ``result``'s set: :attr:`COUNT_MOST_TIMES`
        its planned reps or seconds (never below ``value``, what was recorded),
        and the note's words for it."""
        seg = result.segment
        planned = seg.target_reps if seg.target_reps is not None else seg.target_seconds
        if not planned:
            self.done_spin.setMaximum(max(3600, value))
            self.done_spin.why_limit = lambda: ""
            return
        planned = round(planned)
        self.done_spin.setMaximum(max(value, self.COUNT_MOST_TIMES * planned))
        words = count(planned, "rep") if seg.target_reps is not None else f"{planned} s"
        self.done_spin.why_limit = lambda: f", twice the {words} planned"

    def _say_outcome(self, result: SetResult) -> None:
        outcome = SetOutcome.of(result.status, result.actual_reps, result.actual_seconds)
        self.done_label.setText(OUTCOME_WORDS[outcome])

    def _pain_asked(self) -> bool:
        """Whether pain during the last set is asked: its exercise asks, and
        something was done in it (a set skipped before any rep or second has
        nothing to rate, until its count is corrected)."""
        result = self._last_result
        return result is not None and result.segment.exercise.ask_pain and self.done_spin.value() > 0

    def _show_pain_row(self) -> None:
        ask = self._pain_asked()
        self.pain_label.setVisible(ask)
        for button in self.pain_buttons:
            button.setVisible(ask)
        self.earlier_note.setVisible(ask and self._earlier is not None)

    # -- correcting the count: an explicit, visible edit ----------------------
    @property
    def editing(self) -> bool:
        """True while the count of the last set is being corrected."""
        return not self.done_spin.isReadOnly()

    def start_editing(self) -> None:
        """Let the runner type the real count (E); Enter keeps it, Esc cancels."""
        if self.after_set.isHidden() or self._last_result is None:
            self.show_notice("Nothing to correct yet: E corrects the count of the set "
                             "just done, during the rest after it.", this_phase=True)
            return
        self._value_before_edit = self.done_spin.value()
        # while typing, the number alone (a unit fixed at the start said "999 rep"
        # for a set begun at 1: fifteenth re-test); the hint beside it says the unit
        timed = self._last_result.actual_reps is None
        self.edit_hint.setText(EDIT_HINT.format(unit="seconds" if timed else "reps"))
        self.done_spin.setSuffix("")
        self.done_spin.setReadOnly(False)
        self.done_spin.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.done_spin.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows)
        self.edit_button.hide()
        self.edit_hint.show()
        self.done_spin.setFocus()
        self.done_spin.selectAll()

    def _end_editing(self, keep: bool) -> None:
        if not keep and self.editing:
            self.done_spin.blockSignals(True)
            self.done_spin.setValue(getattr(self, "_value_before_edit", self.done_spin.value()))
            self.done_spin.blockSignals(False)
        elif keep and self.editing:
            self.done_spin.interpretText()
        self.done_spin.setReadOnly(True)
        self.done_spin.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self._count_unit(self.done_spin.value())  # the unit back, for the number kept
        self.edit_hint.hide()
        if self.edit_button.parentWidget() is not None:  # not while being built: a window of its own
            self.edit_button.show()
        if self.done_spin.hasFocus():
            self.setFocus()

    def _carry_on(self) -> None:
        self._show_advice(False)
        self.setFocus()

    def rate_key(self, value: int) -> None:
        """A number key: rate pain during the last set, when it is asked."""
        current = self.engine.current if self.engine is not None else None
        if not self.after_set.isHidden() and self.pain_buttons[value].isVisible():
            self.pain_buttons[value].click()
        elif self.after_set.isHidden() and current is not None and not current.exercise.ask_pain:
            self.show_notice(f"{current.exercise.name} does not ask for a pain rating during it.", this_phase=True)
        elif self.after_set.isHidden():
            self.show_notice("Pain during a set is rated once the set is done, in the rest "
                             "after it: press a number key 0 to 9 then.", this_phase=True)
        elif self._last_result is not None and self._last_result.segment.exercise.ask_pain:
            self.show_notice("Nothing to rate: that set was skipped before any of it was done. "
                             "If you did it, press E to correct the count first.", this_phase=True)
        else:
            self.show_notice("This exercise does not ask for a pain rating during it.", this_phase=True)

    def page_howto(self, step: int) -> None:
        """Page Down (``step`` 1) / Page Up (-1): scroll the how-to a page of
        whole lines; while it is hidden, say how to show it."""
        if self.howto_scroll.isHidden():
            self.show_notice("Page Down and Page Up scroll the how-to: press H to show it.")
            return
        self.howto_scroll.page(step)

    def add_rest_key(self) -> None:
        """+ adds 15 s to a rest; at any other time it says when it works."""
        engine = self.engine
        if engine is not None and engine.current is not None and (
                engine.current.phase is not Phase.REST or engine.paused):
            self.show_notice("+ adds 15 seconds to a rest: it works while a rest runs."
                             + (" Resume first (Space)." if engine.paused else ""), this_phase=True)
            return
        self._command("add_rest")

    def _unit_of(self, value: float) -> str:
        """The unit after ``value`` in the last set's count: " s", or " rep" / " reps"."""
        result = self._last_result
        timed = result is not None and result.actual_reps is None
        return " s" if timed else " " + noun(round(value), "rep")

    def _count_unit(self, value: int) -> None:
        """The count's unit by the set's dose kind: seconds, or "1 rep" / "2 reps"."""
        self.done_spin.setSuffix(self._unit_of(value))

    def _count_edited(self, value: int) -> None:
        self._count_unit(value)
        self._show_pain_row()  # a skipped set corrected to a count: its pain is asked now
        engine, result = self.engine, self._last_result
        if engine is None or result is None:
            return
        if result.actual_reps is not None:
            engine.amend(result.seq, reps=value)
        else:
            engine.amend(result.seq, seconds=float(value))

    def rate_pain(self, value: int) -> None:
        """Pain during the last set; above the threshold, suggest stopping."""
        result = self._last_result
        if result is None:
            return
        self._rated = value
        for i, button in enumerate(self.pain_buttons):
            button.setChecked(i == value)
        # said in words too: a checked button's shade is faint in some styles
        # and gone on focus mode's black
        earlier = self._earlier
        kept = value if earlier is None else max(value, earlier)  # a redo never hides the earlier pain
        self._pain_by_seq[result.seq] = kept
        self.pain_label.setText(PAIN_LABEL_CHOSEN.format(value=value))
        if earlier is not None:
            self.earlier_note.setText(f"The earlier attempt's {kept} is kept." if kept != value else
                                      f"Your {value} is kept (the earlier attempt's was {earlier}).")
        self.painRated.emit(result.seq, kept)
        # on a kept attempt the rating is that attempt's, the higher one standing
        self._advise(result, kept if self._showing_kept else value)

    def _advise(self, result: SetResult, value: int) -> None:
        """The stop advice when pain ``value`` during ``result``'s set is above
        the runner's limit and the exercise has sets left; else none."""
        limit = self.pain_threshold()
        if value > limit and self.engine is not None and self.engine.sets_left(result.segment.step_index) > 0:
            self.advice.setText(
                f"Pain {value}/10 is above your limit of {limit}/10. It is wise to stop "
                f"{result.segment.exercise.name} for today and move on."
            )
            self._show_advice(True)
            self.stop_exercise_button.setFocus()
        else:
            self._show_advice(False)

    def _show_advice(self, shown: bool) -> None:
        """Show or hide the stop advice. It takes the cue's place while it asks:
        the cue (how to do the next set) is back once it is answered, and the
        rest fits whole at 800 x 600."""
        self.advice_row.setVisible(shown)
        self.cue_label.setVisible(not shown)

    def _stop_exercise_for_pain(self) -> None:
        result = self._last_result
        if self.engine is not None and result is not None and self.engine.running:
            self.engine.skip_exercise(result.segment.step_index)
        self._show_advice(False)
        self.refresh()

    def flash(self) -> None:
        """A visual cue: the card lights up briefly (used when sound is off)."""
        self.flashes += 1
        palette = self.card.palette()
        palette.setColor(self.card.backgroundRole(), QColor(FLASH))
        # dark words on it in every theme: focus mode's white digits all but
        # vanished on the yellow, 1.4:1 (twenty-sixth re-test)
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(role, QColor(FLASH_TEXT))
        self.card.setPalette(palette)
        QTimer.singleShot(160, self._end_flash)

    def _end_flash(self) -> None:
        self.card.setPalette(self.palette())

    def set_focus_mode(self, on: bool) -> None:
        """Very large digits, high contrast (the window goes full screen)."""
        self.focus_mode = on
        self.setAutoFillBackground(on)
        if on:
            palette = focus_palette(self.palette())
            self.setPalette(palette)
            self.card.setPalette(palette)
            # the bars keep a visible track on black: a grey groove 3:1 against
            # the black, the yellow fill 4.7:1 against the groove
            track = QPalette(palette)
            for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Window, QPalette.ColorRole.Mid,
                         QPalette.ColorRole.Button):
                track.setColor(role, QColor(FOCUS_TRACK))
            for bar in (self.progress, self.tempo_bar):
                bar.setPalette(track)
        else:
            self.setPalette(QPalette())  # back to the application's palette
            self.card.setPalette(QPalette())
            for bar in (self.progress, self.tempo_bar):
                bar.setPalette(QPalette())
        # the window around this screen goes white on black too: no light frame
        # round it, and every page shown in focus mode (the pain checks, the
        # summary, home after it) is readable: a black window behind the light
        # theme's black words hid them all (eleventh re-test)
        window = self.window()
        central = window.centralWidget() if isinstance(window, QMainWindow) else None
        if central is not None:
            central.setPalette(focus_palette(central.palette()) if on else QPalette())
            central.setAutoFillBackground(on)
        # a clean screen: no illustration or button, but H still shows the how-to
        self.howto_button.setVisible(not on)
        self.illustration.setVisible(not on and not self.howto_button.isChecked())
        self._size_countdown()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt naming)
        """Left (the session ended or was stopped): a notice given during it
        belongs to it, and must not greet the next session."""
        self.notice_timer.stop()
        self.notice.hide()
        super().hideEvent(event)

    def show_notice(self, text: str, ms: int = 4000, this_phase: bool = False) -> None:
        """A message for ``ms`` milliseconds in its own row under the header
        (the digits make room): where the status bar is hidden (focus mode),
        messages still reach the runner, and they cover nothing. With
        ``this_phase`` (a reply about what the present phase allows: "rated
        once the set is done"), it goes when the phase ends, never to stand
        beside the controls that now do what it said to wait for."""
        current = self.engine.current if self.engine is not None else None
        self._notice_phase = current.seq if this_phase and current is not None else None
        self.notice.setText(text)
        self.notice.show()
        self.notice_timer.start(ms)

    def session_finished(self, summary: SessionSummary) -> None:
        self.timer.stop()
        if self.engine is not None:
            self.engine.remove_listener(self)
        self.engine = None
        self.finished.emit(summary)

    # -- commands ----------------------------------------------------------
    def on_timer(self) -> None:
        self._command("tick")
        if self.engine is not None and self.engine.running:
            self.timer.start(self.next_frame_ms())

    def next_frame_ms(self) -> int:
        """Milliseconds until the next repaint: the next change of the shown
        second, or sooner while the tempo bar moves."""
        engine = self.engine
        if engine is None or engine.paused:
            return IDLE_FRAME_MS
        remaining = engine.remaining()
        to_change = round(remaining - math.floor(remaining), 6) or 1.0
        wait = to_change * 1000 + 1  # just past the boundary, never just before
        if engine.tempo_part() is not None:
            wait = min(wait, TEMPO_FRAME_MS)
        return max(1, min(IDLE_FRAME_MS, math.ceil(wait)))

    def _command(self, name: str) -> None:
        engine = self.engine
        if engine is None or not engine.running:
            return
        self.last_command = name  # "tick": the clock moved it on, not a key
        getattr(engine, name)()
        if self.engine is not None:
            self.refresh()

    @contextmanager
    def held(self) -> Iterator[None]:
        """The session paused for as long as the block runs (a question asked
        during it: stop? quit?), then running again unless it ended or was
        paused already. Without a running session, nothing happens."""
        engine = self.engine
        hold = engine is not None and engine.running and not engine.paused
        if hold:
            assert engine is not None
            engine.pause()
            self.refresh()
        try:
            yield
        finally:
            if hold and self.engine is engine and engine is not None and engine.running and engine.paused:
                engine.resume()
                self.refresh()

    def hold_while_open(self, dialog: QWidget) -> None:
        """The session held (see :meth:`held`) while ``dialog`` (the keys list,
        Settings, an export opened during a set) is open over it, and running
        again when it closes, as for a question asked during it (twenty-eighth
        re-test: a set began unseen behind the keys list)."""
        from contextlib import ExitStack

        finished = getattr(dialog, "finished", None)
        if finished is None:
            return
        holding = ExitStack()
        holding.enter_context(self.held())
        finished.connect(lambda *_: holding.close())

    def request_stop(self) -> None:
        """Esc or Stop: ask first (the session held meanwhile), then stop."""
        engine = self.engine
        if engine is None or not engine.running:
            return
        with self.held():
            stop = self.confirm_stop()
            if stop:
                self._command("stop")

    def confirm_stop(self) -> bool:
        """Ask before ending the session (tests replace this)."""
        from ...shell.asker import ask

        return ask(self, "Stop this session?",
                   "Stop the session now? The sets you have finished are kept in your history.")

    # -- painting ----------------------------------------------------------
    def refresh(self) -> None:
        engine = self.engine
        if engine is None:
            return
        seg = engine.current
        if seg is None:
            return
        bg, fg = PHASE_COLOURS[seg.phase]
        title = PHASE_TITLES[seg.phase]
        if engine.paused:
            title = "Paused"
            bg, fg = "#444444", "#ffffff"
        last_check = seg.phase is Phase.REST and engine.next_work() is None  # after the last set
        if last_check and not engine.paused:
            title = "Last set done"
        self.phase_band.setText(title.upper())
        if (bg, fg) != self._band_colours:  # a style sheet costs a re-polish: only on a change
            self._band_colours = (bg, fg)
            self.phase_band.setStyleSheet(
                f"background:{bg}; color:{fg}; border-radius:6px; padding:6px;"
                " font-size:22px; font-weight:600; letter-spacing:2px;"
            )
        self.countdown_label.setText(countdown_clock(engine.remaining()))
        steps = len(engine.routine.steps)
        self.step_label.setText(f"Exercise {seg.step_index + 1} of {steps}")

        if seg.phase is Phase.WORK:
            shown = seg
        else:
            shown = engine.next_work() or seg
        step = shown.step
        self._show_exercise(step.exercise)
        self.load_row.show_for(step)
        part = engine.tempo_part()
        self.tempo_row.setVisible(part is not None)
        if part is not None:
            self.tempo_label.setText(beat_word(seg.step, part[0]))
            self.tempo_bar.setValue(int(part[1] * 1000))
        # the last set's count and rating go when the next set, or its countdown,
        # begins: after Back that countdown is for the very set the row was
        # about, and its old count looked like the result (seventeenth re-test)
        if seg.phase in (Phase.WORK, Phase.GET_READY) and not self.after_set.isHidden():
            self._end_editing(keep=True)
            self.after_set.hide()
            if not self.advice_row.isHidden() and self._last_result is not None and (
                self._last_result.segment.step_index != seg.step_index
            ):
                self._show_advice(False)
        prefix = "Last set: " if last_check else "Next: " if seg.phase is not Phase.WORK else ""
        self.exercise_label.setText(prefix + step.exercise.name)
        extras = step.extras_label().lstrip(", ")
        level = f"{step.level_note}. " if step.level_note else ""
        self.cue_label.setText(
            ("Rate the pain during it (a number key) and correct its count (E) if need be; "
             "the summary follows (Right: now)." if self._pain_asked() else
             "Skipped before any of it was done: if you did it, correct its count (E) and rate "
             "it; the summary follows (Right: now).") if last_check else
            f"{level}{extras[:1].upper()}{extras[1:]}. {step.exercise.cue}" if extras
            else f"{level}{step.exercise.cue}"
        )
        side = f" · {SIDE_WORDS[shown.side]}" if shown.side is not Side.BOTH else ""
        again = " again" if engine.redoing else ""  # gone Back to it
        self.set_label.setText(f"Set {shown.set_number} of {step.sets}{again}{side}")
        if seg.phase is Phase.WORK and step.kind is DoseKind.REPS:
            self.rep_label.setText(f"Rep {engine.current_rep()} of {seg.target_reps}")
        elif seg.phase is Phase.WORK:
            self.rep_label.setText(set_instruction(step))
        elif seg.phase is Phase.SWITCH:
            self.rep_label.setText(f"Change to the {shown.side} leg")
        else:  # the dose alone: its load, band or balance level are in the words above
            self.rep_label.setText(dose_phrase(step))

        self.progress.setValue(int(engine.progress() * 1000))
        left = engine.seconds_left()
        self.progress_text.setText(f"{round(engine.progress() * 100)}% · about {countdown_clock(left)} left")
        upcoming = engine.upcoming_exercise()
        # in a set, "after this exercise" (sets of it may remain); in a pause,
        # after the exercise it leads into, named: "After this exercise" in a
        # rest read as after the one just done (twenty-eighth re-test), and
        # "Then: the end of the session" before set 2 of 3 as if it came next
        # (twenty-ninth)
        leads_into = engine.next_work() if seg.phase is not Phase.WORK else None
        lead = f"After {leads_into.exercise.name}" if leads_into is not None else "After this exercise"
        self.next_label.setText(
            f"{lead}: {upcoming.exercise.name} ({upcoming.step.dose_label()})" if upcoming
            else f"{lead}: the end of the session"
        )
        self.pause_button.setText(PAUSE_WORDS[1] if engine.paused else PAUSE_WORDS[0])
        self.add_rest_button.setEnabled(seg.phase is Phase.REST and not engine.paused)

    def _show_exercise(self, exercise: Exercise) -> None:
        if getattr(self, "_shown_exercise", None) == exercise.id:
            return
        self._shown_exercise = exercise.id
        self.illustration.load(str(asset("illustrations", f"{exercise.illustration}.svg")))
        self.howto.setText(howto_html(exercise, list_style="margin-left:-20px"))
        self.howto_scroll.to_top()  # a new exercise's steps from the first

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        if not self._session_key(event):
            super().keyPressEvent(event)

    def _session_key(self, event: QKeyEvent) -> bool:
        """Run the session key ``event`` stands for; False if it is not one."""
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False  # the window's shortcuts (Ctrl+Q, ...)
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            if any(w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                   for w in self.findChildren(QWidget)):
                return False  # Tab moves to the after-set rows, the weight, the how-to
            # the buttons take no focus (Space must reach the screen); in focus mode Esc leaves it first
            self.show_notice(TAB_SAYS.replace("Esc stops.", "Esc leaves focus mode, then stops.")
                             if self.focus_mode else TAB_SAYS)
            return True
        action = self._keys.get(Qt.Key(event.key()))
        if action is None:
            return False
        if not event.isAutoRepeat():
            action()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and not _typing_into(watched) and watched is not self):
            if self._session_key(event):
                return True
        if watched is self.done_spin and self.editing and event.type() in (
            QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride
        ):
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the edit's keys, not the session's Esc
                    return True
                self._end_editing(keep=key != Qt.Key.Key_Escape)
                return True
        if watched is self.countdown_label and event.type() == QEvent.Type.Resize:
            self._size_countdown()
        return False

    def _size_countdown(self) -> None:
        # Digits as big as the space for them allows: readable across a room.
        # "0:00" is about 2.6 digit-heights wide in a bold sans font.
        label = self.countdown_label
        size = max(40, min(int(label.height() * 0.9), int(label.width() / 2.8)))
        font = QFont(self.countdown_label.font())
        font.setPixelSize(size)
        font.setWeight(QFont.Weight.Bold)
        self.countdown_label.setFont(font)


# The session's keys work whatever has focus on the screen (a focused button or
# rating does not swallow them); the count being corrected takes the keys it
# types, which is why correcting it is an explicit mode. F1 lists them
# (ui/dialogs/about.py SHORTCUTS).
def _typing_into(widget: QObject) -> bool:
    """True for an editable number or text box (the count being corrected, a
    weight): what the runner types there is not a session key."""
    from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit

    for kind in (QAbstractSpinBox, QLineEdit):
        if isinstance(widget, kind) and not widget.isReadOnly():
            return True
    return False


TAB_SAYS = ("The session's keys work without Tab: Space pauses, Left and Right go back and skip, "
            "+ adds rest, H shows how to, Esc stops. F1 lists them all.")


def session_keys(screen: SessionScreen) -> dict[Qt.Key, Callable[[], None]]:
    """The session's keys and what each does on ``screen``."""

    def advice(button: QPushButton) -> None:
        if not screen.advice_row.isHidden():
            button.click()
        else:
            screen.show_notice("X and C answer the pain advice, when it is shown.")

    def escape() -> None:
        window = screen.window()
        if screen.focus_mode and hasattr(window, "toggle_focus_mode"):
            window.toggle_focus_mode()  # Esc leaves focus mode first
        else:
            screen.request_stop()

    keys: dict[Qt.Key, Callable[[], None]] = {
        Qt.Key.Key_Space: lambda: screen._command("toggle_pause"),
        Qt.Key.Key_Right: lambda: screen._command("skip"),
        Qt.Key.Key_Left: lambda: screen._command("back"),
        Qt.Key.Key_Plus: screen.add_rest_key,
        Qt.Key.Key_Escape: escape,
        Qt.Key.Key_H: screen.howto_button.toggle,
        Qt.Key.Key_PageDown: lambda: screen.page_howto(1),
        Qt.Key.Key_PageUp: lambda: screen.page_howto(-1),
        Qt.Key.Key_E: screen.start_editing,
        Qt.Key.Key_X: lambda: advice(screen.stop_exercise_button),
        Qt.Key.Key_C: lambda: advice(screen.carry_on_button),
    }
    for value in range(10):
        keys[Qt.Key(Qt.Key.Key_0.value + value)] = lambda v=value: screen.rate_key(v)
    return keys
