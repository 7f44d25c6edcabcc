"""The guided session screen.

All timing comes from the engine (which reads the injected clock); the Qt
precise timer only asks the engine to catch up and repaints. Tests drive the
engine with a fake clock and call :meth:`SessionScreen.refresh` themselves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.engine import SessionEngine, SessionListener, SessionSummary
from ..core.model import DoseKind, Side
from ..core.plan import Phase, Segment
from .widgets import format_clock, set_font

REPAINT_MS = 50

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
SIDE_WORDS = {Side.LEFT: "Left leg", Side.RIGHT: "Right leg", Side.BOTH: "Both legs"}


class SessionScreen(QWidget, SessionListener):
    finished = Signal(object)  # SessionSummary

    def __init__(self, parent: QWidget | None = None) -> None:
        QWidget.__init__(self, parent)
        SessionListener.__init__(self)
        self.engine: SessionEngine | None = None
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(REPAINT_MS)
        self.timer.timeout.connect(self.on_timer)

        self.routine_label = QLabel()
        self.routine_label.setObjectName("sessionRoutine")
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
        self.countdown_label = QLabel("0:00")
        self.countdown_label.setObjectName("countdown")
        self.countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.countdown_label.setAccessibleName("Time left in this phase")
        self.set_label = QLabel()
        self.set_label.setObjectName("setLabel")
        self.set_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rep_label = QLabel()
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
        self.pause_button = QPushButton("Pause")
        self.skip_button = QPushButton("Skip ▶")
        self.add_rest_button = QPushButton("+15 s rest")
        self.stop_button = QPushButton("Stop")
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
        buttons = QHBoxLayout()
        for b in (self.back_button, self.pause_button, self.skip_button, self.add_rest_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.stop_button)

        self._keys = {
            Qt.Key.Key_Space: lambda: self._command("toggle_pause"),
            Qt.Key.Key_Right: lambda: self._command("skip"),
            Qt.Key.Key_Left: lambda: self._command("back"),
            Qt.Key.Key_Plus: lambda: self._command("add_rest"),
            Qt.Key.Key_Escape: self.request_stop,
        }

        # Fonts scaled from the system font, not a style sheet: a style sheet
        # would pin the colours and break when the theme changes.
        set_font(self.exercise_label, 2.6, bold=True)
        set_font(self.cue_label, 1.4)
        set_font(self.set_label, 1.8)
        set_font(self.rep_label, 2.1, bold=True)
        set_font(self.next_label, 1.15)
        set_font(self.progress_text, 1.15)

        card = QFrame()
        card.setObjectName("sessionCard")
        card_layout = QVBoxLayout(card)
        card_layout.addWidget(self.phase_band)
        card_layout.addWidget(self.exercise_label)
        card_layout.addWidget(self.cue_label)
        card_layout.addWidget(self.countdown_label, 1)
        card_layout.addWidget(self.set_label)
        card_layout.addWidget(self.rep_label)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(card, 1)
        layout.addWidget(self.progress)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.next_label, 1)
        progress_row.addWidget(self.progress_text)
        layout.addLayout(progress_row)
        layout.addLayout(buttons)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    # -- wiring ------------------------------------------------------------
    def attach(self, engine: SessionEngine) -> None:
        """Show ``engine``'s session. The caller starts the engine."""
        self.engine = engine
        engine.add_listener(self)
        self.routine_label.setText(engine.routine.name)

    def session_started(self, engine: SessionEngine) -> None:
        self.timer.start()

    def phase_changed(self, segment: Segment) -> None:
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
        what = f"{step.exercise.name}, set {shown.set_number} of {step.sets}{side}"
        seconds = round(segment.duration)
        if segment.phase is Phase.WORK:
            return f"Go: {what}"
        if segment.phase is Phase.REST:
            return f"Rest {seconds} seconds. Next: {what}"
        if segment.phase is Phase.SWITCH:
            return f"Switch sides: {what}"
        return f"Get ready: {what}"

    def announce(self, text: str) -> None:
        from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    def paused_changed(self, paused: bool) -> None:
        self.refresh()

    def session_finished(self, summary: SessionSummary) -> None:
        self.timer.stop()
        if self.engine is not None:
            self.engine.remove_listener(self)
        self.engine = None
        self.finished.emit(summary)

    # -- commands ----------------------------------------------------------
    def on_timer(self) -> None:
        self._command("tick")

    def _command(self, name: str) -> None:
        engine = self.engine
        if engine is None or not engine.running:
            return
        getattr(engine, name)()
        if self.engine is not None:
            self.refresh()

    def request_stop(self) -> None:
        engine = self.engine
        if engine is None or not engine.running:
            return
        was_paused = engine.paused
        if not was_paused:
            engine.pause()
        if self.confirm_stop():
            self._command("stop")
        elif not was_paused and self.engine is not None:
            engine.resume()
            self.refresh()

    def confirm_stop(self) -> bool:
        """Ask before ending the session (tests replace this)."""
        answer = QMessageBox.question(
            self,
            "Stop this session?",
            "Stop the session now? The sets you have finished are kept in your history.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

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
        self.phase_band.setText(title.upper())
        self.phase_band.setStyleSheet(
            f"background:{bg}; color:{fg}; border-radius:6px; padding:6px;"
            " font-size:22px; font-weight:600; letter-spacing:2px;"
        )
        self.countdown_label.setText(format_clock(engine.display_seconds()))
        steps = len(engine.routine.steps)
        self.step_label.setText(f"Exercise {seg.step_index + 1} of {steps}")

        if seg.phase is Phase.WORK:
            shown = seg
        else:
            shown = engine.next_work() or seg
        step = shown.step
        prefix = "Next: " if seg.phase is not Phase.WORK else ""
        self.exercise_label.setText(prefix + step.exercise.name)
        self.cue_label.setText(step.exercise.cue)
        side = f" · {SIDE_WORDS[shown.side]}" if shown.side is not Side.BOTH else ""
        self.set_label.setText(f"Set {shown.set_number} of {step.sets}{side}")
        if seg.phase is Phase.WORK and step.kind is DoseKind.REPS:
            self.rep_label.setText(f"Rep {engine.current_rep()} of {seg.target_reps}")
        elif seg.phase is Phase.WORK and step.kind is DoseKind.HOLD:
            self.rep_label.setText(f"Hold for {step.seconds:g} s")
        elif seg.phase is Phase.SWITCH:
            self.rep_label.setText(f"Change to the {shown.side} leg")
        else:
            self.rep_label.setText(step.dose_label())

        self.progress.setValue(int(engine.progress() * 1000))
        left = max(0.0, engine.total_planned_seconds * (1 - engine.progress()))
        self.progress_text.setText(f"{round(engine.progress() * 100)}% · about {format_clock(left)} left")
        upcoming = engine.upcoming_exercise()
        self.next_label.setText(
            f"Coming up: {upcoming.exercise.name} ({upcoming.step.dose_label()})"
            if upcoming
            else "Coming up: the end of the session"
        )
        self.pause_button.setText("Resume" if engine.paused else "Pause")
        self.add_rest_button.setEnabled(seg.phase is Phase.REST and not engine.paused)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        action = self._keys.get(Qt.Key(event.key()))
        if action is None:
            super().keyPressEvent(event)
        else:
            action()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        # Digits sized to the window so they read from across a room.
        size = max(48, min(int(self.height() * 0.30), int(self.width() * 0.22)))
        font = QFont(self.countdown_label.font())
        font.setPixelSize(size)
        font.setWeight(QFont.Weight.Bold)
        self.countdown_label.setFont(font)
