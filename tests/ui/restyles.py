"""Provides `record_restyles`: the widgets an app's stylesheet is applied to from now on (a
class set on a widget restyles it and everything inside it; tests check what a mark costs)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import App
from textual.dom import DOMNode


def record_restyles(app: App[Any]) -> list[DOMNode]:
    """A list that from now on receives every node `app`'s stylesheet restyles."""
    restyled: list[DOMNode] = []
    update_nodes = app.stylesheet.update_nodes

    def recording(nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.extend(nodes)
        update_nodes(nodes, animate=animate)

    app.stylesheet.update_nodes = recording  # type: ignore[method-assign]
    return restyled
