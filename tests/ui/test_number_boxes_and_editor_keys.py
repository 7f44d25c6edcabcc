"""Issue 11, new-user re-test: number boxes and the editor's undo keys.

1. A number typed outside a box's range shows as typed; when the typing ends
   the box keeps the nearest end of its range and its note says what was
   typed, the range's end, and what the box keeps (Qt alone kept the digits
   before the refused key: 9999 read as 99, said as "9 kept").
2. Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y in the routine editor act on the editor's
   changes whatever field has the focus (a number box took them for itself).
3. Space never types into a number box: a dash ("not rated") stays a dash.
   The next-morning check's "Rate ... first" reads on its own line.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QDateTimeEdit, QLabel

from ankle_trainer.core.library import builtin_routines, exercise_library
from ankle_trainer.storage.routine_store import RoutineStore
from ankle_trainer.storage.settings import Settings
from ankle_trainer.ui.fields import NotedDoubleSpinBox, NotedSpinBox
from tests.ui.test_every_page_scans import visit
from tests.ui.test_every_page_scans import window as window  # noqa: F401 (the scans' 800 x 600 window)

PACKAGE = Path(__file__).resolve().parents[2] / "ankle_trainer"


def _type_and_leave(qtbot, spin: QAbstractSpinBox, text: str) -> str:  # type: ignore[no-untyped-def]
    """Type ``text`` over the box's number, then leave the box (as Tab does);
    the number the box held as typed (a form that redraws may add ".0")."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    typed = spin.text().removesuffix(spin.suffix()).strip()  # type: ignore[attr-defined]
    QApplication.sendEvent(spin, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
    return typed


def _check_too_big(qtbot, spin: QAbstractSpinBox) -> None:  # type: ignore[no-untyped-def]
    """The kind's rule, on one box: what is said is what is kept."""
    top = spin.maximum()  # type: ignore[attr-defined]
    digits = str(int(top) * 10 + 9)
    typed = _type_and_leave(qtbot, spin, digits)
    assert typed.startswith(digits), typed  # shown as typed, not cut to the digits Qt would keep
    unit = spin.suffix()  # type: ignore[attr-defined]
    shown = f"{spin.textFromValue(top)}{unit}"  # type: ignore[attr-defined]
    assert spin.value() == top, (spin.accessibleName(), spin.value())  # type: ignore[attr-defined]
    assert spin.text() == shown
    said = spin.note.text()  # type: ignore[attr-defined]
    which = f"{spin.said_as}: " if spin.said_as else ""  # type: ignore[attr-defined]
    assert said.startswith(f"{which}{typed} is more than the most, {shown}"), said
    assert said.endswith(f"; the box keeps {shown}."), said
    assert spin.note.isVisibleTo(spin.window()), spin.accessibleName()  # type: ignore[attr-defined]
    for _ in range(3):  # the posted layout requests
        QApplication.processEvents()
    note = spin.note  # type: ignore[attr-defined]
    assert note.height() >= note.heightForWidth(note.width()), (spin.accessibleName(), said)  # never cut


def test_no_bare_qt_number_box_is_made_anywhere() -> None:
    """Every number box is made from ui/fields.py, so every one says what it refused."""
    bare = re.compile(r"\bQ(Double)?SpinBox\(")
    found = [f"{path.relative_to(PACKAGE)}:{n}" for path in PACKAGE.rglob("*.py") if path.name != "fields.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if bare.search(line)]
    assert found == []


def test_every_number_box_on_every_page_says_what_it_kept(window, clock, qtbot) -> None:  # noqa: F811
    seen: dict[str, int] = {}
    for key, page in visit(window, clock):
        if key == "editor":
            page.ask_unsaved = lambda routine: "discard"  # the boxes were typed in, then put back
        if key == "session_screen" and page.edit_button.isVisible():
            page.edit_button.click()  # the count of the set just done: E corrects it
        for spin in page.findChildren(QAbstractSpinBox):
            if isinstance(spin, QDateTimeEdit):
                continue  # a date box: days, months and years, not one number
            name = f"{key}: {spin.accessibleName()}"
            assert isinstance(spin, (NotedSpinBox, NotedDoubleSpinBox)), name
            if not (spin.isVisibleTo(page) and spin.isEnabled()) or spin.isReadOnly():
                continue
            before = spin.value()
            # Space is no number: the box shows and holds what it did
            shown = spin.text()
            spin.setFocus()
            spin.selectAll()  # as Tab leaves it
            qtbot.keyClick(spin, Qt.Key.Key_Space)
            assert (spin.text(), spin.value()) == (shown, before), name
            _check_too_big(qtbot, spin)
            spin.setValue(before)  # as it was: the next page starts as the runner left it
            assert spin.note.isHidden(), name
            seen[key] = seen.get(key, 0) + 1
    assert seen.get("settings", 0) >= 11 and seen.get("session_screen", 0) >= 1, seen
    assert seen.get("history", 0) >= 3 and seen.get("progress", 0) >= 1, seen


def test_the_settings_say_the_typed_number_and_the_limit(tmp_path, qtbot) -> None:
    """The finding: 9999 typed into a 0-60 box; the box keeps 60 and says so."""
    from ankle_trainer.ui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(Settings(), tmp_path, tray_available=True)
    qtbot.addWidget(dialog)
    _type_and_leave(qtbot, dialog.get_ready, "9999")
    assert dialog.get_ready.value() == 60
    assert dialog.get_ready.note.text() == "9999 is more than the most, 60 s; the box keeps 60 s."
    assert dialog.current.get_ready_seconds == 60  # what is said is what is kept
    dialog.pain_threshold.setValue(1)  # the safe zone's most comes down to 0
    _type_and_leave(qtbot, dialog.safe_zone, "8")
    assert dialog.safe_zone.value() == 0
    assert dialog.safe_zone.note.text() == (
        "8 is more than the most, 0 / 10 (it must stay below the pain threshold, 1 / 10); "
        "the box keeps 0 / 10.")
    _type_and_leave(qtbot, dialog.heel_rise_beat, "7")  # a decimal box too
    assert dialog.heel_rise_beat.value() == 2.0
    assert dialog.heel_rise_beat.note.text() == "7 is more than the most, 2.00 s; the box keeps 2.00 s."
    _type_and_leave(qtbot, dialog.get_ready, "5")  # a good value clears the note
    assert dialog.get_ready.value() == 5 and dialog.get_ready.note.isHidden()


def test_a_number_below_the_range_is_said_too(make_window, qtbot) -> None:
    """The heel-rise age starts at "Not given": 5 is less than the least age, 10."""
    win = make_window()
    page = win.show_screen("heel_rise")
    _type_and_leave(qtbot, page.age, "5")
    assert page.age.value() == 10 and page.age.text() == "10"
    assert page.age.note.text() == "5 is less than the least, 10; the box keeps 10."


# -- the routine editor's undo and redo keys ------------------------------------------------
@pytest.fixture
def editor(make_window, tmp_path: Path):  # type: ignore[no-untyped-def]
    win = make_window(routine_store=RoutineStore(tmp_path / "routines", exercise_library()))
    dialog = win.open_dialog("editor")
    dialog.ask_unsaved = lambda r: "discard"
    dialog.show()
    assert dialog.new_routine()
    yield dialog
    dialog.done(0)


def test_undo_and_redo_keys_work_from_every_field_of_the_editor(editor, qtbot) -> None:
    fields = [w for w in editor.findChildren(QAbstractSpinBox) if w.isVisible() and w.isEnabled()]
    fields += [editor.name, editor.description, editor.list, editor.steps]
    assert len(fields) >= 8
    for field in fields:
        editor.sets.setValue(editor.sets.value() % 5 + 1)  # a change to undo
        after = editor.working
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert editor.working != after and editor.sets.value() == editor.working.steps[0].sets, field
        for redo in ((Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
                     (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)):
            field.setFocus()
            qtbot.keyClick(field, *redo)
            assert editor.working == after, (field, redo)
            field.setFocus()
            qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            assert editor.working != after, (field, redo)
        editor.undo_stack.redo()


def test_a_typed_number_is_one_change_that_ctrl_z_undoes(editor, qtbot) -> None:
    """The rule: Ctrl+Z undoes the editor's last change, and what is being typed is a change."""
    editor.rest_after.setValue(2)
    first = editor.working
    editor.rest_after.setFocus()
    editor.rest_after.selectAll()
    qtbot.keyClicks(editor.rest_after, "15")
    assert editor.rest_after.text().startswith("15") and editor.working == first  # typing, not yet taken
    qtbot.keyClick(editor.rest_after, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.working == first and editor.rest_after.value() == 2  # the typing, undone whole
    qtbot.keyClick(editor.rest_after, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.working.steps[0].rest_after == 15  # one change, redone whole: never 1 on the way
    qtbot.keyClick(editor.rest_after, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.working == first
    editor.name.setFocus()
    editor.name.selectAll()
    qtbot.keyClicks(editor.name, "Calf work")  # not yet taken (no Enter, no Tab)
    qtbot.keyClick(editor.name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.working == first and editor.name.text() == first.name
    qtbot.keyClick(editor.name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # then the change before
    assert editor.working != first


def test_a_decimal_can_be_typed_while_the_form_redraws(editor, qtbot) -> None:
    """The editor redraws its form after each change: setting the value a box
    already had rewrote the text being typed, so "1.5" kg became 1.0 kg."""
    editor.activateWindow()
    QApplication.processEvents()
    editor.kind.setCurrentIndex(0)  # repetitions: tempo and load apply
    for box, unit in ((editor.load, " kg"), (editor.tempo[0], "")):
        box.setFocus()
        assert box.hasFocus()
        box.selectAll()
        qtbot.keyClicks(box, "1.5")
        qtbot.keyClick(box, Qt.Key.Key_Tab)  # the typing ends: the value is taken, the form redrawn
        assert (box.text(), box.value()) == (f"1.5{unit}", 1.5), box.accessibleName()
    assert editor.working.steps[0].load_kg == 1.5


# -- the next-morning check -----------------------------------------------------------------
def test_the_morning_check_says_what_is_missing_on_its_own_line(make_window, repo, clock, qtbot) -> None:
    from ankle_trainer.storage.sample import run_session

    run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    win.resize(784, 552)  # 800 x 600 less the window frame
    win.show()
    banner, spins = win.banners.morning, win.banners.morning_spins
    for spin in spins.values():  # Space leaves a not-rated box not rated
        spin.setFocus()
        spin.selectAll()  # as Tab leaves it
        qtbot.keyClick(spin, Qt.Key.Key_Space)
        assert (spin.value(), spin.text()) == (-1, "–")
    spins["Pain"].setValue(3)
    banner.buttons["Save"].click()
    for _ in range(3):  # the posted layout requests: banner, its scroll area, the window
        QApplication.processEvents()
    why = banner.findChild(QLabel, "morningWhy")
    assert why.isVisible() and why.text().startswith("Rate stiffness first")
    # its own line under the row, the banner's width, its words whole
    assert why.geometry().top() >= banner.buttons["Save"].geometry().bottom()
    assert why.width() >= banner.width() * 0.8
    assert why.heightForWidth(why.width()) <= why.height()
    assert win.width() <= 784
    _type_and_leave(qtbot, spins["Pain"], "11")  # too much: kept at 10 and said, on its own line
    assert spins["Pain"].value() == 10
    assert spins["Pain"].note.text() == "Pain: 11 is more than the most, 10; the box keeps 10."
    spins["Stiffness"].setValue(0)  # all rated: nothing is missing any more
    assert why.isHidden()
    assert spins["Pain"].note.width() >= banner.width() * 0.8


def test_space_in_a_not_rated_history_box_keeps_the_dash(make_window, repo, clock, qtbot) -> None:
    from ankle_trainer.storage.sample import run_session

    run_session(repo, builtin_routines()[0], clock.now() - timedelta(days=1), 3, 2)
    win = make_window(settings=Settings(disclaimer_seen=True))
    win.show()
    win.activateWindow()
    page = win.show_screen("history")
    QApplication.processEvents()
    spin = page.pain["pain_next_morning"]
    assert spin.text() == "–" and spin.isEnabled()
    spin.setFocus()
    assert spin.hasFocus()
    spin.selectAll()  # as Tab leaves it
    qtbot.keyClick(spin, Qt.Key.Key_Space)
    assert (spin.value(), spin.text()) == (-1, "–")



def test_the_step_list_never_shows_a_number_half_typed(editor, qtbot) -> None:
    """Fifth re-test: typing 500 in Reps showed "2 x 50 reps" in the step list on
    the way. The list (and the time estimate) change once, when the typing ends,
    and a number out of range says so under the box, which keeps its limit."""
    editor.kind.setCurrentIndex(0)  # sets x reps
    editor.reps.setFocus()
    editor.reps.selectAll()
    before = editor.steps.item(0).text()
    for digit in "500":
        qtbot.keyClicks(editor.reps, digit)
        assert editor.steps.item(0).text() == before, digit  # never "5 reps", "50 reps" on the way
    qtbot.keyClick(editor.reps, Qt.Key.Key_Tab)
    high = editor.reps.maximum()
    assert editor.reps.value() == high and f"500 is more than the most, {high}" in editor.reps.note.text()
    assert editor.steps.item(0).text().endswith(f" {high} reps")
