"""The routine editor dialog (opened from File > Edit routines; its spec is in ui/dialogs)."""
