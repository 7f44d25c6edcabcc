"""Counted phrases: the one place a number meets a word.

Every message that puts a count next to a noun ("1 session", "2 sessions",
"about 1 minute") goes through :func:`count`, in the window, the command line,
the report and the storage messages alike. It is built on the standard
library's :mod:`gettext` (``ngettext``), so the app stays free of Qt here (core and
storage must not import it) and a translation catalogue can later supply the
plural forms of any language: English has two, others have one or several,
and ``ngettext`` picks the right one from the count. The catalogue is looked up
once per process (see :func:`_translation`).

A test (tests/test_text.py) scans the source for hand-made plurals such as
``f"{n} sessions"`` or ``"level(s)"`` so that the next one is caught.
"""

from __future__ import annotations

import gettext
import math
import os
from functools import cache


def count(n: int | float, one: str, many: str | None = None) -> str:
    """The count with the right form of its noun: ``count(1, "session")`` is
    ``"1 session"``, ``count(2, "session")`` is ``"2 sessions"``, ``count(0,
    "week")`` is ``"0 weeks"``; ``count(3934, "set")`` is ``"3,934 sets"``
    (thousands separated).

    ``one`` is the singular phrase, ``many`` the plural (default: ``one + "s"``;
    give it for irregular words, e.g. ``count(n, "rep", "reps")`` or
    ``count(n, "earlier one", "earlier ones")``). ``n`` must be a whole number:
    a float that is whole (2.0) is accepted; any other raises ValueError, since
    "1.5 sessions" has no singular or plural to choose.
    """
    if isinstance(n, float):
        if not n.is_integer():
            raise ValueError(f"count() needs a whole number, not {n}")
        n = int(n)
    return f"{n:,} {noun(n, one, many)}"


def noun(n: int, one: str, many: str | None = None) -> str:
    """Just the word form for ``n`` without the number, for phrases where the
    number stands elsewhere: ``f"{done} of {target} " + noun(target, "session")``
    reads "1 of 1 session" / "1 of 3 sessions". Same arguments as :func:`count`.
    """
    return _translation().ngettext(one, many if many is not None else one + "s", int(n))


@cache
def _translation() -> gettext.NullTranslations:
    """The catalogue of the current gettext domain, looked up once per process.
    ``gettext.ngettext`` itself searches the locale folders for a catalogue on
    every call when there is none (the usual case: a failed search is not
    remembered), about 0.1 ms each, some 25 times on the way to the first
    screen. Without a catalogue this is a NullTranslations (English forms).

    When the locale folder itself is missing (the usual case: Python's
    ``share/locale``), no catalogue can be found in it, and the search is
    skipped: it would load the ``locale`` module (about 1 ms of start-up)
    only to name the files it then looks for there."""
    domain = gettext.textdomain()
    folder = gettext.bindtextdomain(domain)
    if not os.path.isdir(folder):
        return gettext.NullTranslations()  # what translation() gives when nothing is found
    return gettext.translation(domain, folder, fallback=True)


def sets_done(completed: int, skipped: int, planned: int, part_way: int = 0) -> str:
    """How far a session got, the one wording for that figure wherever it is
    shown (the history's Sets column, the interrupted-session banner):
    ``"3 of 10 sets done"``, ``"3 of 10 sets done, 1 skipped"``,
    ``"0 of 3 sets done, 1 stopped part-way"``, ``"1 of 1 set done"``.
    ``skipped`` counts every set not done in full, ``part_way`` those of them
    with something done (the summary's words). Counts are whole numbers of sets."""
    text = f"{completed:,} of {count(planned, 'set')} done"
    if part_way:
        text += f", {part_way:,} stopped part-way"
    return text + (f", {skipped - part_way:,} skipped" if skipped > part_way else "")


def sets_not_imported(status: str, completed: int, skipped: int, planned: int) -> bool:
    """True for a session marked completed with none of its sets in the
    history: one imported from a sessions file without its sets file (a
    session the app finished has at least one set done in full). Its figure
    is not "0 of 38 sets done" (twenty-eighth re-test), and it counts as the
    file says: completed."""
    return str(status) == "completed" and completed == 0 and skipped == 0 and planned > 0


def sets_figure(status: str, completed: int, skipped: int, planned: int, part_way: int = 0) -> str:
    """The Sets figure of a session in full words: :func:`sets_done`, or for
    sets not imported (:func:`sets_not_imported`) "38 sets planned, not
    imported"."""
    if sets_not_imported(status, completed, skipped, planned):
        return f"{count(planned, 'set')} planned, not imported"
    return sets_done(completed, skipped, planned, part_way)


def countdown_seconds(seconds: float) -> int:
    """The whole seconds a countdown shows for ``seconds`` left (a float, in
    seconds): always rounded up, so 2.3 s left reads 3 and the count reaches
    0 only when the time is up. The one rounding rule for remaining time
    (the phase timer, the whole session's "about ... left", the heel-rise
    get-ready count). Float noise is ignored (3.0000000001 reads 3);
    negative input reads 0."""
    return max(0, math.ceil(round(seconds, 6)))


def countdown_clock(seconds: float) -> str:
    """``seconds`` left as ``"m:ss"``, rounded up as :func:`countdown_seconds`
    does: ``countdown_clock(3.2)`` is ``"0:04"``, ``countdown_clock(60)`` is
    ``"1:00"``, ``countdown_clock(59.5)`` is ``"1:00"``."""
    whole = countdown_seconds(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def whole_seconds(seconds: float | None) -> int:
    """Seconds done as the screen and the report say them: whole, rounded to
    the nearest (``round``; 1.1 reads 1, 29.6 reads 30; None reads 0). The
    session screen's count box and every set's count use it, so the two never
    give two figures for one set (fifteenth round F5: History said "1.1 of 60 s"
    where the session screen had said "1 s"). The stored value keeps its tenths
    for the CSV and Excel export."""
    return round(seconds or 0)


def set_amount(actual_reps: int | None, target_reps: int | None,
               actual_seconds: float | None, target_seconds: float | None) -> str:
    """The words for what a set's count was against its plan, the one wording
    wherever a set is listed: ``"8 of 12 reps"``, ``"1 of 1 rep"``, ``"1 of 60 s"``
    (a set with planned reps is counted in reps, any other in whole seconds,
    see :func:`whole_seconds`)."""
    if target_reps is not None:
        return f"{actual_reps or 0:,} of {count(target_reps, 'rep')}"
    return f"{whole_seconds(actual_seconds):,} of {whole_seconds(target_seconds):,} s"


def utf16(raw: bytes) -> bool:
    """Whether ``raw`` (a file's first bytes) looks like UTF-16 text: a byte
    order mark, or a zero byte beside each letter of plain text."""
    head = raw[:2048]
    return raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(head) >= 4 and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4
        and min(head[0::2].count(0), head[1::2].count(0)) == 0)


def not_utf8(error: UnicodeDecodeError) -> str:
    """Why a file's bytes are not UTF-8 text, in words for a message about the
    file, never a byte position: ``"it is saved as UTF-16 text"`` (see
    :func:`utf16`), else ``"line 12 has a character that is not UTF-8"``.
    ``error`` is what decoding the bytes raised; its position gives the line."""
    raw = bytes(error.object)
    if utf16(raw):
        return "it is saved as UTF-16 text"
    line = raw[:error.start].count(b"\n") + 1
    return f"line {line:,} has a character that is not UTF-8"
