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


#: A script that runs the composer headless and prints, at its first frame (the screen's
#: first refresh, before the panes after the first and botocore's model load), every module
#: loaded so far.
FIRST_FRAME = """
import json, sys
from pathlib import Path
import connect_tui.ui.app as app_module
from connect_tui.core.defaults import new_draft

class FirstFrame(app_module.ComposerApp):
    CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self._first_frame)
    def _first_frame(self):
        print(json.dumps(sorted(sys.modules)))
        self.exit(0)

FirstFrame(new_draft("hygiene")).run(headless=True, size=(100, 32))
"""

#: What the first frame must not wait for: the AWS SDK and Connect's model (loaded in a worker
#: after it), the keyring (AWS targets only, when sending), Markdown (the help dialog), YAML
#: (import), the sandbox (first send), the sending code and the trimmed-model cache; the
#: panes after the first and what they use (rows, trees, text areas), the dialogs, and the
#: screens other than the composer (imported when first shown); the first pane and the footer
#: themselves (the first frame shows stand-ins, connect_tui.ui.screens.first_frame).
FIRST_FRAME_HEAVY = {
    "boto3",
    "botocore",
    "s3transfer",
    "urllib3",
    "jmespath",
    "keyring",
    "markdown_it",
    "yaml",
    "connect_tui.sandbox",
    "connect_tui.core.sending",
    "connect_tui.core.model_cache",
    "connect_tui.core.schema",
    "connect_tui.core.validation",
    "connect_tui.ui.dialogs",
    "connect_tui.ui.screens.drafts_picker",
    "connect_tui.ui.screens.follow",
    "connect_tui.ui.screens.history",
    "connect_tui.ui.screens.picking",
    "connect_tui.ui.screens.send",
    "connect_tui.ui.widgets.addresses",  # the first frame shows its sketch
    "connect_tui.ui.widgets.attachments",
    "connect_tui.ui.widgets.attributes",
    "connect_tui.ui.widgets.contact",
    "connect_tui.ui.widgets.fields",  # Inputs in labelled rows: the panes' own
    "connect_tui.ui.widgets.footer",  # a stand-in until Textual's Footer has keys to show
    "connect_tui.ui.widgets.live_request",
    "connect_tui.ui.widgets.message",
    "connect_tui.ui.widgets.preview",
    "connect_tui.ui.widgets.problems",  # the first frame shows a stand-in
    "connect_tui.ui.widgets.recipients",
    "connect_tui.ui.widgets.references",
    "connect_tui.ui.widgets.rows",
    "connect_tui.ui.widgets.segment_tree",
    "connect_tui.ui.widgets.segments",
    "connect_tui.ui.widgets.target",
    "textual.document",
    "textual.widgets._checkbox",
    "textual.widgets._footer",
    "textual.widgets._tabbed_content",
    "textual.widgets._text_area",
}

#: Every module of connect_tui the first frame imports, and nothing else: a new import before
#: the first frame is a decision to make here, with its cost measured (benchmarks.startup).
FIRST_FRAME_OURS = {
    "connect_tui",
    "connect_tui.core",
    "connect_tui.core.conversion",
    "connect_tui.core.defaults",
    "connect_tui.core.files",
    "connect_tui.core.flow_expectations",
    "connect_tui.core.local_sandbox",
    "connect_tui.core.model",
    "connect_tui.core.nesting",
    "connect_tui.core.paths",
    "connect_tui.core.problems",
    "connect_tui.core.profiles",
    "connect_tui.core.recovery",
    "connect_tui.core.safe_text",
    "connect_tui.core.sandbox_identity",
    "connect_tui.core.session",
    "connect_tui.core.settings",
    "connect_tui.core.target_override",
    "connect_tui.ui",
    "connect_tui.ui.app",
    "connect_tui.ui.commands",
    "connect_tui.ui.flows_from_aws",
    "connect_tui.ui.frames",
    "connect_tui.ui.idle_collector",  # garbage collection in the pauses, once ready; light
    "connect_tui.ui.keys",
    "connect_tui.ui.lazy_styles",
    "connect_tui.ui.safe_render",
    "connect_tui.ui.screens",
    "connect_tui.ui.screens.checking",  # when the composer checks: with every key; light
    "connect_tui.ui.screens.composer",
    "connect_tui.ui.screens.composer_keys",
    "connect_tui.ui.screens.drafts",
    "connect_tui.ui.screens.first_frame",
    "connect_tui.ui.screens.history_flow",
    "connect_tui.ui.screens.pane_deck",
    "connect_tui.ui.terminal_input",
    "connect_tui.ui.themes",
    "connect_tui.ui.widgets",
    "connect_tui.ui.widgets.addresses_sketch",
    "connect_tui.ui.widgets.addresses_text",
    "connect_tui.ui.widgets.choices",
    "connect_tui.ui.widgets.draft_bar",
    "connect_tui.ui.widgets.field_values",
    "connect_tui.ui.widgets.operation",
    "connect_tui.ui.widgets.pane",
    "connect_tui.ui.widgets.pane_index",
    "connect_tui.ui.widgets.pane_tabs",
    "connect_tui.ui.widgets.problems_title",
    "connect_tui.ui.widgets.row_store",  # the type of a row's cell (Pane.field_for); light
    "connect_tui.ui.widgets.side_panel",
}


def first_frame_modules() -> list[str]:
    """Every module loaded when the composer draws its first frame (in a fresh interpreter)."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME], capture_output=True, text=True, check=True
    )
    return list(json.loads(result.stdout.strip().splitlines()[-1]))


def test_the_first_frame_loads_nothing_heavy() -> None:
    modules = first_frame_modules()
    ours = [m for m in modules if m.startswith("connect_tui")]
    # The list, for whoever reads a failure (and README's start-up section): what the first
    # frame costs in imports is exactly these modules.
    listing = "\n  ".join(ours)
    heavy = sorted(
        m for m in modules if any(m == h or m.startswith(h + ".") for h in FIRST_FRAME_HEAVY)
    )
    assert not heavy, f"the first frame imports {heavy}; it imports:\n  {listing}"
    assert set(ours) == FIRST_FRAME_OURS, f"the first frame imports:\n  {listing}"
    assert "textual" in modules
