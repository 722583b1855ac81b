"""Core tests of the Follower's one pager: tokens passed on, at most MAX_PAGES pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from connect_tui.core import follower
from connect_tui.core.follower import Follower
from connect_tui.core.sending import Pacer
from tests.drafts import typical_draft


@pytest.fixture(autouse=True)
def unpaced(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Pacing is the Pacer's own test's business: here every call goes at once.
    monkeypatch.setattr(follower, "pacer", lambda *_: Pacer(1e9, 1000))
    yield


class PagedClient:
    """Answers ListContactReferences from `pages`, recording each request."""

    def __init__(self, pages: int, token: str = "NextToken") -> None:
        self.pages, self.token = pages, token
        self.requests: list[dict[str, Any]] = []

    def list_contact_references(self, **request: Any) -> dict[str, Any]:
        self.requests.append(request)
        index = len(self.requests)
        answer: dict[str, Any] = {"ReferenceSummaryList": [{"n": index}]}
        if index < self.pages:
            answer[self.token] = f"t{index}"
        return answer


def read(client: PagedClient, token: str = "NextToken") -> list[list[dict[str, Any]]]:
    following = Follower(typical_draft(), "c-1", sender=None)  # type: ignore[arg-type]
    request = {"ContactId": "c-1"}
    pages = following._pages(
        client, "ListContactReferences", "ReferenceSummaryList", request, token
    )
    found = list(pages)
    assert request == {"ContactId": "c-1"}  # the caller's request is not changed
    return found


def test_every_page_is_read_with_the_token_of_the_one_before() -> None:
    client = PagedClient(3)
    assert read(client) == [[{"n": 1}], [{"n": 2}], [{"n": 3}]]
    assert [r.get("NextToken") for r in client.requests] == [None, "t1", "t2"]


def test_the_token_member_can_be_named() -> None:
    client = PagedClient(2, token="nextToken")
    assert len(read(client, "nextToken")) == 2
    assert client.requests[1]["nextToken"] == "t1"


def test_no_more_than_max_pages_are_read() -> None:
    client = PagedClient(follower.MAX_PAGES + 3)
    assert len(read(client)) == follower.MAX_PAGES
