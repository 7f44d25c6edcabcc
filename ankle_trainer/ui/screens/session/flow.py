"""The pages of a session, in order: red-flag check (once a day), pain before,
the guided session, the summary with pain after. Each page is built on first
use; every write goes through the app's SessionController."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ....storage.errors import StorageError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget

    from ....app.session import ResumeOffer
    from ....core.engine import SessionSummary
    from ....core.model import Routine
    from ....core.safety import Decision
    from ..spec import Host
    from .pages import PainCheckPage, SafetyCheckPage, SafetyStopPage, SummaryPage
    from .screen import SessionScreen


#: Seconds after the clock opened the summary in which a number key is taken as
#: meant for the last set, not as pain now (see SessionFlow._late_keys_guard).
LATE_KEY_SECONDS = 1.5
LATE_KEY_WORDS = ("The session ended by itself as you pressed that key, so it was not taken as "
                  "your pain now. Press the number again for your pain now.")


class SessionFlow:
    """Moves the window's stack through a session's pages."""

    def __init__(self, host: Host, stack: QStackedWidget) -> None:
        self.host = host
        self.stack = stack
        self._pending: Routine | None = None
        self._pages: dict[str, object] = {}

    def owns(self, widget: object) -> bool:
        """True for the session's own pages (safety check to summary)."""
        return any(page is widget for page in self._pages.values())

    def _page(self, key: str, build):  # type: ignore[no-untyped-def]
        page = self._pages.get(key)
        if page is None:
            page = self._pages[key] = build()
            self.stack.addWidget(page)
        return page

    @property
    def safety_check(self) -> SafetyCheckPage:
        from .pages import SafetyCheckPage

        def build() -> SafetyCheckPage:
            page = SafetyCheckPage()
            page.answered.connect(self._safety_answered)
            page.cancelled.connect(self.host.go_home)
            return page

        return self._page("safety_check", build)  # type: ignore[no-any-return]

    @property
    def safety_stop(self) -> SafetyStopPage:
        from .pages import SafetyStopPage

        def build() -> SafetyStopPage:
            page = SafetyStopPage()
            page.done.connect(self.host.go_home)
            page.change.connect(self.change_answers)
            return page

        return self._page("safety_stop", build)  # type: ignore[no-any-return]

    @property
    def pain_check(self) -> PainCheckPage:
        from .pages import PainCheckPage

        def build() -> PainCheckPage:
            page = PainCheckPage()
            page.accepted.connect(self.start_session)
            page.cancelled.connect(self.host.go_home)
            return page

        return self._page("pain_check", build)  # type: ignore[no-any-return]

    @property
    def session_screen(self) -> SessionScreen:
        from .screen import SessionScreen

        def build() -> SessionScreen:
            page = SessionScreen()
            page.finished.connect(self._session_finished)
            page.painRated.connect(self.host.controller.rate_during)
            page.pain_threshold = lambda: self.host.context.settings.pain_threshold
            page.load_row.recorded.connect(self._record_rm_load)
            return page

        return self._page("session_screen", build)  # type: ignore[no-any-return]

    @property
    def summary(self) -> SummaryPage:
        from .pages import SummaryPage

        def build() -> SummaryPage:
            page = SummaryPage()
            page.done.connect(self._summary_done)
            return page

        return self._page("summary", build)  # type: ignore[no-any-return]

    def waiting_for_summary(self) -> bool:
        """True while the summary (pain after) is on screen."""
        page = self._pages.get("summary")
        return page is not None and self.stack.currentWidget() is page

    def tell_busy(self) -> bool:
        """A window shortcut refused while a session is open (another screen,
        the editor): say why on the session page on screen, where the runner is
        looking (the status bar is easy to miss, and hidden in focus mode);
        True when said there (the window then says it nowhere else)."""
        page = self.stack.currentWidget()
        if page is self._pages.get("session_screen"):
            # in focus mode Esc leaves focus mode first: the words say what it does there
            self.session_screen.show_notice(
                "Finish or stop the session first (Esc leaves focus mode, then Esc stops it)."
                if self.session_screen.focus_mode else "Finish or stop the session first (Esc stops it).")
            return True
        if page is self._pages.get("summary"):
            self.summary.say("Finish this session first: choose your pain rating and press "
                             "Enter, or press Alt+W to finish without rating.")
            return True
        return False

    # -- the flow ----------------------------------------------------------------
    def begin(self, routine: Routine) -> None:
        """Start ``routine``: red-flag check first unless cleared today, then pain before."""
        self._pending = routine
        self.host.controller.resume = None
        decision = self.host.controller.todays_safety(routine)
        if decision is None:  # no check yet today
            self.safety_check.reset()
            self.stack.setCurrentWidget(self.safety_check)
        elif decision.may_start:
            self._ask_pain_before()
        else:  # a flag ticked earlier today still holds
            self._show_stop(decision)

    def change_answers(self) -> None:
        """The check again, with today's answers ticked, to correct one given by
        mistake (the new answers are recorded as a new check)."""
        self.safety_check.reset(self.host.controller.todays_answers())
        self.stack.setCurrentWidget(self.safety_check)

    def _show_stop(self, decision: Decision) -> None:
        from ....core.safety import blocks_routine

        allowed: list[str] = []
        if not decision.stops:  # only some routines are ruled out: name the others
            allowed = [r.name for r in self.host.context.catalogue.at_levels()
                       if not blocks_routine(decision.blocked, [s.exercise.id for s in r.steps])]
        self.safety_stop.show_decision(decision, allowed)
        self.stack.setCurrentWidget(self.safety_stop)
        self.safety_stop.home_button.setFocus()

    def stopped_today(self, routine: Routine | None = None) -> bool:
        """True when today's red-flag answers rule out exercise (for ``routine``
        if given), so nothing else should be asked before saying so."""
        decision = self.host.controller.todays_safety(routine)
        return decision is not None and not decision.may_start

    def resume(self, offer: ResumeOffer) -> None:
        """Pick up an interrupted session where it stopped: the red-flag check
        still applies (asked when there was none today), pain before is not asked again."""
        self._pending = offer.routine
        self.host.controller.resume = offer
        decision = self.host.controller.todays_safety(offer.routine)
        if decision is None:
            self.safety_check.reset()
            self.stack.setCurrentWidget(self.safety_check)
        elif decision.may_start:
            self.start_session(offer.session.pain_before)
        else:
            self._show_stop(decision)

    def _safety_answered(self, answers: dict[str, bool]) -> None:
        decision = self.host.controller.answer_safety(answers, self._pending)
        resume = self.host.controller.resume
        if not decision.may_start:
            self._show_stop(decision)
        elif resume is not None and self._pending is not None and resume.routine.id == self._pending.id:
            self.start_session(resume.session.pain_before)
        else:
            self._ask_pain_before()

    def _ask_pain_before(self) -> None:
        assert self._pending is not None
        self.pain_check.prepare(self._pending)
        self.stack.setCurrentWidget(self.pain_check)
        self.pain_check.scale.slider.setFocus()

    def start_session(self, pain_before: int | None) -> None:
        """Pain before answered (0-10 or None): run the session."""
        routine = self._pending
        if routine is None:
            return
        screen = self.session_screen
        screen.load_row.set_loads(self.host.controller.rm_loads(routine.id))
        self.stack.setCurrentWidget(screen)
        try:
            self.host.controller.start(routine, pain_before, screen.attach, self.host.cues)
        except StorageError as exc:
            screen.timer.stop()
            self.host.go_home()
            self.host.storage_failed(str(exc), "The session did not start")
            return
        screen.setFocus()

    def _record_rm_load(self, exercise_id: str, rm: int, kg: float) -> None:
        routine = self._pending
        if routine is not None and self.host.controller.record_rm_load(routine.id, exercise_id, rm, kg):
            self.session_screen.load_row.saved(kg)
            self.host.quiet_message(f"Recorded {kg:g} kg as your {rm}RM weight.")

    def _session_finished(self, summary: SessionSummary) -> None:
        engine = self.host.controller.engine
        assert engine is not None
        self.host.controller.session_ended()
        self.summary.show_summary(engine.routine, summary, self.host.controller.pain_before)
        self.summary.scale.too_soon = self._late_keys_guard()
        self.stack.setCurrentWidget(self.summary)
        self.summary.scale.slider.setFocus()

    def _late_keys_guard(self) -> Callable[[], bool]:
        """For a summary the clock opened (the last phase ran out, the last set's
        rating time among them), a number pressed within :data:`LATE_KEY_SECONDS`
        was meant for the page before (a pain-during 6 became "pain now 6":
        sixteenth re-test): it is refused and said; pressed again, it rates. A
        summary a key opened takes keys at once."""
        if self.session_screen.last_command != "tick":
            return lambda: False
        clock = self.host.context.clock
        until = clock.monotonic() + LATE_KEY_SECONDS

        def too_soon() -> bool:
            if clock.monotonic() >= until:
                if self.summary.note.text().startswith(LATE_KEY_WORDS[:30]):
                    self.summary.say("")  # said and answered
                return False
            self.summary.say(LATE_KEY_WORDS)
            return True

        return too_soon

    def _summary_done(self, pain_after: int | None) -> None:
        rec = self.host.controller.finish(pain_after)
        self.host.go_home()
        if self.host.controller.saved_late:
            self.host.show_message(
                "Your session could not be saved when it ended; it has been saved now."
            )
        if rec is not None:
            self.host.offer_recommendation(rec)
