"""Data trust and words (tester findings 3, 5, 13, 14, 15, 19, 20, 22, 30, 31):
a rating is only ever one the runner chose, a changed or refused value is said,
and no message outlives what it describes."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSlider, QSpinBox

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.settings import Settings


def _rating_inputs(root):  # type: ignore[no-untyped-def]
    """Every 0-10 rating input under ``root``: spin boxes whose top is 10, and pain scales."""
    from ankle_trainer.ui.screens.session.pages import PainScale

    scales = root.findChildren(PainScale)
    inside = {s.slider for s in scales}
    loose = [w for w in root.findChildren(QSlider) if w.minimum() == 0 and w.maximum() == 10 and w not in inside]
    assert loose == []  # a bare 0-10 slider cannot show "not rated": use PainScale
    return [w for w in root.findChildren(QSpinBox) if w.maximum() == 10] + scales


def test_every_rating_input_starts_unrated(make_window, repo, clock) -> None:
    """Finding 3 as a kind: no 0-10 box anywhere shows a value the runner never chose."""
    from ankle_trainer.storage.sample import run_session

    run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    assert win.banners.morning is not None
    from ankle_trainer.ui.dialogs import DIALOGS
    from ankle_trainer.ui.screens import SCREENS

    pages = {spec.key: win.show_screen(spec.key) for spec in SCREENS}  # built on first use
    win.show_screen("home")
    win.flow.pain_check, win.flow.summary  # noqa: B018
    inputs = _rating_inputs(win)
    assert len(inputs) >= 5  # morning pain + stiffness, three history boxes, pain check
    history = pages["history"]
    _, shown = history.current()  # history shows the selected session's own ratings, or a dash
    for key, spin in history.pain.items():
        stored = getattr(shown, key)
        assert spin.value() == (-1 if stored is None else stored), key
        assert spin.specialValueText() == "–"
    assert shown.pain_next_morning is None and history.pain["pain_next_morning"].text() == "–"
    for widget in inputs:
        if widget in history.pain.values():
            continue
        if isinstance(widget, QSpinBox):
            # unrated: the lowest value, shown as a dash, never a number
            assert widget.value() == widget.minimum() == -1, widget.accessibleName()
            assert widget.specialValueText() == "–", widget.accessibleName()
            assert widget.text() == "–"
        else:
            assert widget.value() is None, widget.question.text()  # a pain scale: nothing chosen
    for spec in DIALOGS:  # dialogs hold settings and counts, never a pain rating
        if spec.key in ("import", "recover", "preview"):
            continue
        dialog = win.open_dialog(spec.key)
        try:
            assert [w for w in _rating_inputs(dialog) if "pain" in w.accessibleName().lower()
                    and "threshold" not in w.accessibleName().lower()] == []
        finally:
            dialog.close()


def test_the_morning_question_saves_only_chosen_ratings(make_window, repo, clock, qtbot) -> None:
    from ankle_trainer.storage.sample import run_session

    sid = run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    banner = win.banners.morning
    spins = win.banners.morning_spins
    shown = not banner.isHidden()
    # Save with nothing chosen: refused, and said why; the question stays open
    banner.buttons["Save"].click()
    assert not banner.why.isHidden() and "Choose a pain and a stiffness rating" in banner.why.text()
    assert "Not now" in banner.why.text()
    assert (not banner.isHidden()) == shown and win.banners.morning is banner
    row = repo.get_session(sid)
    assert (row.pain_next_morning, row.stiffness_next_morning) == (None, None)
    # Enter in the pain box with only pain chosen says what is still missing
    spins["Pain"].setValue(3)
    spins["Pain"].setFocus()
    qtbot.keyClick(spins["Pain"].lineEdit(), Qt.Key.Key_Return)
    assert "Choose a stiffness rating" in banner.why.text()
    assert repo.get_session(sid).pain_next_morning is None
    # both chosen (0 is a real choice too): saved
    spins["Stiffness"].setValue(0)
    qtbot.keyClick(spins["Stiffness"].lineEdit(), Qt.Key.Key_Return)
    row = repo.get_session(sid)
    assert (row.pain_next_morning, row.stiffness_next_morning) == (3, 0)
    assert banner.isHidden()
