"""The dialogs, each declared by a spec the window builds its menus from.

A spec's factory builds the dialog over the window, connects it to the app
services and opens it (non-modal ``open()``), returning it (tests use it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...app.changes import Change
from ...core.text import count
from ..screens.spec import ScreenSpec

if TYPE_CHECKING:
    from ...core.model import Routine
    from ...storage.settings import Settings
    from ..screens.spec import Host


def _export(host: Host) -> Any:
    from ...app.export import exporters
    from .export import ExportDialog

    ctx = host.context
    csv = next(e for e in exporters() if e.extension == "csv")  # this dialog writes CSV
    dialog = ExportDialog(ctx.history, csv, Path.home(), ctx.today(), host.window(),
                          last=ctx.last_place("export", Path.home() / "ankle-trainer-sessions.csv"))
    from ..widgets import weeks_start_on

    weeks_start_on(ctx.settings.first_day_of_week, dialog.first, dialog.last)

    def done() -> None:
        if dialog.written is not None:
            rows, path = dialog.written
            what = "set" if dialog.sets.isChecked() else "session"
            host.quiet_message(f"Exported {count(rows, what)} to {path}")
            _remember(host, "export", path)  # offered again next time, after a restart too

    dialog.accepted.connect(done)
    return _open(host, dialog)


def _open(host: Host, dialog: Any) -> Any:
    """Open ``dialog`` over the window (non-modal ``open()``) and return it;
    a session under way is held until it closes (see SessionScreen.hold_while_open),
    and F1 over it shows the keys (twenty-eighth re-test: it did nothing in
    the routine editor and Settings, where the keys are most needed)."""
    dialog.open()
    if host.controller.running:
        host.flow.session_screen.hold_while_open(dialog)
    from .about import ShortcutsDialog

    if not isinstance(dialog, ShortcutsDialog):  # F1 works over every dialog, as over the window
        from PySide6.QtGui import QKeySequence, QShortcut

        def keys() -> None:
            from ..shell.focus import show_on_screen

            shown = ShortcutsDialog(dialog)
            shown.open()
            show_on_screen(shown)  # within the screen, as from the window (twenty-ninth re-test)

        QShortcut(QKeySequence("F1"), dialog, keys)
    return dialog


def _remember(host: Host, key: str, place: Path) -> None:
    """Keep the file or folder a chooser used (see AppContext.last_place); a
    settings file that cannot be written is said in the notice bar."""
    message = host.context.remember_place(key, place)
    if message:
        host.show_message(message)


def _import(host: Host) -> str | None:
    """Ask for CSV files and import them; the message shown, or None if cancelled."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from ...app.export.csv import import_files

    asker = host.context.asker
    paths = asker.choose_files(
        "Import history: choose a sessions file, a sets file or both",
        "CSV files (*.csv);;All files (*)",
        host.context.last_place("import", Path.home(), folder=True),
    ) if asker else []
    if not paths:
        return None
    _remember(host, "import", Path(paths[0]).parent)  # the chooser starts there next time
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        _, message = import_files(host.context, [Path(p) for p in paths])
    finally:
        QApplication.restoreOverrideCursor()
    host.show_message(message)  # not about a session: it steps aside during one
    return message


def _editor(host: Host) -> Any:
    from ...core.library import exercise_library
    from ...storage.routine_store import RoutineStore
    from .editor.dialog import RoutineEditor

    ctx = host.context
    catalogue = ctx.catalogue
    if catalogue.store is None:
        catalogue.store = RoutineStore(ctx.data_dir / "routines", exercise_library())
    looking_at = host.screen("home").selected_routine()  # opens on it, not on the first routine
    dialog = RoutineEditor(
        catalogue.builtins, catalogue.store, exercise_library(), ctx.timing, ctx.clock.now,
        host.window(), select=looking_at.id if looking_at is not None else None,
        folder=ctx.last_place("routine", Path.home(), folder=True), asker=ctx.asker,
    )

    own = []  # set while the editor's own change is told

    def changed() -> None:
        catalogue.reload_own()
        own.append(True)
        try:
            ctx.changes.did_change(Change.ROUTINES)
        finally:
            own.pop()

    def outside(change: Change) -> None:  # the folder changed elsewhere: the list follows
        if change & Change.ROUTINES and not own:
            dialog.follow_folder()

    dialog.routinesChanged.connect(changed)
    unsubscribe = ctx.changes.subscribe(outside)
    dialog.finished.connect(lambda *_: unsubscribe())
    dialog.folderUsed.connect(lambda folder: _remember(host, "routine", folder))
    return _open(host, dialog)


def apply_settings(host: Host, settings: Settings) -> None:
    """Make ``settings`` take effect now (not saved), theme included."""
    old = host.context.apply_settings(settings)
    if old.theme != settings.theme:
        from PySide6.QtWidgets import QApplication

        from ..theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.theme)


def save_settings(host: Host, settings: Settings) -> None:
    """Apply and save ``settings``, changing the login start-up entry if asked."""
    ctx = host.context
    autostart_changed = settings.autostart != ctx.saved_autostart()
    apply_settings(host, settings)
    if autostart_changed:
        from ...desktop import set_autostart

        try:
            set_autostart(settings.autostart)
        except OSError as exc:
            host.show_message(f"Could not change the login start-up entry: {exc.strerror or exc}.")
    message = ctx.save_settings()
    if message:
        host.show_message(message)


def _settings(host: Host) -> Any:
    from ..sync_settings import SyncSettings
    from ..tray import Tray
    from .settings import SettingsDialog

    ctx = host.context
    driver = getattr(host, "sync", None)  # the window's sync (ui/shell/sync.py), after start-up
    panel = SyncSettings(ctx.history, ctx.settings.sync_folder, ctx.data_dir, ctx.clock.now,
                         runner=driver.sync_now if driver is not None else None)
    if driver is not None:
        driver.synced.connect(panel.show_outcome)
        if driver.service.last_outcome is not None and not driver.service.running:
            panel.show_outcome(driver.service.last_outcome)  # the last try's word, at opening too
    dialog = SettingsDialog(ctx.settings, ctx.data_dir, Tray.available(), host.window(), sync=panel)

    def folder_chosen(folder: str) -> None:
        # Saved at once, with the settings as they were when the dialog opened
        # (the other edits wait for OK), and Cancel keeps it.
        dialog.keep(sync_folder=folder)
        before, ctx.settings = ctx.settings, dialog.original
        message = ctx.save_settings()
        ctx.settings = before
        ctx.apply_settings(before.with_changes(sync_folder=folder))
        if message:
            host.show_message(message)

    panel.folder_changed.connect(folder_chosen)
    dialog.changed.connect(lambda s: apply_settings(host, s))
    dialog.accepted.connect(lambda: save_settings(host, dialog.current))
    return _open(host, dialog)


def _report(host: Host) -> Any:
    """Report for my physio…: the dialog on the history, the settings, the
    runner's routines and the latest triage answers; the name and paper the
    runner picks there are kept through the settings service."""
    from ...app.triage import TriageService
    from .report import ReportDialog

    ctx = host.context
    dialog = ReportDialog(ctx.history, ctx.settings, ctx.clock, ctx.catalogue.base,
                          ctx.last_place("report", Path.home(), folder=True),
                          triage=TriageService(ctx).report_facts, parent=host.window())

    def keep(chosen: Settings) -> None:
        message = ctx.update_settings(report_name=chosen.report_name, report_paper=chosen.report_paper)
        if message:
            host.show_message(message)

    dialog.settings_changed.connect(keep)
    dialog.saved.connect(lambda path: _remember(host, "report", path.parent))
    return _open(host, dialog)


def _recover(host: Host) -> Any:
    from .recover import offer_recovery

    return offer_recovery(host)


def _shortcuts(host: Host) -> Any:
    from .about import ShortcutsDialog

    dialog = ShortcutsDialog(host.window())
    return _open(host, dialog)


def _about(host: Host) -> Any:
    from .about import AboutDialog

    store = host.context.settings_store
    dialog = AboutDialog(str(host.context.data_dir), str(store.path) if store else "(not saved)", host.window())
    return _open(host, dialog)


def _preview(host: Host, routine: Routine) -> Any:
    from .about import RoutinePreview

    dialog = RoutinePreview(routine, host.window())
    return _open(host, dialog)


DIALOGS = (
    ScreenSpec("export", "&Export history…", "Ctrl+E", _export, False, True, "file", "exportAction"),
    ScreenSpec("import", "&Import history…", "Ctrl+I", _import, True, True, "file", "importAction"),
    ScreenSpec("report", "Report for my &physio…", "Ctrl+P", _report, False, True, "file", "reportAction"),
    ScreenSpec("recover", "Re&cover history…", "", _recover, True, True, "file", "recoverAction"),
    ScreenSpec("editor", "Edit &routines…", "Ctrl+R", _editor, True, True, "file", "editorAction"),
    ScreenSpec("settings", "S&ettings…", "Ctrl+,", _settings, False, True, "file", "settingsAction"),
    ScreenSpec("shortcuts", "&Keyboard shortcuts", "F1", _shortcuts, False, True, "help", "shortcutsAction"),
    ScreenSpec("about", "&About Ankle Trainer", "", _about, False, True, "help", "aboutAction"),
    ScreenSpec("preview", "", "", _preview, False, True, "", ""),  # from the home screen only
)
