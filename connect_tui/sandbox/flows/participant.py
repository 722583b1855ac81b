"""Provides the participant actions the sandbox runs: disconnect, and an automated email reply.

DisconnectParticipant "disconnects the participant from the contact and stops this flow":
https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-disconnectparticipant.html
SendMessage is the admin guide's Send message block, which email flows use to send an
automated reply into the thread: https://docs.aws.amazon.com/connect/latest/adminguide/send-message.html
The Flow-language page of its email parameters is not in the API Reference; the sandbox
reads Subject, Body, ContentType and FromEmailAddress (docs/flows.md).
"""

from __future__ import annotations

from typing import Final

from connect_tui.sandbox.flows.context import Reply
from connect_tui.sandbox.flows.model import Action
from connect_tui.sandbox.flows.run_state import Handler, Outcome, Run

CONTENT_TYPES: Final = ("text/plain", "text/html")


def disconnect_participant(run: Run, action: Action) -> Outcome:
    """DisconnectParticipant: the contact ends (CONTACT_FLOW_DISCONNECT) and so does the flow."""
    return Outcome.end("disconnected", "the flow disconnects the contact")


def message_participant(run: Run, action: Action) -> Outcome:
    """MessageParticipant (the Play prompt block): no effect on an email contact.

    https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-messageparticipant.html
    The admin guide's block-support table says Play prompt on a task "takes the Okay branch,
    but it has no effect"; the sandbox does the same for email (docs/flows.md)."""
    text = run.value(action.parameters.get("Text", ""))
    return Outcome.next(f"no effect on an {run.contact.channel} contact (text: {text[:60]!r})")


def send_message(run: Run, action: Action) -> Outcome:
    """SendMessage: an automated reply to the customer, made a new contact in the thread."""
    customer = (run.contact.customer or {}).get("Address")
    if run.contact.channel != "EMAIL" or not customer:
        return Outcome.fail(
            "NoMatchingError", "an email reply needs an email contact with a customer"
        )
    content_type = run.value(action.parameters.get("ContentType", "text/plain"))
    if content_type not in CONTENT_TYPES:
        return Outcome.fail(
            "NoMatchingError", f"ContentType {content_type!r} is not text/plain or text/html"
        )
    sender = action.parameters.get("FromEmailAddress")
    reply = Reply(
        subject=run.value(action.parameters["Subject"]),
        body=run.value(action.parameters["Body"]),
        content_type=content_type,
        to=customer,
        sender=run.value(sender) if sender else None,
    )
    run.replies.append(reply)
    return Outcome.next(
        f"sent an automated reply {reply.subject!r} to {customer}",
        parameters={"Subject": reply.subject, "To": customer},
    )


HANDLERS: Final[dict[str, Handler]] = {
    "DisconnectParticipant": disconnect_participant,
    "SendMessage": send_message,
    "MessageParticipant": message_participant,
}
