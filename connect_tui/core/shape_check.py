"""Provides the model check: a request walked against its compiled botocore shape.

It checks everything the model says, including what botocore's own ParamValidator
skips: required members, types, unknown members, min AND max lengths, values and
sizes, patterns and enums, map keys as well as values. Messages say what is wrong
and what is allowed.
"""

from __future__ import annotations

import difflib
from typing import Any, Final

from connect_tui.core.problems import REQUEST, MapKey, Problem, Step
from connect_tui.core.schema import Shape, first_sentence

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "long": "a whole number",
    "boolean": "true or false",
    "structure": "a table of fields",
    "map": "a table of names and values",
    "list": "a list",
    "float": "a number",
    "double": "a number",
}

# Wording for patterns whose regular expression would mean little to a person.
_PATTERN_WORDS = {
    "EmailAddress": "is not an email address; expected name@domain.tld with no spaces",
    "FileName": "contains a control character (such as a tab or a newline)",
}


def check(
    shape: Shape, value: Any, *, section: str = REQUEST, root_name: str = "the request"
) -> list[Problem]:
    """Every way `value` breaks `shape`; an empty list when it fits."""
    walker = _Walker(section, root_name)
    walker.value(shape, value, ())
    return walker.problems


def describe(value: Any) -> str:
    """A short description of a value's kind, for 'must be X, not Y' messages."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def preview(text: str, limit: int = 40) -> str:
    """A value quoted for a message, shortened so that one line stays one line."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)


def plural(count: int, unit: str) -> str:
    """`unit` for a count: 'item' for 1, 'items' otherwise (units are given in the plural)."""
    return unit[:-1] if count == 1 and unit.endswith("s") else unit


def range_words(low: int | None, high: int | None, unit: str) -> str:
    """'1 to 255 characters', 'at most 998 characters' or 'at least 1 character'."""
    if low and high is not None:
        return f"{low:,} to {high:,} {unit}"
    if high is not None:
        return f"at most {high:,} {plural(high, unit)}"
    return f"at least {low:,} {plural(low or 0, unit)}"


#: The range of each number type of the model (Smithy: integer 32-bit, long 64-bit signed).
_TYPE_RANGES: Final = {"integer": (-(2**31), 2**31 - 1), "long": (-(2**63), 2**63 - 1)}


class _Walker:
    """Collects problems while walking one value; a class only to share `problems`."""

    __slots__ = ("problems", "section", "root_name")

    def __init__(self, section: str, root_name: str) -> None:
        self.problems: list[Problem] = []
        self.section = section
        self.root_name = root_name

    def report(self, location: tuple[Step, ...], message: str, code: str) -> None:
        self.problems.append(Problem(location, message, code=code, section=self.section))

    def value(self, shape: Shape, value: Any, location: tuple[Step, ...]) -> None:
        kind = shape.type
        if kind == "string":
            if isinstance(value, str):
                self.text(shape, value, location)
                return
        elif kind in ("integer", "long"):
            if isinstance(value, int) and not isinstance(value, bool):
                self.number(shape, value, location)
                return
        elif kind == "structure":
            if isinstance(value, dict):
                self.structure(shape, value, location)
                return
        elif kind == "map":
            if isinstance(value, dict):
                self.mapping(shape, value, location)
                return
        elif kind == "list":
            if isinstance(value, list):
                self.sequence(shape, value, location)
                return
        elif kind == "boolean":
            if isinstance(value, bool):
                return
        else:  # timestamp, blob and the rest: Connect's email requests have none
            return
        self.report(location, f"must be {_TYPE_WORDS[kind]}, not {describe(value)}", "type")

    @staticmethod
    def fits(shape: Shape, value: str) -> bool:
        """True when the text `value` breaks none of `shape`'s limits (the common case,
        checked without making its location: the largest draft has 1,200 values)."""
        length = len(value)
        low, high = shape.min, shape.max
        if (low is not None and length < low) or (high is not None and length > high):
            return False
        if shape.enum and value not in shape.enum:
            return False
        return shape.matches is None or shape.matches(value)

    def text(self, shape: Shape, value: str, location: tuple[Step, ...], what: str = "") -> None:
        length = len(value)
        low, high = shape.min, shape.max
        if (low is not None and length < low) or (high is not None and length > high):
            if length == 0:
                message = f"{what}must not be empty"
            else:
                message = (
                    f"{what}is {length:,} characters long; "
                    f"{range_words(low, high, 'characters')} allowed"
                )
            self.report(location, message, "length")
            return
        if shape.enum and value not in shape.enum:
            allowed = ", ".join(shape.enum)
            self.report(
                location, f"{what}{preview(value)} is not allowed; use one of: {allowed}", "enum"
            )
            return
        if shape.matches is not None and not shape.matches(value):
            words = _PATTERN_WORDS.get(shape.name, f"does not match the pattern {shape.pattern}")
            self.report(location, f"{what}{preview(value)} {words}", "pattern")

    def number(self, shape: Shape, value: int, location: tuple[Step, ...]) -> None:
        low, high = shape.min, shape.max
        # The model's types have ranges of their own, though botocore never checks them:
        # an "integer" is 32-bit and a "long" 64-bit (Smithy's simple types,
        # https://smithy.io/2.0/spec/simple-types.html), as SegmentAttributeValueInteger is.
        type_low, type_high = _TYPE_RANGES[shape.type]
        low = type_low if low is None else max(low, type_low)
        high = type_high if high is None else min(high, type_high)
        if (low is not None and value < low) or (high is not None and value > high):
            allowed = (
                f"{low:,} to {high:,}"
                if low is not None and high is not None
                else (range_words(low, high, "").rstrip())
            )
            self.report(location, f"is {value:,}; allowed: {allowed}", "range")

    def size(self, shape: Shape, count: int, location: tuple[Step, ...], unit: str) -> None:
        low, high = shape.min, shape.max
        if (low is not None and count < low) or (high is not None and count > high):
            if count == 0:
                message = f"is empty; remove it or add at least {low} {plural(low or 0, unit)}"
            else:
                message = f"has {count:,} {unit}; {range_words(low, high, unit)} allowed"
            self.report(location, message, "size")

    def structure(self, shape: Shape, value: dict[str, Any], location: tuple[Step, ...]) -> None:
        members = shape.members
        for name in shape.required:
            if name not in value:
                hint = first_sentence(members[name].documentation)
                self.report(
                    (*location, name), "is required" + (f": {hint}" if hint else ""), "required"
                )
        for name, item in value.items():
            member = members.get(name) if isinstance(name, str) else None
            if member is None:
                self.unknown(shape, str(name), location)
            elif not (
                member.type == "string" and isinstance(item, str) and self.fits(member, item)
            ):
                self.value(member, item, (*location, name))

    def unknown(self, shape: Shape, name: str, location: tuple[Step, ...]) -> None:
        allowed = list(shape.members)
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
        hint = f" (did you mean {close[0]}?)" if close else ""
        where = "here" if location else f"in {self.root_name}"
        message = f"is not a field {where}{hint}; allowed: {', '.join(allowed)}"
        self.report((*location, name), message, "unknown")

    def mapping(self, shape: Shape, value: dict[Any, Any], location: tuple[Step, ...]) -> None:
        self.size(shape, len(value), location, "entries")
        key_shape, value_shape = shape.key, shape.value
        assert key_shape is not None and value_shape is not None
        plain_values = value_shape.type == "string"
        for key, item in value.items():
            if (
                isinstance(key, str)
                and self.fits(key_shape, key)
                and plain_values
                and isinstance(item, str)
                and self.fits(value_shape, item)
            ):
                continue  # most entries: nothing to say, so no location made
            where = (*location, MapKey(str(key)))
            if not isinstance(key, str):
                self.report(where, "key must be text", "type")
                continue
            self.text(key_shape, key, where, what="key ")
            self.value(value_shape, item, where)

    def sequence(self, shape: Shape, value: list[Any], location: tuple[Step, ...]) -> None:
        self.size(shape, len(value), location, "items")
        member = shape.member
        assert member is not None
        plain = member.type == "string"
        for index, item in enumerate(value):
            if not (plain and isinstance(item, str) and self.fits(member, item)):
                self.value(member, item, (*location, index))
