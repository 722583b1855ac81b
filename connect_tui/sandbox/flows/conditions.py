"""Provides the Condition operators of a Transitions' Conditions, and their checks.

The list of Operators (Equals, TextStartsWith, TextEndsWith, TextContains and the four
Number comparisons), one String operand each, is the API Reference's:
https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
"Interpreted as a numeric value ... if either is not numeric, returns false" is from that
page. Text comparisons are case-sensitive: Equals is "exactly equals" and the page gives no
case folding for the Text operators (docs/flows.md says so). A value that is not there (an
attribute never set) meets no condition, not even TextContains "": the docs are silent, and
the sandbox takes it as the Check contact attributes block's "No match".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final


def _number(text: str | None) -> float | None:
    try:
        value = float(str(text).strip())
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _numeric(test: Callable[[float, float], bool]) -> Callable[[str | None, str], bool]:
    def compare(result: str | None, operand: str) -> bool:
        left, right = _number(result), _number(operand)
        return left is not None and right is not None and test(left, right)

    return compare


OPERATORS: Final[dict[str, Callable[[str | None, str], bool]]] = {
    "Equals": lambda result, operand: result is not None and result == operand,
    "TextStartsWith": lambda result, operand: result is not None and result.startswith(operand),
    "TextEndsWith": lambda result, operand: result is not None and result.endswith(operand),
    "TextContains": lambda result, operand: result is not None and operand in result,
    "NumberGreaterThan": _numeric(lambda a, b: a > b),
    "NumberGreaterOrEqualTo": _numeric(lambda a, b: a >= b),
    "NumberLessThan": _numeric(lambda a, b: a < b),
    "NumberLessOrEqualTo": _numeric(lambda a, b: a <= b),
}


def check(condition: Any) -> list[str]:
    """Problems with one Condition object ({"Operator": ..., "Operands": [one string]})."""
    if not isinstance(condition, dict):
        return ["Condition must be an object with Operator and Operands"]
    operator = condition.get("Operator")
    if operator not in OPERATORS:
        return [f"Operator {operator!r} is not one of {', '.join(OPERATORS)}"]
    operands = condition.get("Operands")
    if not isinstance(operands, list) or len(operands) != 1 or not isinstance(operands[0], str):
        return [f"{operator} takes exactly one String operand in Operands"]
    return []


def holds(condition: dict[str, Any], result: str | None) -> bool:
    """True when the action's result meets the (checked) condition."""
    return OPERATORS[condition["Operator"]](result, condition["Operands"][0])


def describe(condition: dict[str, Any]) -> str:
    """The condition in words: `TextContains 'Order'`."""
    return f"{condition['Operator']} {condition['Operands'][0]!r}"
