"""Keys that work the same on every page and dialog of the app.

Enter presses the focused button (a push or tool button), as Tab and the F1
list promise: a page's own Enter (home starts a session, the pain check
records its rating) is for when no button has the focus. Qt does this only
for push buttons in a dialog ("auto default"), so a button on a page passed
Enter on to its page, which pressed its main button instead.

Page Down / Page Up on a button or a closed drop-down list scroll what the
page has to read (the page itself, or its longest text), as on the text
itself: a drop-down list no longer changes its choice, a button no longer
swallows them. A page that gives the keys its own meaning (the session
screen pages its how-to) says so with the property ``ownPageKeys``.

In a dialog, Enter in a text or number box, on a check box or a choice
presses the dialog's main button, the one drawn as the default: never a
secondary button such as "Browse…" (see :func:`one_default_button`).

Ctrl+Tab / Ctrl+Page Down and Ctrl+Shift+Tab / Ctrl+Page Up change the tab
of the page's tabs (History, Progress) from any control on the page: Qt
knows only Ctrl+Tab, and only with the keyboard inside the tabs.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QWidget,
)


class AppKeyRules(QObject):
    """An application event filter: Enter on a focused, enabled button clicks
    it; Page Down / Up on a button, a closed drop-down list or a number box
    scroll the page (a number box would otherwise jump by ten steps, silently);
    Ctrl+Tab / Ctrl+Page Down and back change the page's tab."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QWidget):
            assert isinstance(event, QKeyEvent)
            return _window_shortcut_wins(watched, event)
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        if _leaves_focus_mode(watched, event):
            return True
        step = _tab_step(event)
        if step and watched is QApplication.focusWidget():
            return _change_tab(watched, step)
        if not isinstance(watched, (QAbstractButton, QComboBox, QAbstractSpinBox)):
            return False
        from PySide6.QtCore import Qt

        if isinstance(watched, QAbstractSpinBox) and _leaves_date_box(watched, event):
            return True

        if event.key() in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and not event.modifiers():
            return _scroll_page(watched, down=event.key() == Qt.Key.Key_PageDown)
        if not isinstance(watched, (QPushButton, QToolButton)):
            return False
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter) or event.modifiers() & ~(
                Qt.KeyboardModifier.KeypadModifier):
            return False  # Ctrl+Return and the like are shortcuts, not a press
        if not (watched.isEnabled() and watched.isVisible() and watched.hasFocus()):
            return False
        if watched.menu() is not None:
            watched.showMenu()
        else:
            watched.click()
        return True


def _leaves_focus_mode(widget: QWidget, event: QKeyEvent) -> bool:
    """Esc in focus mode leaves it, on every page (twenty-eighth re-test: on
    the end-of-session summary it said "Esc has nothing to stop", and on the
    pain check it went home still full screen). Not while a dialog or pop-up
    is open (Esc closes that) or in a box being typed into (Esc is the box's:
    the count being corrected cancels). True when it left."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    if event.key() != Qt.Key.Key_Escape or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False
    window = widget.window()
    if not window.isFullScreen() or not hasattr(window, "toggle_focus_mode"):
        return False
    if QApplication.activePopupWidget() is not None or QApplication.activeModalWidget() is not None:
        return False
    focus = QApplication.focusWidget()
    if isinstance(focus, (QAbstractSpinBox, QLineEdit)) and not focus.isReadOnly():
        return False
    window.toggle_focus_mode()
    return True


def _leaves_date_box(box: QAbstractSpinBox, event: QKeyEvent) -> bool:
    """Tab and Shift+Tab in a date or time box go to the next or previous
    control, as everywhere else: Qt's date box stopped on its year, month and
    day in turn (six Tabs to cross History's two dates: fourteenth re-test).
    The arrows Left and Right still move between its parts. True when moved."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDateTimeEdit

    if not isinstance(box, QDateTimeEdit) or event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return False
    if event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier):
        return False  # Ctrl+Tab changes the page's tab (above)
    forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
    box.interpretText()  # what was typed is taken, as leaving by Tab always does
    return QWidget.focusNextPrevChild(box, forward)


def _window_shortcut_wins(widget: QWidget, event: QKeyEvent) -> bool:
    """True (the focused box does not take the key) for a Ctrl shortcut of one of
    the window's enabled actions that is not an editing key every box needs
    (undo, redo, cut, copy, paste, select all). Under X11 a text or number box
    takes Ctrl+E for "end of line", so Ctrl+E (export) did nothing from History's
    pain boxes; the window's shortcuts work from every control, as F1 says."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction, QKeySequence

    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return False
    pressed = QKeySequence(event.keyCombination())
    standard = QKeySequence.StandardKey
    for key in (standard.Undo, standard.Redo, standard.Cut, standard.Copy, standard.Paste, standard.SelectAll):
        if any(b.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch for b in QKeySequence.keyBindings(key)):
            return False
    window = widget.window()
    return any(action.isEnabled() and any(s.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch
                                          for s in action.shortcuts())
               for action in window.findChildren(QAction))


def _tab_step(event: QKeyEvent) -> int:
    """+1 for Ctrl+Tab or Ctrl+Page Down, -1 for Ctrl+Shift+Tab or Ctrl+Page Up, else 0."""
    from PySide6.QtCore import Qt

    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    key = event.key()
    if mods == Qt.KeyboardModifier.ControlModifier:
        return {Qt.Key.Key_Tab: 1, Qt.Key.Key_PageDown: 1, Qt.Key.Key_PageUp: -1}.get(key, 0)  # type: ignore[call-overload]
    if mods == Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier:
        return -1 if key in (Qt.Key.Key_Backtab, Qt.Key.Key_Tab) else 0
    return 0


def _change_tab(widget: QWidget, step: int) -> bool:
    """Show the next (``step`` 1) or previous (-1) tab of the tabs around
    ``widget``, or else of the only tabs on show in its window; False when
    there are none. The keyboard stays where it was, or goes to the tab row
    when its control went with the old tab."""
    tabs: QWidget | None = widget
    while tabs is not None and not isinstance(tabs, QTabWidget):
        tabs = tabs.parentWidget()
    if tabs is None:
        shown = [t for t in widget.window().findChildren(QTabWidget) if t.isVisible()]
        if len(shown) != 1:
            return False
        tabs = shown[0]
    assert isinstance(tabs, QTabWidget)
    if tabs.count() < 2:
        return False
    tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())
    if not widget.isVisible():
        tabs.tabBar().setFocus()
    return True


def _scroll_page(widget: QWidget, down: bool) -> bool:
    """Scroll a page down or up from ``widget``: the nearest scroll area around it
    that can scroll, else the window's largest one on show; False (the key goes
    on as usual) when nothing scrolls or the page has its own Page keys."""
    from PySide6.QtWidgets import QAbstractSlider

    area: QAbstractScrollArea | None = None
    parent: QWidget | None = widget
    while parent is not None:
        if parent.property("ownPageKeys"):
            return False
        if area is None and isinstance(parent, QAbstractScrollArea) and parent.verticalScrollBar().maximum() > 0:
            area = parent
        parent = parent.parentWidget()
    if area is None:
        areas = [a for a in widget.window().findChildren(QAbstractScrollArea)
                 if a.isVisible() and a.verticalScrollBar().maximum() > 0]
        area = max(areas, key=lambda a: a.width() * a.height(), default=None)
    if area is None:
        return False
    step = QAbstractSlider.SliderAction.SliderPageStepAdd if down else QAbstractSlider.SliderAction.SliderPageStepSub
    area.verticalScrollBar().triggerAction(step)
    return True


def main_button(dialog: QWidget) -> QPushButton | None:
    """The button Enter presses in ``dialog``: its ``main_button`` when it names
    one, else its button row's accepting button (OK), else a row's only button
    (Close); None when there is none of these."""
    from PySide6.QtWidgets import QDialogButtonBox

    named = getattr(dialog, "main_button", None)
    if isinstance(named, QPushButton):
        return named
    boxes = dialog.findChildren(QDialogButtonBox)
    for box in boxes:
        for button in box.buttons():
            if box.buttonRole(button) in (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole) \
                    and isinstance(button, QPushButton):
                return button
    for box in boxes:
        if len(box.buttons()) == 1 and isinstance(button := box.buttons()[0], QPushButton):
            return button
    return None


def one_default_button(dialog: QWidget) -> None:
    """Make ``dialog``'s main button (see :func:`main_button`) its only default
    one, so Enter in a text or number box, on a check box or a choice presses
    it, and no other button is "auto default": Qt makes each push button of a
    dialog auto default, and one that takes the default at showing (the first
    in the Tab order when the main button was made default before it was in
    the dialog) or at a passing focus ("Browse…") got Enter instead. Enter on
    a focused button still presses that button (:class:`AppKeyRules`)."""
    main = main_button(dialog)
    if main is None:
        return
    for button in dialog.findChildren(QPushButton):
        if button.window() is dialog.window():
            button.setAutoDefault(button is main)
            if button is not main:
                button.setDefault(False)
    main.setDefault(True)


def install_key_rules(app: QApplication) -> None:
    """Install the app-wide keys (once; later calls do nothing)."""
    if app.findChild(AppKeyRules) is None:
        app.installEventFilter(AppKeyRules(app))
