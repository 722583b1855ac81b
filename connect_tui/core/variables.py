"""Provides `${name}` variables: finding them in a request and resolving them.

A variable may appear in any string of the request, keys included. `$${name}` stands for
a literal `${name}`. Resolution never recurses: a value that itself contains `${x}` is
taken literally, so a variable cannot expand without end.
"""

from __future__ import annotations

import itertools
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
    The result is a new request throughout: the caller may change it.
    """
    problems: list[Problem] = []
    resolved = _copy(_resolve_value(request, shape, variables, None, problems, set()))
    return resolved, problems


def resolve_for_reading(
    request: dict[str, Any],
    variables: dict[str, str],
    shape: Shape | None = None,
    used: set[str] | None = None,
) -> tuple[dict[str, Any], list[Problem]]:
    """`resolve`, for a caller that only reads the result (the validator, on every key).

    What holds no variable is the request's own dict, list or string, not a copy (the
    largest draft's 1,200 values are walked once, not copied); the names referred to are
    added to `used` on the way, so the request is not walked again for `used_names`."""
    problems: list[Problem] = []
    resolved = _resolve_value(
        request, shape, variables, None, problems, set() if used is None else used
    )
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


def _refers(text: str) -> bool:
    """True when `text` may hold a `${...}`. Looking for the one character `$` first:
    Python finds one character in a megabyte 300 times faster than two (a 1 MB body is
    looked at on every key)."""
    return "$" in text and "${" in text


#: Where a value is, as a chain (parent chain, step) made as the walk goes down; turned into
#: a location tuple only for a problem (most values have none, and a tuple a value is slow).
_Path = tuple[Any, Step] | None


def _location(path: _Path) -> tuple[Step, ...]:
    steps: list[Step] = []
    while path is not None:
        path, step = path
        steps.append(step)
    return tuple(reversed(steps))


def _resolve_value(
    value: Any,
    shape: Shape | None,
    variables: dict[str, str],
    path: _Path,
    problems: list[Problem],
    used: set[str],
) -> Any:
    """`value` resolved; a dict or list that holds no variable is returned itself."""
    if isinstance(value, str):
        if not _refers(value):
            return value
        return _resolve_text(value, variables, path, problems, used)
    if isinstance(value, dict):
        is_map = shape is not None and shape.type == "map"
        members = shape.members if shape is not None and not is_map else None
        child = shape.value if is_map and shape is not None else None
        out: dict[str, Any] | None = None  # made once something in it is resolved
        for index, (key, item) in enumerate(value.items()):
            if isinstance(item, str) and not _refers(item) and not _refers(str(key)):
                if out is not None:  # most values: no call, no path, no copy
                    out[key] = item
                continue
            step: Step = MapKey(key) if is_map else key
            if members is not None:
                child = members.get(key)
            new_key = key
            if isinstance(key, str) and _refers(key):
                new_key = _resolve_text(key, variables, (path, step), problems, used)
            new_item = _resolve_value(item, child, variables, (path, step), problems, used)
            if out is None and (new_key is not key or new_item is not item):
                out = dict(itertools.islice(value.items(), index))
            if out is not None:
                out[new_key] = new_item
        return value if out is None else out
    if isinstance(value, list):
        member = shape.member if shape is not None else None
        items: list[Any] | None = None
        for index, item in enumerate(value):
            if isinstance(item, str) and not _refers(item):
                new_item = item
            else:
                new_item = _resolve_value(item, member, variables, (path, index), problems, used)
            if items is None and new_item is not item:
                items = value[:index]
            if items is not None:
                items.append(new_item)
        return value if items is None else items
    return value


def _copy(value: Any) -> Any:
    """A copy of every dict and list in `value` (strings and numbers are shared)."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _resolve_text(
    text: str,
    variables: dict[str, str],
    path: _Path,
    problems: list[Problem],
    used: set[str],
) -> str:
    def substitute(match: re.Match[str]) -> str:
        escaped, name = match.group(1), match.group(2)
        if escaped:
            return "${" + name + "}"
        used.add(name)
        if name in variables and isinstance(variables[name], str):
            return variables[name]
        problems.append(
            Problem(
                _location(path), _undefined_message(name, variables), rule="variables.undefined"
            )
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
        if _refers(value):
            names.update(m.group(2) for m in _REFERENCE.finditer(value) if not m.group(1))
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(key, names)
            _collect(item, names)
    elif isinstance(value, list):
        for item in value:
            _collect(item, names)
