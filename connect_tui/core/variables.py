"""Provides `${name}` variables: finding them in a request and resolving them.

A variable may appear in any string of the request, keys included. `$${name}` stands for
a literal `${name}`. Resolution never recurses: a value that itself contains `${x}` is
taken literally, so a variable cannot expand without end.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

from connect_tui.core.problems import VARIABLES, MapKey, Problem, Step

if TYPE_CHECKING:  # the schema module is not needed to substitute: start-up skips it
    from connect_tui.core.schema import Shape

NAME_PATTERN: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_REFERENCE = re.compile(r"\$(\$?)\{([^}]*)\}")
# What `resolve` would read as a reference (escaped or not): `escape` puts one more `$` before it.
_LOOKS_LIKE_REFERENCE = re.compile(r"\$\{[^}]*\}")


def is_valid_name(name: str) -> bool:
    """True for a usable variable name: a letter or `_`, then letters, digits or `_`."""
    return NAME_PATTERN.fullmatch(name) is not None


def resolve(
    request: dict[str, Any], variables: dict[str, str], shape: Shape | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """The request with every `${name}` replaced, and a problem for each undefined name.

    An undefined variable is left in place, so the field still shows what was meant.
    `shape`, the request's input shape, tells map keys from members in problem paths.
    """
    problems: list[Problem] = []
    resolved = _resolve_value(request, shape, variables, (), problems)
    return resolved, problems


def escape(value: Any) -> Any:
    """`value` with every string (map keys too) made literal: `resolve` gives it back unchanged.

    Text that comes from outside (an imported --cli-input-json file) means what it says:
    `Refund for ${order}` is that text, not a variable. Each `${...}` gets one more `$`
    (`$${order}`, which resolves to `${order}`), so import then export is lossless.
    """
    if isinstance(value, str):
        return (
            _LOOKS_LIKE_REFERENCE.sub(lambda m: "$" + m.group(0), value) if "${" in value else value
        )
    if isinstance(value, dict):
        return {escape(key): escape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape(item) for item in value]
    return value


def used_names(value: Any) -> set[str]:
    """Every variable name referred to anywhere in `value` (escaped `$${x}` excluded)."""
    names: set[str] = set()
    _collect(value, names)
    return names


def check_definitions(variables: dict[str, str], used: set[str]) -> list[Problem]:
    """Problems with the variables table itself: bad names, non-text values, unused ones."""
    problems: list[Problem] = []
    for name, value in variables.items():
        where: tuple[Step, ...] = (MapKey(name),)
        if not is_valid_name(name):
            problems.append(
                Problem(
                    where,
                    f"{name!r} is not a variable name; use letters, digits and _ "
                    "(not starting with a digit)",
                    section=VARIABLES,
                    rule="variables.name",
                )
            )
        elif not isinstance(value, str):
            problems.append(
                Problem(
                    where, "must be text", code="type", section=VARIABLES, rule="variables.type"
                )
            )
        elif name not in used:
            problems.append(
                Problem(
                    where,
                    "is defined but not used",
                    severity="warning",
                    section=VARIABLES,
                    rule="variables.unused",
                )
            )
    return problems


def _resolve_value(
    value: Any,
    shape: Shape | None,
    variables: dict[str, str],
    location: tuple[Step, ...],
    problems: list[Problem],
) -> Any:
    if isinstance(value, str):
        return _resolve_text(value, variables, location, problems) if "${" in value else value
    if isinstance(value, dict):
        is_map = shape is not None and shape.type == "map"
        out: dict[str, Any] = {}
        for key, item in value.items():
            if is_map:
                step: Step = MapKey(key)
                child = shape.value if shape else None
            else:
                step = key
                child = shape.members.get(key) if shape is not None else None
            new_key = key
            if isinstance(key, str) and "${" in key:
                new_key = _resolve_text(key, variables, (*location, step), problems)
            out[new_key] = _resolve_value(item, child, variables, (*location, step), problems)
        return out
    if isinstance(value, list):
        member = shape.member if shape is not None else None
        return [
            _resolve_value(item, member, variables, (*location, i), problems)
            for i, item in enumerate(value)
        ]
    return value


def _resolve_text(
    text: str, variables: dict[str, str], location: tuple[Step, ...], problems: list[Problem]
) -> str:
    def substitute(match: re.Match[str]) -> str:
        escaped, name = match.group(1), match.group(2)
        if escaped:
            return "${" + name + "}"
        if name in variables and isinstance(variables[name], str):
            return variables[name]
        problems.append(
            Problem(location, _undefined_message(name, variables), rule="variables.undefined")
        )
        return match.group(0)

    return _REFERENCE.sub(substitute, text)


def _undefined_message(name: str, variables: dict[str, str]) -> str:
    if not is_valid_name(name):
        return f"${{{name}}} is not a valid variable reference; names use letters, digits and _"
    defined = ", ".join(sorted(variables)) or "none"
    return f"uses ${{{name}}}, which is not defined (defined: {defined})"


def _collect(value: Any, names: set[str]) -> None:
    if isinstance(value, str):
        if "${" in value:
            names.update(m.group(2) for m in _REFERENCE.finditer(value) if not m.group(1))
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(key, names)
            _collect(item, names)
    elif isinstance(value, list):
        for item in value:
            _collect(item, names)
