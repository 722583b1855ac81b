"""Provides the sandbox's documented, well-known identity: instance, addresses and keys.

The embedded sandbox seeds these, and a new draft points at them, so a user with no
AWS account can send at once. The key pair only opens the local sandbox; it is public
by design, like the example keys in the AWS documentation, and is not a secret.
"""

from __future__ import annotations

from typing import Final

INSTANCE_ID: Final = "5a2db0c5-0000-4000-8000-00000000c0de"
SUPPORT_ADDRESS: Final = "support@sandbox.connect-tui.example"
SALES_ADDRESS: Final = "sales@sandbox.connect-tui.example"
ADDRESSES: Final = (SUPPORT_ADDRESS, SALES_ADDRESS)

ACCESS_KEY_ID: Final = "AKIASANDBOXCONNECTTU"
SECRET_ACCESS_KEY: Final = "connect-tui/sandbox/well-known/not-a-secret"

REGION: Final = "us-east-1"
#: The port the README and exported commands use for a standalone sandbox.
SUGGESTED_PORT: Final = 8000
SUGGESTED_URL: Final = f"http://127.0.0.1:{SUGGESTED_PORT}"
#: The seeded email flow of the default instance (connect_tui.sandbox.seed; docs/flows.md).
DEMO_FLOW_ID: Final = "5a2db0c5-f10e-4000-8000-00000000f10e"
#: The CloudWatch Logs group whose events are the sandbox's flow logs (FilterLogEvents on the
#: sandbox's own endpoint), as Connect writes flow logs to /aws/connect/<instance alias>.
FLOW_LOG_GROUP: Final = "/aws/connect/sandbox"
#: The agent (UserInfo.UserId) the sandbox knows, for outbound CreateContact.
AGENT_USER_ID: Final = "sandbox-agent"
