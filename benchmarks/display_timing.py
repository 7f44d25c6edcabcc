"""How close to the true second does the displayed countdown change?

Runs the real session screen with the real clock and Qt's precise timer for
a 60-second timed hold (offscreen), records the moment each displayed second
changes, and prints the worst and median lag behind the true boundary.

    python benchmarks/display_timing.py [--seconds 60]

Target (issue 3): each displayed second changes within 30 ms of the true
second boundary. The lag of a change to "n seconds left" is measured as
n minus the remaining time the engine reports at that moment.

It also times one repaint (``SessionScreen.refresh``) during a set with a
tempo bar (30 a second), against the baseline of the same screen re-applying
the phase band's style sheet on every repaint (as it did before issue 11),
in the same run:

    python benchmarks/display_timing.py --refresh-only
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ankle_trainer.core.clock import SystemClock  # noqa: E402
from ankle_trainer.core.engine import SessionEngine  # noqa: E402
from ankle_trainer.core.library import exercise_library  # noqa: E402
from ankle_trainer.core.plan import TimingSettings  # noqa: E402
from ankle_trainer.core.routines import field_range, parse_routine  # noqa: E402
from ankle_trainer.ui.screens.session.screen import SessionScreen  # noqa: E402

TARGET_MS = 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60,
                        help="length of the timed hold (5 to 3600, as in a routine file)")
    parser.add_argument("--refresh-only", action="store_true", help="only time a repaint")
    args = parser.parse_args()
    low, high = field_range("duration_seconds")
    if not low <= args.seconds <= high:
        parser.error(f"--seconds must be from {low:g} to {high:g}, as a hold in a routine file")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    refresh_cost()
    if args.refresh_only:
        return 0
    routine = parse_routine(
        f'format_version = 1\nid = "bench"\nname = "Bench"\n[[steps]]\n'
        f'exercise = "single-leg-stance"\nduration_seconds = {args.seconds}\n',
        exercise_library(),
    )
    engine = SessionEngine(routine, SystemClock(), TimingSettings(get_ready_seconds=0))
    screen = SessionScreen()
    screen.resize(1024, 720)
    screen.show()
    lags: list[float] = []
    last = {"text": None}
    original = screen.refresh

    def refresh() -> None:
        original()
        text = screen.countdown_label.text()
        if text != last["text"] and engine.running:
            if last["text"] is not None:  # the first paint is not a change
                shown = engine.display_seconds()
                lags.append((shown - engine.remaining()) * 1000)
            last["text"] = text

    screen.refresh = refresh  # type: ignore[method-assign]
    screen.attach(engine)
    engine.start()
    QTimer.singleShot((args.seconds + 1) * 1000, app.quit)
    app.exec()
    screen.close()
    screen.refresh = original  # type: ignore[method-assign]
    screen.deleteLater()  # destroy widgets before the interpreter shuts down
    QApplication.processEvents()
    if not lags:
        print("no changes recorded")
        return 1
    worst, median = max(lags), statistics.median(lags)
    print(f"changes seen:   {len(lags)} (of {args.seconds - 1} expected)")
    print(f"median lag:     {median:.1f} ms")
    print(f"worst lag:      {worst:.1f} ms")
    print(f"target:         every change within {TARGET_MS:.0f} ms: "
          f"{'met' if worst <= TARGET_MS else 'MISSED'}")
    return 0


def refresh_cost(frames: int = 3000) -> None:
    """Median time of one repaint in a tempo set: now, and with the style sheet
    set on every frame (the baseline), alternating so both see the same machine."""
    import time

    from ankle_trainer.core.clock import FakeClock

    routine = parse_routine(
        'format_version = 1\nid = "bench"\nname = "Bench"\n[[steps]]\n'
        'exercise = "calf-raise-straight"\nsets = 1\nreps = 100\n'
        "tempo = { up = 1, hold = 0, down = 1 }\n",
        exercise_library(),
    )
    clock = FakeClock()
    engine = SessionEngine(routine, clock, TimingSettings(get_ready_seconds=0))
    screen = SessionScreen()
    screen.resize(1024, 720)
    screen.show()
    screen.attach(engine)
    engine.start()
    screen.timer.stop()
    now: list[float] = []
    baseline: list[float] = []
    for frame in range(frames):
        clock.advance(0.033)
        engine.tick()
        every_frame = frame % 2 == 1
        if every_frame:
            screen._band_colours = None  # forget the colours: the style sheet is set again
        start = time.perf_counter()
        screen.refresh()
        QApplication.processEvents()
        (baseline if every_frame else now).append((time.perf_counter() - start) * 1000)
    screen.close()
    screen.deleteLater()
    QApplication.processEvents()
    a, b = statistics.median(now), statistics.median(baseline)
    print(f"repaint, style sheet on a phase change only: median {a:.3f} ms ({len(now)} frames)")
    print(f"repaint, style sheet on every frame (baseline): median {b:.3f} ms ({len(baseline)} frames)")
    print(f"ratio: the baseline takes {b / a:.2f}x as long")


if __name__ == "__main__":
    sys.exit(main())
