"""Triage: "where does it hurt?" with a drawing of the ankle, then the
programmes that fit.

A standalone page: it reads nothing from storage and writes nothing. It is
given the routines (anything with ``id``, ``name`` and ``suits``) and,
optionally, the answers given last time (so they can be changed), and it
emits:

- ``answered(TriageAnswers)`` when the runner asks for the programmes;
- ``routineChosen(str)`` with a routine id to start (for one marked as not
  suited, only after the runner confirmed on the page);
- ``skipped()`` when the runner would rather not answer.

The drawing (painted with QPainter) has three areas to pick; every answer is
also a radio button, so the page works from the keyboard and with a screen
reader. The routing itself is ``core.triage.route``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ....core.triage import (
    AREA_CHOICES,
    INJURY_CHOICES,
    ONSET_CHOICES,
    Choice,
    Condition,
    Match,
    RoutineRef,
    TriageAnswers,
    TriageResult,
    refs,
    route,
)
from ...reflow import StepStack
from ...widgets import LEAD, NOTE, SECTION, arrows_choose, page_header, set_font

if TYPE_CHECKING:
    from ..spec import Host

# The drawing's logical size; it is scaled to fit the widget.
_W, _H = 220.0, 200.0


def _area_paths() -> dict[str, QPainterPath]:
    """The areas that can be picked on the drawing, in its logical units
    (a right foot seen from the outside: the heel on the left, toes right)."""
    mid = QPainterPath()
    mid.addRoundedRect(QRectF(52, 70, 22, 50), 10, 10)  # the tendon, 2-6 cm above the heel
    insertion = QPainterPath()
    insertion.addEllipse(QPointF(60, 148), 14, 13)  # where the tendon meets the heel bone
    outside = QPainterPath()
    outside.addEllipse(QPointF(104, 146), 20, 15)  # below and in front of the outer ankle bone
    return {
        Condition.ACHILLES_MID: mid,
        Condition.ACHILLES_INSERTION: insertion,
        Condition.ACUTE_SPRAIN: outside,
    }


def _outline() -> QPainterPath:
    """The lower leg and foot, in the drawing's logical units."""
    path = QPainterPath()
    path.moveTo(70, 8)  # back of the calf, top
    path.cubicTo(48, 40, 58, 80, 62, 120)  # calf narrowing into the Achilles
    path.cubicTo(60, 135, 44, 150, 50, 164)  # back of the heel
    path.cubicTo(56, 176, 80, 176, 110, 174)  # sole
    path.cubicTo(150, 172, 190, 176, 206, 170)  # sole to the toes
    path.cubicTo(212, 160, 200, 152, 180, 150)  # toes
    path.cubicTo(150, 146, 126, 130, 112, 112)  # top of the foot to the ankle
    path.cubicTo(108, 80, 112, 40, 118, 8)  # shin
    return path


class AnkleDrawing(QWidget):
    """A side view of the ankle with three areas to pick. Emits
    ``picked(str)`` with the area's condition id when one is clicked."""

    picked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.areas = _area_paths()
        self.outline = _outline()
        self.selected: str | None = None
        self.hovered: str | None = None
        self.setMouseTracking(True)
        self.setMinimumSize(220, 200)
        self.setAccessibleName("Drawing of the ankle: pick where it hurts")
        self.setAccessibleDescription(
            "Three areas: the Achilles tendon a few centimetres above the heel, where the "
            "tendon meets the heel bone, and the outside of the ankle. The same choices are "
            "listed as buttons next to the drawing."
        )

    def _scale(self) -> tuple[float, float, float]:
        s = min(self.width() / _W, self.height() / _H)
        return s, (self.width() - _W * s) / 2, (self.height() - _H * s) / 2

    def to_logical(self, point: QPointF) -> QPointF:
        s, dx, dy = self._scale()
        return QPointF((point.x() - dx) / s, (point.y() - dy) / s)

    def to_widget(self, point: QPointF) -> QPointF:
        """A logical point of the drawing in widget pixels (tests click these)."""
        s, dx, dy = self._scale()
        return QPointF(point.x() * s + dx, point.y() * s + dy)

    def area_at(self, point: QPointF) -> str | None:
        logical = self.to_logical(point)
        return next((cid for cid, path in self.areas.items() if path.contains(logical)), None)

    def set_selected(self, condition: str | None) -> None:
        self.selected = condition if condition in self.areas else None
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        area = self.area_at(event.position())
        if area != self.hovered:
            self.hovered = area
            self.setCursor(Qt.CursorShape.PointingHandCursor if area else Qt.CursorShape.ArrowCursor)
            label = next((c.label for c in AREA_CHOICES if c.id == area), "")
            self.setToolTip(label)
            self.update()

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self.hovered = None
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        area = self.area_at(event.position())
        if area is not None and event.button() == Qt.MouseButton.LeftButton:
            self.set_selected(area)
            self.picked.emit(area)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        pal = self.palette()
        ink = pal.color(pal.ColorRole.WindowText)
        skin = pal.color(pal.ColorRole.Base)
        accent = pal.color(pal.ColorRole.Highlight)
        s, dx, dy = self._scale()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.translate(dx, dy)
        p.scale(s, s)
        p.setPen(QPen(ink, 2))
        p.setBrush(skin)
        p.drawPath(self.outline)
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.setPen(QPen(ink, 1.2))
        p.drawEllipse(QPointF(100, 128), 7, 7)  # the outer ankle bone, for orientation
        for cid, path in self.areas.items():
            fill = QColor(accent)
            fill.setAlpha(200 if cid == self.selected else 110 if cid == self.hovered else 45)
            p.setBrush(fill)
            pen = QPen(accent if cid != self.selected else ink, 2 if cid == self.selected else 1)
            pen.setStyle(Qt.PenStyle.SolidLine if cid == self.selected else Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawPath(path)
        p.end()


def _radio_group(title: str, choices: Sequence[Choice], parent: QWidget) -> tuple[QGroupBox, QButtonGroup,
                                                                                   dict[str, QRadioButton]]:
    box = QGroupBox(title, parent)
    group = QButtonGroup(box)
    buttons: dict[str, QRadioButton] = {}
    layout = QVBoxLayout(box)
    for choice in choices:
        button = QRadioButton(choice.label)
        button.setAccessibleName(choice.label)
        if choice.detail:
            button.setToolTip(choice.detail)
            button.setAccessibleDescription(choice.detail)
        group.addButton(button)
        buttons[choice.id] = button
        layout.addWidget(button)
    layout.addStretch(1)  # choices sit together at the top, not spread over the box
    arrows_choose(*buttons.values())
    return box, group, buttons




class TriagePage(QWidget):
    """Three short questions, then the programmes that fit and those that do not."""

    answered = Signal(object)  # TriageAnswers
    routineChosen = Signal(str)  # a routine id to start
    skipped = Signal()
    homeRequested = Signal()  # "← Home", or Esc on the questions

    def __init__(
        self,
        routines: Sequence[object],
        previous: TriageAnswers | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.routines: list[RoutineRef] = refs(routines)  # type: ignore[arg-type]
        self.result: TriageResult | None = None
        self.start_buttons: dict[str, QPushButton] = {}
        self.confirm_rows: dict[str, QWidget] = {}

        # 1. The questions
        head, self.home_button = page_header("Where does it hurt?", self.homeRequested.emit)
        questions = QWidget()
        intro = QLabel(
            "A few questions so the app can suggest programmes that suit your ankle. It does not "
            "diagnose: if you are unsure, choose the last answer. You can skip this and change "
            "your answers later."
        )
        intro.setWordWrap(True)
        self.drawing = AnkleDrawing()
        area_box, self.area_group, self.area_buttons = _radio_group("Where", AREA_CHOICES, self)
        onset_box, self.onset_group, self.onset_buttons = _radio_group(
            "When did it start? (optional)", ONSET_CHOICES, self)
        injury_box, self.injury_group, self.injury_buttons = _radio_group(
            "Did it follow an injury, such as a fall, a twist or a sudden pain? (optional)",
            INJURY_CHOICES, self)
        self.follow_ups = (onset_box, injury_box)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setObjectName("formProblem")
        self.problem.hide()
        self.skip_button = QPushButton("Skip for now")
        self.show_button = QPushButton("Show programmes")
        self.show_button.setAutoDefault(True)  # Enter presses it; not "default", which looks focused for good
        top = QHBoxLayout()
        top.addWidget(self.drawing, 1)
        top.addWidget(area_box, 1)
        lower = QHBoxLayout()
        lower.addWidget(onset_box)
        lower.addWidget(injury_box, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_button)
        q_layout = QVBoxLayout(questions)
        q_layout.addWidget(intro)
        q_layout.addLayout(top, 1)
        q_layout.addLayout(lower)
        q_layout.addWidget(self.problem)
        q_layout.addLayout(buttons)

        # 2. The programmes
        results = QWidget()
        self.result_heading = QLabel("Programmes for your answers")
        set_font(self.result_heading, SECTION, bold=True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_font(self.message, LEAD)
        self.list_holder = QWidget()
        self.list_layout = QVBoxLayout(self.list_holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.list_holder)
        self.change_button = QPushButton("Change my answers")
        note = QLabel("Exercise guidance, not a diagnosis.")
        set_font(note, NOTE, italic=True)
        r_buttons = QHBoxLayout()
        r_buttons.addWidget(self.change_button)
        r_buttons.addStretch(1)
        r_layout = QVBoxLayout(results)
        r_layout.addWidget(self.result_heading)
        r_layout.addWidget(self.message)
        r_layout.addWidget(scroll, 1)
        r_layout.addWidget(note)
        r_layout.addLayout(r_buttons)

        self.stages = StepStack()  # as tall as the step shown, each from the page's top
        self.stages.addWidget(questions)
        self.stages.addWidget(results)
        self.questions, self.results = questions, results
        layout = QVBoxLayout(self)
        layout.addLayout(head)  # "← Home" and the title, as on every screen other than home
        layout.addWidget(self.stages)

        self.drawing.picked.connect(self._picked_on_drawing)
        self.area_group.buttonToggled.connect(self._area_toggled)
        self.show_button.clicked.connect(self.submit)
        self.skip_button.clicked.connect(self.skipped.emit)
        self.change_button.clicked.connect(self.show_questions)
        if previous is not None:
            self.set_answers(previous)

    # -- answers -----------------------------------------------------------------
    def set_answers(self, answers: TriageAnswers) -> None:
        """Show earlier answers, ready to be changed."""
        self.area_buttons[answers.area].setChecked(True)
        for group, buttons, value in (
            (self.onset_group, self.onset_buttons, None if answers.onset is None else str(answers.onset)),
            (self.injury_group, self.injury_buttons,
             None if answers.after_injury is None else ("yes" if answers.after_injury else "no")),
        ):
            group.setExclusive(False)
            for key, button in buttons.items():
                button.setChecked(key == value)
            group.setExclusive(True)

    def answers(self) -> TriageAnswers | None:
        """The answers as they stand, or None while "where" is unanswered."""
        area = _checked(self.area_buttons)
        if area is None:
            return None
        no_pain = area == Condition.PREVENTION
        onset = None if no_pain else _checked(self.onset_buttons)
        injury = None if no_pain else _checked(self.injury_buttons)
        return TriageAnswers.from_ids(area, onset, injury)

    def _picked_on_drawing(self, condition: str) -> None:
        self.area_buttons[condition].setChecked(True)

    def _area_toggled(self, button: QRadioButton, checked: bool) -> None:
        if not checked:
            return
        area = next(k for k, b in self.area_buttons.items() if b is button)
        self.drawing.set_selected(area)
        for box in self.follow_ups:  # nothing hurts: no "when" or "injury"
            box.setEnabled(area != Condition.PREVENTION)
        self.problem.hide()

    def submit(self) -> bool:
        """Route the answers and show the programmes; False (with a message on
        the page) while "where" is unanswered."""
        answers = self.answers()
        if answers is None:
            self.problem.setText(
                "Please choose where it hurts (or “Somewhere else, or I'm not sure”), or skip "
                "the questions for now."
            )
            self.problem.show()
            self.area_buttons[Condition.ACHILLES_MID].setFocus()
            return False
        self.show_result(route(answers, self.routines))
        self.answered.emit(answers)
        return True

    def show_questions(self) -> None:
        self.stages.setCurrentWidget(self.questions)
        checked = _checked(self.area_buttons)
        # the first choice (or the chosen one), with its focus frame shown: styles draw
        # it once the window has seen a keyboard focus change
        self.area_buttons[checked or Condition.ACHILLES_MID].setFocus(Qt.FocusReason.TabFocusReason)
        self.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)

    @property
    def main_button(self) -> QPushButton | None:
        """The button Enter presses: "Show programmes" on the questions, none on
        the programmes (each has its own Start button)."""
        return self.show_button if self.stages.currentWidget() is self.questions else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Enter on the questions presses "Show programmes" (a page has no
        default button as a dialog does), unless a button has the focus. Esc
        goes back a step: from the programmes to the questions, from there home."""
        if event.key() == Qt.Key.Key_Escape:  # back a step: results -> questions -> home
            if self.stages.currentWidget() is self.results:
                self.show_questions()
            else:
                self.homeRequested.emit()
            return
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.stages.currentWidget() is self.questions:
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            else:
                self.show_button.click()  # submit(): a message on the page while "where" is unanswered
            return
        super().keyPressEvent(event)

    # -- the programmes ----------------------------------------------------------------
    def show_result(self, result: TriageResult) -> None:
        self.result = result
        while self.list_layout.count():
            item = self.list_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.start_buttons.clear()
        self.confirm_rows.clear()
        self.message.setText(result.message)
        if result.fits:
            self.list_layout.addWidget(_section("Programmes that fit"))
            for match in result.fits:
                self.list_layout.addWidget(self._row(match, suited=True))
        if result.not_suited:
            self.list_layout.addWidget(_section("Not suggested for your answers"))
            for match in result.not_suited:
                self.list_layout.addWidget(self._row(match, suited=False))
        if result.not_assessed:
            # no basis to judge them: offered plainly, never marked
            self.list_layout.addWidget(_section("Not assessed"))
            for match in result.not_assessed:
                row = self._row(match, suited=True)
                row.setObjectName("triageNotAssessed")
                self.list_layout.addWidget(row)
        self.list_layout.addStretch(1)
        self.stages.setCurrentWidget(self.results)
        first = next(iter(self.start_buttons.values()), self.change_button)
        first.setFocus()

    def _row(self, match: Match, suited: bool) -> QWidget:
        row = QWidget()
        row.setObjectName("triageFit" if suited else "triageNotSuited")
        layout = QVBoxLayout(row)
        name = QLabel(match.name if suited else f"{match.name} (not suggested)")
        set_font(name, LEAD, bold=suited)
        why = QLabel(match.why + (f" (Source: {match.source}.)" if match.source else ""))
        why.setWordWrap(True)
        line = QHBoxLayout()
        line.addWidget(name, 1)
        if suited:
            button = QPushButton("Start")
            button.setAccessibleName(f"Start {match.name}")
            button.clicked.connect(lambda _=False, rid=match.routine_id: self.routineChosen.emit(rid))
        else:
            button = QPushButton("Start anyway…")
            button.setAccessibleName(f"Start {match.name} anyway")
            button.clicked.connect(lambda _=False, rid=match.routine_id: self._ask(rid))
        self.start_buttons[match.routine_id] = button
        line.addWidget(button)
        layout.addLayout(line)
        layout.addWidget(why)
        if not suited:
            confirm = QWidget()
            c_layout = QHBoxLayout(confirm)
            c_layout.setContentsMargins(0, 0, 0, 0)
            ask = QLabel("This programme is not suggested for your answers. Start it all the same?")
            ask.setWordWrap(True)
            yes = QPushButton("Yes, start it")
            yes.setAccessibleName(f"Yes, start {match.name}")
            no = QPushButton("No")
            yes.clicked.connect(lambda _=False, rid=match.routine_id: self.routineChosen.emit(rid))
            no.clicked.connect(confirm.hide)
            c_layout.addWidget(ask, 1)
            c_layout.addWidget(no)
            c_layout.addWidget(yes)
            confirm.hide()
            self.confirm_rows[match.routine_id] = confirm
            layout.addWidget(confirm)
        return row

    def _ask(self, routine_id: str) -> None:
        """Starting a programme marked as not suited asks first, on the page."""
        row = self.confirm_rows[routine_id]
        row.show()
        buttons = row.findChildren(QPushButton)
        if buttons:
            buttons[0].setFocus()  # "No" first: the safe default


def _section(text: str) -> QLabel:
    label = QLabel(text)
    set_font(label, SECTION, bold=True)
    return label


def _checked(buttons: dict[str, QRadioButton]) -> str | None:
    return next((key for key, b in buttons.items() if b.isChecked()), None)


class TriageScreen(TriagePage):
    """The triage page on the app's services: answers are saved through the
    TriageService (never from the widget itself), the questions are
    prefilled from the latest answers, and a chosen programme starts through
    the normal session flow (red-flag check, pain before)."""

    def __init__(self, host: Host) -> None:
        from ....app.triage import TriageService

        self.host = host
        self.service = TriageService(host.context)
        super().__init__(host.context.catalogue.base, self.service.latest())
        self.answered.connect(self._save)
        self.routineChosen.connect(self._start)
        self.skipped.connect(host.go_home)
        self.homeRequested.connect(host.go_home)

    def enter(self) -> None:
        """Shown: the routines as they are now, the questions with the latest answers."""
        self.routines = refs(self.host.context.catalogue.base)
        latest = self.service.latest()
        if latest is not None:
            self.set_answers(latest)
        self.show_questions()

    def _save(self, answers: TriageAnswers) -> None:
        from ....storage.errors import StorageError

        try:
            self.service.save(answers)
        except StorageError as exc:
            self.host.storage_failed(str(exc))

    def _ask(self, routine_id: str) -> None:
        """A day stopped by a red flag is said first (through the usual start),
        before asking about a programme not suggested for the answers."""
        routine = next((r for r in self.host.context.catalogue.at_levels() if r.id == routine_id), None)
        if routine is not None and self.host.flow.stopped_today(routine):  # type: ignore[attr-defined]
            self._start(routine_id)
            return
        super()._ask(routine_id)

    def _start(self, routine_id: str) -> None:
        routine = next((r for r in self.host.context.catalogue.at_levels() if r.id == routine_id), None)
        if routine is None:
            return
        self.host.go_home()
        self.host.screen("home").select_routine(routine_id)
        self.host.flow.begin(routine)  # type: ignore[attr-defined]
