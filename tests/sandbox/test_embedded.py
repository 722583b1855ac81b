"""The embedded sandbox: one a process, started on first use, seeded with the defaults."""

from __future__ import annotations

from connect_tui import runtime
from connect_tui.core import local_sandbox, sandbox_identity
from connect_tui.sandbox import embedded
from tests.sandbox.conftest import inbound, make_client


def test_shared_url_is_one_sandbox_that_answers() -> None:
    url = embedded.shared_url()
    assert url.startswith("http://127.0.0.1:")
    assert embedded.shared_url() == url
    assert local_sandbox.answers(url)
    client = make_client(url, attempts=3)
    found = client.search_email_addresses(InstanceId=sandbox_identity.INSTANCE_ID)
    assert {a["EmailAddress"] for a in found["EmailAddresses"]} == set(sandbox_identity.ADDRESSES)
    assert client.start_email_contact(**inbound())["ContactId"]


def test_locate_falls_back_to_the_embedded_sandbox() -> None:
    located = runtime.locate()
    assert located.embedded and located.url == embedded.shared_url()


def test_core_alone_never_starts_a_sandbox() -> None:
    # Core cannot import the sandbox: without the starter runtime hands it, it says so.
    import pytest

    if local_sandbox.registered_url() is None:
        with pytest.raises(local_sandbox.NoSandboxError, match="connect-tui sandbox"):
            local_sandbox.locate()
