"""Provides Run (what an action sees while a flow runs) and Outcome (what an action did).

An action handler takes (Run, Action) and returns an Outcome: go on to NextAction, a
result to match against Conditions, an error to match against Errors, an end of the flow,
or a jump to another flow. The runner (connect_tui.sandbox.flows.runner) follows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from connect_tui.sandbox.flows import jsonpath
from connect_tui.sandbox.flows.context import FlowContact, Reply, Resources
from connect_tui.sandbox.flows.model import Action, Flow


@dataclass
class Outcome:
    """What one action did. `kind`: next, result, error, end or jump."""

    kind: str
    reason: str = ""
    result: str | None = None
    error: str | None = None
    ended: str | None = None
    flow: Flow | None = None
    changes: dict[str, list[str | None]] = field(default_factory=dict)
    external: dict[str, str] | None = None
    parameters: dict[str, Any] | None = None

    @classmethod
    def next(cls, reason: str, **more: Any) -> Outcome:
        """Go on to NextAction."""
        return cls("next", reason, **more)

    @classmethod
    def value(cls, result: str | None, reason: str, **more: Any) -> Outcome:
        """A result for the Conditions (NoMatchingCondition when none holds)."""
        return cls("result", reason, result=result, **more)

    @classmethod
    def fail(cls, error: str, reason: str, **more: Any) -> Outcome:
        """An error for the Errors (NoMatchingError when none names it)."""
        return cls("error", reason, error=error, **more)

    @classmethod
    def end(cls, ended: str, reason: str, **more: Any) -> Outcome:
        """The flow stops here: queued, disconnected or ended."""
        return cls("end", reason, ended=ended, **more)


@dataclass
class Run:
    """A flow running on a contact: the contact, the lookups, and the run's own state."""

    contact: FlowContact
    resources: Resources
    flow: Flow
    flow_attributes: dict[str, str] = field(default_factory=dict)
    external: dict[str, str] = field(default_factory=dict)
    logging: bool = False
    replies: list[Reply] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        """The flow data object now."""
        return self.contact.data(self.flow_attributes, self.external)

    def value(self, raw: Any) -> str:
        """A static-or-dynamic parameter value, its paths read now."""
        return jsonpath.interpolate(self.data(), raw)

    def lookup(self, raw: Any) -> str | None:
        """A 'static or a single JSONPath' parameter: the text, or the path's value."""
        if jsonpath.is_path(raw):
            return jsonpath.resolve(self.data(), raw)
        return None if raw is None else str(raw)


Handler = Callable[[Run, Action], Outcome]
