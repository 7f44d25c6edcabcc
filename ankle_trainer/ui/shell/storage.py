"""What the window says when the history cannot be written, and taking it back.

A failed write (a full disk, a data folder gone) is said on the message bar
in words that fit the moment: during a session the sets are kept and written
later; outside one, what did not happen (the session did not start) and what
to do. Once a write to the history works again and nothing is left unsaved,
the message is withdrawn: a bar claiming that saving fails while it works is
a false alarm (sixth re-test: both messages stayed over a session that saved).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...app.changes import Change

if TYPE_CHECKING:
    from .window import MainWindow

#: How every "the history could not be written" message starts (and is found again).
COULD_NOT_SAVE = "Ankle Trainer could not save to your history"


def storage_words(detail: str, data_dir: Path, *, in_session: bool, what: str = "") -> str:
    """The message for a history write that failed with ``detail``. ``what``
    says what did not happen ("The session did not start"); ``in_session``:
    a session runs, whose finished sets are kept and written later."""
    head = f"{what}: " if what else ""
    then = ("You can keep going: the sets you finish are kept and saved as soon as writing "
            "works again." if in_session else "Then try again.")
    return (f"{head}{COULD_NOT_SAVE} ({detail}). Check that the disk is not full and that the "
            f"data folder {data_dir} is still there. {then}")


def say_storage_failed(window: MainWindow, detail: str, what: str = "") -> None:
    """Say on ``window``'s message bar that the history could not be written
    (or, for a damaged file, that it is damaged, with its recovery)."""
    damaged = window.context.history.damage_notice(detail)
    if damaged is not None:  # a damaged file, not a full disk: say so, offer recovery
        window.show_message(damaged, can_wait=False)
        return
    controller = window._controller
    running = controller is not None and controller.running
    window.show_message(storage_words(detail, window.context.data_dir, in_session=running, what=what),
                        can_wait=False)


def withdraw_when_saved(window: MainWindow) -> None:
    """From now on, take the "could not save" messages back after a history
    write works (any change the app layer reports but settings) while nothing
    of the session is left unsaved."""

    def changed(change: Change) -> None:
        if change == Change.SETTINGS:
            return  # the settings file, not the history
        recorder = window._controller.recorder if window._controller is not None else None
        if recorder is not None and (recorder.unsaved or recorder.unfinished is not None):
            return  # sets still wait to be written: the message still holds
        window.notice.withdraw(lambda message: COULD_NOT_SAVE not in message)

    window.context.changes.subscribe(changed)
