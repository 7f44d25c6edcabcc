"""Recover history…: offered when the history file is found damaged (a
button on the notice, and the File menu). Asks first, copies every readable
row into a new file beside the damaged one on a worker thread, shows
progress while it runs, then says what was saved and where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...app.recovery import RecoveryJob, recovery_message, recovery_target

if TYPE_CHECKING:
    from ..screens.spec import Host

POLL_MS = 50  # how often the window looks whether the copy has ended


def offer_recovery(host: Host) -> RecoveryJob | None:
    """Ask, then start the recovery; returns the running job (None when the
    runner said no). The outcome is shown in the notice bar."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    ctx = host.context
    source = ctx.history.file_path()
    if source is None:  # a history held in memory has no file to copy from
        host.show_message("This history is not kept in a file, so there is nothing to recover.")
        return None
    target = recovery_target(source, ctx.clock.now())
    asker = ctx.asker
    # the words fit the file: "damaged" only for a file its check finds damaged
    sound = ctx.history.is_sound()
    if sound:
        question = (f"Your history file {source} passed its check: nothing in it is damaged, so "
                    f"there is nothing to recover. Ankle Trainer can still copy every session, set "
                    f"and answer into a new file, {target.name}, in the same folder; your history "
                    "file is only read and kept as it is. Make the copy?")
    else:
        question = (f"Ankle Trainer will copy every session, set and answer it can still read from "
                    f"{source} into a new file, {target.name}, in the same folder. The damaged file "
                    "is only read and kept as it is. Go ahead?")
    if asker is None or not asker.confirm(
        "Copy your history?" if sound else "Recover your history?", question,
    ):
        return None
    job = RecoveryJob(source, target)
    progress = QProgressDialog("Recovering your history: copying what can be read…", "", 0, 0, host.window())
    progress.setWindowTitle("Recover history")
    progress.setCancelButton(None)  # the copy cannot be stopped halfway; it only reads the history file
    progress.setMinimumDuration(500)  # shown only when it takes a while
    timer = QTimer(progress)

    def check() -> None:
        if not job.done():
            return
        timer.stop()
        progress.reset()
        progress.deleteLater()
        if job.result is not None:
            host.show_message(recovery_message(job.result))
        else:
            host.show_message(f"Your history could not be copied ({job.error}). Your "
                              f"{'' if sound else 'damaged '}history file is kept as it is at {source}.")

    timer.timeout.connect(check)
    job.start()
    timer.start(POLL_MS)
    return job
