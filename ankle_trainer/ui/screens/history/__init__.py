"""History: every session, filterable, editable, deletable with undo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..spec import ScreenSpec

if TYPE_CHECKING:
    from ..spec import Host


def build(host: Host) -> Any:
    """The history page on the context's history; its own edits tell the notifier."""
    from ....app.changes import Change
    from ..spec import follow_changes
    from .page import HistoryPage

    ctx = host.context
    page = HistoryPage(ctx.history, ctx.clock)
    page.homeRequested.connect(host.go_home)
    page.exportRequested.connect(lambda: host.open_dialog("export"))
    page.storageFailed.connect(host.storage_failed)
    own = [False]

    def edited() -> None:  # the page already shows its own edit
        own[0] = True
        try:
            ctx.changes.did_change(Change.SESSIONS)
        finally:
            own[0] = False

    page.changed.connect(edited)
    follow_changes(page, host, Change.SESSIONS, lambda: None if own[0] else page.load())
    return page


SPEC = ScreenSpec("history", "&History", "Ctrl+2", build, object_name="historyAction")
