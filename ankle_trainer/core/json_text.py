"""Reading JSON text at start-up without importing the ``json`` package.

A start reads two JSON files (the settings and the built-in routines'
cache). Importing ``json`` compiles six regular expressions and builds its
default encoder and decoder, about 4.5 million instructions of every start
(README, Start-up speed), while the reading itself is done by ``_json``'s
scanner, the C module under ``json``. :func:`loads` calls that scanner as
``json.loads`` does with its defaults; for anything it does not simply
accept (bad JSON, a byte order mark, a number too long, nesting too deep)
it hands the text to ``json.loads`` itself, so the result, or the error, is
always ``json.loads``'s (tests/core/test_json_text.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_make_scanner: Any
try:
    from _json import make_scanner as _make_scanner
except ImportError:  # a Python without json's C half: json.loads every time
    _make_scanner = None

#: What ``json`` skips around a document (its decoder's ``WHITESPACE``).
_SPACE = " \t\n\r"


class _Defaults:
    """The settings the C scanner reads from its context: those of
    ``json.JSONDecoder()``, as used by ``json.loads``."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": float("-inf"), "Infinity": float("inf"), "NaN": float("nan")}.__getitem__


_scan: Callable[[str, int], tuple[Any, int]] | None = None


def loads(text: str) -> Any:
    """``json.loads(text)``: the same value, or the same exception."""
    global _scan
    try:
        if _scan is None:
            _scan = _make_scanner(_Defaults)  # (None without the C half: json.loads below)
        if text.startswith("\ufeff"):
            raise ValueError("a byte order mark: json.loads words the error")
        value, end = _scan(text, len(text) - len(text.lstrip(_SPACE)))
        if text[end:].strip(_SPACE):
            raise ValueError("more after the value: json.loads words the error")
        return value
    except Exception:  # noqa: BLE001  (json.loads says what is wrong, as ever)
        import json

        return json.loads(text)
