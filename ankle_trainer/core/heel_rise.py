"""The single-leg heel-rise test: rises to fatigue on each leg at a set beat.

Hébert-Losier et al. (Physiotherapy 2017;103:446) tested 566 adults aged 20 to
81 on a 10-degree incline at 60 beats a minute (one beat up, one down): the
median was 24 rises for men and 21 for women, and between two days the count
varied by about -6.2 to +6.5 rises (limits of agreement), so only a change
over time of more than about 6 rises is real.

That between-day error is about change over time, not about the two legs: the
left-right comparison is a limb symmetry index (weaker / stronger x 100),
flagged below a setting (90% by default, a common but contested clinical
threshold).

The paper gives norms by age as well as sex (women over 60 did more than men
over 60), through equations the project could not find; so the app compares
with the sex-only medians and says that this is a rough guide, worst for
older runners.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from .clock import Clock
from .text import count

NORM_MEDIAN = {"male": 24, "female": 21}
NORM_SOURCE = "Hébert-Losier et al., Physiotherapy 2017: 566 adults aged 20-81"
MEASUREMENT_ERROR = 6  # rises: a smaller change over time is within test-retest error
PROTOCOL_BEAT_SECONDS = 1.0  # 60 beats a minute: one beat up, one beat down
PROTOCOL_INCLINE_DEGREES = 10
DEFAULT_SYMMETRY_FLAG = 90  # percent; a setting (contested threshold)


class HeelRiseTimer:
    """Counts rises on one leg from the beat: up on one beat, down on the next.

    Time comes from the injected clock, so the count never drifts whatever the
    repaint rate. ``stop`` freezes the count where the runner could not keep up.
    """

    def __init__(self, clock: Clock, beat_seconds: float, get_ready: float = 0.0) -> None:
        """``beat_seconds``: 0.25-5 s per beat; ``get_ready``: seconds (0-30) to
        get into position before the first beat, which is an "up". Raises
        ValueError outside those ranges."""
        if not 0.25 <= beat_seconds <= 5:
            raise ValueError("the beat is from 0.25 to 5 seconds")
        if not 0 <= get_ready <= 30:
            raise ValueError("the time to get ready is from 0 to 30 seconds")
        self.clock = clock
        self.beat_seconds = beat_seconds
        self.get_ready = get_ready
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

    def _elapsed(self) -> float:
        """Seconds since the first beat (negative while getting ready), up to the stop."""
        if self._started is None:
            return -self.get_ready
        end = self._stopped if self._stopped is not None else self.clock.monotonic()
        return end - self._started - self.get_ready

    def ready_left(self) -> float:
        """Seconds left to get into position (0 once the beats have begun)."""
        return max(0.0, -self._elapsed())

    def beats(self) -> int:
        """Whole beats since the first (up to the stop): one rise is two beats."""
        elapsed = self._elapsed()
        if elapsed < 0:
            return 0
        return max(0, math.floor(elapsed / self.beat_seconds + 1e-9))

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
        elapsed = self._elapsed()
        if elapsed < 0:
            return -elapsed
        return self.beat_seconds - (elapsed % self.beat_seconds)


class HeelRiseResult(NamedTuple):
    """A heel-rise test's rises per leg and the lines to tell the runner, in order
    (comparison with the medians of Hébert-Losier et al. 2017, see the module).
    """

    left: int
    right: int
    lines: tuple[str, ...]  # what to tell the runner, in order
    symmetry: float | None = None  # limb symmetry index in percent; None if both are 0
    flagged: bool = False  # symmetry below the flag


def symmetry_index(left: int, right: int) -> float | None:
    """The limb symmetry index: weaker side / stronger side x 100 (percent),
    or None when neither side managed a rise."""
    stronger = max(left, right)
    if stronger <= 0:
        return None
    return 100 * min(left, right) / stronger


def protocol_notes(beat_seconds: float, on_incline: bool | None) -> list[str]:
    """Where the runner's test differed from the studied protocol (10-degree
    incline, 60 beats a minute), as lines to show; empty when it matched."""
    lines = []
    if abs(beat_seconds - PROTOCOL_BEAT_SECONDS) > 1e-9:
        per_minute = 60 / beat_seconds
        lines.append(
            f"You used a beat of {beat_seconds:g} s ({per_minute:g} a minute); the study used 60 "
            "a minute, so compare with its figures only loosely."
        )
    if on_incline is False:
        lines.append(
            f"You did the test without the {PROTOCOL_INCLINE_DEGREES}-degree incline the study "
            "used, so compare with its figures only loosely; your own results over time still "
            "compare well if you test the same way each time."
        )
    elif on_incline is None:
        lines.append(
            f"The study used a {PROTOCOL_INCLINE_DEGREES}-degree incline; if you tested on a flat "
            "floor, compare with its figures only loosely."
        )
    return lines


def assess(
    left: int, right: int, sex: str | None = None, previous: tuple[int, int] | None = None,
    age: int | None = None, flag_percent: int = DEFAULT_SYMMETRY_FLAG,
    beat_seconds: float = PROTOCOL_BEAT_SECONDS, on_incline: bool | None = None,
) -> HeelRiseResult:
    """The result in words: each side; the limb symmetry index and whether it
    is below ``flag_percent``; the published median for the sex given (if
    any) as a rough guide; where the test differed from the studied protocol;
    and the change since the previous test against the between-day error."""
    lines = [f"Left: {count(left, 'rise')}. Right: {count(right, 'rise')}."]
    lsi = symmetry_index(left, right)
    flagged = False
    if left == right:
        lines.append("Both sides did the same number (symmetry 100%).")
    elif lsi is not None:
        weaker, stronger = ("left", "right") if left < right else ("right", "left")
        flagged = lsi < flag_percent
        lines.append(
            f"Symmetry: the {weaker} side did {lsi:.0f}% of the {stronger} side "
            f"({min(left, right)} of {max(left, right)})"
            + (
                f", below the {flag_percent}% that clinicians commonly flag. Worth showing to a "
                "physiotherapist if it stays that way."
                if flagged else f", at or above the {flag_percent}% that clinicians commonly flag."
            )
        )
    if sex in NORM_MEDIAN:
        median = NORM_MEDIAN[sex]
        word = "men" if sex == "male" else "women"
        lines.append(
            f"For a rough comparison, the median for {word} in a study of healthy adults was "
            f"{median} ({NORM_SOURCE}). Half of healthy people do fewer."
        )
    else:
        lines.append(
            f"Healthy adults did a median of {NORM_MEDIAN['male']} (men) and "
            f"{NORM_MEDIAN['female']} (women) in one study ({NORM_SOURCE})."
        )
    lines.append(
        "That median by sex alone is only a rough guide: the study's figures also depend on "
        "age (women over 60 did more than men over 60), and the app does not have its age "
        "equations, so the comparison is least reliable for older runners."
        + (" Your age is kept with the result." if age is not None else "")
    )
    lines.extend(protocol_notes(beat_seconds, on_incline))
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
            f"Since your last test: {', '.join(changes)}. Changes over time of {MEASUREMENT_ERROR} "
            "rises or fewer are within the test's day-to-day measurement error."
        )
    return HeelRiseResult(left, right, tuple(lines), lsi, flagged)
