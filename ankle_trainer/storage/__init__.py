"""History on disk: sqlite3 connection, migrations and the history repository.

Qt-free, like ``ankle_trainer.core``; a test enforces it.
"""
