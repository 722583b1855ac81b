"""Provides the Connect request shapes, read lazily from botocore's own service model.

Constraints (required members, types, lengths, ranges, patterns, enums) are never
copied into this code: they are read from botocore's model at run time and compiled
once into small `Shape` objects that the validator can walk quickly on every keystroke.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SERVICE = "connect"

Matcher = Callable[[str], bool]


@dataclass(eq=False, slots=True)
class Shape:
    """One shape of the service model, with the constraints the validator checks."""

    name: str
    type: str
    documentation: str = ""
    min: int | None = None
    max: int | None = None
    pattern: str | None = None
    matches: Matcher | None = None
    enum: tuple[str, ...] = ()
    members: dict[str, Shape] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    member: Shape | None = None
    key: Shape | None = None
    value: Shape | None = None
    sensitive: bool = False

    def doc(self) -> str:
        """The shape's documentation as plain text (botocore's is HTML)."""
        return plain_text(self.documentation)


@dataclass(frozen=True, slots=True)
class Operation:
    """An operation's HTTP binding and compiled input shape."""

    name: str
    method: str
    request_uri: str
    input: Shape
    documentation: str


_lock = threading.Lock()


@cache
def loader() -> Any:
    """The botocore data Loader that reads Connect's model; it caches what it read, so a
    boto3 client made with it (connect_tui.core.sending does) does not parse it again.

    It is a TrimmedLoader (connect_tui.core.model_cache): Connect's model and the endpoint
    data cut to what connect-tui uses, derived from botocore's own files and cached per
    botocore version (about 15 MiB less memory). With AWS_DATA_PATH set, the user's own
    model files are read as botocore reads them, uncut.
    """
    # Imported here, not at module level: the first frame of the app must not wait for botocore.
    import os

    if "AWS_DATA_PATH" in os.environ:
        from botocore.loaders import Loader

        return Loader()
    from connect_tui.core.model_cache import TrimmedLoader

    return TrimmedLoader()


@cache
def _full_service_model() -> Any:
    """botocore's whole Connect model: only for an operation the trimmed one lacks."""
    from botocore.loaders import Loader
    from botocore.model import ServiceModel

    return ServiceModel(Loader().load_service_model(SERVICE, "service-2"), service_name=SERVICE)


def operation_model(name: str) -> Any:
    """botocore's OperationModel for `name`; KeyError when Connect has no such operation."""
    for model in (service_model, _full_service_model):
        try:
            return model().operation_model(name)
        except Exception:  # botocore raises OperationNotFoundError
            continue
    raise KeyError(name)


@cache
def service_model() -> Any:
    """botocore's ServiceModel for Connect, loaded once (about 0.2 s) on first use."""
    from botocore.model import ServiceModel

    data = loader().load_service_model(SERVICE, "service-2")
    return ServiceModel(data, service_name=SERVICE)


def operation(name: str) -> Operation:
    """The compiled operation `name` (for example StartEmailContact); KeyError if unknown."""
    with _lock:  # the UI warms this up in a worker while the screen may ask for it too
        return _operation(name)


@cache
def _operation(name: str) -> Operation:
    op = operation_model(name)
    compiled: dict[str, Shape] = {}
    return Operation(
        name=name,
        method=op.http["method"],
        request_uri=op.http["requestUri"],
        input=_compile(op.input_shape, compiled),
        documentation=op.documentation or "",
    )


def input_shape(operation_name: str) -> Shape:
    """The compiled input shape of an operation."""
    return operation(operation_name).input


#: The first botocore release whose Connect model has the email operations with today's limits
#: (ToAddresses/CcAddresses up to 50 items from 1.38.26, Attachments up to 50 from 1.43.64;
#: the email operations came in 1.35.68 with 10 of each). The floor in pyproject.toml;
#: docs/service-rules.md tells how it was found.
BOTOCORE_FLOOR = "1.43.64"


@cache
def model_source() -> str:
    """Which Connect model validation reads: `botocore 1.44.8, Connect 2017-08-08`, and the
    file when it is not botocore's own (a model in ~/.aws/models overrides botocore's)."""
    import botocore

    version = loader().determine_latest_version(SERVICE, "service-2")
    _, path = loader().load_data_with_path(f"{SERVICE}/{version}/service-2")
    text = f"botocore {botocore.__version__}, Connect {version}"
    own = str(Path(botocore.__file__).parent / "data")
    return text if str(path).startswith(own) else f"{text}, read from {path}"


def api_version() -> str:
    """The Connect API version botocore's model describes (2017-08-08)."""
    return str(service_model().api_version)


def _compile(shape: Any, compiled: dict[str, Shape]) -> Shape:
    """Compile a botocore shape, reusing shapes already compiled (the model is recursive)."""
    if shape.name in compiled:
        return compiled[shape.name]
    meta = shape.metadata
    node = Shape(
        name=shape.name,
        type=shape.type_name,
        documentation=shape.documentation or "",
        min=meta.get("min"),
        max=meta.get("max"),
        pattern=meta.get("pattern"),
        enum=tuple(getattr(shape, "enum", None) or ()),
        sensitive=bool(meta.get("sensitive")),
    )
    if node.pattern is not None:
        node.matches = compile_pattern(node.pattern)
    compiled[shape.name] = node  # registered before the children, so recursion ends here
    if node.type == "structure":
        node.members = {k: _compile(v, compiled) for k, v in shape.members.items()}
        node.required = tuple(meta.get("required", ()))
    elif node.type == "list":
        node.member = _compile(shape.member, compiled)
    elif node.type == "map":
        node.key = _compile(shape.key, compiled)
        node.value = _compile(shape.value, compiled)
    return node


_PROPERTY_PATTERN = re.compile(r"\^?\\([pP])\{([A-Za-z]{1,2})\}([*+])\$?")


def compile_pattern(pattern: str) -> Matcher | None:
    """A full-match test for a model pattern, or None when Python cannot express it.

    Patterns are applied to the whole value: an address with a space in it is not an
    address, whatever part of it matches. Python's `re` has no Unicode property
    classes, so the form the Connect model uses (`^\\P{C}*$`, "no control characters")
    is translated into a test of `unicodedata.category`.
    """
    prop = _PROPERTY_PATTERN.fullmatch(pattern)
    if prop:
        negate, category, repeat = prop.group(1) == "P", prop.group(2), prop.group(3)

        def matches(text: str) -> bool:
            if repeat == "+" and not text:
                return False
            return all(unicodedata.category(ch).startswith(category) != negate for ch in text)

        return matches
    try:
        regex = re.compile(pattern)
    except re.error:
        return None
    return lambda text: regex.fullmatch(text) is not None


def shape_at(root: Shape, location: tuple[Any, ...]) -> Shape | None:
    """The shape found by following `location` (member names, map keys, list indexes)."""
    node: Shape | None = root
    for step in location:
        if node is None:
            return None
        if node.type == "structure":
            node = node.members.get(step) if isinstance(step, str) else None
        elif node.type == "list":
            node = node.member
        elif node.type == "map":
            node = node.value
        else:
            return None
    return node


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(documentation: str) -> str:
    """botocore's HTML documentation as one line of plain text."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", documentation))).strip()


def first_sentence(documentation: str, limit: int = 120) -> str:
    """The first sentence of a documentation string, cut to `limit` characters."""
    text = plain_text(documentation)
    end = text.find(". ")
    sentence = text if end < 0 else text[: end + 1]
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
