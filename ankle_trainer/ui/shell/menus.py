"""The window's menus, built from the screens' and dialogs' specs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from .window import MainWindow


def build_menus(window: MainWindow) -> None:
    """File (start, the file dialogs, quit), View (every screen, focus mode) and
    Help, each entry from a spec's menu text, shortcut and object name."""
    from PySide6.QtGui import QAction, QKeySequence

    from ..dialogs import DIALOGS
    from ..screens import SCREENS

    menus = {"file": window.file_menu, "view": window.view_menu, "help": window.help_menu}

    def add(menu: str, key: str, text: str, keys: str, name: str, slot: Any) -> QAction:
        act = QAction(text, window)
        act.setShortcut(QKeySequence(keys))
        act.setObjectName(name)
        act.triggered.connect(slot)
        menus[menu].addAction(act)
        window.addAction(act)  # works with the menu bar hidden (focus mode)
        window.actions_by_key[key] = act
        return act

    add("file", "start", "&Start selected routine", "Ctrl+Return", "startAction", window.home._start)
    for spec in DIALOGS:
        if spec.menu:
            if spec.key == "editor":  # the routines and settings after the history files
                window.file_menu.addSeparator()
            add(spec.menu, spec.key, spec.menu_text, spec.shortcut, spec.object_name,
                lambda _=False, key=spec.key: window.open_dialog(key))
    window.file_menu.addSeparator()
    add("file", "quit", "&Quit", "Ctrl+Q", "quitAction", window.quit_app)
    for spec in SCREENS:
        add("view", spec.key, spec.menu_text, spec.shortcut, spec.object_name,
            lambda _=False, key=spec.key: window.show_screen(key))
    window.view_menu.addSeparator()
    focus = add("view", "focus", "&Focus mode (full screen, large digits)", "F11", "focusAction",
                window.toggle_focus_mode)
    focus.setCheckable(True)
    window.focus_action = focus
    for menu in menus.values():
        menu.aboutToHide.connect(lambda: _leave_menu_bar_later(window))


def _leave_menu_bar_later(window: MainWindow) -> None:
    """Once a menu closed by Esc (not by opening the next menu with an arrow),
    give the keys back to the page: Qt leaves the menu bar holding them, its
    highlight hard to see, so Tab moved nothing and Space opened a menu."""
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    def leave() -> None:
        bar = window.menuBar()
        if bar.hasFocus() and QApplication.activePopupWidget() is None:
            QApplication.sendEvent(bar, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape,
                                                  Qt.KeyboardModifier.NoModifier))

    QTimer.singleShot(0, window, leave)
