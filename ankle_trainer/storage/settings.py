"""User settings: one validated JSON file, behind a small API.

Where: ``settings.json`` in the data folder when one was chosen (``--data-dir``
or ``ANKLE_TRAINER_DATA_DIR``, so such a folder holds everything), otherwise in
the platform's config folder (``~/.config/ankle-trainer`` on Linux).

A file that cannot be read, or holds values out of range, never stops the app:
each bad value falls back to its default, the file is kept aside under a new
name, and :attr:`LoadResult.notice` says so once.
"""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple compiles every field given as a string, at each start-up.

import os
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ..core.progression import Thresholds
    from ..core.timing import TimingSettings

THEMES = ("system", "light", "dark")
WEEK_STARTS = ("monday", "sunday", "saturday")
REPORT_PAPERS = ("auto", "a4", "letter")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class Settings(NamedTuple):
    # sound and voice
    """Every setting, with defaults; seconds for timings, 0-10 for pain, percent
    for volume. Pain threshold 5/10 and the progression numbers come from the
    clinical notes (Silbernagel et al. 2007). Change with ``with_changes``.
    """

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
    progress_after_sessions: int = 2  # calm training days in a row before moving up
    # next-morning pain (or stiffness) this far up: back off. A rule of thumb from
    # Salaffi 2004 (a 3-month change in chronic pain), not a validated overnight signal.
    morning_rise_back_off: int = 2
    safe_zone_max: int = 2  # pain during up to this is "pain-free or nearly": load may go up
    days_between_load_steps: int = 7  # at most one load step in this many days (Alfredson & Cook 2007)
    # one movement per beat: 60 beats a minute in the studied protocol (Hébert-Losier 2017)
    heel_rise_beat_seconds: float = 1.0
    # heel-rise limb symmetry index below this (percent) is flagged; 90% is the common
    # clinical flag, a contested threshold (clinical notes, heel-rise test details)
    symmetry_flag_percent: int = 90
    # reminders
    reminder_enabled: bool = False
    reminder_days: tuple[int, ...] = (0, 2, 4)  # 0 = Monday
    reminder_time: str = "18:00"
    keep_in_tray: bool = False
    autostart: bool = False
    # look
    theme: str = "system"
    # the physio report: the runner's name or initials on it, and its paper size
    report_name: str = ""
    report_paper: str = "auto"  # auto (from the locale), a4 or letter
    # remembered state
    window_geometry: str = ""
    last_routine_id: str = ""
    # the file or folder each file chooser used last (export, report, import, chart, routine)
    last_places: dict[str, str] = {}  # noqa: RUF012 (never changed in place)
    disclaimer_seen: bool = False
    # sync through a folder (storage/sync.py); empty: off
    sync_folder: str = ""

    def timing(self) -> "TimingSettings":
        """The session timings these settings choose (seconds): what every
        estimate of a routine's minutes uses, in the window and on the
        command line alike (twenty-sixth re-test: the command said 7 minutes
        where home said 6)."""
        from ..core.timing import TimingSettings

        return TimingSettings(
            get_ready_seconds=self.get_ready_seconds,
            switch_side_seconds=self.switch_side_seconds,
            default_rest_seconds=self.default_rest_seconds,
        )

    def with_changes(self, **changes: Any) -> "Settings":
        """A copy with ``changes``; raises ValueError naming a bad value."""
        updated = self._replace(**changes)
        problems = validate(updated._asdict())
        if problems:
            raise ValueError("; ".join(problems.values()))
        return updated


#: The most sessions a week a target may ask: for all routines together, and for one routine.
WEEKLY_TARGET_MOST = 14
ROUTINE_TARGET_MOST = 42


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
    "weekly_target": _int_range(1, WEEKLY_TARGET_MOST),
    "first_day_of_week": (lambda v: v in WEEK_STARTS, "one of " + ", ".join(WEEK_STARTS)),
    "routine_targets": (
        lambda v: isinstance(v, dict) and len(v) <= 500 and all(
            isinstance(k, str) and len(k) <= 80 and isinstance(n, int) and not isinstance(n, bool)
            and 1 <= n <= ROUTINE_TARGET_MOST for k, n in v.items()
        ),
        f"routine ids with a whole number of sessions a week from 1 to {ROUTINE_TARGET_MOST}",
    ),
    "progress_after_sessions": _int_range(1, 10),
    "morning_rise_back_off": _int_range(1, 5),
    "safe_zone_max": _int_range(0, 4),
    "days_between_load_steps": _int_range(1, 28),
    "symmetry_flag_percent": _int_range(50, 100),
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
    "report_name": (
        lambda v: isinstance(v, str) and len(v) <= 80 and v.isprintable(),
        "text of at most 80 characters on one line",
    ),
    "report_paper": (lambda v: v in REPORT_PAPERS, "one of " + ", ".join(REPORT_PAPERS)),
    "window_geometry": (lambda v: isinstance(v, str) and len(v) < 10_000, "text"),
    "last_routine_id": (lambda v: isinstance(v, str) and len(v) < 200, "text"),
    "last_places": (
        lambda v: isinstance(v, dict) and len(v) <= 20 and all(
            isinstance(k, str) and len(k) <= 40 and isinstance(p, str) and len(p) <= 4096 for k, p in v.items()
        ),
        "names of file choosers with the path each used last",
    ),
    "disclaimer_seen": (lambda v: isinstance(v, bool), "true or false"),
    "sync_folder": (lambda v: isinstance(v, str) and len(v) <= 4096, "a folder path (or empty)"),
}
assert set(_RULES) == set(Settings._fields)


def _shown(value: Any) -> str:
    """A bad value as quoted in a notice: at most about 60 characters and
    three levels deep, however long or deeply nested the value is."""
    import reprlib

    shortener = reprlib.Repr()
    shortener.maxstring = shortener.maxother = shortener.maxlong = 60
    shortener.maxlevel = 3
    return shortener.repr(value)


def validate(values: dict[str, Any]) -> dict[str, str]:
    """Problems by field name, for the fields present in ``values``."""
    problems = {}
    for name, value in values.items():
        rule = _RULES.get(name)
        if rule is not None and not rule[0](value):
            problems[name] = f"{name} must be {rule[1]} (found {_shown(value)})"
    return problems


def thresholds(settings: Settings) -> "Thresholds":
    """The progression rule's thresholds from the settings. The safe zone is
    kept below the pain threshold (a threshold of 2 makes it 0-1), so an old
    settings file with a low threshold still gives a consistent rule."""
    from ..core.progression import Thresholds

    return Thresholds(
        acceptable_max=settings.pain_threshold,
        sessions_to_progress=settings.progress_after_sessions,
        morning_rise_back_off=settings.morning_rise_back_off,
        safe_max=min(settings.safe_zone_max, settings.pain_threshold - 1),
        days_between_steps=settings.days_between_load_steps,
    )


class LoadResult(NamedTuple):
    """Settings as loaded, a notice for the user when the file was bad (None when
    fine), and where a bad file was kept aside (None when it was not).
    """

    settings: Settings
    notice: str | None
    kept_aside: Path | None


class SettingsStore:
    """Reads and writes the settings JSON file; a bad file falls back to defaults
    and is kept aside.
    """

    FILE_NAME = "settings.json"

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_app(cls, data_dir: Path, data_dir_chosen: bool) -> "SettingsStore":
        """The store in the chosen data folder, or in the user's config folder."""
        if data_dir_chosen:
            return cls(data_dir / cls.FILE_NAME)
        import platformdirs

        return cls(Path(platformdirs.user_config_dir("ankle-trainer", appauthor=False)) / cls.FILE_NAME)

    def load(self) -> LoadResult:
        """Read the settings; never raises: a missing file gives the defaults, a bad
        one the defaults with a notice, the bad file kept aside.
        """
        try:
            # A file saved with a byte order mark (as some editors do) is fine. Not
            # the "utf-8-sig" codec: loading it costs 0.6 ms of every start.
            text = self.path.read_text("utf-8").removeprefix("\ufeff")
        except FileNotFoundError:
            return LoadResult(Settings(), None, None)
        except UnicodeDecodeError as exc:
            from ..core.text import not_utf8

            return self._fall_back({}, not_utf8(exc), whole=True)
        except OSError as exc:
            return self._fall_back({}, str(exc.strerror or exc).lower(), whole=True)
        import json  # here: a first start has no file and need not load it

        try:
            raw = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._fall_back({}, f"it is damaged at line {exc.lineno}", whole=True)
        except ValueError:  # a number of more than 4,300 digits
            return self._fall_back({}, "it holds a number far too long to be a setting", whole=True)
        except RecursionError:
            return self._fall_back({}, "it is nested too deeply to be a settings file", whole=True)
        if not isinstance(raw, dict):
            return self._fall_back({}, "it holds no settings, only a list or a single value", whole=True)
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

    def _fall_back(self, good: dict[str, Any], why: str, whole: bool = False) -> LoadResult:
        """The settings in ``good`` (the rest their defaults), the file kept
        aside, and the notice: ``whole`` when the file could not be read at
        all (``why`` says why: "it is damaged at line 2"), else ``why``
        lists the values that could not be used."""
        kept = self._keep_aside()
        if whole:
            where = f"; the damaged file is kept as {kept}" if kept else ""
            notice = f"Your settings file could not be read ({why}), so the defaults are used{where}."
        else:
            where = f" The file was kept as {kept}." if kept else ""
            notice = f"Some of your settings could not be used: {why}. Defaults are used for those.{where}"
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

        from ..files import atomic_file

        data = settings._asdict()
        data["reminder_days"] = list(settings.reminder_days)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_file(self.path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.write("\n")
