"""Provides checks of a value just read: `too_deep` (nesting) and `lone_surrogate` (bad text),
and `read_toml`, which reads a TOML file's text with them (profiles, settings, themes).

Python's parsers and every recursive walk over a value (validation, canonical ordering,
pprint, TOML and JSON writers) stop with a RecursionError somewhere below 1,000 levels,
and where exactly depends on the walk. A real Connect request nests a few levels (a
segment attribute's ValueMap inside a ValueMap, a handful deep); MAX_DEPTH is far above
that and far below any recursion limit, so a value checked here once, when it is read,
can be walked by anything after it. The check itself is iterative: it cannot overflow.
"""

from __future__ import annotations

import tomllib
from typing import Any, Final

#: Levels of tables and lists a value may have (the top level counts as one).
MAX_DEPTH: Final = 100


class UnreadableToml(ValueError):
    """Text that is not TOML, or nests too deeply to use; the message is the one-line reason."""


def read_toml(text: str) -> dict[str, Any]:
    """The TOML document in `text`; UnreadableToml when it is not valid TOML or nests too deeply
    (the caller names the file: `f"{source}: {error}"`)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UnreadableToml(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise UnreadableToml("nested too deeply to read") from None
    # Dotted table headers ([a.b.c...]) nest without recursion in tomllib, but not in the
    # walks after it: refuse a file no request could need.
    deep = too_deep(data)
    if deep:
        raise UnreadableToml(deep)
    return data


def depth(value: Any, *, stop_at: int = MAX_DEPTH + 1) -> int:
    """How many levels of dicts and lists `value` has (0 for a scalar), counted up to `stop_at`."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        children: list[Any]
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list | tuple):
            children = list(item)
        else:
            continue
        deepest = max(deepest, level)
        if deepest >= stop_at:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def too_deep(value: Any, limit: int = MAX_DEPTH) -> str | None:
    """None when `value` nests at most `limit` levels, else the one-line reason."""
    if depth(value, stop_at=limit + 1) > limit:
        return f"nested more than {limit} levels deep"
    return None


def lone_surrogate(value: Any) -> str | None:
    """None, or the one-line reason when a key or text in `value` holds a lone surrogate.

    JSON and YAML escapes can spell U+D800 to U+DFFF alone (`"\\ud800"`), which is no
    character: no UTF-8 file (a profile) can hold it, and no terminal can show it.
    """
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            if any("\ud800" <= c <= "\udfff" for c in item):
                where = f"{path}: " if path else ""
                return f"{where}holds a lone surrogate (such as \\ud800), which is not text"
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, path))
                stack.append((child, f"{path}.{key}" if path else str(key)))
        elif isinstance(item, list | tuple):
            stack.extend((child, f"{path}[{i}]") for i, child in enumerate(item))
    return None
