"""Provides the AWS CLI and boto3 side: skeletons and --cli-input-json in; JSON, commands out.

Import reads what `aws connect ... --generate-cli-skeleton` writes (JSON, or YAML as AWS
CLI v2 writes it with `yaml-input`) or a `--cli-input-json` file. It keeps a request
that breaks Connect's rules (the composer shows what to fix) but refuses input that is
not a request at all: unparseable text, unknown keys, values of the wrong type.
"""

from __future__ import annotations

import json
import pprint
import re
import shlex
from typing import Any

from connect_tui.core import nesting, safe_text, sandbox_identity, schema, shape_check, variables
from connect_tui.core.conversion import default_create_contact
from connect_tui.core.files import UserError
from connect_tui.core.model import CLI_NAMES, CREATE_CONTACT, OUTBOUND, Draft, Target
from connect_tui.core.problems import STRUCTURAL_CODES, Step, first_and_more, format_location
from connect_tui.core.schema import Shape

_SANDBOX_COMMAND = f"connect-tui sandbox --port {sandbox_identity.SUGGESTED_PORT}"


def parse_request(text: str, *, source: str, operation: str) -> tuple[dict[str, Any], int]:
    """The request in a --cli-input-json file or skeleton, and how many nulls were dropped.

    Raises UserError naming the source and the line, column or key at fault.
    """
    if not text.strip():
        raise UserError(f"{source}: is empty; expected the JSON or YAML parameters of {operation}")
    data = (
        _parse_json(text, source)
        if text.lstrip().startswith(("{", "["))
        else _parse_yaml(text, source)
    )
    if not isinstance(data, dict):
        raise UserError(f"{source}: expected a JSON or YAML object of {operation} parameters")
    # Before any recursive walk below: a value nested deeper than a request can be is refused.
    deep = nesting.too_deep(data)
    if deep:
        raise UserError(f"{source}: {deep}")
    data, dropped = drop_nulls(data)
    _refuse_surrogates(data, source, ())
    shape = schema.input_shape(operation)
    structural = [
        p for p in shape_check.check(shape, data, root_name=operation) if p.code in STRUCTURAL_CODES
    ]
    if structural:
        where = [f"{p.path}: {p.message}" for p in structural]
        raise UserError(f"{source}: {first_and_more(where)}")
    return data, dropped


_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_surrogates(value: Any, source: str, location: tuple[Step, ...]) -> None:
    """A JSON escape such as \\ud800 on its own is no character: nothing can store it as UTF-8."""
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        if found:
            where = format_location(location) or "(request)"
            raise UserError(
                f"{source}: {where}: holds \\u{ord(found.group()):04x}, half of a UTF-16 pair "
                "and not a character; UTF-8 cannot store it"
            )
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_surrogates(key, source, location)
            _refuse_surrogates(item, source, (*location, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_surrogates(item, source, (*location, index))


def imported_draft(name: str, operation: str, request: dict[str, Any], target: Target) -> Draft:
    """The draft an imported request becomes.

    Its text is literal (`${x}` escaped as `$${x}`, see connect_tui.core.variables.escape), so
    exporting it as cli-input-json gives back the same request. An outbound request with no
    ContactId gets the create-the-contact-first step (CreateContact, OUTBOUND), as a new
    outbound draft has: StartOutboundEmailContact needs a contact made by CreateContact.
    """
    draft = Draft(name=name, operation=operation, target=target, request=variables.escape(request))
    if operation == OUTBOUND and "ContactId" not in request:
        draft.create_contact = default_create_contact(draft)
    return draft


def drop_nulls(value: Any) -> tuple[Any, int]:
    """`value` without null members (skeleton placeholders TOML cannot hold) and how many went."""
    if isinstance(value, dict):
        kept, dropped = {}, 0
        for key, item in value.items():
            if item is None:
                dropped += 1
                continue
            kept[key], count = drop_nulls(item)
            dropped += count
        return kept, dropped
    if isinstance(value, list):
        items, dropped = [], 0
        for item in value:
            if item is None:
                dropped += 1
                continue
            cleaned, count = drop_nulls(item)
            items.append(cleaned)
            dropped += count
        return items, dropped
    return value, 0


def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise UserError(f"{source}: nested too deeply to read") from None


def _parse_yaml(text: str, source: str) -> Any:
    import yaml

    try:
        return yaml.load(text, Loader=_request_yaml_loader())  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        raise UserError(f"{where}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise UserError(f"{source}: not valid YAML: {exc}") from None
    except RecursionError:
        raise UserError(f"{source}: nested too deeply to read") from None


_loader_class: Any = None


def _request_yaml_loader() -> Any:
    """A safe YAML loader for requests: YAML 1.2 scalars, no dates, no aliases.

    PyYAML follows YAML 1.1, where `no` is false and `10:30` is 630: a Subject of "no" must
    stay text. Aliases are refused so that a small file cannot expand into a huge request.
    """
    global _loader_class
    if _loader_class is not None:
        return _loader_class
    import yaml

    class RequestLoader(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise yaml.composer.ComposerError(
                    None, None, "aliases (*name) are not allowed in a request", mark
                )
            return super().compose_node(parent, index)

    RequestLoader.yaml_implicit_resolvers = {}
    digits = list("-+0123456789")
    scalars = [
        ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
        ("int", r"^[-+]?[0-9]+$", digits),
        ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", [*digits, "."]),
        ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ]
    for tag, pattern, first in scalars:
        RequestLoader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), first)
    _loader_class = RequestLoader
    return RequestLoader


def canonical(shape: Shape | None, value: Any) -> Any:
    """`value` with structure members in the model's order (maps and lists keep theirs)."""
    if shape is None:
        return value
    if isinstance(value, dict):
        if shape.type == "structure":
            ordered = [k for k in shape.members if k in value] + [
                k for k in value if k not in shape.members
            ]
            return {k: canonical(shape.members.get(k), value[k]) for k in ordered}
        if shape.type == "map":
            return {k: canonical(shape.value, v) for k, v in value.items()}
    if isinstance(value, list) and shape.type == "list":
        return [canonical(shape.member, item) for item in value]
    return value


def cli_input_json(operation: str, request: dict[str, Any]) -> str:
    """The request as `--cli-input-json` takes it: exactly the request, members in model order."""
    ordered = canonical(schema.input_shape(operation), request)
    # safe_text.dumps: C1 and bidi controls as \u escapes, the same JSON value.
    return safe_text.dumps(ordered, indent=2) + "\n"


def aws_cli_command(
    draft: Draft,
    request: dict[str, Any],
    chain: dict[str, Any] | None,
    *,
    sandbox_url: str | None = None,
) -> str:
    """A runnable `aws connect ...` command (two, chained, when the contact is created first).

    `sandbox_url` is the running standalone sandbox's URL, if any: a sandbox draft with
    no endpoint_url of its own is sent there.
    """
    lines = []
    target = draft.target
    options = []
    environment = ""
    if target.is_sandbox:
        url = target.endpoint_url or sandbox_url or sandbox_identity.SUGGESTED_URL
        if not (target.endpoint_url or sandbox_url):
            lines.append(f"# start the sandbox first: {_SANDBOX_COMMAND}")
        environment = (
            f"AWS_ACCESS_KEY_ID={sandbox_identity.ACCESS_KEY_ID} "
            f"AWS_SECRET_ACCESS_KEY={shlex.quote(sandbox_identity.SECRET_ACCESS_KEY)} "
        )
        options += ["--endpoint-url", url, "--region", sandbox_identity.REGION]
    else:
        if target.region:
            options += ["--region", target.region]
        if target.aws_profile:
            options += ["--profile", target.aws_profile]
        if target.endpoint_url:
            options += ["--endpoint-url", target.endpoint_url]
        if target.credentials:
            lines.append(
                "# this profile's keys are in the OS keyring: export them, or use connect-tui send"
            )
    shared = " ".join(shlex.quote(o) for o in options)

    def command(operation: str, body: dict[str, Any], extra: str = "") -> str:
        ordered = canonical(schema.input_shape(operation), body)
        payload = shlex.quote(safe_text.dumps(ordered, separators=(",", ":")))
        verb = CLI_NAMES[operation]
        return f"{environment}aws connect {verb} {shared}{extra} --cli-input-json {payload}"

    if chain is not None:
        create = command(CREATE_CONTACT, chain, " --query ContactId --output text")
        lines.append(f"CONTACT_ID=$({create}) &&")
        lines.append(command(draft.operation, request, ' --contact-id "$CONTACT_ID"'))
    else:
        lines.append(command(draft.operation, request))
    return "\n".join(lines) + "\n"


def boto3_snippet(
    draft: Draft,
    request: dict[str, Any],
    chain: dict[str, Any] | None,
    *,
    sandbox_url: str | None = None,
) -> str:
    """A runnable Python snippet that sends the draft with boto3 (`sandbox_url`: as above)."""
    target = draft.target
    client_args: list[str] = []
    session = "boto3"
    if target.is_sandbox:
        url = target.endpoint_url or sandbox_url or sandbox_identity.SUGGESTED_URL
        client_args += [
            f"endpoint_url={url!r}",
            f"region_name={sandbox_identity.REGION!r}",
            f"aws_access_key_id={sandbox_identity.ACCESS_KEY_ID!r}",
            f"aws_secret_access_key={sandbox_identity.SECRET_ACCESS_KEY!r}",
        ]
    else:
        if target.region:
            client_args.append(f"region_name={target.region!r}")
        if target.endpoint_url:
            client_args.append(f"endpoint_url={target.endpoint_url!r}")
        if target.aws_profile:
            session = f"boto3.Session(profile_name={target.aws_profile!r})"
    lines = ["import boto3", ""]
    if target.is_sandbox and not (target.endpoint_url or sandbox_url):
        lines.append(f"# start the sandbox first: {_SANDBOX_COMMAND}")
    if target.credentials:
        lines.append(
            "# this profile's keys are in the OS keyring: set AWS_ACCESS_KEY_ID and friends first"
        )
    arguments = "".join(f", {argument}" for argument in client_args)
    lines.append(f'client = {session}.client("connect"{arguments})')
    contact_argument = ""
    if chain is not None:
        chain_literal = _literal(CREATE_CONTACT, chain)
        lines += [
            "",
            f"created = client.create_contact(**{chain_literal})",
            'print("created", created["ContactId"])',
        ]
        contact_argument = 'ContactId=created["ContactId"], '
    literal = _literal(draft.operation, request)
    method = re.sub(r"(?<!^)(?=[A-Z])", "_", draft.operation).lower()
    lines += [
        "",
        f"response = client.{method}({contact_argument}**{literal})",
        'print(response["ContactId"])',
        "",
    ]
    return "\n".join(lines)


def _literal(operation: str, request: dict[str, Any]) -> str:
    ordered = canonical(schema.input_shape(operation), request)
    return pprint.pformat(ordered, indent=4, width=88, sort_dicts=False)
