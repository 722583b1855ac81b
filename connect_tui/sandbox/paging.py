"""Provides page(): one page of a list answer, as the sandbox's List and Search operations give,
and search_page(): the same with the ApproximateTotalCount that Search operations add.

NextToken is the position of the next page (the service's tokens are opaque; any token
this sandbox did not give is refused).
"""

from __future__ import annotations

from typing import Any

from connect_tui.sandbox.protocol import invalid


def page(
    items: list[dict[str, Any]], request: dict[str, Any], member: str, most: int = 100
) -> dict[str, Any]:
    """One page of `items`: MaxResults of them (`most` when not given) from NextToken on."""
    token = str(request.get("NextToken", "0"))
    if not token.isdigit():
        raise invalid(f"NextToken {token!r} was not given by this sandbox")
    start, limit = int(token), int(request.get("MaxResults") or most)
    answer: dict[str, Any] = {member: items[start : start + limit]}
    if start + limit < len(items):
        answer["NextToken"] = str(start + limit)
    return answer


def search_page(
    items: list[dict[str, Any]], request: dict[str, Any], member: str
) -> dict[str, Any]:
    """One page of a Search operation's answer, with how many match in all."""
    answer = page(items, request, member)
    answer["ApproximateTotalCount"] = len(items)
    return answer
