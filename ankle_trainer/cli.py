"""Command-line entry point. The GUI is the default command.

Qt is imported only when the window is needed, so ``--version`` and the
subcommands stay fast and work without a display. The subcommands and the
full parser are in ``commands``, imported only for them.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


def _window_only(words: list[str]) -> bool:
    """Whether the words only open the window (anything else, help and
    mistakes included, goes to the full parser)."""
    value_next = False
    for word in words:
        if value_next:
            value_next = False
        elif word == "--data-dir":
            value_next = True
        elif not (word.startswith("--data-dir=") or word in ("--quit-after-startup", "--version")):
            return False
    return not value_next


def window_options(words: Sequence[str]) -> tuple[str | None, bool] | None:
    """``(data_dir, quit_after_startup)`` for a plain start of the window,
    read without argparse: building even the small parser and its messages
    costs about 5 ms of start-up (each message is looked up in the locale
    folders). None for anything else (a command, help, ``--version``, an
    abbreviation, a value that could be taken for an option): argparse
    reads those, with its messages. Where both read the words, they agree
    (tests/test_cli.py)."""
    data_dir: str | None = None
    quit_after_startup = value_next = False
    for word in words:
        if value_next:
            if word.startswith("-"):
                return None  # argparse decides whether that is a value
            data_dir, value_next = word, False
        elif word == "--data-dir":
            value_next = True
        elif word.startswith("--data-dir="):
            data_dir = word.partition("=")[2]
        elif word == "--quit-after-startup":
            quit_after_startup = True
        else:
            return None
    return None if value_next else (data_dir, quit_after_startup)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    plain = window_options(words)
    if plain is not None:
        return _window(*plain)
    from .commands import run  # the commands and argparse's parser (not read by a start)

    return run(words)


def _window(data_dir: str | None, quit_after_startup: bool) -> int:
    """Open the window (the command line's default)."""
    # No garbage collection until the window is first painted (ui.app turns
    # it back on): nearly all of the ~27,000 objects start-up makes live on
    # (a few dozen are garbage), and the collector walked them some 45 times,
    # about 5 ms in all.
    gc.disable()
    _import_before_qt()
    from .qt_import import import_qt

    import_qt()  # PySide6, its import hook spared reading the first screen's modules
    from .ui.app import run_gui

    return run_gui(data_dir=data_dir, quit_after_startup=quit_after_startup)


def _import_before_qt() -> None:
    """Import the window's Qt-free modules before PySide6: once PySide6 is
    loaded, its import hook (for ``from __feature__ import ...``) reads the
    source of every module named in an import statement, about 0.15 ms each,
    unless ``qt_import`` has told it the answer, which it does for the
    modules loaded by then (see qt_import.py)."""
    import _signal  # noqa: F401  (ui.app's Ctrl+C; not signal, see ui.app._CtrlC)
    import json  # noqa: F401
    import zlib  # noqa: F401

    from . import paths, platform_check  # noqa: F401
    from .app import changes, context  # noqa: F401
    from .core import conditions, dose, library, text, timing, weeks  # noqa: F401
    from .storage import errors, history, routine_store, settings  # noqa: F401
    from .ui import screens  # noqa: F401  (the screens' specs: Qt-free until built)


if __name__ == "__main__":
    sys.exit(main())
