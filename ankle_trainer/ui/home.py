"""The home screen: pick a routine, see what it holds, start it; recent sessions."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Routine
from ..core.plan import TimingSettings, estimated_minutes
from ..storage.history import SessionRow
from .widgets import format_clock

STATUS_WORDS = {
    "completed": "Completed",
    "stopped": "Stopped early",
    "interrupted": "Interrupted",
    "in_progress": "In progress",
}


class HomePage(QWidget):
    startRequested = Signal(object)  # Routine

    def __init__(
        self, routines: tuple[Routine, ...], timing: TimingSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.routines = routines
        self.timing = timing

        self.routine_list = QListWidget()
        self.routine_list.setAccessibleName("Routines")
        self.routine_list.setObjectName("routineList")
        for routine in routines:
            minutes = estimated_minutes(routine, timing)
            item = QListWidgetItem(
                f"{routine.name}\n{minutes} min · {len(routine.exercise_names())} exercises"
            )
            item.setData(Qt.ItemDataRole.UserRole, routine.id)
            self.routine_list.addItem(item)
        self.routine_list.currentRowChanged.connect(self._show_routine)
        self.routine_list.itemActivated.connect(lambda _item: self._start())

        self.title = QLabel()
        self.title.setObjectName("routineTitle")
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("routineMeta")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.steps = QListWidget()
        self.steps.setAccessibleName("Exercises in this routine")
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.start_button = QPushButton("Start session")
        self.start_button.setObjectName("startButton")
        self.start_button.setDefault(True)
        self.start_button.setAccessibleName("Start the selected routine")
        self.start_button.clicked.connect(self._start)

        detail = QVBoxLayout()
        detail.addWidget(self.title)
        detail.addWidget(self.meta)
        detail.addWidget(self.description)
        detail.addWidget(self.steps, 1)
        detail.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignRight)

        top = QHBoxLayout()
        top.addWidget(self.routine_list, 2)
        top.addLayout(detail, 3)

        self.recent = QTreeWidget()
        self.recent.setObjectName("recentSessions")
        self.recent.setAccessibleName("Recent sessions")
        self.recent.setRootIsDecorated(False)
        self.recent.setHeaderLabels(["Date", "Routine", "Status", "Sets done", "Time", "Pain before → after"])
        self.recent.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.recent.header().setStretchLastSection(True)
        self.empty_recent = QLabel("No sessions yet. Your sessions will be listed here.")
        self.empty_recent.setObjectName("emptyRecent")
        recent_box = QGroupBox("Recent sessions")
        recent_layout = QVBoxLayout(recent_box)
        recent_layout.addWidget(self.recent)
        recent_layout.addWidget(self.empty_recent)

        disclaimer = QLabel(
            "Ankle Trainer gives exercise guidance, not a diagnosis. If pain is severe, "
            "keeps getting worse, or you cannot put weight on the foot, see a health professional."
        )
        disclaimer.setObjectName("disclaimer")
        disclaimer.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addWidget(recent_box, 2)
        layout.addWidget(disclaimer)
        if routines:
            self.routine_list.setCurrentRow(0)
        self.set_recent([])

    def selected_routine(self) -> Routine | None:
        row = self.routine_list.currentRow()
        return self.routines[row] if 0 <= row < len(self.routines) else None

    def select_routine(self, routine_id: str) -> None:
        for row, routine in enumerate(self.routines):
            if routine.id == routine_id:
                self.routine_list.setCurrentRow(row)
                return
        raise KeyError(routine_id)

    def set_recent(self, sessions: list[SessionRow]) -> None:
        self.recent.clear()
        for s in sessions:
            local = s.started_at.astimezone()
            duration = s.duration_seconds
            pain = f"{_pain(s.pain_before)} → {_pain(s.pain_after)}"
            QTreeWidgetItem(
                self.recent,
                [
                    local.strftime("%a %d %b %Y, %H:%M"),
                    s.routine_name,
                    STATUS_WORDS.get(str(s.status), str(s.status)),
                    f"{s.sets_completed} of {s.sets_planned}",
                    format_clock(duration) if duration is not None else "",
                    pain,
                ],
            )
        self.recent.setVisible(bool(sessions))
        self.empty_recent.setVisible(not sessions)

    def _show_routine(self, row: int) -> None:
        if not 0 <= row < len(self.routines):
            return
        routine = self.routines[row]
        self.title.setText(routine.name)
        freq = ""
        if routine.sessions_per_week:
            freq = f" · suggested {routine.sessions_per_week} days a week"
            if routine.sessions_per_day > 1:
                freq += f", {routine.sessions_per_day} times a day"
        self.meta.setText(f"About {estimated_minutes(routine, self.timing)} minutes{freq}")
        self.description.setText(" ".join(routine.description.split()))
        self.steps.clear()
        for step in routine.steps:
            self.steps.addItem(f"{step.exercise.name}  —  {step.dose_label()}")

    def _start(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self.startRequested.emit(routine)


def _pain(value: int | None) -> str:
    return "–" if value is None else str(value)
