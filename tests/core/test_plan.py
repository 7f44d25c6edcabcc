"""The length of a plan: planned_seconds() works it out without building the
plan (the home screen asks it for every routine before its first paint), so
it must agree with build_plan()'s segments for every routine and timing."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.core.model import Routine, Sides
from ankle_trainer.core.plan import TimingSettings, build_plan, estimated_minutes, planned_seconds

TIMINGS = [
    TimingSettings(),
    TimingSettings(get_ready_seconds=0, switch_side_seconds=0, default_rest_seconds=0),
    TimingSettings(get_ready_seconds=3, switch_side_seconds=12.5, default_rest_seconds=90),
]


def _segments_total(routine: Routine, timing: TimingSettings) -> float:
    return sum(seg.duration for seg in build_plan(routine, timing))


@pytest.mark.parametrize("timing", TIMINGS)
def test_every_builtin_routine_at_every_level_lasts_as_long_as_its_plan(timing: TimingSettings) -> None:
    checked = 0
    for routine in builtin_routines():
        for level in range(routine.level_count):
            at = routine.at_level(level)
            assert planned_seconds(at, timing) == pytest.approx(_segments_total(at, timing)), (at.id, level)
            minutes = estimated_minutes(at, timing)
            # "about N minutes" is never less than the session takes (rounded up, as
            # time left is everywhere), and never a whole minute more
            assert (minutes - 1) * 60 < _segments_total(at, timing) <= minutes * 60 or minutes == 1, (at.id, level)
            checked += 1
    assert checked > len(builtin_routines())  # some routines have levels


@settings(max_examples=200, deadline=None)
@given(
    data=st.data(),
    ready=st.sampled_from([0.0, 5.0, 10.0]),
    switch=st.sampled_from([0.0, 5.0, 7.5]),
    rest=st.sampled_from([0.0, 30.0, 45.0]),
)
def test_changed_sets_sides_and_rests_keep_the_length_equal_to_the_plan(
    data: st.DataObject, ready: float, switch: float, rest: float
) -> None:
    routine = data.draw(st.sampled_from(builtin_routines()))
    steps = tuple(
        step._replace(
            sets=data.draw(st.integers(1, 5)),
            sides=data.draw(st.sampled_from([Sides.BOTH, Sides.EACH])),
            rest_between_sets=data.draw(st.sampled_from([None, 0.0, 20.0])),
            rest_after=data.draw(st.sampled_from([0.0, 15.0, 60.0])),
        )
        for step in routine.steps
    )
    changed = routine._replace(steps=steps)
    timing = TimingSettings(ready, switch, rest)
    assert planned_seconds(changed, timing) == pytest.approx(_segments_total(changed, timing))
