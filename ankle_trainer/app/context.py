"""The application context: what every screen and service shares.

Built once at start-up (``ui.app.build_window``) or in a test, and handed to
the window, which hands it to each screen. Nothing here reads the wall clock:
"now" and "today" come from the injected clock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from ..core.clock import Clock
from ..core.model import Routine
from ..core.timing import TimingSettings
from ..storage.errors import StorageError
from ..storage.history import HistoryRepository
from ..storage.routine_store import RoutineStore
from ..storage.settings import Settings, SettingsStore
from .changes import Change, ChangeNotifier


class Asker(Protocol):
    """A way to ask the user something (the window answers with Qt dialogs;
    tests answer with a double)."""

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question; True for yes."""
        ...

    def save_or_discard(self, title: str, question: str) -> str:
        """Ask about unsaved changes: "save", "discard" or "cancel" (the default)."""
        ...

    def choose_files(self, title: str, filters: str, folder: Path | None = None) -> list[str]:
        """Ask for files to open, starting in ``folder``; [] when cancelled."""
        ...


class RoutineCatalogue:
    """The built-in routines and the runner's own, each at its current level.

    ``base`` holds the routines as written (level 0 first); ``at_levels()``
    gives them at the level the history records. The runner's own routines
    come from ``store`` (a folder of routine files); ``problems`` lists the
    files that could not be used, in plain words.
    """

    def __init__(
        self, builtins: Sequence[Routine], store: RoutineStore | None, history: HistoryRepository
    ) -> None:
        self.builtins = tuple(builtins)
        self.store = store
        self.history = history
        self.problems: list[str] = []
        self.base = self.builtins
        if store is not None:
            mine, self.problems = store.load()
            self.base += tuple(mine)

    def reload_own(self) -> list[str]:
        """Read the runner's own routines again (after the editor saved or deleted
        one, or the folder changed); returns the files that could not be used,
        in plain words, and keeps them in ``problems``."""
        if self.store is None:
            return []
        mine, self.problems = self.store.load()
        self.base = tuple(r for r in self.base if r.builtin) + tuple(mine)
        return self.problems

    def at_levels(self) -> tuple[Routine, ...]:
        """Every routine at its recorded level (level 0 when the history cannot be read)."""
        try:
            levels = self.history.levels()
        except StorageError:
            levels = {}
        return tuple(r.at_level(levels.get(r.id, 0)) for r in self.base)

    def find(self, routine_id: str) -> Routine | None:
        """The routine with ``routine_id`` as written, or None."""
        return next((r for r in self.base if r.id == routine_id), None)


class AppContext:
    """Clock, history, settings, routine catalogue, change notifier and asker.

    ``settings`` is the current (possibly not yet saved) settings; change it
    through :meth:`apply_settings` so screens hear about it. (A plain class, not
    a dataclass: it is built before the first paint, see benchmarks/startup.py.)
    """

    def __init__(
        self,
        clock: Clock,
        history: HistoryRepository,
        catalogue: RoutineCatalogue,
        settings: Settings | None = None,
        settings_store: SettingsStore | None = None,
        data_dir: Path = Path(),
        asker: Asker | None = None,
        changes: ChangeNotifier | None = None,
    ) -> None:
        self.clock = clock
        self.history = history
        self.catalogue = catalogue
        self.settings = settings or Settings()
        self.settings_store = settings_store
        self.data_dir = data_dir
        self.asker = asker
        self.changes = changes or ChangeNotifier()
        # Called when a session has ended and been rated (SessionController.finish).
        self.after_session: list[Callable[[], None]] = []

    @property
    def timing(self) -> TimingSettings:
        """The session timings chosen in the settings (seconds)."""
        return self.settings.timing()

    def today(self) -> date:
        """Today's date by the injected clock."""
        return self.clock.now().date()

    def apply_settings(self, settings: Settings) -> Settings:
        """Make ``settings`` current (not saved) and tell the screens; returns the old ones."""
        old, self.settings = self.settings, settings
        if old != settings:
            self.changes.did_change(Change.SETTINGS)
        return old

    def update_settings(self, **changes: object) -> str | None:
        """Change some settings, save them and tell the screens.

        Returns None, or a message for the user when the file could not be
        written (the settings still apply until the app quits). Raises
        ValueError for values the settings do not accept.
        """
        self.apply_settings(self.settings.with_changes(**changes))
        return self.save_settings()

    def save_settings(self) -> str | None:
        """Write the current settings; None, or a message for the user on failure."""
        if self.settings_store is None:
            return None
        try:
            self.settings_store.save(self.settings)
        except OSError as exc:
            return (
                f"Your settings could not be saved to {self.settings_store.path} ({exc.strerror or exc}). "
                "They apply until you quit."
            )
        return None

    def saved_autostart(self) -> bool:
        """Whether the saved settings file asks to start at login."""
        store = self.settings_store
        if store is None or not store.path.exists():
            return False
        return store.load().settings.autostart

    def target_choices(self) -> list[tuple[str | None, str, int]]:
        """For the adherence chart: (routine id or None for all, name, weekly target),
        the target being the one the runner set, else the routine's suggestion."""
        s = self.settings
        choices: list[tuple[str | None, str, int]] = [(None, "All routines", s.weekly_target)]
        for r in self.catalogue.base:
            target = s.routine_targets.get(r.id) or r.target_per_week
            if target:
                choices.append((r.id, r.name, target))
        return choices

    def last_place(self, key: str, default: Path, folder: bool = False) -> Path:
        """The file (or with ``folder``, the folder) the chooser ``key`` used last
        ("export", "report", "import", "chart", "routine"), kept across restarts;
        ``default`` when there is none or the folder is gone."""
        kept = self.settings.last_places.get(key)
        if not kept:
            return default
        place = Path(kept)
        return place if (place if folder else place.parent).is_dir() else default

    def remember_place(self, key: str, place: Path) -> str | None:
        """Keep ``place`` (a file or a folder) as the one the chooser ``key`` offers
        next time; None, or a message when the settings could not be saved."""
        text = str(place)
        if self.settings.last_places.get(key) == text or len(text) > 4096:
            return None
        # saved without telling the screens: no screen shows it, and a screen
        # redrawn after a save would lose the keyboard's place
        self.settings = self.settings.with_changes(last_places={**self.settings.last_places, key: text})
        return self.save_settings()

    def set_target(self, routine_id: str | None, value: int) -> str | None:
        """Set the weekly target (sessions a week) for one routine, or for all
        when ``routine_id`` is None; saves. None, or a message on failure."""
        if routine_id is None:
            return self.update_settings(weekly_target=value)
        return self.update_settings(routine_targets={**self.settings.routine_targets, routine_id: value})


def build_context(
    history: HistoryRepository,
    builtins: Sequence[Routine],
    clock: Clock,
    settings: Settings | None = None,
    settings_store: SettingsStore | None = None,
    data_dir: Path | str = "",
    routine_store: RoutineStore | None = None,
    asker: Asker | None = None,
) -> AppContext:
    """An AppContext from its parts (start-up, tests, tools); the runner's own
    routines are read from ``routine_store`` now."""
    return AppContext(
        clock=clock,
        history=history,
        catalogue=RoutineCatalogue(builtins, routine_store, history),
        settings=settings or Settings(),
        settings_store=settings_store,
        data_dir=Path(data_dir),
        asker=asker,
    )
