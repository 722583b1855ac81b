"""Provides `python -m connect_tui`, the same as the `connect-tui` command."""

from __future__ import annotations

import sys

from connect_tui.cli import main

if __name__ == "__main__":
    sys.exit(main())
