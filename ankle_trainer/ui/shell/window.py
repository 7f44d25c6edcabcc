"""The main window: home, pain check, session and summary pages in one stack."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QVBoxLayout, QWidget

from ... import APP_NAME
from ...core.clock import Clock
from ...core.model import Routine
from ...core.plan import TimingSettings
from ...core.weeks import week_range
from ...storage.history import HistoryRepository, RecommendationRow
from ...storage.routine_store import RoutineStore
from ...storage.settings import Settings, SettingsStore
from ..screens.home.page import HomePage
from ..widgets import NoticeBar

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from ...core.engine import SessionEngine, SessionSummary
    from ...storage.recorder import HistoryRecorder
    from ..dialogs.about import AboutDialog, RoutinePreview, ShortcutsDialog
    from ..dialogs.editor.dialog import RoutineEditor
    from ..dialogs.export import ExportDialog
    from ..dialogs.settings import SettingsDialog
    from ..screens.heel_rise.page import HeelRisePage
    from ..screens.history.page import HistoryPage
    from ..screens.learn.page import LearnPage
    from ..screens.progress.page import ProgressPage
    from ..screens.session.pages import PainCheckPage, SafetyCheckPage, SafetyStopPage, SummaryPage
    from ..screens.session.screen import SessionScreen
    from ..sound import QtCueSink
    from ..tray import ReminderService, Tray
    from ..widgets import ActionBanner

RECENT_COUNT = 6



class MainWindow(QMainWindow):
    def __init__(
        self,
        repo: HistoryRepository,
        routines: tuple[Routine, ...],
        clock: Clock,
        settings: Settings | None = None,
        store: SettingsStore | None = None,
        data_dir: str = "",
        routine_store: RoutineStore | None = None,
    ) -> None:
        super().__init__()
        self.repo = repo
        self.routine_store = routine_store
        self.routine_problems: list[str] = []
        self.base_routines = tuple(routines)  # as written; self.routines are at their levels
        if routine_store is not None:
            mine, self.routine_problems = routine_store.load()
            self.base_routines += tuple(mine)
        self.routines = self._at_levels()
        self.clock = clock
        self.settings = settings or Settings()
        self.store = store
        self.data_dir = data_dir
        self.engine: SessionEngine | None = None
        self.recorder: HistoryRecorder | None = None
        self.tray: Tray | None = None
        self._cues: QtCueSink | None = None
        self.reminders: ReminderService | None = None
        self._pending: Routine | None = None
        self._quitting = False
        self._told_about_tray = False
        self.setWindowTitle(APP_NAME)
        self.resize(1024, 720)
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))

        self.notice = NoticeBar()
        self.home = HomePage(self.routines, self.timing)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        # The other pages are built on first use, keeping start-up to what the
        # first screen needs (see benchmarks/startup.py).
        self._pain_check: PainCheckPage | None = None
        self._session_screen: SessionScreen | None = None
        self._summary: SummaryPage | None = None
        self._safety_check: SafetyCheckPage | None = None
        self._safety_stop: SafetyStopPage | None = None
        self._history_page: HistoryPage | None = None
        self._progress_page: ProgressPage | None = None
        self._heel_rise_page: HeelRisePage | None = None
        self._learn_page: LearnPage | None = None
        self._progress_stale = True
        self._resume: tuple[str, int, int, int] | None = None  # id, index, done, skipped
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.notice)
        # Banners (first-run note, resume, next-morning check) show on the home
        # screen only.
        self.banner_area = QWidget()
        self.banners = QVBoxLayout(self.banner_area)
        self.banners.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner_area)
        layout.addWidget(self.stack, 1)
        self.stack.currentChanged.connect(
            lambda _: self.banner_area.setVisible(self.stack.currentWidget() is self.home)
        )
        self.setCentralWidget(central)

        self.home.startRequested.connect(self.begin)
        self.home.previewRequested.connect(self.show_preview)
        self.home.historyRequested.connect(self.show_history)
        self.home.progressRequested.connect(self.show_progress)
        self.home.editorRequested.connect(self.open_editor)
        self.home.heelRiseRequested.connect(self.show_heel_rise)
        self.home.learnRequested.connect(self.show_learn)
        if not self.settings.disclaimer_seen:
            self._show_disclaimer()
        self.file_menu = self.menuBar().addMenu("&File")
        self.help_menu = self.menuBar().addMenu("&Help")
        self._menus_done = False
        self.refresh_recent()

    @property
    def timing(self) -> TimingSettings:
        return TimingSettings(
            get_ready_seconds=self.settings.get_ready_seconds,
            switch_side_seconds=self.settings.switch_side_seconds,
            default_rest_seconds=self.settings.default_rest_seconds,
        )

    def _at_levels(self) -> tuple[Routine, ...]:
        try:
            levels = self.repo.levels()
        except sqlite3.Error:
            levels = {}
        return tuple(r.at_level(levels.get(r.id, 0)) for r in self.base_routines)

    def refresh_routines(self) -> None:
        """Levels or the runner's own routines changed: show them anew."""
        self.routines = self._at_levels()
        self.home.set_routines(self.routines)

    def finish_startup(self) -> None:
        """What the first paint does not need: menus' actions, theme, tray,
        reminders. Called right after the window is first painted."""
        self._build_menus()
        for problem in self.routine_problems:
            self.notice.show_message(
                f"One of your routines could not be used and was left as it is: {problem}"
            )
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        QTimer.singleShot(0, self.cues.load)  # QtMultimedia: about 0.2 s, after the paint
        app = QApplication.instance()
        if isinstance(app, QApplication) and self.settings.theme != "system":
            from ..theme import apply_theme

            apply_theme(app, self.settings.theme)
        self._start_tray_and_reminders()
        self._offer_resume()
        self._offer_next_morning_check()
        try:
            pending = self.repo.pending_recommendation()
        except sqlite3.Error:
            pending = None
        if pending is not None:
            self._offer_recommendation(pending)

    # -- first run, resume, next morning ------------------------------------
    def _banner(self, text: str) -> ActionBanner:
        from ..widgets import ActionBanner

        banner = ActionBanner(text)
        self.banners.addWidget(banner)
        return banner

    def _show_disclaimer(self) -> None:
        banner = self._banner(
            "Welcome. Ankle Trainer gives exercise guidance, not a diagnosis. If you cannot "
            "put weight on the foot, or pain is severe or getting worse, see a health "
            "professional before exercising."
        )
        banner.setObjectName("disclaimerBanner")

        def seen() -> None:
            self.settings = self.settings.with_changes(disclaimer_seen=True)
            self._write_settings()

        banner.add_button("I understand", seen)
        self.disclaimer_banner = banner

    def _offer_resume(self) -> None:
        from ...core.plan import build_plan, resume_index

        try:
            session = self.repo.resumable_session()
        except sqlite3.Error:
            return
        routine = next((r for r in self.routines if r.id == session.routine_id), None) if session else None
        if session is None or routine is None:
            return
        done = {s.seq for s in self.repo.sets_for(session.id)}
        index = resume_index(build_plan(routine, self.timing), done)
        if index is None:
            return
        when = session.started_at.astimezone().strftime("%a %d %b, %H:%M")
        banner = self._banner(
            f"Your {routine.name.lower()} session ({when}) was interrupted after "
            f"{session.sets_completed + session.sets_skipped} of {session.sets_planned} sets."
        )
        banner.setObjectName("resumeBanner")

        def resume() -> None:
            self._pending = routine
            self.home.select_routine(routine.id)
            self._resume = (session.id, index, session.sets_completed, session.sets_skipped)
            self.start_session(session.pain_before)

        def close() -> None:
            try:
                self.repo.close_as_stopped(session.id)
            except sqlite3.Error as exc:
                self._storage_failed(str(exc))
            self.refresh_recent()

        banner.add_button("Resume", resume)
        banner.add_button("Close it as stopped", close)
        self.resume_banner = banner

    def _offer_next_morning_check(self) -> None:
        from PySide6.QtWidgets import QLabel, QSpinBox

        today = self.clock.now().date().isoformat()
        try:
            session = self.repo.needs_next_morning_check(today)
        except sqlite3.Error:
            return
        if session is None:
            return
        day = session.started_at.astimezone().strftime("%A")
        banner = self._banner(
            f"How is your ankle this morning, after {day}'s {session.routine_name.lower()}? "
            "(0 = none, 10 = worst imaginable)"
        )
        banner.setObjectName("morningBanner")
        spins = {}
        for name in ("Pain", "Stiffness"):
            banner.add_widget(QLabel(f"{name}:"))
            spin = QSpinBox()
            spin.setRange(0, 10)
            spin.setAccessibleName(f"{name} this morning, 0 to 10")
            banner.add_widget(spin)
            spins[name] = spin

        def save() -> None:
            try:
                self.repo.set_next_morning(
                    session.id, spins["Pain"].value(), spins["Stiffness"].value(), self.clock.now()
                )
            except sqlite3.Error as exc:
                self._storage_failed(str(exc))
                return
            self._progress_stale = True
            self.suggest_for(session.routine_id)

        def later() -> None:
            try:
                self.repo.skip_next_morning(session.id, self.clock.now())
            except sqlite3.Error as exc:
                self._storage_failed(str(exc))

        banner.add_button("Save", save)
        banner.add_button("Not now", later)
        self.morning_banner = banner
        self.morning_spins = spins

    # -- pain-guided progression -----------------------------------------------
    def suggest_for(self, routine_id: str) -> RecommendationRow | None:
        """Work out (and offer) a suggestion for a routine after new pain ratings."""
        routine = next((r for r in self.base_routines if r.id == routine_id), None)
        if routine is None:
            return None
        from ...storage.advice import suggest
        from ...storage.settings import thresholds

        try:
            rec = suggest(self.repo, routine, thresholds(self.settings), self.clock.now())
        except sqlite3.Error as exc:
            self._storage_failed(str(exc))
            return None
        if rec is not None:
            self._offer_recommendation(rec)
        return rec

    def _offer_recommendation(self, rec: RecommendationRow) -> None:
        old = getattr(self, "recommendation_banner", None)
        if old is not None:
            old.hide()
            old.deleteLater()
        from html import escape

        base = next((r for r in self.base_routines if r.id == rec.routine_id), None)
        count = base.level_count if base else 1
        rec = rec._replace(routine_name=escape(rec.routine_name), reason=escape(rec.reason))
        if rec.advice == "see_professional":
            text = (f"<b>Please check in with a professional.</b> {rec.reason} Ankle Trainer "
                    "gives exercise guidance and cannot tell what is causing the pain.")
            answers = (("I understand", True),)
        elif rec.advice == "progress":
            what = escape(base.level_summary(rec.to_level)) if base else ""
            text = (f"<b>Suggestion for {rec.routine_name}: move up to level {rec.to_level + 1} "
                    f"of {count}</b> ({what}). {rec.reason}")
            answers = ((f"Move up to level {rec.to_level + 1}", True), ("Not yet", False))
        elif rec.advice == "back_off" and rec.to_level != rec.from_level:
            text = (f"<b>Suggestion for {rec.routine_name}: go back to level {rec.to_level + 1}.</b> "
                    f"{rec.reason}")
            answers = ((f"Go back to level {rec.to_level + 1}", True), ("Keep this level", False))
        elif rec.advice == "back_off":
            text = (f"<b>Suggestion for {rec.routine_name}: ease off.</b> {rec.reason} This is "
                    "already the first level: do fewer repetitions or rest the sore side until "
                    "pain settles.")
            answers = (("OK", True), ("Dismiss", False))
        else:
            text = f"<b>Suggestion for {rec.routine_name}: stay at this level.</b> {rec.reason}"
            answers = (("OK", True), ("Dismiss", False))
        banner = self._banner(text)
        banner.setObjectName("recommendationBanner")

        def answer(accepted: bool) -> None:
            try:
                self.repo.decide(rec.id, accepted, self.clock.now())
            except sqlite3.Error as exc:
                self._storage_failed(str(exc))
                return
            if accepted and rec.to_level != rec.from_level:
                self.refresh_routines()
            self.recommendation_banner = None

        for words, accepted in answers:
            banner.add_button(words, lambda accepted=accepted: answer(accepted))
        self.recommendation_banner = banner

    def _build_menus(self) -> None:
        if self._menus_done:
            return
        self._menus_done = True
        from PySide6.QtGui import QKeySequence

        def action(menu, text, slot, keys, name):  # type: ignore[no-untyped-def]
            act = QAction(text, self)
            act.setShortcut(QKeySequence(keys))
            act.setObjectName(name)
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        self.start_action = action(self.file_menu, "&Start selected routine", self.home._start, "Ctrl+Return", "startAction")
        self.export_action = action(self.file_menu, "&Export history…", self.open_export, "Ctrl+E", "exportAction")
        self.import_action = action(self.file_menu, "&Import history…", self.import_history, "Ctrl+I", "importAction")
        self.file_menu.addSeparator()
        self.editor_action = action(self.file_menu, "Edit &routines…", self.open_editor, "Ctrl+R", "editorAction")
        self.settings_action = action(self.file_menu, "S&ettings…", self.open_settings, "Ctrl+,", "settingsAction")
        self.file_menu.addSeparator()
        self.quit_action = action(self.file_menu, "&Quit", self.quit_app, "Ctrl+Q", "quitAction")
        self.view_menu = QMenu("&View", self)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.view_menu)
        self.home_action = action(self.view_menu, "&Home", self.go_home_if_idle, "Ctrl+1", "homeAction")
        self.history_action = action(self.view_menu, "&History", self.show_history, "Ctrl+2", "historyAction")
        self.progress_action = action(self.view_menu, "&Progress charts", self.show_progress, "Ctrl+3", "progressAction")
        self.heel_rise_action = action(self.view_menu, "Heel-&rise test", self.show_heel_rise, "Ctrl+4", "heelRiseAction")
        self.learn_action = action(self.view_menu, "&Learn about ankle pain", self.show_learn, "Ctrl+5", "learnAction")
        self.view_menu.addSeparator()
        self.focus_action = action(
            self.view_menu, "&Focus mode (full screen, large digits)", self.toggle_focus_mode, "F11", "focusAction"
        )
        self.focus_action.setCheckable(True)
        self.shortcuts_action = action(self.help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1", "shortcutsAction")
        self.about_action = action(self.help_menu, "&About Ankle Trainer", self.show_about, "", "aboutAction")

    @property
    def cues(self) -> QtCueSink:
        """Sound and speech for sessions (QtMultimedia itself loads later still)."""
        if self._cues is None:
            from ..sound import QtCueSink

            self._cues = QtCueSink(
                lambda: self.settings, flash=lambda: self.session_screen.flash(), tell=self.quiet_message
            )
        return self._cues

    @cues.setter
    def cues(self, sink: QtCueSink) -> None:
        self._cues = sink

    @property
    def safety_check(self) -> SafetyCheckPage:
        if self._safety_check is None:
            from ..screens.session.pages import SafetyCheckPage

            self._safety_check = SafetyCheckPage()
            self._safety_check.answered.connect(self._safety_answered)
            self._safety_check.cancelled.connect(self.go_home)
            self.stack.addWidget(self._safety_check)
        return self._safety_check

    @property
    def safety_stop(self) -> SafetyStopPage:
        if self._safety_stop is None:
            from ..screens.session.pages import SafetyStopPage

            self._safety_stop = SafetyStopPage()
            self._safety_stop.done.connect(self.go_home)
            self.stack.addWidget(self._safety_stop)
        return self._safety_stop

    @property
    def pain_check(self) -> PainCheckPage:
        if self._pain_check is None:
            from ..screens.session.pages import PainCheckPage

            self._pain_check = PainCheckPage()
            self._pain_check.accepted.connect(self.start_session)
            self._pain_check.cancelled.connect(self.go_home)
            self.stack.addWidget(self._pain_check)
        return self._pain_check

    @property
    def session_screen(self) -> SessionScreen:
        if self._session_screen is None:
            from ..screens.session.screen import SessionScreen

            self._session_screen = SessionScreen()
            self._session_screen.finished.connect(self._session_finished)
            self._session_screen.painRated.connect(self._save_pain_during)
            self._session_screen.pain_threshold = lambda: self.settings.pain_threshold
            self.stack.addWidget(self._session_screen)
        return self._session_screen

    @property
    def summary(self) -> SummaryPage:
        if self._summary is None:
            from ..screens.session.pages import SummaryPage

            self._summary = SummaryPage()
            self._summary.done.connect(self._summary_done)
            self.stack.addWidget(self._summary)
        return self._summary

    @property
    def history_page(self) -> HistoryPage:
        if self._history_page is None:
            from ..screens.history.page import HistoryPage

            page = HistoryPage(self.repo)
            page.homeRequested.connect(self.go_home)
            page.exportRequested.connect(self.open_export)
            page.storageFailed.connect(self._storage_failed)
            page.changed.connect(self._history_changed)
            self.stack.addWidget(page)
            self._history_page = page
        return self._history_page

    @property
    def progress_page(self) -> ProgressPage:
        if self._progress_page is None:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QApplication

            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                from ..screens.progress.page import ProgressPage  # pyqtgraph and NumPy load here

                page = ProgressPage(self.repo)
            finally:
                QApplication.restoreOverrideCursor()
            page.homeRequested.connect(self.go_home)
            page.targetChanged.connect(self._target_changed)
            page.saved.connect(lambda path: self.quiet_message(f"Chart saved to {path}"))
            page.failed.connect(self.notice.show_message)
            self.stack.addWidget(page)
            self._progress_page = page
        return self._progress_page

    def _busy_elsewhere(self) -> bool:
        """True (and says so) while a session runs or waits for its last
        pain rating: other screens open after it."""
        current = self.stack.currentWidget()
        if self.session_running() or (self._summary is not None and current is self._summary):
            self.quiet_message("Finish or stop the session first.")
            return True
        return False

    def go_home_if_idle(self) -> None:
        if not self._busy_elsewhere():
            self.go_home()

    def show_history(self) -> HistoryPage | None:
        if self._busy_elsewhere():
            return None
        page = self.history_page
        try:
            page.load()
        except sqlite3.Error as exc:
            self._storage_failed(str(exc))
            return None
        self.stack.setCurrentWidget(page)
        page.table.setFocus()
        if page.model.rows:
            page.select_row(0)
        return page

    def show_progress(self) -> ProgressPage | None:
        if self._busy_elsewhere():
            return None
        page = self.progress_page
        page.set_routines(self._target_choices())
        if self._progress_stale or page.data is None or page.data.today != self.clock.now().date():
            try:
                page.load(self.clock.now().date(), self.settings.weekly_target, self.settings.first_day_of_week)
            except sqlite3.Error as exc:
                self._storage_failed(str(exc))
                return None
            self._progress_stale = False
        self.stack.setCurrentWidget(page)
        page.tabs.setFocus()
        return page

    @property
    def heel_rise_page(self) -> HeelRisePage:
        if self._heel_rise_page is None:
            from ..screens.heel_rise.page import HeelRisePage

            page = HeelRisePage(self.repo, self.clock, lambda: self.settings.heel_rise_beat_seconds,
                                self.cues)
            page.homeRequested.connect(self.go_home)
            page.failed.connect(self.notice.show_message)
            self.stack.addWidget(page)
            self._heel_rise_page = page
        return self._heel_rise_page

    def show_heel_rise(self) -> HeelRisePage | None:
        if self._busy_elsewhere():
            return None
        page = self.heel_rise_page
        page.reset()
        self.stack.setCurrentWidget(page)
        page.start_button.setFocus()
        return page

    @property
    def learn_page(self) -> LearnPage:
        if self._learn_page is None:
            from ..screens.learn.page import LearnPage

            page = LearnPage()
            page.homeRequested.connect(self.go_home)
            self.stack.addWidget(page)
            self._learn_page = page
        return self._learn_page

    def show_learn(self) -> LearnPage | None:
        if self._busy_elsewhere():
            return None
        self.stack.setCurrentWidget(self.learn_page)
        self.learn_page.text.setFocus()
        return self.learn_page

    def open_editor(self) -> RoutineEditor | None:
        if self._busy_elsewhere():
            return None
        from ...core.library import exercise_library
        from ..dialogs.editor.dialog import RoutineEditor

        if self.routine_store is None:
            self.routine_store = RoutineStore(Path(self.data_dir) / "routines", exercise_library())
        dialog = RoutineEditor(
            tuple(r for r in self.base_routines if r.builtin), self.routine_store,
            exercise_library(), self.timing, self.clock.now, self,
        )
        dialog.routinesChanged.connect(self._own_routines_changed)
        dialog.open()
        self.editor = dialog
        return dialog

    def _own_routines_changed(self) -> None:
        if self.routine_store is None:
            return
        mine, _ = self.routine_store.load()
        self.base_routines = tuple(r for r in self.base_routines if r.builtin) + tuple(mine)
        self.refresh_routines()

    def _target_choices(self) -> list[tuple[str | None, str, int]]:
        """For the adherence chart: all routines, or one, each with its weekly
        target (the one you set, else the routine's suggestion)."""
        s = self.settings
        choices: list[tuple[str | None, str, int]] = [(None, "All routines", s.weekly_target)]
        for r in self.base_routines:
            target = s.routine_targets.get(r.id) or r.target_per_week
            if target:
                choices.append((r.id, r.name, target))
        return choices

    def _target_changed(self, routine_id: str | None, value: int) -> None:
        if routine_id is None:
            self.settings = self.settings.with_changes(weekly_target=value)
            self.refresh_recent()
        else:
            targets = {**self.settings.routine_targets, routine_id: value}
            self.settings = self.settings.with_changes(routine_targets=targets)
        self._write_settings()

    def _history_changed(self) -> None:
        self._progress_stale = True
        self.refresh_recent()

    # -- CSV -----------------------------------------------------------------
    def open_export(self) -> ExportDialog:
        from ..dialogs.export import ExportDialog

        dialog = ExportDialog(self.repo, Path.home(), self.clock.now().date(), self)

        def done() -> None:
            if dialog.written is not None:
                rows, path = dialog.written
                what = "sets" if dialog.sets.isChecked() else "sessions"
                self.quiet_message(f"Exported {rows} {what} to {path}")

        dialog.accepted.connect(done)
        dialog.open()
        self.export_dialog = dialog
        return dialog

    def ask_import_paths(self) -> list[str]:
        """The CSV files to import ([] if cancelled); tests replace this."""
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import history: choose a sessions file, a sets file or both",
            str(Path.home()), "CSV files (*.csv);;All files (*)",
        )
        return paths

    def import_history(self) -> str | None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from ...storage.csv_io import CsvError, import_csv

        if self._busy_elsewhere():
            return None
        paths = self.ask_import_paths()
        if not paths:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report = import_csv(self.repo.conn, [Path(p) for p in paths])
        except CsvError as exc:
            message = f"Nothing was imported. {exc}"
        except sqlite3.Error as exc:
            message = f"Nothing was imported: your history could not be written ({exc})."
        else:
            message = "Import finished. " + report.summary()
            self._history_changed()
            if self._history_page is not None and self.stack.currentWidget() is self._history_page:
                self._history_page.load()
        finally:
            QApplication.restoreOverrideCursor()
        self.notice.show_message(message)
        return message

    # -- flow --------------------------------------------------------------
    def begin(self, routine: Routine) -> None:
        self._pending = routine
        self._resume = None
        today = self.clock.now().date().isoformat()
        if self.repo.safety_outcome_on(today) != "clear":
            self.safety_check.reset()
            self.stack.setCurrentWidget(self.safety_check)
            return
        self._ask_pain_before()

    def _safety_answered(self, answers: dict[str, bool]) -> None:
        from ...core.safety import Outcome, assess

        outcome = assess(answers)
        try:
            self.repo.record_safety_check(self.clock.now(), answers, outcome.key)
        except sqlite3.Error as exc:
            self._storage_failed(str(exc))
        if outcome is Outcome.CLEAR:
            self._ask_pain_before()
        else:
            self.safety_stop.show_outcome(outcome)
            self.stack.setCurrentWidget(self.safety_stop)

    def _ask_pain_before(self) -> None:
        routine = self._pending
        assert routine is not None
        self.pain_check.prepare(routine)
        self.stack.setCurrentWidget(self.pain_check)
        self.pain_check.scale.slider.setFocus()

    def start_session(self, pain_before: int | None) -> None:
        routine = self._pending
        if routine is None:
            return
        from ...core.engine import SessionEngine
        from ...storage.recorder import HistoryRecorder

        if self.settings.last_routine_id != routine.id:
            self.settings = self.settings.with_changes(last_routine_id=routine.id)
            self._write_settings()
        engine = SessionEngine(routine, self.clock, self.timing)
        resume = self._resume
        recorder = HistoryRecorder(
            self.repo,
            pain_before,
            on_error=lambda exc: self._storage_failed(str(exc)),
            resume_session_id=resume[0] if resume else None,
        )
        engine.add_listener(recorder)  # first: the row exists before anything else reacts
        self.session_screen.attach(engine)
        from ...core.cues import CueDriver

        engine.add_listener(CueDriver(engine, self.cues))
        self.engine, self.recorder = engine, recorder
        self.stack.setCurrentWidget(self.session_screen)
        try:
            if resume:
                engine.start(resume[1], prior_completed=resume[2], prior_skipped=resume[3])
            else:
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
        self._finished_routine_id = self.engine.routine.id
        self.summary.show_summary(self.engine.routine, summary)
        self.engine = None
        self.stack.setCurrentWidget(self.summary)
        self.summary.scale.slider.setFocus()

    def _summary_done(self, pain_after: int | None) -> None:
        self._progress_stale = True
        if self.recorder is not None and self.recorder.session_id is not None:
            if self.recorder.unsaved:
                self.recorder.flush()
            try:
                self.repo.set_pain_after(self.recorder.session_id, pain_after)
            except sqlite3.Error as exc:
                self._storage_failed(str(exc))
        self.recorder = None
        self.go_home()
        routine_id = getattr(self, "_finished_routine_id", None)
        if routine_id:
            self.suggest_for(routine_id)

    def go_home(self) -> None:
        self.refresh_recent()
        self.stack.setCurrentWidget(self.home)
        self.home.routine_list.setFocus()

    def refresh_recent(self) -> None:
        first, last = week_range(self.clock.now().date(), self.settings.first_day_of_week)
        try:
            self.home.set_recent(self.repo.recent_sessions(RECENT_COUNT))
            done = self.repo.completed_between(first.isoformat(), last.isoformat())
            self.home.set_week(done, self.settings.weekly_target)
        except sqlite3.Error as exc:
            self._storage_failed(str(exc))

    def _storage_failed(self, detail: str) -> None:
        self.notice.show_message(
            "Ankle Trainer could not save to your history "
            f"({detail}). Check that the disk is not full and that the data folder "
            f"{self.data_dir} is still there. You can keep going: the sets you finish "
            "are kept and saved as soon as writing works again."
        )

    # -- settings, dialogs, tray ---------------------------------------------
    def open_settings(self) -> SettingsDialog:
        from ..dialogs.settings import SettingsDialog
        from ..tray import Tray

        dialog = SettingsDialog(self.settings, Path(self.data_dir), Tray.available(), self)
        dialog.changed.connect(self.apply_settings)
        dialog.accepted.connect(lambda: self.save_settings(dialog.current))
        dialog.open()
        self.settings_dialog = dialog
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        """Make ``settings`` take effect now (not saved: see save_settings)."""
        old, self.settings = self.settings, settings
        if self.timing != TimingSettings(
            old.get_ready_seconds, old.switch_side_seconds, old.default_rest_seconds
        ):
            self.home.set_timing(self.timing)
        if (old.weekly_target, old.first_day_of_week) != (
            settings.weekly_target,
            settings.first_day_of_week,
        ):
            self.refresh_recent()
        if old.theme != settings.theme:
            from PySide6.QtWidgets import QApplication

            from ..theme import apply_theme

            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, settings.theme)

    def save_settings(self, settings: Settings) -> None:
        autostart_changed = settings.autostart != self._saved_autostart()
        self.apply_settings(settings)
        if autostart_changed:
            from ...desktop import set_autostart

            try:
                set_autostart(settings.autostart)
            except OSError as exc:
                self.notice.show_message(f"Could not change the login start-up entry: {exc}")
        self._write_settings()

    def _saved_autostart(self) -> bool:
        if self.store is None:
            return False
        return self.store.load().settings.autostart if self.store.path.exists() else False

    def _write_settings(self) -> None:
        if self.store is None:
            return
        try:
            self.store.save(self.settings)
        except OSError as exc:
            self.notice.show_message(
                f"Your settings could not be saved to {self.store.path} ({exc}). "
                "They apply until you quit."
            )

    def quiet_message(self, text: str) -> None:
        """A message in the status bar: for things worth knowing, not urgent."""
        self.statusBar().showMessage(text)

    def _save_pain_during(self, seq: int, pain: int) -> None:
        if self.recorder is None or self.recorder.session_id is None:
            return
        try:
            self.repo.set_pain_during(self.recorder.session_id, seq, pain)
        except sqlite3.Error as exc:
            self._storage_failed(str(exc))

    def toggle_focus_mode(self) -> None:
        on = not self.isFullScreen()
        if on:
            self.showFullScreen()
        else:
            self.showNormal()
        self.menuBar().setVisible(not on)
        self.statusBar().setVisible(not on)
        self.session_screen.set_focus_mode(on)
        if self._menus_done:
            self.focus_action.setChecked(on)

    def show_about(self) -> AboutDialog:
        from ..dialogs.about import AboutDialog

        dialog = AboutDialog(self.data_dir, str(self.store.path) if self.store else "(not saved)", self)
        dialog.open()
        return dialog

    def show_preview(self, routine: Routine) -> RoutinePreview:
        from ..dialogs.about import RoutinePreview

        dialog = RoutinePreview(routine, self)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        from ..dialogs.about import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.open()
        return dialog

    def last_routine(self) -> Routine | None:
        return next((r for r in self.routines if r.id == self.settings.last_routine_id), None)

    def _start_tray_and_reminders(self) -> None:
        from ..tray import ReminderService, Tray, build_tray_menu

        if Tray.available() and self.tray is None:
            last = self.last_routine()
            menu = build_tray_menu(
                self, self.start_last_routine, self.bring_forward, self.quit_app,
                last.name if last else None,
            )
            self.tray = Tray(self.windowIcon(), menu, self.bring_forward)
            self.tray.show()
        if self.reminders is None:
            self.reminders = ReminderService(self.clock, self.repo, lambda: self.settings, self.show_reminder)
            self.reminders.start()

    def show_reminder(self, text: str) -> None:
        if self.tray is not None:
            self.tray.notify(APP_NAME, text)
        else:
            self.notice.show_message(text)
            from PySide6.QtWidgets import QApplication

            QApplication.alert(self)

    def start_last_routine(self) -> None:
        routine = self.last_routine()
        self.bring_forward()
        if routine is not None and not self.session_running():
            self.home.select_routine(routine.id)
            self.begin(routine)

    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        self._quitting = True
        if self.close():
            from PySide6.QtWidgets import QApplication

            QApplication.quit()
        self._quitting = False

    # -- quitting ----------------------------------------------------------
    def session_running(self) -> bool:
        return self.engine is not None and self.engine.running

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if self.tray is not None and self.settings.keep_in_tray and not self._quitting:
            self.hide()  # keeps running in the tray, session and all
            if not self._told_about_tray:
                self._told_about_tray = True
                self.tray.notify(APP_NAME, "Still running in the tray. Quit from its menu.")
            event.ignore()
            return
        if self.session_running():
            if not self.confirm_quit_during_session():
                event.ignore()
                return
            self.session_screen.timer.stop()
            try:
                self.repo.mark_interrupted()
            except sqlite3.Error:
                pass  # next start marks it interrupted instead
        if self.reminders is not None:
            self.reminders.stop()
        geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        if geometry != self.settings.window_geometry:
            self.settings = self.settings.with_changes(window_geometry=geometry)
            self._write_settings()
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
