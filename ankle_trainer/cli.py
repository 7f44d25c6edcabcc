"""Command-line entry point. The GUI is the default command.

Qt is imported only when the window is needed, so ``--version`` and the
subcommands stay fast and work without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__


def build_parser() -> argparse.ArgumentParser:
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("routines", help="list the built-in routines")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "routines":
        return list_routines()
    from .ui.app import run_gui

    return run_gui(data_dir=args.data_dir, quit_after_startup=args.quit_after_startup)


def list_routines() -> int:
    from .core.library import builtin_routines
    from .core.plan import estimated_minutes

    rows = [
        (r.name, r.id, str(len(r.exercise_names())), str(estimated_minutes(r)))
        for r in builtin_routines()
    ]
    header = ("NAME", "ID", "EXERCISES", "MINUTES")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
