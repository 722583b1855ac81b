"""The sandbox's flags become its config: every flag lands in its field, defaults are documented."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_tui.cli import build_verb_parser
from connect_tui.core import sandbox_identity
from connect_tui.core.files import UserError
from connect_tui.sandbox.config import SandboxConfig
from connect_tui.verbs.sandbox import config_from, describe


def parse(*flags: str) -> SandboxConfig:
    parser, _ = build_verb_parser()
    config: SandboxConfig = config_from(parser.parse_args(["sandbox", *flags]))
    return config


def test_defaults_are_the_documented_identity() -> None:
    config = parse()
    assert (config.host, config.port) == ("127.0.0.1", 0)
    assert config.instances == (sandbox_identity.INSTANCE_ID,)
    assert config.addresses == sandbox_identity.ADDRESSES
    assert config.credentials == (
        (sandbox_identity.ACCESS_KEY_ID, sandbox_identity.SECRET_ACCESS_KEY),
    )
    assert (config.rate, config.burst, config.region) == (2.0, 5, "us-east-1")
    assert (config.throttle_rate, config.fail_rate, config.drop_rate, config.latency_ms) == (
        0,
        0,
        0,
        0,
    )
    assert config.journal is None


def test_every_flag_lands_in_its_field(tmp_path: Path) -> None:
    config = parse(
        "--host", "::1", "--port", "8123",
        "--instance", "a", "--instance", "b",
        "--email-address", "x@y.example",
        "--credentials", "AKIAK:s1:with-colon", "--credentials", "AKIAL:s2",
        "--rate", "3.5", "--burst", "7",
        "--throttle-rate", "0.1", "--fail-rate", "0.2", "--drop-rate", "0.3",
        "--latency", "25", "--journal", str(tmp_path / "j.jsonl"),
    )  # fmt: skip
    assert (config.host, config.port) == ("::1", 8123)
    assert config.instances == ("a", "b") and config.addresses == ("x@y.example",)
    assert config.credentials == (("AKIAK", "s1:with-colon"), ("AKIAL", "s2"))
    assert (config.rate, config.burst) == (3.5, 7)
    assert (config.throttle_rate, config.fail_rate, config.drop_rate) == (0.1, 0.2, 0.3)
    assert config.latency_ms == 25 and config.journal == tmp_path / "j.jsonl"
    text = describe(config, "http://[::1]:8123")
    assert "s1:with-colon" not in text and "AKIAK" in text
    assert "drop-rate 0.3" in text and "latency 25 ms" in text


@pytest.mark.parametrize("flag", ["--throttle-rate", "--fail-rate", "--drop-rate"])
def test_fault_rates_are_probabilities(flag: str) -> None:
    with pytest.raises(UserError, match=f"{flag} -0.1: must be from 0 to 1"):
        parse(flag, "-0.1")
