"""Provides validate(draft): every problem with a draft, as a list of Problem.

It is pure and fast enough to run on every keystroke: variables are resolved, the
request is walked against botocore's model (connect_tui.core.shape_check), then the
prose rules run (connect_tui.core.rules). The sandbox checks incoming requests with
`validate_request`, so the composer and the service agree by construction.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from connect_tui.core import rules, schema, shape_check, variables
from connect_tui.core.model import AWS, CREATE_CONTACT, KEYRING, OPERATIONS, TARGET_KINDS, Draft
from connect_tui.core.problems import CREATE_CONTACT as CREATE_CONTACT_SECTION
from connect_tui.core.problems import ERROR, REQUEST, TARGET, Findings, Problem

_REGION = re.compile(r"[a-z]{2}(-[a-z]+)+-\d{1,2}")


def validate(draft: Draft) -> list[Problem]:
    """Every problem with the draft: errors stop a send, warnings do not."""
    try:
        return _validate(draft)
    except RecursionError:
        return [Problem((), "is nested too deeply to check", code="size", rule="draft.too-deep")]


def validate_request(
    operation: str, request: dict[str, Any], section: str = REQUEST
) -> list[Problem]:
    """Every problem with one API request (variables already resolved)."""
    shape = schema.input_shape(operation)
    problems = shape_check.check(shape, request, section=section, root_name=operation)
    found = Findings(problems, section)
    for rule in rules.RULES.get(operation, ()):
        rule(request, found)
    return one_per_place(problems)


def resolved_request(draft: Draft) -> dict[str, Any]:
    """The draft's request with its variables resolved (undefined ones left as written)."""
    request, _ = variables.resolve(draft.request, draft.variables)
    return request


def _validate(draft: Draft) -> list[Problem]:
    if draft.operation not in OPERATIONS:
        return [
            Problem(
                (),
                f"unknown operation {draft.operation!r}",
                section="operation",
                rule="draft.operation",
            )
        ]
    shape = schema.input_shape(draft.operation)
    # Resolved for reading only (shared with the draft where nothing is resolved), the names
    # used collected on the way: the largest draft is walked once, not three times.
    used: set[str] = set()
    request, found = variables.resolve_for_reading(draft.request, draft.variables, shape, used)
    used |= variables.used_names(draft.create_contact)
    problems = variables.check_definitions(draft.variables, used)
    problems += _check_target(draft)
    problems += found
    chain = _chain_for_reading(draft)
    if draft.is_outbound and chain is not None:
        if "ContactId" in request:
            problems.append(
                Problem(
                    ("ContactId",),
                    "is set, but this draft also creates its contact first; clear one of the two",
                    rule="draft.contact-id-and-chain",
                )
            )
        else:
            # Filled in by CreateContact when the draft is sent; check the rest as if present.
            request = {**request, "ContactId": "created-at-send-time"}
    problems += validate_request(draft.operation, request)

    if draft.is_outbound and chain is not None:
        # An inbound draft keeps its CreateContact step for the way back, unused and unchecked.
        chain_shape = schema.input_shape(CREATE_CONTACT)
        chain, found = variables.resolve_for_reading(chain, draft.variables, chain_shape)
        problems += [dataclasses.replace(p, section=CREATE_CONTACT_SECTION) for p in found]
        problems += validate_request(CREATE_CONTACT, chain, section=CREATE_CONTACT_SECTION)
    return one_per_place(problems)


def _chain_for_reading(draft: Draft) -> dict[str, Any] | None:
    """`draft.create_contact_request()` without its deep copy (the validator only reads it,
    and copying an outbound draft's 32 KB of attributes on every key costs)."""
    chain = draft.create_contact
    if chain is None or "InstanceId" in chain or "InstanceId" not in draft.request:
        return chain
    return {"InstanceId": draft.request["InstanceId"], **chain}


def _check_target(draft: Draft) -> list[Problem]:
    target, problems = draft.target, []
    if target.kind not in TARGET_KINDS:
        problems.append(
            Problem(
                ("kind",),
                f"is {target.kind!r}; use sandbox or aws",
                section=TARGET,
                rule="target.kind",
            )
        )
    if target.kind == AWS and target.region is not None and not _REGION.fullmatch(target.region):
        problems.append(
            Problem(
                ("region",),
                f"{target.region!r} is not a Region such as us-east-1",
                section=TARGET,
                rule="target.region",
            )
        )
    if target.endpoint_url and not target.endpoint_url.startswith(("http://", "https://")):
        problems.append(
            Problem(
                ("endpoint_url",),
                "must start with http:// or https://",
                section=TARGET,
                rule="target.endpoint",
            )
        )
    if target.credentials not in (None, KEYRING):
        problems.append(
            Problem(
                ("credentials",),
                f"is {target.credentials!r}; the only choice is keyring",
                section=TARGET,
                rule="target.credentials",
            )
        )
    return problems


def one_per_place(problems: list[Problem]) -> list[Problem]:
    """Keep one problem per field: the first error there, else the first warning.

    A field that breaks several checks (too long AND badly formed) shows the most basic.
    """
    kept: dict[tuple[str, tuple[Any, ...]], Problem] = {}
    for problem in problems:
        place = (problem.section, problem.location)
        current = kept.get(place)
        if current is None or (current.severity != ERROR and problem.severity == ERROR):
            kept[place] = problem
    return list(kept.values())
