"""Routines changed outside the window (imported on the command line, copied
in by hand, synced): the folder is watched, and the catalogue and every screen
showing routines follow (through the change notifier, Change.ROUTINES)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from ...app.changes import Change

if TYPE_CHECKING:
    from ...app.context import AppContext

ROUTINE_PROBLEM = "One of your routines could not be used and was left as it is: "


def routine_problem(problem: str) -> str:
    """The message for a routine file that cannot be used."""
    return ROUTINE_PROBLEM + problem


SETTLE_MS = 200  # a copy or an import touches the folder several times: read once after


class RoutinesWatcher(QObject):
    """Watches the runner's routines folder (and its files) and reloads the
    catalogue when they change; ``reloads`` counts the reloads that changed it."""

    def __init__(
        self, context: AppContext, parent: QObject | None = None, tell: Callable[[str], None] | None = None,
        withdraw: Callable[[Callable[[str], bool]], None] | None = None,
    ) -> None:
        """``tell(message)`` shows a file that newly cannot be used (it is left as it is);
        ``withdraw(keep)`` takes back the messages about files that are now fine or gone."""
        super().__init__(parent)
        self.context = context
        self.tell = tell
        self.withdraw = withdraw
        self.reloads = 0
        self.watcher = QFileSystemWatcher(self)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.reload)
        self.watcher.directoryChanged.connect(lambda _path: self.settle.start())
        self.watcher.fileChanged.connect(lambda _path: self.settle.start())
        self._watch()

    def _watch(self) -> None:
        store = self.context.catalogue.store
        if store is None:
            return
        try:  # the folder must exist to be watched; an empty one is harmless
            store.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        paths = [str(store.folder)] + [str(p) for p in sorted(store.folder.glob("*.toml"))]
        missing = [p for p in paths if p not in self.watcher.files() + self.watcher.directories()]
        if missing:
            self.watcher.addPaths(missing)

    def reload(self) -> None:
        """Read the folder again; tell the screens when the routines changed."""
        catalogue = self.context.catalogue
        before, known = catalogue.base, set(catalogue.problems)
        problems = catalogue.reload_own()
        if self.withdraw is not None:  # a message never outlives the problem it describes
            now = {routine_problem(p) for p in problems}
            self.withdraw(lambda m: not m.startswith(ROUTINE_PROBLEM) or m in now)
        if self.tell is not None:
            for problem in problems:
                if problem not in known:
                    self.tell(routine_problem(problem))
        self._watch()  # new files, and files replaced by an atomic write
        if catalogue.base != before:
            self.reloads += 1
            self.context.changes.did_change(Change.ROUTINES)
