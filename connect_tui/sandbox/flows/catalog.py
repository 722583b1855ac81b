"""Provides the action types of the Flow language, by family, and which ones the sandbox runs.

The families and their members are the API Reference's tables of contents:
- contact actions: https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions.html
- flow control actions: https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions.html
- interactions: https://docs.aws.amazon.com/connect/latest/APIReference/interactions.html
- participant actions: https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions.html
A type outside these lists is refused when a flow is created; a listed type the sandbox
does not run stops the run, naming its type and Identifier (never skipped).
`SendMessage` is the admin guide's "Send message" block, which email flows use for an
automated reply (docs/flows.md gives the parameters the sandbox reads).
"""

from __future__ import annotations

from typing import Final

CONTACT: Final = frozenset(
    {
        "CompleteOutboundCall",
        "CreateCase",
        "CreateTask",
        "CreateWisdomSession",
        "DequeueContactAndTransferToQueue",
        "EndFlowModuleExecution",
        "GetCase",
        "InvokeFlowModule",
        "TagContact",
        "TransferContactToAgent",
        "TransferContactToQueue",
        "UnTagContact",
        "UpdateCase",
        "UpdateContactAttributes",
        "UpdateContactCallbackNumber",
        "UpdateContactData",
        "UpdateContactEventHooks",
        "UpdateContactMediaStreamingBehavior",
        "UpdateContactRecordingBehavior",
        "ResumeContact",
        "UpdateContactRoutingBehavior",
        "UpdateContactTargetQueue",
        "UpdateContactTextToSpeechVoice",
        "UpdatePreviousContactParticipantState",
    }
)
FLOW_CONTROL: Final = frozenset(
    {
        "CheckHoursOfOperation",
        "CheckMetricData",
        "Compare",
        "DistributeByPercentage",
        "EndFlowExecution",
        "GetMetricData",
        "Loop",
        "TransferToFlow",
        "UpdateFlowAttributes",
        "UpdateFlowLoggingBehavior",
        "Wait",
    }
)
INTERACTIONS: Final = frozenset(
    {"CreateCallbackContact", "InvokeLambdaFunction", "CreatePersistentContactAssociation"}
)
PARTICIPANT: Final = frozenset(
    {
        "ConnectParticipantWithLexBot",
        "DisconnectParticipant",
        "GetParticipantInput",
        "MessageParticipant",
        "MessageParticipantIteratively",
        "SendMessage",
        "ShowView",
        "TransferParticipantToThirdParty",
    }
)
KNOWN_TYPES: Final = CONTACT | FLOW_CONTROL | INTERACTIONS | PARTICIPANT

#: Actions after which the flow stops: no transitions to follow on success.
TERMINAL: Final = frozenset(
    {"DisconnectParticipant", "EndFlowExecution", "TransferContactToQueue", "TransferToFlow"}
)
