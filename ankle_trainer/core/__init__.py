"""The Qt-free domain: exercises, routines, the session engine.

Nothing under this package may import PySide6 or pyqtgraph; a test enforces it.
"""
