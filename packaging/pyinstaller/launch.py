"""Entry point for the frozen app (PyInstaller runs this file)."""

import sys

from ankle_trainer.cli import main

sys.exit(main())
