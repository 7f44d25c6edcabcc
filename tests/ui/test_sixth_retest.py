"""Issue 11, sixth re-test by a fresh keyboard-only user: each finding as a
kind, with a test that fails without its fix."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QDialog, QLabel, QLineEdit

from ankle_trainer.core.library import exercise_library
from ankle_trainer.storage.routine_store import RoutineStore


def test_a_control_destroyed_as_the_focus_leaves_it_is_left_alone(make_window) -> None:
    """F4: as a file chooser closed, the focus helper was handed its name box,
    already destroyed, and printed a traceback to the terminal."""
    from shiboken6 import delete

    from ankle_trainer.ui.shell.focus import _FocusShown, scroll_into_view

    win = make_window(startup=True)
    shown = win.findChild(_FocusShown)
    assert shown is not None
    box = QLineEdit(win)
    delete(box)  # its C++ side gone, as in the middle of a dialog's destruction
    shown.show(box, box)  # no RuntimeError
    shown.show(box, win.home.routine_list)
    scroll_into_view(box)


def _inside_a_scroll_area(widget, top) -> bool:  # type: ignore[no-untyped-def]
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def test_a_refused_import_in_the_editor_is_said_where_it_shows(make_window, tmp_path, monkeypatch) -> None:
    """F4: a routine file refused by Import… was said at the foot of the scrolled
    form, below the view, and the keyboard was nowhere. The refusal shows in
    the dialog's own foot, in view, and the keyboard is back on Import…."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 800, 600))
    win = make_window(routine_store=RoutineStore(tmp_path / "routines", exercise_library()), startup=True)
    editor = win.open_dialog("editor")
    editor.confirm_discard = lambda r: True
    bad = tmp_path / "bad-values.toml"
    bad.write_text('format_version = 1\nid = "x"\nname = "X"\n[[steps]]\nexercise = "marching"\n'
                   'sets = 0\nreps = 10\n')
    editor.ask_open_path = lambda: str(bad)
    try:
        assert not editor.import_file()
        for _ in range(3):
            QApplication.processEvents()
        assert editor.error.isVisible() and "sets: 0 is out of range" in editor.error.text()
        assert not _inside_a_scroll_area(editor.error, editor)
        assert editor.error.visibleRegion().boundingRect() == editor.error.rect()  # whole, in view
        assert editor.height() <= 600
        assert editor.import_button.hasFocus()
    finally:
        editor.done(0)


def test_every_dialogs_message_line_is_outside_its_scrolled_part(make_window, tmp_path) -> None:
    """The kind of F4: a dialog's refusal line (``error``) never sits in a
    scrolled part, where a short window hides it."""
    from ankle_trainer.ui.dialogs import DIALOGS

    win = make_window(routine_store=RoutineStore(tmp_path / "routines", exercise_library()), startup=True)
    seen = []
    for spec in DIALOGS:
        if spec.key in ("import", "recover"):
            continue  # a file chooser (the asker), and a question box
        args = (win.home.selected_routine(),) if spec.key == "preview" else ()
        dialog = win.open_dialog(spec.key, *args)
        try:
            if isinstance(dialog, QDialog):
                for name in ("error", "problem", "message"):
                    line = getattr(dialog, name, None)
                    if isinstance(line, QLabel):
                        seen.append(spec.key)
                        assert not _inside_a_scroll_area(line, dialog), f"{spec.key}.{name}"
        finally:
            dialog.close()
    assert {"editor", "export"} <= set(seen)



def _not_following(page) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    wrong = []
    for area in page.findChildren(QScrollArea):
        inner = area.widget()
        if area.isVisible() and area.widgetResizable() and inner is not None \
                and inner.width() != area.viewport().width():
            wrong.append(f"{area.objectName() or type(area.parentWidget()).__name__}: its content is "
                         f"{inner.width()} px wide in a view of {area.viewport().width()} px")
    return wrong


def test_scrolled_words_rewrap_when_a_scroll_bar_appears(make_window, repo, clock) -> None:
    """F5: a message that took room from home made the routine's words scroll,
    and the scroll bar covered the ends of their lines ("load the ankle
    gradually again. Ca|"): the words kept the width they had before the bar.
    On every screen, with a message bar shown after it was laid out, every
    scroll area's content is as wide as its view."""
    from datetime import timedelta

    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.sample import run_session
    from ankle_trainer.storage.settings import Settings
    from ankle_trainer.ui.screens import SCREENS

    routine = builtin_routines()[0]
    for days in (1, 2, 3):
        run_session(repo, routine, clock.now() - timedelta(days=days), 3, 2, step=10.0)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    win.resize(1024, 690)
    win.offer_recommendation(win.controller.suggest_for(routine.id))
    win.home.select_routine("sprain-loading")  # the longest words
    wrong = []
    for spec in SCREENS:
        page = win.show_screen(spec.key)
        for _ in range(3):
            QApplication.processEvents()
        win.notice.show_message("Nothing was imported. The file's line 2, column 6 (status) holds a "
                                "value the app does not know. " * 2)
        for _ in range(5):  # laid out, and the scroll bars settled
            QApplication.processEvents()
        wrong += [f"{spec.key}: {w}" for w in _not_following(page)]
        win.notice.dismiss()
    assert wrong == [], "\n".join(wrong)
