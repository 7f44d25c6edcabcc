"""The shipped sound cues are the ones scripts/make_sounds.py makes."""

from __future__ import annotations

import importlib.util
import wave
from pathlib import Path

from ankle_trainer.assets import asset
from ankle_trainer.core.cues import Sound

REPO = Path(__file__).resolve().parents[1]


def _maker():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_sounds", REPO / "scripts" / "make_sounds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_cue_has_a_shipped_wav_matching_the_generator(tmp_path: Path) -> None:
    fresh = {p.name: p.read_bytes() for p in _maker().write_all(tmp_path)}
    for sound in Sound:
        shipped = asset("sounds", f"{sound}.wav")
        assert shipped.read_bytes() == fresh[f"{sound}.wav"], sound
        with wave.open(str(shipped)) as wav:
            assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44_100)
            assert 0.02 < wav.getnframes() / 44_100 < 1.0  # short cues
