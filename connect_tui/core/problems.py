"""Provides Problem: one thing wrong with a draft, where it is, and how bad it is; Findings,
which the rules report into; and `first_and_more`, the one wording of "the first error (and
N more)".
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

ERROR: Final = "error"
WARNING: Final = "warning"

#: The parts of a draft a problem can be in; the request is the default and prints bare.
REQUEST: Final = "request"
CREATE_CONTACT: Final = "create_contact"
VARIABLES: Final = "variables"
TARGET: Final = "target"

#: Problem codes for the structural mistakes that make a request ill-formed (not just
#: against the rules): `import` refuses input that has them.
STRUCTURAL_CODES: Final = frozenset({"unknown", "type"})


class MapKey(str):
    """A map key in a location, printed `["key"]` (a plain str is a member, printed `.Member`)."""

    __slots__ = ()


Step = str | int | MapKey


def format_location(location: tuple[Step, ...]) -> str:
    """A location as people write it: `ToAddresses[3].EmailAddress` or `Attributes["k"]`."""
    parts: list[str] = []
    for step in location:
        if isinstance(step, MapKey):
            parts.append("[" + json.dumps(str(step), ensure_ascii=False) + "]")
        elif isinstance(step, int):
            parts.append(f"[{step}]")
        else:
            parts.append(("." if parts else "") + step)
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """A mistake (severity error) or a doubt (severity warning) about one field of a draft.

    `location` points into `section` (the request unless said otherwise); `code` names
    the kind of check that failed (required, type, unknown, length, range, pattern,
    enum, size or rule), so tools can act on kinds without parsing messages; `rule`
    names the documented rule (docs/service-rules.md).
    """

    location: tuple[Step, ...]
    message: str
    severity: str = ERROR
    code: str = "rule"
    section: str = REQUEST
    #: The rule broken, an id of connect_tui.core.rule_catalog (listed in docs/service-rules.md);
    #: empty for a check of botocore's model, whose rule is named by `code` (see rule_id).
    rule: str = ""

    @property
    def rule_id(self) -> str:
        """The id of the rule broken, as docs/service-rules.md lists it (`model.length`, ...)."""
        return self.rule or f"model.{self.code}"

    @property
    def path(self) -> str:
        """Where the problem is, as people write it; prefixed by the section outside the request."""
        inner = format_location(self.location)
        if self.section == REQUEST:
            return inner or "(request)"
        if not inner:
            return self.section
        return f"{self.section}{'' if inner.startswith('[') else '.'}{inner}"

    @property
    def is_error(self) -> bool:
        """True when the problem stops the draft from being sent."""
        return self.severity == ERROR

    def __str__(self) -> str:
        prefix = "" if self.is_error else "warning: "
        return f"{self.path}: {prefix}{self.message}"


def has_errors(problems: list[Problem]) -> bool:
    """True when any problem is an error (warnings alone let a draft be sent)."""
    return any(p.is_error for p in problems)


def first_and_more(items: Sequence[object]) -> str:
    """The first item as text, and how many more there are: `X (and 2 more)`; "" for none."""
    if not items:
        return ""
    more = f" (and {len(items) - 1} more)" if len(items) > 1 else ""
    return f"{items[0]}{more}"


class Findings:
    """The problems found so far, and the part of the draft they belong to.

    The rules (connect_tui.core.rules) and the segment attribute checks
    (connect_tui.core.segments) both report into it, so it lives below both.
    """

    __slots__ = ("problems", "section")

    def __init__(self, problems: list[Problem], section: str) -> None:
        self.problems = problems
        self.section = section

    def error(self, location: tuple[Step, ...], message: str, *, rule: str) -> None:
        """Report a mistake that stops the draft from being sent, naming the `rule` broken."""
        self.problems.append(Problem(location, message, ERROR, "rule", self.section, rule))

    def warn(self, location: tuple[Step, ...], message: str, *, rule: str) -> None:
        """Report a doubt that does not stop the draft from being sent, naming the `rule`."""
        self.problems.append(Problem(location, message, WARNING, "rule", self.section, rule))
