"""The sandbox's account over real HTTP: ListInstances and SearchUsers, as boto3 calls them."""

from __future__ import annotations

from typing import Any

import pytest

from connect_tui.core import sandbox_identity
from tests.sandbox.conftest import INSTANCE, make_client


def test_list_instances_pages_every_instance(own_sandbox: Any) -> None:
    others = ("5a2db0c5-0000-4000-8000-0000000000b2", "5a2db0c5-0000-4000-8000-0000000000b3")
    running = own_sandbox(rate=0, instances=(INSTANCE, *others))
    client = make_client(running.url)
    # MaxResults is at most 10 in the model; 2 a page makes the paginator take two pages.
    pages = client.get_paginator("list_instances").paginate(PaginationConfig={"PageSize": 2})
    listed = [i for page in pages for i in page["InstanceSummaryList"]]
    assert [i["Id"] for i in listed] == [INSTANCE, *others]
    assert listed[0]["InstanceAlias"] == "connect-tui-sandbox"
    assert listed[0]["Arn"].endswith(f":instance/{INSTANCE}")
    assert {i["InstanceStatus"] for i in listed} == {"ACTIVE"}


def test_search_users_lists_the_seeded_agents_and_filters(client: Any) -> None:
    users = client.search_users(InstanceId=INSTANCE)["Users"]
    assert sandbox_identity.AGENT_USER_ID in {u["Id"] for u in users}
    assert len(users) == 4
    found = client.search_users(
        InstanceId=INSTANCE,
        SearchCriteria={
            "StringCondition": {
                "FieldName": "FirstName",
                "Value": "sa",
                "ComparisonType": "STARTS_WITH",
            }
        },
    )
    assert [(u["IdentityInfo"]["FirstName"], u["Username"]) for u in found["Users"]] == [
        ("Sandbox", "sandbox.agent"),
        ("Sam", "sam.okafor"),
    ]
    assert found["ApproximateTotalCount"] == 2


def test_search_users_refuses_a_field_the_api_does_not_search(client: Any) -> None:
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError) as refused:
        client.search_users(
            InstanceId=INSTANCE,
            SearchCriteria={
                "StringCondition": {"FieldName": "Email", "Value": "x", "ComparisonType": "EXACT"}
            },
        )
    assert refused.value.response["Error"]["Code"] == "InvalidRequestException"
    assert "Username" in refused.value.response["Error"]["Message"]


def test_every_seeded_agent_can_take_an_outbound_contact(client: Any) -> None:
    for user in client.search_users(InstanceId=INSTANCE)["Users"]:
        made = client.create_contact(
            InstanceId=INSTANCE,
            Channel="EMAIL",
            InitiationMethod="OUTBOUND",
            UserInfo={"UserId": user["Id"]},
        )
        described = client.describe_contact(InstanceId=INSTANCE, ContactId=made["ContactId"])
        assert described["Contact"]["InitiationMethod"] == "OUTBOUND"
    # An id that is not an agent is still refused.
    from botocore.exceptions import ClientError

    with pytest.raises(ClientError) as refused:
        client.create_contact(
            InstanceId=INSTANCE,
            Channel="EMAIL",
            InitiationMethod="OUTBOUND",
            UserInfo={"UserId": "nobody"},
        )
    assert refused.value.response["Error"]["Code"] == "ResourceNotFoundException"
