from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.engine import (
    EngineStateError,
    SessionEngine,
    SessionListener,
    SessionStatus,
    SessionSummary,
    SetResult,
    SetStatus,
)
from ankle_trainer.core.model import Side
from ankle_trainer.core.plan import Phase, Segment, TimingSettings, build_plan


@dataclass
class Recorder(SessionListener):
    events: list[tuple] = field(default_factory=list)
    sets: list[SetResult] = field(default_factory=list)
    summary: SessionSummary | None = None

    def phase_changed(self, segment: Segment) -> None:
        self.events.append(("phase", segment.phase, segment.side, segment.set_number))

    def countdown(self, seconds_left: int, segment: Segment) -> None:
        self.events.append(("countdown", seconds_left, segment.phase))

    def rep_changed(self, rep: int, segment: Segment) -> None:
        self.events.append(("rep", rep))

    def paused_changed(self, paused: bool) -> None:
        self.events.append(("paused", paused))

    def set_completed(self, result: SetResult) -> None:
        self.sets.append(result)

    def session_finished(self, summary: SessionSummary) -> None:
        self.summary = summary

    def phases(self) -> list[Phase]:
        return [e[1] for e in self.events if e[0] == "phase"]


def make(routine, clock, **timing):  # type: ignore[no-untyped-def]
    engine = SessionEngine(routine, clock, TimingSettings(**timing) if timing else None)
    rec = Recorder()
    engine.add_listener(rec)
    return engine, rec


def run_for(engine: SessionEngine, clock: FakeClock, seconds: float, step: float = 0.05) -> None:
    for _ in range(round(seconds / step)):
        clock.advance(step)
        engine.tick()


def test_plan_of_tiny_routine(tiny_routine) -> None:
    plan = build_plan(tiny_routine)
    assert [(s.phase, s.duration, s.side) for s in plan] == [
        (Phase.GET_READY, 10, Side.BOTH),
        (Phase.WORK, 6, Side.BOTH),
        (Phase.REST, 10, Side.BOTH),
        (Phase.WORK, 6, Side.BOTH),
        (Phase.REST, 15, Side.BOTH),
        (Phase.WORK, 20, Side.LEFT),
        (Phase.SWITCH, 5, Side.RIGHT),
        (Phase.WORK, 20, Side.RIGHT),
    ]
    assert [s.seq for s in plan] == list(range(len(plan)))


def test_full_routine_runs_to_the_end(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 92.0)
    assert engine.status is SessionStatus.COMPLETED
    assert rec.phases() == [p.phase for p in engine.plan]
    assert [(r.status, r.actual_reps, r.actual_seconds) for r in rec.sets] == [
        (SetStatus.COMPLETED, 3, None),
        (SetStatus.COMPLETED, 3, None),
        (SetStatus.COMPLETED, None, 20.0),
        (SetStatus.COMPLETED, None, 20.0),
    ]
    assert rec.summary is not None
    assert rec.summary.sets_completed == 4 and rec.summary.sets_planned == 4
    assert rec.summary.elapsed_seconds == pytest.approx(92.0)
    assert engine.progress() == 1.0


def test_one_late_tick_completes_every_phase_at_its_own_deadline(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    start = clock.now()
    clock.advance(40.0)  # the machine was busy: one tick, 40 s late
    engine.tick()
    # get-ready 10 + work 6 + rest 10 + work 6 = 32: now 8 s into the 15 s rest
    assert engine.current is not None and engine.current.seq == 4
    assert engine.remaining() == pytest.approx(7.0)
    stamps = [(r.completed_at - start).total_seconds() for r in rec.sets]
    assert stamps == [16.0, 32.0]


def test_early_and_irregular_ticks_do_not_drift(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock)
    engine.start()
    for step in [0.013, 0.5, 0.001, 0.9, 0.26, 0.33] * 10:
        clock.advance(step)
        engine.tick()
    # 20.04 s in: get-ready 10 + work 6 -> 4.04 s into the first rest
    assert engine.current is not None and engine.current.phase is Phase.REST
    assert engine.remaining() == pytest.approx(10 - 4.04)


def test_countdown_fires_3_2_1_once_each_in_get_ready(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 10.0, step=0.1)
    counts = [e for e in rec.events if e[0] == "countdown"]
    assert counts == [
        ("countdown", 3, Phase.GET_READY),
        ("countdown", 2, Phase.GET_READY),
        ("countdown", 1, Phase.GET_READY),
    ]


def test_reps_are_counted_from_the_tempo(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 10.0)
    assert engine.current is not None and engine.current.phase is Phase.WORK
    assert engine.current_rep() == 1
    run_for(engine, clock, 2.0)
    assert engine.reps_done() == 1 and engine.current_rep() == 2
    run_for(engine, clock, 3.9)
    assert engine.current_rep() == 3
    assert [e[1] for e in rec.events if e[0] == "rep"] == [1, 2, 3]


def test_pause_freezes_time_and_resume_continues(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 4.0)
    engine.pause()
    left = engine.remaining()
    clock.advance(3 * 3600)  # a long pause: hours
    engine.tick()
    assert engine.paused and engine.remaining() == pytest.approx(left)
    assert engine.current is not None and engine.current.phase is Phase.GET_READY
    engine.resume()
    assert engine.remaining() == pytest.approx(6.0)
    run_for(engine, clock, 6.0)
    assert engine.current is not None and engine.current.phase is Phase.WORK
    assert ("paused", True) in rec.events and ("paused", False) in rec.events


def test_skip_during_work_records_what_was_done(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 10.0 + 4.5)  # 2 reps done, third under way
    engine.skip()
    assert rec.sets[-1].status is SetStatus.SKIPPED
    assert rec.sets[-1].actual_reps == 2
    assert engine.current is not None and engine.current.phase is Phase.REST


def test_skip_a_rest_goes_straight_to_the_next_set(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 17.0)
    assert engine.current is not None and engine.current.phase is Phase.REST
    engine.skip()
    assert engine.current.phase is Phase.WORK and engine.current.set_number == 2
    assert engine.remaining() == pytest.approx(6.0)
    assert len(rec.sets) == 1  # skipping a rest records no set


def test_back_restarts_the_set_or_goes_to_the_previous_one(tiny_routine, clock) -> None:
    """Each time after the get-ready countdown (10 s here), standing in for the
    rest before the set; the rest is back in the plan once the countdown is left."""
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 10.0 + 6.0 + 10.0 + 4.0)  # 4 s into set 2
    engine.back()  # past the grace period: restart set 2, after the countdown
    assert engine.current is not None and engine.current.seq == 2
    assert engine.current.phase is Phase.GET_READY and engine.current.set_number == 2
    assert engine.remaining() == pytest.approx(10.0)
    # done again from its start: "Set 2 of 3 again", as for a set gone back to
    # (twenty-eighth re-test: only a set already ended said "again")
    assert engine.redoing
    run_for(engine, clock, 10.0)
    assert engine.current.seq == 3 and engine.current.phase is Phase.WORK and engine.redoing
    assert engine.remaining() == pytest.approx(6.0)
    assert engine.plan[2].phase is Phase.REST and engine.plan[2].duration == 10.0  # the rest is back
    run_for(engine, clock, 1.0)
    engine.back()  # within the grace period: back to set 1
    assert engine.current.seq == 0 and engine.current.phase is Phase.GET_READY
    assert engine.next_work() is not None and engine.next_work().set_number == 1
    assert engine.redoing  # set 1 was done: it is done again
    run_for(engine, clock, 10.0)
    assert engine.current.seq == 1 and engine.redoing
    run_for(engine, clock, 6.0)
    # set 1 done again: the new result replaces the old one for that set
    assert [r.seq for r in engine.results] == [0]
    assert len(rec.sets) == 2
    assert engine.current.phase is Phase.REST and engine.remaining() == pytest.approx(10.0)
    assert not engine.redoing  # the rest leads into set 2, not done yet


def test_back_from_a_rest_counts_down_into_the_set_before_it(tiny_routine, clock) -> None:
    """The sixteenth re-test: Left in a rest went straight into a running set."""
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 10.0 + 6.0 + 10.0 + 3.0)  # 3 s into set 2
    engine.skip()  # set 2 ends: the rest before the next exercise
    assert engine.current is not None and engine.current.phase is Phase.REST
    engine.back()
    assert engine.current.phase is Phase.GET_READY and engine.current.set_number == 2
    assert engine.redoing and engine.next_work() is not None and engine.next_work().seq == 3
    engine.back()  # Left again, in the countdown: the set before the one it leads into
    assert engine.current.seq == 0 and engine.next_work().set_number == 1
    assert engine.plan[2].phase is Phase.REST  # the first countdown's rest is back
    phases = [e for e in rec.events if e[0] == "phase"][-3:]
    assert [p[1] for p in phases] == [Phase.REST, Phase.GET_READY, Phase.GET_READY]


def test_back_without_a_countdown_goes_straight_into_the_set(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock, get_ready_seconds=0)
    engine.start()
    run_for(engine, clock, 6.0 + 2.0)  # in the rest after set 1
    assert engine.current is not None and engine.current.phase is Phase.REST
    engine.back()
    assert engine.current.phase is Phase.WORK and engine.current.set_number == 1
    assert engine.redoing


def test_back_at_the_first_set_restarts_it(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock)
    engine.start()
    engine.back()
    assert engine.current is not None and engine.current.seq == 0


def test_sides_run_left_switch_right(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 92.0)
    tail = [e for e in rec.events if e[0] == "phase"][-3:]
    assert tail == [
        ("phase", Phase.WORK, Side.LEFT, 1),
        ("phase", Phase.SWITCH, Side.RIGHT, 1),
        ("phase", Phase.WORK, Side.RIGHT, 1),
    ]
    assert [r.segment.side for r in rec.sets[-2:]] == [Side.LEFT, Side.RIGHT]


def test_add_rest_only_lengthens_rests(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock)
    engine.start()
    assert engine.add_rest() is False  # get-ready is not a rest
    run_for(engine, clock, 16.5)
    assert engine.current is not None and engine.current.phase is Phase.REST
    before = engine.remaining()
    assert engine.add_rest(15) is True
    assert engine.remaining() == pytest.approx(before + 15)


def test_stop_keeps_the_partial_set_and_ends_the_session(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 10.0 + 6.0 + 10.0 + 2.5)
    engine.stop()
    assert engine.status is SessionStatus.STOPPED
    assert [(r.status, r.actual_reps) for r in rec.sets] == [
        (SetStatus.COMPLETED, 3),
        (SetStatus.SKIPPED, 1),
    ]
    assert rec.summary is not None and rec.summary.status is SessionStatus.STOPPED
    with pytest.raises(EngineStateError):
        engine.skip()


def test_moving_while_paused_stays_paused_with_the_whole_phase(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock)
    engine.start()
    engine.pause()
    engine.skip()
    assert engine.paused
    assert engine.current is not None and engine.current.phase is Phase.WORK
    clock.advance(100)
    assert engine.remaining() == pytest.approx(6.0)


def test_display_seconds_round_up(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock)
    engine.start()
    clock.advance(0.2)
    assert engine.display_seconds() == 10
    clock.advance(0.8)
    assert engine.display_seconds() == 9


def test_start_twice_is_an_error(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock)
    engine.start()
    with pytest.raises(EngineStateError):
        engine.start()


def test_progress_grows_steadily(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock)
    engine.start()
    seen = []
    for _ in range(92):
        clock.advance(1.0)
        engine.tick()
        seen.append(engine.progress())
    assert seen == sorted(seen)
    assert seen[45] == pytest.approx(46 / 92)


def test_resume_from_a_later_set(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start(from_index=3)
    run_for(engine, clock, 6.0)
    assert [r.seq for r in rec.sets] == [1]  # the second set


def test_timing_settings_change_the_plan(tiny_routine, clock) -> None:
    plan = build_plan(tiny_routine, TimingSettings(get_ready_seconds=0, switch_side_seconds=8))
    assert plan[0].phase is Phase.WORK
    assert [s.duration for s in plan if s.phase is Phase.SWITCH] == [8]


def test_tempo_beats_follow_up_hold_down(clock) -> None:
    from ankle_trainer.core.library import exercise_library
    from ankle_trainer.core.routines import parse_routine

    routine = parse_routine(
        'format_version = 1\nid = "t"\nname = "T"\n[[steps]]\nexercise = "heel-drop-straight"\n'
        "reps = 2\ntempo = { up = 2, hold = 1, down = 3 }\n",
        exercise_library(),
    )
    engine, rec = make(routine, clock, get_ready_seconds=0)
    beats = []

    class Beats(SessionListener):
        def tempo_beat(self, part: str, rep: int, segment: Segment) -> None:
            beats.append((round(clock.monotonic() - 1000, 2), rep, part))

    engine.add_listener(Beats())
    engine.start()
    run_for(engine, clock, 12.0, step=0.1)
    assert beats == [
        (0.1, 1, "up"), (2.0, 1, "hold"), (3.0, 1, "down"),
        (6.0, 2, "up"), (8.0, 2, "hold"), (9.0, 2, "down"),
    ]
    from ankle_trainer.core.plan import LAST_SET_CHECK_SECONDS

    assert engine.current.phase is Phase.REST and engine.next_work() is None  # the last set's check
    run_for(engine, clock, LAST_SET_CHECK_SECONDS, step=0.5)
    assert engine.finished


def test_milestones_halfway_and_last_five_reps(clock) -> None:
    from ankle_trainer.core.library import find_routine

    routine = find_routine("heel-drops")  # 15 reps of 4 s
    engine, rec = make(routine, clock)
    said = []

    class Marks(SessionListener):
        def milestone(self, kind: str, segment: Segment) -> None:
            said.append((kind, engine.reps_done()))

    engine.add_listener(Marks())
    engine.start()
    run_for(engine, clock, 10 + 60, step=0.5)
    assert said == [("halfway", 8), ("last_reps", 10)]


def test_amend_replaces_the_count_and_reports_it(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 17.0)
    amended = engine.amend(0, reps=2)
    assert amended.actual_reps == 2 and rec.sets[-1] == amended
    with pytest.raises(EngineStateError):
        engine.amend(0, seconds=3.0)


def test_a_skipped_set_corrected_to_its_full_count_counts_as_done(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 12.0)  # into the first set
    engine.skip()
    assert rec.sets[-1].status is SetStatus.SKIPPED
    target = rec.sets[-1].segment.target_reps
    partly = engine.amend(0, reps=target - 1)
    assert partly.status is SetStatus.SKIPPED  # less than asked: still left unfinished
    full = engine.amend(0, reps=target)
    assert full.status is SetStatus.COMPLETED and rec.sets[-1] == full
    again = engine.amend(0, reps=0)  # a slip of the keys, corrected back
    assert again.status is SetStatus.SKIPPED and rec.sets[-1] == again


def test_a_set_run_to_its_end_but_corrected_below_its_count_is_not_done_in_full(tiny_routine, clock) -> None:
    """Twenty-eighth re-test: a set whose clock ran out, corrected to 13 of 15
    reps, still counted as done in full ("Sets done in full: 3 of 3", "Well
    done"). The runner's count decides, whichever way the set ended."""
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 17.0)  # set 1 ran to its end: resting
    assert rec.sets[-1].status is SetStatus.COMPLETED
    target = rec.sets[-1].segment.target_reps
    short = engine.amend(0, reps=target - 1)
    assert short.status is SetStatus.SKIPPED and short.actual_reps == target - 1 and rec.sets[-1] == short
    assert engine.sets_done == 0
    back = engine.amend(0, reps=target)  # corrected back to the whole set
    assert back.status is SetStatus.COMPLETED and engine.sets_done == 1
    more = engine.amend(0, reps=target + 2)  # more than asked is the whole set too
    assert more.status is SetStatus.COMPLETED


def test_skip_exercise_leaves_out_its_remaining_sets(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 17.0)  # first set done, resting
    engine.skip_exercise(0)
    assert [(r.seq, r.status, r.actual_reps) for r in rec.sets] == [
        (0, SetStatus.COMPLETED, 3), (1, SetStatus.SKIPPED, 0)
    ]
    # the rest after the exercise is kept as a breather, then the next exercise
    assert engine.current is not None and engine.current.phase is Phase.REST
    assert engine.next_work().exercise.id == "single-leg-stance"


def test_a_machine_that_sleeps_mid_set_carries_on_where_it_was(tiny_routine) -> None:
    # On Linux the monotonic clock stops while the machine sleeps; the wall
    # clock does not. The session carries on from where it was.
    clock = FakeClock()
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 12.0)
    left = engine.remaining()
    clock.suspend(2 * 3600)
    engine.tick()
    assert engine.remaining() == pytest.approx(left)
    run_for(engine, clock, 80.0)
    assert engine.finished and len(rec.sets) == 4


def test_added_rest_counts_in_the_time_left(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock)
    engine.start()
    total = engine.seconds_left()
    assert total == pytest.approx(engine.total_planned_seconds)
    run_for(engine, clock, 16.5)
    left = engine.seconds_left()
    assert left == pytest.approx(total - 16.5)
    assert engine.add_rest(15) is True
    assert engine.seconds_left() == pytest.approx(left + 15)
    engine.pause()
    clock.advance(30)
    engine.tick()
    assert engine.seconds_left() == pytest.approx(left + 15)  # a pause stops it


def test_coming_up_never_names_the_step_a_rest_leads_into(tiny_routine, clock) -> None:
    engine, _ = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 10.0 + 6.0 + 10.0 + 6.0 + 1.0)  # the rest before the second step
    assert engine.current is not None and engine.current.phase is Phase.REST
    nxt = engine.next_work()
    upcoming = engine.upcoming_exercise()
    assert nxt is not None and nxt.step_index == 1
    assert upcoming is None or upcoming.step_index not in (0, 1)


def test_a_session_with_every_set_skipped_is_stopped_not_completed(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    while engine.running:
        engine.skip()
    assert engine.status is SessionStatus.STOPPED
    assert rec.summary is not None and rec.summary.status is SessionStatus.STOPPED
    assert rec.summary.sets_completed == 0 and rec.summary.sets_skipped == rec.summary.sets_planned


def test_one_set_done_and_the_rest_skipped_is_still_completed(tiny_routine, clock) -> None:
    engine, rec = make(tiny_routine, clock)
    engine.start()
    run_for(engine, clock, 17.0)  # the first set done in full
    while engine.running:
        engine.skip()
    assert engine.status is SessionStatus.COMPLETED and rec.summary.sets_completed == 1


def test_the_phase_and_the_session_time_left_round_the_same_way(tiny_routine, clock) -> None:
    """One rounding rule for time left (up): in the last phase the big timer
    and "about ... left" name the same second, never 0:04 beside 0:03."""
    from ankle_trainer.core.text import countdown_clock

    engine, _ = make(tiny_routine, clock)
    engine.start()
    while engine.seconds_left() > engine.remaining() + 1e-9:  # walk to the last phase
        run_for(engine, clock, 0.5)
    run_for(engine, clock, max(0.0, engine.remaining() - 3.2))  # 3.2 s left
    assert engine.remaining() == pytest.approx(3.2)
    assert engine.display_seconds() == 4
    assert countdown_clock(engine.seconds_left()) == countdown_clock(engine.remaining()) == "0:04"


def test_a_session_resumed_at_a_rest_starts_with_the_get_ready_countdown(tiny_routine, clock) -> None:
    """Tenth re-test: a resumed session began with the full rest before the
    next set. The rest's place is taken by the get-ready countdown; the sets'
    history keys and the time left follow."""
    from ankle_trainer.core.plan import resume_index

    plan = build_plan(tiny_routine)
    index = resume_index(plan, {0})  # set 1 done: the 10 s rest before set 2
    assert plan[index].phase is Phase.REST
    engine, rec = make(tiny_routine, clock)
    engine.start(index, prior_completed=1)
    assert engine.current.phase is Phase.GET_READY and engine.current.duration == 10
    assert engine.next_work().work_index == 1
    assert engine.seconds_left() == sum(s.duration for s in plan[index + 1:]) + 10
    run_for(engine, clock, 10.5)
    assert engine.current.phase is Phase.WORK and engine.current.work_index == 1
    no_countdown = SessionEngine(tiny_routine, clock, TimingSettings(get_ready_seconds=0))
    no_countdown.start(index, prior_completed=1)
    assert no_countdown.current.phase is Phase.WORK  # straight into the set


@pytest.mark.parametrize("done", [{0}, {0, 1}, {0, 1, 2}])
def test_a_resumed_get_ready_is_for_the_set_it_gets_ready_for(tiny_routine, clock, done) -> None:
    """Thirteenth re-test: resumed at the rest between two exercises, the
    get-ready in its place said "Exercise 1 of 2" (the rest's exercise) while
    getting ready for exercise 2. Like every get-ready of the plan, it carries
    the step, set and side of the set that follows it; its place and key stay
    the rest's. (Sets 0-1 are step 1, sets 2-3 are step 2's left and right.)"""
    from ankle_trainer.core.plan import resume_index

    plan = build_plan(tiny_routine)
    index = resume_index(plan, done)
    engine, _rec = make(tiny_routine, clock)
    engine.start(index, prior_completed=len(done))
    ready, upcoming = engine.current, engine.next_work()
    assert ready.phase in (Phase.GET_READY, Phase.SWITCH)
    if ready.phase is Phase.GET_READY:
        assert (ready.step_index, ready.step, ready.set_number, ready.side) == (
            upcoming.step_index, upcoming.step, upcoming.set_number, upcoming.side)
        assert ready.seq == plan[index].seq and ready.work_index == -1
    for seg in plan:  # the plan's own get-readies follow the same rule
        if seg.phase is Phase.GET_READY:
            following = next(s for s in plan[seg.seq:] if s.phase is Phase.WORK)
            assert (seg.step_index, seg.set_number, seg.side) == (
                following.step_index, following.set_number, following.side)
