"""The one error type storage lets out, so nothing above it sees ``sqlite3``.

The app and its screens catch :class:`StorageError`; its ``str()`` is the
underlying reason in plain words (for example "database or disk is full"),
which the screens put into their own sentence.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from types import FunctionType
from typing import Any, ParamSpec, TypeVar

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
    body are covered without further edits.

    A plain method or classmethod gets its wrapper when it is first looked up
    (see :class:`_TranslatedOnUse`): the history's ~60 methods cost about
    1.3 million instructions to wrap, and a start uses a handful before its
    first paint. Any other callable is wrapped at once."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_"):
            continue
        if isinstance(member, classmethod):
            setattr(cls, name, _TranslatedOnUse(cls, name, member.__func__, True))
        elif isinstance(member, FunctionType):
            setattr(cls, name, _TranslatedOnUse(cls, name, member, False))
        elif callable(member):
            setattr(cls, name, translate(member))
    return cls


class _TranslatedOnUse:
    """A method of a :func:`translate_methods` class until it is first looked
    up: then the class gets the method's :func:`translate` wrapper (as a
    classmethod for a classmethod), exactly what wrapping it at once gave,
    and the lookup returns that. ``__func__`` is the method's own function."""

    __slots__ = ("__func__", "_owner", "_name", "_classmethod")

    def __init__(self, owner: type, name: str, function: Callable[..., object], is_classmethod: bool) -> None:
        self.__func__ = function
        self._owner = owner
        self._name = name
        self._classmethod = is_classmethod

    def __get__(self, obj: object, objtype: type | None = None) -> object:
        wrapper: Any = translate(self.__func__)
        member = classmethod(wrapper) if self._classmethod else wrapper
        if vars(self._owner).get(self._name) is self:  # not replaced meanwhile
            setattr(self._owner, self._name, member)
        return member.__get__(obj, objtype if objtype is not None else type(obj))


__all__ = ["StorageError", "translate", "translate_methods"]
