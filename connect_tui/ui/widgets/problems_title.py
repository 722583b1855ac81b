"""Provides the Problems list's title while botocore's model loads, shared by the list and the
stand-in the composer's first frame shows in its place (connect_tui.ui.screens.first_frame),
which need not import the list to draw it."""

from __future__ import annotations

from typing import Final

#: The title of the Problems list until the draft is first checked.
CHECKING: Final = "Problems: checking…"
