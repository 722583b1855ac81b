"""The trimmed Connect model: derived from botocore's own, cached safely, and enough for the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from botocore import xform_name
from botocore.loaders import Loader

from connect_tui.core import model_cache
from connect_tui.core.model_cache import OPERATIONS, SERVICES, TrimmedLoader, cache_file

PACKAGE = Path(__file__).resolve().parents[2] / "connect_tui"


@pytest.fixture(scope="module")
def full() -> dict:
    return Loader().load_service_model("connect", "service-2")


def test_every_operation_the_code_names_is_kept(full: dict) -> None:
    # A Connect operation named anywhere in connect_tui (OperationName or operation_name)
    # must be in the trimmed model, or a client or the sandbox would miss it.
    snake = {xform_name(name): name for name in full["operations"]}
    named: dict[str, str] = {}
    for path in PACKAGE.rglob("*.py"):
        for word in set(re.findall(r"\b[A-Za-z_][A-Za-z0-9_]+\b", path.read_text())):
            operation = word if word in full["operations"] else snake.get(word)
            if operation:
                named.setdefault(operation, str(path.relative_to(PACKAGE.parent)))
    missing = {op: where for op, where in named.items() if op not in OPERATIONS}
    assert not missing, f"add to model_cache.OPERATIONS: {missing}"
    assert OPERATIONS <= set(full["operations"]), "OPERATIONS names an unknown operation"


def test_kept_operations_and_shapes_are_botocores_own(full: dict) -> None:
    trimmed = model_cache.trim_service(full)
    assert set(trimmed["operations"]) == OPERATIONS
    assert trimmed["metadata"] == full["metadata"]
    for name, operation in trimmed["operations"].items():
        assert operation == full["operations"][name]
    for name, shape in trimmed["shapes"].items():
        assert shape is full["shapes"][name]
    # Closed: every shape a kept shape names is kept too.
    for shape in trimmed["shapes"].values():
        refs = [m["shape"] for m in shape.get("members", {}).values()]
        refs += [shape[p]["shape"] for p in ("member", "key", "value") if p in shape]
        assert set(refs) <= set(trimmed["shapes"])
    assert len(trimmed["shapes"]) < len(full["shapes"]) / 2


def test_endpoints_keep_every_partition_and_only_the_services_used() -> None:
    data = Loader().load_data("endpoints")
    trimmed = model_cache.trim_endpoints(data)
    assert [p["partition"] for p in trimmed["partitions"]] == [
        p["partition"] for p in data["partitions"]
    ]
    for before, after in zip(data["partitions"], trimmed["partitions"], strict=True):
        assert set(after["services"]) == set(before["services"]) & SERVICES
        assert after["regions"] == before["regions"]
        for name, service in after["services"].items():
            assert service == before["services"][name]


def describe(shape: object, depth: int = 3) -> object:
    """A shape as plain data, a few levels deep (botocore's shapes do not compare)."""
    if shape is None:
        return None
    data: dict[str, object] = {
        "name": shape.name,  # type: ignore[attr-defined]
        "type": shape.type_name,  # type: ignore[attr-defined]
        "metadata": shape.metadata,  # type: ignore[attr-defined]
    }
    if depth:
        members = getattr(shape, "members", {})
        data["members"] = {k: describe(v, depth - 1) for k, v in members.items()}
    return data


def test_a_client_made_with_it_has_the_same_operations_as_botocores(full: dict) -> None:
    import botocore.session

    session = botocore.session.Session()
    session.register_component("data_loader", TrimmedLoader())
    client = session.create_client(
        "connect",
        region_name="eu-west-2",
        aws_access_key_id="AKIAEXAMPLEEXAMPLE00",
        aws_secret_access_key="example",
    )
    plain = botocore.session.Session().create_client(
        "connect",
        region_name="eu-west-2",
        aws_access_key_id="AKIAEXAMPLEEXAMPLE00",
        aws_secret_access_key="example",
    )
    assert client.meta.endpoint_url == plain.meta.endpoint_url
    for name in OPERATIONS:
        ours = client.meta.service_model.operation_model(name)
        theirs = plain.meta.service_model.operation_model(name)
        assert ours.http == theirs.http
        assert describe(ours.input_shape) == describe(theirs.input_shape)
        assert describe(ours.output_shape) == describe(theirs.output_shape)
    assert hasattr(client, "start_email_contact")
    assert not hasattr(client, "create_instance")  # not used: not in the trimmed model


def test_the_cache_is_written_once_and_read_back(monkeypatch: pytest.MonkeyPatch) -> None:
    first = TrimmedLoader().trimmed()
    assert cache_file().exists()
    assert oct(cache_file().stat().st_mode & 0o777) == "0o600"

    def no_botocore_files(self: TrimmedLoader, name: str) -> None:
        raise AssertionError(f"read {name} from botocore instead of the cache")

    monkeypatch.setattr(TrimmedLoader, "_read", no_botocore_files)
    again = TrimmedLoader().trimmed()
    assert again["service"] == first["service"]
    assert again["endpoints"] == first["endpoints"]


def test_a_broken_cache_is_rebuilt_and_never_crashes() -> None:
    good = TrimmedLoader().trimmed()
    for damage in (b"", b"{not json", b"[]", b'{"format": 1}', b"\xff\xfe"):
        cache_file().write_bytes(damage)
        rebuilt = TrimmedLoader().trimmed()
        assert rebuilt["service"] == good["service"], damage
        assert json.loads(cache_file().read_bytes())["service"] == good["service"], damage


def test_a_cache_of_another_version_or_format_is_rebuilt() -> None:
    TrimmedLoader().trimmed()
    data = json.loads(cache_file().read_bytes())
    data["format"] = model_cache.FORMAT + 1
    data["service"]["operations"] = {}
    cache_file().write_text(json.dumps(data))
    assert set(TrimmedLoader().trimmed()["service"]["operations"]) == OPERATIONS
    assert json.loads(cache_file().read_bytes())["format"] == model_cache.FORMAT


def test_a_cache_folder_that_cannot_be_written_is_skipped(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setattr(model_cache, "cache_file", lambda: blocker / "cache.json")
    trimmed = TrimmedLoader().trimmed()
    assert set(trimmed["service"]["operations"]) == OPERATIONS
