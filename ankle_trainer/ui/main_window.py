"""The main window: home, pain check, session and summary pages in one stack."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from .. import APP_NAME, __version__
from ..core.clock import Clock
from ..core.engine import SessionEngine, SessionSummary
from ..core.model import Routine
from ..core.plan import TimingSettings
from ..storage.history import HistoryRecorder, HistoryRepository
from .home import HomePage
from .pages import PainCheckPage, SummaryPage
from .session_screen import SessionScreen
from .widgets import NoticeBar

RECENT_COUNT = 6

STYLE = """
#pageHeading, #routineTitle { font-size: 24px; font-weight: 600; }
#routineMeta { font-size: 14px; font-style: italic; }
#exerciseName { font-size: 34px; font-weight: 600; }
#exerciseCue { font-size: 18px; }
#setLabel { font-size: 24px; }
#repLabel { font-size: 28px; font-weight: 600; }
#painValue { font-size: 28px; font-weight: 600; }
#painQuestion { font-size: 18px; }
#summaryDetails { font-size: 18px; }
#nextLabel, #progressText { font-size: 15px; }
#disclaimer { font-size: 12px; font-style: italic; }
#noticeBar { background: #fff4ce; color: #3b2f00; border: 1px solid #e0c36a; border-radius: 4px; }
#noticeBar QLabel { color: #3b2f00; }
#startButton { font-size: 16px; padding: 8px 20px; }
#routineList::item { padding: 8px; }
"""


class MainWindow(QMainWindow):
    def __init__(
        self,
        repo: HistoryRepository,
        routines: tuple[Routine, ...],
        clock: Clock,
        timing: TimingSettings | None = None,
        data_dir: str = "",
    ) -> None:
        super().__init__()
        self.repo = repo
        self.clock = clock
        self.timing = timing or TimingSettings()
        self.data_dir = data_dir
        self.engine: SessionEngine | None = None
        self.recorder: HistoryRecorder | None = None
        self._pending: Routine | None = None
        self.setWindowTitle(APP_NAME)
        self.setStyleSheet(STYLE)
        self.resize(1024, 720)

        self.notice = NoticeBar()
        self.home = HomePage(routines, self.timing)
        self.pain_check = PainCheckPage()
        self.session_screen = SessionScreen()
        self.summary = SummaryPage()
        self.stack = QStackedWidget()
        for page in (self.home, self.pain_check, self.session_screen, self.summary):
            self.stack.addWidget(page)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.home.startRequested.connect(self.begin)
        self.pain_check.accepted.connect(self.start_session)
        self.pain_check.cancelled.connect(self.go_home)
        self.session_screen.finished.connect(self._session_finished)
        self.session_screen.storageFailed.connect(self._storage_failed)
        self.summary.done.connect(self._summary_done)
        self._build_menus()
        self.refresh_recent()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Ankle Trainer", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    # -- flow --------------------------------------------------------------
    def begin(self, routine: Routine) -> None:
        self._pending = routine
        self.pain_check.prepare(routine)
        self.stack.setCurrentWidget(self.pain_check)

    def start_session(self, pain_before: int | None) -> None:
        routine = self._pending
        if routine is None:
            return
        engine = SessionEngine(routine, self.clock, self.timing)
        recorder = HistoryRecorder(self.repo, pain_before)
        engine.add_listener(recorder)  # first: the row exists before anything else reacts
        self.session_screen.attach(engine)
        self.engine, self.recorder = engine, recorder
        self.stack.setCurrentWidget(self.session_screen)
        try:
            engine.start()
        except sqlite3.Error as exc:
            self.session_screen.timer.stop()
            self.engine = None
            self._storage_failed(str(exc))
            self.go_home()
            return
        self.session_screen.setFocus()

    def _session_finished(self, summary: SessionSummary) -> None:
        assert self.engine is not None
        self.summary.show_summary(self.engine.routine, summary)
        self.engine = None
        self.stack.setCurrentWidget(self.summary)

    def _summary_done(self, pain_after: int | None) -> None:
        if self.recorder is not None and self.recorder.session_id is not None:
            try:
                self.repo.set_pain_after(self.recorder.session_id, pain_after)
            except sqlite3.Error as exc:
                self._storage_failed(str(exc))
        self.recorder = None
        self.go_home()

    def go_home(self) -> None:
        self.refresh_recent()
        self.stack.setCurrentWidget(self.home)
        self.home.routine_list.setFocus()

    def refresh_recent(self) -> None:
        try:
            self.home.set_recent(self.repo.recent_sessions(RECENT_COUNT))
        except sqlite3.Error as exc:
            self._storage_failed(str(exc))

    def _storage_failed(self, detail: str) -> None:
        self.notice.show_message(
            "Ankle Trainer could not save to your history "
            f"({detail}). Check that the disk is not full and the data folder "
            f"{self.data_dir} is still there. You can keep going; finished sets up to "
            "this point are saved."
        )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>Guided ankle exercise sessions for runners."
            f"<br><br>Your data: {self.data_dir}<br><br>Exercise guidance, not a diagnosis.",
        )

    # -- quitting ----------------------------------------------------------
    def session_running(self) -> bool:
        return self.engine is not None and self.engine.running

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self.session_running():
            if not self.confirm_quit_during_session():
                event.ignore()
                return
            self.session_screen.timer.stop()
            try:
                self.repo.mark_interrupted()
            except sqlite3.Error:
                pass  # next start marks it interrupted instead
        event.accept()

    def confirm_quit_during_session(self) -> bool:
        """Ask before quitting mid-session (tests replace this)."""
        answer = QMessageBox.question(
            self,
            "Quit during a session?",
            "A session is running. Quit anyway? The sets you have finished are kept, "
            "and the session is saved as interrupted.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.stack.currentWidget() is self.home:
            self.home.start_button.click()
            return
        super().keyPressEvent(event)
