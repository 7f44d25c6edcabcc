"""Sound and speech for cues, through QtMultimedia and QtTextToSpeech.

Both are loaded after the first paint (QtMultimedia alone costs about 0.2 s
to import). Where there is no audio device, no audio backend or a system
audio library is missing, the sink says so once, quietly, and each cue
flashes the screen instead; it never raises.
"""

from __future__ import annotations

from collections.abc import Callable

from ..assets import asset
from ..core.cues import Sound
from ..storage.settings import Settings

UNAVAILABLE = "Sound is not available on this computer, so cues are shown on screen only."
NO_VOICE = "Spoken cues are not available (no speech engine was found); sounds still play."


def _load_multimedia():  # type: ignore[no-untyped-def]
    from PySide6 import QtMultimedia

    return QtMultimedia


def _load_speech():  # type: ignore[no-untyped-def]
    from PySide6 import QtTextToSpeech

    return QtTextToSpeech


class QtCueSink:
    def __init__(
        self,
        settings: Callable[[], Settings],
        flash: Callable[[], None],
        tell: Callable[[str], None],
        load_multimedia: Callable[[], object] = _load_multimedia,
        load_speech: Callable[[], object] = _load_speech,
    ) -> None:
        self.settings = settings
        self.flash = flash
        self.tell = tell
        self._load_multimedia = load_multimedia
        self._load_speech = load_speech
        self.loaded = False
        self.effects: dict[Sound, object] = {}
        self.speech: object | None = None
        self.problems: list[str] = []

    @property
    def audio_available(self) -> bool:
        return bool(self.effects)

    def load(self) -> None:
        """Set up sound and speech; safe to call more than once."""
        if self.loaded:
            return
        self.loaded = True
        try:
            mm = self._load_multimedia()
            if not mm.QMediaDevices.audioOutputs():  # type: ignore[attr-defined]
                raise RuntimeError("no audio output device")
            from PySide6.QtCore import QUrl

            for sound in Sound:
                effect = mm.QSoundEffect()  # type: ignore[attr-defined]
                effect.setSource(QUrl.fromLocalFile(str(asset("sounds", f"{sound}.wav"))))
                self.effects[sound] = effect
        except Exception as exc:  # ImportError (missing libpulse), RuntimeError, ...
            self.effects.clear()
            self.problems.append(f"sound: {exc}")
            self.tell(UNAVAILABLE)
            return
        try:
            tts = self._load_speech()
            if not tts.QTextToSpeech.availableEngines():  # type: ignore[attr-defined]
                raise RuntimeError("no speech engine")
            self.speech = tts.QTextToSpeech()  # type: ignore[attr-defined]
        except Exception as exc:
            self.speech = None
            self.problems.append(f"speech: {exc}")
            self.tell(NO_VOICE)

    def play(self, sound: Sound) -> None:
        self.load()
        settings = self.settings()
        effect = self.effects.get(sound)
        if effect is None or not settings.sound_enabled or settings.sound_volume == 0:
            if sound is not Sound.BEAT:  # the beat is shown by the tempo bar
                self.flash()
            return
        effect.setVolume(settings.sound_volume / 100)  # type: ignore[attr-defined]
        effect.play()  # type: ignore[attr-defined]

    def say(self, text: str) -> None:
        self.load()
        settings = self.settings()
        if self.speech is None or not settings.voice_enabled:
            return
        self.speech.setRate(settings.voice_rate)  # type: ignore[attr-defined]
        self.speech.setVolume(settings.sound_volume / 100 if settings.sound_enabled else 0.0)  # type: ignore[attr-defined]
        self.speech.say(text)  # type: ignore[attr-defined]
