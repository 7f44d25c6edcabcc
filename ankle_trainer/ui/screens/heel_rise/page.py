"""The guided single-leg heel-rise test: left leg, then right, to fatigue at a
set beat (the studied protocol: a 10-degree incline, 60 beats a minute); the
left-right limb symmetry index, the published medians as a rough guide, and
results over time. Not offered on a day the safety check ruled it out.

The count comes from ``core.heel_rise.HeelRiseTimer`` on the injected clock;
a precise timer only repaints and plays the beat.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ....core.clock import Clock
from ....core.cues import CueSink, Sound
from ....core.heel_rise import (
    DEFAULT_SYMMETRY_FLAG,
    MEASUREMENT_ERROR,
    PROTOCOL_INCLINE_DEGREES,
    HeelRiseTimer,
    assess,
)
from ....core.text import count, countdown_seconds
from ....storage.errors import StorageError
from ....storage.history import HistoryRepository
from ...fields import NotedSpinBox
from ...reflow import StepStack, whole_combo
from ...widgets import LEAD, NOTE, SECTION, TITLE, compact_form, hold_width, page_header, set_font

SIDES = ("left", "right")
GET_READY_SECONDS = 5  # to stand on the incline, fingertips on the wall, before the first "Up"
SEXES = (("Not given", None), ("Female", "female"), ("Male", "male"))
NEXT_WORDS = ("Now the right leg", "See the result")  # the button after each leg


#: The question asked before leaving a test half done.
LEAVE_TITLE = "Leave the heel-rise test?"


class HeelRisePage(QWidget):
    homeRequested = Signal()
    failed = Signal(str)

    def __init__(
        self,
        repo: HistoryRepository,
        clock: Clock,
        beat_seconds: Callable[[], float],
        cues: CueSink | None = None,
        parent: QWidget | None = None,
        symmetry_flag: Callable[[], int] = lambda: DEFAULT_SYMMETRY_FLAG,
    ) -> None:
        super().__init__(parent)
        self.repo = repo
        self.clock = clock
        self.beat_seconds = beat_seconds
        self.symmetry_flag = symmetry_flag
        self.cues = cues
        self.timer: HeelRiseTimer | None = None
        self.side_index = 0
        self.counts = [0, 0]
        self._last_beat = -1
        self.repaint_timer = QTimer(self)
        self.repaint_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.repaint_timer.setInterval(50)
        self.repaint_timer.timeout.connect(self.on_timer)

        head, self.home_button = page_header("Heel-rise test", self._go_home)

        # 1. What to do
        intro = QWidget()
        self.intro_text = QLabel()
        self.intro_text.setWordWrap(True)
        self.age = NotedSpinBox(9, 110, "", "Your age (optional)")
        self.age.setSpecialValueText("Not given")  # 9: blank
        self.sex = QComboBox()
        for words, _ in SEXES:
            self.sex.addItem(words)
        self.sex.setAccessibleName("Sex, for the comparison (optional)")
        whole_combo(self.sex)
        self.incline = QCheckBox(
            f"I am standing on a {PROTOCOL_INCLINE_DEGREES}-degree incline (a wedge or slanted board)"
        )
        # never ticked for the runner: the study's incline is said in the steps above,
        # and only the runner knows whether they stand on one
        self.incline.setAccessibleName("Standing on the incline the study used")
        self.blocked_text = QLabel()
        self.blocked_text.setWordWrap(True)
        self.blocked_text.setObjectName("safetyAdvice")
        set_font(self.blocked_text, LEAD, bold=True)
        # what Enter on the incline box does instead of starting (see keyPressEvent)
        self.key_note = QLabel()
        self.key_note.setWordWrap(True)
        self.key_note.hide()
        self.incline.toggled.connect(lambda _ticked: self.say(""))
        form = compact_form()
        form.addRow(self.incline)
        form.addRow(self.key_note)
        self.age.add_to(form, "Age (optional):")
        form.addRow("Sex, for the comparison (optional):", self.sex)
        self.start_button = QPushButton("Start with the left leg")
        self.start_button.setAutoDefault(True)  # Enter presses it; not "default", which looks focused for good
        set_font(self.start_button, SECTION)
        intro_layout = QVBoxLayout(intro)
        intro_layout.addWidget(self.blocked_text)
        intro_layout.addWidget(self.intro_text)
        intro_layout.addLayout(form)
        intro_layout.addStretch(1)
        intro_layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignRight)

        # 2. Counting one leg
        running = QWidget()
        self.side_label = QLabel()
        self.side_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_font(self.side_label, TITLE, bold=True)
        self.beat_label = QLabel()
        self.beat_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.beat_label.setAccessibleName("Up or down on this beat")
        set_font(self.beat_label, 3.0, bold=True)
        self.count_label = QLabel("0")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count_label.setAccessibleName("Rises so far")
        set_font(self.count_label, 7.0, bold=True)
        self.stop_button = QPushButton("I can't keep up: stop (Space)")
        self.stop_button.setShortcut(Qt.Key.Key_Space)
        set_font(self.stop_button, SECTION)
        running_layout = QVBoxLayout(running)
        running_layout.addWidget(self.side_label)
        running_layout.addWidget(self.beat_label)
        running_layout.addWidget(self.count_label, 1)
        running_layout.addWidget(self.stop_button)

        # 3. Check the count, then the other leg or the result
        check = QWidget()
        self.check_label = QLabel()
        self.check_label.setWordWrap(True)
        set_font(self.check_label, SECTION)
        self.correct = NotedSpinBox(0, 300, "", "Rises on this leg, corrected if needed")
        self.correct.installEventFilter(self)  # Enter confirms, Space does not type
        self.next_button = QPushButton()
        self.next_button.setAutoDefault(True)  # Enter presses it; not "default", which looks focused for good
        hold_width(self.next_button, NEXT_WORDS)  # one size for both legs' words
        # on the right leg's page the left count too: Enter after the left count
        # went on to the right leg at once, with no way back to correct it
        self.correct_left = NotedSpinBox(0, 300, "", "Rises on the left leg, corrected if needed")
        self.correct_left.installEventFilter(self)
        check_form = compact_form()
        self.correct.add_to(check_form, "Rises (correct it if the count was off):")
        self.correct_left.add_to(check_form, "Left leg's rises (correct it too if needed):")
        self.check_form = check_form
        check_layout = QVBoxLayout(check)
        check_layout.addWidget(self.check_label)
        check_layout.addLayout(check_form)
        check_layout.addStretch(1)
        check_layout.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignRight)

        # 4. The result and the results so far
        result = QWidget()
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_font(self.result_text, LEAD)
        self.chart_box = QVBoxLayout()
        self.again_button = QPushButton("Test again")
        self.done_button = QPushButton("Done")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.done_button)
        result_layout = QVBoxLayout(result)
        result_layout.addWidget(self.result_text)
        result_layout.addLayout(self.chart_box, 1)
        result_layout.addStretch(0)
        result_layout.addLayout(buttons)
        self.result_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.chart = None

        self.stages = StepStack()  # as tall as the step shown, each from the page's top
        for stage in (intro, running, check, result):
            self.stages.addWidget(stage)
        self.intro, self.running, self.check, self.result = intro, running, check, result
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.stages, 1)
        note = QLabel("A self-test of calf endurance, not a diagnosis. Stop if it hurts sharply.")
        set_font(note, NOTE, italic=True)
        layout.addWidget(note)

        self.start_button.clicked.connect(self.start_side)
        self.stop_button.clicked.connect(self.stop_side)
        self.next_button.clicked.connect(self._next)
        self.again_button.clicked.connect(self._again)
        self.done_button.clicked.connect(self._go_home)
        self.reset()

    # -- flow ------------------------------------------------------------------
    def enter(self) -> None:
        """Shown: a fresh test, the keyboard on the first thing to answer (the
        incline box), as the steps read; Start is after the questions."""
        self.reset()
        self.incline.setChecked(False)  # a new visit: said again, not assumed
        self.incline.setFocus()

    def _again(self) -> None:
        """Test again: the intro once more, the keyboard on its first question."""
        self.reset()
        self.incline.setFocus()

    def reset(self) -> None:
        self.side_index = 0
        self.counts = [0, 0]
        beat = self.beat_seconds()
        pace = (
            "the pace the study used (60 beats a minute)" if beat == 1.0 else
            "not the study's 60 beats a minute: you changed it in the settings, so compare with "
            "its figures only loosely"
        )
        self.intro_text.setText(
            "<p>How many times can you rise onto the toes of one leg, in time with a steady "
            f"beat? The app sounds a beat every {beat:g} s, {pace}: <b>up</b> on one beat, "
            "<b>down</b> on the next.</p><ol><li>Stand on one leg on a "
            f"{PROTOCOL_INCLINE_DEGREES}-degree incline (toes up the slope), as in the study, "
            "and tick the box below if you do (leave it clear on flat ground); "
            "next to a wall, fingertips on it for balance only (not to push).</li><li>Rise as "
            "high as you can on each <b>up</b> beat, and lower all the way on each "
            "<b>down</b>.</li><li>Keep going until you cannot keep up with the beat or cannot "
            "rise fully, then press <b>Stop</b> (or Space).</li></ol>"
            f"<p>After Start you have {count(GET_READY_SECONDS, 'second')} to get into position; "
            "the first beat is an <b>up</b>.</p>"
            "<p>Then the other leg. The result compares the two legs as a share of the stronger "
            f"one. Between two tests, changes of {count(MEASUREMENT_ERROR, 'rise')} or fewer are within "
            "the test's day-to-day measurement error.</p>"
        )
        blocked = self._blocked_reason()
        self.blocked_text.setVisible(bool(blocked))
        self.blocked_text.setText(blocked)
        self.start_button.setEnabled(not blocked)
        self.say("")
        self.stages.setCurrentWidget(self.intro)

    def _blocked_reason(self) -> str:
        """Why the test is ruled out today (from today's safety check), or "".
        A flag that stops exercise for the day stops this calf test too."""
        from ....core.safety import Block, decide

        try:
            answers = self.repo.safety_answers_on(self.clock.now().date().isoformat())
        except StorageError:
            return ""
        decision = decide(answers or {})
        if decision.stops:
            return (
                "Not today: your answers in today's safety check mean no exercise today, and "
                "this test works the calf until it tires. " + " ".join(decision.advice)
            )
        if Block.HEEL_RISE_TEST in decision.blocked:
            return (
                "Not today: your answers in today's safety check rule out the heel-rise test "
                "until a doctor, or the prescriber of your antibiotic, says it is safe."
            )
        return ""

    def start_side(self) -> None:
        if self._blocked_reason():
            return
        self.say("")  # a note about the step before is over
        self.timer = HeelRiseTimer(self.clock, self.beat_seconds(), GET_READY_SECONDS)
        self.timer.start()
        self._last_beat = -1
        side = SIDES[self.side_index]
        self.side_label.setText(f"{side.capitalize()} leg")
        self.stages.setCurrentWidget(self.running)
        self.on_timer()
        self.repaint_timer.start()
        self.stop_button.setFocus()

    def on_timer(self) -> None:
        timer = self.timer
        if timer is None or not timer.running:
            return
        ready = timer.ready_left()
        if ready > 0:  # getting into position: a countdown, no beats yet
            self.beat_label.setText("Get ready")
            self.count_label.setText(str(countdown_seconds(ready)))
            return
        beats = timer.beats()
        if beats != self._last_beat:
            self._last_beat = beats
            if self.cues is not None:  # the stronger sound on "Up"
                self.cues.play(Sound.TICK if beats % 2 else Sound.BEAT)
        self.beat_label.setText("Up" if timer.going_up() else "Down")
        self.count_label.setText(str(timer.rises()))

    def stop_side(self) -> None:
        """Stop the leg being counted (Space, or the stop button) and show its
        count to check; stopped while getting ready, before the first beat,
        nothing is counted and the step before comes back (see :meth:`_back_a_step`)."""
        if self.timer is None or not self.timer.running:
            return
        self.repaint_timer.stop()
        if self.timer.ready_left() > 0 or self.timer.beats() == 0:
            # in the countdown, or within the first beat: not a runner who could not
            # keep up but a key meant for the step before (twenty-ninth re-test: an
            # Enter as the countdown ended recorded the right leg as 0 rises)
            self.timer.stop()
            self._back_a_step()
            return
        rises = self.timer.stop()
        side = SIDES[self.side_index]
        self.check_label.setText(f"{side.capitalize()} leg: {count(rises, 'rise')}.")
        self.correct.setValue(rises)
        self.next_button.setText(NEXT_WORDS[0] if self.side_index == 0 else NEXT_WORDS[1])
        self.check_form.setRowVisible(self.correct_left, self.side_index == 1)
        self.correct_left.say("")
        self.correct_left.setValue(self.counts[0])
        self.stages.setCurrentWidget(self.check)
        self.correct.setFocus()

    def _back_a_step(self) -> None:
        """A leg stopped before its count began (an Enter meant for the page before
        reached the stop button: fifteenth re-test) is not a count of 0: the
        step that starts it comes back, saying so, and Enter starts it again."""
        side = SIDES[self.side_index]
        said = (f"The {side} leg was stopped before its count began, so nothing was counted. "
                "Press Enter to start it again.")
        if self.side_index == 0:
            self.stages.setCurrentWidget(self.intro)
            self.say(said)
            self.start_button.setFocus()
            return
        self.side_index = 0  # the left leg's check, as it was: its Next starts the right leg
        self.check_label.setText(f"Left leg: {count(self.counts[0], 'rise')}. {said}")
        self.correct.setValue(self.counts[0])
        self.next_button.setText(NEXT_WORDS[0])
        self.check_form.setRowVisible(self.correct_left, False)
        self.stages.setCurrentWidget(self.check)
        self.next_button.setFocus()

    def _next(self) -> None:
        self.counts[self.side_index] = self.correct.value()
        if self.side_index == 1:
            self.counts[0] = self.correct_left.value()
        if self.side_index == 0:
            self.side_index = 1
            self.start_side()
        else:
            self.finish()

    def finish(self) -> bool:
        """Save the test and show the result; False if it could not be saved."""
        left, right = self.counts
        sex = SEXES[self.sex.currentIndex()][1]
        age = None if self.age.value() == self.age.minimum() else self.age.value()
        try:
            earlier = self.repo.heel_rise_tests()
            self.repo.add_heel_rise(self.clock.now(), left, right, self.beat_seconds(), age, sex,
                                    self.incline.isChecked())
        except (StorageError, ValueError) as exc:
            self.failed.emit(f"The heel-rise test could not be saved ({exc}). Write down: left "
                             f"{left}, right {right}.")
            return False
        previous = (earlier[-1].left_reps, earlier[-1].right_reps) if earlier else None
        result = assess(left, right, sex, previous, age, self.symmetry_flag(), self.beat_seconds(),
                        self.incline.isChecked())
        self.result_text.setText("".join(f"<p>{line}</p>" for line in result.lines))
        self.stages.setCurrentWidget(self.result)
        self.show_chart()
        self.done_button.setFocus()  # the natural next step; "Test again" is a Tab away
        return True

    def show_chart(self) -> None:
        """Left and right over time (pyqtgraph, loaded here on first use)."""
        tests = self.repo.heel_rise_tests()
        if len(tests) < 2:
            if self.chart is not None:
                self.chart.hide()
            return
        import numpy as np
        import pyqtgraph as pg

        from ...charts import date_axis_plot, integer_ticks, key_on_base, legend_html, style_plot
        left, right = "#2f7fd1", "#c26a00"  # the pain chart's before and after: 3:1 on light and dark

        if self.chart is None:
            self.chart = date_axis_plot()
            self.chart.setAccessibleName("Heel-rise results over time")
            self.chart.setMinimumHeight(140)  # the result fits 800 x 600 with its words first
            self.chart.setLabel("left", "Rises")
            self.chart.setMenuEnabled(False)
            self.left_curve = self.chart.plot(pen=pg.mkPen(left, width=2), symbol="o",
                                              symbolBrush=left, name="Left")
            self.right_curve = self.chart.plot(pen=pg.mkPen(right, width=2), symbol="t1",  # ▲, as in the key ("t" points down)
                                               symbolBrush=right, name="Right")
            self.chart_box.addWidget(self.chart)
            self.chart_key = QLabel(legend_html([(left, "━●", "Left"), (right, "━▲", "Right")]))
            key_on_base(self.chart_key)  # its swatches on the plot's background
            self.chart_box.addWidget(self.chart_key)  # the key under the chart, not over the data
        style_plot(self.chart, self.palette())
        # Each test at its own wall time (DateAxisItem reads the computer's zone).
        x = np.array([t.local_tested_at.replace(tzinfo=None).timestamp() for t in tests])
        self.left_curve.setData(x, np.array([t.left_reps for t in tests], dtype=float))
        self.right_curve.setData(x, np.array([t.right_reps for t in tests], dtype=float))
        top = max(max(t.left_reps, t.right_reps) for t in tests)
        integer_ticks(self.chart.getPlotItem().getAxis("left"), top)
        self.chart.setYRange(0, top * 1.15 + 1, padding=0)  # room above the highest mark: never cut
        self.chart.show()

    def _go_home(self) -> None:
        self.homeRequested.emit()  # the window asks may_leave() first

    def may_leave(self) -> bool:
        """Whether the page may be left now (the window asks before showing
        another screen). Once a leg is measured and the result not yet saved,
        leaving loses its count, and the test tires the calf, so it cannot
        fairly be done again at once: the runner is asked first (eighth
        re-test: Ctrl+1 dropped the left leg's count without a word). Leaving
        stops the beats."""
        stage = self.stages.currentWidget()
        measured = self.side_index == 1 or stage is self.check
        if measured and stage is not self.result:
            right_started = self.side_index > 0  # the left leg's count is the one at stake
            side = SIDES[0] if right_started else SIDES[self.side_index]
            rises = self.counts[0] if right_started else self.correct.value()
            if not self.confirm_leave(f"The {side} leg's count ({count(rises, 'rise')}) is not saved "
                                      "yet: leaving now loses it, and the test cannot fairly be "
                                      "done again until the calf has rested. Leave the test?"):
                return False
        self.repaint_timer.stop()
        if self.timer is not None and self.timer.running:
            self.timer.stop()
        self.reset()  # a test left half done starts afresh at the next visit
        return True

    def confirm_leave(self, question: str) -> bool:
        """Ask before leaving a test half done (tests replace this)."""
        from ...shell.asker import ask

        return ask(self, LEAVE_TITLE, question)

    @property
    def main_button(self) -> QPushButton:
        """The button Enter presses on the step shown (see :meth:`keyPressEvent`)."""
        stage = self.stages.currentWidget()
        if stage is self.running:
            return self.stop_button
        if stage is self.check:
            return self.next_button
        if stage is self.result:
            return self.done_button
        return self.start_button

    ENTER_ON_A_BOX = ("Space ticks or clears this box; Enter does not start the test. When your "
                      "answers are right, Tab to “Start with the left leg” and press Enter.")

    def say(self, text: str) -> None:
        """Show ``text`` under the incline box ("" hides it)."""
        self.key_note.setText(text)
        self.key_note.setVisible(bool(text))

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """Esc while a leg is counted stops it, as Space does (in the get-ready
        countdown, the step before comes back). Enter that the focused control does not use (the age, the sex)
        presses the step's main button, as in a dialog; when that is not
        available the page says why (today's safety check rules it out). On the
        incline box Enter does not start: a runner who pressed it to tick the
        box (Enter ticks in some programs) would start with the answer unsaid,
        so the page says how to tick and how to start, as the red-flag
        questions do."""
        if event.key() == Qt.Key.Key_Escape and self.stages.currentWidget() is self.running:
            self.stop_side()  # as Space: a timed screen's Esc is never dead (seventeenth re-test)
            return
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            super().keyPressEvent(event)
            return
        if self.incline.hasFocus():
            self.say(self.ENTER_ON_A_BOX)
            return
        button = self.main_button
        if button.isEnabled():
            button.click()
        else:
            blocked = self._blocked_reason() or f"{button.text()} is not available now."
            self.blocked_text.setText(blocked)
            self.blocked_text.show()

    def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]  # noqa: N802
        from PySide6.QtCore import QEvent

        if watched in (self.correct, self.correct_left) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                watched.interpretText()
                self.next_button.click()
                return True
            if event.key() == Qt.Key.Key_Space:
                return True  # the stop key, pressed once too often: not a character
        return False

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.repaint_timer.stop()
        super().hideEvent(event)
