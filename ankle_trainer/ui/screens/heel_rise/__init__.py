"""The heel-rise endurance test, with its metronome and result chart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..spec import ScreenSpec

if TYPE_CHECKING:
    from ..spec import Host


def build(host: Host) -> Any:
    """The heel-rise page on the context's history, clock and beat setting."""
    from .page import LEAVE_TITLE, HeelRisePage

    ctx = host.context
    page = HeelRisePage(ctx.history, ctx.clock, lambda: ctx.settings.heel_rise_beat_seconds, host.cues,
                        symmetry_flag=lambda: ctx.settings.symmetry_flag_percent)
    page.homeRequested.connect(host.go_home)
    page.failed.connect(host.show_message)
    asker = ctx.asker
    if asker is not None:  # the app's way to ask (tests answer for the runner)
        page.confirm_leave = lambda question: asker.confirm(LEAVE_TITLE, question)  # type: ignore[method-assign]
    return page


SPEC = ScreenSpec("heel_rise", "Heel-&rise test", "Ctrl+4", build, object_name="heelRiseAction")
