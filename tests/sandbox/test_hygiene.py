"""The sandbox stays light: its verb parses without botocore, and it never loads Textual."""

from __future__ import annotations

from tests.test_import_hygiene import loaded_after


def test_the_verb_parses_without_botocore() -> None:
    code = "from connect_tui import cli\ntry:\n    cli.main(['sandbox', '--help'])\nexcept SystemExit:\n    pass\n"
    assert not loaded_after(code) & {"textual", "rich", "boto3", "botocore", "keyring"}


def test_serving_never_loads_textual_or_boto3() -> None:
    code = (
        "from connect_tui.sandbox import server, config\n"
        "running = server.start(config.SandboxConfig())\n"
        "running.stop()\n"
    )
    assert not loaded_after(code) & {"textual", "rich", "boto3", "keyring", "botocore"}
