"""The command line's commands and its full parser (``ankle-trainer --help``).

Imported only when the words are more than the window's own options
(``cli.window_options``): a start of the window reads none of this code.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .cli import _window, _window_only
from .core.text import count

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    from .core.model import Routine
    from .core.timing import TimingSettings
    from .storage.history import HistoryRepository


def run(words: list[str]) -> int:
    """Read ``words`` with argparse and run the command they name; without a
    command, open the window with the options read."""
    parser = build_parser(with_commands=not _window_only(words))
    args, extra = parser.parse_known_args(words)
    if extra:  # said by the command's own parser, with its usage, not the whole program's
        # (twenty-ninth re-test: `check now` printed every command's usage)
        own = _subparser(parser, args)
        own.error(f"unrecognized arguments: {' '.join(extra)}")
    if getattr(args, "first", None) and getattr(args, "last", None):
        from .core.times import reversed_dates

        problem = reversed_dates(args.first, args.last)
        if problem:  # one check and one exit status for every command with a range
            print(f"ankle-trainer: {problem}", file=sys.stderr)
            return 2
    if args.command == "routines":
        return list_routines(args.data_dir)
    if args.command in ("export", "check", "recover"):
        return _read_out_command(args)
    if args.command in ("import", "demo-data"):
        return _history_command(args)
    if args.command == "routine":
        return _routine_command(args)
    if args.command == "report":
        from .app.export.report_command import run_report

        return run_report(args)
    if args.command == "sync":
        return _sync_command(args)
    return _window(args.data_dir, args.quit_after_startup)


def _subparser(parser: argparse.ArgumentParser, args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the (sub)command ``args`` chose: ``routine import``'s,
    ``check``'s, or ``parser`` itself when no command was given."""
    chosen = parser
    for dest in ("command", "routine_command"):
        name = getattr(args, dest, None)
        actions = [a for a in chosen._actions if isinstance(a, argparse._SubParsersAction)]
        if not name or not actions:
            break
        chosen = actions[0].choices.get(name, chosen)
    return chosen


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    """The command line. Without ``with_commands`` only the window's options:
    building every subcommand's parser costs about 4 ms, a noticeable part
    of start-up, so plain starts of the window skip it."""
    parser = argparse.ArgumentParser(
        prog="ankle-trainer",
        description="Guided home ankle exercise sessions for runners. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep all user data in DIR instead of the user data folder "
        "(also: environment variable ANKLE_TRAINER_DATA_DIR)",
    )
    parser.add_argument(
        "--quit-after-startup",
        action="store_true",
        help="show the main window, exit as soon as it has been painted once "
        "(for benchmarks and smoke tests)",
    )
    if not with_commands:
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # --data-dir is accepted after a subcommand too; SUPPRESS keeps one given before it
    data = argparse.ArgumentParser(add_help=False)
    data.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="the data folder")
    sub.add_parser("routines", parents=[data], help="list the built-in routines and your own",
                   description="List every routine: the built-in ones and your own (marked "
                   "'yours'), with any routine file that cannot be used and why.")
    export = sub.add_parser(
        "export", parents=[data], help="write your history to a CSV file (or .xlsx workbook)",
        description="Write your sessions (or, with --sets, every set) to a CSV file, or to an "
        "Excel workbook when PATH ends in .xlsx.",
    )
    export.add_argument("path", metavar="PATH", help="the file to write: NAME.csv, or NAME.xlsx for a workbook")
    export.add_argument("--sets", action="store_true", help="one row per set instead of per session")
    export.add_argument("--from", dest="first", type=_iso_date, metavar="YYYY-MM-DD", help="first local date")
    export.add_argument("--to", dest="last", type=_iso_date, metavar="YYYY-MM-DD", help="last local date")
    imp = sub.add_parser(
        "import", parents=[data], help="add exported sessions and sets to your history",
        description="Add sessions and sets from CSV files made by 'export'. Importing the "
        "same files again adds nothing.",
    )
    imp.add_argument("paths", metavar="FILE", nargs="+", help="a sessions file, a sets file, or both")
    routine = sub.add_parser(
        "routine", help="check, import or export a routine file",
        description="Routine files are TOML text; save one from the routine editor to see the format.",
    )
    rsub = routine.add_subparsers(dest="routine_command", metavar="ACTION", required=True)
    validate = rsub.add_parser("validate", parents=[data], help="check a routine file and say what is wrong")
    validate.add_argument("file", metavar="FILE", help="the routine file (.toml) to check")
    rimport = rsub.add_parser("import", parents=[data], help="add a routine file to your routines")
    rimport.add_argument("file", metavar="FILE", help="the routine file (.toml) to add")
    rimport.add_argument("--replace", action="store_true", help="replace your routine with the same id")
    rexport = rsub.add_parser("export", parents=[data], help="write a routine (yours or built-in) to a file")
    rexport.add_argument("routine_id", metavar="ID", help="the routine's id (`ankle-trainer routines` lists them)")
    rexport.add_argument("file", metavar="FILE", help="the routine file (.toml) to write")
    check = sub.add_parser(
        "check", parents=[data], help="check your history file for damage",
        description="Check the history file with SQLite's quick check and say what is wrong. "
        "Only reads the file.",
    )
    check.set_defaults(recover_to=None)
    recover = sub.add_parser(
        "recover", parents=[data], help="copy what can be read of a damaged history to a new file",
        description="Copy every readable session and set of your history into a new history "
        "file. The damaged file is only read and kept as it is.",
    )
    recover.add_argument("recover_to", metavar="NEW_FILE", help="the new history file to write")
    report = sub.add_parser(
        "report", parents=[data], help="make the one-page PDF report for your physiotherapist",
        description="Write a one-page PDF of your training and pain ratings for a "
        "physiotherapist. Without dates: the last 12 weeks.",
    )
    report.add_argument("path", metavar="OUT.pdf", help="the PDF file to write (its name ends in .pdf)")
    report.add_argument("--from", dest="first", type=_iso_date, metavar="YYYY-MM-DD", help="first local date")
    report.add_argument("--to", dest="last", type=_iso_date, metavar="YYYY-MM-DD", help="last local date (default: today)")
    report.add_argument("--weeks", type=WholeNumber(1, 520), metavar="N",
                        help="the last N weeks, 1 to 520 (default 12)")
    report.add_argument("--all", action="store_true", help="every session in your history")
    report.add_argument("--all-sessions", action="store_true",
                        help="add pages listing every session in the period")
    demo = sub.add_parser(
        "demo-data", parents=[data],
        help="fill an empty history in a new folder (--data-dir, required) with realistic demo sessions",
    )
    demo.add_argument("--years", type=WholeNumber(1, 30), default=2, metavar="N",
                      help="how many years of sessions to make, 1 to 30 (default 2)")
    demo.add_argument("--zone", default="Europe/Berlin", metavar="ZONE",
                      help="the time zone the demo runner lives in (default Europe/Berlin)")
    sync = sub.add_parser(
        "sync", parents=[data], help="sync your history with your other computers through a folder",
        description="Merge your other computers' changes from a folder that a sync tool "
        "(Syncthing, Nextcloud, Dropbox, a USB stick) keeps in step, and write this "
        "computer's changes there. The folder is remembered for next time.",
    )
    sync.add_argument("--folder", metavar="DIR", help="the sync folder (remembered in your settings)")
    return parser


class WholeNumber:
    """An option's type for a whole number in a range: a value outside it is
    refused in one short line naming the range ("'0' is not a whole number
    from 1 to 520"), not with argparse's list of every allowed choice."""

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def __call__(self, text: str) -> int:
        """The number in ``text``; raises ArgumentTypeError (argparse's message) otherwise."""
        try:
            number = int(text)
        except ValueError:
            number = None
        if number is None or not self.low <= number <= self.high:
            raise argparse.ArgumentTypeError(
                f"'{text}' is not a whole number from {self.low} to {self.high}")
        return number

    def __repr__(self) -> str:  # argparse names the type by it in some messages
        return "whole number"


def _iso_date(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date as YYYY-MM-DD") from None


def _importable(path: Path, read: Callable[[Path, Any], Routine], library: Any,
                builtin_ids: frozenset[str]) -> Routine | None:
    """The routine in ``path`` as ``read`` checks it, or None after saying on
    stderr why it cannot be imported: a problem in the file, or a built-in
    routine's id. One verdict for ``routine validate`` and ``routine import``."""
    from .core.routines import RoutineError

    try:
        routine = read(path, library)
    except RoutineError as exc:
        print(f"ankle-trainer: {exc}", file=sys.stderr)
        return None
    if routine.id in builtin_ids:
        from .storage.routine_store import BUILT_IN_ID

        print(f"ankle-trainer: {path}: id: {BUILT_IN_ID.format(id=routine.id)}.", file=sys.stderr)
        return None
    return routine


def runner_timing(data_dir: str | None) -> TimingSettings:
    """The session timings of the data folder's settings (the window's
    folder rules: ``--data-dir`` or the environment's, else the config
    folder), so the command line's minutes are home's. A settings file that
    cannot be read is said on stderr and the defaults are used."""
    from .paths import ENV_DATA_DIR, resolve_data_dir
    from .storage.settings import SettingsStore

    chosen = bool(data_dir or os.environ.get(ENV_DATA_DIR))
    loaded = SettingsStore.for_app(resolve_data_dir(data_dir), chosen).load()
    if loaded.notice:
        print(f"ankle-trainer: {loaded.notice}", file=sys.stderr)
    return loaded.settings.timing()


def list_routines(data_dir: str | None = None) -> int:
    """Print the built-in routines and the runner's own (from the data
    folder's routines folder, marked "yours"); files there that cannot be
    used are named afterwards on stderr, as the window names them."""
    from .core.library import builtin_routines, exercise_library
    from .core.timing import estimated_minutes
    from .paths import resolve_data_dir
    from .storage.routine_store import RoutineStore

    folder = resolve_data_dir(data_dir) / "routines"
    mine, problems = RoutineStore(folder, exercise_library).load()
    timing = runner_timing(data_dir)
    rows = [
        (r.name, r.id, str(len(r.exercise_names())), str(estimated_minutes(r, timing)), whose)
        for whose, routines in (("built-in", builtin_routines()), ("yours", mine))
        for r in routines
    ]
    header = ("NAME", "ID", "EXERCISES", "MINUTES", "WHOSE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    for problem in problems:  # named by file name: the folder said once, at the start
        print(f"ankle-trainer: not listed (in {folder}): {problem}", file=sys.stderr)
    return 0


def _history_command(args: argparse.Namespace) -> int:
    from datetime import date
    from pathlib import Path

    from .paths import resolve_data_dir
    from .storage.csv_io import CsvError, import_csv

    if args.command == "demo-data" and not args.data_dir:
        # made-up sessions never go into the runner's own history by a slip
        # (thirty-first re-test: without --data-dir they filled it, mixed with
        # what a physio would be shown)
        print("ankle-trainer: demo-data makes up a history of sessions: name a new folder for it with "
              "--data-dir NEW_FOLDER (it is never put in your own history's folder unasked). "
              "Nothing was written.", file=sys.stderr)
        return 2
    folder = resolve_data_dir(args.data_dir)
    # Import into a folder with no history starts one: moving to a new
    # computer is what import is mostly for.
    repo = _open_for_writing(folder)
    if repo is None:
        return 2
    try:
        if args.command == "import":
            report = import_csv(repo.conn, [Path(p) for p in args.paths])
            print(report.summary())
        else:
            from .storage.demo import NotEmptyError, fill_demo_history

            try:
                sessions, sets = fill_demo_history(repo, args.years, date.today(), zone=args.zone)
            except (NotEmptyError, ValueError) as exc:
                print(f"ankle-trainer: {exc}", file=sys.stderr)
                return 1
            print(f"Added {count(sessions, 'demo session')} with {count(sets, 'set')} to {folder}")
        return 0
    except CsvError as exc:
        print(f"ankle-trainer: {exc} Nothing was imported.", file=sys.stderr)
        return 1
    finally:
        repo.close()


def _open_for_writing(folder: Path) -> HistoryRepository | None:
    """The history in ``folder`` opened for a command that writes to it
    (created if missing), or None after saying on stderr why it cannot be.

    Not open_history(): that closes sessions left running, and these commands
    may run while the window has a session under way. A notice from opening
    (e.g. a damaged file set aside) is said on stderr too.
    """
    from .paths import DB_FILE_NAME, ensure_private_dir
    from .storage.db import DatabaseOpenError
    from .storage.history import HistoryRepository

    try:
        ensure_private_dir(folder)
        repo, opened = HistoryRepository.open(folder / DB_FILE_NAME)
    except OSError as exc:
        from .storage.folder_check import cannot_use

        print(f"ankle-trainer: {cannot_use(folder, exc)}", file=sys.stderr)
        return None
    except DatabaseOpenError as exc:
        print(f"ankle-trainer: {exc}", file=sys.stderr)
        return None
    if opened.notice:
        print(f"ankle-trainer: {opened.notice}", file=sys.stderr)
    return repo


def _read_out_command(args: argparse.Namespace) -> int:
    """export, check and recover: they only read the history, through a
    read-only connection, so they work on a full disk or a read-only folder
    and never change the file."""
    from pathlib import Path

    from .paths import DB_FILE_NAME, resolve_data_dir
    from .storage.csv_io import CsvError, export_csv
    from .storage.db import DatabaseOpenError, integrity_problems, open_readonly
    from .storage.errors import StorageError
    from .storage.recover import recover_history

    folder = resolve_data_dir(args.data_dir)
    if args.command == "export":
        from .files import wrong_name

        # a CSV file is never saved as e.pdf (as routine export's .toml rule)
        problem = wrong_name(Path(args.path), (".csv", ".xlsx"), "an export")
        if problem and not Path(args.path).is_dir():
            print(f"ankle-trainer: {problem}", file=sys.stderr)
            return 1
    path = folder / DB_FILE_NAME
    if not path.exists():
        print(f"ankle-trainer: there is no history in {folder} yet.", file=sys.stderr)
        return 1
    if args.command == "recover":
        from .app.recovery import lost_words

        try:
            done = recover_history(path, Path(args.recover_to))
        except StorageError as exc:
            print(f"ankle-trainer: {exc}", file=sys.stderr)
            return 1
        sessions, sets = done.copied.get("session", 0), done.copied.get("session_set", 0)
        print(f"Copied {count(sessions, 'session')} and {count(sets, 'set')}"
              f" to {args.recover_to}. {lost_words(done.lost, done.uncounted)} Your history file"
              f" was not changed. To use the copy, close Ankle Trainer and put it in place of {path}.")
        return 0
    try:
        conn = open_readonly(path)
    except DatabaseOpenError as exc:
        print(f"ankle-trainer: {exc}", file=sys.stderr)
        return 2
    try:
        if args.command == "check":
            problems = integrity_problems(conn)
            if not problems:
                print(f"Your history at {path} is sound.")
                return 0
            print(f"ankle-trainer: your history at {path} is damaged: some of it can no longer be"
                  " read. The file has not been changed. 'ankle-trainer recover NEW_FILE' copies"
                  " everything that can still be read into a new file.", file=sys.stderr)
            print("Details for someone helping you (what SQLite's check found):", file=sys.stderr)
            for problem in problems[:3]:
                print(f"  {problem}", file=sys.stderr)
            if len(problems) > 3:
                print(f"  (and {count(len(problems) - 3, 'more problem')})", file=sys.stderr)
            return 1
        try:
            if Path(args.path).suffix.lower() == ".xlsx":
                from .storage.xlsx_io import export_xlsx

                rows = export_xlsx(conn, Path(args.path), sets=args.sets, first=args.first, last=args.last)
            else:
                rows = export_csv(conn, Path(args.path), sets=args.sets, first=args.first, last=args.last)
        except CsvError as exc:
            print(f"ankle-trainer: {exc}", file=sys.stderr)
            if exc.__cause__ is not None and not isinstance(exc.__cause__, OSError):
                print("'ankle-trainer check' says what is wrong with it.", file=sys.stderr)
            return 1
        print(f"Wrote {count(rows, 'set' if args.sets else 'session')} to {args.path}")
        return 0
    finally:
        conn.close()


def _routine_command(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .core.library import builtin_ids as builtin_routine_ids
    from .core.library import builtin_routines, exercise_library
    from .core.routines import RoutineError
    from .core.timing import estimated_minutes
    from .paths import resolve_data_dir
    from .storage.routine_store import (
        RoutineStore,
        read_routine_file,
        read_usable_routine_file,
        write_routine_file,
    )

    library = exercise_library()
    folder = resolve_data_dir(args.data_dir) / "routines"
    builtin_ids = builtin_routine_ids()  # from the folder's file names: no routine is read for them
    if args.routine_command == "validate":
        # The verdict is what import would say; a file already in the routines
        # folder is judged by the folder's own rules (named ID.toml)
        path = Path(args.file)
        in_folder = path.resolve().parent == folder.resolve()
        routine = _importable(path, read_usable_routine_file if in_folder else read_routine_file,
                              library, builtin_ids)
        if routine is None:
            return 1
        print(
            f"{args.file}: OK: '{routine.name}' (id {routine.id}), {count(len(routine.steps), 'step')}, "
            f"about {count(estimated_minutes(routine, runner_timing(args.data_dir)), 'minute')}, "
            f"{count(routine.level_count, 'level')}"
        )
        if not in_folder and path.stem != routine.id:
            print(f"'ankle-trainer routine import {args.file}' saves it as {routine.id}.toml; a copy put"
                  f" in the routines folder by hand must be named {routine.id}.toml.")
        return 0
    store = RoutineStore(folder, library)
    if args.routine_command == "import":
        routine = _importable(Path(args.file), read_routine_file, library, builtin_ids)
        if routine is None:
            return 1
        target = store.path_for(routine.id)
        if target.exists() and not args.replace:
            print(f"ankle-trainer: you already have a routine '{routine.id}' ({target}); "
                  "use --replace to replace it.", file=sys.stderr)
            return 1
        from .core.routines import named_apart

        as_file = routine.name  # a name another routine has is named apart, as the editor's import does
        routine = named_apart(routine, (*builtin_routines(), *store.load()[0]))
        try:
            from .paths import ensure_private_dir

            ensure_private_dir(store.folder.parent)
            store.save(routine)
        except OSError as exc:
            from .storage.folder_check import folder_problem

            data = store.folder.parent
            why = (folder_problem(data) if data.is_dir() else None) or \
                f"Could not save {target}: {exc.strerror or exc}."
            print(f"ankle-trainer: {why} Nothing was imported.", file=sys.stderr)
            return 1
        try:  # saved as ID.toml: what the folder loads; check it as the app will
            read_usable_routine_file(target, library)
        except RoutineError as exc:
            print(f"ankle-trainer: {exc}", file=sys.stderr)
            return 1
        named = f" (named '{routine.name}': another routine is called '{as_file}')" if routine.name != as_file else ""
        print(f"Imported '{as_file}' as {target}{named}")
        return 0
    mine, _ = store.load()
    routine = next((r for r in (*builtin_routines(), *mine) if r.id == args.routine_id), None)
    if routine is None:
        known = ", ".join(sorted({*builtin_ids, *(r.id for r in mine)}))
        print(f"ankle-trainer: no routine '{args.routine_id}' (known: {known})", file=sys.stderr)
        return 1
    from .files import wrong_name

    problem = wrong_name(Path(args.file), (".toml",), "a routine file")  # the app reads .toml files only
    if problem:
        print(f"ankle-trainer: {problem}", file=sys.stderr)
        return 1
    try:
        write_routine_file(routine, Path(args.file))
    except OSError as exc:
        print(f"ankle-trainer: could not write {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"Wrote '{routine.name}' to {args.file}")
    return 0


def _sync_command(args: argparse.Namespace) -> int:
    import os
    from pathlib import Path

    from .paths import ENV_DATA_DIR, resolve_data_dir
    from .storage.settings import SettingsStore
    from .storage.sync import SyncError, sync_now

    folder = resolve_data_dir(getattr(args, "data_dir", None))
    store = SettingsStore.for_app(folder, bool(getattr(args, "data_dir", None) or os.environ.get(ENV_DATA_DIR)))
    loaded = store.load()
    if loaded.notice:
        print(f"ankle-trainer: {loaded.notice}", file=sys.stderr)
    settings = loaded.settings
    if args.folder:
        sync_folder = Path(args.folder).expanduser().resolve()
    elif settings.sync_folder:
        sync_folder = Path(settings.sync_folder)
    else:
        print("ankle-trainer: no sync folder chosen yet; give one with --folder DIR "
              "(it is remembered).", file=sys.stderr)
        return 1
    repo = _open_for_writing(folder)
    if repo is None:
        return 2
    try:
        report = sync_now(repo, sync_folder, routines_dir=folder / "routines")
    except SyncError as exc:
        print(f"ankle-trainer: {exc}", file=sys.stderr)
        return 1
    finally:
        repo.close()
    if str(sync_folder) != settings.sync_folder:
        try:
            store.save(settings.with_changes(sync_folder=str(sync_folder)))
        except OSError as exc:
            print(f"ankle-trainer: synced, but could not remember the folder: {exc.strerror or exc}",
                  file=sys.stderr)
    print(report.summary())
    return 0

