"""The single-leg heel-rise test: rises to fatigue on each leg at a set beat.

Hébert-Losier et al. (Physiotherapy 2017;103:446) tested 566 adults aged 20 to
81: the median was 24 rises for men and 21 for women, and a change has to be
more than about 6 rises to be more than measurement error. Norms by age group
are not in the project's clinical notes, so the app compares with the medians
by sex only and says so.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from .clock import Clock

NORM_MEDIAN = {"male": 24, "female": 21}
NORM_SOURCE = "Hébert-Losier et al., Physiotherapy 2017: 566 adults aged 20-81"
MEASUREMENT_ERROR = 6  # rises: a smaller change is within test-retest error


class HeelRiseTimer:
    """Counts rises on one leg from the beat: up on one beat, down on the next.

    Time comes from the injected clock, so the count never drifts whatever the
    repaint rate. ``stop`` freezes the count where the runner could not keep up.
    """

    def __init__(self, clock: Clock, beat_seconds: float) -> None:
        if not 0.25 <= beat_seconds <= 5:
            raise ValueError("the beat is from 0.25 to 5 seconds")
        self.clock = clock
        self.beat_seconds = beat_seconds
        self._started: float | None = None
        self._stopped: float | None = None

    @property
    def running(self) -> bool:
        """True between ``start()`` and ``stop()``."""
        return self._started is not None and self._stopped is None

    def start(self) -> None:
        """Start counting beats on one leg now."""
        self._started = self.clock.monotonic()
        self._stopped = None

    def stop(self) -> int:
        """Stop counting (the runner could not keep up); returns the rises completed."""
        if self.running:
            self._stopped = self.clock.monotonic()
        return self.rises()

    def beats(self) -> int:
        """Whole beats since the start (up to the stop): one rise is two beats."""
        if self._started is None:
            return 0
        end = self._stopped if self._stopped is not None else self.clock.monotonic()
        return max(0, math.floor((end - self._started) / self.beat_seconds + 1e-9))

    def rises(self) -> int:
        """Completed rises: one per two beats."""
        return self.beats() // 2

    def going_up(self) -> bool:
        """Whether this beat is the rise (else the lowering)."""
        return self.beats() % 2 == 0

    def seconds_to_next_beat(self) -> float:
        """Seconds until the next beat (for the metronome display)."""
        if not self.running or self._started is None:
            return self.beat_seconds
        elapsed = self.clock.monotonic() - self._started
        return self.beat_seconds - (elapsed % self.beat_seconds)


class HeelRiseResult(NamedTuple):
    """A heel-rise test's rises per leg and the lines to tell the runner, in order
    (comparison with the medians of Hébert-Losier et al. 2017, see the module).
    """

    left: int
    right: int
    lines: tuple[str, ...]  # what to tell the runner, in order


def assess(
    left: int, right: int, sex: str | None = None, previous: tuple[int, int] | None = None,
    age: int | None = None,
) -> HeelRiseResult:
    """The result in words: each side, the difference, the published median
    for the sex given (if any), and the change since the previous test."""
    lines = [f"Left: {left} rises. Right: {right} rises."]
    diff = abs(left - right)
    if diff == 0:
        lines.append("Both sides did the same number.")
    else:
        weaker, stronger = ("left", "right") if left < right else ("right", "left")
        share = 100 * min(left, right) / max(left, right)
        lines.append(
            f"The {weaker} side did {diff} fewer than the {stronger} "
            f"({share:.0f}% of it)"
            + (": within measurement error." if diff <= MEASUREMENT_ERROR else ".")
        )
    if sex in NORM_MEDIAN:
        median = NORM_MEDIAN[sex]
        word = "men" if sex == "male" else "women"
        lines.append(
            f"For comparison, the median for {word} in a study of healthy adults was {median} "
            f"({NORM_SOURCE}). Half of healthy people do fewer."
        )
    else:
        lines.append(
            f"Healthy adults did a median of {NORM_MEDIAN['male']} (men) and "
            f"{NORM_MEDIAN['female']} (women) in one study ({NORM_SOURCE})."
        )
    if age is not None:
        lines.append(
            "Figures by age group are not included in this app, so your age is kept with the "
            "result but not compared."
        )
    if previous is not None:
        changes = []
        for side, now, before in (("left", left, previous[0]), ("right", right, previous[1])):
            delta = now - before
            verdict = (
                "within measurement error" if abs(delta) <= MEASUREMENT_ERROR else
                ("a real gain" if delta > 0 else "a real drop")
            )
            changes.append(f"{side} {delta:+d} ({verdict})")
        lines.append(
            f"Since your last test: {', '.join(changes)}. Changes of {MEASUREMENT_ERROR} rises "
            "or fewer are within the test's measurement error."
        )
    return HeelRiseResult(left, right, tuple(lines))
