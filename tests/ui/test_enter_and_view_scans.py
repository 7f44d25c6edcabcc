"""Scans over every dialog and page for what Enter does away from a button,
and for controls pushed out of view by a line that appears (issue 11, a
keyboard-only tester at 800 x 600): Enter in a box or on a check box presses
the main button or says why not; a message or a grown layout never leaves the
page's buttons or the focused control out of sight.

They visit every page the app has (``visit`` from test_every_page_scans), so
a new screen or dialog is checked without anyone remembering to add it.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QDialog,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from tests.ui.test_every_page_scans import _made_by_qt, _name, _out_of_view, visit
from tests.ui.test_every_page_scans import window as window  # noqa: F401 (the scans' 800 x 600 window)


def _reachable(page: QWidget, kinds: tuple[type, ...]) -> list[QWidget]:
    """``page``'s controls of ``kinds`` the keyboard can reach now."""
    return [w for w in page.findChildren(QWidget) if isinstance(w, kinds) and not _made_by_qt(w)
            and w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


class _Catch:
    """Records the buttons of a page pressed from now on; each press goes no
    further (its signals are blocked until :meth:`release`)."""

    def __init__(self, page: QWidget) -> None:
        self.pressed: list[QAbstractButton] = []
        self.links = [(b, b.pressed.connect(lambda b=b: self._caught(b)))
                      for b in page.findChildren(QPushButton)]

    def _caught(self, button: QAbstractButton) -> None:
        self.pressed.append(button)
        button.blockSignals(True)

    def release(self) -> list[QAbstractButton]:
        pressed = list(self.pressed)
        for b in pressed:
            b.blockSignals(False)
        self.pressed.clear()
        return pressed

    def end(self) -> None:
        for b, link in self.links:
            b.pressed.disconnect(link)


# -- 1. Enter in a dialog's box presses its main button, never Browse… ------------------
def test_enter_in_every_dialog_box_presses_its_one_default_button(window, clock, qtbot) -> None:
    wrong, seen = [], 0
    for key, page in visit(window, clock):
        if not isinstance(page, QDialog):
            continue
        buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
        defaults = [b for b in buttons if b.isDefault()]
        if len(defaults) != 1:
            wrong.append(f"{key}: default buttons {[_name(b) for b in defaults]}")
            continue
        main = defaults[0]
        wrong += [f"{key}: {_name(b)} becomes the default when it has the focus"
                  for b in buttons if b is not main and b.autoDefault()]
        catch = _Catch(page)
        try:
            for control in _reachable(page, (QLineEdit, QAbstractSpinBox, QCheckBox, QRadioButton)):
                seen += 1
                control.setFocus(Qt.FocusReason.TabFocusReason)
                qtbot.keyClick(control, Qt.Key.Key_Return)
                pressed = catch.release()
                if main.isEnabled() and pressed != [main]:
                    wrong.append(f"{key}: Enter in {_name(control)} pressed {[_name(b) for b in pressed]},"
                                 f" not {_name(main)}")
                if main.isDefault() is False:
                    wrong.append(f"{key}: {_name(main)} stopped being the default after {_name(control)}")
        finally:
            catch.end()
    assert seen > 20
    assert wrong == [], "\n".join(wrong)


# -- 2. Enter on a check box or a choice: the page's main button, or why not ------------
def _shown_words(page: QWidget) -> set[str]:
    from PySide6.QtWidgets import QLabel

    return {f"{id(label)} {label.text()}" for label in page.findChildren(QLabel)
            if label.isVisible() and label.text()}


def test_enter_on_every_check_box_says_space_ticks_and_on_a_choice_presses_the_main_button(
        window, clock, qtbot) -> None:
    """The one rule of the F1 list, on every screen and session page: Enter on
    a check box never goes on (a runner who meant to tick it, as Enter does in
    some programs, would go on with the answer unsaid): a line on the page says
    that Space ticks it and how to go on. Enter on a choice (an answer picked
    with the arrows) presses the page's main button, as in a dialog, and when
    that is not available, a line on the page says why."""
    wrong, seen = [], set()
    for key, page in visit(window, clock):
        if isinstance(page, QDialog):
            continue  # the dialogs: test_enter_in_every_dialog_box_presses_its_one_default_button
        boxes = _reachable(page, (QCheckBox, QRadioButton))
        if not boxes:
            continue
        main = getattr(page, "main_button", None)
        if not isinstance(main, QPushButton):
            wrong.append(f"{key}: has check boxes or choices but no main_button for Enter")
            continue
        seen.add(key)
        catch = _Catch(page)
        try:
            for box in boxes:
                box.setFocus(Qt.FocusReason.TabFocusReason)
                before = _shown_words(page)
                ticked = box.isChecked()
                qtbot.keyClick(box, Qt.Key.Key_Return)
                pressed = catch.release()
                said = _shown_words(page) - before
                if isinstance(box, QCheckBox):
                    if pressed or box.isChecked() != ticked or not any("Space ticks" in w for w in said):
                        wrong.append(f"{key}: Enter on {_name(box)} pressed {[_name(b) for b in pressed]} "
                                     f"or changed it, or did not say that Space ticks it: {said}")
                    page.say("")
                    continue
                if main.isEnabled() and pressed != [main]:
                    wrong.append(f"{key}: Enter on {_name(box)} pressed {[_name(b) for b in pressed]}")
                if not main.isEnabled() and (pressed or not said):
                    wrong.append(f"{key}: Enter on {_name(box)} refused without a word")
        finally:
            catch.end()
    assert {"heel_rise", "triage", "safety_check"} <= seen
    assert wrong == [], "\n".join(wrong)


def test_enter_on_the_heel_rise_page_says_why_when_the_test_is_ruled_out(make_window, repo, clock, qtbot) -> None:
    repo.record_safety_check(clock.now(), {"fever": True}, "urgent")  # no exercise today
    win = make_window()
    page = win.show_screen("heel_rise")
    QApplication.processEvents()
    assert not page.start_button.isEnabled()
    page.blocked_text.hide()
    page.age.setFocus()
    qtbot.keyClick(page.age, Qt.Key.Key_Return)
    assert page.blocked_text.isVisible() and page.blocked_text.text().startswith("Not today")


def test_enter_on_the_incline_box_never_starts_the_heel_rise_test(make_window, qtbot) -> None:
    """Fifth re-test: Enter on "I am standing on a 10-degree incline" started the
    test with the answer silently "no". It says that Space ticks the box and how
    to start, as the red-flag questions do; Space then ticks it and the words go."""
    win = make_window(safety_done=True)
    page = win.show_screen("heel_rise")
    QApplication.processEvents()
    assert page.incline.hasFocus() and page.start_button.isEnabled()
    qtbot.keyClick(page.incline, Qt.Key.Key_Return)
    assert page.stages.currentWidget() is page.intro and not page.incline.isChecked()
    assert page.key_note.isVisible() and page.key_note.text().startswith("Space ticks or clears this box")
    qtbot.keyClick(page.incline, Qt.Key.Key_Space)
    assert page.incline.isChecked() and not page.key_note.isVisible()
    page.age.setFocus()
    qtbot.keyClick(page.age, Qt.Key.Key_Return)  # Enter in the age box starts, as in a dialog
    assert page.stages.currentWidget() is not page.intro


# -- 3 and 4. a line that appears never leaves the buttons or the focus out of view -----
def _settle() -> None:
    for _ in range(4):  # posted layout requests and the zero timers after them, no waiting
        QApplication.processEvents()


def _number_boxes(window, clock) -> Iterator[tuple[str, QAbstractSpinBox]]:  # type: ignore[no-untyped-def]
    """Every number box (that says what it refused) of every page and dialog,
    with its page's key, while the page is on screen."""
    from ankle_trainer.ui.fields import _SaysTyped

    for key, page in visit(window, clock):
        if hasattr(page, "ask_unsaved"):
            page.ask_unsaved = lambda *_: "discard"  # the editor closes without asking
        if hasattr(page, "ask_unsaved_edits"):
            page.ask_unsaved_edits = lambda *_: "discard"  # History too, its typed values dropped
        for box in [b for b in _reachable(page, (QAbstractSpinBox,)) if isinstance(b, _SaysTyped)]:
            yield key, box


def test_tab_from_a_refused_number_keeps_the_next_box_in_view(window, clock, qtbot) -> None:
    """On every page and dialog with number boxes in a scroll area, a number
    out of range then Tab: the note appears under the box just left (the layout
    grows) and the box the focus went to is still whole in the view."""
    wrong, seen = [], set()
    for key, box in _number_boxes(window, clock):
        if not box.isVisible() or not box.isEnabled():
            continue  # a box before it switched it off
        seen.add(key)
        box.setFocus(Qt.FocusReason.TabFocusReason)
        _settle()
        box.selectAll()
        qtbot.keyClicks(box, "5000")
        qtbot.keyClick(box, Qt.Key.Key_Tab)
        _settle()
        focus = QApplication.focusWidget()
        if focus is not None and (where := _out_of_view(focus)):
            wrong.append(f"{key}: after Tab from {_name(box)}, {_name(focus)} {where}")
    assert {"editor", "settings"} <= seen
    assert wrong == [], "\n".join(wrong)


def _show_a_line(key: str, page: QWidget, qtbot) -> bool:  # type: ignore[no-untyped-def]
    """Make ``page`` show one of its message lines, as a runner's key does;
    False for a page that has none."""
    if key == "triage":
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # nothing chosen yet
        return page.problem.isVisible()
    if key == "heel_rise":
        page.blocked_text.setText("Not today: your answers in today's safety check rule out the test.")
        page.blocked_text.show()
        return True
    if key == "session_screen":
        qtbot.keyClick(page, Qt.Key.Key_Plus)  # nothing to add to yet: says why
        return page.notice.isVisible()
    if hasattr(page, "say"):
        page.say("Finish this session first: a line as the refused keys show it.")
        return page.note.isVisible()
    return False


def test_a_line_that_appears_never_pushes_the_buttons_or_the_focus_out_of_view(window, clock, qtbot) -> None:
    """Each screen and session page, in a window just tall enough for it at
    784 x 552 or less: a message line appears (a reason, a note), the page
    grows, and the buttons that were whole in view and the focused control
    are still whole."""
    from PySide6.QtWidgets import QScrollArea

    from ankle_trainer.ui.widgets import HomeButton

    wrong, seen = [], set()
    for key, page in visit(window, clock):
        if isinstance(page, QDialog):
            continue
        area = page.parentWidget().parentWidget()
        assert isinstance(area, QScrollArea), key
        window.resize(784, 552)
        _settle()
        spare = area.viewport().height() - page.minimumSizeHint().height()
        if spare > 0:  # just tall enough: the line makes the page scroll
            window.resize(784, window.height() - spare)
            _settle()
        # the page's buttons, not its header's "← Home" (the top of the page
        # scrolls away first: it is not what the line is about, and Esc goes home)
        before = [b for b in _reachable(page, (QPushButton,)) if not _out_of_view(b) and not isinstance(b, HomeButton)]
        if not _show_a_line(key, page, qtbot):
            continue
        seen.add(key)
        _settle()
        for control in [*before, QApplication.focusWidget()]:
            if control is not None and page.isAncestorOf(control) and (where := _out_of_view(control)):
                wrong.append(f"{key}: {_name(control)} {where} after a line appeared")
    window.resize(784, 552)
    assert {"triage", "heel_rise", "safety_check", "pain_check", "summary"} <= seen
    assert wrong == [], "\n".join(wrong)


def _form_label(box: QWidget) -> QWidget | None:
    """The form label beside ``box`` (or beside the field it is in), if any."""
    from PySide6.QtWidgets import QFormLayout, QLabel

    field: QWidget | None = box
    while field is not None and not field.isWindow():
        parent = field.parentWidget()
        for form in parent.findChildren(QFormLayout) if parent is not None else []:
            label = form.labelForField(field)
            if isinstance(label, QLabel) and label.text():
                return label
        field = parent
    return None


def test_a_refused_number_never_moves_its_box_away_from_its_label(window, clock, qtbot) -> None:
    """On every page and dialog, a number out of range in a box of a form: the
    note that says so appears under the box, and the box stays where it was
    beside its label (fifth re-test: the editor's Reps box jumped below
    "Reps:" when the note widened its field, and the form wrapped the row)."""
    wrong, seen = [], set()
    for key, box in _number_boxes(window, clock):
        label = _form_label(box)
        if label is None or not box.isVisible() or not box.isEnabled():
            continue
        seen.add(key)
        box.setFocus(Qt.FocusReason.TabFocusReason)
        _settle()
        beside = box.mapTo(label.parentWidget(), box.rect().topLeft()) - label.pos()
        box.selectAll()
        qtbot.keyClicks(box, "5000")
        qtbot.keyClick(box, Qt.Key.Key_Return if key == "session_screen" else Qt.Key.Key_Tab)
        _settle()
        after = box.mapTo(label.parentWidget(), box.rect().topLeft()) - label.pos()
        if box.note.isHidden():
            wrong.append(f"{key}: {_name(box)} said nothing of 5000")
        elif after != beside:
            wrong.append(f"{key}: {_name(box)} moved from {beside.toTuple()} to {after.toTuple()} "
                         f"from its label {label.text()!r}")
        box.say("")
    assert wrong == [], "\n".join(wrong)
    assert {"editor", "settings", "heel_rise"} <= seen


def _outside_scroll_areas(widget: QWidget, top: QWidget) -> bool:
    from PySide6.QtWidgets import QAbstractScrollArea

    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return False
        parent = parent.parentWidget()
    return True


def test_a_message_line_that_appears_in_a_dialog_grows_it_instead_of_squeezing_its_rows(
        window, clock) -> None:
    """Fifth re-test: the export dialog's error line took its room from the
    rows above it (squeezed buttons and boxes). In every dialog, each message
    line it can show (hidden word-wrapped lines outside its scroll areas), shown
    with three lines of words, makes the dialog taller (within the screen): the
    line shows whole and no control is squeezed below its natural height."""
    from PySide6.QtWidgets import QLabel

    words = "The file could not be written because the folder is read-only; choose another folder. " * 3
    wrong, seen = [], set()
    for key, page in visit(window, clock):
        if not isinstance(page, QDialog):
            continue
        lines = [lab for lab in page.findChildren(QLabel) if lab.isHidden() and lab.wordWrap()
                 and _outside_scroll_areas(lab, page) and lab.parentWidget().isVisible()]
        for line in lines:
            seen.add(key)
            line.setText(words)
            line.show()
            _settle()
            if line.height() < line.heightForWidth(line.width()):
                wrong.append(f"{key}: {line.objectName() or 'a line'} shows {line.height()} of "
                             f"{line.heightForWidth(line.width())} px")
            for control in page.findChildren(QWidget):
                if (control.isVisible() and isinstance(control, (QAbstractButton, QLineEdit, QAbstractSpinBox))
                        and _outside_scroll_areas(control, page) and not _made_by_qt(control)
                        and control.height() < control.sizeHint().height()):
                    wrong.append(f"{key} with {line.objectName() or 'a line'}: {_name(control)} "
                                 f"squeezed to {control.height()} of {control.sizeHint().height()} px")
            line.hide()
            _settle()
    assert wrong == [], "\n".join(wrong)
    assert "export" in seen
