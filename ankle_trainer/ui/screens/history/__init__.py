"""History: every session, filterable, editable, deletable with undo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..spec import ScreenSpec

if TYPE_CHECKING:
    from ..spec import Host


def build(host: Host) -> Any:
    """The history page on the context's history; its edits go through app.history."""
    from ....app.changes import Change
    from ....app.history import HistoryEdits
    from ..spec import follow_changes
    from .page import HistoryPage

    ctx = host.context
    page = HistoryPage(ctx.history, ctx.clock, HistoryEdits(ctx.history, ctx.changes))
    page.homeRequested.connect(host.go_home)
    page.exportRequested.connect(lambda: host.open_dialog("export"))
    page.storageFailed.connect(host.storage_failed)
    page.saved.connect(host.quiet_message)  # "Save changes" says that it did
    page.noticed.connect(host.show_message)
    page.set_first_day(ctx.settings.first_day_of_week)

    def settings_changed(change: Change) -> None:
        if change & Change.SETTINGS:  # the date boxes' calendars follow the first day of the week
            page.set_first_day(ctx.settings.first_day_of_week)

    unsubscribe = ctx.changes.subscribe(settings_changed)
    page.destroyed.connect(lambda *_: unsubscribe())
    # Its own edits already show on the page; changes from elsewhere (an import) reload it.
    follow_changes(page, host, Change.SESSIONS | Change.TRIAGE,
                   lambda: None if page.editing else page.load())
    return page


SPEC = ScreenSpec("history", "&History", "Ctrl+2", build, object_name="historyAction")
