"""Scans over every screen, session page and dialog for the kinds of fault a
keyboard-only tester at 800 x 600 found (issue 11, third re-test): where the
focus starts and whether it shows, arrow keys in choice groups, mouse-only
words, text cut at a small size, dialogs wider than a small screen.

Each scan visits every page the app has (``visit``), so a new screen or dialog
is checked without anyone remembering to add it; a page the expectations do not
know fails the scan until it says where its focus should start.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QScreen, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTabBar,
    QToolButton,
    QWidget,
)

from ankle_trainer.core.library import builtin_routines
from ankle_trainer.storage.settings import Settings
from ankle_trainer.ui.dialogs import DIALOGS
from ankle_trainer.ui.screens import SCREENS
from tests.ui.test_session_gui import advance

SESSION_PAGES = ("safety_check", "safety_stop", "pain_check", "session_screen", "summary")

#: Where the keyboard starts on each page: the control a keyboard user acts on
#: first. A new page must be added here (the scan fails until it is).
FIRST_CONTROL: dict[str, Callable[[QWidget], QWidget]] = {
    "home": lambda p: p.routine_list,
    "history": lambda p: p.table if p.table.isVisibleTo(p) and p.table.isEnabled() else p.home_button,
    "progress": lambda p: p.tabs.tabBar(),
    "heel_rise": lambda p: p.incline,  # the steps' first question; Start comes after the form
    "learn": lambda p: p.text,
    "triage": lambda p: next(iter(p.area_buttons.values())),
    "safety_check": lambda p: next(iter(p.boxes.values())),
    "safety_stop": lambda p: p.home_button,
    "pain_check": lambda p: p.scale.slider,
    "session_screen": lambda p: p,
    "summary": lambda p: p.scale.slider,
    "export": lambda d: d.sessions,
    "report": lambda d: d.period_choice,
    "editor": lambda d: d.list,
    "settings": lambda d: d.first_control,
    "shortcuts": lambda d: d.scroll,
    "about": lambda d: d.scroll,
    "preview": lambda d: d.list,
}

#: Pages whose keyboard starts on their main part rather than on the first
#: control in their Tab order, and why. Every other page starts on its first.
STARTS_ON_MAIN_ACTION = {
    "home": "the routine list: choosing a routine is what home is for (Where does it hurt? is above it)",
    "history": "the sessions table; Export above it acts on what the table shows",
    "progress": "the charts' tabs; the date range in the header row keeps its last choice",
    "safety_stop": "Back to the home screen: the safe way on after a red flag, not changing the answers",
}


@pytest.fixture
def window(make_window, tiny_routine, repo, clock, monkeypatch):  # type: ignore[no-untyped-def]
    """The window at 800 x 600 on a history with sessions of the routines with
    the longest names (recent sessions, charts and calendar all filled)."""
    from datetime import timedelta

    from ankle_trainer.storage.sample import run_session

    longest = sorted(builtin_routines(), key=lambda r: -len(r.name))[:3]
    for days, routine in enumerate(longest * 2, start=1):
        run_session(repo, routine, clock.now() - timedelta(days=3 * days), 3, 2, step=10.0)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 800, 600))
    win = make_window(routines=(tiny_routine, *builtin_routines()), safety_done=False,
                      settings=Settings(disclaimer_seen=True), startup=True)
    win.resize(784, 552)  # 800 x 600 less the window frame
    QApplication.processEvents()  # posted layout requests, no waiting
    return win


def visit(win, clock) -> Iterator[tuple[str, QWidget]]:  # type: ignore[no-untyped-def]
    """Show every screen, every session page and every dialog in turn and
    yield (key, the page or dialog) while it is on screen."""
    for spec in SCREENS:
        page = win.show_screen(spec.key)
        QApplication.processEvents()
        yield spec.key, page
    win.show_screen("home")
    win.home.select_routine("tiny")
    win.home.start_button.click()  # no check yet today: the red-flag check
    QApplication.processEvents()
    yield "safety_check", win.flow.safety_check
    win.flow.safety_check.boxes["fever"].setChecked(True)
    for area in win.flow.safety_check.findChildren(QScrollArea):  # Tabbed down to the end
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    win.flow.safety_check.continue_button.click()
    QApplication.processEvents()
    yield "safety_stop", win.flow.safety_stop
    win.flow.safety_stop.change_button.click()  # a mistake: answer again
    QApplication.processEvents()
    yield "safety_check", win.flow.safety_check  # shown again, as it was left
    win.flow.safety_check.boxes["fever"].setChecked(False)
    win.flow.safety_check.continue_button.click()
    QApplication.processEvents()
    yield "pain_check", win.flow.pain_check
    win.flow.pain_check.scale.setValue(2)
    win.flow.pain_check.start_button.click()
    QApplication.processEvents()
    yield "session_screen", win.flow.session_screen
    advance(win, clock, 16.5)  # a set done, resting: the after-set rows shown
    QApplication.processEvents()
    yield "session_screen", win.flow.session_screen
    win.flow.session_screen.confirm_stop = lambda: True
    win.flow.session_screen.request_stop()
    QApplication.processEvents()
    yield "summary", win.flow.summary
    win.flow.summary.skip_button.click()
    for spec in DIALOGS:
        if spec.key in ("import", "recover"):
            continue  # a file chooser (the asker), and a question box
        args = (win.home.selected_routine(),) if spec.key == "preview" else ()
        dialog = win.open_dialog(spec.key, *args)
        QApplication.processEvents()
        try:
            yield spec.key, dialog
        finally:
            dialog.close()


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    words = text() if callable(text) else ""
    return f"{type(widget).__name__} {widget.objectName() or widget.accessibleName() or words!s:.40}"


# -- 3. where the focus starts, and that it shows -----------------------------------
def test_every_page_starts_with_the_focus_on_its_first_control(window, clock) -> None:
    from ankle_trainer.ui.widgets import HomeButton

    wrong = []
    for key, page in visit(window, clock):
        assert key in FIRST_CONTROL, f"{key}: say where its keyboard focus starts"
        expected = FIRST_CONTROL[key](page)
        # the first control is the first the Tab order reaches after "← Home"
        # (what the page asks first), unless the page says why it starts elsewhere
        stops = [w for w in _tab_stops(page) if not isinstance(w, HomeButton)]
        first = stops[0] if stops else page
        if first is not expected and first.focusProxy() is not expected and key not in STARTS_ON_MAIN_ACTION:
            wrong.append(f"{key}: starts on {_name(expected)}, not on the first control {_name(first)}")
        focus = QApplication.focusWidget() if page.isWindow() else window.focusWidget()
        if focus is not expected:
            wrong.append(f"{key}: {_name(focus) if focus else None} instead of {_name(expected)}")
        if not page.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange):
            wrong.append(f"{key}: its focus frame is not drawn before a Tab")
    assert wrong == [], "\n".join(wrong)


def test_the_focus_frame_stays_on_after_the_window_is_activated_again(window, clock) -> None:
    other = QWidget()
    other.show()
    other.activateWindow()
    QApplication.processEvents()
    window.activateWindow()
    QApplication.processEvents()
    assert QApplication.focusWidget() is window.home.routine_list
    assert window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    other.close()


def _focus_shows(widget: QWidget) -> bool:
    """True when ``widget`` looks different with the keyboard focus than without."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    QApplication.processEvents()
    focused: QImage = widget.grab().toImage()
    widget.clearFocus()
    QApplication.processEvents()
    plain: QImage = widget.grab().toImage()
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    return focused != plain


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_focused_first_control_of_every_page_shows_its_focus(window, clock, theme) -> None:
    from ankle_trainer.ui.theme import apply_theme

    app = QApplication.instance()
    apply_theme(app, theme)
    try:
        unseen = [key for key, page in visit(window, clock)
                  if key != "session_screen"  # the whole screen has the keys, not one control
                  and not _focus_shows(FIRST_CONTROL[key](page))]
    finally:
        apply_theme(app, "system")
    assert unseen == [], "\n".join(unseen)


# -- 4. arrow keys in a group of choices ---------------------------------------------
def test_in_every_choice_group_the_first_arrow_chooses_the_first_choice(window, clock, qtbot) -> None:
    seen = 0
    for key, page in visit(window, clock):
        groups: dict[int, list[QRadioButton]] = {}
        for radio in page.findChildren(QRadioButton):
            if radio.isVisible():
                group = radio.group()
                groups.setdefault(id(group) if group else id(radio.parentWidget()), []).append(radio)
        for buttons in groups.values():
            seen += 1
            group = buttons[0].group()
            if group is not None:
                group.setExclusive(False)
            for b in buttons:
                b.setAutoExclusive(False)
                b.setChecked(False)
                b.setAutoExclusive(group is None)
            if group is not None:
                group.setExclusive(True)
            first = buttons[0]
            first.setFocus(Qt.FocusReason.TabFocusReason)
            qtbot.keyClick(first, Qt.Key.Key_Down)
            assert first.isChecked() and first.hasFocus(), (key, first.text())
            qtbot.keyClick(first, Qt.Key.Key_Down)
            assert buttons[1].isChecked() and buttons[1].hasFocus(), (key, buttons[1].text())
    assert seen >= 4  # triage's three questions and the export's choice at least


# -- 5. words that name only the mouse -------------------------------------------------
MOUSE_ONLY = re.compile(r"\b(click\w*|point(ing)? at|drag\w*|scroll\w*|hover\w*|mouse)\b", re.IGNORECASE)
KEYS = re.compile(r"\b(key|keys|Tab|arrows?|Enter|Space|Page (Up|Down)|Home|End|Esc|(Ctrl|Shift|Alt)\+)")


def _words(widget: QWidget) -> list[str]:
    found = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription(),
             getattr(widget, "placeholderText", lambda: "")()]
    text = getattr(widget, "text", None)
    if callable(text):
        value = text()
        if isinstance(value, str):
            found.append(value)
    return [w for w in found if w]


def _made_by_qt(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (a tab bar's arrow buttons,
    named "Scroll Left" by Qt): not ours to word, and they take no focus."""
    return widget.objectName().startswith("qt_") or isinstance(widget.parentWidget(), QTabBar)


def test_no_instruction_on_any_page_names_only_the_mouse(window, clock) -> None:
    bad = []
    for key, page in visit(window, clock):
        for widget in [page, *page.findChildren(QWidget)]:
            if _made_by_qt(widget):
                continue
            for words in _words(widget):
                if MOUSE_ONLY.search(words) and not KEYS.search(words):
                    bad.append(f"{key}: {words[:80]}")
    assert bad == [], "\n".join(bad)


def _mouse_only_strings(source: str) -> list[str]:
    """The string literals in ``source`` (not docstrings) that name the mouse
    without a key: labels, tool tips, placeholders, status and notice words."""
    import ast

    tree = ast.parse(source)
    docstrings = {id(node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            words = node.value
            if " " in words.strip() and MOUSE_ONLY.search(words) and not KEYS.search(words):
                found.append(f"{node.lineno}: {words[:80]}")
    return found


def test_no_words_in_the_source_name_only_the_mouse() -> None:
    """Words shown only sometimes (a status message, a notice, a tool tip set
    on hover) are not on any page the scan above visits: the source is read."""
    from pathlib import Path

    import ankle_trainer

    bad = [f"{path.name}:{line}" for path in sorted(Path(ankle_trainer.__file__).parent.rglob("*.py"))
           for line in _mouse_only_strings(path.read_text("utf-8"))]
    assert bad == [], "\n".join(bad)


def test_the_source_scan_would_catch_mouse_only_words() -> None:
    source = 'HINT = "Point at the chart to see values."\nOK = "Press Tab, or click it."\n'
    assert _mouse_only_strings(source) == ["1: Point at the chart to see values."]


def test_the_charts_can_be_read_with_the_keyboard_as_their_words_say(make_window, repo, clock, qtbot) -> None:
    from datetime import timedelta

    from ankle_trainer.storage.sample import run_session

    routine = builtin_routines()[0]
    for day in (3, 10, 17):
        run_session(repo, routine, clock.now() - timedelta(days=day), 4, 3, step=10.0)
    win = make_window(settings=Settings(disclaimer_seen=True), startup=True)
    QApplication.processEvents()  # the window active: the focus can go in
    page = win.show_screen("progress")
    for tab, chart in ((0, page.adherence), (1, page.pain), (2, page.volume)):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        assert "Left and Right" in chart.plot.accessibleDescription()
        points = chart.points()
        assert len(points) >= 3, chart.title.text()
        chart.plot.setFocus(Qt.FocusReason.TabFocusReason)
        assert chart.key_marker.isVisible()  # the focus shows where the keys are: the latest value
        assert chart.key_marker.value() == points[-1]
        latest = chart.readout.text()
        assert latest == chart.describe(points[-1]) and latest, chart.title.text()
        qtbot.keyClick(chart.plot, Qt.Key.Key_Left)
        assert chart.key_marker.value() == points[-2]
        assert chart.readout.text() == chart.describe(points[-2]) != latest
        qtbot.keyClick(chart.plot, Qt.Key.Key_Home)
        assert chart.key_marker.value() == points[0]
        qtbot.keyClick(chart.plot, Qt.Key.Key_Left)  # at the first: stays
        assert chart.key_marker.value() == points[0]
        qtbot.keyClick(chart.plot, Qt.Key.Key_End)
        assert chart.key_marker.value() == points[-1] and chart.readout.text() == latest
        chart.plot.clearFocus()
        assert not chart.key_marker.isVisible()
    page.tabs.setCurrentIndex(0)
    heat = page.calendar.heatmap
    assert "arrow keys" in page.calendar.readout.text()
    heat.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(heat, Qt.Key.Key_Down)  # the first key marks the latest day
    last_day, level = heat.days[-1]
    assert page.calendar.readout.text() == heat.describe(last_day, level)
    qtbot.keyClick(heat, Qt.Key.Key_Left)  # a week earlier
    day, level = heat.days[-8]
    assert day == last_day - timedelta(days=7)
    assert page.calendar.readout.text() == heat.describe(day, level)
    qtbot.keyClick(heat, Qt.Key.Key_Up)  # a day earlier
    assert page.calendar.readout.text() == heat.describe(*heat.days[-9])


# -- 6. text cut at 800 x 600 ------------------------------------------------------------
def _cut(label: QLabel) -> str | None:
    """Why ``label``'s text does not fit across it, or None: text is wrapped,
    fits, or is elided with the whole text in its tool tip."""
    from PySide6 import QtGui

    text = label.text()
    if not text or not label.isVisible():
        return None
    room = label.contentsRect().width() - 2 * label.margin() - max(0, label.indent())
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(room)
        needed = doc.idealWidth() if label.wordWrap() else doc.size().width()
    else:
        if label.buddy() is not None:  # "&Period:" shows as "Period:", P underlined
            text = re.sub(r"&(.)", r"\1", text)
        lines = text.split("\n")
        if label.wordWrap():  # only a word longer than the line can be cut
            lines = [w for line in lines for w in line.split()]
        needed = max(label.fontMetrics().horizontalAdvance(line) for line in lines)
    if needed <= room + 1:
        return None
    if "…" in text and label.toolTip():
        return None  # elided on purpose, the whole text in the tool tip
    return f"needs {needed:.0f} px, has {room}"


def _squeezed(label: QLabel) -> str | None:
    """A short line ("About 1 minute · 2 steps") wrapped onto three lines or
    more: squeezed beside other controls."""
    text = label.text()
    if not label.isVisible() or not label.wordWrap() or "\n" in text or "<" in text or len(text) > 50:
        return None
    lines = label.heightForWidth(label.contentsRect().width()) / label.fontMetrics().lineSpacing()
    return f"wraps onto {lines:.0f} lines" if lines >= 2.5 else None


def _combo_cut(combo: QComboBox) -> list[str]:
    """The items of ``combo`` that would show cut in its box ("Ankle pu" for
    "Ankle pumps"), whichever is chosen: each item's text, measured with the
    combo's own font, against the field the style draws the choice in at the
    combo's width now. Eliding is no way out: a keyboard user never sees a
    tool tip."""
    from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

    if not combo.isVisible() or combo.isEditable():
        return []
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    room = field.width() - 2  # the label is drawn 1 px in from each side of the field
    fm = combo.fontMetrics()
    return [f"{combo.itemText(i)!r} cut: needs {fm.horizontalAdvance(combo.itemText(i))} px, has {room}"
            for i in range(combo.count()) if fm.horizontalAdvance(combo.itemText(i)) > room]


def _each_tab(page: QWidget) -> Iterator[None]:
    """Show each tab of every tab widget of ``page`` in turn (the first again after)."""
    from PySide6.QtWidgets import QTabWidget

    yield
    for tabs in page.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(1, tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            yield
        tabs.setCurrentIndex(0)
        QApplication.processEvents()


@pytest.mark.parametrize("size", [(784, 552), (1264, 672)])
def test_no_drop_down_list_shows_its_choice_cut(window, clock, size) -> None:
    """Every combo box on every page, tab and dialog, at 800 x 600 and 1280 x 720
    (less the frame), is wide enough for each of its items."""
    window.resize(*size)
    QApplication.processEvents()
    cut, seen = [], 0
    for key, page in visit(window, clock):
        for _ in _each_tab(page):
            for combo in page.findChildren(QComboBox):
                seen += combo.isVisible()
                cut += [f"{key}: {combo.accessibleName()} {why}" for why in _combo_cut(combo)]
                if combo.isVisible() and not combo.isEditable() and \
                        combo.sizeAdjustPolicy() != QComboBox.SizeAdjustPolicy.AdjustToContents:
                    cut.append(f"{key}: {combo.accessibleName()} keeps the width of its first items")
    assert seen >= 8
    assert cut == [], "\n".join(cut)


def _blank_choices(combo: QComboBox) -> list[int]:
    """The rows of ``combo`` with no words (a screen reader says nothing for them)."""
    return [i for i in range(combo.count()) if not combo.itemText(i).strip()]


def test_every_drop_down_choice_has_words(window, clock) -> None:
    """Every choice of every drop-down, on every page, tab and dialog (shown or
    not), says what it is: the editor's Band box offered "no band" as a blank
    row beside Balance's "Not a balance exercise" (tenth round, F6)."""
    blank, seen = [], 0
    for key, page in visit(window, clock):
        for _ in _each_tab(page):
            for combo in page.findChildren(QComboBox):
                seen += combo.count() > 0
                blank += [f"{key}: {_name(combo)} row {i}" for i in _blank_choices(combo)]
    assert seen >= 8
    assert blank == [], "\n".join(blank)


def test_the_blank_choice_scan_would_catch_a_blank_row(qtbot) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["tan", " ", "red", ""])
    assert _blank_choices(combo) == [1, 3]


def test_the_exercise_choice_widens_for_names_that_come_after_it_was_shown(window, monkeypatch) -> None:
    """The Volume tab's exercises arrive with the data, after the box was first
    shown: at 800 x 600 it showed "Ankle pu" (re-test under X11)."""
    from datetime import date

    from ankle_trainer.ui.screens.progress import page as progress

    real = progress.load_volume
    monkeypatch.setattr(progress, "load_volume",  # the first time the tab shows: short names only
                        lambda *a: {n: rows for n, rows in real(*a).items() if len(n) < 15})
    page = window.show_screen("progress")
    page.tabs.setCurrentWidget(page.volume)
    QApplication.processEvents()
    assert page.data is not None and page.data.volume is not None
    names = {step.exercise.name for routine in builtin_routines() for step in routine.steps}
    name = max(names, key=page.volume.exercise.fontMetrics().horizontalAdvance)  # the widest
    assert name not in page.data.volume
    page.data.volume = {name: [(date(2026, 2, 23), 40, 0.0)], **real(page.repo, page.data.first_day)}
    page.volume.set_data(page.data)  # the data changed: the widest name with the rest
    page.volume.exercise.setCurrentText(name)
    QApplication.processEvents()
    assert page.volume.exercise.currentText() == name
    assert _combo_cut(page.volume.exercise) == []


def test_no_text_is_cut_at_800_by_600(window, clock) -> None:
    from tests.ui.test_window_keys_and_size import outside_parent

    cut = []
    for key, page in visit(window, clock):
        for label in page.findChildren(QLabel):
            why = _cut(label) or _squeezed(label)
            if why:
                cut.append(f"{key}: {label.objectName() or label.text()[:50]!r} {why}")
            # a label wider than the scroll area it sits in is cut at the right edge
            if label.isVisible():
                for area in _scroll_ancestors(label, page):
                    right = label.mapTo(area.viewport(), label.rect().topRight()).x()
                    if area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff \
                            and right > area.viewport().width() + 1:
                        cut.append(f"{key}: {label.objectName() or label.text()[:50]!r} past its area's edge")
        if not page.isWindow():
            assert outside_parent(page) == [], key
            if page.minimumSizeHint().width() > window.stack.width():  # it would scroll sideways
                cut.append(f"{key}: needs {page.minimumSizeHint().width()} px across, has {window.stack.width()}")
        for area in page.findChildren(QScrollArea):
            if area.isVisible() and area.horizontalScrollBar().maximum() > 0:
                cut.append(f"{key}: {area.objectName() or type(area).__name__} scrolls sideways")
        cut += [f"{key}: {combo.accessibleName()} {why}" for combo in page.findChildren(QComboBox)
                for why in _combo_cut(combo)]
    assert cut == [], "\n".join(cut)


def test_home_fits_800_by_600_whichever_routine_is_selected(window, clock) -> None:
    """The home page's words depend on the routine chosen (its name, "about N
    minutes · suggested ... · level 1 of 5"): a line that does not wrap made
    the page wider than an 800 x 600 window for some routines only (found
    under X11 after a session). Every routine is tried, with the banners and
    a session of the chosen routine in the week shown."""
    home = window.show_screen("home")
    too_wide = []
    for row in range(home.routine_list.count()):
        home.routine_list.setCurrentRow(row)
        QApplication.processEvents()
        name = home.selected_routine().name
        if home.minimumSizeHint().width() > window.stack.width():
            too_wide.append(f"{name}: needs {home.minimumSizeHint().width()} px, has {window.stack.width()}")
        too_wide += [f"{name}: {label.objectName() or label.text()[:40]!r} {why}"
                     for label in home.findChildren(QLabel) if (why := _cut(label))]
    assert row >= 13, "every built-in routine was tried"
    assert too_wide == [], "\n".join(too_wide)


def _scroll_ancestors(widget: QWidget, top: QWidget) -> list[QAbstractScrollArea]:
    found = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            found.append(parent)
        parent = parent.parentWidget()
    return found


# -- 7. dialogs within 800 x 600 ------------------------------------------------------------
def test_every_dialog_fits_800_by_600_without_scrolling_sideways(window, clock) -> None:
    room = (800 - 16, 600 - 48)  # less the window manager's frame
    wide = []
    for key, page in visit(window, clock):
        if not page.isWindow():
            continue
        least = page.minimumSizeHint().expandedTo(page.minimumSize())
        if least.width() > room[0] or least.height() > room[1]:
            wide.append(f"{key}: needs at least {least.width()} x {least.height()}")
        for area in page.findChildren(QScrollArea):
            if area.isVisible() and area.horizontalScrollBar().maximum() > 0:
                wide.append(f"{key}: scrolls sideways by {area.horizontalScrollBar().maximum()} px")
        if page.width() > room[0]:
            wide.append(f"{key}: {page.width()} px wide")
    assert wide == [], "\n".join(wide)


# -- 1. a refused key says why -------------------------------------------------------
def test_enter_on_an_unrated_page_says_what_to_do(window, clock, qtbot) -> None:
    for key, page in visit(window, clock):
        if key not in ("pain_check", "summary"):
            continue
        assert not page.main_button.isEnabled()
        qtbot.keyClick(page.scale.slider, Qt.Key.Key_Return)
        assert page.note.isVisible(), key
        assert "number key" in page.note.text() and "Alt+W" in page.note.text(), key
        assert page.skip_button.text().replace("&", "") in ("Start without rating", "Finish without rating")
        assert "&w" in page.skip_button.text()  # Alt+W, as the note says
        page.scale.setValue(3)
        assert not page.note.isVisible(), key  # the note goes once the runner chose


def test_refused_session_keys_say_why(window, clock, qtbot) -> None:
    for key, _page in visit(window, clock):
        if key == "session_screen":
            break
    screen = window.flow.session_screen  # getting ready: nothing done yet
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_E, Qt.Key.Key_X, Qt.Key.Key_C, Qt.Key.Key_4):
        if hasattr(screen, "notice"):
            screen.notice.hide()
        qtbot.keyClick(screen, key)
        assert screen.notice.isVisible() and screen.notice.text(), key


def _press(qtbot, window, name: str) -> None:  # type: ignore[no-untyped-def]
    """Press the window action ``name``'s own shortcut, as a runner does, on
    the control that has the keyboard (so a page that ate the keys fails)."""
    combo = window.actions_by_key[name].shortcut()[0]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, combo.key(), combo.keyboardModifiers())
    QApplication.processEvents()


def test_window_shortcuts_on_every_session_page_work_or_say_why(window, clock, qtbot) -> None:
    """Every window shortcut pressed on a session page either does its job
    (a dialog opens) or is refused with the reason on the page itself."""
    blocked = {"editor", "import", "start", "recover",
               *[s.key for s in SCREENS if s.blocked_during_session]}
    seen = set()
    for key, page in visit(window, clock):
        if key not in ("session_screen", "summary"):
            continue
        seen.add(key)
        for name in ("editor", "history", "progress", "start"):  # Ctrl+R, Ctrl+Return, ...
            assert name in blocked
            _press(qtbot, window, name)
            assert window.stack.currentWidget() is page, (key, name)  # still on the page
            if key == "summary":
                assert page.note.isVisible() and "Finish this session first" in page.note.text(), name
                page.say("")
            else:
                assert page.notice.isVisible() and "Esc" in page.notice.text(), name
                page.notice.hide()
        for name in ("shortcuts", "settings"):  # not blocked: they open over the page
            _press(qtbot, window, name)
            dialog = getattr(window, f"{name}_dialog", None)
            assert dialog is not None and dialog.isVisible(), (key, name)
            dialog.close()
            QApplication.processEvents()
            window.activateWindow()
            QApplication.processEvents()
            delattr(window, f"{name}_dialog")
    assert seen == {"session_screen", "summary"}


def _views_around(widget: QWidget) -> Iterator[tuple[QRect, QRect]]:
    """For each scroll area around ``widget``: its view's rectangle and where
    ``widget`` is in it (the view's coordinates)."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        area = parent.parentWidget()
        if isinstance(area, QScrollArea) and parent is area.viewport():
            yield area.viewport().rect(), widget.rect().translated(
                widget.mapTo(area.viewport(), widget.rect().topLeft()))
        parent = parent.parentWidget()


def _out_of_view(widget: QWidget) -> str:
    """How ``widget`` is hidden by a scroll area around it, or "" (a control
    larger than the view counts as in view while some of it shows)."""
    for view, place in _views_around(widget):
        if not view.contains(place) and (place.height() <= view.height() or not view.intersects(place)):
            return f"at {place.top()}..{place.bottom()} in a view 0..{view.bottom()}"
    return ""


def test_the_focused_control_of_every_page_is_in_view(window, clock) -> None:
    hidden = []
    for key, page in visit(window, clock):
        focus = QApplication.focusWidget() if page.isWindow() else window.focusWidget()
        if focus is not None and (where := _out_of_view(focus)):
            hidden.append(f"{key}: {_name(focus)} {where}")
    assert hidden == [], "\n".join(hidden)


# -- Enter presses the focused button ------------------------------------------------
def _buttons(page: QWidget) -> list[QAbstractButton]:
    """The buttons of ``page`` the keyboard can reach now (push and tool buttons)."""
    return [b for b in page.findChildren(QAbstractButton)
            if isinstance(b, (QPushButton, QToolButton)) and not _made_by_qt(b)
            and b.isVisible() and b.isEnabled() and b.focusPolicy() & Qt.FocusPolicy.TabFocus]


def test_enter_presses_the_focused_button_on_every_page(window, clock, qtbot) -> None:
    """On every page and dialog, Enter on each focused button presses that
    button, never the page's main button or another one. Each press is caught
    as it starts and goes no further (its signals are blocked from then on),
    so the page stays as it was."""
    wrong, seen = [], 0
    for key, page in visit(window, clock):
        buttons = _buttons(page)
        if page is window.home:
            buttons += _buttons(window.banners)
        pressed: list[QAbstractButton] = []

        def caught(button: QAbstractButton, pressed: list[QAbstractButton] = pressed) -> None:
            pressed.append(button)
            button.blockSignals(True)  # released, clicked, toggled: not sent

        links = [(b, b.pressed.connect(lambda b=b: caught(b))) for b in buttons]
        try:
            for button in buttons:
                seen += 1
                pressed.clear()
                button.setFocus(Qt.FocusReason.TabFocusReason)
                qtbot.keyClick(button, Qt.Key.Key_Return)
                for b in pressed:
                    b.blockSignals(False)
                if pressed != [button]:
                    wrong.append(f"{key}: Enter on {_name(button)} pressed {[_name(b) for b in pressed]}")
        finally:
            for b, link in links:
                b.pressed.disconnect(link)
    assert seen > 40
    assert wrong == [], "\n".join(wrong)


# -- the pain pages rate from anywhere, and Esc on the summary says how to finish ----
def _focusable(page: QWidget) -> list[QWidget]:
    return [w for w in page.findChildren(QWidget) if w.isVisible() and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not _made_by_qt(w)]


def test_number_keys_and_end_rate_from_every_control_of_the_pain_pages(window, clock, qtbot) -> None:
    seen = set()
    for key, page in visit(window, clock):
        if key not in ("pain_check", "summary"):
            continue
        seen.add(key)
        controls = _focusable(page)
        assert len(controls) >= 2, key  # the scale and a button at least
        for control in controls:
            for press, value in ((Qt.Key.Key_4, 4), (Qt.Key.Key_End, 10)):
                page.scale.offer(None)
                control.setFocus(Qt.FocusReason.TabFocusReason)
                qtbot.keyClick(control, press)
                assert page.scale.value() == value, (key, _name(control), press)
        page.scale.offer(None)
        page.scale.slider.setFocus()
        if key == "summary":  # arrows from the session never rate it, and the page says so
            qtbot.keyClick(page.scale.slider, Qt.Key.Key_Right)
            assert page.scale.value() is None
            assert "number key" in page.scale.hint.text() and "arrows" in page.scale.hint.text()
            qtbot.keyClick(page.scale.slider, Qt.Key.Key_Escape)
            assert page.note.isVisible() and "Alt+W" in page.note.text() and "number key" in page.note.text()
            assert window.stack.currentWidget() is page
    assert seen == {"pain_check", "summary"}


def test_the_shortcut_list_says_arrows_do_not_rate_the_summary() -> None:
    from ankle_trainer.ui.dialogs.about import SHORTCUTS

    text = " ".join(f"{k} {v}" for k, v in SHORTCUTS)
    assert "wherever the focus is" in text and "never rate" in text


# -- Alt+letters on the window's pages ---------------------------------------------
def _page_mnemonics(page: QWidget) -> list[tuple[str, str]]:
    """(letter, text) for every visible control of a page with an Alt+letter."""
    from tests.ui.test_mnemonics import _MNEMONIC

    texts = []
    for w in page.findChildren(QWidget):
        if not w.isVisibleTo(page):
            continue
        if isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QLabel) and w.buddy() is not None:
            texts.append(w.text())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count())]
    return [(m.group(1).lower(), t) for t in texts for m in _MNEMONIC.finditer(t.replace("&&", ""))]


def test_no_page_uses_an_alt_letter_of_the_menu_bar_or_one_twice(window, clock) -> None:
    from tests.ui.test_mnemonics import _MNEMONIC

    menus = {m.group(1).lower(): a.text() for a in window.menuBar().actions()
             for m in _MNEMONIC.finditer(a.text())}
    assert set(menus) == {"f", "v", "h"}
    clashes, seen_any = [], 0
    for key, page in visit(window, clock):
        if page.isWindow():
            continue  # a dialog has its own window: the menu bar's letters do not reach it
        found = _page_mnemonics(page) + (_page_mnemonics(window.banners) if page is window.home else [])
        seen_any += len(found)
        letters: dict[str, str] = {}
        for letter, text in found:
            if letter in menus:
                clashes.append(f"{key}: {text!r} is Alt+{letter.upper()}, the {menus[letter]!r} menu")
            elif letter in letters and letters[letter] != text:
                clashes.append(f"{key}: {text!r} and {letters[letter]!r} share Alt+{letter.upper()}")
            letters.setdefault(letter, text)
    assert seen_any >= 8
    assert clashes == [], "\n".join(clashes)


# -- the F1 list names every shortcut the app defines -------------------------------
def _listed_keys() -> set[str]:
    """Every key the F1 list names: "Ctrl+1 / 2" gives Ctrl+1 and Ctrl+2, and
    keys named in a description ("in the editor: Ctrl+Z undo") count too."""
    from ankle_trainer.ui.dialogs.about import SHORTCUTS

    listed: set[str] = set()
    for keys, what in SHORTCUTS:
        prefix = ""
        for part in (p.strip() for p in keys.split(" / ")):
            if "+" in part.rstrip("+"):
                prefix = part[: part.rindex("+") + 1]
                listed.add(part)
            else:
                listed.add(prefix + part)
        listed.update(re.findall(r"(?:Ctrl|Shift|Alt)\+(?:Shift\+)?[A-Za-z0-9,]+", what))
    return listed


def test_the_shortcut_list_names_every_shortcut_the_app_defines(window, clock) -> None:
    from PySide6.QtGui import QAction, QKeySequence, QShortcut

    names = {"Del": "Delete", "Ctrl+Enter": "Ctrl+Return"}
    listed = _listed_keys()
    defined: dict[str, str] = {}
    for key, page in visit(window, clock):
        for root in {page.window(), page}:
            for action in root.findChildren(QAction):
                for seq in action.shortcuts():
                    defined.setdefault(seq.toString(QKeySequence.SequenceFormat.PortableText), action.text())
            for shortcut in root.findChildren(QShortcut):  # a standard key: the platform's keys
                keys = [s.toString(QKeySequence.SequenceFormat.PortableText) for s in shortcut.keys()]
                named = [k for k in keys if names.get(k, k) in listed]
                defined.setdefault((named or keys)[0], f"{key} shortcut, one of {keys}")
    assert {"Ctrl+Return", "F1", "Ctrl+Z", "Del", "Ctrl+S"} <= set(defined)
    missing = [f"{k} ({what})" for k, what in defined.items() if names.get(k, k) not in listed]
    assert missing == [], "\n".join(missing)
    assert any(k.startswith("Alt") for k in listed)  # the underlined letters


# -- the focus shows clearly on every control --------------------------------------
def _ring_shows(widget: QWidget) -> bool:
    """True when a clear mark (2 px all round, at least) appears at ``widget``'s
    edge, inside it or just outside, when it takes the keyboard focus."""
    box = widget  # where it shows: the container it fills, if it fills one
    while (parent := box.parentWidget()) is not None and not parent.isWindow() \
            and box.geometry() == parent.rect():
        box = parent
    assert parent is not None
    around = box.geometry().adjusted(-3, -3, 3, 3)

    def look() -> QImage:
        QApplication.processEvents()
        return parent.grab(around).toImage()

    widget.setFocus(Qt.FocusReason.TabFocusReason)
    focused = look()
    widget.clearFocus()
    plain = look()
    changed = sum(focused.pixel(x, 0) != plain.pixel(x, 0) or focused.pixel(x, 1) != plain.pixel(x, 1)
                  or focused.pixel(x, around.height() - 1) != plain.pixel(x, around.height() - 1)
                  for x in range(around.width()))
    return changed >= around.width() * 0.8 or _outline_changed(focused, plain)


def _outline_changed(focused: QImage, plain: QImage) -> bool:
    """Two or more rows of the top and bottom edges changed (a mark drawn just inside)."""
    rows = [sum(focused.pixel(x, y) != plain.pixel(x, y) for x in range(focused.width()))
            for y in range(min(8, focused.height()))]
    return sum(r >= focused.width() * 0.6 for r in rows) >= 2


def test_every_control_shows_its_focus_clearly(window, clock) -> None:
    """Lists, tables, text areas and buttons: not only the first control of a page."""
    from PySide6.QtWidgets import QAbstractScrollArea

    faint, seen = [], 0
    for key, page in visit(window, clock):
        if key == "session_screen":
            continue  # the whole screen takes the keys; its buttons are checked on the pages below
        for widget in _focusable(page):
            if isinstance(widget, (QAbstractScrollArea, QPushButton, QToolButton)) \
                    and not isinstance(widget, QScrollArea):
                seen += 1
                if not _ring_shows(widget):
                    faint.append(f"{key}: {_name(widget)}")
    assert seen > 40
    assert faint == [], "\n".join(faint)


def test_esc_out_of_a_menu_gives_the_keys_back_to_the_page(window, clock, qtbot) -> None:
    for key, page in visit(window, clock):
        if page.isWindow() or key == "session_screen":
            continue  # a dialog has no menu bar; a session blocks nothing here but is left alone
        start = window.focusWidget()
        assert start is not None and page.isAncestorOf(start), key
        for letter in (Qt.Key.Key_F, Qt.Key.Key_V, Qt.Key.Key_H):
            qtbot.keyClick(start, letter, Qt.KeyboardModifier.AltModifier)
            QApplication.processEvents()
            menu = QApplication.activePopupWidget()
            assert menu is not None, (key, letter)
            qtbot.keyClick(menu, Qt.Key.Key_Escape)
            QApplication.processEvents()  # the posted hand-back
            assert window.focusWidget() is start, (key, letter, _name(window.focusWidget()))


# -- Tab follows the screen ----------------------------------------------------------
def _seen(w: QWidget) -> QRect:
    """Where ``w`` shows on the screen now: its rectangle kept within each scroll
    area around it (a control scrolled out of sight counts at the edge it went past)."""
    rect = QRect(w.mapToGlobal(w.rect().topLeft()), w.size())
    parent = w.parentWidget()
    while parent is not None and not parent.isWindow():
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            view = QRect(parent.mapToGlobal(parent.rect().topLeft()), parent.size())
            top = min(max(rect.top(), view.top()), view.bottom())
            bottom = max(min(rect.bottom(), view.bottom()), view.top())
            rect = QRect(rect.left(), top, rect.width(), bottom - top + 1)
        parent = parent.parentWidget()
    return rect


def _tab_chain(page: QWidget, qtbot, also: tuple[QWidget, ...] = ()) -> list[tuple[QWidget, QWidget, str]]:  # type: ignore[no-untyped-def]
    """Each step Tab takes on ``page`` (and ``also``) from the focused control, once
    round: (from, to, how it goes back on the screen or ""), judged where both
    show right after the step (scroll areas move)."""
    steps: list[tuple[QWidget, QWidget, str]] = []
    start = QApplication.focusWidget()
    focus, seen = start, []
    mine = [page, *also]
    for _ in range(120):
        if focus is None or focus in seen:
            break
        seen.append(focus)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is not None and any(m is now or m.isAncestorOf(now) for m in mine) \
                and any(m is focus or m.isAncestorOf(focus) for m in mine):
            steps.append((focus, now, _backwards(_seen(focus), _seen(now))))
        focus = now
    if start is not None:
        start.setFocus(Qt.FocusReason.OtherFocusReason)
    return steps


def _backwards(ra: QRect, rb: QRect) -> str:
    """Why going from a control at ``ra`` to one at ``rb`` goes back on the screen,
    or "": ``rb`` wholly above and not in a column wholly to the right, or on the
    same line and left of it."""
    if rb.bottom() < ra.top() and rb.left() <= ra.right():  # up, and not to a column on the right
        return "up"
    same_line = rb.top() <= ra.bottom() and ra.top() <= rb.bottom()
    if same_line and rb.right() < ra.left() and not rb.contains(ra.center()):
        return "left"
    return ""


def _tab_stops(page: QWidget) -> list[QWidget]:
    """The controls of ``page`` Tab reaches, in the window's Tab order."""
    stops, widget = [], page.window().nextInFocusChain()
    while widget is not page.window():
        if page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled() \
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus and not _made_by_qt(widget):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def test_tab_goes_through_every_page_in_screen_order(window, clock, qtbot) -> None:
    wrong, steps, headers = [], 0, 0
    for key, page in visit(window, clock):
        from ankle_trainer.ui.widgets import HomeButton

        for home in page.findChildren(HomeButton):  # a page header's "← Home" comes first, as on the page
            headers += 1
            stops = _tab_stops(page)
            if stops[0] is not home:
                wrong.append(f"{key}: Tab reaches {_name(stops[0])} before '← Home' "
                             f"(at {stops.index(home) + 1} of {len(stops)})")
        if key == "session_screen":
            continue  # the screen takes the keys; its few buttons are in one row
        also = (window.banners, window.notice) if page is window.home else ()
        from PySide6.QtWidgets import QTabWidget

        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisible()][:1]
        jumps = []
        for index in range(tabs[0].count()) if tabs else [None]:
            if tabs and index is not None:  # each tab of the page in turn, from its tab bar
                tabs[0].setCurrentIndex(index)
                tabs[0].tabBar().setFocus(Qt.FocusReason.TabFocusReason)
                QApplication.processEvents()
            chain = _tab_chain(page, qtbot, also)
            steps += len(chain)
            found = [f"{key}: {_name(a)} -> {_name(b)} goes {why}" for a, b, why in chain if why]
            if len(found) > 1:  # one is the way round, from the last control to the first
                jumps += found
        if tabs:
            tabs[0].setCurrentIndex(0)
        wrong += jumps
    assert steps > 100
    assert headers >= 5  # history, progress, heel-rise, learn, triage
    assert wrong == [], "\n".join(wrong)


def test_home_comes_first_even_after_controls_made_before_the_header(qtbot) -> None:
    """A control made with the page as its parent before the header was laid
    out came before "← Home" in the Tab order (the kind a re-tester met on the
    triage page); the header's button puts itself first when shown."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    from ankle_trainer.ui.widgets import page_header

    page = QWidget()
    early = QLineEdit(page)
    head, home = page_header("A page", lambda: None)
    layout = QVBoxLayout(page)
    layout.addLayout(head)
    layout.addWidget(early)
    layout.addWidget(QPushButton("Later"))
    qtbot.addWidget(page)
    page.show()
    QApplication.processEvents()
    assert [_name(w) for w in _tab_stops(page)] == [_name(home), _name(early), "QPushButton Later"]


# -- Page Down / Up scroll the page from a button or a drop-down list ------------------
def test_page_down_on_a_button_or_a_list_box_scrolls_the_page(window, clock, qtbot) -> None:
    """Wherever the page (or dialog) has something to scroll, Page Down on any of
    its buttons, closed drop-down lists or number boxes scrolls it, and never
    changes a choice or a number (a re-tester's Page Down in Settings silently
    moved "Level up after" from 2 days to 1)."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

    wrong, seen = [], 0
    for key, page in visit(window, clock):
        if key == "session_screen":
            continue  # there Page Down / Up page the how-to (its own test)
        top = page.window()
        bars = [a.verticalScrollBar() for a in top.findChildren(QAbstractScrollArea)
                if a.isVisible() and a.verticalScrollBar().maximum() > 0]
        if not bars:
            continue
        for widget in _focusable(page):
            if not isinstance(widget, (QAbstractButton, QComboBox, QAbstractSpinBox)) \
                    or isinstance(widget, QRadioButton):
                continue
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            for bar in bars:  # at the top (giving the focus may have scrolled)
                bar.setValue(0)
            seen += 1
            choice = (widget.currentIndex() if isinstance(widget, QComboBox)
                      else widget.text() if isinstance(widget, QAbstractSpinBox) else None)
            qtbot.keyClick(widget, Qt.Key.Key_PageDown)
            if not any(bar.value() > 0 for bar in bars):
                wrong.append(f"{key}: Page Down on {_name(widget)} scrolled nothing")
            if choice is not None and (widget.text() if isinstance(widget, QAbstractSpinBox)
                                       else widget.currentIndex()) != choice:
                wrong.append(f"{key}: Page Down on {_name(widget)} changed its choice")
        for bar in bars:
            bar.setValue(0)
    assert seen >= 5
    assert wrong == [], "\n".join(wrong)
# -- 8. words to read are never drawn greyed out ---------------------------------------
def test_no_disabled_button_carries_words_to_read(window, clock, qtbot) -> None:
    """A greyed-out button is hard to read (issue: "Editing: Enter keeps, Esc
    cancels" was the text of a disabled button): instructions go in a label.
    Every page is visited, and the session page while a count is corrected."""
    from PySide6.QtWidgets import QAbstractButton

    bad = []
    for key, page in visit(window, clock):
        if key == "session_screen" and not page.after_set.isHidden():
            qtbot.keyClick(page, Qt.Key.Key_E)  # correcting the count of the set just done
            assert page.editing
        for button in page.findChildren(QAbstractButton):
            words = button.text().replace("&", "")
            if button.isVisible() and not button.isEnabled() and KEYS.search(words) and ":" in words:
                bad.append(f"{key}: {words!r}")
        if key == "session_screen" and page.editing:
            qtbot.keyClick(page.done_spin, Qt.Key.Key_Escape)
    assert bad == [], "\n".join(bad)


# -- 9. the chosen routine in view -------------------------------------------------------
def _row_shown_whole(home) -> bool:  # type: ignore[no-untyped-def]
    box = home.routine_list
    rect = box.visualItemRect(box.currentItem())
    return box.viewport().rect().contains(rect)


def test_the_selected_routine_is_in_view_at_start_and_on_coming_home(make_window, clock) -> None:
    """The list scrolls to the selected routine: at start-up (the last one used
    is far down the list), after the list was scrolled away and the runner
    comes back home, and when the window is resized."""
    routines = builtin_routines()
    last = routines[-1]
    win = make_window(settings=Settings(disclaimer_seen=True, last_routine_id=last.id), startup=True)
    win.resize(784, 552)
    QApplication.processEvents()
    home = win.home
    assert home.selected_routine().id == last.id
    assert home.routine_list.verticalScrollBar().maximum() > 0, "the list scrolls at this size"
    assert _row_shown_whole(home), "at start"
    home.routine_list.verticalScrollBar().setValue(0)
    assert not _row_shown_whole(home)
    win.show_screen("history")
    win.show_screen("home")
    QApplication.processEvents()
    assert _row_shown_whole(home), "coming home"
    home.routine_list.verticalScrollBar().setValue(0)
    before = home.routine_list.height()
    win.resize(784, 420)  # short enough that the list itself gets shorter (the recent sessions give way first)
    QApplication.processEvents()
    assert home.routine_list.height() < before
    assert _row_shown_whole(home), "after a resize"


# -- 10. tables fit their width ----------------------------------------------------------
def _cut_cells(table, elided: int | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    """Cells and headers of ``table`` whose text is cut: a word wider than its
    column, or more wrapped lines than the row shows. Only the ``elided``
    column may end in "…", its whole text the cell's tool tip."""
    from PySide6.QtCore import QRect as Rect

    model, fm = table.model(), table.fontMetrics()
    header = table.horizontalHeader()
    cut = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        room = header.sectionSize(column) - 12  # a cell's margins
        words = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if max((fm.horizontalAdvance(w) for w in words.split()), default=0) > room:
            cut.append(f"header {words!r}: {room} px")
        for row in range(min(model.rowCount(), 40)):
            index = model.index(row, column)
            text = str(index.data() or "")
            if not text or (column == elided and index.data(Qt.ItemDataRole.ToolTipRole) == text):
                continue
            flags = Qt.TextFlag.TextWordWrap if table.wordWrap() else 0
            needed = fm.boundingRect(Rect(0, 0, room, 10_000), int(flags), text)
            if needed.width() > room or needed.height() > table.rowHeight(row) - 4:
                cut.append(f"{text!r}: needs {needed.width()} x {needed.height()}, "
                           f"has {room} x {table.rowHeight(row) - 4}")
    return cut


@pytest.mark.parametrize("size", [(784, 552), (1264, 672)])
def test_no_table_scrolls_sideways_or_cuts_its_text(window, clock, repo, size) -> None:
    """History's tables at 800 x 600 and 1280 x 720 (less the frame): all the
    columns within the table, no text cut ("1 skipp"), a stopped session with
    a skipped set among the rows."""
    from datetime import timedelta

    from PySide6.QtWidgets import QTableView

    from ankle_trainer.core.clock import FakeClock
    from ankle_trainer.core.engine import SessionEngine
    from ankle_trainer.storage.recorder import HistoryRecorder
    from ankle_trainer.storage.sample import run_session

    longest = sorted(builtin_routines(), key=lambda r: -len(r.name))[0]
    run_session(repo, longest, clock.now() - timedelta(days=2), 2, None, stop_after_seconds=200)
    played = FakeClock(clock.now() - timedelta(days=1))
    engine = SessionEngine(longest, played)
    recorder = HistoryRecorder(repo, 3)
    engine.add_listener(recorder)
    engine.start()
    for _ in range(3):
        played.advance(20)
        engine.tick()
        engine.skip()  # a set stopped part-way: "…, 3 stopped part-way" (the longest words)
    engine.stop()
    repo.update_session(recorder.session_id, notes="Felt a twinge on the left, stopped early. " * 3)
    window.resize(*size)
    bad = []
    page = window.show_screen("history")
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        for table in page.findChildren(QTableView):
            if not table.isVisible():
                continue
            name = table.accessibleName()
            if table.horizontalScrollBar().maximum() > 0:
                bad.append(f"{name}: scrolls sideways by {table.horizontalScrollBar().maximum()} px")
            header = table.horizontalHeader()
            total = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
            if total > table.viewport().width() + 1:
                bad.append(f"{name}: columns {total} px in {table.viewport().width()}")
            elided = page.columns.stretch[0] if table is page.table else None  # the notes
            bad += [f"{name}: {why}" for why in _cut_cells(table, elided)]
            hidden = [c for c in range(header.count()) if header.isSectionHidden(c)]
            if size[0] >= 1264 and hidden:  # at 1280 x 720 every column shows
                bad.append(f"{name}: columns {hidden} hidden")
    assert any("stopped part-way" in page.model.index(r, 4).data() for r in range(page.model.rowCount()))
    assert bad == [], "\n".join(bad)


# -- 11. home with every banner at 800 x 600 ----------------------------------------------
def _shown_whole(widget: QWidget) -> bool:
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()


def _half_lines(area: QScrollArea) -> list[str]:
    """The text lines of labels in ``area`` that its viewport cuts (partly in
    view): a line half shown at the top or the foot of a scroll area."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QLabel

    view = area.viewport()
    cut = []
    for label in area.widget().findChildren(QLabel) + [area.widget()]:
        if not isinstance(label, QLabel) or not label.isVisibleTo(area) or not label.text():
            continue
        line = label.fontMetrics().lineSpacing()
        room = label.contentsRect().height() - 2 * label.margin()
        text = label.heightForWidth(label.width()) if label.wordWrap() else label.sizeHint().height()
        lines = max(1, round((text - (label.height() - room)) / line))
        spare = room - lines * line  # the text's place in a taller label, by its alignment
        align = label.alignment()
        offset = spare // 2 if align & Qt.AlignmentFlag.AlignVCenter else \
            spare if align & Qt.AlignmentFlag.AlignBottom else 0
        top = label.mapTo(view, QPoint(0, label.contentsRect().top() + label.margin() + offset)).y()
        for k in range(lines):
            y0, y1 = top + k * line, top + (k + 1) * line
            if y0 < 0 < y1 - 2 or y0 + 2 < view.height() < y1:
                cut.append(f"{area.objectName() or type(area.parentWidget()).__name__}: line {k + 1} "
                           f"of {label.text()[:40]!r} at {y0}..{y1}, view {view.height()} px")
    return cut


@pytest.mark.parametrize("size", [(784, 552), (800, 600)] + [(w, h) for w in (700, 1000) for h in range(552, 800, 18)])
def test_home_keeps_its_list_start_and_recent_sessions_under_many_banners(
        make_window, repo, clock, size) -> None:
    """The first-run welcome, the next-morning check, a suggestion and two
    routine files that could not be used, at 800 x 600 (and its inner 784 x
    552): nothing scrolls sideways or up and down, Start session and the
    page's foot are shown whole, the routine list keeps three rows and the
    recent sessions more than one; the notice bar, the banners and the
    routine's exercises show whole lines (no line half shown at their edges,
    at the top or scrolled to the end) and scroll the rest."""
    from datetime import timedelta

    from ankle_trainer.storage.sample import run_session

    routine = next(r for r in builtin_routines() if r.id == "heel-drops")  # it has levels: a suggestion
    for days in (1, 2, 3):
        run_session(repo, routine, clock.now() - timedelta(days=days), 3, 2, step=10.0)
    win = make_window(settings=Settings(disclaimer_seen=False), startup=True)
    win.resize(*size)
    rec = win.controller.suggest_for(routine.id)
    assert rec is not None
    win.offer_recommendation(rec)
    for name in ("broken.toml", "garbage.toml"):
        win.notice.show_message(f"The routine file {name} could not be used and was left as it "
                                "is: line 1: expected a key, and more words to wrap the line " * 2)
    for _ in range(5):  # laid out, then the banners and the scroll ranges settle on whole lines
        QApplication.processEvents()
    home = win.home
    assert win.banners.disclaimer is not None and win.banners.recommendation is not None
    assert win.banners.morning is not None
    assert win.stack.currentWidget() is home
    area = home.parentWidget().parentWidget()  # the page's scroll area in the stack
    assert isinstance(area, QScrollArea)
    problems = []
    if area.horizontalScrollBar().maximum() > 0:
        problems.append(f"home scrolls sideways by {area.horizontalScrollBar().maximum()} px")
    if area.verticalScrollBar().maximum() > 0:
        problems.append(f"home scrolls up and down by {area.verticalScrollBar().maximum()} px")
    if not _shown_whole(home.start_button):
        problems.append("Start session is not shown whole")
    if home.disclaimer.isVisible() and not _shown_whole(home.disclaimer):
        problems.append("the disclaimer at the foot is cut")
    box = home.routine_list
    row = box.visualItemRect(box.item(0)).height()
    if box.viewport().height() < 3 * row:
        problems.append(f"the routine list shows {box.viewport().height() / row:.1f} rows")
    if home.recent.shown < 2:
        problems.append(f"recent sessions: {home.recent.shown} row of {len(home.recent.rows)} shown")
    assert win.notice.isVisible()
    detail = home.findChild(QScrollArea, "routineDetail")  # the routine's words and exercises
    assert detail is not None
    # the recent sessions give way first (twenty-first re-test: they kept a
    # share while the routine's exercises were out of sight)
    if home.recent.shown > 2 and detail.verticalScrollBar().maximum() > 0:
        problems.append(f"recent sessions show {home.recent.shown} rows while the routine's details scroll")
    for scroller in (win.notice.area, win.banners.area, detail):
        problems += _half_lines(scroller)
        scroller.verticalScrollBar().setValue(scroller.verticalScrollBar().maximum())
        problems += [f"scrolled to the end: {p}" for p in _half_lines(scroller)]
        scroller.verticalScrollBar().setValue(0)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("size", [(800, 600), (1024, 700), (1280, 720), (1280, 1000)])
def test_home_gives_the_routines_their_room_first_and_the_rest_to_recent_sessions(
        make_window, repo, clock, size) -> None:
    """No banners: the chosen routine's details are shown whole where the
    window holds them, and the recent sessions take the rest in whole rows,
    more than the two asked for on a tall window."""
    from datetime import timedelta

    from ankle_trainer.storage.sample import run_session

    routine = builtin_routines()[0]  # the longest list of exercises
    for days in range(1, 8):
        run_session(repo, routine, clock.now() - timedelta(days=days), 3, 2, step=10.0)
    win = make_window(settings=Settings(disclaimer_seen=True))
    win.resize(*size)
    for _ in range(5):
        QApplication.processEvents()
    home = win.home
    detail = home.findChild(QScrollArea, "routineDetail")
    assert detail is not None
    scrolls = detail.verticalScrollBar().maximum() > 0
    assert home.recent.shown >= 2
    if scrolls:  # short: the recent sessions keep the two rows they ask for, no more
        assert home.recent.shown == 2, size
    if size[1] >= 1000:  # tall: everything whole, and the rest goes to recent sessions
        assert not scrolls and home.recent.shown == min(len(home.recent.rows), 6) > 2


# -- 12. greyed-out number boxes show a dash ----------------------------------------------
def test_no_number_box_switched_off_shows_a_number(window, clock) -> None:
    """A box switched off on its own (the field does not apply) shows a dash,
    never a made-up value, on every page and dialog (the editor's own walk
    over every kind of step is in tests/ui/test_editor.py). Date and time
    boxes are not number boxes: switched off, they show the real stored date
    or time (the export's whole range, the reminder time kept for later)."""
    from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox

    bad = []
    for key, page in visit(window, clock):
        for box in page.findChildren(QSpinBox) + page.findChildren(QDoubleSpinBox):
            if box.isVisible() and box.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled) \
                    and any(c.isdigit() for c in box.text()):
                bad.append(f"{key}: {box.accessibleName() or box.objectName()} shows {box.text()!r}")
    assert bad == [], "\n".join(bad)


# -- 13. chart keys and chart heights -------------------------------------------------------
def _items_split(label: QLabel, entries: list[tuple[str, str, str]]) -> list[str]:
    """The key's items that the label wraps inside themselves at its width."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    doc.setTextWidth(label.contentsRect().width())
    doc.documentLayout()  # laid out now
    split = []
    plain = doc.toPlainText().replace("\u00a0", " ")
    for _colour, _mark, words in entries:
        start = plain.find(words)
        assert start >= 0, words
        block = doc.findBlock(start)
        layout = block.layout()
        first = layout.lineForTextPosition(start - block.position()).lineNumber()
        last = layout.lineForTextPosition(start + len(words) - 1 - block.position()).lineNumber()
        if first != last:
            split.append(words)
    return split


@pytest.mark.parametrize("size", [(784, 552), (1264, 672)])
def test_chart_keys_wrap_between_items_and_each_chart_fits_the_view(window, size) -> None:
    """Every chart's key wraps only between its items; at 1280 x 720 each tab
    of the progress screen fits the window (nothing below the fold)."""
    window.resize(*size)
    page = window.show_screen("progress")
    area = page.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    bad = []
    for tab, chart in ((0, page.adherence), (1, page.pain), (2, page.volume)):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        QApplication.processEvents()
        entries = list(chart.legend_entries) + [e for e in getattr(chart, "legend_second", [])]
        bad += [f"{chart.title.text()}: {words!r} wraps" for words in _items_split(chart.legend_label, entries)]
        if size[0] >= 1264 and area.verticalScrollBar().maximum() > 0:
            bad.append(f"{chart.title.text()}: {area.verticalScrollBar().maximum()} px below the view")
        if chart.body.height() < chart.MIN_PLOT:
            bad.append(f"{chart.title.text()}: plot only {chart.body.height()} px high")
    assert bad == [], "\n".join(bad)


def test_no_number_box_stretches_across_its_page(window, clock) -> None:
    """Number boxes keep about their natural width on every page and dialog
    (a tester found Settings' boxes stretched across the window, their right
    edge under the scroll bar)."""
    from PySide6.QtWidgets import QAbstractSpinBox

    wide = []
    for key, page in visit(window, clock):
        for box in page.findChildren(QAbstractSpinBox):
            if box.isVisible() and box.width() > 2 * box.sizeHint().width():
                wide.append(f"{key}: {_name(box)} is {box.width()} px wide, needs {box.sizeHint().width()}")
    assert wide == [], "\n".join(wide)


def test_tab_leaves_every_table_and_list(window, clock) -> None:
    """Tab moves on from a table to the next control; the arrows move within
    it (a re-tester's Tab went round the History table's cells for ever)."""
    from PySide6.QtWidgets import QAbstractItemView

    trapping = []
    for key, page in visit(window, clock):
        trapping += [f"{key}: {_name(view)}" for view in page.findChildren(QAbstractItemView)
                     if view.tabKeyNavigation() and view.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert trapping == [], "\n".join(trapping)


def test_a_number_key_then_enter_records_that_rating_whatever_had_the_focus(window, clock, qtbot) -> None:
    """On the pain check, a number key pressed while "Start without rating" had
    the keyboard rated 2, and Enter then pressed that button and threw the 2
    away (re-test). The number key brings the keyboard to the scale."""
    window.home.select_routine("tiny")
    window.home.start_button.click()
    if window.stack.currentWidget() is window.flow.safety_check:
        window.flow.safety_check.continue_button.click()
    page = window.flow.pain_check
    assert window.stack.currentWidget() is page
    page.skip_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(page.skip_button, Qt.Key.Key_2)
    assert page.scale.value() == 2 and page.scale.slider.hasFocus()
    qtbot.keyClick(page.scale.slider, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.flow.session_screen
    assert window.controller.pain_before == 2


def test_the_redone_sets_pain_words_never_widen_the_session_screen(window, clock) -> None:
    """After a redo the pain row says the earlier attempt's rating is kept: at
    800 x 600 that longer line made the session screen scroll sideways."""
    window.home.select_routine("tiny")
    window.home.start_button.click()
    window.flow.safety_check.continue_button.click()
    window.flow.pain_check.skip_button.click()
    advance(window, clock, 16.5)  # resting after set 1: the pain row shown
    screen = window.flow.session_screen
    screen.pain_label.setText("Pain during it (you chose 10):")
    screen.earlier_note.setText("Your 10 is kept (the earlier attempt's was 10).")
    screen.earlier_note.show()
    QApplication.processEvents()
    assert screen.pain_label.isVisible()
    assert screen.minimumSizeHint().width() <= window.stack.width()


def test_the_safety_checks_first_question_has_room_for_its_focus_ring(window, clock) -> None:
    """The focus ring is drawn just outside a control; the first safety question
    sat against its scroll area's top edge and its ring was cut off (re-test)."""
    window.home.select_routine("tiny")
    window.home.start_button.click()
    page = window.flow.safety_check
    QApplication.processEvents()
    first = next(iter(page.boxes.values()))
    assert first.hasFocus()
    area = next(a for a in page.findChildren(QScrollArea) if first in a.widget().findChildren(QWidget))
    place = first.mapTo(area.viewport(), first.rect().topLeft())
    assert place.y() >= 2 and place.x() >= 2, place


# -- 14. chart keys clear of the axis ------------------------------------------------------
def _in_window(widget: QWidget, rect: QRect) -> QRect:
    return QRect(widget.mapTo(widget.window(), rect.topLeft()), rect.size())


def _axis_labels(plot) -> QRect:  # type: ignore[no-untyped-def]
    """Where the dates under a plot are drawn, in window coordinates (within the plot)."""
    axis = plot.getPlotItem().getAxis("bottom")
    drawn = plot.mapFromScene(axis.mapRectToScene(axis.boundingRect())).boundingRect()
    return _in_window(plot, drawn.intersected(plot.rect()))


@pytest.mark.parametrize("size", [(784, 552), (1264, 672)])
def test_no_chart_key_is_drawn_over_its_axis_on_first_show(window, repo, clock, size) -> None:
    """At 800 x 600 the Adherence chart's key sat over the month names under the
    plot until the chart got the keyboard (a re-test under X11): its panel was
    given less height than its wrapped lines need. Nothing is focused here.
    The heel-rise results chart is checked too."""
    from datetime import timedelta

    window.resize(*size)
    for days in (30, 20):
        repo.add_heel_rise(clock.now() - timedelta(days=days), 20, 15, 1.0)
    heel = window.show_screen("heel_rise")
    heel.counts = [22, 18]
    assert heel.finish()
    QApplication.processEvents()
    key = _in_window(heel.chart_key, heel.chart_key.rect())
    assert heel.chart_key.isVisible() and not key.intersects(_axis_labels(heel.chart)), (key, _axis_labels(heel.chart))
    page = window.show_screen("progress")
    window.setFocus()  # the keyboard on none of the charts
    bad = []
    for tab, charts in ((0, (page.adherence, page.calendar)), (1, (page.pain,)), (2, (page.volume,))):
        page.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        for chart in charts:
            assert not chart.plot.hasFocus()
            rows = [chart.title, chart.summary, chart.body, chart.legend_label, chart.readout]
            shown = [(w, _in_window(w, w.rect())) for w in rows if w.isVisible()]
            if chart is not page.calendar:
                key = _in_window(chart.legend_label, chart.legend_label.rect())
                assert chart.legend_label.isVisible() and chart.plot.isVisible(), chart.title.text()
                if key.intersects(_axis_labels(chart.plot)):
                    bad.append(f"{chart.title.text()}: key at {key} over the axis at {_axis_labels(chart.plot)}")
            for (a, ra), (b, rb) in zip(shown, shown[1:], strict=False):  # every row below the last
                if ra.intersects(rb):
                    bad.append(f"{chart.title.text()}: {_name(a)} at {ra} overlaps {_name(b)} at {rb}")
    assert bad == [], "\n".join(bad)


# -- the focus ring is never cut by the edge of what holds the control --------------
def test_no_focus_ring_is_cut_by_the_edge_of_its_container(window, clock) -> None:
    """Third re-test: the History table's ring showed only as a line at its right
    edge: the table filled its side of the page, and a ring is drawn outside
    the control, in its container, which cut the other three sides. Every Tab
    stop of every page and dialog: its ring fits inside its container."""
    from PySide6.QtWidgets import QFocusFrame, QStyle

    from ankle_trainer.ui.shell.focus import _ring_target

    cut = []
    for key, page in visit(window, clock):
        for widget in _tab_stops(page):
            target = _ring_target(widget)
            if target is None or target.parentWidget() is None:
                continue
            style = target.style()
            h = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, target)
            v = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin, None, target)
            ring = target.geometry().adjusted(-h, -v, h, v)
            room = target.parentWidget().rect()
            if not room.contains(ring):
                cut.append(f"{key}: {_name(widget)} ring {ring.getCoords()} in {room.getCoords()}")
    assert QFocusFrame is not None
    assert cut == [], "\n".join(sorted(set(cut)))


def _ring_cut(widget: QWidget) -> str:
    """How the focus ring round ``widget`` (its rectangle and RING_ROOM pixels
    more each side) is cut by the view of a scroll area around it, or "" (also
    when the ringed control is larger than the view)."""
    from ankle_trainer.ui.widgets import RING_ROOM

    for view, place in _views_around(widget):
        ringed = place.adjusted(-RING_ROOM, -RING_ROOM, RING_ROOM, RING_ROOM)
        fits = ringed.width() <= view.width() and ringed.height() <= view.height()
        if fits and not view.contains(ringed):
            return (f"ring {ringed.left()}..{ringed.right()} x {ringed.top()}..{ringed.bottom()} "
                    f"in a view 0..{view.right()} x 0..{view.bottom()}")
    return ""


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    """The nearest scroll area whose view ``widget`` is in, or None."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        area = parent.parentWidget()
        if isinstance(area, QScrollArea) and parent is area.viewport() and area.widget() is not None:
            return area
        parent = parent.parentWidget()
    return None


def test_every_control_focused_at_a_view_edge_shows_its_whole_focus_ring(window, clock) -> None:
    """On every page and dialog at 800 x 600, each Tab stop in a scroll area,
    left just inside the view's bottom (then top) edge, as Tab left the
    editor's Sets box, is scrolled when it takes the focus until its focus ring
    (RING_ROOM pixels round it) shows whole, where the ringed control fits."""
    from PySide6.QtCore import QPoint

    cut, seen = [], 0
    for key, page in visit(window, clock):
        if key == "session_screen":
            continue  # the screen takes the keys itself
        if key == "editor":  # a routine of the runner's own, a step chosen: its whole form shows
            page.list.setCurrentRow(2)
            page.duplicate()
            page.steps.setCurrentRow(1)
            QApplication.processEvents()
        start = QApplication.focusWidget()
        for stop in _tab_stops(page):
            area = _scroll_area_of(stop)
            if area is None:
                continue
            for edge in ("bottom", "top"):
                stop.clearFocus()
                QApplication.processEvents()
                y = stop.mapTo(area.widget(), QPoint(0, 0)).y()
                bar = area.verticalScrollBar()
                bar.setValue(y + stop.height() - area.viewport().height() if edge == "bottom" else y)
                stop.setFocus(Qt.FocusReason.TabFocusReason)
                QApplication.processEvents()
                seen += 1
                if where := _ring_cut(stop):
                    cut.append(f"{key}: {_name(stop)} at the {edge}: {where}")
        if start is not None:
            start.setFocus(Qt.FocusReason.OtherFocusReason)
    assert seen > 100
    assert cut == [], "\n".join(cut)


def test_tab_and_shift_tab_show_every_control_with_room_for_its_focus_ring(window, clock, qtbot) -> None:
    """On every page and dialog at 800 x 600, each control Tab (then Shift+Tab)
    lands on is scrolled into view with its whole focus ring: not just to the
    view's edge, the ring's outer line cut off (the editor's Sets box was)."""
    cut, seen = [], 0
    for key, page in visit(window, clock):
        if key == "session_screen":
            continue  # the screen takes the keys itself
        stops = _tab_stops(page)
        start = QApplication.focusWidget()
        for direction in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            focus = QApplication.focusWidget()
            for _ in range(len(stops) + 1):
                if focus is None:
                    break
                qtbot.keyClick(focus, direction)
                QApplication.processEvents()  # the posted re-check after a layout change
                focus = QApplication.focusWidget()
                if focus is not None and page.isAncestorOf(focus):
                    seen += 1
                    if where := _ring_cut(focus):
                        cut.append(f"{key}: {_name(focus)} {where}")
        if start is not None:
            start.setFocus(Qt.FocusReason.OtherFocusReason)
    assert seen > 100
    assert sorted(set(cut)) == [], "\n".join(sorted(set(cut)))


# -- 13. a screen opens at its top --------------------------------------------------------
@pytest.mark.parametrize("messages", [0, 1])
def test_every_screen_opens_at_its_top_with_its_first_control_in_view(window, clock, messages) -> None:
    """Each screen opened from the menus at 800 x 600, with and without a message
    in the bar above it (which takes room from the page), shows its own header
    (Home, the title) and its first control: the page is not scrolled past its
    header to show the focused control whole (fifth re-test: History opened on
    its table with the tabs half hidden)."""
    from ankle_trainer.ui.screens import SCREENS

    for _ in range(messages):
        window.notice.show_message("The routine file old.toml could not be used and was left as it "
                                   "was: line 3 has a value the app cannot read.")
    QApplication.processEvents()
    wrong = []
    for spec in SCREENS:
        window.show_screen("home")
        page = window.show_screen(spec.key)
        for _ in range(2):  # laid out, then any re-scroll of the focus
            QApplication.processEvents()
        area = page.parentWidget().parentWidget()  # the page's scroll area in the stack
        assert isinstance(area, QScrollArea)
        if area.verticalScrollBar().value() != 0:
            wrong.append(f"{spec.key}: opens scrolled down by {area.verticalScrollBar().value()} px "
                         f"(view {area.viewport().height()} px, page {page.height()} px)")
        focus = window.focusWidget()
        if focus is not None and (where := _out_of_view(focus)):
            wrong.append(f"{spec.key}: {_name(focus)} {where}")
        area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())  # left scrolled down
        window.show_screen("home")
        window.show_screen(spec.key)  # and opened again
        QApplication.processEvents()
        if area.verticalScrollBar().value() != 0:
            wrong.append(f"{spec.key}: opened again, still scrolled down by {area.verticalScrollBar().value()} px")
    assert window.notice.isVisible() == bool(messages)
    assert wrong == [], "\n".join(wrong)


def _touching(page: QWidget, least: int) -> list[str]:
    """Controls and labels side by side in a row of ``page`` (a horizontal box
    layout) with fewer than ``least`` pixels between them, as "a | b (gap)"."""
    from itertools import pairwise

    from PySide6.QtWidgets import QBoxLayout, QLayout

    found = []
    for layout in page.findChildren(QLayout):
        if not isinstance(layout, QBoxLayout) or layout.direction() not in (
                QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.RightToLeft):
            continue
        shown = [w for i in range(layout.count()) if (w := layout.itemAt(i).widget()) is not None
                 and w.isVisible() and w.width() > 0]
        shown.sort(key=lambda w: w.geometry().left())
        for a, b in pairwise(shown):
            if a.window() is not page.window() or not a.visibleRegion().boundingRect().width():
                continue
            gap = b.geometry().left() - a.geometry().right() - 1
            if gap < least:
                found.append(f"{_name(a)} | {_name(b)} ({gap} px)")
    return found


def test_no_label_or_control_touches_the_next_in_its_row(window, clock) -> None:
    """Ninth round, F5: in the report dialog the greyed "from" touched the Period
    drop-down: a row inside a form (QFormLayout) took no spacing of its own, so
    its parts sat 0 px apart. On every page and dialog, things side by side in
    a row keep a gap: at least 2 px, what the tightest rows keep (the
    session's after-set row, which must fit 800 x 600); a row of a form gets
    the style's spacing (6 px in Fusion)."""
    touching = [f"{key}: {t}" for key, page in visit(window, clock) for t in _touching(page, 2)]
    assert touching == [], "\n".join(sorted(set(touching)))


def test_no_list_scrolls_sideways_its_items_wrap(window, clock) -> None:
    """Tenth re-test (F5): a long routine name ran past home's list and a
    sideways scroll bar cut it, where no key shows the rest. Every list on
    every page and dialog wraps its items' words in its width."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QListView

    wrong = []
    for key, page in visit(window, clock):
        for view in page.findChildren(QListView):
            if type(view).__name__ == "QComboBoxListView" or not view.isVisibleTo(page):
                continue  # a drop-down's own list: its width follows its items
            if not view.wordWrap() or view.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                wrong.append(f"{key}: {view.objectName() or view.accessibleName() or type(view).__name__}")
    assert wrong == []


def test_a_screen_opened_again_after_its_tab_was_changed_has_the_keyboard_in_view(window, clock) -> None:
    """Eleventh re-test: History left on its Heel-rise tests tab and opened
    again put the keyboard on the sessions table, out of sight: no focus frame
    anywhere. Every screen with tabs, opened again after its last tab was
    shown, has the keyboard on a control in view."""
    from PySide6.QtWidgets import QTabWidget

    lost = []
    for spec in SCREENS:
        page = window.show_screen(spec.key)
        QApplication.processEvents()
        tabs = [t for t in page.findChildren(QTabWidget) if t.isVisibleTo(page)] if page is not None else []
        if not tabs:
            continue
        tabs[0].setCurrentIndex(tabs[0].count() - 1)
        window.show_screen("home")
        page = window.show_screen(spec.key)
        QApplication.processEvents()
        focus = window.focusWidget()
        if focus is None or not focus.isVisible() or not page.isAncestorOf(focus):
            lost.append(f"{spec.key}: {type(focus).__name__ if focus else None}")
    assert lost == []
