"""Provides the JSONPath values flows read: `$.Attributes.x`, `$.SegmentAttributes['k']`, ...

A flow reads the contact through one object, the "flow data object". Parameters that take a
"single valid JSONPath identifier" name a path in it; parameters that "may be defined
statically or dynamically" may also mix text and paths ("Dear $.Attributes.name").
Parameter restrictions: https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions-parameter-restrictions.html
A path the flow data object does not have ($.BadValue) is refused, as the page says.
"""

from __future__ import annotations

import re
from typing import Any, Final

#: The top-level names of the flow data object the sandbox knows. The system attributes are
#: listed in the admin guide, "List of available contact attributes and their JSONPath reference":
#: https://docs.aws.amazon.com/connect/latest/adminguide/connect-attrib-list.html
ROOTS: Final = frozenset(
    {
        "Attributes",
        "SegmentAttributes",
        "FlowAttributes",
        "External",
        "CustomerEndpoint",
        "SystemEndpoint",
        "Queue",
        "Tags",
        "References",
        "ContactId",
        "InitialContactId",
        "PreviousContactId",
        "RelatedContactId",
        "Channel",
        "InitiationMethod",
        "InstanceARN",
        "Name",
        "Description",
        "LanguageCode",
        "AgentInfo",
    }
)

# One step of a path: .name, ['quoted name'] or ["quoted name"].
_STEP = re.compile(r"\.([A-Za-z0-9_\-]+)|\[\s*'([^']*)'\s*\]|\[\s*\"([^\"]*)\"\s*\]")
# A path inside text: $. then steps (used to find dynamic references in static text).
_IN_TEXT = re.compile(r"\$(?:\.[A-Za-z0-9_\-]+|\[\s*'[^']*'\s*\]|\[\s*\"[^\"]*\"\s*\])+")


class PathError(ValueError):
    """A JSONPath the flow data object does not have, or that is not one path."""


def is_path(text: Any) -> bool:
    """True when `text` is exactly one JSONPath (the whole value, `$.` first)."""
    return isinstance(text, str) and text.startswith("$") and _IN_TEXT.fullmatch(text) is not None


def steps(path: str) -> list[str]:
    """The names along `path`; PathError when it is not a path of the flow data object."""
    if not path.startswith("$"):
        raise PathError(f"{path!r} is not a JSONPath (it must start with $.)")
    names: list[str] = []
    position = 1
    while position < len(path):
        found = _STEP.match(path, position)
        if found is None:
            raise PathError(f"{path!r} is not a valid JSONPath (at character {position + 1})")
        names.append(next(group for group in found.groups() if group is not None))
        position = found.end()
    if not names:
        raise PathError(f"{path!r} names nothing; use a path such as $.Attributes.name")
    if names[0] not in ROOTS:
        raise PathError(
            f"{path!r}: the flow data object has no {names[0]!r} "
            f"(it has {', '.join(sorted(ROOTS))})"
        )
    return names


def check_value(value: Any) -> list[str]:
    """Problems with the paths inside a static-or-dynamic value (text that may hold paths)."""
    problems = []
    if isinstance(value, str):
        for found in _IN_TEXT.finditer(value):
            try:
                steps(found.group(0))
            except PathError as exc:
                problems.append(str(exc))
    return problems


def resolve(data: dict[str, Any], path: str) -> str | None:
    """The value at `path` in the flow data object as text, None when it is not there.

    Segment attributes are SegmentAttributeValue objects; a flow sees their ValueString
    (or ValueInteger as text), as the Check contact attributes block compares them.
    """
    value: Any = data
    for name in steps(path):
        if not isinstance(value, dict) or name not in value:
            return None
        value = value[name]
    if isinstance(value, dict) and ("ValueString" in value or "ValueInteger" in value):
        value = value.get("ValueString", value.get("ValueInteger"))
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def interpolate(data: dict[str, Any], value: Any) -> str:
    """A static-or-dynamic value with each path replaced by its value ('' when missing)."""
    text = "" if value is None else str(value)
    if is_path(text):
        return resolve(data, text) or ""
    return _IN_TEXT.sub(lambda found: resolve(data, found.group(0)) or "", text)
