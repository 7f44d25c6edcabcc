"""The session engine: a state machine over a routine's timeline.

Time is read only from an injected clock. The end of every phase is a fixed
deadline on the monotonic clock, and the remaining time is always
``deadline - now``: a late tick cannot make the session drift, and a tick that
arrives after several phases should have ended completes each of them in turn,
with the time it really ended.

The engine reports what happens to listeners through plain method calls; it
knows nothing of Qt, sound or storage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from .clock import Clock
from .model import DoseKind, Routine
from .plan import Phase, Segment, TimingSettings, build_plan, planned_sets
from .set_status import SetOutcome, SetStatus
from .status import SessionStatus
from .text import countdown_seconds

BACK_RESTART_GRACE = 3.0  # seconds into a set within which Back goes to the previous set
COUNTDOWN_FROM = 3


@dataclass(frozen=True)
class SetResult:
    """One set as done: its plan segment, completed or skipped, the reps or seconds
    actually done (None when not counted) and when it ended (aware datetime).
    """

    segment: Segment
    status: SetStatus
    actual_reps: int | None
    actual_seconds: float | None
    completed_at: datetime

    @property
    def seq(self) -> int:
        """The set's key in history: its position among the plan's sets."""
        return self.segment.work_index


@dataclass(frozen=True)
class SessionSummary:
    """How a session ended: status, start and end (aware datetimes), wall seconds
    from start to end including pauses, and sets planned, completed and skipped.
    A session that reaches its end with no set completed (every set skipped) is
    STOPPED, not COMPLETED: it does not count toward the weekly target.
    ``sets_partly_done``: skipped sets with some reps or seconds done in them
    (they, and their pain ratings, count as work in the history's figures).
    """

    status: SessionStatus
    started_at: datetime
    ended_at: datetime
    elapsed_seconds: float  # wall time from start to end, pauses included
    sets_planned: int
    sets_completed: int
    sets_skipped: int
    sets_partly_done: int = 0

    @property
    def anything_done(self) -> bool:
        """Whether any set was done, in full or in part (the session counts)."""
        return self.sets_completed > 0 or self.sets_partly_done > 0


class SessionListener:
    """Receives the engine's events. Override what you need; all are no-ops."""

    def session_started(self, engine: SessionEngine) -> None:
        """The session has started (the engine's ``started_at`` is set)."""
        pass

    def phase_changed(self, segment: Segment) -> None:
        """A new segment (set, rest, side switch or get-ready) has begun."""
        pass

    def countdown(self, seconds_left: int, segment: Segment) -> None:
        """``seconds_left`` (3, 2, 1) whole seconds remain in ``segment``."""
        pass

    def rep_changed(self, rep: int, segment: Segment) -> None:
        """Repetition ``rep`` (1-based) of a paced set has started."""
        pass

    def tempo_beat(self, part: str, rep: int, segment: Segment) -> None:
        """A new part of a repetition begins: 'up', 'hold' or 'down'."""

    def milestone(self, kind: str, segment: Segment) -> None:
        """'halfway' through a set, or 'last_reps' (five to go)."""

    def paused_changed(self, paused: bool) -> None:
        """The session was paused (True) or resumed (False)."""
        pass

    def set_completed(self, result: SetResult) -> None:
        """A set ended, completed or skipped; ``result.seq`` is its history key."""
        pass

    def set_kept(self, result: SetResult) -> None:
        """A set gone back to (Back) was left again before any of it was done:
        its earlier attempt, ``result``, stands and nothing new is recorded."""
        pass

    def session_finished(self, summary: SessionSummary) -> None:
        """The session ended (completed or stopped); nothing follows."""
        pass


class EngineStateError(RuntimeError):
    """An engine command that does not fit its state (e.g. pausing before the start)."""

    pass


class SessionEngine:
    """Runs a routine's plan against an injected clock and tells listeners.

    Pure Python: remaining time is always the deadline minus the clock's
    ``monotonic()``, never a count of ticks; ``tick()`` only checks whether a
    phase is over. Listeners get the events in the order they were added.
    """

    def __init__(
        self,
        routine: Routine,
        clock: Clock,
        timing: TimingSettings | None = None,
    ) -> None:
        self.routine = routine
        self.clock = clock
        self.plan: tuple[Segment, ...] = build_plan(routine, timing)
        self._get_ready_seconds = (timing or TimingSettings()).get_ready_seconds
        self._listeners: list[SessionListener] = []
        self._index = -1
        self._deadline = 0.0
        self._segment_start = 0.0
        self._paused_at: float | None = None
        self._status: SessionStatus | None = None
        self._started_mono = 0.0
        self._started_wall: datetime | None = None
        self._last_countdown: int | None = None
        self._last_rep = 0
        self._last_beat: tuple[int, str] | None = None
        self._milestones: set[str] = set()
        self._results: dict[int, SetResult] = {}
        self._ended_as: dict[int, SetStatus] = {}  # how each set ended on screen, before any amend
        self._restarted: set[int] = set()  # sets Back restarted part-way (not ended yet then)
        self._stood_in: dict[int, Segment] = {}  # pauses a get-ready stands in for after Back
        self._prior = (0, 0)
        self._prior_seconds = 0.0
        self._prior_partly_done = 0
        self._planned_before = _cumulative(self.plan)
        self.total_planned_seconds = self._planned_before[-1]

    # -- listeners ---------------------------------------------------------
    def add_listener(self, listener: SessionListener) -> None:
        """Send the engine's events to ``listener`` too (after those added before)."""
        self._listeners.append(listener)

    def remove_listener(self, listener: SessionListener) -> None:
        """Stop sending events to ``listener``; ValueError when it was not added."""
        self._listeners.remove(listener)

    # -- state queries -----------------------------------------------------
    @property
    def started(self) -> bool:
        """True once ``start()`` was called (also after the session ended)."""
        return self._status is not None

    @property
    def running(self) -> bool:
        """True from ``start()`` until the session completes or is stopped."""
        return self._status is SessionStatus.IN_PROGRESS

    @property
    def finished(self) -> bool:
        """True once the session completed or was stopped."""
        return self._status not in (None, SessionStatus.IN_PROGRESS)

    @property
    def status(self) -> SessionStatus | None:
        """None before the start, then the session's status."""
        return self._status

    @property
    def paused(self) -> bool:
        """True while paused."""
        return self._paused_at is not None

    @property
    def started_at(self) -> datetime | None:
        """When the session started (aware datetime), or None before."""
        return self._started_wall

    @property
    def current(self) -> Segment | None:
        """The segment in progress, or None before the start and after the end."""
        if 0 <= self._index < len(self.plan):
            return self.plan[self._index]
        return None

    @property
    def results(self) -> list[SetResult]:
        """Every set done or skipped so far, in plan order."""
        return [self._results[k] for k in sorted(self._results)]

    @property
    def sets_done(self) -> int:
        """Sets completed so far in this session (a resumed session's earlier
        ones included). A session that ends with none does not count anywhere."""
        return self._prior[0] + sum(1 for r in self._results.values() if r.status is SetStatus.COMPLETED)

    def _now_for_display(self) -> float:
        return self._paused_at if self._paused_at is not None else self.clock.monotonic()

    def remaining(self) -> float:
        """Seconds left in the current phase (frozen while paused)."""
        if self.current is None:
            return 0.0
        return max(0.0, self._deadline - self._now_for_display())

    def elapsed_in_phase(self) -> float:
        """Seconds since the current phase began (frozen while paused)."""
        if self.current is None:
            return 0.0
        return max(0.0, self._now_for_display() - self._segment_start)

    def display_seconds(self) -> int:
        """The whole seconds a countdown shows: 2.3 s left reads as 3
        (:func:`core.text.countdown_seconds`, the one rule for time left)."""
        return countdown_seconds(self.remaining())

    def reps_done(self) -> int:
        """Repetitions finished so far in the current set (rep-based work only)."""
        seg = self.current
        if seg is None or seg.seconds_per_rep is None or seg.target_reps is None:
            return 0
        done = int(round(self.elapsed_in_phase(), 6) // seg.seconds_per_rep)
        return min(done, seg.target_reps)

    def current_rep(self) -> int:
        """The repetition in progress, 1-based, for 'rep 4 of 15'."""
        seg = self.current
        if seg is None or seg.target_reps is None:
            return 0
        return min(self.reps_done() + 1, seg.target_reps)

    def tempo_part(self) -> tuple[str, float] | None:
        """The part of the repetition under way ('up', 'hold', 'down') and how
        far through that part (0..1); None outside rep-based work."""
        seg = self.current
        if seg is None or seg.phase is not Phase.WORK or seg.step.tempo is None:
            return None
        tempo = seg.step.tempo
        within = round(self.elapsed_in_phase(), 6) % tempo.seconds_per_rep
        for name, length in (("up", tempo.up), ("hold", tempo.hold), ("down", tempo.down)):
            if within < length:
                return name, within / length
            within -= length
        return "down", 1.0

    def progress(self) -> float:
        """Fraction of the whole planned session done, 0..1."""
        if self.finished:
            return 1.0
        if self.current is None or self.total_planned_seconds <= 0:
            return 0.0
        done = self._planned_before[self._index] + min(
            self.elapsed_in_phase(), self.current.duration
        )
        return min(1.0, done / self.total_planned_seconds)

    def next_work(self) -> Segment | None:
        """The next set after the current phase (the one a rest leads into)."""
        for seg in self.plan[self._index + 1 :]:
            if seg.phase is Phase.WORK:
                return seg
        return None

    def upcoming_exercise(self) -> Segment | None:
        """The first work segment of a different exercise step than the one under
        way; during a rest, switch or get-ready that is the step the pause leads
        into (``next_work``), so "Next" and "Coming up" never name the same one."""
        seg = self.current
        if seg is None:
            return None
        if seg.phase is not Phase.WORK:
            seg = self.next_work() or seg
        for later in self.plan[seg.seq + 1 :]:
            if later.phase is Phase.WORK and later.step_index != seg.step_index:
                return later
        return None

    def seconds_left(self) -> float:
        """Seconds left in the whole session as planned: what remains of the
        current phase (so an added rest counts, and a pause stops the clock)
        plus every phase after it. 0 before the start and after the end."""
        if self.current is None:
            return 0.0
        after = self.total_planned_seconds - self._planned_before[self._index + 1]
        return self.remaining() + after

    # -- commands ----------------------------------------------------------
    def start(self, from_index: int = 0, prior_completed: int = 0, prior_skipped: int = 0,
              prior_seconds: float = 0.0, prior_partly_done: int = 0,
              prior_sets: Sequence[tuple[int, str, int | None, float | None, datetime]] = ()) -> None:
        """Start, or (with ``from_index`` and the prior counts) resume a session.

        A session resumed at a rest or a side switch (the pause before the
        first set not done) starts with the get-ready countdown in its place
        instead: the runner comes back to the exercise, maybe hours later, and
        needs a moment to get set, not a full rest (tenth re-test).
        ``prior_seconds``: the time already spent in a resumed session before
        it was interrupted; the summary's time counts it (not the time the app
        was closed). The prior counts are its sets recorded before: done in
        full, not (``prior_skipped``), and of those stopped part-way
        (``prior_partly_done``), so its summary says what History says.

        ``prior_sets``: instead of those counts, the sets recorded before, each
        (its history key, status, reps, seconds, ended at): the engine then
        knows them as its own, so going back to one says "again", a redo of
        one skipped at once keeps it (it became "0 of 15, skipped": thirtieth
        re-test), and a redo replaces it in the summary's counts (it counted
        four sets of a three-set routine)."""
        self._prior = (prior_completed, prior_skipped)
        self._prior_partly_done = max(0, prior_partly_done)
        self._prior_seconds = max(0.0, prior_seconds)
        if prior_sets:
            self._prior, self._prior_partly_done = (0, 0), 0  # counted from the sets themselves
            by_key = {seg.work_index: seg for seg in self.plan if seg.phase is Phase.WORK}
            for key, status, reps, seconds, at in prior_sets:
                seg = by_key.get(key)
                if seg is not None:
                    self._results[seg.seq] = SetResult(seg, SetStatus(status), reps, seconds, at)
                    self._ended_as[seg.seq] = SetStatus(status)
        if self.started:
            raise EngineStateError("session already started")
        if not 0 <= from_index < len(self.plan):
            raise EngineStateError(f"no phase {from_index} in this plan")
        if from_index > 0 and self.plan[from_index].phase in (Phase.REST, Phase.SWITCH):
            if not self._stand_in_get_ready(from_index):
                from_index += 1  # no countdown wanted: straight into the set
        self._status = SessionStatus.IN_PROGRESS
        self._started_mono = self.clock.monotonic()
        self._started_wall = self.clock.now()
        for listener in list(self._listeners):
            listener.session_started(self)
        self._enter(from_index, self._started_mono)

    def tick(self) -> None:
        """Advance to wherever the clock now says the session is."""
        if not self.running or self.paused:
            return
        now = self.clock.monotonic()
        while self.running and now >= self._deadline:
            seg = self.plan[self._index]
            if seg.phase is Phase.WORK:
                self._record(seg, SetStatus.COMPLETED, seg.duration, at=self._deadline)
            self._enter(self._index + 1, self._deadline)
        if self.running:
            self._emit_progress_events()

    def pause(self) -> None:
        """Freeze the countdown; EngineStateError unless running."""
        self._require_running()
        if self._paused_at is None:
            self.tick()
            if not self.running:
                return
            self._paused_at = self.clock.monotonic()
            self._emit("paused_changed", True)

    def resume(self) -> None:
        """Carry on after a pause, moving the deadline by the time paused."""
        self._require_running()
        if self._paused_at is not None:
            shift = self.clock.monotonic() - self._paused_at
            self._deadline += shift
            self._segment_start += shift
            self._paused_at = None
            self._emit("paused_changed", False)

    def toggle_pause(self) -> None:
        """Pause when running, resume when paused."""
        if self.paused:
            self.resume()
        else:
            self.pause()

    def skip(self) -> None:
        """End the current phase now. A set skipped records what was done of it."""
        self._require_running()
        self.tick()
        if not self.running:
            return
        seg = self.plan[self._index]
        if seg.phase is Phase.WORK:
            self._record(seg, SetStatus.SKIPPED, self.elapsed_in_phase(), at=self._now_for_display())
        self._enter(self._index + 1, self.clock.monotonic())

    def back(self) -> None:
        """Restart the current set, or go to the previous set if it just began
        (or from a rest, a side switch or a get-ready: the set before it).

        The set to do again starts after the get-ready countdown, as the
        session's first set does, so the runner can get back into position
        (the sixteenth re-test went from a rest straight into a running set);
        the countdown stands in for the rest or switch before that set, which
        comes back once the countdown is left. With no countdown wanted
        (``get_ready_seconds`` 0), or no pause before the set in the plan,
        the set starts at once. :attr:`redoing` says the set is done again."""
        self._require_running()
        self.tick()
        if not self.running:
            return
        seg = self.plan[self._index]
        if seg.phase is Phase.WORK and self.elapsed_in_phase() > BACK_RESTART_GRACE:
            target = seg.seq
            self._restarted.add(seg.seq)  # done again from its start: "again" too
        else:
            earlier = [s.seq for s in self.plan[: seg.seq] if s.phase is Phase.WORK]
            target = earlier[-1] if earlier else seg.seq
            self._restarted = {s for s in self._restarted if s <= target}  # left before ending again
        before = target - 1
        if before >= 0 and self.plan[before].phase in (Phase.REST, Phase.SWITCH, Phase.GET_READY) \
                and self._stand_in_get_ready(before):
            target = before
        self._enter(target, self.clock.monotonic())

    @property
    def redoing(self) -> bool:
        """True when the set under way, or the one a pause leads into, was
        already done or skipped in this session, or restarted part-way: the
        runner went Back to do it again (its new result replaces any old one)."""
        seg = self.current
        if seg is None:
            return False
        shown = seg if seg.phase is Phase.WORK else self.next_work()
        return shown is not None and (shown.seq in self._results or shown.seq in self._restarted)

    def _stand_in_get_ready(self, index: int) -> bool:
        """Put the get-ready countdown in place of the pause at ``index`` (a
        rest, switch or get-ready), for the set that follows it; False when no
        countdown is wanted. The countdown is for the set it gets ready for,
        as a get-ready in the plan is: the rest it stands in for belongs to
        the set before (the thirteenth re-test's "Exercise 1 of 2" while
        getting ready for exercise 2). The plan's own pause comes back once
        the countdown is left, after Back and at a resumed session's start
        alike, so a set gone back to later has its rest after it, with its
        rating and count (thirty-first re-test: after a resume, set 1 redone
        went straight into set 2's countdown)."""
        if self._get_ready_seconds <= 0:
            return False
        pause = self.plan[index]
        upcoming = next((s for s in self.plan[index:] if s.phase is Phase.WORK), pause)
        ready = pause._replace(
            phase=Phase.GET_READY, duration=self._get_ready_seconds, step_index=upcoming.step_index,
            step=upcoming.step, set_number=upcoming.set_number, side=upcoming.side)
        self._stood_in.setdefault(index, pause)
        self._replace_segment(index, ready)
        return True

    def _replace_segment(self, index: int, segment: Segment) -> None:
        self.plan = (*self.plan[:index], segment, *self.plan[index + 1:])
        self._planned_before = _cumulative(self.plan)
        self.total_planned_seconds = self._planned_before[-1]

    def add_rest(self, seconds: float = 15.0) -> bool:
        """Lengthen the current rest; returns False when not resting."""
        seg = self.current
        if not self.running or seg is None or seg.phase is not Phase.REST:
            return False
        self._deadline += seconds
        self._last_countdown = None
        return True

    def amend(self, seq: int, reps: int | None = None, seconds: float | None = None) -> SetResult:
        """The runner's own count for a finished set (by its history key): reps
        for a rep set, seconds for a timed one (EngineStateError otherwise). The
        count decides: a set corrected to its full target counts as done, one
        corrected below it as not done in full (stopped part-way, or skipped
        at 0), however it ended on screen (twenty-eighth re-test: a set run to
        its end and corrected to 13 of 15 reps was still "done in full")."""
        match = [r for r in self._results.values() if r.seq == seq]
        if not match:
            raise EngineStateError(f"no finished set {seq}")
        old = match[0]
        target: float | None
        if old.actual_reps is not None and reps is not None:
            done: float = max(0, reps)
            target = old.segment.target_reps
        elif old.actual_seconds is not None and seconds is not None:
            done = max(0.0, seconds)
            target = old.segment.target_seconds
        else:
            raise EngineStateError("amend reps for a rep set, seconds for a timed one")
        # The runner's count is the truth: a set skipped on screen but really
        # done in full counts as done, and one whose clock ran out but whose
        # count falls short is not done in full.
        status = self._ended_as.get(old.segment.seq, old.status)
        if target is not None:
            status = SetStatus.COMPLETED if done >= target else SetStatus.SKIPPED
        if old.actual_reps is not None:
            new = SetResult(old.segment, status, int(done), None, old.completed_at)
        else:
            new = SetResult(old.segment, status, None, float(done), old.completed_at)
        self._results[old.segment.seq] = new
        self._emit("set_completed", new)
        return new

    def sets_left(self, step_index: int) -> int:
        """How many sets of step ``step_index`` (0-based) are neither done nor
        skipped yet: 0 once the exercise is over."""
        done = {r.seq for r in self.results}
        return sum(
            1 for s in self.plan
            if s.step_index == step_index and s.work_index >= 0 and s.work_index not in done
        )

    def skip_exercise(self, step_index: int) -> None:
        """Leave out the remaining sets of an exercise (e.g. for pain) and move
        on. Sets left out are recorded as skipped, with what was done of them.
        If the exercise ends with a rest, that rest is kept as a breather."""
        self._require_running()
        self.tick()
        if not self.running:
            return
        now = self._now_for_display()
        for seg in self.plan[self._index :]:
            if seg.step_index == step_index and seg.phase is Phase.WORK:
                if seg.seq not in self._results or seg.seq == self._index:
                    done = self.elapsed_in_phase() if seg.seq == self._index else 0.0
                    self._record(seg, SetStatus.SKIPPED, done, at=now)
        if self.plan[self._index].step_index != step_index:
            return
        target = next(
            (s.seq for s in self.plan[self._index + 1 :] if s.step_index != step_index),
            len(self.plan),
        )
        last = self.plan[target - 1]
        if target - 1 > self._index and last.phase is Phase.REST:
            target -= 1
        self._enter(target, self.clock.monotonic())

    def stop(self) -> None:
        """End the session early. A set in progress keeps what was done of it."""
        self._require_running()
        self.tick()
        if not self.running:
            return
        seg = self.plan[self._index]
        if seg.phase is Phase.WORK and self.elapsed_in_phase() >= 1.0:
            self._record(seg, SetStatus.SKIPPED, self.elapsed_in_phase(), at=self._now_for_display())
        self._finish(SessionStatus.STOPPED, self.clock.monotonic())

    # -- internals ---------------------------------------------------------
    def _require_running(self) -> None:
        if not self.running:
            raise EngineStateError("the session is not running")

    def _wall_at(self, mono: float) -> datetime:
        """The wall time of monotonic instant ``mono``, in the session's own
        offset, never before the start plus the monotonic time since.

        Normally the current wall time less the monotonic time since
        ``mono`` (right across a suspend, when wall time moves on and the
        monotonic clock does not). If the wall clock was set back during the
        session, that would put the moment before the start: then the start
        plus the monotonic time since is used, so durations never go
        negative and stamps stay in order. Arithmetic is in UTC, so a
        daylight-saving change in between is counted in real time.
        """
        started = self._started_wall
        assert started is not None, "the session has not started"
        zone = started.tzinfo
        now_utc = self.clock.now().astimezone(UTC)
        from_now = now_utc - timedelta(seconds=self.clock.monotonic() - mono)
        from_start = started.astimezone(UTC) + timedelta(seconds=mono - self._started_mono)
        return max(from_now, from_start).astimezone(zone)

    def _enter(self, index: int, start: float) -> None:
        for seq in [k for k in self._stood_in if k != index]:  # the plan's own pause back
            self._replace_segment(seq, self._stood_in.pop(seq))
        if index >= len(self.plan):
            self._finish(SessionStatus.COMPLETED, start)
            return
        self._index = index
        seg = self.plan[index]
        if self._paused_at is not None:
            # Moving while paused: show the new phase whole, still paused.
            start = self._paused_at
        self._segment_start = start
        self._deadline = start + seg.duration
        self._last_countdown = None
        self._last_rep = 0
        self._last_beat = None
        self._milestones = set()
        self._emit("phase_changed", seg)

    def _record(self, seg: Segment, status: SetStatus, done_seconds: float, at: float) -> None:
        done_seconds = max(0.0, min(done_seconds, seg.duration))
        if seg.step.kind is DoseKind.REPS:
            assert seg.seconds_per_rep is not None and seg.target_reps is not None
            reps = min(seg.target_reps, int(round(done_seconds, 6) // seg.seconds_per_rep))
            actual_reps: int | None = reps
            actual_seconds: float | None = None
        else:
            actual_reps = None
            actual_seconds = round(done_seconds, 1)
        if status is SetStatus.SKIPPED and seg.seq in self._results and \
                SetOutcome.of(status, actual_reps, actual_seconds) is SetOutcome.SKIPPED:
            # gone back to with Left and left again before any of it was done: the
            # earlier attempt stands, its corrected count with its rating (the
            # twenty-first re-test's 8 reps became "0 of 15 reps, pain 4"), and
            # is shown again in the rest after it (twenty-third re-test)
            self._emit("set_kept", self._results[seg.seq])
            return
        result = SetResult(seg, status, actual_reps, actual_seconds, self._wall_at(at))
        self._results[seg.seq] = result
        self._ended_as[seg.seq] = status
        self._emit("set_completed", result)

    def _finish(self, status: SessionStatus, at: float) -> None:
        self._status = status
        self._paused_at = None
        self._index = len(self.plan)
        results = self.results
        assert self._started_wall is not None
        completed = self.sets_done
        if status is SessionStatus.COMPLETED and completed == 0:
            status = self._status = SessionStatus.STOPPED  # every set skipped: nothing done
        summary = SessionSummary(
            status=status,
            started_at=self._started_wall,
            ended_at=self._wall_at(at),
            elapsed_seconds=self._prior_seconds + max(0.0, at - self._started_mono),
            sets_planned=planned_sets(self.plan),
            sets_completed=completed,
            sets_skipped=self._prior[1] + sum(1 for r in results if r.status is SetStatus.SKIPPED),
            sets_partly_done=self._prior_partly_done + sum(
                1 for r in results if SetOutcome.of(r.status, r.actual_reps, r.actual_seconds) is SetOutcome.PART_WAY),
        )
        self._emit("session_finished", summary)

    def _emit_progress_events(self) -> None:
        seg = self.plan[self._index]
        left = self.display_seconds()
        if seg.phase is not Phase.WORK or seg.step.kind is not DoseKind.REPS:
            if left <= COUNTDOWN_FROM and left < seg.duration and left != self._last_countdown and left > 0:
                self._last_countdown = left
                self._emit("countdown", left, seg)
        else:
            rep = self.current_rep()
            if rep != self._last_rep:
                self._last_rep = rep
                self._emit("rep_changed", rep, seg)
            part = self.tempo_part()
            if part is not None and (rep, part[0]) != self._last_beat:
                self._last_beat = (rep, part[0])
                self._emit("tempo_beat", part[0], rep, seg)
        if seg.phase is Phase.WORK:
            self._emit_milestones(seg)

    def _emit_milestones(self, seg: Segment) -> None:
        if seg.step.kind is DoseKind.REPS and seg.target_reps is not None:
            done, target = self.reps_done(), seg.target_reps
            if target >= 10 and done == target - 5:
                self._milestone("last_reps", seg)
            elif target >= 6 and done * 2 >= target and done < target - 5:
                self._milestone("halfway", seg)
        elif seg.duration >= 20 and self.elapsed_in_phase() * 2 >= seg.duration:
            self._milestone("halfway", seg)

    def _milestone(self, kind: str, seg: Segment) -> None:
        if kind not in self._milestones:
            self._milestones.add(kind)
            self._emit("milestone", kind, seg)

    def _emit(self, name: str, *args: object) -> None:
        for listener in list(self._listeners):
            getattr(listener, name)(*args)


def _cumulative(plan: tuple[Segment, ...]) -> list[float]:
    out = [0.0]
    for seg in plan:
        out.append(out[-1] + seg.duration)
    return out
