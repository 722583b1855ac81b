"""Provides the Draft: an operation, a target, variables and the API's own request.

The `request` is exactly the request that boto3 and `aws connect ... --cli-input-json`
take, so a draft can be exported, imported and read against the AWS documentation.
Nothing in a Draft is secret: credentials live in the OS keyring, never here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Final

INBOUND: Final = "StartEmailContact"
OUTBOUND: Final = "StartOutboundEmailContact"
CREATE_CONTACT: Final = "CreateContact"
OPERATIONS: Final = (INBOUND, OUTBOUND)

#: The command-line spelling of each operation (as the AWS CLI names it).
CLI_NAMES: Final = {
    INBOUND: "start-email-contact",
    OUTBOUND: "start-outbound-email-contact",
    CREATE_CONTACT: "create-contact",
}

SANDBOX: Final = "sandbox"
AWS: Final = "aws"
TARGET_KINDS: Final = (SANDBOX, AWS)

#: The only value `Target.credentials` takes: keys kept in the OS keyring under the profile's name.
KEYRING: Final = "keyring"

Request = dict[str, Any]

# The keys of Draft.parked, each defined here once. Besides these, the operation names
# (INBOUND, OUTBOUND) key what that operation takes and the other does not, waiting for the
# draft to be switched back (connect_tui.core.conversion.switch_operation).
#: Outbound: the RAW message, waiting while the message is a TEMPLATE (and the reverse).
PARKED_RAW_MESSAGE: Final = "RawMessage"
PARKED_TEMPLATE: Final = "TemplatedMessageConfig"
#: Outbound: the CreateContact step, waiting while a ContactId is typed in instead.
PARKED_CREATE_CONTACT: Final = "CreateContact"
#: Outbound: the typed ContactId, waiting while the contact is created first.
PARKED_CONTACT_ID: Final = "ContactId"


def operation_from_cli_name(name: str) -> str:
    """Return the API operation for a CLI spelling such as `start-email-contact`.

    Raises ValueError naming the allowed spellings when `name` is not one of them.
    """
    for operation, cli_name in CLI_NAMES.items():
        if name in (cli_name, operation) and operation in OPERATIONS:
            return operation
    allowed = ", ".join(CLI_NAMES[op] for op in OPERATIONS)
    raise ValueError(f"unknown operation {name!r}; use one of: {allowed}")


@dataclass
class Target:
    """Where a draft is sent: the local sandbox, or Amazon Connect in an AWS Region."""

    kind: str = SANDBOX
    #: None: the Region of the AWS configuration (AWS_REGION, AWS_DEFAULT_REGION, ~/.aws/config).
    region: str | None = None
    aws_profile: str | None = None
    #: None (look in the usual places) or KEYRING (keys stored for this profile).
    credentials: str | None = None
    endpoint_url: str | None = None
    #: The CloudWatch Logs group of the instance's flow logs, read by the follow view
    #: (docs/follow.md); None: the sandbox's own group for a sandbox target, none for AWS.
    flow_log_group: str | None = None
    #: The S3 bucket that files attached from the composer are uploaded to (an AWS target;
    #: the sandbox stores them itself). docs/attachments.md.
    attachment_bucket: str | None = None

    @property
    def is_sandbox(self) -> bool:
        """True when the draft goes to the local sandbox rather than to AWS."""
        return self.kind == SANDBOX

    def describe(
        self, endpoint: str | None = None, *, embedded: bool = False, region: str | None = None
    ) -> str:
        """Where this target sends, in words and never with a credential: the one wording
        of a target, for the screen, the verbs and the history.

        `endpoint` is the URL a send actually used when it is known (the sandbox it found,
        botocore's endpoint for the Region), else the target's own `endpoint_url`;
        `embedded` says that sandbox lives inside this process; `region` is the Region
        botocore resolved when the target names none. Examples: `sandbox`,
        `sandbox http://127.0.0.1:8000 (embedded)`, `aws us-east-1 profile demo`.
        """
        endpoint = endpoint or self.endpoint_url
        if self.is_sandbox:
            where = f"sandbox {endpoint}" if endpoint else "sandbox"
            return where + (" (embedded)" if embedded else "")
        text = f"aws {self.region or region or '(Region from AWS config)'}"
        if self.aws_profile:
            text += f" profile {self.aws_profile}"
        if endpoint:
            text += f" {endpoint}"
        return text


@dataclass
class Draft:
    """An email contact being composed: what to send, where, and with which variables.

    `create_contact`, when set on an outbound draft, is the CreateContact request made
    first to obtain the ContactId (its InstanceId defaults to the request's).
    `parked` holds fields that the current operation does not take, kept so that
    switching operation back and forth loses nothing. `flow_test` holds the expectations of
    `connect-tui flow test` (queue, attributes, path, clock, seed).
    """

    name: str
    operation: str = INBOUND
    target: Target = field(default_factory=Target)
    variables: dict[str, str] = field(default_factory=dict)
    request: Request = field(default_factory=dict)
    create_contact: Request | None = None
    parked: Request = field(default_factory=dict)
    #: `[flow_test]`: what `connect-tui flow test` expects of this draft (docs/flows.md).
    flow_test: Request = field(default_factory=dict)

    @property
    def is_outbound(self) -> bool:
        """True for StartOutboundEmailContact, False for StartEmailContact."""
        return self.operation == OUTBOUND

    def copy(self) -> Draft:
        """A deep copy: editing it never changes this draft."""
        return copy.deepcopy(self)

    def create_contact_request(self) -> Request | None:
        """The CreateContact request of the outbound chain, with the InstanceId filled in."""
        if self.create_contact is None:
            return None
        request = copy.deepcopy(self.create_contact)
        if "InstanceId" not in request and "InstanceId" in self.request:
            request = {"InstanceId": self.request["InstanceId"], **request}
        return request
