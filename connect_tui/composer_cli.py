"""Provides `connect-tui [PROFILE] [options]`: the composer's command line, checked first.

Without a terminal (stdin or stdout not a TTY) the composer draws nothing: it says to use
`connect-tui send` and exits 2 at once, before importing Textual.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from connect_tui.core.files import UserError
from connect_tui.verbs.common import add_target_options

NO_TERMINAL = (
    "the composer needs a terminal (stdin and stdout must be a TTY); "
    "to send saved drafts without one, use `connect-tui send PROFILE`"
)


def build_parser() -> argparse.ArgumentParser:
    """The composer's parser: an optional PROFILE and where to send."""
    parser = argparse.ArgumentParser(
        prog="connect-tui",
        description=(
            "Open the composer on PROFILE (a profile name or a path to a .toml file), or on a "
            "new draft. Headless verbs: validate, import, export (see `connect-tui --help`)."
        ),
    )
    parser.add_argument("profile", nargs="?", metavar="PROFILE", help="the draft to open")
    add_target_options(parser)
    return parser


#: The driver textual-serve sets for the composer processes it runs for browser tabs.
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"


def _served_in_a_browser() -> bool:
    """True when `connect-tui serve` (textual-serve) runs this composer for a browser tab."""
    return os.environ.get("TEXTUAL_DRIVER") == WEB_DRIVER


def run_composer(argv: Sequence[str]) -> int:
    """Parse the composer's arguments, refuse to start without a terminal, then run the app."""
    args = build_parser().parse_args(list(argv))
    if not (sys.stdin.isatty() and sys.stdout.isatty() or _served_in_a_browser()):
        raise UserError(NO_TERMINAL, exit_code=2)
    from connect_tui.ui.app import run

    return run(args)
