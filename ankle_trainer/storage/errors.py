"""The one error type storage lets out, so nothing above it sees ``sqlite3``.

The app and its screens catch :class:`StorageError`; its ``str()`` is the
underlying reason in plain words (for example "database or disk is full"),
which the screens put into their own sentence.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
C = TypeVar("C", bound=type)


class StorageError(Exception):
    """Reading or writing the history failed (disk full, file locked, damaged).

    Raised by every public method of the history repository and by the CSV
    import and export in place of ``sqlite3.Error``; the original error is
    kept as ``__cause__``.
    """


def translate(function: Callable[P, R]) -> Callable[P, R]:
    """Wrap ``function`` so a ``sqlite3.Error`` it raises becomes a StorageError."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except sqlite3.Error as exc:
            raise StorageError(str(exc)) from exc

    return wrapper


def translate_methods(cls: C) -> C:
    """Class decorator: every public method (and classmethod) of ``cls`` raises
    StorageError instead of ``sqlite3.Error``. Methods added later to the class
    body are covered without further edits."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(member, classmethod):
            setattr(cls, name, classmethod(translate(member.__func__)))
        elif callable(member):
            setattr(cls, name, translate(member))
    return cls


__all__ = ["StorageError", "translate", "translate_methods"]
