"""The pickers' lists, fetched from a real sandbox over HTTP with boto3, cached, and offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from connect_tui.core import pickers, sandbox_identity
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.sandbox.server import start
from tests.sandbox.conftest import INSTANCE, make_client


@pytest.fixture
def running(isolated_home: Path) -> Any:
    """A sandbox of the test's own (it is stopped by one test to be 'offline')."""
    sandbox = start(
        SandboxConfig(rate=0, instances=(INSTANCE, "5a2db0c5-0000-4000-8000-0000000000b2"))
    )
    yield sandbox
    sandbox.stop()


def test_instances_addresses_and_agents_come_from_the_target(running: Any) -> None:
    client = make_client(running.url)
    instances, cut = pickers.fetch(pickers.INSTANCE, client, INSTANCE)
    assert [c.value for c in instances] == [INSTANCE, "5a2db0c5-0000-4000-8000-0000000000b2"]
    assert instances[0].name == "connect-tui-sandbox" and not cut
    addresses, _ = pickers.fetch(pickers.ADDRESS, client, INSTANCE)
    assert {c.value for c in addresses} == set(sandbox_identity.ADDRESSES)
    agents, _ = pickers.fetch(pickers.AGENT, client, INSTANCE)
    assert (sandbox_identity.AGENT_USER_ID, "Sandbox Agent") in {(c.value, c.name) for c in agents}


def test_a_large_list_is_cut_at_max_pages_and_says_so(
    running: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ListInstances gives at most 10 a page; with one page allowed and 2 a page, one remains.
    monkeypatch.setattr(pickers, "MAX_PAGES", 1)
    client = make_client(running.url)
    original = client.list_instances
    monkeypatch.setattr(client, "list_instances", lambda **kw: original(**{**kw, "MaxResults": 1}))
    choices, cut = pickers.fetch(pickers.INSTANCE, client, INSTANCE)
    assert len(choices) == 1 and cut


def test_a_live_list_is_cached_and_shown_offline_when_the_target_is_gone(running: Any) -> None:
    client = make_client(running.url)
    key = pickers.cache_key(pickers.ADDRESS, running.url, INSTANCE)
    live = pickers.load(
        pickers.ADDRESS, key, lambda: pickers.fetch(pickers.ADDRESS, client, INSTANCE)
    )
    assert not live.offline and live.error is None and len(live.choices) == 2
    running.stop()
    again = pickers.load(
        pickers.ADDRESS, key, lambda: pickers.fetch(pickers.ADDRESS, client, INSTANCE)
    )
    assert again.offline and again.choices == live.choices
    assert again.error and "\n" not in again.error
    # Never fetched and offline: empty, with the reason.
    other = pickers.load(
        pickers.AGENT, "agent|nowhere|x", lambda: pickers.fetch(pickers.AGENT, client, INSTANCE)
    )
    assert other.offline and other.choices == () and other.error


def test_a_damaged_cache_is_only_a_cache(isolated_home: Path) -> None:
    from connect_tui.core import paths

    paths.cache_dir().mkdir(parents=True, exist_ok=True)
    (paths.cache_dir() / "pickers.json").write_text("[not json")
    assert pickers.cached(pickers.FLOW, "flow|x|y") is None
    listing = pickers.load(
        pickers.FLOW, "flow|x|y", lambda: ([pickers.Choice("f-1", "Main")], False)
    )
    assert listing.choices == (pickers.Choice("f-1", "Main"),)
    assert pickers.cached(pickers.FLOW, "flow|x|y") is not None
    assert (paths.cache_dir() / "pickers.json").stat().st_mode & 0o077 == 0


def test_unknown_id_only_once_a_whole_live_list_is_known() -> None:
    live = pickers.Listing(pickers.FLOW, (pickers.Choice("f-1", "Main"),), 0.0)
    assert pickers.unknown_id("f-2", live)
    assert not pickers.unknown_id("f-1", live)
    assert not pickers.unknown_id("arn:aws:connect:us-east-1:1:instance/i/contact-flow/f-1", live)
    assert not pickers.unknown_id("${flow}", live) and not pickers.unknown_id("", live)
    offline = pickers.Listing(pickers.FLOW, live.choices, 0.0, offline=True)
    assert not pickers.unknown_id("f-2", offline)
    cut = pickers.Listing(pickers.FLOW, live.choices, 0.0, truncated=True)
    assert not pickers.unknown_id("f-2", cut)


def test_flows_and_queues_come_from_the_seeded_instance(running: Any) -> None:
    client = make_client(running.url)
    flows, _ = pickers.fetch(pickers.FLOW, client, INSTANCE)
    assert sandbox_identity.DEMO_FLOW_ID in {c.value for c in flows}
    assert all("CONTACT_FLOW" in c.detail for c in flows)
    queues, _ = pickers.fetch(pickers.QUEUE, client, INSTANCE)
    assert queues and all(c.name for c in queues)


def test_an_address_says_which_queues_send_from_it_by_default(running: Any) -> None:
    client = make_client(running.url)
    queue = client.search_queues(InstanceId=INSTANCE)["Queues"][0]
    default_id = queue["OutboundEmailConfig"]["OutboundEmailAddressId"]
    addresses, _ = pickers.fetch(pickers.ADDRESS, client, INSTANCE)
    by_id = {
        a["EmailAddressId"]: a["EmailAddress"]
        for a in client.search_email_addresses(InstanceId=INSTANCE)["EmailAddresses"]
    }
    annotated = {c.value: c.detail for c in addresses}
    assert queue["Name"] in annotated[by_id[default_id]]
    assert not any(annotated[a] for a in annotated if a != by_id[default_id])


def test_recent_contacts_come_from_search_contacts_newest_first(running: Any) -> None:
    from tests.sandbox.conftest import inbound

    client = make_client(running.url)
    first = client.start_email_contact(**inbound())["ContactId"]
    second = client.start_email_contact(**inbound())["ContactId"]
    contacts, _ = pickers.fetch(pickers.CONTACT, client, INSTANCE)
    assert [c.value for c in contacts][:2] == [second, first]
    subject = inbound()["EmailMessage"]["RawMessage"]["Subject"]
    assert contacts[0].name == subject and contacts[0].detail.startswith("INBOUND ")
    # The time range is honoured: nothing started before the epoch's first second.
    old = client.search_contacts(
        InstanceId=INSTANCE,
        TimeRange={"Type": "INITIATION_TIMESTAMP", "StartTime": 0, "EndTime": 1},
    )
    assert old["Contacts"] == [] and old["TotalCount"] == 0
    # History first, then what the instance has that the history does not.
    mine = pickers.Choice(first, "vip: my send")
    assert [c.value for c in pickers.merged([mine], contacts)] == [first, second]
