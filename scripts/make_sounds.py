"""Make the app's sound cues: short sine tones with soft edges, as 16-bit
mono WAV at 44.1 kHz, written with the stdlib only. The output is the same
on every run; the test suite checks the shipped files match it.

    python scripts/make_sounds.py [OUTDIR]     (default: resources/sounds)
"""

from __future__ import annotations

import array
import math
import sys
import wave
from pathlib import Path

RATE = 44_100

# name -> list of (frequency Hz, seconds, loudness 0..1); 0 Hz is silence
SOUNDS: dict[str, list[tuple[float, float, float]]] = {
    "tick": [(1320.0, 0.06, 0.55)],  # 3-2-1
    "beat": [(880.0, 0.035, 0.30)],  # each part of a paced rep: soft
    "go": [(660.0, 0.12, 0.7), (0.0, 0.03, 0.0), (990.0, 0.22, 0.8)],  # rising: start
    "rest": [(740.0, 0.16, 0.6), (0.0, 0.03, 0.0), (494.0, 0.30, 0.6)],  # falling: rest
    "chime": [(523.25, 0.18, 0.6), (659.25, 0.18, 0.6), (783.99, 0.45, 0.6)],  # C-E-G: done
}


def tone(freq: float, seconds: float, loud: float) -> array.array:
    count = round(RATE * seconds)
    fade = min(count // 4, round(RATE * 0.01))  # 10 ms in and out: no clicks
    samples = array.array("h")
    for i in range(count):
        edge = min(1.0, i / fade, (count - 1 - i) / fade) if fade else 1.0
        value = loud * edge * math.sin(2 * math.pi * freq * i / RATE) if freq else 0.0
        samples.append(round(value * 32767 * 0.9))
    return samples


def render(name: str) -> bytes:
    samples = array.array("h")
    for part in SOUNDS[name]:
        samples.extend(tone(*part))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def write_all(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SOUNDS:
        path = out / f"{name}.wav"
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes(render(name))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "resources" / "sounds"
    for p in write_all(target):
        print(p)
