"""Export formats behind one interface.

Each format is one module with one class that follows :class:`Exporter`
(Anki's exporter shape: a name, a file extension, ``export``). The export
dialog lists :func:`exporters`; a new format is one module and one line in
that function. The physio report (report.py) is the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from ...storage.history import HistoryRepository


class ExportError(Exception):
    """The export could not be written or read; ``str()`` is a message for the user."""


@dataclass(frozen=True)
class ExportRequest:
    """What to export: the target file, the date range (inclusive, local dates;
    None for all) and the kind of rows ("sessions" or "sets", for formats that
    have both; the report takes "all_sessions" to add pages listing every
    session)."""

    path: Path
    first: date | None = None
    last: date | None = None
    rows: str = "sessions"


class Exporter(Protocol):
    """One export format."""

    #: Shown in the export dialog, e.g. "CSV spreadsheet".
    name: str
    #: File extension without the dot, e.g. "csv".
    extension: str

    def export(self, history: HistoryRepository, request: ExportRequest) -> int:
        """Write ``request.path``; return how many rows (or items) it holds.

        Raises ExportError with a message for the user; the target file is left
        as it was when writing fails.
        """
        ...


def exporters() -> tuple[Exporter, ...]:
    """Every export format, in the order the dialog lists them."""
    from .csv import CsvExporter
    from .report import PhysioReportExporter

    return (CsvExporter(), PhysioReportExporter())
