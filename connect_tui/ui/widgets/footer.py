"""Provides FittingFooter: Textual's Footer that shows only the keys that fit whole.

Textual's Footer lays its keys out in a row and cuts the row where the screen ends, so on
80 columns a pane with many keys showed `^o D` for Drafts and drew the palette key over a
label (`^p pa lette`). This footer hides, from the end, every key that would not fit
whole beside the palette key; the hidden keys stay bound, and f1 and the palette list them.
"""

from __future__ import annotations

from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class FittingFooter(Footer):
    """A Footer whose keys are shown whole or not at all."""

    async def recompose(self) -> None:
        """Rebuild the keys (the bindings changed), then fit them to the width."""
        await super().recompose()
        self.call_after_refresh(self.fit_keys)

    def on_resize(self) -> None:
        """Show every key again and fit them to the new width once laid out."""
        for key in self.query(FooterKey):
            key.display = True
        self.call_after_refresh(self.fit_keys)

    def fit_keys(self) -> None:
        """Hide the keys, from the last, that would not fit whole beside the palette key."""
        keys = [key for key in self.query(FooterKey) if not key.has_class("-command-palette")]
        palette = [key for key in self.query(FooterKey) if key.has_class("-command-palette")]
        room = self.size.width - sum(key.outer_size.width for key in palette)
        used, full = 0, False
        for key in keys:
            width = key.outer_size.width
            full = full or used + width > room  # the keys keep their order: none after a gap
            if key.display == full:
                key.display = not full
            used += 0 if full else width
