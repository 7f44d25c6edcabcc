"""PySide6 widgets. The only layer that may import Qt."""
