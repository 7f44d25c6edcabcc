"""Edits to past sessions (notes and pain ratings, delete, undo a delete),
as the history screen makes them: each write tells the change notifier."""

from __future__ import annotations

from ..storage.history import HistoryRepository, SessionRow
from .changes import Change, ChangeNotifier


class HistoryEdits:
    """Writes the history screen's edits; every method raises StorageError when
    the history cannot be written, and tells ``changes`` about SESSIONS after
    each write."""

    def __init__(self, history: HistoryRepository, changes: ChangeNotifier) -> None:
        self.history = history
        self.changes = changes

    def update(self, session_id: str, **fields: object) -> SessionRow | None:
        """Change a session's notes or pain ratings (0-10 or None); returns the
        session as stored. ValueError for a field or value the history refuses."""
        self.history.update_session(session_id, **fields)
        self.changes.did_change(Change.SESSIONS)
        return self.history.get_session(session_id)

    def delete(self, session_id: str) -> dict[str, object]:
        """Delete a session and its sets; returns what :meth:`restore` needs to
        put them back (an undo). KeyError for an unknown session."""
        snapshot = self.history.delete_session(session_id)
        self.changes.did_change(Change.SESSIONS)
        return snapshot

    def restore(self, session_id: str, snapshot: dict[str, object]) -> SessionRow | None:
        """Put a deleted session back from its snapshot; returns it as stored."""
        self.history.restore_session(snapshot)
        self.changes.did_change(Change.SESSIONS)
        return self.history.get_session(session_id)
