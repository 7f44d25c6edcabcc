"""What a screen tells the window: the screen spec, and the host it is built on.

A screen (or dialog) is one folder under ``ui/screens`` or ``ui/dialogs``
whose ``__init__`` defines ``SPEC``; the window builds its menus from the specs
and builds each screen on first use with ``spec.factory(host)``. Nothing in a
spec module imports the screen's widgets, so start-up stays cheap.
"""

# Annotations are evaluated (no ``from __future__ import annotations``): a
# NamedTuple's fields given as strings are each compiled at every start-up.

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ...app.changes import Change
    from ...app.context import AppContext
    from ...app.session import SessionController
    from ...core.cues import CueSink
    from ...storage.rows import RecommendationRow
    from .session.flow import SessionFlow


class Host(Protocol):
    """What the window offers the screens it builds."""

    context: "AppContext"
    controller: "SessionController"

    @property
    def cues(self) -> "CueSink": ...

    @property
    def flow(self) -> "SessionFlow": ...

    def window(self) -> "QWidget": ...

    def go_home(self) -> None: ...

    def screen(self, key: str) -> Any: ...

    def show_screen(self, key: str) -> Any: ...

    def open_dialog(self, key: str, *args: Any) -> Any: ...

    def busy_elsewhere(self) -> bool: ...

    def show_message(self, text: str, can_wait: bool = True) -> None: ...

    def quiet_message(self, text: str) -> None: ...

    def storage_failed(self, detail: str, what: str = "") -> None: ...

    def offer_recommendation(self, rec: "RecommendationRow") -> None: ...


class ScreenSpec(NamedTuple):
    """A screen's (or dialog's) declaration.

    ``factory(host)`` builds it once, on first use. A screen's widget may define
    ``enter()``, called every time it is shown (reload what is out of date, put
    the focus where the keyboard user expects it); it may raise StorageError,
    which the window reports. A dialog's factory builds and opens it each time.
    (A NamedTuple: the specs are read before the first paint.)
    """

    key: str
    menu_text: str
    shortcut: str
    factory: Callable[[Host], Any]
    blocked_during_session: bool = True
    dialog: bool = False
    menu: str = "view"  #: "view" (screens), "file" or "help"
    object_name: str = ""  #: the menu action's objectName (tests and accessibility tools)


def follow_changes(
    page: "QWidget", host: Host, kinds: "Change", reload: Callable[[], None]
) -> None:
    """Keep ``page`` up to date: when data of ``kinds`` changes it is marked
    ``out_of_date`` and, when on screen, reloaded at once (else on ``enter``)."""
    page.out_of_date = True  # type: ignore[attr-defined]

    def changed(change: "Change") -> None:
        if not change & kinds:
            return
        page.out_of_date = True  # type: ignore[attr-defined]
        if page.isVisible():
            reload()

    unsubscribe = host.context.changes.subscribe(changed)
    page.destroyed.connect(lambda *_: unsubscribe())
