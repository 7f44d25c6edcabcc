from __future__ import annotations

from ankle_trainer.core.clock import FakeClock
from ankle_trainer.core.cues import CueDriver, Sound
from ankle_trainer.core.engine import SessionEngine


class RecordingSink:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.cues: list[tuple[float, str, str]] = []

    def play(self, sound: Sound) -> None:
        self.cues.append((self._t(), "play", str(sound)))

    def say(self, text: str) -> None:
        self.cues.append((self._t(), "say", text))

    def _t(self) -> float:
        return round(self.clock.monotonic() - 1000.0, 2)


def started(routine):  # type: ignore[no-untyped-def]
    """A session of ``routine`` just started, its cues recorded: (clock, engine, sink)."""
    clock = FakeClock()
    engine = SessionEngine(routine, clock)
    sink = RecordingSink(clock)
    engine.add_listener(CueDriver(engine, sink))
    engine.start()
    return clock, engine, sink


def tick_for(engine, clock, seconds: float, step: float = 0.25) -> None:  # type: ignore[no-untyped-def]
    for _ in range(round(seconds / step)):
        clock.advance(step)
        engine.tick()


def run(routine, seconds: float, step: float = 0.25):  # type: ignore[no-untyped-def]
    clock, engine, sink = started(routine)
    tick_for(engine, clock, seconds, step)
    return sink.cues


def test_cues_in_order_through_a_short_routine(tiny_routine) -> None:
    cues = run(tiny_routine, 92.0)
    spoken = [(t, text) for t, kind, text in cues if kind == "say"]
    assert spoken == [
        (0.0, "Get ready: Calf raise, straight knee."),
        (10.0, "Calf raise, straight knee. Set 1 of 2."),
        (16.0, "Rest 10 seconds. Next: set 2 of 2."),
        (26.0, "Calf raise, straight knee. Set 2 of 2."),
        (32.0, "Rest 15 seconds. Next: Single-leg balance."),
        (47.0, "Single-leg balance, left leg."),
        (57.0, "Halfway."),
        (67.0, "Switch to the right leg."),
        (72.0, "Single-leg balance, right leg."),
        (82.0, "Halfway."),
        (92.0, "Session complete. Well done."),
    ]
    sounds = [(t, text) for t, kind, text in cues if kind == "play"]
    assert sounds[:4] == [(7.0, "tick"), (8.0, "tick"), (9.0, "tick"), (10.0, "go")]
    assert sounds[-1] == (92.0, "chime")
    # two beats (up, down) per 2-second rep, three reps a set, two sets
    assert sum(1 for _, s in sounds if s == "beat") == 12
    assert [t for t, s in sounds if s == "rest"] == [16.0, 32.0]


def test_stopping_says_so() -> None:
    from ankle_trainer.core.library import find_routine

    _, engine, sink = started(find_routine("ankle-mobility"))
    engine.stop()
    assert sink.cues[-2:] == [(0.0, "play", "chime"), (0.0, "say", "Session stopped.")]


def test_skip_while_paused_announces_the_phase_when_it_really_starts(tiny_routine) -> None:
    clock, engine, sink = started(tiny_routine)
    tick_for(engine, clock, 12.0)  # into set 1 (it starts at 10 s)
    engine.skip()  # set 1 skipped: the rest starts now, not paused
    assert sink.cues[-1] == (12.0, "say", "Rest 10 seconds. Next: set 2 of 2.")
    engine.pause()
    clock.advance(3.0)
    engine.skip()  # skip the rest while paused: set 2 is shown, still paused
    assert engine.paused
    assert sink.cues[-1] == (12.0, "say", "Rest 10 seconds. Next: set 2 of 2.")  # nothing played yet
    clock.advance(20.0)
    engine.resume()  # set 2 really starts now: its cues play now, once
    assert sink.cues[-2:] == [(35.0, "play", "go"), (35.0, "say", "Calf raise, straight knee. Set 2 of 2.")]
    clock.advance(0.25)
    engine.tick()
    assert [c for c in sink.cues if c[2] == "Calf raise, straight knee. Set 2 of 2."] == [
        (35.0, "say", "Calf raise, straight knee. Set 2 of 2.")
    ]


def test_a_session_run_to_its_end_with_a_set_skipped_is_finished_not_complete(tiny_routine) -> None:
    """Fifteenth re-test: "Session complete. Well done." only when every set
    was done in full; run to its end with a set skipped, "Session finished."."""
    clock = FakeClock()
    engine = SessionEngine(tiny_routine, clock)
    sink = RecordingSink(clock)
    engine.add_listener(CueDriver(engine, sink))
    engine.start()
    clock.advance(10.5)
    engine.tick()  # the first set has begun
    engine.skip()  # skipped before any of it was done
    for _ in range(400):
        clock.advance(0.5)
        engine.tick()
    assert not engine.running
    assert sink.cues[-1][1:] == ("say", "Session finished.")


def test_a_set_done_again_after_back_is_said_to_be_again(tiny_routine) -> None:
    """Left in a rest: the countdown and the set say it is that set again."""
    clock, engine, sink = started(tiny_routine)
    tick_for(engine, clock, 18.0)  # into the rest after set 1
    engine.back()
    tick_for(engine, clock, 11.0)  # the countdown, then set 1 again
    spoken = [text for _, kind, text in sink.cues if kind == "say"]
    assert spoken[-3:] == ["Rest 10 seconds. Next: set 2 of 2.",
                           "Get ready: Calf raise, straight knee. Set 1 of 2 again.",
                           "Calf raise, straight knee. Set 1 of 2 again."]
