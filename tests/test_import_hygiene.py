"""The core never imports Textual or rich; the headless verbs start without Textual or boto3."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE_MODULES = [
    "connect_tui.core.model",
    "connect_tui.core.schema",
    "connect_tui.core.validation",
    "connect_tui.core.rules",
    "connect_tui.core.segments",
    "connect_tui.core.profiles",
    "connect_tui.core.interop",
    "connect_tui.core.conversion",
    "connect_tui.core.variables",
]


def loaded_after(code: str) -> set[str]:
    """The top-level packages in sys.modules after running `code` in a fresh interpreter."""
    script = (
        code
        + "\nimport json, sys\nprint(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_whole_core_loads_without_textual_or_rich() -> None:
    imports = "\n".join(f"import {m}" for m in CORE_MODULES)
    loaded = loaded_after(imports)
    assert "connect_tui" in loaded
    assert not loaded & {"textual", "rich"}


def test_core_stays_clean_after_real_work() -> None:
    # Validating and exporting loads botocore's model, but still no Textual or rich.
    code = (
        "from tests.drafts import typical_draft\n"
        "from connect_tui.core import validation, interop\n"
        "d = typical_draft()\n"
        "assert validation.validate(d) == []\n"
        "interop.cli_input_json(d.operation, d.request)\n"
    )
    loaded = loaded_after(code)
    assert "botocore" in loaded
    assert not loaded & {"textual", "rich", "boto3", "keyring"}


@pytest.mark.parametrize("verb", ["validate", "import", "export", "send", "history", "credentials"])
def test_headless_verbs_parse_without_textual_or_boto3(verb: str) -> None:
    code = (
        "import sys\nfrom connect_tui import cli\n"
        f"try:\n    cli.main([{verb!r}, '--help'])\nexcept SystemExit:\n    pass\n"
    )
    loaded = loaded_after(code)
    assert not loaded & {"textual", "rich", "boto3", "botocore", "keyring"}


def test_sending_history_and_credentials_never_load_textual() -> None:
    # Real work, not just --help: a send through the embedded sandbox, the history, the
    # keyring status. Without a terminal there is no progress bar, so no rich either.
    from connect_tui.core import profiles
    from connect_tui.core.defaults import new_draft

    profiles.save(new_draft("hygiene"), profiles.path_for("hygiene"))
    code = (
        "from connect_tui import cli\n"
        "assert cli.main(['send', 'hygiene']) == 0\n"
        "assert cli.main(['send', 'hygiene', '--dry-run']) == 0\n"
        "assert cli.main(['history']) == 0\n"
        "assert cli.main(['credentials', 'status', 'hygiene']) == 0\n"
    )
    loaded = loaded_after(code)
    assert {"boto3", "keyring"} <= loaded
    assert not loaded & {"textual", "rich"}
