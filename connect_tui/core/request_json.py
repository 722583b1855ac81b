"""Provides RequestJson: a request's `--cli-input-json` text, exactly as
`interop.cli_input_json` writes it, made one top-level member at a time and kept, so that
an edit writes again only the member it changed.

Why: the composer's live request follows every key (docs/architecture.md, "A key, one
frame"). Python's json module indents in Python, not C: the largest legal draft's request
(62,000 characters once long values are cut) took 8 ms to write whole, on every key. Each
member is compared by its compact JSON (written in C, a fraction of that) and written with
indentation only when it changed: a key in one field writes that field's member.
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet
from typing import Any

from connect_tui.core import safe_text, schema
from connect_tui.core.interop import canonical


class RequestJson:
    """Writes requests of one operation or another, keeping each member's text."""

    def __init__(self) -> None:
        #: Each member's compact JSON (what it holds) and indented text, from the last request.
        self._kept: dict[str, tuple[str, str]] = {}
        #: How many characters the last `text` wrote again (the rest was kept).
        self.written = 0

    def text(
        self, operation: str, request: dict[str, Any], changed: AbstractSet[str] | None = None
    ) -> str:
        """`interop.cli_input_json(operation, request)`, the same text, writing again only
        the members that differ from the last request's. `changed`: the only members that
        may differ (the others are not even compared); None: any may."""
        members = schema.input_shape(operation).members
        names = [name for name in members if name in request]
        names += [name for name in request if name not in members]
        kept: dict[str, tuple[str, str]] = {}
        parts: list[str] = []
        self.written = 0
        for name in names:
            old = self._kept.get(name)
            if old is not None and changed is not None and name not in changed:
                kept[name] = old
                parts.append(old[1])
                continue
            value = request[name]
            compact = json.dumps(value, ensure_ascii=False)
            if old is not None and old[0] == compact:
                part = old[1]
            else:
                whole = safe_text.dumps({name: canonical(members.get(name), value)}, indent=2)
                part = whole[2:-2]  # the member's lines, without the braces around them
                self.written += len(part)
            kept[name] = (compact, part)
            parts.append(part)
        self._kept = kept
        if not parts:
            return "{}\n"
        # json.dumps with an indent puts ",\n" between members and "{\n" ... "\n}" around them.
        return "{\n" + ",\n".join(parts) + "\n}\n"
