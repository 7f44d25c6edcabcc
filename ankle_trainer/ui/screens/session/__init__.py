"""The session: its pages (safety check, pain before, the guided screen, summary) and flow.py, which moves between them."""
