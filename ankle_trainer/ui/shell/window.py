"""The main window: routing between screens, menus built from the screens'
and dialogs' specs, banners and the notice bar. The features' work lives in
``app`` (services) and ``ui/screens`` (one folder each)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from ... import APP_NAME
from ...app.context import AppContext
from ...storage.db import RECOVER_HINT
from ...storage.errors import StorageError
from ..screens import SCREENS
from ..widgets import STATUS_MS, NoticeBar
from .asker import QtAsker
from .banners import Banners
from .focus import geometry_to_save, place_window, show_on_screen, toggle_focus_mode
from .stack import ScreenStack

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent

    from ...app.session import SessionController
    from ...core.model import Routine
    from ...storage.rows import RecommendationRow
    from ..screens.session.flow import SessionFlow
    from ..sound import QtCueSink
    from ..tray import ReminderService, Tray
    from .sync import SyncDriver

BUSY = "Finish or stop the session first."


class MainWindow(QMainWindow):
    """The window on an :class:`AppContext`; screens are built on first use."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        if context.asker is None:
            context.asker = QtAsker(self)
        self._controller: SessionController | None = None
        self._flow: SessionFlow | None = None
        self.tray: Tray | None = None
        self.reminders: ReminderService | None = None
        self._cues: QtCueSink | None = None
        self.sync: SyncDriver | None = None  # after the first paint (see shell/sync.py)
        self._quitting = self._told_about_tray = False
        self.setWindowTitle(APP_NAME)
        place_window(self, context.settings.window_geometry)
        self.notice = NoticeBar()
        self.stack = ScreenStack()
        self.specs = {s.key: s for s in SCREENS}
        self.screens: dict[str, QWidget] = {}
        self.home = self.screen("home")
        self.banners = Banners(self)  # shown on the home screen only
        central = QWidget()
        layout = QVBoxLayout(central)
        for widget, stretch in ((self.notice, 0), (self.banners, 0), (self.stack, 1)):
            layout.addWidget(widget, stretch)
        self.stack.currentChanged.connect(self._page_changed)
        self.setCentralWidget(central)
        if not context.settings.disclaimer_seen:
            self.banners.offer_disclaimer(order_tabs=False)  # ordered by finish_startup()
        self.file_menu = self.menuBar().addMenu("&File")
        self.view_menu = self.menuBar().addMenu("&View")
        self.help_menu = self.menuBar().addMenu("&Help")
        self.actions_by_key: dict[str, QAction] = {}
        self.home.enter()  # type: ignore[attr-defined]

    def finish_startup(self) -> None:
        """What the first paint does not need: menus, theme, tray, reminders,
        banners. Called right after the window is first painted."""
        if self.actions_by_key:
            return
        from .menus import build_menus

        build_menus(self)
        from .watcher import RoutinesWatcher, routine_problem

        for problem in self.context.catalogue.problems:
            self.show_message(routine_problem(problem))
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self.cues.load)  # QtMultimedia: about 0.2 s, after the paint
        app = QApplication.instance()
        if isinstance(app, QApplication):
            from ..theme import finish_look

            finish_look(app, self.context.settings.theme)
        from .desktop import start_tray_and_reminders

        start_tray_and_reminders(self)
        self.home.refresh_unsuited()  # routines that do not suit the triage answers
        from .sync import SyncDriver

        self.routines_watcher = RoutinesWatcher(
            self.context, self, self.show_message, self.notice.withdraw)
        from .storage import withdraw_when_saved

        withdraw_when_saved(self)
        self.sync = SyncDriver(self)
        self.sync.start()
        self.banners.order_tabs()  # the first-run disclaimer's, if shown
        show_on_screen(self)  # focus frames drawn: Qt's namespace enums after the first paint
        self.banners.offer_resume()
        self.banners.offer_next_morning_check()
        if (pending := self.controller.pending_recommendation()) is not None:
            self.offer_recommendation(pending)

    @property
    def controller(self) -> SessionController:
        """The app's session controller (loaded on first use, after the first paint)."""
        if self._controller is None:
            from ...app.session import SessionController

            self._controller = SessionController(  # a settings file's failure waits for the session's end
                self.context, self.storage_failed, self.show_message)
        return self._controller

    @property
    def flow(self) -> SessionFlow:
        """The session's pages (built on first use)."""
        if self._flow is None:
            from ..screens.session.flow import SessionFlow

            self._flow = SessionFlow(self, self.stack)
        return self._flow

    # -- routing -----------------------------------------------------------------
    def screen(self, key: str) -> Any:
        """The screen ``key`` (see ui/screens), built on first use."""
        page = self.screens.get(key)
        if page is None:
            page = self.screens[key] = self.specs[key].factory(self)
            self.stack.addWidget(page)
        return page

    def _page_changed(self) -> None:
        """Banners on home only; a status message is the screen's; a session keeps its room."""
        page = self.stack.currentWidget()
        self.banners.setVisible(page is self.home)
        self.statusBar().clearMessage()
        self.notice.set_in_session(self._flow is not None and self._flow.owns(page))

    def show_screen(self, key: str) -> Any:
        """Show screen ``key``; None when a session blocks it or its data cannot be read."""
        if self.specs[key].blocked_during_session and self.busy_elsewhere() or not self.stack.may_leave(
                self.screens.get(key)):
            return None
        page, previous = self.screen(key), self.stack.currentWidget()
        self.stack.open_at_top(page)  # first: the focus enter() sets needs it shown
        try:
            if hasattr(page, "enter"):
                page.enter()
        except StorageError as exc:
            self.stack.setCurrentWidget(previous)
            self.storage_failed(str(exc))
            return None
        return page

    def open_dialog(self, key: str, *args: Any) -> Any:
        """Open dialog ``key`` (see ui/dialogs); None when a session blocks it."""
        from ..dialogs import DIALOGS

        spec = next(s for s in DIALOGS if s.key == key)
        if spec.blocked_during_session and self.busy_elsewhere():
            return None
        result = spec.factory(self, *args)
        if isinstance(result, QWidget) and result.isWindow():
            show_on_screen(result)  # never larger than a small screen; focus shown
        setattr(self, f"{key}_dialog", result)
        return result

    def busy_elsewhere(self) -> bool:
        """True (and says so) while a session runs or waits for its last pain rating."""
        if self._flow is not None and (self.controller.running or self._flow.waiting_for_summary()):
            if not self._flow.tell_busy():  # said once: on the session's page where it can be
                self.quiet_message(BUSY)
            return True
        return False

    def go_home(self) -> None:
        """Back to the home screen (the session pages call it); clears the busy note."""
        if not self.stack.may_leave(self.home):
            return
        self.stack.setCurrentWidget(self.home)
        self.home.enter()
        if self.statusBar().currentMessage() == BUSY:
            self.statusBar().clearMessage()

    # -- telling the user ---------------------------------------------------------
    def show_message(self, text: str, can_wait: bool = True) -> None:
        """A message in the notice bar, for what the user must see (Recover for a damaged history;
        held back in a session unless ``can_wait`` is False); an older status message goes."""
        self.statusBar().clearMessage()  # "Exported…" beside "Import finished" (nineteenth re-test)
        self.notice.show_message(text, can_wait)
        if RECOVER_HINT in text:
            self.notice.offer_action("Recover history…", lambda: self.open_dialog("recover"))

    def quiet_message(self, text: str) -> None:
        """A message in the status bar (over the session in focus mode, where the
        status bar is hidden): for things worth knowing, not urgent."""
        self.statusBar().showMessage(text, STATUS_MS)  # goes by itself, or on the next screen
        if self._flow is not None and self._flow.session_screen.focus_mode:
            self._flow.session_screen.show_notice(text)

    def storage_failed(self, detail: str, what: str = "") -> None:
        """The history could not be written or read: say so and what to check
        (``what``: what did not happen, e.g. "The session did not start")."""
        from .storage import say_storage_failed

        say_storage_failed(self, detail, what)

    def offer_recommendation(self, rec: RecommendationRow) -> None:
        """Show a progression suggestion above the home screen."""
        self.banners.offer_recommendation(rec)

    @property
    def cues(self) -> QtCueSink:
        """Sound and speech for sessions (QtMultimedia itself loads later still)."""
        if self._cues is None:
            from ..sound import QtCueSink

            self._cues = QtCueSink(lambda: self.context.settings,
                                   flash=lambda: self.flow.session_screen.flash(), tell=self.quiet_message)
        return self._cues

    @cues.setter
    def cues(self, sink: QtCueSink) -> None:
        self._cues = sink

    def toggle_focus_mode(self) -> None:
        """Full screen with large digits, menus and status bar hidden (F11; F11 or Esc leaves)."""
        toggle_focus_mode(self)

    # -- tray and quitting -----------------------------------------------------------
    def last_routine(self) -> Routine | None:
        """The routine started last (at its level), or None."""
        last = self.context.settings.last_routine_id
        return next((r for r in self.home.routines if r.id == last), None)

    def bring_forward(self) -> None:
        """Show, raise and activate the window (tray, second start)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def quit_app(self) -> None:
        """Quit for real, even with "keep running in the tray" on."""
        self._quitting = True
        if self.close():
            QApplication.quit()
        self._quitting = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        ctx = self.context
        if self.tray is not None and ctx.settings.keep_in_tray and not self._quitting:
            self.hide()  # keeps running in the tray, session and all
            if not self._told_about_tray:
                self._told_about_tray = True
                self.tray.notify(APP_NAME, "Still running in the tray. Quit from its menu.")
            event.ignore()
            return
        if self._controller is not None and self._controller.running:
            assert ctx.asker is not None
            with self.flow.session_screen.held():  # the clock stops while the question is open
                quit_now = ctx.asker.confirm("Quit during a session?", "A session is running. Quit anyway? The "
                                             "sets you have finished are kept, and the session is saved as interrupted.")
            if not quit_now:
                event.ignore()
                return
            self.flow.session_screen.timer.stop()
            self.controller.interrupt()
        if self.reminders is not None:
            self.reminders.stop()
        geometry = geometry_to_save(self)
        if geometry != ctx.settings.window_geometry:
            message = ctx.update_settings(window_geometry=geometry)
            if message:
                self.show_message(message)
        event.accept()

    def keyPressEvent(self, event):  # type: ignore[no-untyped-def]  # noqa: N802
        from PySide6.QtCore import Qt  # see the note on start-up in screens/home/page.py

        focus = self.focusWidget()  # Enter in a banner's box must not start a session
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.stack.currentWidget() is self.home \
                and (focus is None or self.home.isAncestorOf(focus)):
            self.home.start_button.click()
            return
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.toggle_focus_mode()  # Esc always leaves focus mode
            return
        super().keyPressEvent(event)
