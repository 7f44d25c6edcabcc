"""The main window and what hangs off it: menus, banners, the Qt asker, tray and reminders."""
