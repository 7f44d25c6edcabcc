"""Desktop integration that needs no Qt: the XDG autostart entry."""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from . import APP_ID, APP_NAME


def autostart_file() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "autostart" / f"{APP_ID}.desktop"


def launch_command() -> str:
    script = shutil.which("ankle-trainer")
    if script:
        return shlex.quote(script)
    return f"{shlex.quote(sys.executable)} -m ankle_trainer"


def set_autostart(enabled: bool) -> Path | None:
    """Create or remove the autostart entry (Linux desktops). Returns its path."""
    if not sys.platform.startswith("linux"):
        return None
    path = autostart_file()
    if not enabled:
        path.unlink(missing_ok=True)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Reminders for your ankle exercises\n"
        f"Exec={launch_command()}\n"
        f"Icon={APP_ID}\n"
        "X-GNOME-Autostart-enabled=true\n",
        encoding="utf-8",
    )
    return path
