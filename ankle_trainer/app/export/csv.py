"""CSV: sessions or sets, one row each (columns in the README), and the
import of the same files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...storage.csv_io import CsvError, export_csv, import_csv
from ...storage.errors import StorageError
from ...storage.history import HistoryRepository
from ..changes import Change
from ..context import AppContext
from . import ExportError, ExportRequest


class CsvExporter:
    """Sessions or sets as a UTF-8 CSV spreadsheet (storage.csv_io writes it)."""

    name = "CSV spreadsheet"
    extension = "csv"

    def export(self, history: HistoryRepository, request: ExportRequest) -> int:
        """Write the rows of ``request`` to its path; returns the rows written.

        Raises ExportError with a message for the user (file not writable,
        history not readable); an existing file is only replaced on success.
        """
        first = request.first.isoformat() if request.first else None
        last = request.last.isoformat() if request.last else None
        try:
            return export_csv(history.conn, request.path, sets=request.rows == "sets", first=first, last=last)
        except CsvError as exc:
            raise ExportError(str(exc)) from exc
        except StorageError as exc:
            raise ExportError(f"Could not read your history: {exc}") from exc


def import_files(context: AppContext, paths: Sequence[Path]) -> tuple[bool, str]:
    """Import CSV files written by the export (sessions, sets or both).

    Returns (whether anything was imported, a message for the user). Nothing
    is imported when any row is bad; the message names the file, line and
    column.
    """
    try:
        report = import_csv(context.history.conn, [Path(p) for p in paths])
    except CsvError as exc:
        return False, f"Nothing was imported. {exc}"
    except StorageError as exc:
        return False, f"Nothing was imported: your history could not be written ({exc})."
    context.changes.did_change(Change.SESSIONS)
    return True, "Import finished. " + report.summary()
