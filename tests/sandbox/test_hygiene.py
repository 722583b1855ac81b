"""The sandbox stays light: its verb parses without botocore, and it never loads Textual."""

from __future__ import annotations

import json
import subprocess
import sys


def loaded_after(code: str) -> set[str]:
    """The top-level packages in sys.modules after running `code` in a fresh interpreter."""
    script = (
        code
        + "\nimport sys, json\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


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
