"""What the runner hears: sounds and spoken words driven by engine events.

The engine reports events; :class:`CueDriver` turns them into cues for a
:class:`CueSink`. The app's sink plays them through QtMultimedia and
QtTextToSpeech (or flashes the screen when there is no sound); tests use a
recording sink.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from .engine import SessionEngine, SessionListener, SessionSummary
from .model import Side
from .plan import Phase, Segment
from .status import SessionStatus
from .text import count


class Sound(StrEnum):
    """The short sounds of a session; the value names the WAV file in resources/sounds."""

    TICK = "tick"  # 3-2-1
    GO = "go"  # a set starts
    REST = "rest"  # a rest starts
    CHIME = "chime"  # the session is over
    BEAT = "beat"  # each part of a paced repetition


class CueSink(Protocol):
    """Plays sounds and speaks; the Qt sink does it for real, tests record the calls."""

    def play(self, sound: Sound) -> None:
        """Play one of the session sounds (returns at once; never raises)."""

    def say(self, text: str) -> None:
        """Speak ``text`` aloud when voice is on (returns at once; never raises)."""


SIDE_SPOKEN = {Side.LEFT: "left leg", Side.RIGHT: "right leg", Side.BOTH: ""}


class CueDriver(SessionListener):
    """Turns the engine's events into sounds and spoken words on a CueSink:
    what to do next at each phase, 3-2-1 ticks, tempo beats, the end. A phase
    entered while paused (Skip or Back pressed during a pause) is announced
    when the session resumes, the moment the phase really starts."""

    def __init__(self, engine: SessionEngine, sink: CueSink) -> None:
        self.engine = engine
        self.sink = sink
        self._pending: Segment | None = None  # entered while paused, not yet announced

    def phase_changed(self, segment: Segment) -> None:
        """A new phase: the start sound and the spoken instruction for it,
        held back until the session resumes when it was entered while paused."""
        if self.engine.paused:
            self._pending = segment
            return
        self._pending = None
        self._announce(segment)

    def paused_changed(self, paused: bool) -> None:
        """On resume, announce a phase that was entered while paused."""
        if not paused and self._pending is not None:
            segment, self._pending = self._pending, None
            self._announce(segment)

    def _announce(self, segment: Segment) -> None:
        upcoming = segment if segment.phase is Phase.WORK else self.engine.next_work()
        if segment.phase is Phase.WORK:
            self.sink.play(Sound.GO)
            self.sink.say(self._set_words(segment, self.engine.redoing))
        elif segment.phase is Phase.REST:
            self.sink.play(Sound.REST)
            words = f"Rest {count(round(segment.duration), 'second')}."
            if upcoming is None:  # after the last set: its rating, then the summary
                words = "Last set done: rate it, then the summary."
            if upcoming is not None:
                if upcoming.step_index != segment.step_index:
                    words += f" Next: {upcoming.exercise.name}."
                else:
                    words += f" Next: set {upcoming.set_number} of {upcoming.step.sets}."
            self.sink.say(words)
        elif segment.phase is Phase.SWITCH and upcoming is not None:
            self.sink.say(f"Switch to the {SIDE_SPOKEN[upcoming.side]}.")
        elif segment.phase is Phase.GET_READY and upcoming is not None and self.engine.redoing:
            self.sink.say(f"Get ready: {self._set_words(upcoming, True)}")
        elif segment.phase is Phase.GET_READY and upcoming is not None:
            self.sink.say(f"Get ready: {upcoming.exercise.name}.")

    def countdown(self, seconds_left: int, segment: Segment) -> None:
        """A tick for each of the last three whole seconds of a phase."""
        self.sink.play(Sound.TICK)

    def tempo_beat(self, part: str, rep: int, segment: Segment) -> None:
        """A beat on each part (up, hold, down) of a paced repetition."""
        self.sink.play(Sound.BEAT)

    def milestone(self, kind: str, segment: Segment) -> None:
        """Spoken halfway and near-the-end notes during long holds and blocks."""
        self.sink.say("Halfway." if kind == "halfway" else "Last 5 reps.")

    def session_finished(self, summary: SessionSummary) -> None:
        """The closing chime and a spoken summary line."""
        self.sink.play(Sound.CHIME)
        if summary.status is SessionStatus.COMPLETED and summary.sets_completed >= summary.sets_planned:
            self.sink.say("Session complete. Well done.")
        elif summary.status is SessionStatus.COMPLETED:
            self.sink.say("Session finished.")  # run to its end, not every set in full
        else:
            self.sink.say("Session stopped.")

    @staticmethod
    def _set_words(segment: Segment, again: bool = False) -> str:
        side = SIDE_SPOKEN[segment.side]
        name = segment.exercise.name + (f", {side}" if side else "")
        if segment.step.sets > 1:
            return f"{name}. Set {segment.set_number} of {segment.step.sets}{' again' if again else ''}."
        return f"{name}{', again' if again else ''}."
