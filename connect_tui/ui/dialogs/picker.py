"""Provides PickerDialog: choose an id from the draft's target, filtered as you type.

The list comes from connect_tui.core.pickers: shown at once from the cache when there is
one, then replaced by the live list a worker fetches (or kept, marked offline, with the
reason when the target does not answer). Typing filters fuzzily, as the command palette
does; names and details from the service are shown as text, never markup, with control
characters made visible.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from connect_tui.core.pickers import Choice, Listing
from connect_tui.core.safe_text import shown
from connect_tui.ui.dialogs.choice import dialog_css
from connect_tui.ui.on_top import DismissedOnTopOnly

#: How many matches are shown at once (a filter narrows a longer list).
SHOWN = 200


class PickerDialog(DismissedOnTopOnly, ModalScreen[str | None]):
    """Lists the choices for one field; returns the chosen value, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+r", "refresh", "Refresh", id="picker.refresh"),
        Binding("down", "move(1)", "Next", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker.up"),
    ]
    DEFAULT_CSS = (
        dialog_css("PickerDialog")
        + """
    PickerDialog .dialog { width: 90; max-width: 95%; }
    PickerDialog OptionList { height: auto; max-height: 16; }
    PickerDialog #picker-status { color: $text-muted; height: auto; }
    PickerDialog #picker-status.-offline { color: $text-warning; }
    """
    )

    def __init__(
        self,
        title: str,
        *,
        cached: Listing | None,
        fetch: Callable[[], Listing] | None,
        current: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.listing = cached
        self.fetch = fetch
        self.current = current
        self._shown: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog--title")
            yield Input(placeholder="type to filter", id="picker-filter")
            yield OptionList(id="picker-options")
            yield Static("", id="picker-status", markup=False)
            yield Static(
                Content("enter chooses, ctrl+r refreshes, escape leaves the field as it is"),
                classes="dialog--hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._show()
        if self.fetch is not None:
            self._status("fetching…" if self.listing is None else self._describe(self.listing))
            self._load()

    @work(thread=True, exclusive=True, group="picker")
    def _load(self) -> None:
        assert self.fetch is not None
        listing = self.fetch()
        self.app.call_from_thread(self._loaded, listing)

    def _loaded(self, listing: Listing) -> None:
        self.listing = listing
        self._show()

    def _describe(self, listing: Listing) -> str:
        count = f"{len(listing.choices)} found"
        if listing.truncated:
            count += " (the first pages only: filter to narrow)"
        if not listing.offline:
            return f"{count}, live"
        if listing.error is None:
            return f"{count}, cached {listing.age()}; refreshing…"
        where = f"cached {listing.age()}" if listing.choices else "nothing cached"
        return f"offline ({where}): {shown(listing.error)}"

    def _status(self, text: str) -> None:
        status = self.query_one("#picker-status", Static)
        status.update(Content(text))
        status.set_class(self.listing is not None and self.listing.offline, "-offline")

    def _show(self) -> None:
        """Fill the list with the choices matching the filter, best first."""
        if self.listing is None:
            return
        query = self.query_one("#picker-filter", Input).value.strip()
        choices = list(self.listing.choices)
        if query:
            matcher = Matcher(query)
            scored = [
                (matcher.match(f"{c.name} {c.value} {c.detail}"), index, c)
                for index, c in enumerate(choices)
            ]
            choices = [c for score, _, c in sorted(scored, key=lambda s: (-s[0], s[1])) if score]
        self._shown = choices[:SHOWN]
        options = self.query_one("#picker-options", OptionList)
        options.clear_options()
        options.add_options(
            [
                Option(
                    Content.assemble(
                        (shown(c.name) or "(no name)", "bold"),
                        "  ",
                        shown(c.value),
                        ("  " + shown(c.detail), "dim") if c.detail else "",
                    )
                )
                for c in self._shown
            ]
        )
        if self._shown:
            values = [c.value for c in self._shown]
            options.highlighted = values.index(self.current) if self.current in values else 0
        self._status(self._describe(self.listing))

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    @on(Input.Submitted, "#picker-filter")
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose(self.query_one("#picker-options", OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self._shown) and self.is_current:
            self.dismiss(self._shown[index].value)

    def action_move(self, step: int) -> None:
        """Move the highlight while the focus stays in the filter."""
        options = self.query_one("#picker-options", OptionList)
        if self._shown:
            now = options.highlighted or 0
            options.highlighted = max(0, min(len(self._shown) - 1, now + step))

    def action_refresh(self) -> None:
        """Fetch the list again from the target."""
        if self.fetch is not None:
            self._status("fetching…")
            self._load()

    def action_cancel(self) -> None:
        """Close, leaving the field as it is."""
        if self.is_current:
            self.dismiss(None)
