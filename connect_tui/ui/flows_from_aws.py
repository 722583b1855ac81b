"""Provides the palette's "Copy flows from AWS into the sandbox": the instance an AWS draft
names (its published flows, queues, hours and email addresses) given to the sandbox the
composer sends to, ids kept, so the same draft then runs its flow offline (docs/flows.md).

The work (boto3, HTTP) runs in a thread worker; the result is a notification.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from connect_tui.core import safe_text
from connect_tui.core.model import Draft

if TYPE_CHECKING:
    from connect_tui.ui.screens.composer import ComposerScreen


def copy_flows_from_aws(composer: ComposerScreen) -> None:
    """Start copying the draft's instance from AWS into the local sandbox."""
    draft = composer.draft.copy()
    if draft.target.is_sandbox:
        composer.notify(
            "This draft targets the sandbox: set its target to AWS (Region, profile) to copy "
            "its instance's flows.",
            severity="warning",
            markup=False,
        )
        return
    composer.notify("Copying the instance's flows from AWS…", markup=False)
    composer.run_worker(
        lambda: _copy(composer, draft), thread=True, exclusive=True, group="flows-from-aws"
    )


def _copy(composer: ComposerScreen, draft: Draft) -> None:
    from connect_tui import runtime
    from connect_tui.sandbox.aws_fetch import CopyError, copy_draft_instance

    try:
        message, severity = copy_draft_instance(draft, runtime.locate().url), "information"
    except (CopyError, OSError) as exc:
        message, severity = str(exc), "error"
    composer.app.call_from_thread(
        composer.notify, safe_text.shown(message), severity=severity, markup=False
    )
