"""Provides TrimmedLoader: botocore's Connect model and endpoint data, cut to what connect-tui uses.

botocore's Connect model describes about 400 operations (about 9.5 MiB once parsed), and
its endpoints.json every service of every partition (about 7 MiB); connect-tui calls about
thirty Connect operations. The loader hands botocore, in their place, a model holding only
OPERATIONS and the shapes they reach, and endpoint data holding only the services that
connect-tui's sessions make clients for (SERVICES). Both are derived at run time from the
installed botocore's own files (botocore stays the source of truth: nothing is copied into
the repository) and cached in the user cache folder, one file per botocore version. The
validator (connect_tui.core.schema) and every client (connect_tui.core.sending) read
through the same loader, so the sandbox checks requests with exactly what clients send.

The cache is safe: written atomically (temp file, fsync, rename); read back only when its
format, botocore version, kept names and the size and time of botocore's files all match;
anything unreadable, stale or half-written is rebuilt from botocore; a cache that cannot
be written is skipped. A cache problem never raises. With AWS_DATA_PATH set (a user's own
models) the plain botocore Loader is used instead (connect_tui.core.schema.loader).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Any, Final

import botocore
from botocore.loaders import Loader

from connect_tui.core import paths
from connect_tui.core.files import atomic_write

#: Bumped when the cached file's layout changes (an old file is then rebuilt).
FORMAT: Final = 1
SERVICE: Final = "connect"

#: Every Connect operation connect-tui calls, serves in the sandbox or validates.
#: tests/core/test_model_cache.py fails when the code names one that is missing here.
OPERATIONS: Final = frozenset(
    {
        "CreateContact",
        "CreateContactFlow",
        "CreatePersistentContactAssociation",
        "DescribeContact",
        "DescribeContactFlow",
        "DescribeHoursOfOperation",
        "DescribeQueue",
        "GetContactAttributes",
        "GetMetricData",
        "GetMetricDataV2",
        "ListAssociatedContacts",
        "ListContactFlows",
        "ListContactReferences",
        "ListInstances",
        "ListQueues",
        "ResumeContact",
        "SearchContactFlows",
        "SearchContacts",
        "SearchEmailAddresses",
        "SearchQueues",
        "SearchUsers",
        "StartEmailContact",
        "StartOutboundEmailContact",
        "StopContact",
        "TagContact",
        "UntagContact",
        "UpdateContact",
        "UpdateContactAttributes",
        "UpdateContactFlowContent",
    }
)

#: The services whose endpoint data is kept: Connect, the follow view's CloudWatch Logs,
#: the pickers' Amazon Q in Connect, S3 for attachments from a file (botocore's S3 client
#: cannot resolve its endpoint without its own entry), and what botocore's credential
#: providers call (STS, IAM Identity Center, its OIDC tokens, console sign-in). Another
#: service falls back to its partition's defaults, as botocore does for any service it does
#: not list.
SERVICES: Final = frozenset(
    {"connect", "logs", "qconnect", "s3", "sts", "sso", "sso-oidc", "signin"}
)


def cache_file() -> Path:
    """Where the trimmed data for the installed botocore is kept."""
    return paths.cache_dir() / f"botocore-{botocore.__version__}-connect.json"


def _shape_closure(shapes: dict[str, Any], roots: set[str]) -> dict[str, Any]:
    """The shapes named in `roots` and every shape they reach (the model is recursive)."""
    kept: dict[str, Any] = {}
    pending = [name for name in roots if name in shapes]
    while pending:
        name = pending.pop()
        if name in kept:
            continue
        shape = kept[name] = shapes[name]
        refs = [member["shape"] for member in shape.get("members", {}).values()]
        refs += [shape[part]["shape"] for part in ("member", "key", "value") if part in shape]
        pending.extend(ref for ref in refs if ref not in kept)
    return kept


def trim_service(model: dict[str, Any]) -> dict[str, Any]:
    """botocore's Connect model with only OPERATIONS and the shapes they reach."""
    operations = {k: v for k, v in model["operations"].items() if k in OPERATIONS}
    roots: set[str] = set()
    for operation in operations.values():
        roots.update(operation[part]["shape"] for part in ("input", "output") if part in operation)
        roots.update(error["shape"] for error in operation.get("errors", ()))
    trimmed = {k: v for k, v in model.items() if k not in ("operations", "shapes")}
    trimmed["operations"] = operations
    trimmed["shapes"] = _shape_closure(model["shapes"], roots)
    return trimmed


def trim_endpoints(data: dict[str, Any]) -> dict[str, Any]:
    """botocore's endpoint data with only SERVICES in each partition (the rest as it is)."""
    partitions = [
        {**partition, "services": {k: v for k, v in partition["services"].items() if k in SERVICES}}
        for partition in data["partitions"]
    ]
    return {**data, "partitions": partitions}


def _stamp(path: str) -> list[Any]:
    """A source file's identity: path, size and modification time (a change means rebuild)."""
    status = os.stat(path)
    return [path, status.st_size, status.st_mtime_ns]


class TrimmedLoader(Loader):  # type: ignore[misc]
    """A botocore Loader that gives the trimmed Connect model and endpoint data (cached);
    every other file comes from botocore as usual."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._trim_lock = threading.Lock()
        self._trimmed: dict[str, Any] | None = None

    def _source(self, name: str) -> tuple[str, str] | None:
        """Where botocore would read `name` from: (the path it names, the file on disk)."""
        for candidate in self._potential_locations(name):
            for suffix in (".json", ".json.gz"):
                if os.path.isfile(candidate + suffix):
                    return candidate, candidate + suffix
        return None

    def _read(self, name: str) -> Any:
        """botocore's data `name`, read without entering the Loader's cache (which would keep
        the whole file alive for the life of the process)."""
        source = self._source(name)
        if source is None:
            from botocore.exceptions import DataNotFoundError

            raise DataNotFoundError(data_path=name)
        return self.file_loader.load_file(source[0])

    def _names(self) -> dict[str, str]:
        version = self.determine_latest_version(SERVICE, "service-2")
        return {"service": f"{SERVICE}/{version}/service-2", "endpoints": "endpoints"}

    def trimmed(self) -> dict[str, Any]:
        """The trimmed model and endpoint data: from the cache when it is current, else
        derived from botocore's files (and cached). Raises only what botocore raises."""
        with self._trim_lock:
            if self._trimmed is None:
                self._trimmed = self._load_or_build()
            return self._trimmed

    def _expected(self) -> dict[str, Any] | None:
        names = self._names()
        sources = {key: self._source(name) for key, name in names.items()}
        stamps = {key: _stamp(found[1]) for key, found in sources.items() if found is not None}
        if len(stamps) != len(names):
            return None
        return {
            "format": FORMAT,
            "botocore": botocore.__version__,
            "operations": sorted(OPERATIONS),
            "services": sorted(SERVICES),
            "sources": stamps,
            "names": names,
        }

    def _load_or_build(self) -> dict[str, Any]:
        expected = self._expected()
        target = cache_file()
        if expected is not None:
            with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                cached = json.loads(target.read_bytes())
                if (
                    {k: cached.get(k) for k in expected} == expected
                    and isinstance(cached.get("service"), dict)
                    and isinstance(cached.get("endpoints"), dict)
                ):
                    return dict(cached)
        names = self._names()
        built = {
            **(expected or {}),
            "names": names,
            "service": trim_service(self._read(names["service"])),
            "endpoints": trim_endpoints(self._read(names["endpoints"])),
        }
        if expected is not None:
            with contextlib.suppress(OSError, ValueError, TypeError):
                atomic_write(target, json.dumps(built, separators=(",", ":")).encode())
        return built

    def load_data_with_path(self, name: str) -> tuple[Any, str]:
        """botocore's data `name`; the trimmed copy for Connect's model and the endpoints."""
        if name == "endpoints" or name.startswith(f"{SERVICE}/"):
            trimmed = self.trimmed()
            for key in ("service", "endpoints"):
                if name == trimmed["names"][key]:
                    source = self._source(name)
                    return trimmed[key], source[0] if source else name
        result: tuple[Any, str] = super().load_data_with_path(name)
        return result
