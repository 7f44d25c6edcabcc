"""The pain check before a session and the summary after it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ....core.engine import SessionStatus, SessionSummary
from ....core.model import Routine
from ...widgets import format_clock, set_font

PAIN_WORDS = {
    0: "no pain",
    1: "very mild",
    2: "mild",
    3: "mild",
    4: "moderate",
    5: "moderate",
    6: "quite bad",
    7: "severe",
    8: "severe",
    9: "very severe",
    10: "worst imaginable",
}


#: The lowest rating the scale calls severe: before a session, the pain check
#: says again what the welcome note says of severe pain.
SEVERE = min(rating for rating, words in PAIN_WORDS.items() if "severe" in words)
SEVERE_BEFORE = ("You rate your pain as severe. If pain is severe or keeps getting worse, see a health "
                 "professional before you exercise. If you start, stop as soon as it gets worse.")

#: Pixels kept free round controls in a scroll area for the focus ring (2 px wide).
FOCUS_RING_ROOM = 3


class PainScale(QWidget):
    """A labelled 0-10 numeric rating scale, usable by keyboard and mouse.

    It holds no rating until the runner gives one (an arrow key, a number key,
    the mouse, or :meth:`setValue`): a starting point offered with
    :meth:`offer` is shown but still needs confirming. ``chosenChanged`` tells
    the page when its main button may record the rating. With ``arrows_choose``
    False (the summary, reached by the session's Left/Right keys) the first
    choice needs a number key, End/Home or the mouse: arrows pressed on from the
    session never record a rating; once chosen, arrows adjust it.
    """

    valueChanged = Signal(int)
    chosenChanged = Signal(bool)

    #: Called on a number key before it rates; True refuses it (the caller says
    #: why): a key pressed as the page opened by itself was meant for the page
    #: before it (the summary, opened as the last set's rating time ran out).
    too_soon: Callable[[], bool] = staticmethod(lambda: False)  # type: ignore[assignment]

    def __init__(self, question: str, parent: QWidget | None = None, *,
                 arrows_choose: bool = True) -> None:
        super().__init__(parent)
        self.arrows_choose = arrows_choose
        self.question = QLabel(question)
        self.question.setWordWrap(True)
        self.question.setObjectName("painQuestion")
        set_font(self.question, 1.4)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setPageStep(1)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setAccessibleName(question)
        self.slider.setAccessibleDescription(
            "0 means no pain, 10 the worst pain imaginable; " + (
                "arrow keys or a number key choose" if arrows_choose
                else "a number key chooses (End for 10), then arrow keys adjust"))
        self.value_label = QLabel()
        self.value_label.setObjectName("painValue")
        self.value_label.setWordWrap(True)
        set_font(self.value_label, 2.1, bold=True)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        ends = QHBoxLayout()
        ends.addWidget(QLabel("0  no pain"))
        ends.addStretch(1)
        ends.addWidget(QLabel("worst imaginable  10"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.value_label)
        layout.addWidget(self.slider)
        layout.addLayout(ends)
        layout.addWidget(self.hint)
        self.question.setBuddy(self.slider)
        self.chosen = False
        self._start: int | None = None
        self.slider.valueChanged.connect(self._changed)
        self.slider.actionTriggered.connect(lambda _action: self._choose())
        self.slider.sliderPressed.connect(self._choose)
        self.slider.installEventFilter(self)
        self.offer(None)

    def value(self) -> int | None:
        """The rating chosen (0-10), or None while none was chosen."""
        return self.slider.value() if self.chosen else None

    def setValue(self, value: int) -> None:  # noqa: N802 (Qt naming)
        """Choose ``value`` (0-10): an explicit rating."""
        self.slider.setValue(value)
        self._choose()

    def offer(self, start: int | None) -> None:
        """Clear the choice; show ``start`` (pain before) as a starting point, if any."""
        self._start = start
        self.chosen = False
        self.slider.blockSignals(True)
        self.slider.setValue(start or 0)
        self.slider.blockSignals(False)
        self._show()
        self.chosenChanged.emit(False)

    def _choose(self) -> None:
        if not self.chosen:
            self.chosen = True
            self.chosenChanged.emit(True)
        self._show()

    def _changed(self, value: int) -> None:
        self._choose()
        self.valueChanged.emit(value)

    def _show(self) -> None:
        value = self.slider.value()
        if self.chosen:
            self.value_label.setText(f"{value} / 10 · {PAIN_WORDS[value]}")
            self.hint.setText("")
        elif self._start is None:
            self.value_label.setText("Not rated yet")
            self.hint.setText(("Choose with the arrow keys or a number key (End for 10), "
                               if self.arrows_choose
                               else "Choose with a number key (End for 10; then arrows adjust it), ")
                              + "or skip the rating.")
        else:
            self.value_label.setText(f"Before: {value} / 10 · {PAIN_WORDS[value]}")
            self.hint.setText(f"That was your rating before the session: press a number key "
                              f"for your pain now ({value} to keep it, End for 10), "
                              f"or finish without rating.")

    def rate_key(self, event: QKeyEvent) -> bool:
        """Rate with ``event``'s key if it is a number key (0-9) or End (10), wherever
        the focus is on the page (the page passes them on); True if it rated."""
        text = event.text()
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False  # Alt+W, Ctrl+1: the window's shortcuts, not a rating
        if (len(text) == 1 and text.isdigit() or event.key() == Qt.Key.Key_End) and self.too_soon():
            return True  # meant for the page before (see too_soon): said, not taken
        if len(text) == 1 and text.isdigit():
            self.setValue(int(text))
            return True
        if event.key() == Qt.Key.Key_End:
            self.setValue(10)
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if watched is self.slider and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self.rate_key(event):
                return True
            if not self.chosen and not self.arrows_choose and event.key() in _ARROWS:
                return True  # a session key carried over: never a rating
        return False


_ARROWS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down,
           Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class _Page(QWidget):
    """A page whose main button Enter presses, and whose Back button Esc
    presses, as in a dialog (keys the focused control does not use reach it).

    A key the page refuses never does nothing silently: Enter while the main
    button is unavailable shows :meth:`refusal` in the page's own note, and
    :meth:`say` shows any other message there (a window shortcut refused
    while a session is open, for instance)."""

    main_button: QPushButton
    back_button: QPushButton | None = None
    note: QLabel

    def _add_note(self, layout: QVBoxLayout) -> None:
        """The page's note (hidden until there is something to say), in ``layout``."""
        self.note = QLabel()
        self.note.setObjectName("pageNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_font(self.note, 1.15, bold=True)
        self.note.hide()
        layout.addWidget(self.note)

    def say(self, text: str) -> None:
        """Show ``text`` in the page's note, until the page is shown again."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def refusal(self) -> str:
        """Why the main button is unavailable now (pages that disable it say)."""
        return f"{self.main_button.text().replace('&', '')} is not available yet."

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        scale = getattr(self, "scale", None)
        if isinstance(scale, PainScale) and scale.rate_key(event):
            # a number key or End rates from anywhere on the page; the keyboard
            # goes to the scale, so Enter then records that rating (on "without
            # rating" it would have thrown the rating away)
            scale.slider.setFocus()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.main_button.isEnabled():
                self.main_button.click()
            else:
                self.say(self.refusal())
        elif event.key() == Qt.Key.Key_Escape and self.back_button is not None:
            self.back_button.click()
        elif event.key() == Qt.Key.Key_Escape and self.no_way_back():
            self.say(self.no_way_back())
        else:
            super().keyPressEvent(event)

    def no_way_back(self) -> str:
        """What Esc says on a page with no Back button ("" lets Esc go on to the window)."""
        return ""

    def showEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt naming)
        self.say("")  # a note belongs to the visit it was given in
        super().showEvent(event)


class PainCheckPage(_Page):
    """Asks for pain right now (0-10) before the session starts."""

    accepted = Signal(object)  # int, or None when the user chose not to answer
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        set_font(self.heading, 1.8, bold=True)
        self.scale = PainScale("How much does your ankle hurt right now?")
        self.start_button = QPushButton("Start")
        self.start_button.setAutoDefault(True)  # Enter presses it; not "default", which looks focused for good
        self.start_button.setAccessibleName("Record this pain rating and start")
        self.skip_button = QPushButton("Start &without rating")
        self.back_button = QPushButton("Back")
        self.start_button.clicked.connect(lambda: self.accepted.emit(self.scale.value()))
        self.scale.chosenChanged.connect(self.start_button.setEnabled)
        self.skip_button.clicked.connect(lambda: self.accepted.emit(None))
        self.back_button.clicked.connect(self.cancelled.emit)
        self.main_button = self.start_button
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.start_button)
        column = _centred_column(self)
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addWidget(self.scale)
        self._add_note(column)
        self.scale.chosenChanged.connect(lambda chosen: chosen and self._said_of_rating())
        self.scale.valueChanged.connect(lambda _value: self._said_of_rating())
        column.addStretch(1)
        column.addLayout(buttons)

    def _said_of_rating(self) -> None:
        """Severe pain chosen: what the welcome note says of it, again, here
        (twenty-eighth re-test: 9/10 "very severe" started a session without a
        word); any other rating clears the note."""
        value = self.scale.value()
        self.say(SEVERE_BEFORE if value is not None and value >= SEVERE else "")

    def refusal(self) -> str:
        return ("Choose a pain rating first: a number key 0 to 9, or End for 10. "
                "Or press Alt+W to start without rating.")

    def prepare(self, routine: Routine) -> None:
        self.heading.setText(f"Before you start: {routine.name}")
        self.scale.offer(None)


class SummaryPage(_Page):
    """The end of a session: what was done, and pain now."""

    done = Signal(object)  # int | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)  # a long routine name wraps, never cut
        self.details = QLabel()
        self.details.setObjectName("summaryDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)  # a long last line wraps: never cut at 800 x 600
        set_font(self.heading, 1.8, bold=True)
        set_font(self.details, 1.4)
        self.scale = PainScale("And how much does it hurt now?", arrows_choose=False)
        self.save_button = QPushButton("Save and finish")
        self.save_button.setAutoDefault(True)  # Enter presses it; not "default", which looks focused for good
        self.skip_button = QPushButton("Finish &without rating")
        self.save_button.clicked.connect(lambda: self.done.emit(self.scale.value()))
        self.scale.chosenChanged.connect(self.save_button.setEnabled)
        self.skip_button.clicked.connect(lambda: self.done.emit(None))
        self.main_button = self.save_button
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        column = _centred_column(self)
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addWidget(self.details)
        column.addSpacing(24)
        column.addWidget(self.scale)
        self._add_note(column)
        self.scale.chosenChanged.connect(lambda chosen: chosen and self.say(""))
        column.addStretch(1)
        column.addLayout(buttons)

    def refusal(self) -> str:
        return ("Choose a pain rating first: a number key 0 to 9, or End for 10. "
                "Or press Alt+W to finish without rating.")

    TO_FINISH = ("To finish, press a number key 0 to 9 (End for 10) for your pain now, then Enter; "
                 "or press Alt+W to finish without rating.")
    #: The session's own keys, pressed on here: what each cannot do now.
    SESSION_KEYS = {
        Qt.Key.Key_E: "so E has no set to correct (a set's count is corrected in the rest after it)",
        Qt.Key.Key_Space: "so Space has nothing to pause",
        Qt.Key.Key_H: "so H has no exercise to show",
        Qt.Key.Key_Plus: "so + has no rest to lengthen",
    }

    def no_way_back(self) -> str:
        return f"The session is over, so Esc has nothing to stop. {self.TO_FINISH}"

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        """A session key pressed here says why it does nothing (twenty-eighth
        re-test: E on the summary did nothing and said nothing)."""
        said = self.SESSION_KEYS.get(Qt.Key(event.key()))
        if said and not event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier):
            self.say(f"The session is over, {said}. {self.TO_FINISH}")
            return
        super().keyPressEvent(event)

    def show_summary(self, routine: Routine, summary: SessionSummary,
                     pain_before: int | None = None) -> None:
        """Show ``summary``; pain now starts from ``pain_before`` (still to confirm)."""
        if summary.status is SessionStatus.COMPLETED and summary.sets_completed >= summary.sets_planned:
            self.heading.setText(f"Well done: “{routine.name}” complete")
        elif summary.status is SessionStatus.COMPLETED:
            # run to its end with some sets skipped or stopped part-way: finished,
            # and counted for the week, but not "complete" (fifteenth re-test)
            self.heading.setText(f"Session finished, not every set in full: “{routine.name}”")
        else:
            # stopped, or no set done in full: "cut short" is true of both ("stopped"
            # was untrue when no Stop was pressed, "ended early" when it ran to its end)
            self.heading.setText(f"Session cut short: “{routine.name}”")
        self.details.setText(
            f"Time: {format_clock(summary.elapsed_seconds)}\n"
            f"Sets done in full: {summary.sets_completed} of {summary.sets_planned}\n"
            + (f"Sets stopped part-way: {summary.sets_partly_done}\n" if summary.sets_partly_done else "")
            + f"Sets skipped: {summary.sets_skipped - summary.sets_partly_done}"
            + ("\nNothing was done in any set, so this session does not count anywhere (your "
               "week, charts or report)." if not summary.anything_done else
               "\nNo set was done in full; what you did is kept in your history, charts "
               "and report." if summary.sets_completed == 0 else "")
        )
        self.scale.offer(pain_before)


def _centred_column(page: QWidget, width: int = 720) -> QVBoxLayout:
    """A layout for ``page`` whose content sits in a centred column."""
    inner = QWidget()
    inner.setMaximumWidth(width)
    outer = QHBoxLayout(page)
    outer.addStretch(1)
    outer.addWidget(inner, 100)
    outer.addStretch(1)
    return QVBoxLayout(inner)




class SafetyCheckPage(_Page):
    """Red flags, before the first session of the day."""

    answered = Signal(object)  # dict[str, bool]
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtWidgets import QCheckBox

        from ....core.safety import RED_FLAGS

        heading = QLabel("A quick safety check before today's first session")
        heading.setObjectName("pageHeading")
        heading.setWordWrap(True)
        set_font(heading, 1.6, bold=True)
        intro = QLabel("Tick anything that is true for you today (Space ticks). If none are, Continue (Alt+C).")
        intro.setWordWrap(True)
        set_font(intro, 1.15)
        self.boxes = {}
        column = _centred_column(self)
        column.addStretch(1)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(12)
        import textwrap

        from PySide6.QtWidgets import QFrame, QScrollArea

        # the questions scroll when the window is short, so the list can grow
        # without making every other page taller
        holder = QWidget()
        questions = QVBoxLayout(holder)
        # room for the focus ring, drawn just outside a check box: against the
        # scroll area's edge the first box's ring was cut off at the top
        questions.setContentsMargins(FOCUS_RING_ROOM, FOCUS_RING_ROOM, FOCUS_RING_ROOM, FOCUS_RING_ROOM)
        for flag in RED_FLAGS:
            # a check box does not wrap its text: break long questions into lines
            box = QCheckBox(textwrap.fill(flag.question, 90))
            box.setAccessibleName(flag.question)
            set_font(box, 1.1)
            self.boxes[flag.id] = box
            questions.addWidget(box)
        questions.addStretch(1)
        scroll = QScrollArea()
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the questions, which scroll into view
        column.addWidget(scroll, 20)
        column.addStretch(1)
        self.continue_button = QPushButton("&Continue")
        self.continue_button.setAutoDefault(True)  # Enter presses it; not "default", which looks focused for good
        self.back_button = QPushButton("Back")
        self.continue_button.clicked.connect(
            lambda: self.answered.emit({k: b.isChecked() for k, b in self.boxes.items()})
        )
        self.back_button.clicked.connect(self.cancelled.emit)
        self.main_button = self.continue_button
        self._add_note(column)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        column.addLayout(buttons)

    ENTER_ON_A_BOX = ("Space ticks or clears a question; Enter does not. When your answers are "
                      "right, press Alt+C (or Tab to Continue and press Enter).")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        """Safety first: Enter on a red-flag question never goes on past it. A
        runner who meant to tick it (Enter ticks in some programs) would
        otherwise start a session with a red flag unsaid; the page says how
        to tick and how to go on."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and any(
                box.hasFocus() for box in self.boxes.values()):
            self.say(self.ENTER_ON_A_BOX)
            return
        super().keyPressEvent(event)

    def reset(self, answers: dict[str, bool] | None = None) -> None:
        """Clear the boxes, or tick ``answers`` (question id -> ticked) to change them."""
        for key, box in self.boxes.items():
            box.setChecked(bool((answers or {}).get(key)))
        next(iter(self.boxes.values())).setFocus()


class SafetyStopPage(_Page):
    """Shown when a red flag was ticked: no session, and where to seek care."""

    done = Signal()
    change = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        set_font(self.heading, 1.8, bold=True)
        self.advice = QLabel()
        self.advice.setObjectName("safetyAdvice")
        self.advice.setWordWrap(True)
        set_font(self.advice, 1.4)
        note = QLabel(
            "Ankle Trainer gives exercise guidance, not a diagnosis. Your answers are kept "
            "in your history."
        )
        note.setWordWrap(True)
        self.home_button = QPushButton("Back to the home screen")
        self.home_button.clicked.connect(self.done.emit)
        self.change_button = QPushButton("Change my answers")
        self.change_button.setToolTip("Ticked something by mistake? Answer the check again.")
        self.change_button.clicked.connect(self.change.emit)
        self.main_button = self.home_button
        column = _centred_column(self)
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addSpacing(12)
        column.addWidget(self.advice)
        column.addSpacing(12)
        column.addWidget(note)
        self._add_note(column)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.change_button)
        row.addStretch(1)
        row.addWidget(self.home_button)
        column.addLayout(row)

    def show_outcome(self, outcome: object) -> None:
        from ....core.safety import ADVICE, Outcome

        assert isinstance(outcome, Outcome)
        self.heading.setText(
            "Please get help now" if outcome is Outcome.EMERGENCY else "No exercise today"
        )
        self.advice.setText(ADVICE[outcome])
        self.home_button.setFocus()

    def show_decision(self, decision: object, allowed: Sequence[str] = ()) -> None:
        """A :class:`core.safety.Decision`: its heading and each flag's advice;
        when only the chosen routine is ruled out, the routines (``allowed``,
        by name) that can still be done today, or that none can."""
        from ....core.safety import Decision

        assert isinstance(decision, Decision)
        self.heading.setText(decision.heading())
        lines = list(decision.advice)
        if decision.routine_blocked and not decision.stops:
            lines.append(  # a name a line: names hold commas ("Resistance band, four directions")
                "Routines you can still do today:\n" + "\n".join(f"• {name}" for name in allowed)
                + "\nChoose one on the home screen." if allowed else
                "None of your routines can be done today with these answers."
            )
        self.advice.setText("\n\n".join(lines))
        self.home_button.setFocus()
