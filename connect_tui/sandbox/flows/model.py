"""Provides a flow as parsed (Flow, Action) and the checks CreateContactFlow makes on it.

The shape is the API Reference's "Amazon Connect Flow language":
https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
- Version "2019-10-30" (the only one), StartAction naming an action, at most 250 Actions:
  https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-example.html
- an Identifier is unique, at most 50 characters, none of `% : ( \\ / ) = $ , ; [ ] { }`, and
  not one of the reserved names; Type is one of the allowed types; Transitions has NextAction,
  Errors [{ErrorType, NextAction}] and Conditions [{NextAction, Condition}]:
  https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
A flow the service would refuse raises FlowInvalid: CreateContactFlow and
UpdateContactFlowContent answer it as InvalidContactFlowException with `problems`
(botocore's model of both operations lists that exception).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

from connect_tui.sandbox.flows import conditions, params
from connect_tui.sandbox.flows.catalog import KNOWN_TYPES

VERSION: Final = "2019-10-30"
MAX_ACTIONS: Final = 250
MAX_IDENTIFIER: Final = 50
FORBIDDEN_CHARACTERS: Final = frozenset("%:(\\/)=$,;[]{}")
RESERVED: Final = frozenset(
    {
        "__proto__",
        "constructor",
        "__defineGetter__",
        "__defineSetter__",
        "toString",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "valueOf",
    }
)
#: The errors every action may name (flow-language-actions.html, "Errors").
COMMON_ERRORS: Final = ("NoMatchingError", "NoMatchingCondition")


class FlowInvalid(ValueError):
    """The flow would be refused; `problems` are one line each, naming the action."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Condition:
    """One entry of Transitions.Conditions: the condition and where it leads."""

    next_action: str
    condition: dict[str, Any]


@dataclass(frozen=True)
class Action:
    """One action: its Identifier, Type, Parameters and Transitions."""

    identifier: str
    type: str
    parameters: dict[str, Any]
    next_action: str | None = None
    conditions: tuple[Condition, ...] = ()
    errors: tuple[tuple[str, str], ...] = ()  # (ErrorType, NextAction)

    def error_target(self, error: str) -> tuple[str, str] | None:
        """(the ErrorType matched, its NextAction) for `error`, falling back to NoMatchingError."""
        for wanted in (error, "NoMatchingError"):
            for error_type, target in self.errors:
                if error_type == wanted:
                    return error_type, target
        return None

    def targets(self) -> list[tuple[str, str]]:
        """Every (branch, NextAction) this action can lead to."""
        found = [("NextAction", self.next_action)] if self.next_action else []
        found += [(conditions.describe(c.condition), c.next_action) for c in self.conditions]
        found += [(error_type, target) for error_type, target in self.errors]
        return found


@dataclass(frozen=True)
class Flow:
    """A parsed flow: its start, its actions by Identifier (in file order), and its raw JSON."""

    start: str
    actions: dict[str, Action]
    content: dict[str, Any] = field(repr=False)
    id: str = ""
    name: str = ""
    arn: str = ""


def load_json(content: str | bytes | dict[str, Any]) -> dict[str, Any]:
    """The flow's JSON object; FlowInvalid when it is not JSON or not an object."""
    if isinstance(content, dict):
        return content
    try:
        value = json.loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FlowInvalid([f"Content is not valid JSON: {exc}"]) from None
    if not isinstance(value, dict):
        raise FlowInvalid(["Content must be a JSON object with Version, StartAction and Actions"])
    return value


def parse(content: str | bytes | dict[str, Any], *, lenient: bool = False) -> Flow:
    """The flow in `content`; FlowInvalid listing every problem the service would refuse.

    `lenient` keeps what can be read despite problems (for `flow show`), raising only when
    there is no list of actions at all.
    """
    data = load_json(content)
    found = problems(data)
    raw_actions = data.get("Actions")
    if found and (not lenient or not isinstance(raw_actions, list)):
        raise FlowInvalid(found)
    actions: dict[str, Action] = {}
    for raw in raw_actions if isinstance(raw_actions, list) else []:
        if isinstance(raw, dict) and isinstance(raw.get("Identifier"), str):
            actions.setdefault(raw["Identifier"], _action(raw))
    start = data.get("StartAction")
    return Flow(start if isinstance(start, str) else "", actions, data)


def _action(raw: dict[str, Any]) -> Action:
    transitions: dict[str, Any] = raw.get("Transitions") or {}
    parameters: dict[str, Any] = raw.get("Parameters") or {}
    if not isinstance(transitions, dict):
        transitions = {}
    if not isinstance(parameters, dict):
        parameters = {}
    next_action = transitions.get("NextAction")
    return Action(
        identifier=raw["Identifier"],
        type=str(raw.get("Type", "")),
        parameters=parameters,
        next_action=next_action if isinstance(next_action, str) and next_action else None,
        conditions=tuple(
            Condition(str(c.get("NextAction", "")), c.get("Condition") or {})
            for c in transitions.get("Conditions") or []
            if isinstance(c, dict)
        ),
        errors=tuple(
            (str(e.get("ErrorType", "")), str(e.get("NextAction", "")))
            for e in transitions.get("Errors") or []
            if isinstance(e, dict)
        ),
    )


def problems(data: dict[str, Any]) -> list[str]:
    """Every reason the service would refuse this flow's JSON (empty: it is accepted)."""
    found: list[str] = []
    if data.get("Version") != VERSION:
        found.append(f"Version must be {VERSION!r} (the only version), not {data.get('Version')!r}")
    actions = data.get("Actions")
    if not isinstance(actions, list) or not actions:
        return found + ["Actions must be a non-empty list of actions"]
    if len(actions) > MAX_ACTIONS:
        found.append(f"Actions has {len(actions)} actions; a flow may have at most {MAX_ACTIONS}")
    identifiers: set[str] = set()
    for index, raw in enumerate(actions):
        found += _check_identifier(raw, index, identifiers)
    start = data.get("StartAction")
    if start not in identifiers:
        found.append(f"StartAction {start!r} is not the Identifier of an action in Actions")
    for raw in actions:
        if isinstance(raw, dict) and isinstance(raw.get("Identifier"), str):
            found += [f"Action {raw['Identifier']!r}: {p}" for p in _check_action(raw, identifiers)]
    return found


def _check_identifier(raw: Any, index: int, seen: set[str]) -> list[str]:
    if not isinstance(raw, dict):
        return [f"Actions[{index}] must be an object"]
    identifier = raw.get("Identifier")
    if not isinstance(identifier, str) or not identifier:
        return [f"Actions[{index}] has no Identifier"]
    found = []
    if len(identifier) > MAX_IDENTIFIER:
        found.append(
            f"Action {identifier!r}: Identifier is {len(identifier)} characters; "
            f"at most {MAX_IDENTIFIER}"
        )
    bad = sorted(set(identifier) & FORBIDDEN_CHARACTERS)
    if bad:
        found.append(f"Action {identifier!r}: Identifier may not contain {' '.join(bad)}")
    if identifier in RESERVED:
        found.append(f"Action {identifier!r}: Identifier is a reserved name")
    if identifier in seen:
        found.append(f"Action {identifier!r}: Identifier is used by more than one action")
    seen.add(identifier)
    return found


def _check_action(raw: dict[str, Any], identifiers: set[str]) -> list[str]:
    kind = raw.get("Type")
    if kind not in KNOWN_TYPES:
        return [f"Type {kind!r} is not an action type of the Flow language"]
    found: list[str] = []
    transitions = raw.get("Transitions", {})
    parameters = raw.get("Parameters", {})
    if not isinstance(transitions, dict):
        return ["Transitions must be an object"]
    if not isinstance(parameters, dict):
        return ["Parameters must be an object"]
    target = transitions.get("NextAction")
    if target is not None and target not in identifiers:
        found.append(f"Transitions.NextAction {target!r} is not an action of this flow")
    for index, entry in enumerate(_list(transitions, "Conditions", found)):
        place = f"Transitions.Conditions[{index}]"
        if not isinstance(entry, dict):
            found.append(f"{place} must be an object with NextAction and Condition")
            continue
        if entry.get("NextAction") not in identifiers:
            found.append(f"{place}.NextAction {entry.get('NextAction')!r} is not an action")
        found += [f"{place}.{p}" for p in conditions.check(entry.get("Condition"))]
    for index, entry in enumerate(_list(transitions, "Errors", found)):
        place = f"Transitions.Errors[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("ErrorType"), str):
            found.append(f"{place} must be an object with ErrorType and NextAction")
            continue
        if entry.get("NextAction") not in identifiers:
            found.append(f"{place}.NextAction {entry.get('NextAction')!r} is not an action")
    found += params.check(str(kind), parameters, transitions)
    return found


def _list(transitions: dict[str, Any], name: str, found: list[str]) -> list[Any]:
    value = transitions.get(name, [])
    if not isinstance(value, list):
        found.append(f"Transitions.{name} must be a list")
        return []
    return value
