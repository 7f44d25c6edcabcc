"""The "where does it hurt" answers, as the screens use them: the latest
answers (to prefill the questions), saving new ones (each change adds a row,
so the history keeps every set), which routines do not suit them (the home
list marks those), and the facts the physio report prints.

Triage only chooses among the app's own programmes; it never diagnoses
(see ``core.triage``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.model import Routine
from ..core.triage import Match, TriageAnswers, TriageRecord, refs, report_facts, route
from ..storage.errors import StorageError
from ..storage.history import HistoryRepository
from .changes import Change
from .context import AppContext

if TYPE_CHECKING:  # the report's module loads only when a report is made
    from ..core.report import TriageFacts


class TriageService:
    """Reads and writes triage answers for the screens; every write tells the
    change notifier about TRIAGE."""

    def __init__(self, context: AppContext) -> None:
        self.context = context

    def latest(self) -> TriageAnswers | None:
        """The answers in force, or None when never answered (or when the
        history cannot be read: the questions then start blank)."""
        try:
            record = self.context.history.latest_triage()
        except StorageError:
            return None
        return None if record is None else record.answers

    def save(self, answers: TriageAnswers) -> None:
        """Keep ``answers`` with the clock's time and its UTC offset; raises
        StorageError when the history cannot be written."""
        self.context.history.add_triage(self.context.clock.now(), answers)
        self.context.changes.did_change(Change.TRIAGE)

    def records(self) -> list[TriageRecord]:
        """Every set of answers given, newest first. Raises StorageError."""
        return list(reversed(self.context.history.triage_history()))

    def suggested(self, routines: Sequence[Routine]) -> list[str]:
        """Ids of the routines among ``routines`` that fit the latest answers
        (``core.triage.route``), in the order given; [] when there are no
        answers or nothing fits."""
        answers = self.latest()
        if answers is None:
            return []
        return [m.routine_id for m in route(answers, refs(routines)).fits]

    def not_suited(self, routines: Sequence[Routine]) -> dict[str, Match]:
        """Routine id -> why it does not suit the latest answers, for the
        routines among ``routines`` that ``core.triage.route`` does not
        suggest; {} when there are no answers."""
        answers = self.latest()
        if answers is None:
            return {}
        return {m.routine_id: m for m in route(answers, refs(routines)).not_suited}

    def report_facts(self) -> TriageFacts | None:
        """The latest answers as the physio report prints them, or None."""
        return latest_facts(self.context.history, self.context.catalogue.base)


def latest_facts(history: HistoryRepository, routines: Sequence[Routine]) -> TriageFacts | None:
    """The latest answers in ``history`` as report
    facts, routed over ``routines``; None when never answered. Raises
    StorageError when the history cannot be read. (The CLI and the dialog
    both hand this to ``storage.report.gather_report``.)"""
    record = history.latest_triage()
    return None if record is None else report_facts(record, refs(routines))
