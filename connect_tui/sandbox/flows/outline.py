"""Provides a readable outline of a flow: its actions in order of reach, branches, and faults.

`connect-tui flow show` prints it. Unreachable actions (no path from StartAction) and
missing targets (a NextAction naming no action) are listed rather than refused, so a
half-written flow can be read. The text comes from the file: callers show it escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from connect_tui.sandbox.flows import model
from connect_tui.sandbox.flows.catalog import TERMINAL
from connect_tui.sandbox.flows.runner import IMPLEMENTED


@dataclass
class Outline:
    """The outline's parts: lines per action, and the faults found."""

    lines: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    not_run: list[str] = field(default_factory=list)


def build(content: str | bytes | dict[str, object]) -> Outline:
    """The outline of a flow's JSON (FlowInvalid only when it has no Actions list at all)."""
    data = model.load_json(content)
    flow = model.parse(data, lenient=True)
    outline = Outline(problems=model.problems(data))
    order = _reach(flow)
    outline.unreachable = [i for i in flow.actions if i not in order]
    outline.lines.append(f"start: {flow.start}")
    for identifier in order + outline.unreachable:
        action = flow.actions[identifier]
        mark = "" if identifier in order else "   (unreachable)"
        outline.lines.append(f"{identifier}  [{action.type}]{mark}")
        if action.type not in IMPLEMENTED:
            outline.not_run.append(f"{identifier} ({action.type})")
        targets = action.targets()
        for branch, target in targets:
            missing = "" if target in flow.actions else "   MISSING"
            if missing:
                outline.missing.append(f"{identifier} -> {target} ({branch})")
            outline.lines.append(f"    {branch} -> {target}{missing}")
        if not targets:
            ending = (
                "ends the flow" if action.type in TERMINAL else "no transitions: the flow stops"
            )
            outline.lines.append(f"    ({ending})")
    return outline


def _reach(flow: model.Flow) -> list[str]:
    """Identifiers reachable from the start, depth first, in the order they are met."""
    seen: list[str] = []
    pending = [flow.start]
    while pending:
        identifier = pending.pop()
        if identifier in seen or identifier not in flow.actions:
            continue
        seen.append(identifier)
        pending.extend(reversed([t for _, t in flow.actions[identifier].targets()]))
    return seen


def render(outline: Outline) -> str:
    """The outline as text, faults last."""
    lines = list(outline.lines)
    for title, items in (
        ("unreachable actions", outline.unreachable),
        ("missing targets", outline.missing),
        ("actions the sandbox does not run", outline.not_run),
        ("problems (CreateContactFlow would refuse the flow)", outline.problems),
    ):
        if items:
            lines.append(f"{title}:")
            lines += [f"  {item}" for item in items]
    return "\n".join(lines)
