"""Provides TOML profiles (saved drafts): load, save (atomic, 0600), list, rename, delete.

A profile is `format`, `name`, `operation`, `[target]`, `[variables]`, `[request]` (the
API request, as boto3 and --cli-input-json take it) and, for outbound drafts that create
their contact first, `[create_contact]`. Unknown keys are refused and named. A file that
cannot be read gives one line naming the file and the line/column or key; it is never
overwritten or deleted by a failed load. Secrets are never written: a Draft holds none.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from connect_tui.core import flow_expectations, nesting, paths
from connect_tui.core.files import UserError, atomic_write, read_text
from connect_tui.core.model import CREATE_CONTACT, OPERATIONS, Draft, Target

if TYPE_CHECKING:
    from connect_tui.core import schema

FORMAT: Final = 1
SUFFIX: Final = ".toml"
MAX_PROFILE_BYTES: Final = 16 * 1024 * 1024
NAME_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

TOP_KEYS: Final = (
    "format",
    "name",
    "operation",
    "target",
    "variables",
    "request",
    "create_contact",
    "parked",
    "flow_test",
)
TARGET_KEYS: Final = (
    "kind",
    "region",
    "aws_profile",
    "credentials",
    "endpoint_url",
    "flow_log_group",
    "attachment_bucket",
)
_SECRET_WORDS = ("secret", "password", "access_key", "session_token", "token")


class ProfileError(UserError):
    """A profile that cannot be read, written or named; the message is one line."""


@dataclass(frozen=True)
class ProfileInfo:
    """A saved profile in the profiles folder: its name, file and last change."""

    name: str
    path: Path
    modified: float


def check_name(name: str) -> str:
    """`name` if it can name a profile file, else ProfileError saying what is allowed."""
    if not NAME_PATTERN.fullmatch(name) or name.endswith(SUFFIX):
        raise ProfileError(
            f"{name!r} cannot name a profile: use 1 to 64 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return name


def looks_like_path(argument: str) -> bool:
    """True when a PROFILE argument is a file path rather than a profile name."""
    return argument.endswith(SUFFIX) or "/" in argument or os.sep in argument


def path_for(argument: str) -> Path:
    """The file a PROFILE argument (a name, or a path to a .toml file) stands for."""
    if looks_like_path(argument):
        return Path(argument).expanduser()
    return paths.profiles_dir() / f"{check_name(argument)}{SUFFIX}"


def name_for(path: Path) -> str:
    """The profile name a file stands for: its stem."""
    return path.name.removesuffix(SUFFIX)


def load(argument: str | Path) -> Draft:
    """The draft saved in a profile (a name or a path); ProfileError if it cannot be read."""
    path = argument if isinstance(argument, Path) else path_for(argument)
    try:
        text = read_text(path, limit=MAX_PROFILE_BYTES, what="profile")
    except UserError as exc:
        raise ProfileError(str(exc)) from None
    draft = loads(text, source=str(path), default_name=name_for(path))
    if path.parent == paths.profiles_dir():
        draft.name = name_for(path)  # in the profiles folder the file name is the profile's name
    return draft


def loads(text: str, *, source: str, default_name: str) -> Draft:
    """The draft in profile text; ProfileError naming `source` and the line or key at fault."""
    try:
        data = nesting.read_toml(text)
    except nesting.UnreadableToml as exc:
        raise ProfileError(f"{source}: {exc}") from None
    return from_data(data, source=source, default_name=default_name)


def from_data(data: dict[str, Any], *, source: str, default_name: str) -> Draft:
    """A Draft from a parsed profile, after checking every key and type it holds."""
    reader = _Reader(source)
    reader.refuse_unknown(data, TOP_KEYS, "")
    version = data.get("format", FORMAT)
    if not isinstance(version, int) or isinstance(version, bool):
        raise reader.error("format", "must be a whole number")
    if version < 1:
        raise reader.error("format", f"is {version}; profile formats start at 1")
    if version > FORMAT:
        raise reader.error(
            "format", f"is {version}, newer than this connect-tui understands ({FORMAT}); upgrade"
        )
    name = reader.text(data, "name", default=default_name)
    operation = reader.text(data, "operation", default=OPERATIONS[0])
    if operation not in OPERATIONS:
        raise reader.error("operation", f"is {operation!r}; use {' or '.join(OPERATIONS)}")
    target_data = reader.table(data, "target")
    reader.refuse_unknown(target_data, TARGET_KEYS, "target")
    target = Target(
        kind=reader.text(target_data, "kind", "target", default="sandbox"),
        region=reader.optional_text(target_data, "region", "target"),
        aws_profile=reader.optional_text(target_data, "aws_profile", "target"),
        credentials=reader.optional_text(target_data, "credentials", "target"),
        endpoint_url=reader.optional_text(target_data, "endpoint_url", "target"),
        flow_log_group=reader.optional_text(target_data, "flow_log_group", "target"),
        attachment_bucket=reader.optional_text(target_data, "attachment_bucket", "target"),
    )
    variables = reader.table(data, "variables")
    for key, value in variables.items():
        if not isinstance(value, str):
            raise reader.error(f"variables.{key}", "must be text (quote it)")
    request = reader.table(data, "request")
    reader.check_values(request, "request")
    chain = data.get("create_contact")
    if chain is not None:
        chain = reader.table(data, "create_contact")
        reader.check_values(chain, "create_contact")
    parked = reader.table(data, "parked")
    reader.check_values(parked, "parked")
    flow_test = reader.table(data, "flow_test")
    problem = flow_expectations.check_table(flow_test)
    if problem is not None:
        raise reader.error(f"flow_test.{problem[0]}", problem[1])
    return Draft(
        name=name,
        operation=operation,
        target=target,
        variables=dict(variables),
        request=request,
        create_contact=chain,
        parked=parked,
        flow_test=flow_test,
    )


def dumps(draft: Draft) -> str:
    """The profile text of a draft (it holds no secrets: a Draft has none to write)."""
    from connect_tui.core import toml_text  # with tomli-w, only once something is written

    document: dict[str, Any] = {"format": FORMAT, "name": draft.name, "operation": draft.operation}
    target = {k: getattr(draft.target, k) for k in TARGET_KEYS}
    document["target"] = {k: v for k, v in target.items() if v is not None}
    if draft.variables:
        document["variables"] = draft.variables
    document["request"] = in_model_order(draft.request, draft.operation)
    if draft.create_contact is not None:
        document["create_contact"] = in_model_order(draft.create_contact, CREATE_CONTACT)
    if draft.parked:
        document["parked"] = draft.parked
    if draft.flow_test:
        document["flow_test"] = draft.flow_test
    # Multi-line strings keep a body readable in the file, but tomli-w writes a CRLF inside
    # one as a bare LF (and TOML lets a reader do the same), so a draft holding a CR LF
    # (a body pasted from a mail, an imported request) is written with escapes instead: the
    # draft read back is the draft saved.
    multiline = not _holds_crlf(document)
    try:
        return toml_text.dumps(document, multiline_strings=multiline)
    except (TypeError, ValueError) as exc:
        raise ProfileError(f"{draft.name}: cannot be written as TOML: {exc}") from None


def _holds_crlf(value: object) -> bool:
    """Whether a string anywhere in `value` (a profile document) holds a CR LF."""
    if isinstance(value, str):
        return "\r\n" in value
    if isinstance(value, dict):
        return any(_holds_crlf(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_crlf(item) for item in value)
    return False


def in_model_order(request: dict[str, Any], operation: str) -> dict[str, Any]:
    """The request with each structure's members in the order of botocore's model (the API
    Reference's order); members the model does not know follow, as they were.

    So the text of a profile does not depend on the order fields were typed in or
    converted: a draft switched to the other operation and back saves the same bytes
    (issue 15, defect 8). Map keys and list items keep the user's order.
    """
    from connect_tui.core import schema

    try:
        shape = schema.input_shape(operation)
    except Exception:  # an operation the model lacks: written as it is
        return request
    ordered: dict[str, Any] = _ordered(request, shape)
    return ordered


def _ordered(value: Any, shape: schema.Shape | None) -> Any:
    if shape is None:
        return value
    if shape.type == "structure" and isinstance(value, dict):
        ordered = {k: _ordered(value[k], m) for k, m in shape.members.items() if k in value}
        ordered.update((k, v) for k, v in value.items() if k not in ordered)
        return ordered
    if shape.type == "map" and isinstance(value, dict):
        return {k: _ordered(v, shape.value) for k, v in value.items()}
    if shape.type == "list" and isinstance(value, list):
        return [_ordered(item, shape.member) for item in value]
    return value


def save(draft: Draft, path: Path, *, overwrite: bool = True) -> None:
    """Write the draft to `path` atomically, mode 0600; a failure leaves the old file as it was."""
    text = dumps(draft)  # before touching the disk: a draft that cannot be written changes nothing
    if not overwrite and path.exists():
        raise ProfileError(f"{path}: already exists (use --force to replace it)")
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise ProfileError(f"{path}: cannot save: {exc.strerror or exc}") from None


#: A temporary file of atomic_write older than this was left by a save that was killed.
STALE_AFTER: Final = 60.0


def clean_stale_temporaries(folder: Path) -> None:
    """Remove `.NAME.toml.*.tmp` files left by a save that was killed (kill -9, power loss).

    A save takes milliseconds: one older than STALE_AFTER seconds is no save in progress.
    """
    now = time.time()
    for temporary in folder.glob(f".*{SUFFIX}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - temporary.stat().st_mtime > STALE_AFTER:
                temporary.unlink()


def list_profiles() -> list[ProfileInfo]:
    """The profiles in the profiles folder, by name."""
    folder = paths.profiles_dir()
    if not folder.is_dir():
        return []
    clean_stale_temporaries(folder)
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        name = name_for(path)
        if NAME_PATTERN.fullmatch(name) and path.is_file():
            found.append(ProfileInfo(name, path, path.stat().st_mtime))
    return sorted(found, key=lambda info: info.name.casefold())


def exists(name: str) -> bool:
    """True when a profile of this name is saved."""
    return path_for(name).exists()


def duplicate(name: str, new_name: str) -> Draft:
    """Save a copy of profile `name` as `new_name` (which must not exist); return the copy."""
    draft = load(name)
    draft.name = check_name(new_name)
    save(draft, path_for(new_name), overwrite=False)
    return draft


def rename(name: str, new_name: str) -> Draft:
    """Rename profile `name` to `new_name` (which must not exist); return the renamed draft."""
    draft = duplicate(name, new_name)
    path_for(name).unlink()
    return draft


def delete(name: str) -> None:
    """Delete profile `name`; ProfileError if there is none."""
    path = path_for(name)
    try:
        path.unlink()
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such profile") from None


class _Reader:
    """Reads typed values out of a parsed profile, raising ProfileError that names the key."""

    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, key: str, message: str) -> ProfileError:
        return ProfileError(f"{self.source}: {key}: {message}")

    def refuse_unknown(self, table: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
        unknown = [key for key in table if key not in allowed]
        if not unknown:
            return
        prefix = f"{where}." if where else ""
        names = ", ".join(prefix + key for key in unknown)
        if any(word in key.lower() for key in unknown for word in _SECRET_WORDS):
            raise ProfileError(
                f"{self.source}: {names}: secrets never go in a profile; store keys with "
                "`connect-tui credentials set PROFILE` (they go in the OS keyring)"
            )
        raise ProfileError(
            f"{self.source}: unknown key{'s' if len(unknown) > 1 else ''} {names}; "
            f"allowed{' in ' + where if where else ''}: {', '.join(allowed)}"
        )

    def text(self, table: dict[str, Any], key: str, where: str = "", *, default: str) -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise self.error(f"{where}.{key}" if where else key, "must be text (quote it)")
        return value

    def optional_text(self, table: dict[str, Any], key: str, where: str) -> str | None:
        if key not in table:
            return None
        return self.text(table, key, where, default="")

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise self.error(key, f"must be a table ([{key}])")
        return value

    def check_values(self, value: Any, where: str) -> None:
        """Refuse what a request cannot hold: TOML dates and times, NaN and infinity."""
        if isinstance(value, dict):
            for key, item in value.items():
                self.check_values(item, f"{where}.{key}")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.check_values(item, f"{where}[{index}]")
        elif isinstance(value, float) and not math.isfinite(value):
            raise self.error(where, "must be a finite number")
        elif not isinstance(value, str | int | float | bool):
            raise self.error(
                where, f"a TOML {type(value).__name__} cannot go in a request; write it as text"
            )
