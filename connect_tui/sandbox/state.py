"""Provides the sandbox's state: instances and their addresses, contacts, ClientTokens.

One lock guards it all: each operation checks and changes the state in one critical
section, so concurrent retries of one ClientToken make one contact, never two.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Final

from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.directory import Directory
from connect_tui.sandbox.flows.context import RunResult
from connect_tui.sandbox.idempotency import TokenMemory
from connect_tui.sandbox.journal import Journal
from connect_tui.sandbox.logs import LogStore
from connect_tui.sandbox.protocol import ServiceError, not_found

EMAIL: Final = "EMAIL"


@dataclass(frozen=True)
class EmailAddress:
    """An email address of an instance, as SearchEmailAddresses describes it."""

    id: str
    arn: str
    address: str

    def metadata(self) -> dict[str, Any]:
        """The EmailAddressMetadata shape."""
        return {
            "EmailAddressId": self.id,
            "EmailAddressArn": self.arn,
            "EmailAddress": self.address,
            "DisplayName": self.address.split("@")[0].capitalize(),
            "Description": "seeded by the connect-tui sandbox",
        }


@dataclass
class Instance:
    """A Connect instance: its id, ARN and email addresses (keyed lower-case)."""

    id: str
    arn: str
    addresses: dict[str, EmailAddress] = field(default_factory=dict)
    active: int = 0  # active email contacts, counted as they start and stop
    directory: Directory = field(default_factory=Directory)  # flows, queues, hours

    def address(self, text: str | None) -> EmailAddress | None:
        """The instance's address matching `text` (case-insensitive), or None."""
        return self.addresses.get(text.lower()) if isinstance(text, str) else None


@dataclass
class Contact:
    """One contact, with what DescribeContact and GetContactAttributes show of it."""

    id: str
    arn: str
    instance_id: str
    initiation_method: str
    created_at: float
    channel: str = EMAIL
    made_by_create_contact: bool = False
    name: str | None = None
    description: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    segment_attributes: dict[str, Any] = field(default_factory=dict)
    related_contact_id: str | None = None
    previous_contact_id: str | None = None
    customer: dict[str, str] | None = None
    system: dict[str, str] | None = None
    to_list: list[dict[str, str]] = field(default_factory=list)
    cc_list: list[dict[str, str]] = field(default_factory=list)
    agent_id: str | None = None
    email_sent: bool = False
    updated_at: float = 0.0
    disconnected_at: float | None = None
    disconnect_reason: str | None = None
    # The thread (API Reference, Contact: ContactAssociationId is "the root contact id", and
    # InitialContactId the initial contact when contacts are related); None: the contact's own id.
    initial_contact_id: str | None = None
    association_id: str | None = None
    # What a flow sets (the flows engine writes these; DescribeContact shows them): the queue and
    # when the contact entered it (QueueInfo), the flow the contact runs.
    queue_id: str | None = None
    enqueued_at: float | None = None
    flow_id: str | None = None
    # ListContactReferences: name -> {"Type": ..., "Value": ...}, as the request gave them.
    references: dict[str, dict[str, str]] = field(default_factory=dict)
    # StartEmailContact's Attachments ({FileName, S3Url}), as the request gave them; shown
    # as ATTACHMENT references (docs/attachments.md).
    attachments: list[dict[str, str]] = field(default_factory=list)
    # Tags (a flow's TagContact, or the TagContact operation); DescribeContact shows them.
    tags: dict[str, str] = field(default_factory=dict)
    #: When the sandbox's agent accepted the contact (the sandbox's AcceptContact).
    accepted_at: float | None = None

    @property
    def active(self) -> bool:
        """True until the contact is stopped."""
        return self.disconnected_at is None

    @property
    def root_id(self) -> str:
        """The ContactAssociationId: the first contact of this contact's email thread."""
        return self.association_id or self.id

    def enqueue(self, queue_id: str, at: float | None = None) -> None:
        """Put the contact in a queue (a flow's TransferContactToQueue); QueueInfo shows it."""
        self.queue_id = queue_id
        self.enqueued_at = self.updated_at = time.time() if at is None else at

    def set_attributes(self, attributes: dict[str, str]) -> None:
        """Merge user-defined attributes (a flow's UpdateContactAttributes)."""
        self.attributes.update(attributes)
        self.updated_at = time.time()


class Runs:
    """The flow runs of one sandbox: one per contact, each signalled when it ends."""

    def __init__(self) -> None:
        self.done: dict[str, threading.Event] = {}
        self.results: dict[str, RunResult] = {}
        self.count = 0

    def wait(self, contact_id: str, timeout: float = 10.0) -> RunResult | None:
        """The result of the contact's run once it has ended (None: no run, or still running)."""
        event = self.done.get(contact_id)
        if event is None or not event.wait(timeout):
            return None
        return self.results.get(contact_id)


class State:
    """Everything a sandbox knows; hold `lock` while reading or changing it.

    A new State has the config's instances and addresses only; connect_tui.sandbox.seed's
    `new_state` is how a sandbox gets one with its flows, queues and hours (the modules that
    fill and run the state sit on top of this one, so it imports none of them).
    """

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.lock = threading.RLock()
        self.instances: dict[str, Instance] = {}
        self.contacts: dict[str, Contact] = {}
        self.tokens = TokenMemory()
        # Flow runs, their flow logs, and the journal a run's path is written to.
        self.runs = Runs()
        self.logs = LogStore()
        self.journal: Journal | None = None
        self.started_at = time.time()
        # The sandbox clock is the real time plus this (--clock, SetSandboxClock).
        self.clock_offset = config.clock - self.started_at if config.clock is not None else 0.0
        for instance_id in config.instances:
            self.add_instance(instance_id, config.addresses)

    def journal_write(self, operation: str, request: Any, **outcome: Any) -> None:
        """A journal line of the sandbox's own doing (a flow run), when there is a journal."""
        if self.journal is not None:
            self.journal.write(operation, request, **outcome)

    def arn(self, resource: str) -> str:
        """An ARN in the sandbox's account and Region."""
        return f"arn:aws:connect:{self.config.region}:{self.config.account_id}:{resource}"

    def add_instance(
        self, instance_id: str, addresses: tuple[str, ...], *, arn: str | None = None
    ) -> Instance:
        """Create an instance with these email addresses (an ARN given keeps a copied one's)."""
        instance = Instance(instance_id, arn or self.arn(f"instance/{instance_id}"))
        for text in addresses:
            address_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{instance_id}/{text.lower()}"))
            arn = f"{instance.arn}/email-address/{address_id}"
            instance.addresses[text.lower()] = EmailAddress(address_id, arn, text)
        self.instances[instance_id] = instance
        return instance

    def add_address(self, instance: Instance, address: str, address_id: str, arn: str) -> None:
        """Give an instance an email address with its own id and ARN (one copied from AWS)."""
        instance.addresses[address.lower()] = EmailAddress(address_id, arn, address)

    def instance(self, reference: Any) -> Instance:
        """The instance named by an id or an instance ARN; 404, or 403 for another account's."""
        text = str(reference)
        if text.startswith("arn:"):
            parts = text.split(":", 5)
            if len(parts) == 6 and parts[4] and parts[4] != self.config.account_id:
                raise ServiceError(
                    "AccessDeniedException",
                    f"User: arn:aws:iam::{self.config.account_id}:user/sandbox is not authorized "
                    f"to access instance {text} in account {parts[4]}",
                )
            text = parts[-1].removeprefix("instance/") if len(parts) == 6 else text
        instance = self.instances.get(text)
        if instance is None:
            known = ", ".join(self.instances) or "none"
            raise not_found(f"Instance {text} not found (this sandbox has: {known})")
        return instance

    def contact(self, instance: Instance, contact_id: Any) -> Contact:
        """A contact of the instance; ResourceNotFoundException when there is none."""
        contact = self.contacts.get(str(contact_id))
        if contact is None or contact.instance_id != instance.id:
            raise not_found(f"Contact {contact_id} not found in instance {instance.id}")
        return contact

    def check_room(self, instance: Instance) -> None:
        """ServiceQuotaExceededException when the instance has its most active email contacts."""
        if instance.active >= self.config.max_active_contacts:
            raise ServiceError(
                "ServiceQuotaExceededException",
                f"instance {instance.id} already has {instance.active:,} active email contacts, "
                f"the most allowed ({self.config.max_active_contacts:,}); stop some first",
            )

    def new_contact(self, instance: Instance, initiation_method: str, **details: Any) -> Contact:
        """Create an active email contact in the instance."""
        contact_id = str(uuid.uuid4())
        now = time.time()
        contact = Contact(
            id=contact_id,
            arn=f"{instance.arn}/contact/{contact_id}",
            instance_id=instance.id,
            initiation_method=initiation_method,
            created_at=now,
            updated_at=now,
            **details,
        )
        self.contacts[contact_id] = contact
        instance.active += 1
        return contact

    def stop(self, instance: Instance, contact: Contact, reason: str | None) -> None:
        """End an active contact."""
        contact.disconnected_at = contact.updated_at = time.time()
        contact.disconnect_reason = reason
        instance.active -= 1
