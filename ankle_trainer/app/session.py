"""The session controller: the one path by which a session is started,
pain-rated (before, during, after, next morning), resumed and written.

The screens only show what it returns and pass on what the runner answers;
every write to a session goes through here, and each write tells the change
notifier what changed. Storage failures are reported through ``on_error``
(a plain-words detail) and never stop a running session.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from ..core.model import Routine
from ..storage.errors import StorageError
from ..storage.history import HistoryRepository, SessionRow
from ..storage.rows import RecommendationRow
from .changes import Change
from .context import AppContext

# The engine, cues, safety rules and recorder load with the first session, not
# before the first paint (see benchmarks/startup.py).
if TYPE_CHECKING:
    from ..core.cues import CueSink
    from ..core.engine import SessionEngine
    from ..core.safety import Decision
    from ..storage.recorder import HistoryRecorder


class ResumeOffer(NamedTuple):
    """An interrupted session that can be picked up: its row, its routine (at
    its level) and the plan index to start from (the phase before the first set
    not done)."""

    session: SessionRow
    routine: Routine
    plan_index: int


class SessionController:
    """Starts, rates, resumes and writes sessions for one :class:`AppContext`.

    ``on_error(detail)`` is called with the reason whenever the history could
    not be written; ``on_notice(message)`` with a whole message about anything
    else (the settings file could not be saved), or through ``on_error`` when
    not given. The caller says them to the runner.
    """

    def __init__(self, context: AppContext, on_error: Callable[[str], None],
                 on_notice: Callable[[str], None] | None = None) -> None:
        self.context = context
        self.on_error = on_error
        self.on_notice = on_notice or on_error
        self.engine: SessionEngine | None = None
        self.recorder: HistoryRecorder | None = None
        self.resume: ResumeOffer | None = None
        self.finished_routine_id: str | None = None
        # True after finish() wrote what the disk had refused when the session
        # ended, so the window can tell the runner it is saved now.
        self.saved_late = False
        # Red-flag answers the history refused today (local date, answers): they
        # hold for the rest of this run, so a full disk never asks again, nor
        # lets a flag ticked a minute ago be forgotten.
        self._unsaved_answers: tuple[str, dict[str, bool]] | None = None

    @property
    def history(self) -> HistoryRepository:
        """The history repository of the context."""
        return self.context.history

    def _write(self, write: Callable[[], object], change: Change) -> bool:
        try:
            write()
        except StorageError as exc:
            self.on_error(str(exc))
            return False
        self.context.changes.did_change(change)
        return True

    # -- before the session ---------------------------------------------------
    def needs_safety_check(self) -> bool:
        """True unless today's red-flag check was answered all clear."""
        decision = self.todays_safety()
        return decision is None or decision.outcome.key != "clear"

    def _answers_today(self) -> dict[str, bool] | None:
        """Today's latest red-flag answers: the ones the history refused in this
        run, else the history's (None when none, or it cannot be read)."""
        today = self.context.today().isoformat()
        if self._unsaved_answers is not None and self._unsaved_answers[0] == today:
            return dict(self._unsaved_answers[1])
        try:
            return self.history.safety_answers_on(today)
        except StorageError:
            return None

    def todays_safety(self, routine: Routine | None = None) -> Decision | None:
        """What today's latest red-flag check means for ``routine``; None when
        there was no check today (or the history cannot be read): ask then.
        A flag ticked earlier today holds until the runner changes the answers,
        including answers the history could not save."""
        from ..core.safety import decide

        answers = self._answers_today()
        if answers is None:
            return None
        return decide(answers, [s.exercise.id for s in routine.steps] if routine is not None else [])

    def todays_answers(self) -> dict[str, bool]:
        """Today's latest red-flag answers (empty when none or unreadable), to change them."""
        return self._answers_today() or {}

    def answer_safety(self, answers: dict[str, bool], routine: Routine | None = None) -> Decision:
        """Record the red-flag answers (question id -> yes) and return the decision
        for today and for ``routine`` (core.safety.decide: ``may_start`` lets the
        session begin; a flag may stop the day or only rule out some routines)."""
        from ..core.safety import decide

        exercise_ids = [s.exercise.id for s in routine.steps] if routine is not None else []
        decision = decide(answers, exercise_ids)
        saved = self._write(
            lambda: self.history.record_safety_check(
                self.context.clock.now(), answers, decision.outcome.key
            ),
            Change.SAFETY,
        )
        if saved:
            self._unsaved_answers = None
        else:  # held for today all the same (the error has been said)
            self._unsaved_answers = (self.context.today().isoformat(), dict(answers))
            self.context.changes.did_change(Change.SAFETY)
        return decision

    # -- the session ----------------------------------------------------------
    @property
    def running(self) -> bool:
        """True while a session's engine runs."""
        return self.engine is not None and self.engine.running

    def start(
        self,
        routine: Routine,
        pain_before: int | None,
        attach: Callable[[SessionEngine], None],
        cues: CueSink,
    ) -> SessionEngine:
        """Start ``routine`` (or the pending resume of it) and return its engine.

        ``pain_before`` is 0-10 or None when not answered. ``attach(engine)`` lets
        the view listen after the recorder (so the session row exists before
        anything else reacts) and before the cues. Raises StorageError when the
        session row cannot be written; then nothing runs.
        """
        from ..core.cues import CueDriver
        from ..core.engine import SessionEngine
        from ..storage.recorder import HistoryRecorder

        if self.context.settings.last_routine_id != routine.id:
            message = self.context.update_settings(last_routine_id=routine.id)
            if message:  # the settings file, not the history: said as it is
                self.on_notice(message)
        resume = self.resume if self.resume and self.resume.routine.id == routine.id else None
        self.resume = None
        engine = SessionEngine(routine, self.context.clock, self.context.timing)
        recorder = HistoryRecorder(
            self.history, pain_before,
            on_error=lambda exc: self.on_error(str(exc)),
            resume_session_id=resume.session.id if resume else None,
        )
        engine.add_listener(recorder)
        attach(engine)
        engine.add_listener(CueDriver(engine, cues))
        self.engine, self.recorder = engine, recorder
        try:
            if resume:
                s = resume.session
                done = [(t.seq, t.status, t.actual_reps, t.actual_seconds, t.completed_at)
                        for t in self.history.sets_for(s.id)]  # known to the engine as its own
                engine.start(resume.plan_index, prior_seconds=s.duration_seconds or 0.0, prior_sets=done)
            else:
                engine.start()
        except StorageError:
            self.engine = None
            raise
        self.context.changes.did_change(Change.SESSIONS)
        return engine

    @property
    def pain_before(self) -> int | None:
        """The pain-before rating (0-10) of the current or last session, None if not given."""
        return None if self.recorder is None else self.recorder.pain_before

    def rate_during(self, seq: int, pain: int) -> None:
        """Store a pain rating (0-10) given during set ``seq`` of the running session."""
        recorder = self.recorder
        if recorder is None or recorder.session_id is None:
            return
        sid = recorder.session_id
        self._write(lambda: self.history.set_pain_during(sid, seq, pain), Change.SESSIONS)

    # -- repetition-maximum loads (heavy slow resistance) ---------------------
    def rm_loads(self, routine_id: str) -> dict[tuple[str, int], float]:
        """The latest recorded weights (kg) by (exercise id, RM) for a routine;
        {} when the history cannot be read (the failure is reported)."""
        try:
            return self.history.rm_loads(routine_id)
        except StorageError as exc:
            self.on_error(str(exc))
            return {}

    def record_rm_load(self, routine_id: str, exercise_id: str, rm: int, kg: float) -> bool:
        """Keep ``kg`` as the runner's ``rm``-repetition maximum for an exercise
        of a routine (0-500 kg; ValueError outside). False when it could not be
        written (the failure is reported)."""
        at = self.context.clock.now()
        return self._write(lambda: self.history.record_rm_load(routine_id, exercise_id, rm, kg, at),
                           Change.RM_LOADS)

    def session_ended(self) -> None:
        """The engine reported the end (done or stopped): remember which routine."""
        engine = self.engine
        # Advice only from a session that counts: one with a set done (a resumed
        # session counts its earlier sets too). Nothing done, nothing to go on.
        if engine is not None and engine.sets_done > 0:
            self.finished_routine_id = engine.routine.id
        self.engine = None

    def finish(self, pain_after: int | None) -> RecommendationRow | None:
        """Store the pain after the session (0-10 or None), writing any sets still
        waiting, and return a new suggestion for the routine, if any; then call
        the context's ``after_session`` hooks (the session is complete)."""
        recorder, self.recorder = self.recorder, None
        if recorder is not None and recorder.session_id is not None:
            # Sets or the session's end that the disk refused when the session
            # ended (a full disk, since freed) are written now.
            self.saved_late = recorder.retry_pending()
            sid = recorder.session_id
            self._write(lambda: self.history.set_pain_after(sid, pain_after), Change.SESSIONS)
        routine_id, self.finished_routine_id = self.finished_routine_id, None
        rec = self.suggest_for(routine_id) if routine_id else None
        for hook in list(self.context.after_session):  # e.g. the sync service
            hook()
        return rec

    def interrupt(self) -> None:
        """The app quits mid-session: mark it interrupted, ending now (a failure
        is left to the next start, which marks it instead)."""
        try:
            self.history.mark_interrupted(self.context.clock.now())
        except StorageError:
            pass
        else:
            self.context.changes.did_change(Change.SESSIONS)

    # -- resume ----------------------------------------------------------------
    def resume_offer(self) -> ResumeOffer | None:
        """The interrupted session that can be resumed, or None."""
        try:
            session = self.history.resumable_session()
            if session is None:
                return None
            routine = next((r for r in self.context.catalogue.at_levels() if r.id == session.routine_id), None)
            if routine is None:
                return None
            done = {s.seq for s in self.history.sets_for(session.id)}
        except StorageError:
            return None
        from ..core.plan import build_plan, resume_index

        index = resume_index(build_plan(routine, self.context.timing), done)
        return None if index is None else ResumeOffer(session, routine, index)

    def close_as_stopped(self, offer: ResumeOffer) -> None:
        """Close an interrupted session as stopped instead of resuming it."""
        self._write(lambda: self.history.close_as_stopped(offer.session.id), Change.SESSIONS)

    # -- next morning ------------------------------------------------------------
    def morning_check_due(self) -> SessionRow | None:
        """Yesterday's (or an earlier) session still waiting for its next-morning rating."""
        try:
            return self.history.needs_next_morning_check(self.context.today().isoformat())
        except StorageError:
            return None

    def save_morning(self, session: SessionRow, pain: int, stiffness: int) -> RecommendationRow | None:
        """Store next-morning pain and stiffness (each 0-10) and return a new
        suggestion for the session's routine, if any."""
        now = self.context.clock.now()
        if not self._write(lambda: self.history.set_next_morning(session.id, pain, stiffness, now), Change.SESSIONS):
            return None
        return self.suggest_for(session.routine_id)

    def skip_morning(self, session: SessionRow) -> None:
        """The runner chose not to rate this morning; do not ask again for it."""
        now = self.context.clock.now()
        self._write(lambda: self.history.skip_next_morning(session.id, now), Change.SESSIONS)

    # -- suggestions ----------------------------------------------------------------
    def suggest_for(self, routine_id: str) -> RecommendationRow | None:
        """Work out and store a suggestion for a routine after new pain ratings
        (rule and numbers: core.progression), or None when there is nothing new."""
        routine = self.context.catalogue.find(routine_id)
        if routine is None:
            return None
        from ..storage.advice import suggest
        from ..storage.settings import thresholds

        try:
            rec = suggest(self.history, routine, thresholds(self.context.settings), self.context.clock.now())
        except StorageError as exc:
            self.on_error(str(exc))
            return None
        if rec is not None:
            self.context.changes.did_change(Change.RECOMMENDATIONS)
        return rec

    def pending_recommendation(self) -> RecommendationRow | None:
        """The latest suggestion not answered yet, or None."""
        try:
            return self.history.pending_recommendation()
        except StorageError:
            return None

    def decide(self, rec: RecommendationRow, accepted: bool) -> bool:
        """Record the answer to a suggestion; an accepted level change takes effect
        at once. False when it could not be written."""
        now = self.context.clock.now()
        change = Change.RECOMMENDATIONS
        if accepted and rec.to_level != rec.from_level:
            change |= Change.LEVELS
        return self._write(lambda: self.history.decide(rec.id, accepted, now), change)
