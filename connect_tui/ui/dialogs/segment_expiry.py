"""Provides ExpiryDialog: sets `connect:ContactExpiry` in days, hours and minutes.

The request stores the expiry in minutes as
`{"ValueMap": {"ExpiryDuration": {"ValueInteger": minutes}}}`; people think in days and
hours, so the dialog asks for those, shows the total in minutes as it is typed, and
refuses what the rules refuse (less than a minute, more than the 90-day maximum).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from connect_tui.core.rules import MAX_EXPIRY_MINUTES
from connect_tui.core.segments import EXPIRY_KEY, parse_integer
from connect_tui.ui.dialogs.choice import dialog_css
from connect_tui.ui.on_top import DismissedOnTopOnly

MINUTES_PER = {"days": 24 * 60, "hours": 60, "minutes": 1}
#: Email contacts expire after this long when the request sets no expiry.
DEFAULT_EXPIRY_DAYS = 14


@dataclass(frozen=True)
class ExpiryChoice:
    """What the user chose: a number of minutes, or None to remove the expiry."""

    minutes: int | None


def describe_minutes(minutes: int) -> str:
    """Minutes as people read them: `135 minutes (2 h 15 min)`, `20,160 minutes (14 days)`."""
    days, hours, mins = split_minutes(minutes)
    parts = [f"{days} day{'s' if days != 1 else ''}"] if days else []
    parts += [f"{hours} h"] if hours else []
    parts += [f"{mins} min"] if mins else []
    return f"{minutes:,} minutes ({' '.join(parts) or '0 min'})"


class ExpiryDialog(DismissedOnTopOnly, ModalScreen[ExpiryChoice | None]):
    """Ask for the contact's expiry in days, hours and minutes; None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="segment_expiry.cancel"),
    ]

    DEFAULT_CSS = (
        dialog_css("ExpiryDialog")
        + """
    ExpiryDialog .dialog--note { color: $text-muted; }
    ExpiryDialog .dialog--error { color: $text-error; height: auto; }
    ExpiryDialog .expiry-fields { height: auto; margin-top: 1; }
    ExpiryDialog .expiry-fields Vertical { width: 1fr; height: auto; padding: 0 1 0 0; }
    ExpiryDialog #expiry-total { margin-top: 1; }
    """
    )

    def __init__(self, current: int | None, *, present: bool) -> None:
        super().__init__()
        self.current = current
        self.present = present

    def compose(self) -> ComposeResult:
        """What is set now, three number fields, the total and the buttons."""
        if self.current is not None:
            now = f"Now: {describe_minutes(self.current)}."
        elif self.present:
            now = f"Now: {EXPIRY_KEY} is set but not to a number of minutes; OK replaces it."
        else:
            now = f"Not set: an email contact expires after {DEFAULT_EXPIRY_DAYS} days."
        days, hours, minutes = split_minutes(self.current or 0)
        with Vertical(classes="dialog"):
            yield Label(f"Contact expiry ({EXPIRY_KEY})", classes="dialog--title")
            yield Static(Content(now), classes="dialog--note")
            with Horizontal(classes="expiry-fields"):
                for name, amount in (("days", days), ("hours", hours), ("minutes", minutes)):
                    with Vertical():
                        yield Label(name.capitalize())
                        yield Input(str(amount) if amount else "", placeholder="0", id=name)
            yield Static("", id="expiry-total")
            yield Static("", id="expiry-error", classes="dialog--error")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Set", variant="primary", id="expiry-set", compact=True)
                if self.present:
                    yield Button("Remove", variant="error", id="expiry-remove", compact=True)
                yield Button("Cancel", id="expiry-cancel", compact=True)

    def on_mount(self) -> None:
        """Focus the days and show the total."""
        self.query_one("#days", Input).focus()
        self.show_total()

    def fields_total(self) -> int | tuple[str, str]:
        """The minutes the three fields add up to, or (what is wrong, the field at fault)."""
        total = 0
        for name, factor in MINUTES_PER.items():
            text = self.query_one(f"#{name}", Input).value
            amount = parse_integer(text) if text.strip() else 0
            if amount is None or amount < 0:
                return f"{name.capitalize()}: {text.strip()!r} is not a whole number ≥ 0", name
            total += amount * factor
        return total

    def total(self) -> int | tuple[str, str]:
        """The minutes to set, or (what is wrong, the field at fault) when they cannot be set."""
        total = self.fields_total()
        if isinstance(total, tuple):
            return total
        if total < 1:
            return "A contact expiry is at least 1 minute", "days"
        if total > MAX_EXPIRY_MINUTES:
            return (
                f"{total:,} minutes is more than the maximum, "
                f"{MAX_EXPIRY_MINUTES:,} minutes ({MAX_EXPIRY_MINUTES // 1440} days)",
                "days",
            )
        return total

    def show_total(self) -> None:
        """Show the total in minutes under the fields, as the user types."""
        total = self.fields_total()
        text = describe_minutes(total) if isinstance(total, int) else "…"
        limit = f"{MAX_EXPIRY_MINUTES:,} minutes ({MAX_EXPIRY_MINUTES // 1440} days)"
        over = isinstance(total, int) and total > MAX_EXPIRY_MINUTES
        self.query_one("#expiry-total", Static).update(
            Content(f"= {text}; {'more than' if over else 'at most'} {limit}")
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        """Keep the total up to date."""
        event.stop()
        self.show_total()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field means Set."""
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Set, Remove or Cancel."""
        event.stop()
        if event.button.id == "expiry-set":
            self.submit()
        elif event.button.id == "expiry-remove":
            self.dismiss(ExpiryChoice(None))
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)

    def submit(self) -> None:
        """Close with the minutes, or stay open saying what is wrong."""
        outcome = self.total()
        if isinstance(outcome, tuple):
            message, field_id = outcome
            self.query_one("#expiry-error", Static).update(Content(message))
            for widget in self.query(Input):
                widget.set_class(widget.id == field_id, "-invalid")
            self.query_one(f"#{field_id}").focus()
            return
        self.dismiss(ExpiryChoice(outcome))


def split_minutes(minutes: int) -> tuple[int, int, int]:
    """Minutes as (days, hours, minutes)."""
    days, rest = divmod(max(minutes, 0), 24 * 60)
    hours, mins = divmod(rest, 60)
    return days, hours, mins
