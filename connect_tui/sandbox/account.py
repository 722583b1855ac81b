"""Provides the sandbox's account: its instances (ListInstances) and agents (SearchUsers).

These are what the composer's pickers list for InstanceId and the CreateContact step's
UserInfo.UserId. Shapes follow botocore's model (InstanceSummary, UserSearchSummary);
tests/sandbox/test_output_shapes.py checks every answer against it.

- ListInstances: https://docs.aws.amazon.com/connect/latest/APIReference/API_ListInstances.html
- SearchUsers: https://docs.aws.amazon.com/connect/latest/APIReference/API_SearchUsers.html
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from connect_tui.core import sandbox_identity
from connect_tui.sandbox import search
from connect_tui.sandbox.paging import page
from connect_tui.sandbox.state import Instance, State

#: SearchUsers' StringCondition fields ("The currently supported values for FieldName are
#: Username, FirstName, LastName, RoutingProfileId, SecurityProfileId, ResourceId"):
#: https://docs.aws.amazon.com/connect/latest/APIReference/API_UserSearchCriteria.html
USER_FIELDS: Final = (
    "Username",
    "FirstName",
    "LastName",
    "RoutingProfileId",
    "SecurityProfileId",
    "ResourceId",
)

#: When the seeded instances "were created": fixed, so answers are the same every run.
CREATED: Final = datetime(2024, 11, 22, tzinfo=UTC).timestamp()


@dataclass(frozen=True)
class Agent:
    """A user of an instance who can take email contacts."""

    id: str
    username: str
    first_name: str
    last_name: str


def seeded_agents(instance_id: str) -> tuple[Agent, ...]:
    """The agents every sandbox instance has: the well-known one, and three more."""
    more = [("alex.rivera", "Alex", "Rivera"), ("sam.okafor", "Sam", "Okafor")]
    more.append(("jordan.lee", "Jordan", "Lee"))
    agents = [Agent(sandbox_identity.AGENT_USER_ID, "sandbox.agent", "Sandbox", "Agent")]
    for login, first, last in more:
        user_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{instance_id}/user/{login}"))
        agents.append(Agent(user_id, login, first, last))
    return tuple(agents)


def agent(state: State, instance: Instance, user_id: Any) -> Agent | None:
    """The instance's agent with this id, or None."""
    return next((a for a in seeded_agents(instance.id) if a.id == user_id), None)


def not_an_agent(instance: Instance, user_id: Any) -> str:
    """The refusal of a UserId that is not one of the instance's agents (one line)."""
    return (
        f"UserId {user_id} is not a user of instance {instance.id} (its agents include "
        f"{sandbox_identity.AGENT_USER_ID}; `aws connect search-users` lists them all)"
    )


def list_instances(
    state: State, instance: Instance | None, request: dict[str, Any]
) -> dict[str, Any]:
    """Every instance of the sandbox, a page at a time (MaxResults 1 to 10, as the model says)."""
    summaries = [
        {
            "Id": found.id,
            "Arn": found.arn,
            "IdentityManagementType": "CONNECT_MANAGED",
            "InstanceAlias": _alias(found, index),
            "CreatedTime": CREATED,
            "ServiceRole": f"arn:aws:iam::{state.config.account_id}:role/aws-service-role/"
            "connect.amazonaws.com/AWSServiceRoleForAmazonConnect",
            "InstanceStatus": "ACTIVE",
            "InboundCallsEnabled": True,
            "OutboundCallsEnabled": True,
            "InstanceAccessUrl": f"https://{_alias(found, index)}.my.connect.aws",
        }
        for index, found in enumerate(state.instances.values())
    ]
    return page(summaries, request, "InstanceSummaryList")


def search_users(state: State, instance: Instance, request: dict[str, Any]) -> dict[str, Any]:
    """The instance's agents whose fields meet SearchCriteria (string conditions), paged."""
    found = []
    for each in seeded_agents(instance.id):
        fields = {
            "ResourceId": each.id,
            "Username": each.username,
            "FirstName": each.first_name,
            "LastName": each.last_name,
            "RoutingProfileId": _routing_profile(instance),
            "SecurityProfileId": "",
        }
        if search.matches(request.get("SearchCriteria"), fields, USER_FIELDS):
            found.append(
                {
                    "Arn": f"{instance.arn}/agent/{each.id}",
                    "Id": each.id,
                    "Username": each.username,
                    "IdentityInfo": {"FirstName": each.first_name, "LastName": each.last_name},
                    "RoutingProfileId": _routing_profile(instance),
                    "SecurityProfileIds": [],
                    "Tags": {},
                }
            )
    answer = page(found, request, "Users")
    answer["ApproximateTotalCount"] = len(found)
    return answer


def _routing_profile(instance: Instance) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{instance.id}/routing-profile/basic"))


def _alias(instance: Instance, index: int) -> str:
    return "connect-tui-sandbox" if index == 0 else f"connect-tui-sandbox-{index + 1}"
