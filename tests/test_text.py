"""Counted phrases: the count() helper, and a scan of the source for plurals
made by hand (the next "1 sessions" is caught here, not by a runner)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ankle_trainer.core.text import count, noun

SOURCE = Path(__file__).resolve().parent.parent / "ankle_trainer"

# Nouns that follow a number in the app's messages.
NOUNS = (
    "sessions?|sets?|reps?|weeks?|days?|minutes?|seconds?|exercises?|steps?|levels?|rows?"
    "|checks?|routines?|times?|ratings?|pages?|files?|hours?|tests?|rises?|points?"
)
# f"{n} sessions", f"{len(x)} exercises", "{n} level(s)", "%d sessions", "session(s)".
HAND_MADE = (
    # (a float format such as {x:.1f} is exempt: "1.0 points" is plural in English)
    re.compile(r"\{[^{}]+(?<!f)\}\s+(?:" + NOUNS + r")\b"),
    re.compile(r"%[ds]\s+(?:" + NOUNS + r")\b"),
    re.compile(r"[a-z]\(s\)(?=[\s\"'.,;!?])(?!\s+(?:for|and|or|if|in)\b)"),
    re.compile(r"[!=]= 1 else"),
    re.compile(r"['\"]s['\"] \* \("),
    # a count followed by a verb that must agree with it: f"All {count(n, 'check')} were clear"
    re.compile(r"\{(?:count|len)\([^{}]*\)\}(?:\s+\w+)?\s+(?:were|was|are|is|have|has)\b"),
)


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 sessions"), (1, "1 session"), (2, "2 sessions"), (3934, "3,934 sessions")],
)
def test_count_picks_the_word_form(n: int, expected: str) -> None:
    assert count(n, "session") == expected


def test_count_irregular_and_phrase() -> None:
    assert count(1, "earlier one", "earlier ones") == "1 earlier one"
    assert count(2, "earlier one", "earlier ones") == "2 earlier ones"
    assert noun(1, "minute") == "minute"
    assert noun(0, "minute") == "minutes"


def test_count_refuses_a_fraction() -> None:
    assert count(2.0, "week") == "2 weeks"
    with pytest.raises(ValueError, match="whole number"):
        count(1.5, "session")


def _offenders() -> list[str]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "text.py" and path.parent.name == "core":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.rstrip().endswith("# not a count"):  # a name next to a noun, e.g. "{routine} session"
                continue
            if any(p.search(line) for p in HAND_MADE):
                found.append(f"{path.relative_to(SOURCE.parent)}:{number}: {line.strip()}")
    return found


def test_no_hand_made_plurals_in_the_source() -> None:
    """Every counted noun goes through core.text.count (or noun)."""
    assert _offenders() == []


def test_the_scan_catches_a_hand_made_plural() -> None:
    """The scan itself can fail: each pattern matches the kind it is for."""
    samples = ('f"{n} sessions"', 'f"{len(r.steps)} steps"', '"%d weeks"', '"level(s)"',
               '"set" if n == 1 else "sets"', 'f"{n} week{\'s\' * (n != 1)}"', '"1 point" if n == 1 else',
               'f"All {count(n, \'check\')} were clear."', 'f"{len(found)} rows were bad"',
               'f"{count(n, \'check\')} was clear"')
    for sample in samples:
        assert any(p.search(sample) for p in HAND_MADE), sample
    assert not any(p.search('f"{count(n, \'session\')} in all"') for p in HAND_MADE)


def test_sets_done_is_one_wording_for_one_figure() -> None:
    from ankle_trainer.core.text import sets_done

    assert sets_done(0, 3, 10) == "0 of 10 sets done, 3 skipped"
    assert sets_done(0, 3, 10, 1) == "0 of 10 sets done, 1 stopped part-way, 2 skipped"
    assert sets_done(2, 1, 3, 1) == "2 of 3 sets done, 1 stopped part-way"
    assert sets_done(1, 0, 1) == "1 of 1 set done"
    assert sets_done(2, 0, 6) == "2 of 6 sets done"


def test_a_sets_count_is_one_wording_in_whole_seconds() -> None:
    """Fifteenth round F5: a timed set stopped at 1.1 s reads "1 of 60 s", the
    figure the session screen's count box showed, never "1.1 of 60 s"."""
    from ankle_trainer.core.text import set_amount, whole_seconds

    assert set_amount(None, None, 1.1, 60.0) == "1 of 60 s"
    assert set_amount(None, None, 29.6, 30.0) == "30 of 30 s"
    assert set_amount(None, None, None, 45.0) == "0 of 45 s"
    assert set_amount(8, 12, None, None) == "8 of 12 reps"
    assert set_amount(1, 1, None, None) == "1 of 1 rep"
    assert set_amount(None, 10, None, None) == "0 of 10 reps"
    assert [whole_seconds(v) for v in (1.1, 1.6, None, 0.4)] == [1, 2, 0, 0]


def test_no_screen_or_report_says_a_sets_seconds_unrounded() -> None:
    """A set's seconds (actual or target) in the words of the window, the
    report or the command line go through whole_seconds or set_amount: a scan
    of the f-strings that name them."""
    said = re.compile(r"\{([^{}]*\b(?:actual|target)_seconds\b[^{}]*)\}")
    roots = [SOURCE / "ui", SOURCE / "app" / "export" / "report.py", SOURCE / "cli.py", SOURCE / "commands.py"]
    files = [f for root in roots for f in ([root] if root.is_file() else sorted(root.rglob("*.py")))]
    raw = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for inside in said.findall(line):
                if not re.match(r"\s*(?:whole_seconds|set_amount)\(", inside):
                    raw.append(f"{path.relative_to(SOURCE)}:{n}: {{{inside}}}")
    assert raw == [], "\n".join(raw)


@pytest.mark.parametrize(
    ("seconds", "whole", "clock"),
    [(0.0, 0, "0:00"), (-1.0, 0, "0:00"), (0.01, 1, "0:01"), (3.0, 3, "0:03"), (3.2, 4, "0:04"),
     (3.0000000001, 3, "0:03"), (59.5, 60, "1:00"), (61.0, 61, "1:01")],
)
def test_time_left_is_rounded_up_everywhere(seconds: float, whole: int, clock: str) -> None:
    from ankle_trainer.core.text import countdown_clock, countdown_seconds

    assert countdown_seconds(seconds) == whole
    assert countdown_clock(seconds) == clock


def test_no_countdown_is_rounded_by_hand() -> None:
    """Time left goes through core.text.countdown_seconds/countdown_clock:
    no math.ceil of a remaining time, no format_clock of a time left."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if path.name == "text.py" and path.parent.name == "core":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"format_clock\([^)]*(left|remaining|display_seconds)|ceil\((ready|left|remaining)", line):
                found.append(f"{path.name}:{number}: {line.strip()}")
    assert found == []


def test_the_catalogue_search_is_skipped_only_without_a_locale_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Start-up speed: without the locale folder no catalogue can exist, and
    the answer is the one gettext gives when it finds none; with the folder,
    gettext itself searches it."""
    import gettext

    from ankle_trainer.core import text

    searched: list[str] = []
    real = gettext.translation
    monkeypatch.setattr(gettext, "translation", lambda *a, **k: searched.append(a[1]) or real(*a, **k))
    for folder in (tmp_path / "missing", tmp_path):
        monkeypatch.setattr(gettext, "bindtextdomain", lambda domain, f=folder: str(f))
        text._translation.cache_clear()
        try:
            found = text._translation()
            assert type(found) is type(real("messages", str(folder), fallback=True))
            assert found.ngettext("set", "sets", 2) == "sets"
        finally:
            text._translation.cache_clear()
    assert searched == [str(tmp_path)]


def _straight_quotes(root: Path, base: Path = SOURCE.parent) -> list[str]:
    """Words of the window (string constants of ``root``'s modules, not
    docstrings, markup or style sheets) that quote with straight double quotes."""
    import ast

    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {id(node.body[0].value) for node in ast.walk(tree)
                if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) or id(node) in docs:
                continue
            text = node.value
            if '"' not in text or re.search(r'[a-z-]="|<[a-z/!]|\{|url\(|^"$|^".*"$', text):
                continue  # markup, a style sheet, a template or a quote character alone
            found.append(f"{path.relative_to(base)}:{node.lineno}: {text[:80]}")
    return found


def test_the_window_quotes_with_curly_quotes_only() -> None:
    """Twenty-eighth re-test: “Heel drops on the floor” is not suggested for
    your answers to "Where does it hurt?": two kinds of quote in one sentence.
    What the window says quotes with “ and ”."""
    assert _straight_quotes(SOURCE / "ui") + _straight_quotes(SOURCE / "app") == []


def test_the_quote_scan_finds_a_straight_quote(tmp_path: Path) -> None:
    (tmp_path / "page.py").write_text('"""Doc with "quotes"."""\nX = \'answers to "Where does it hurt?": \'\n'
                                      'Y = \'<a href="x">link</a>\'\n', encoding="utf-8")
    assert [line.split(": ", 1)[1] for line in _straight_quotes(tmp_path, tmp_path)] == [
        'answers to "Where does it hurt?": ']
