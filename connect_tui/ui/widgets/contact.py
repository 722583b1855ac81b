"""Provides ContactPane: the contact itself (instance, flow, name, token) and, outbound,
where its ContactId comes from: typed in, or made first by CreateContact.

An outbound email needs an existing ContactId. The draft either names one, or carries
a CreateContact step (`draft.create_contact`) that is sent first. Turning the step off
parks it on the draft (and turning it on parks the typed ContactId), so nothing typed
is lost when the user changes their mind: the rule is core's
(connect_tui.core.conversion.set_create_first); this pane shows and writes field values.
"""

from __future__ import annotations

from typing import Any, ClassVar, Final

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input

from connect_tui.core.conversion import (
    default_create_contact,
    set_create_first,
    shown_contact_id,
    shown_create_contact,
)
from connect_tui.core.model import Draft
from connect_tui.core.problems import CREATE_CONTACT, REQUEST, Problem
from connect_tui.core.rules import EMAIL_INITIATION_METHODS
from connect_tui.ui.widgets.choices import Choices
from connect_tui.ui.widgets.fields import (
    FieldRow,
    Hint,
    SectionTitle,
    put,
    put_table,
    table_of,
    text_input,
    text_of,
)
from connect_tui.ui.widgets.pane import Pane

#: Request member -> Input id, for both operations.
_REQUEST_FIELDS: Final = {
    "InstanceId": "instance-id",
    "ContactFlowId": "contact-flow-id",
    "RelatedContactId": "related-contact-id",
    "Name": "contact-name",
    "Description": "contact-description",
    "ClientToken": "client-token",
    "ContactId": "contact-id",
}
#: CreateContact member -> the id of the widget that shows it.
_CHAIN_FIELDS: Final = {
    "InitiationMethod": "chain-method",
    "RelatedContactId": "chain-related",
    "UserInfo": "chain-user",
    "ExpiryDurationInMinutes": "chain-expiry",
    "Name": "chain-name",
    "Description": "chain-description",
    "InstanceId": "instance-id",
    "Channel": "create-first",
}
_INBOUND_ONLY: Final = (
    "contact-flow-id",
    "related-contact-id",
    "contact-name",
    "contact-description",
)


class ContactPane(Pane):
    """Instance, flow, related contact, name, description and token; outbound, the ContactId."""

    TITLE: ClassVar[str] = "Contact"
    NAME: ClassVar[str] = "contact"
    KEY: ClassVar[str] = "alt+c"
    HELP: ClassVar[str] = """\
# Contact

- **Instance id**: your Amazon Connect instance (1 to 100 characters).
- **Client token**: makes a send idempotent. Leave it empty: a new token (a UUID) is
  made for every send. A fixed token returns the same contact for 7 days, or fails
  with IdempotencyException if anything else changed. At most 500 characters.

**Inbound** (StartEmailContact):
- **Contact flow id**: the flow that routes the email. Needed unless the destination
  (or a To/Cc address) is an address of the instance. At most 500 characters.
- **Related contact**: an earlier contact whose attributes are copied (1 to 256).
- **Name** (at most 1,024) and **Description** (at most 4,096): shown to agents.

**Outbound** (StartOutboundEmailContact) needs a **ContactId**: either type the id of
an existing contact, or tick **Create the contact first**, and a CreateContact call
(channel EMAIL) is made before the email is sent:
- **Initiation**: OUTBOUND (a new email) or AGENT_REPLY (a reply to a contact).
- **Replying to**: the RelatedContactId; required for AGENT_REPLY.
- **Agent user id**: UserInfo.UserId, the agent the email is from (required).
- **Expiry (minutes)**: ExpiryDurationInMinutes, 1 to 129,600 (90 days); empty
  for Amazon Connect's default.
- **Name** and **Description** of the new contact.

Keys: `tab` / `shift+tab` move between fields, `space` ticks the box.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset(_REQUEST_FIELDS)
    SECTIONS: ClassVar[frozenset[str]] = frozenset({REQUEST, CREATE_CONTACT})

    DEFAULT_CSS = """
    ContactPane .-hidden {
        display: none;
    }
    ContactPane #chain, ContactPane #outbound {
        height: auto;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._outbound = False
        self._defaults: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        """Shared fields, inbound-only fields, then the outbound ContactId choice."""
        yield FieldRow("Instance id", text_input("instance-id", "instance id"))
        yield FieldRow(
            "Contact flow id", text_input("contact-flow-id", "optional"), id="contact-flow-id-row"
        )
        yield FieldRow(
            "Related contact",
            text_input("related-contact-id", "optional"),
            id="related-contact-id-row",
        )
        yield FieldRow("Name", text_input("contact-name", "optional"), id="contact-name-row")
        yield FieldRow(
            "Description",
            text_input("contact-description", "optional"),
            id="contact-description-row",
        )
        yield FieldRow(
            "Client token", text_input("client-token", "empty: a new one for every send")
        )
        with Vertical(id="outbound"):
            yield SectionTitle("Contact id")
            yield FieldRow(
                "",
                Checkbox(
                    "Create the contact first (CreateContact)", id="create-first", compact=True
                ),
            )
            yield FieldRow(
                "Contact id", text_input("contact-id", "an existing contact"), id="contact-id-row"
            )
            with Vertical(id="chain"):
                yield FieldRow("Initiation", Choices(EMAIL_INITIATION_METHODS, id="chain-method"))
                yield FieldRow(
                    "Replying to", text_input("chain-related", "contact id (AGENT_REPLY)")
                )
                yield FieldRow("Agent user id", text_input("chain-user", "UserInfo.UserId"))
                yield FieldRow(
                    "Expiry (minutes)",
                    text_input("chain-expiry", "1 to 129600; empty: the default"),
                )
                yield FieldRow("Name", text_input("chain-name", "optional"))
                yield FieldRow("Description", text_input("chain-description", "optional"))
                yield Hint("CreateContact is sent first; its ContactId is used for the email.")

    # -- helpers ----------------------------------------------------------------------------

    def _input(self, id: str) -> Input:
        return self.query_one(f"#{id}", Input)

    @property
    def _create_first(self) -> Checkbox:
        return self.query_one("#create-first", Checkbox)

    def _show(self) -> None:
        """Show the fields that apply to the operation and to the ContactId choice."""
        outbound = self._outbound
        for id in _INBOUND_ONLY:
            self.query_one(f"#{id}-row").set_class(outbound, "-hidden")
        self.query_one("#outbound").set_class(not outbound, "-hidden")
        creating = self._create_first.value
        self.query_one("#contact-id-row").set_class(creating, "-hidden")
        self.query_one("#chain").set_class(not creating, "-hidden")

    def _fill_chain(self, chain: dict[str, Any]) -> None:
        method = chain.get("InitiationMethod")
        self.query_one("#chain-method", Choices).set_choices(
            EMAIL_INITIATION_METHODS, method if isinstance(method, str) else None
        )
        self._input("chain-related").value = text_of(chain.get("RelatedContactId"))
        self._input("chain-user").value = text_of(table_of(chain.get("UserInfo")).get("UserId"))
        self._input("chain-expiry").value = text_of(chain.get("ExpiryDurationInMinutes"))
        self._input("chain-name").value = text_of(chain.get("Name"))
        self._input("chain-description").value = text_of(chain.get("Description"))

    # -- the Pane contract ------------------------------------------------------------------

    def load(self, draft: Draft) -> None:
        """Fill the fields of the draft's operation (outbound: the ContactId or the chain)."""
        self._outbound = draft.is_outbound
        self._defaults = default_create_contact(draft)
        request = draft.request
        chain = draft.create_contact
        shown_chain = shown_create_contact(draft)
        contact_id = shown_contact_id(draft)
        with self.quietly():
            for member, id in _REQUEST_FIELDS.items():
                if member != "ContactId":
                    self._input(id).value = text_of(request.get(member))
            self._input("contact-id").value = text_of(contact_id)
            self._create_first.value = draft.is_outbound and chain is not None
            self._fill_chain(shown_chain)
        self._show()

    def apply(self, draft: Draft) -> None:
        """Write the fields of the draft's operation; set the other way to a ContactId aside."""
        request = draft.request
        put(request, "InstanceId", self._input("instance-id").value)
        put(request, "ClientToken", self._input("client-token").value)
        if not draft.is_outbound:
            for member in ("ContactFlowId", "RelatedContactId", "Name", "Description"):
                put(request, member, self._input(_REQUEST_FIELDS[member]).value)
            return
        chain = set_create_first(draft, self._create_first.value)
        if chain is not None:
            self._write_chain(chain)
        else:
            put(request, "ContactId", self._input("contact-id").value)

    def _write_chain(self, chain: dict[str, Any]) -> None:
        chain.setdefault("Channel", "EMAIL")
        put(chain, "InitiationMethod", self.query_one("#chain-method", Choices).value)
        put(chain, "RelatedContactId", self._input("chain-related").value)
        user = table_of(chain.get("UserInfo"))
        put(user, "UserId", self._input("chain-user").value)
        put_table(chain, "UserInfo", user)
        minutes = self._input("chain-expiry").value.strip()
        # Digits become the integer the API takes; anything else is kept as typed, so the
        # validator names the mistake rather than the pane losing it.
        put(chain, "ExpiryDurationInMinutes", int(minutes) if minutes.isdigit() else minutes)
        put(chain, "Name", self._input("chain-name").value)
        put(chain, "Description", self._input("chain-description").value)

    def owns(self, problem: Problem) -> bool:
        """Request problems of this pane's members; CreateContact problems of the fields shown."""
        if problem.section == CREATE_CONTACT:
            return not problem.location or str(problem.location[0]) in _CHAIN_FIELDS
        return super().owns(problem)

    def field_for(self, problem: Problem) -> Widget | None:
        """The field the problem is about (the checkbox for a ContactId that is hidden)."""
        if not problem.location:
            return self._create_first if problem.section == CREATE_CONTACT else None
        member = str(problem.location[0])
        if problem.section == CREATE_CONTACT:
            id = _CHAIN_FIELDS.get(member)
        elif problem.section == REQUEST:
            id = _REQUEST_FIELDS.get(member)
            if id == "contact-id" and self._create_first.value:
                id = "create-first"
        else:
            id = None
        return self.query_one(f"#{id}") if id else None

    # -- user edits -------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        """Any typed edit changes the draft."""
        event.stop()
        self.changed()

    @on(Choices.Changed, "#chain-method")
    def _method_changed(self, event: Choices.Changed) -> None:
        event.stop()
        self.changed()

    @on(Checkbox.Changed, "#create-first")
    def _create_first_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        if event.value and not any(
            self._input(id).value for id in ("chain-user", "chain-related", "chain-name")
        ):
            # Ticked with nothing typed yet: start from the default step (OUTBOUND, and the
            # sandbox's agent when the draft goes to the sandbox).
            with self.quietly():
                self._fill_chain(self._defaults)
        self._show()
        self.changed()
