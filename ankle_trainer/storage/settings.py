"""User settings: one validated JSON file, behind a small API.

Where: ``settings.json`` in the data folder when one was chosen (``--data-dir``
or ``ANKLE_TRAINER_DATA_DIR``, so such a folder holds everything), otherwise in
the platform's config folder (``~/.config/ankle-trainer`` on Linux).

A file that cannot be read, or holds values out of range, never stops the app:
each bad value falls back to its default, the file is kept aside under a new
name, and :attr:`LoadResult.notice` says so once.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ..core.progression import Thresholds

THEMES = ("system", "light", "dark")
WEEK_STARTS = ("monday", "sunday", "saturday")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class Settings(NamedTuple):
    # sound and voice
    sound_enabled: bool = True
    sound_volume: int = 70  # percent
    voice_enabled: bool = True
    voice_rate: float = 0.0  # -1 slow .. 1 fast
    # sessions
    get_ready_seconds: int = 10
    switch_side_seconds: int = 5
    default_rest_seconds: int = 30
    pain_threshold: int = 5  # pain during above this: suggest stopping (clinical notes)
    # progress
    weekly_target: int = 3
    first_day_of_week: str = "monday"
    # weekly targets chosen for single routines (else the routine's suggestion)
    routine_targets: dict[str, int] = {}  # noqa: RUF012 (never changed in place)
    # pain-guided progression (see core.progression; defaults from the clinical notes)
    progress_after_sessions: int = 2  # calm sessions in a row before moving up
    morning_rise_back_off: int = 2  # next-morning pain this far above usual: back off
    heel_rise_beat_seconds: float = 1.0  # one movement per beat (unknown in the notes)
    # reminders
    reminder_enabled: bool = False
    reminder_days: tuple[int, ...] = (0, 2, 4)  # 0 = Monday
    reminder_time: str = "18:00"
    keep_in_tray: bool = False
    autostart: bool = False
    # look
    theme: str = "system"
    # remembered state
    window_geometry: str = ""
    last_routine_id: str = ""
    disclaimer_seen: bool = False
    # sync through a folder (storage/sync.py); empty: off
    sync_folder: str = ""

    def with_changes(self, **changes: Any) -> Settings:
        """A copy with ``changes``; raises ValueError naming a bad value."""
        updated = self._replace(**changes)
        problems = validate(updated._asdict())
        if problems:
            raise ValueError("; ".join(problems.values()))
        return updated


# field -> (check, description) used both for loading and for with_changes()
def _int_range(low: int, high: int) -> tuple[Any, str]:
    return (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high,
        f"a whole number from {low} to {high}",
    )


_RULES: dict[str, tuple[Any, str]] = {
    "sound_enabled": (lambda v: isinstance(v, bool), "true or false"),
    "sound_volume": _int_range(0, 100),
    "voice_enabled": (lambda v: isinstance(v, bool), "true or false"),
    "voice_rate": (
        lambda v: isinstance(v, int | float) and not isinstance(v, bool) and -1 <= v <= 1,
        "a number from -1 to 1",
    ),
    "get_ready_seconds": _int_range(0, 60),
    "switch_side_seconds": _int_range(0, 30),
    "default_rest_seconds": _int_range(0, 600),
    "pain_threshold": _int_range(1, 9),
    "weekly_target": _int_range(1, 14),
    "first_day_of_week": (lambda v: v in WEEK_STARTS, "one of " + ", ".join(WEEK_STARTS)),
    "routine_targets": (
        lambda v: isinstance(v, dict) and len(v) <= 500 and all(
            isinstance(k, str) and len(k) <= 80 and isinstance(n, int) and not isinstance(n, bool)
            and 1 <= n <= 42 for k, n in v.items()
        ),
        "routine ids with a whole number of sessions a week from 1 to 42",
    ),
    "progress_after_sessions": _int_range(1, 10),
    "morning_rise_back_off": _int_range(1, 5),
    "heel_rise_beat_seconds": (
        lambda v: isinstance(v, int | float) and not isinstance(v, bool) and 0.5 <= v <= 2,
        "a number of seconds from 0.5 to 2",
    ),
    "reminder_enabled": (lambda v: isinstance(v, bool), "true or false"),
    "reminder_days": (
        lambda v: isinstance(v, list | tuple)
        and all(isinstance(d, int) and not isinstance(d, bool) and 0 <= d <= 6 for d in v)
        and len(set(v)) == len(v),
        "a list of distinct weekdays, 0 (Monday) to 6 (Sunday)",
    ),
    "reminder_time": (lambda v: isinstance(v, str) and bool(_TIME.match(v)), "a time as HH:MM"),
    "keep_in_tray": (lambda v: isinstance(v, bool), "true or false"),
    "autostart": (lambda v: isinstance(v, bool), "true or false"),
    "theme": (lambda v: v in THEMES, "one of " + ", ".join(THEMES)),
    "window_geometry": (lambda v: isinstance(v, str) and len(v) < 10_000, "text"),
    "last_routine_id": (lambda v: isinstance(v, str) and len(v) < 200, "text"),
    "disclaimer_seen": (lambda v: isinstance(v, bool), "true or false"),
    "sync_folder": (lambda v: isinstance(v, str) and len(v) <= 4096, "a folder path (or empty)"),
}
assert set(_RULES) == set(Settings._fields)


def validate(values: dict[str, Any]) -> dict[str, str]:
    """Problems by field name, for the fields present in ``values``."""
    problems = {}
    for name, value in values.items():
        rule = _RULES.get(name)
        if rule is not None and not rule[0](value):
            problems[name] = f"{name} must be {rule[1]} (found {value!r})"
    return problems


def thresholds(settings: Settings) -> Thresholds:
    """The progression rule's thresholds from the settings."""
    from ..core.progression import Thresholds

    return Thresholds(
        acceptable_max=settings.pain_threshold,
        sessions_to_progress=settings.progress_after_sessions,
        morning_rise_back_off=settings.morning_rise_back_off,
    )


class LoadResult(NamedTuple):
    settings: Settings
    notice: str | None
    kept_aside: Path | None


class SettingsStore:
    FILE_NAME = "settings.json"

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_app(cls, data_dir: Path, data_dir_chosen: bool) -> SettingsStore:
        if data_dir_chosen:
            return cls(data_dir / cls.FILE_NAME)
        import platformdirs

        return cls(Path(platformdirs.user_config_dir("ankle-trainer", appauthor=False)) / cls.FILE_NAME)

    def load(self) -> LoadResult:
        try:
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            return LoadResult(Settings(), None, None)
        except (OSError, UnicodeDecodeError) as exc:
            return self._fall_back({}, f"it could not be read ({exc})")
        import json  # here: a first start has no file and need not load it

        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._fall_back({}, f"it is not valid JSON (line {exc.lineno}, column {exc.colno})")
        if not isinstance(raw, dict):
            return self._fall_back({}, "it does not hold a JSON object")
        known = set(Settings._fields)
        values = {k: v for k, v in raw.items() if k in known}  # unknown keys: from a newer version
        problems = validate(values)
        good = {k: v for k, v in values.items() if k not in problems}
        if "reminder_days" in good:
            good["reminder_days"] = tuple(sorted(good["reminder_days"]))
        if "voice_rate" in good:
            good["voice_rate"] = float(good["voice_rate"])
        if problems:
            return self._fall_back(good, "; ".join(problems.values()))
        return LoadResult(Settings(**good), None, None)

    def _fall_back(self, good: dict[str, Any], why: str) -> LoadResult:
        kept = self._keep_aside()
        where = f" The file was kept as {kept}." if kept else ""
        notice = (
            f"Some of your settings could not be used because {why}. "
            f"Defaults are used instead.{where}"
        )
        return LoadResult(Settings(**good), notice, kept)

    def _keep_aside(self) -> Path | None:
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        for n in range(100):
            target = self.path.with_name(f"{self.path.name}.bad-{stamp}" + (f"-{n}" if n else ""))
            if not target.exists():
                try:
                    os.replace(self.path, target)
                except OSError:
                    return None
                return target
        return None

    def save(self, settings: Settings) -> None:
        """Write atomically: a crash leaves the old file or the new, never half."""
        import json
        import tempfile

        data = settings._asdict()
        data["reminder_days"] = list(settings.reminder_days)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2, sort_keys=True)
                handle.write("\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
