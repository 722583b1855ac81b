"""Provides SendResult: what one send did, with the ContactId shown large enough to find at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Digits, Static

from connect_tui.core.model import OUTBOUND

if TYPE_CHECKING:
    from connect_tui.core.outcome import SendOutcome


def elapsed_text(seconds: float) -> str:
    """A duration as people read it: `240 ms` or `1.3 s`."""
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def big_lines(contact_id: str | None) -> list[str]:
    """A ContactId in two lines for the large digits (split after its third group), upper
    case (the font has A-F only); [] when it is not a plain hex id (shown as text only)."""
    text = (contact_id or "").upper()
    if not text or len(text) > 40 or not set(text) <= set("0123456789ABCDEF-"):
        return []
    groups = text.split("-")
    if len(groups) < 4:
        return [text]
    return ["-".join(groups[:3]) + "-", "-".join(groups[3:])]


def detail_lines(outcome: SendOutcome) -> list[tuple[str, str]]:
    """The (label, value) lines under the headline, only those that have a value."""
    lines: list[tuple[str, str]] = []
    if outcome.operation == OUTBOUND and outcome.created_contact_id:
        lines.append(("CreateContact made", outcome.created_contact_id))
        if outcome.contact_id:
            lines.append(("Outbound email on", outcome.contact_id))
    lines += [
        ("Operation", outcome.operation),
        ("Target", outcome.target),
        ("Request id", outcome.request_id or ""),
        ("ClientToken", outcome.client_token or ""),
        ("Time taken", elapsed_text(outcome.elapsed)),
    ]
    if outcome.error_code:
        lines.append(("Error code", outcome.error_code))
    return [(label, value) for label, value in lines if value]


class SendResult(Vertical):
    """The outcome of a send: the ContactId (or the error in words), then the details."""

    DEFAULT_CSS = """
    SendResult {
        height: auto;
    }
    SendResult > .send-result--title {
        text-style: bold;
        color: $text-success;
    }
    SendResult.-failed > .send-result--title {
        color: $text-error;
    }
    SendResult > .send-result--digits {
        width: 1fr;
        padding: 0 2;
        background: $success-muted;
        color: $text-success;
    }
    SendResult > #send-result-digits-1 {
        margin-top: 1;
    }
    SendResult > .send-result--headline {
        margin: 1 0;
        padding: 1 2;
        background: $success-muted;
        color: $text;
        text-style: bold;
    }
    SendResult.-big > .send-result--headline {
        margin: 0 0 1 0;
        padding: 0 2;
    }
    SendResult.-failed > .send-result--headline {
        background: $error-muted;
        text-style: none;
    }
    SendResult > .send-result--details {
        color: $text-muted;
    }
    """

    def __init__(self, outcome: SendOutcome, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        outcome = self.outcome
        self.set_class(not outcome.ok, "-failed")
        if outcome.ok:
            yield Static(Content("Sent: the contact was created"), classes="send-result--title")
            headline = Content.assemble("ContactId  ", (outcome.contact_id or "", "bold"))
            if big_lines(outcome.contact_id):
                # Large, as the README promises: a ContactId is read off the screen and typed.
                self.add_class("-big")
                for number, line in enumerate(big_lines(outcome.contact_id), start=1):
                    yield Digits(
                        line, id=f"send-result-digits-{number}", classes="send-result--digits"
                    )
        else:
            # "May exist": an attempt may have made the contact; its ClientToken tells.
            title = "May exist" if outcome.may_exist else "Not sent"
            yield Static(Content(title), classes="send-result--title")
            headline = Content(outcome.error or "the send failed")
            if outcome.may_exist:
                headline = headline.append(
                    " — resend it from the history (f9, r): the same ClientToken returns the "
                    "contact if it was made, and never makes a second"
                )
        yield Static(headline, classes="send-result--headline", id="send-result-headline")
        width = max((len(label) for label, _ in detail_lines(outcome)), default=0)
        details = Content("\n").join(
            Content.assemble((f"{label:<{width}}  ", "bold"), value)
            for label, value in detail_lines(outcome)
        )
        if not outcome.ok:
            details = details.append("\n\nThe draft is unchanged.")
        yield Static(details, classes="send-result--details")
