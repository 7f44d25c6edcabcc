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

    for name in ("question", "critical", "warning", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
