"""Provides SandboxConfig: what a sandbox serves, who may call it, its quota, faults and flows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from connect_tui.core import sandbox_identity

#: The account the sandbox's ARNs name (the account number AWS's own examples use).
ACCOUNT_ID: Final = "123456789012"
#: Connect's documented limit of active email contacts per instance.
MAX_ACTIVE_EMAIL_CONTACTS: Final = 1_000
#: The send quota (StartEmailContact, StartOutboundEmailContact, CreateContact).
SEND_RATE: Final = 2.0
SEND_BURST: Final = 5
#: The read quota (DescribeContact, GetContactAttributes, SearchEmailAddresses, StopContact).
READ_RATE: Final = 10.0
READ_BURST: Final = 15


@dataclass(frozen=True)
class SandboxConfig:
    """Everything a sandbox is started with; the defaults are the documented identity.

    `rate` 0 turns every quota off. The fault rates are probabilities from 0 to 1;
    `seed` makes the fault dice repeatable.
    """

    host: str = "127.0.0.1"
    port: int = 0
    instances: tuple[str, ...] = (sandbox_identity.INSTANCE_ID,)
    addresses: tuple[str, ...] = sandbox_identity.ADDRESSES
    credentials: tuple[tuple[str, str], ...] = field(
        default=((sandbox_identity.ACCESS_KEY_ID, sandbox_identity.SECRET_ACCESS_KEY),),
        repr=False,
    )
    region: str = sandbox_identity.REGION
    account_id: str = ACCOUNT_ID
    rate: float = SEND_RATE
    burst: int = SEND_BURST
    read_rate: float = READ_RATE
    read_burst: int = READ_BURST
    throttle_rate: float = 0.0
    fail_rate: float = 0.0
    drop_rate: float = 0.0
    latency_ms: float = 0.0
    journal: Path | None = None
    max_active_contacts: int = MAX_ACTIVE_EMAIL_CONTACTS
    seed: int | None = None
    # Flows (docs/flows.md): flows from files, as (id, name, content); more queues by name;
    # the sandbox clock's start (epoch seconds, None: the real time); canned Lambda results by
    # function ARN; a pause between a run's actions; address -> flow; log every action.
    flows: tuple[tuple[str, str, str], ...] = ()
    queues: tuple[str, ...] = ()
    clock: float | None = None
    lambda_results: dict[str, Any] = field(default_factory=dict, compare=False)
    flow_step_ms: float = 0.0
    address_flows: tuple[tuple[str, str], ...] = ()
    log_all_flows: bool = False
    #: Instances copied from AWS (--flows-from-aws): botocore's shapes, ids kept.
    imported: tuple[dict[str, Any], ...] = field(default=(), compare=False)

    def secret_for(self, access_key_id: str) -> str | None:
        """The secret of a known access key id, or None for a key the sandbox does not know."""
        for key_id, secret in self.credentials:
            if key_id == access_key_id:
                return secret
        return None
