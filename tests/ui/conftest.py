from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def _no_unexpected_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal box would block a headless test forever: fail instead.

    Tests that expect a box replace the one they expect with their own double.
    """

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected modal dialog: {args[1:3]}")

    for name in ("question", "critical", "warning", "information", "about", "exec"):
        monkeypatch.setattr(QMessageBox, name, refuse)


class Answers:
    """The test's answers to the app's questions (stands in for the Qt asker):
    yes to every confirmation unless ``answer`` is set, ``unsaved`` to every
    Save / Discard / Cancel question ("discard" unless set), ``files`` for
    file choices."""

    def __init__(self) -> None:
        self.answer = True
        self.unsaved = "discard"
        self.files: list[str] = []
        self.asked: list[str] = []
        self.folders: list[object] = []  # where each file chooser started

    def confirm(self, title: str, question: str) -> bool:
        self.asked.append(title)
        return self.answer

    def save_or_discard(self, title: str, question: str) -> str:
        self.asked.append(title)
        assert self.unsaved in ("save", "discard", "cancel")
        return self.unsaved

    def choose_files(self, title: str, filters: str, folder: object = None) -> list[str]:
        self.asked.append(title)
        self.folders.append(folder)
        return list(self.files)


@pytest.fixture
def make_window(qtbot, repo, clock, tmp_path):  # type: ignore[no-untyped-def]
    """The one window factory: a shown MainWindow on an AppContext built from the
    test's history, clock and settings; each window closes with the test."""
    from ankle_trainer.app.context import build_context
    from ankle_trainer.core.library import builtin_routines
    from ankle_trainer.storage.settings import SettingsStore
    from ankle_trainer.ui.shell.window import MainWindow

    def make(  # type: ignore[no-untyped-def]
        *, history=None, clock=clock, routines=None, settings=None, store=False,
        routine_store=None, data_dir=None, safety_done=False, startup=False, cues=None,
    ):
        history = history or repo
        if safety_done:
            history.record_safety_check(clock.now(), {}, "clear")  # today's red-flag check: done
        context = build_context(
            history, routines or builtin_routines(), clock, settings=settings,
            settings_store=SettingsStore(tmp_path / "settings.json") if store else None,
            data_dir=data_dir or tmp_path, routine_store=routine_store, asker=Answers(),
        )
        win = MainWindow(context)
        if cues is not None:
            win.cues = cues
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        if startup:
            win.finish_startup()
        return win

    return make
