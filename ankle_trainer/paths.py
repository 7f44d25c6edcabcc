"""Where user data lives. Resolved by functions at call time, never at import.

Order of precedence: an explicit folder (``--data-dir``), then the environment
variable ``ANKLE_TRAINER_DATA_DIR``, then the platform's user data folder from
platformdirs (``~/.local/share/ankle-trainer`` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DATA_DIR = "ANKLE_TRAINER_DATA_DIR"
APP_DIR_NAME = "ankle-trainer"
DB_FILE_NAME = "history.sqlite3"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if missing; a folder we create is owner-only."""
    if not path.exists():
        path.mkdir(parents=True, mode=0o700)
        path.chmod(0o700)  # mkdir's mode is filtered by the umask
    elif not path.is_dir():
        raise NotADirectoryError(f"{path} exists and is not a folder")
    return path
