"""Every word a runner can see, collected from every screen and dialog of a
window with some history: no developer words (table names, file internals,
README references, snake_case names), no hand-made plurals ("1 sessions")."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)

from ankle_trainer.core.library import find_routine
from ankle_trainer.storage.sample import run_session

TZ = timezone(timedelta(hours=1))

DEVELOPER_WORDS = re.compile(
    r"README|sqlite|SQL\b|\btable\b|\bcolumns? (?:are|is) listed|\.py\b|\.json\b|traceback|"
    r"(?-i:\bNone\b|\bTrue\b|\bFalse\b)|user_version|\b[a-z]+_[a-z_]+\b",
    re.IGNORECASE,
)
ONE_PLURAL = re.compile(
    r"(?<![\d.,])\b1 (sessions|sets|weeks|days|minutes|seconds|exercises|steps|levels|reps|holds|rises|"
    r"checks|pages|times|ratings|routines)\b"
)


def texts_of(root: QWidget) -> list[str]:
    """What a runner reads: labels, buttons, group titles, tabs, list and
    combo items, placeholders, tooltips and the window title."""
    found = [root.windowTitle(), root.toolTip()]
    for w in [root, *root.findChildren(QWidget)]:
        found.append(w.toolTip())
        if isinstance(w, QLabel):
            found.append(w.text())
        elif isinstance(w, QAbstractButton):
            found.append(w.text())
        elif isinstance(w, QGroupBox):
            found.append(w.title())
        elif isinstance(w, QLineEdit):
            found.append(w.placeholderText())
        elif isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QListWidget):
            found += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            found += [w.tabText(i) for i in range(w.count())]
    return [re.sub(r"<[^>]+>", " ", t) for t in found if t]


def _problems(texts: list[str]) -> list[str]:
    return [t for t in texts if DEVELOPER_WORDS.search(t) or ONE_PLURAL.search(t)]


@pytest.fixture
def window(make_window, repo):  # type: ignore[no-untyped-def]
    warmup = find_routine("pre-run-warmup")
    run_session(repo, warmup, datetime(2026, 2, 25, 7, 0, tzinfo=TZ), 3, 2, step=10.0)
    return make_window(startup=True)


def test_the_scan_catches_developer_words_and_plurals() -> None:
    for bad in ("Saved (the safety_check table)", "the columns are listed in the README",
                "1 sessions this week", "About 1 minutes"):
        assert _problems([bad]), bad
    assert not _problems(["1 session", "11 sessions", "Safety check", "1.5 weeks"])


def test_no_developer_words_or_wrong_plurals_on_any_screen(window) -> None:
    from ankle_trainer.ui.screens import SCREENS

    seen = []
    for spec in SCREENS:
        page = window.show_screen(spec.key)
        seen += texts_of(page)
    window.go_home()
    seen += texts_of(window)
    assert len(seen) > 50  # the scan really read the screens
    assert _problems(seen) == []


@pytest.mark.parametrize("name", ["export", "settings", "shortcuts", "about", "editor"])
def test_no_developer_words_in_the_dialogs(window, name: str) -> None:
    dialog = window.open_dialog(name)
    assert isinstance(dialog, QDialog)
    try:
        texts = texts_of(dialog)
        assert texts
        assert _problems(texts) == []
    finally:
        dialog.reject()
