"""Provides flow files: a flow's id, name and content read from a JSON file.

A file is either what DescribeContactFlow answers (`{"ContactFlow": {"Id", "Name", "Content",
...}}`), a ContactFlow object (`{"Id", "Name", "Content"}`), or the Flow-language content
itself (`{"Version", "StartAction", "Actions"}`), whose id and name then come from the file's
name: the name is the file's stem, the id a UUID made from it (the same every time).
Also canned Lambda results: a JSON object keyed by function ARN (docs/flows.md).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from connect_tui.core.files import UserError, read_text
from connect_tui.core.problems import first_and_more
from connect_tui.sandbox.flows import model

MAX_FLOW_BYTES: Final = 2 * 1024 * 1024  # ContactFlow Content is at most 256,000 characters


@dataclass(frozen=True)
class FlowFile:
    """A flow read from a file: id, name, content (as text) and the parsed flow."""

    id: str
    name: str
    content: str
    flow: model.Flow


def _json(path: Path, what: str) -> Any:
    text = read_text(path, limit=MAX_FLOW_BYTES, what=what)
    try:
        return json.loads(text)
    except ValueError as exc:
        raise UserError(f"{path}: not valid JSON: {exc}") from None


def read_flow(path: Path) -> FlowFile:
    """The flow in `path`; UserError (one line, naming the file) when it cannot be used."""
    data = _json(path, "flow file")
    if isinstance(data, dict) and isinstance(data.get("ContactFlow"), dict):
        data = data["ContactFlow"]
    if isinstance(data, dict) and "Content" in data:
        content = data["Content"]
        if not isinstance(content, str):
            raise UserError(f"{path}: Content must be the flow's JSON as a string")
        flow_id = str(data.get("Id") or _stable_id(path))
        name = str(data.get("Name") or path.stem)
    elif isinstance(data, dict):
        content, flow_id, name = json.dumps(data), _stable_id(path), path.stem
    else:
        raise UserError(f"{path}: expected a flow (a JSON object), not {type(data).__name__}")
    try:
        flow = model.parse(content)
    except model.FlowInvalid as exc:
        raise UserError(
            f"{path}: InvalidContactFlowException: {first_and_more(exc.problems)}"
        ) from None
    return FlowFile(flow_id, name, content, flow)


def _stable_id(path: Path) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"connect-tui/flow-file/{path.stem}"))


def read_lambda_results(path: Path) -> dict[str, Any]:
    """Canned Lambda results: {function ARN: {"External": {...}} or {"Error": "..."} or {...}}."""
    data = _json(path, "Lambda results file")
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise UserError(f"{path}: expected an object of function ARN -> result object")
    return data
