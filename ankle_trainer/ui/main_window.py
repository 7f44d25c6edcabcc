"""The main window: home, pain check, session and summary pages in one stack."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from .. import APP_NAME, __version__
from ..core.clock import Clock
from ..core.model import Routine
from ..core.plan import TimingSettings
from ..storage.history import HistoryRepository
from .home import HomePage
from .widgets import NoticeBar

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from ..core.engine import SessionEngine, SessionSummary
    from ..storage.recorder import HistoryRecorder
    from .pages import PainCheckPage, SummaryPage
    from .session_screen import SessionScreen

RECENT_COUNT = 6



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
        self.resize(1024, 720)

        self.notice = NoticeBar()
        self.home = HomePage(routines, self.timing)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        # The other pages are built on first use, keeping start-up to what the
        # first screen needs (see benchmarks/startup.py).
        self._pain_check: PainCheckPage | None = None
        self._session_screen: SessionScreen | None = None
        self._summary: SummaryPage | None = None
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.home.startRequested.connect(self.begin)
        self._build_menus()
        self.refresh_recent()

    @property
    def pain_check(self) -> PainCheckPage:
        if self._pain_check is None:
            from .pages import PainCheckPage

            self._pain_check = PainCheckPage()
            self._pain_check.accepted.connect(self.start_session)
            self._pain_check.cancelled.connect(self.go_home)
            self.stack.addWidget(self._pain_check)
        return self._pain_check

    @property
    def session_screen(self) -> SessionScreen:
        if self._session_screen is None:
            from .session_screen import SessionScreen

            self._session_screen = SessionScreen()
            self._session_screen.finished.connect(self._session_finished)
            self.stack.addWidget(self._session_screen)
        return self._session_screen

    @property
    def summary(self) -> SummaryPage:
        if self._summary is None:
            from .pages import SummaryPage

            self._summary = SummaryPage()
            self._summary.done.connect(self._summary_done)
            self.stack.addWidget(self._summary)
        return self._summary

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
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
        from ..core.engine import SessionEngine
        from ..storage.recorder import HistoryRecorder

        engine = SessionEngine(routine, self.clock, self.timing)
        recorder = HistoryRecorder(
            self.repo, pain_before, on_error=lambda exc: self._storage_failed(str(exc))
        )
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
            if self.recorder.unsaved:
                self.recorder.flush()
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
            f"({detail}). Check that the disk is not full and that the data folder "
            f"{self.data_dir} is still there. You can keep going: the sets you finish "
            "are kept and saved as soon as writing works again."
        )

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

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
        from PySide6.QtWidgets import QMessageBox

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
        from PySide6.QtCore import Qt  # see the note on start-up in home.py

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.stack.currentWidget() is self.home:
            self.home.start_button.click()
            return
        super().keyPressEvent(event)
