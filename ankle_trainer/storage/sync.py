"""Sync between one's own computers through an ordinary folder.

The folder is one the runner already keeps in step between computers
(Syncthing, Nextcloud, Dropbox, OneDrive, a USB stick). The database never
goes there: each computer writes only into its own subfolder, as immutable
*segment files* of changes, and reads the other computers' subfolders::

    <sync folder>/Ankle Trainer/format.json            {"format": 1}
    <sync folder>/Ankle Trainer/<device id>/device.json  {"name": "laptop"}
    <sync folder>/Ankle Trainer/<device id>/segment-000001.json.gz

A segment is gzip-compressed JSON (gzip's checksum catches a file cut short
or damaged in transit). It is written to a temporary name, flushed to disk
(fsync), then renamed into place, so a segment is either whole or absent.
Only exact segment names are read: temporary files and the conflict copies
sync tools make ("segment-000001.sync-conflict-....json.gz", "... (conflicted
copy) ...") are ignored and reported once. A segment that cannot be read
(cut short, damaged, or written by a newer version) is skipped with a message
and tried again at the next sync; everything else is merged.

Merging is last-writer-wins per row by the hybrid logical clock described in
:mod:`.sync_records`, with deletion markers. Each change is applied once: a
change not newer than the row's current version is skipped, and the segments
merged are recorded per device in the same transaction as the rows, so a
sync killed at any point is either entirely applied or not at all.

A session travels as one record with all its sets (see
:class:`.sync_records.RecordKind` ``within``). Once a computer has
:data:`COMPACT_AT` segments in its subfolder, its next segment carries all
its records and the older ones are removed.

The whole sync runs in one write transaction, so two syncs (the window and
the command line) never interleave.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from ..files import atomic_file
from .db import transaction
from .history import HistoryRepository, utc_iso
from .sync_records import (
    RECORD_KINDS,
    ROUTINE_FILE,
    RecordKind,
    muted,
    next_hlc,
    observe_hlc,
    parts_of,
)

FORMAT = 1  # of the folder layout and the segment files
ROOT_NAME = "Ankle Trainer"
FORMAT_FILE = "format.json"
DEVICE_FILE = "device.json"
SEGMENT = re.compile(r"segment-(\d{6,})\.json\.gz")
# Ankle Trainer's own files being written (see _atomic_write): passed over quietly.
_OWN_TEMP = re.compile(r"\.(segment-\d{6,}\.json\.gz|device\.json)\..+\.tmp")
_ROUTINE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
# sync_state names for routine files held back (see _scan_routine_files).
_HELD_BACK = "held_back:"
SYNC_INTERVAL_SECONDS = 300  # the window's timer: every 5 minutes while open
_BULK = 500  # more changes than this: read the versions of a kind at once
# This many of a computer's own segments in the folder: the next one carries
# all its records instead, and the older ones are removed (see _export).
COMPACT_AT = 100

_KINDS = {k.name: k for k in (*RECORD_KINDS, ROUTINE_FILE)}
_PARTS = {k.name: parts_of(k) for k in (*RECORD_KINDS, ROUTINE_FILE)}


class SyncError(Exception):
    """The folder cannot be used now; ``str()`` is a message for the user.
    Nothing was written to the folder or the history."""


@dataclass
class SyncReport:
    """What one sync did.

    ``added``/``changed``/``removed`` count rows per record kind name merged
    from other computers; ``sent`` counts, per kind, this computer's changes
    (new, edited or deleted rows) written to the folder; ``problems`` are segments skipped (with why), and
    ``ignored`` files newly seen and left alone (each reported once).
    """

    folder: Path
    at: datetime
    added: dict[str, int] = field(default_factory=dict)
    changed: dict[str, int] = field(default_factory=dict)
    removed: dict[str, int] = field(default_factory=dict)
    sent: dict[str, int] = field(default_factory=dict)  # this computer's changes written
    segment: str | None = None
    compacted: int = 0  # this computer's older segments folded into ``segment`` and removed
    devices: list[str] = field(default_factory=list)  # names of computers read from
    problems: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    @property
    def received(self) -> int:
        """How many records this sync added, changed or removed here (0: nothing new arrived)."""
        return sum(self.added.values()) + sum(self.changed.values()) + sum(self.removed.values())

    def summary(self) -> str:
        """Plain words, e.g. "Added 3 sessions and 24 sets. Sent 1 change."."""
        parts = []
        source = f" from {_join(self.devices)}" if self.devices else ""
        for verb, counts in (("Added", self.added), ("Updated", self.changed), ("Removed", self.removed)):
            words = [k.words(counts[name]) for name, k in _KINDS.items() if counts.get(name)]
            if words:
                parts.append(f"{verb} {_join(words)}{source}.")
        words = [k.words(self.sent[name]) for name, k in _KINDS.items() if self.sent.get(name)]
        if words:
            parts.append(f"Sent {_join(words)} (new or changed) to the sync folder.")
        if not parts:
            parts.append("Nothing new.")
        lines = [" ".join(parts), *self.problems]
        if self.ignored:
            lines.append(
                "Left alone (not Ankle Trainer's own files, e.g. copies made by a sync "
                "tool): " + ", ".join(self.ignored)
            )
        return "\n".join(lines)


class SyncStatus(NamedTuple):
    """For the window: when this computer last synced, with whom, and how."""

    folder: str | None
    last_sync: datetime | None
    devices: list[str]  # names of the other computers seen in the folder
    message: str  # the last sync's summary or the reason it failed

    def describe(self) -> str:
        """One line for the window, e.g. "Last synced on 2 March 2026 at 07:31
        (your time), with laptop." or "Sync is not set up yet."."""
        if self.last_sync is None:
            return "Not synced yet." if self.folder else "Sync is not set up yet."
        when = self.last_sync.astimezone()
        text = f"Last synced on {when.day} {when:%B %Y} at {when:%H:%M} (your time)"
        return text + (f", with {_join(self.devices)}." if self.devices else ".")


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]  # not a count


# -- the public API ---------------------------------------------------------------


def sync_now(
    history: HistoryRepository,
    folder: Path,
    *,
    routines_dir: Path | None = None,
    now: Callable[[], datetime] | None = None,
    device_name: str | None = None,
) -> SyncReport:
    """Merge the other computers' changes from ``folder`` into ``history``,
    then write this computer's new changes there as one segment.

    ``routines_dir`` (the data folder's ``routines``) is synced too when
    given. ``now`` gives aware datetimes (the wall clock by default).
    Raises :class:`SyncError` with a message for the user when the folder
    is missing, not writable, of a newer format or inside the data folder,
    or when another program holds the history for more than 5 s; nothing is
    merged or written then (the failure is kept for :func:`last_sync_status`).
    """
    clock = now or (lambda: datetime.now(UTC))
    conn = history.conn
    root = folder / ROOT_NAME
    report = SyncReport(folder=folder, at=clock())
    try:
        _check_not_the_data_folder(conn, folder)
        _check_folder(folder, root)
        # A larger page cache while merging: ten years of history is about
        # 80 MB, and the default 2 MB cache makes a first merge several times slower.
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute("PRAGMA cache_size = -65536")
        with _restoring_cache(conn, cache), transaction(conn):
            me = _state(conn, "device")
            assert me is not None, "the history has no device id (migration missing)"
            own = root / me
            own.mkdir(exist_ok=True)
            _write_device_file(own, device_name)
            if routines_dir is not None:
                _scan_routine_files(conn, routines_dir, me, clock, report)
            _merge(conn, root, me, report, routines_dir)
            _export(conn, own, me, report, clock, routines_dir)
            _set_state(conn, "last_sync", utc_iso(report.at))
            _set_state(conn, "last_message", report.summary())
            _set_state(conn, "folder", str(folder))
            _remember_device_names(conn, root, me)
    except OSError as exc:
        raise _record_failure(conn, report, SyncError(
            f"Could not sync with {folder}: {exc.strerror or exc}. Nothing was lost; "
            "the next sync will try again."
        )) from exc
    except SyncError as exc:
        raise _record_failure(conn, report, exc) from None
    except sqlite3.OperationalError as exc:
        busy = "locked" in str(exc) or "busy" in str(exc)
        error = SyncError(
            "Could not sync now: "
            + ("another Ankle Trainer is busy with the history." if busy else f"{exc}.")
            + " Nothing was lost; the next sync will try again."
        )
        raise (error if busy else _record_failure(conn, report, error)) from exc
    return report


def _check_not_the_data_folder(conn: sqlite3.Connection, folder: Path) -> None:
    row = conn.execute("SELECT file FROM pragma_database_list WHERE name = 'main'").fetchone()
    if not row or not row[0]:
        return
    data = Path(row[0]).resolve().parent
    chosen = folder.expanduser().resolve()
    if chosen == data or data in chosen.parents or chosen in data.parents:
        raise SyncError(
            f"The sync folder {folder} must not hold or be inside the data folder {data}: "
            "a sync tool would copy the history database while it is being written. "
            "Choose a separate folder."
        )


def last_sync_status(history: HistoryRepository) -> SyncStatus:
    """The latest sync's time, folder, devices and summary (for the window)."""
    conn = history.conn
    last = _state(conn, "last_sync")
    folder = _state(conn, "folder")
    names: list[str] = []
    if folder:
        # Read from the folder when it is there (a computer may have been
        # renamed), else as the last sync found them (a USB stick unplugged).
        root = Path(folder) / ROOT_NAME
        me = _state(conn, "device")
        known = json.loads(_state(conn, "device_names") or "{}")
        devices = [d for (d,) in conn.execute("SELECT DISTINCT device FROM sync_applied")]
        found = {
            d: _device_name(root / d) if (root / d / DEVICE_FILE).exists() or d not in known else str(known[d])
            for d in devices if d != me
        }
        own = _device_name(root / me) if me and (root / me / DEVICE_FILE).exists() else None
        names = list(device_labels(found, own).values())
    return SyncStatus(
        folder, datetime.fromisoformat(last) if last else None, names,
        _state(conn, "last_message") or "Not synced yet.",
    )


def auto_sync(
    history: HistoryRepository, sync_folder: str, data_dir: Path,
    now: Callable[[], datetime] | None = None, device_name: str | None = None,
) -> SyncReport | SyncError | None:
    """The hook for the window: at start, after each session and every
    :data:`SYNC_INTERVAL_SECONDS`. ``sync_folder`` is the setting (empty:
    sync is off, returns None). Never raises for a folder problem: returns
    the :class:`SyncError` so the window can show its message quietly.
    ``device_name`` is how the other computers name this one (default: the
    host name)."""
    if not sync_folder:
        return None
    try:
        return sync_now(
            history, Path(sync_folder), routines_dir=data_dir / "routines", now=now,
            device_name=device_name,
        )
    except SyncError as exc:
        return exc


# -- the folder ---------------------------------------------------------------------


def _check_folder(folder: Path, root: Path) -> None:
    if folder.exists() and not folder.is_dir():  # a file chosen (thirty-first re-test: "not there")
        raise SyncError(
            f"The sync folder {folder} is a file, not a folder. Choose the folder your sync tool "
            "shares (or a new, empty one). Nothing was synced or lost."
        )
    if not folder.is_dir():
        raise SyncError(
            f"The sync folder {folder} is not there. If it is on a drive, connect the "
            "drive; otherwise choose the folder again. Nothing was synced or lost."
        )
    format_file = root / FORMAT_FILE
    if format_file.exists():
        try:
            found = json.loads(format_file.read_text(encoding="utf-8"))["format"]
            if not isinstance(found, int):
                raise ValueError(found)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise SyncError(
                f"The file {format_file} is damaged ({exc}), so it is unclear how the sync "
                "folder is laid out. Nothing was written there. If no other computer uses "
                "a newer Ankle Trainer, delete that file and sync again."
            ) from None
        if found > FORMAT:
            raise SyncError(
                f"The sync folder {folder} was set up by a newer version of Ankle Trainer "
                f"(sync format {found}; this version reads up to {FORMAT}). Please update "
                "Ankle Trainer on this computer. Nothing was written to the folder."
            )
        return
    root.mkdir(exist_ok=True)
    _atomic_write(format_file, json.dumps({"format": FORMAT}).encode())


def _atomic_write(path: Path, data: bytes) -> None:
    """Temporary name, flush and fsync, rename into place, fsync the folder."""
    with atomic_file(path, "wb", sync_folder=True) as out:
        out.write(data)

def _write_device_file(own: Path, name: str | None) -> None:
    if name is None:
        import socket

        name = socket.gethostname() or "a computer"
    path = own / DEVICE_FILE
    data = json.dumps({"name": name}).encode()
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    _atomic_write(path, data)


def device_labels(names: Mapping[str, str], own: str | None = None) -> dict[str, str]:
    """Device id -> a name to show, telling apart computers with the same name.

    ``names`` maps each other computer's device id (32 hex digits) to its
    name (its host name, e.g. "vm"); ``own`` is this computer's name. A name
    that two computers share (ignoring case, this one included) gets the
    first 6 digits of its device id: two computers named "vm" read
    "vm (3f9a1c)" and "vm (77b2e0)", never "vm and vm". Other names are
    kept as they are; the order of ``names`` is kept.
    """
    seen = Counter(name.casefold() for name in names.values())
    if own is not None:
        seen[own.casefold()] += 1
    return {d: f"{name} ({d[:6]})" if seen[name.casefold()] > 1 else name for d, name in names.items()}


def _device_name(device_dir: Path) -> str:
    try:
        name = json.loads((device_dir / DEVICE_FILE).read_text(encoding="utf-8"))["name"]
        return str(name)[:80]
    except (OSError, ValueError, KeyError, TypeError):
        return f"computer {device_dir.name[:8]}"


def _remember_device_names(conn: sqlite3.Connection, root: Path, me: str) -> None:
    devices = [d for (d,) in conn.execute("SELECT DISTINCT device FROM sync_applied") if d != me]
    _set_state(conn, "device_names", json.dumps({d: _device_name(root / d) for d in devices}))


class _Segment(NamedTuple):
    device: str
    number: int
    path: Path


def _read_segment(path: Path) -> dict[str, Any]:
    """The segment's content; raises ValueError with the reason in words."""
    try:
        with gzip.open(path, "rb") as fh:
            raw = fh.read()
    except EOFError:
        raise ValueError("it is incomplete (perhaps still being copied)") from None
    except FileNotFoundError:
        # Folded into a newer segment by its computer (see COMPACT_AT) and removed.
        raise ValueError("it was removed while being read; the next sync reads what replaced it") from None
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise ValueError(f"it is damaged ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        content = json.loads(raw)
    except ValueError:
        raise ValueError("it is damaged (not readable as changes)") from None
    if not isinstance(content, dict) or not isinstance(content.get("format"), int):
        raise ValueError("it is damaged (no format number)")
    if content["format"] > FORMAT:
        raise ValueError(
            f"it was written by a newer version of Ankle Trainer (format {content['format']}); "
            "update Ankle Trainer on this computer to merge it"
        )
    return content


# -- merging others' changes -----------------------------------------------------------


# One change as read from a segment: (hlc, device, deleted, columns, values,
# parts), parts being {part kind name: (columns, rows)} for a record that
# carries rows of its own (a session its sets). Plain tuples, not named ones.
_Parts = dict[str, tuple[tuple[str, ...], list[Any]]]
_Change = tuple[int, str, bool, tuple[str, ...], list[Any] | None, _Parts | None]
_Best = dict[str, dict[tuple[str, int], _Change]]


def _merge(
    conn: sqlite3.Connection, root: Path, me: str, report: SyncReport, routines_dir: Path | None
) -> None:
    applied = {(d, n) for d, n in conn.execute("SELECT device, number FROM sync_applied")}
    reported = {n for (n,) in conn.execute("SELECT name FROM sync_ignored")}
    todo: list[_Segment] = []
    everyone: dict[str, str] = {}
    for device_dir in sorted(root.iterdir()):
        if device_dir.name in (FORMAT_FILE, me) or device_dir.name.startswith("."):
            continue
        if not device_dir.is_dir() or not re.fullmatch(r"[0-9a-f]{32}", device_dir.name):
            _ignore(conn, device_dir.name, reported, report)
            continue
        everyone[device_dir.name] = _device_name(device_dir)
        for entry in os.scandir(device_dir):
            match = SEGMENT.fullmatch(entry.name)
            if match is None:
                if entry.name != DEVICE_FILE and not _OWN_TEMP.fullmatch(entry.name):
                    _ignore(conn, f"{device_dir.name}/{entry.name}", reported, report)
                continue
            number = int(match.group(1))
            if (device_dir.name, number) not in applied:
                todo.append(_Segment(device_dir.name, number, Path(entry.path)))
    if not todo:
        return
    # The newest change per row across all new segments, per kind.
    best: _Best = {}
    merged: list[_Segment] = []
    own = _device_name(root / me) if (root / me / DEVICE_FILE).exists() else None
    names = device_labels(everyone, own)
    read: set[str] = set()
    for seg in sorted(todo):
        try:
            content = _read_segment(seg.path)
            _collect(content, seg.device, best)
        except ValueError as exc:
            report.problems.append(
                f"Skipped {names[seg.device]}'s changes in {seg.path.name}: {exc}. "
                "Nothing was lost; it will be tried again at the next sync."
            )
            continue
        merged.append(seg)
        read.add(names[seg.device])
    report.devices = sorted(read)
    with muted(conn):
        for kind in RECORD_KINDS:
            _apply_puts(conn, kind, best, report)
        for kind in reversed(RECORD_KINDS):
            _apply_deletes(conn, kind, best, report)
    if routines_dir is not None:
        _apply_routine_files(conn, routines_dir, best, report)
    stamp = utc_iso(report.at)
    conn.executemany(
        "INSERT OR IGNORE INTO sync_applied (device, number, applied_at) VALUES (?, ?, ?)",
        [(s.device, s.number, stamp) for s in merged],
    )


def _ignore(conn: sqlite3.Connection, name: str, reported: set[str], report: SyncReport) -> None:
    if name in reported:
        return
    reported.add(name)
    conn.execute("INSERT OR IGNORE INTO sync_ignored (name) VALUES (?)", (name,))
    report.ignored.append(name)


def _collect(content: dict[str, Any], device: str, best: _Best) -> None:
    """Read a segment's changes into ``best`` (kept only where newer);
    ValueError if malformed, and then ``best`` is unchanged."""
    records = content.get("records")
    if not isinstance(records, dict):
        raise ValueError("it is damaged (no changes)")
    found: list[tuple[str, dict[tuple[str, int], _Change]]] = []
    try:
        for name, block in records.items():
            kind = _KINDS.get(name)
            if kind is None or kind.within is not None:
                continue  # a kind this version does not know: newer data, left for later
            columns = tuple(str(c) for c in block["columns"])
            width = len(columns)
            # The columns of the rows that travel inside each record (a session's sets).
            part_columns = {
                p.name: tuple(str(c) for c in block["parts"][p.name]) for p in _PARTS[name]
            }
            links = {p.name: part_columns[p.name].index(p.key[0]) for p in _PARTS[name]}
            changes: dict[tuple[str, int], _Change] = {}
            for put in block["put"]:
                key, sub, hlc, values = put[:4]
                if not (type(key) is str and type(sub) is int and type(hlc) is int
                        and type(values) is list and len(values) == width):
                    raise ValueError
                parts: _Parts | None = None
                if part_columns:
                    parts = {}
                    for part, part_cols in part_columns.items():
                        rows = put[4][part]
                        part_width = len(part_cols)
                        at = links[part]
                        # Each row whole and belonging to this record (its link is the key).
                        if type(rows) is not list or not all(
                            type(r) is list and len(r) == part_width and r[at] == key for r in rows
                        ):
                            raise ValueError
                        parts[part] = (part_cols, rows)
                changes[(key, sub)] = (hlc, device, False, columns, values, parts)
            for key, sub, hlc in block["delete"]:
                if not (type(key) is str and type(sub) is int and type(hlc) is int):
                    raise ValueError
                changes[(key, sub)] = (hlc, device, True, columns, None, None)
            found.append((name, changes))
    except (ValueError, KeyError, TypeError, IndexError):
        raise ValueError("it is damaged (a change is not in the expected shape)") from None
    for name, changes in found:
        kept = best.get(name)
        if not kept:
            best[name] = changes
            continue
        for ident, change in changes.items():
            old = kept.get(ident)
            if old is None or (change[0], change[1]) > (old[0], old[1]):
                kept[ident] = change


def _winners(
    conn: sqlite3.Connection, kind: str, changes: dict[tuple[str, int], _Change], deleted: bool
) -> list[tuple[str, int, _Change, bool]]:
    """The puts (or deletions) that win over this computer's version, in key
    order (rows then go into each B-tree page by page, not at random), each
    with whether the row exists here (has a version that is not a deletion)."""
    items = sorted((i, c) for i, c in changes.items() if c[2] is deleted)
    if not items:
        return []
    get: Callable[[tuple[str, int]], tuple[int, str, int] | None]
    if len(items) > _BULK:
        local: dict[tuple[str, int], tuple[int, str, int]] = {
            (key, sub): (hlc, dev, gone)
            for key, sub, hlc, dev, gone in conn.execute(
                "SELECT key, sub, hlc, device, deleted FROM sync_version WHERE kind = ?", (kind,)
            )
        }
        get = local.get
    else:
        def get(ident: tuple[str, int]) -> tuple[int, str, int] | None:
            row = conn.execute(
                "SELECT hlc, device, deleted FROM sync_version WHERE kind = ? AND key = ? AND sub = ?",
                (kind, *ident),
            ).fetchone()
            return None if row is None else (row[0], row[1], row[2])

    winners = []
    for ident, change in items:
        current = get(ident)
        if current is None:
            winners.append((ident[0], ident[1], change, False))
        elif (change[0], change[1]) > (current[0], current[1]):
            winners.append((ident[0], ident[1], change, not current[2]))
    return winners


def _record_versions(
    conn: sqlite3.Connection, kind: str, winners: list[tuple[str, int, _Change, bool]]
) -> None:
    if winners:
        observe_hlc(conn, max(c[0] for _k, _s, c, _e in winners))
    conn.executemany(
        "INSERT INTO sync_version (kind, key, sub, hlc, device, deleted) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (kind, key, sub) DO UPDATE SET hlc = excluded.hlc,"
        " device = excluded.device, deleted = excluded.deleted",
        [(kind, key, sub, c[0], c[1], int(c[2])) for key, sub, c, _e in winners],
    )


def _table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _count(counts: dict[str, int], name: str, n: int) -> None:
    if n:
        counts[name] = counts.get(name, 0) + n


def _apply_puts(conn: sqlite3.Connection, kind: RecordKind, best: _Best, report: SyncReport) -> None:
    winners = _winners(conn, kind.name, best.get(kind.name, {}), False)
    if not winners:
        return
    local = set(_table_columns(conn, kind.table)) - {kind.local_id}
    by_columns: dict[tuple[str, ...], list[list[Any]]] = {}
    keys: dict[tuple[str, ...], list[str]] = {}
    for key, _sub, change, _exists in winners:
        by_columns.setdefault(change[3], []).append(change[4] or [])
        keys.setdefault(change[3], []).append(key)
    failed: set[Any] = set()  # records not merged: their parts stay as they are here
    for columns, rows in by_columns.items():
        keep = [n for n, c in enumerate(columns) if c in local]
        names = [columns[n] for n in keep]
        if any(k not in names for k in kind.key):
            report.problems.append(f"Skipped {kind.words(len(rows))} from another computer: they have no id.")
            failed.update(keys[columns])
            continue
        updates = ", ".join(f"{c} = excluded.{c}" for c in names if c not in kind.key)
        sql = (
            f"INSERT INTO {kind.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            f" ON CONFLICT ({', '.join(kind.key)}) DO "
            + (f"UPDATE SET {updates}" if updates else "NOTHING")
        )
        values: list[Any] = rows if len(keep) == len(columns) else [[r[n] for n in keep] for r in rows]
        if kind.parent is not None:
            # A row whose parent was deleted (here or by a newer change) stays out.
            column, table, parent_column = kind.parent
            parents = {r[0] for r in conn.execute(f"SELECT {parent_column} FROM {table}")}
            at = names.index(column)
            orphans = [v for v in values if v[at] not in parents]
            failed.update(v[names.index(kind.key[0])] for v in orphans)  # left out: not counted
            values = [v for v in values if v[at] in parents]
        at_key = names.index(kind.key[0])
        failed.update(v[at_key] for v in _insert_keeping_good(conn, sql, values, kind, report))
    merged = [w for w in winners if w[0] not in failed]
    for part in _PARTS[kind.name]:
        _apply_parts(conn, part, merged, report)
    added = sum(1 for w in merged if not w[3])
    _count(report.added, kind.name, added)
    _count(report.changed, kind.name, len(merged) - added)
    _record_versions(conn, kind.name, winners)


def _apply_parts(
    conn: sqlite3.Connection, part: RecordKind,
    winners: list[tuple[str, int, _Change, bool]], report: SyncReport,
) -> None:
    """Replace the parts (sets) of each record that won with the ones it carries."""
    link = part.key[0]
    conn.executemany(f"DELETE FROM {part.table} WHERE {link} = ?", [(w[0],) for w in winners])
    local = set(_table_columns(conn, part.table)) - {part.local_id}
    by_columns: dict[tuple[str, ...], list[list[Any]]] = {}
    new_records = {key for key, _sub, _change, exists in winners if not exists}
    added = 0
    for _key, _sub, change, _exists in winners:
        columns, rows = (change[5] or {}).get(part.name, ((), []))
        if rows:
            by_columns.setdefault(columns, []).extend(rows)  # each row carries its link
    for columns, values in by_columns.items():
        keep = [n for n, c in enumerate(columns) if c in local]
        names = [columns[n] for n in keep]
        if len(keep) != len(columns):
            values = [[v[n] for n in keep] for v in values]
        sql = f"INSERT OR REPLACE INTO {part.table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        skipped = _insert_keeping_good(conn, sql, values, part, report)
        at_link = names.index(link)
        added += sum(1 for v in values if v[at_link] in new_records) - sum(
            1 for v in skipped if v[at_link] in new_records)
    _count(report.added, part.name, added)



def _insert_keeping_good(
    conn: sqlite3.Connection, sql: str, values: list[Any], kind: RecordKind, report: SyncReport
) -> list[Any]:
    """Run ``sql`` for every row of ``values``; when some rows break a rule of
    the schema, insert the others one at a time, name how many were skipped in
    ``report`` and return the skipped rows (else [])."""
    try:
        conn.executemany(sql, values)
        return []
    except sqlite3.IntegrityError:
        pass
    bad = []
    for value in values:
        try:
            conn.execute(sql, value)
        except sqlite3.IntegrityError:
            bad.append(value)
    report.problems.append(
        f"Skipped {kind.words(len(bad))} from another computer: the values are not valid here."
    )
    return bad


def _apply_deletes(conn: sqlite3.Connection, kind: RecordKind, best: _Best, report: SyncReport) -> None:
    winners = _winners(conn, kind.name, best.get(kind.name, {}), True)
    if not winners:
        return
    where = " AND ".join(f"{c} = ?" for c in kind.key)
    conn.executemany(
        f"DELETE FROM {kind.table} WHERE {where}",
        [(key, sub)[: len(kind.key)] for key, sub, _c, _e in winners],
    )
    if kind.name != "set":  # a session's sets go with it; the session is counted
        _count(report.removed, kind.name, sum(1 for w in winners if w[3]))
    _record_versions(conn, kind.name, winners)


# -- routine files ------------------------------------------------------------------------


def _scan_routine_files(
    conn: sqlite3.Connection, folder: Path, me: str, clock: Callable[[], datetime],
    report: SyncReport,
) -> None:
    """Stamp routine files added, edited or deleted since the last sync.

    Only files the app itself uses are sent: each is checked as the routines
    folder loads it (``routine_store.read_usable_routine_file``). A file that
    does not load is held back (neither sent nor counted as deleted, so the
    other computers keep their copy) and named in ``report.problems`` once
    for each version of it (its SHA-256 is remembered in sync_state)."""
    from ..core.library import exercise_library
    from ..core.routines import RoutineError
    from .routine_store import read_usable_routine_file

    known = dict(conn.execute("SELECT key, sha256 FROM sync_file").fetchall())
    told = {str(name)[len(_HELD_BACK):]: str(value) for name, value in conn.execute(
        "SELECT name, value FROM sync_state WHERE name LIKE ?", (_HELD_BACK + "%",))}
    present: dict[str, str] = {}
    held: dict[str, str] = {}
    if folder.is_dir():
        for path in sorted(folder.glob("*.toml")):
            if not _ROUTINE_NAME.fullmatch(path.stem):
                continue
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if known.get(path.stem) == sha:
                present[path.stem] = sha  # sent before as it is: it loaded then
                continue
            try:
                read_usable_routine_file(path, exercise_library())
            except RoutineError as exc:
                held[path.stem] = sha
                if told.get(path.stem) != sha:
                    report.problems.append(
                        f"Not sent: the routine file {path.name}, as Ankle Trainer cannot use it"
                        f" ({exc.message})."
                    )
                    _set_state(conn, _HELD_BACK + path.stem, sha)
                continue
            present[path.stem] = sha
    for key in told.keys() - held.keys():
        conn.execute("DELETE FROM sync_state WHERE name = ?", (_HELD_BACK + key,))
    changed = [(k, False) for k, sha in present.items() if known.get(k) != sha]
    changed += [(k, True) for k in known if k not in present and k not in held]
    for key, deleted in changed:
        conn.execute(
            "INSERT INTO sync_version (kind, key, sub, hlc, device, deleted) VALUES (?, ?, 0, ?, ?, ?)"
            " ON CONFLICT (kind, key, sub) DO UPDATE SET hlc = excluded.hlc,"
            " device = excluded.device, deleted = excluded.deleted",
            (ROUTINE_FILE.name, key, next_hlc(conn, clock()), me, int(deleted)),
        )
        if deleted:
            conn.execute("DELETE FROM sync_file WHERE key = ?", (key,))
        else:
            conn.execute(
                "INSERT OR REPLACE INTO sync_file (key, sha256) VALUES (?, ?)", (key, present[key])
            )


def _apply_routine_files(conn: sqlite3.Connection, folder: Path, best: _Best, report: SyncReport) -> None:
    changes = best.get(ROUTINE_FILE.name, {})
    winners = []
    for key, sub, change, exists in (
        *_winners(conn, ROUTINE_FILE.name, changes, False),
        *_winners(conn, ROUTINE_FILE.name, changes, True),
    ):
        if not _ROUTINE_NAME.fullmatch(key):
            report.problems.append(f"Skipped a routine with an unusable file name: {key[:80]!r}.")
            continue
        path = folder / f"{key}.toml"
        if change[2]:
            if path.exists():
                # Kept, as deleting a routine here does (routine_store.delete).
                bin_folder = folder / "deleted"
                bin_folder.mkdir(parents=True, exist_ok=True)
                os.replace(path, bin_folder / f"{key}-{report.at:%Y%m%dT%H%M%S}.toml")
                _count(report.removed, ROUTINE_FILE.name, 1)
            conn.execute("DELETE FROM sync_file WHERE key = ?", (key,))
        else:
            columns, values = change[3], change[4] or []
            text = values[columns.index("text")] if "text" in columns else None
            if not isinstance(text, str):
                report.problems.append(f"Skipped the routine {key}: its text is missing.")
                continue
            data = text.encode("utf-8")
            folder.mkdir(parents=True, exist_ok=True)
            _atomic_write(path, data)
            conn.execute(
                "INSERT OR REPLACE INTO sync_file (key, sha256) VALUES (?, ?)",
                (key, hashlib.sha256(data).hexdigest()),
            )
            _count(report.changed if exists else report.added, ROUTINE_FILE.name, 1)
        winners.append((key, sub, change, exists))
    _record_versions(conn, ROUTINE_FILE.name, winners)


# -- writing this computer's changes ---------------------------------------------------------


def _export(
    conn: sqlite3.Connection, own: Path, me: str, report: SyncReport,
    clock: Callable[[], datetime], routines_dir: Path | None,
) -> None:
    upto = int(_state(conn, "sent_upto") or 0)
    number = int(_state(conn, "next_segment") or 1)
    # A sync killed after writing its segment but before recording it: the
    # segment is whole (renamed into place), so take it as sent.
    while (own / f"segment-{number:06d}.json.gz").exists():
        try:
            content = _read_segment(own / f"segment-{number:06d}.json.gz")
            upto = max(upto, int(content["upto"]))
        except (ValueError, KeyError, TypeError):
            break  # unreadable: written again below
        number += 1
    for stale in own.glob(".segment-*.tmp"):
        stale.unlink(missing_ok=True)  # left by a sync that was killed
    newest = conn.execute(
        "SELECT max(hlc) FROM sync_version WHERE hlc > ? AND device = ?", (upto, me)
    ).fetchone()[0]
    if newest is not None:
        # Compaction: once COMPACT_AT of this computer's segments are in the
        # folder, this one carries all its records (their latest versions,
        # deletion markers included) and the older ones are removed after it
        # is in place. Merging is by version, so another computer that read
        # some or all of the older ones, or reads this one first, ends the same.
        older = [
            entry.path for entry in os.scandir(own)
            if (m := SEGMENT.fullmatch(entry.name)) and int(m.group(1)) < number
        ]
        since = 0 if len(older) >= COMPACT_AT else upto
        # The blocks are JSON text already (see _export_kind); put together here.
        records: list[str] = []
        for kind in RECORD_KINDS:
            if kind.within is not None:
                continue  # inside its owner's records
            block, sent = _export_kind(conn, kind, me, since, upto)
            if block is not None:
                records.append(f"{json.dumps(kind.name)}:{block}")
                for name, count in sent.items():
                    _count(report.sent, name, count)
        if routines_dir is not None:
            files, count = _export_routine_files(conn, routines_dir, me, since, upto)
            if files["put"] or files["delete"]:
                records.append(f"{json.dumps(ROUTINE_FILE.name)}:{json.dumps(files, separators=(',', ':'))}")
                _count(report.sent, ROUTINE_FILE.name, count)
        head = json.dumps(
            {"format": FORMAT, "device": me, "number": number, "upto": newest,
             "written_at": utc_iso(clock())},
            separators=(",", ":"),
        )
        text = head[:-1] + ',"records":{' + ",".join(records) + "}}"
        name = f"segment-{number:06d}.json.gz"
        data = gzip.compress(text.encode(), compresslevel=1, mtime=0)
        _atomic_write(own / name, data)
        report.segment = name
        if since != upto:
            for path in older:
                Path(path).unlink(missing_ok=True)
            report.compacted = len(older)
        upto = newest
        number += 1
    _set_state(conn, "sent_upto", str(upto))
    _set_state(conn, "next_segment", str(number))


def _export_kind(
    conn: sqlite3.Connection, kind: RecordKind, me: str, since: int, upto: int
) -> tuple[str | None, dict[str, int]]:
    """This computer's changes of ``kind`` after clock value ``since``, as the
    JSON text of a segment's block (None if there are none), and how many
    records (and parts) changed after ``upto`` (what was not sent before). SQLite
    writes the rows' JSON itself (json_array): no Python work per set. A
    record's parts (a session's sets) go inside it, all of them."""
    columns = [c for c in _table_columns(conn, kind.table) if c != kind.local_id]
    on = f"t.{kind.key[0]} = v.key" + (f" AND t.{kind.key[1]} = v.sub" if len(kind.key) > 1 else "")
    select = "json_array(" + ", ".join(f"t.{c}" for c in columns) + ")"
    part_columns: dict[str, list[str]] = {}
    for part in _PARTS[kind.name]:
        link = part.key[0]
        cols = [c for c in _table_columns(conn, part.table) if c != part.local_id]
        part_columns[part.name] = cols
        select += (
            f", (SELECT json_group_array(json_array({', '.join(f'p.{c}' for c in cols)}))"
            f" FROM {part.table} p WHERE p.{link} = t.{kind.key[0]})"
        )
        select += f", (SELECT count(*) FROM {part.table} p WHERE p.{link} = t.{kind.key[0]})"
    put: list[str] = []
    delete: list[list[Any]] = []
    sent = dict.fromkeys([kind.name, *part_columns], 0)
    for row in conn.execute(
        f"SELECT v.key, v.sub, v.hlc, v.deleted, t.{kind.key[0]} IS NOT NULL, {select}"
        f" FROM sync_version v LEFT JOIN {kind.table} t ON {on}"
        " WHERE v.hlc > ? AND v.kind = ? AND v.device = ?",
        (since, kind.name, me),
    ):
        new = row[2] > upto
        if row[3]:
            delete.append([row[0], row[1], row[2]])
            sent[kind.name] += new
        elif row[4]:
            sent[kind.name] += new
            head = f"[{json.dumps(row[0])},{int(row[1])},{int(row[2])},{row[5]}"
            if part_columns:
                texts = row[6::2]
                head += ",{" + ",".join(
                    f"{json.dumps(name)}:{text}" for name, text in zip(part_columns, texts, strict=True)
                ) + "}"
                for name, n in zip(part_columns, row[7::2], strict=True):
                    sent[name] += n if new else 0
            put.append(head + "]")
    block = (
        f'{{"columns":{json.dumps(columns)},'
        + (f'"parts":{json.dumps(part_columns)},' if part_columns else "")
        + f'"put":[{",".join(put)}],"delete":{json.dumps(delete)}}}'
    )
    return (block if put or delete else None), sent
def _export_routine_files(
    conn: sqlite3.Connection, folder: Path, me: str, since: int, upto: int
) -> tuple[dict[str, Any], int]:
    """Routine files changed after ``since`` (the block) and how many of them
    changed after ``upto`` (not sent before)."""
    put: list[list[Any]] = []
    delete: list[list[Any]] = []
    sent = 0
    for key, hlc, deleted in conn.execute(
        "SELECT key, hlc, deleted FROM sync_version WHERE hlc > ? AND kind = ? AND device = ?",
        (since, ROUTINE_FILE.name, me),
    ):
        if deleted:
            delete.append([key, 0, hlc])
        else:
            try:
                text = (folder / f"{key}.toml").read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue  # gone since the scan: its deletion goes with the next sync
            put.append([key, 0, hlc, [text]])
        sent += hlc > upto
    return {"columns": ["text"], "put": put, "delete": delete}, sent


@contextmanager
def _restoring_cache(conn: sqlite3.Connection, size: int) -> Iterator[None]:
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(size)}")


# -- small state -------------------------------------------------------------------------


def _state(conn: sqlite3.Connection, name: str) -> str | None:
    row = conn.execute("SELECT value FROM sync_state WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def _set_state(conn: sqlite3.Connection, name: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO sync_state (name, value) VALUES (?, ?)", (name, value))


def _record_failure(conn: sqlite3.Connection, report: SyncReport, error: SyncError) -> SyncError:
    try:
        with transaction(conn):
            _set_state(conn, "last_message", str(error))
    except sqlite3.Error:
        pass
    return error
