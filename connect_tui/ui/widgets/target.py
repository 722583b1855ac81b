"""Provides TargetPane: where the draft is sent (sandbox or AWS) and its `${name}` variables.

No secret is ever typed or shown here: keys live in the OS keyring, stored with
`connect-tui credentials set PROFILE`; this pane only says whether to use them.
"""

from __future__ import annotations

import shlex
from typing import Any, ClassVar, Final

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input

from connect_tui.core import local_sandbox
from connect_tui.core.model import AWS, KEYRING, SANDBOX, TARGET_KINDS, Draft
from connect_tui.core.problems import TARGET, VARIABLES, Problem
from connect_tui.ui.widgets.choices import Choices
from connect_tui.ui.widgets.fields import FieldRow, Hint, SectionTitle, text_input
from connect_tui.ui.widgets.pane import Field, Pane
from connect_tui.ui.widgets.rows import Column, RowList

#: Target attribute -> the id of the widget that shows it.
_FIELDS: Final = {
    "kind": "kind",
    "region": "region",
    "aws_profile": "aws-profile",
    "endpoint_url": "endpoint-url",
    "credentials": "keyring",
    "flow_log_group": "flow-log-group",
    "attachment_bucket": "attachment-bucket",
}
#: The rows shown only for an AWS target.
_AWS_ONLY: Final = (
    "region-row",
    "aws-profile-row",
    "flow-log-group-row",
    "attachment-bucket-row",
    "credentials-group",
)


class TargetPane(Pane):
    """Target kind, Region, AWS profile, endpoint, keyring choice, and the variables table."""

    TITLE: ClassVar[str] = "Target"
    NAME: ClassVar[str] = "target"
    KEY: ClassVar[str] = "alt+g"
    HELP: ClassVar[str] = """\
# Target

**Kind**: *sandbox* sends to the local sandbox (no AWS account, no keys needed);
*aws* sends to Amazon Connect.

For an **aws** target:
- **Region**: such as `us-east-1`; empty uses the Region of your AWS configuration
  (AWS_REGION, AWS_DEFAULT_REGION, ~/.aws/config).
- **AWS profile**: a named profile of ~/.aws (SSO works); empty for the default.
- **Keys in the OS keyring**: use the access keys stored for this draft with
  `connect-tui credentials set PROFILE`. Keys are never typed or shown here.
  Without it: the AWS profile, then boto3's usual chain (environment, ~/.aws, SSO,
  instance role).
- **Flow-log group**: the CloudWatch Logs group the instance writes its flow logs to
  (such as `/aws/connect/my-instance`); the follow view reads a sent contact's path
  through its flows from it. Empty: the path is shown as unknown. (The sandbox's own
  group is used for a sandbox target.)
- **Attachment bucket**: the S3 bucket a file attached with `f3` is uploaded to (its
  URL is presigned with these credentials). The sandbox stores attached files itself.

**Endpoint URL** (both kinds): sandbox, a sandbox started with `connect-tui sandbox`
(empty: the embedded one); aws, a custom endpoint (empty: the Region's own).

**Variables**: `${name}` anywhere in the request is replaced by the value of `name`
when the draft is checked, previewed and sent. Names use letters, digits and `_` and
do not start with a digit. Write `$${name}` for a literal `${name}`.

Keys: `left` / `right` pick the kind, `space` ticks the box; in the table `ctrl+n`
adds a variable, `ctrl+d` removes it, `alt+up` / `alt+down` move it.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset()
    SECTIONS: ClassVar[frozenset[str]] = frozenset({TARGET, VARIABLES})

    DEFAULT_CSS = """
    TargetPane .-hidden {
        display: none;
    }
    TargetPane Vertical {
        height: auto;
    }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._profile_name = ""

    def compose(self) -> ComposeResult:
        """The target fields, then the variables table."""
        yield FieldRow("Kind", Choices(TARGET_KINDS, id="kind"))
        yield FieldRow(
            "Region", text_input("region", "empty: from your AWS config"), id="region-row"
        )
        yield FieldRow(
            "AWS profile", text_input("aws-profile", "empty: the default"), id="aws-profile-row"
        )
        yield FieldRow("Endpoint URL", text_input("endpoint-url", ""), id="endpoint-url-row")
        yield FieldRow(
            "Flow-log group",
            text_input("flow-log-group", "empty: the flow's path is not read"),
            id="flow-log-group-row",
        )
        yield FieldRow(
            "Attachment bucket",
            text_input("attachment-bucket", "S3 bucket for files attached with f3"),
            id="attachment-bucket-row",
        )
        with Vertical(id="credentials-group"):
            yield FieldRow(
                "Credentials", Checkbox("Keys in the OS keyring", id="keyring", compact=True)
            )
            yield Hint("", id="keyring-hint")
        yield SectionTitle("Variables")
        yield RowList(
            [
                Column("name", "Name", placeholder="name", width="1fr"),
                Column("value", "Value", placeholder="value", width="2fr"),
            ],
            noun="variable",
            id="variables",
        )
        yield Hint("Use ${name} anywhere in the request; $${name} is a literal ${name}.")

    # -- helpers ----------------------------------------------------------------------------

    def _input(self, id: str) -> Input:
        return self.query_one(f"#{id}", Input)

    @property
    def _variables(self) -> RowList:
        return self.query_one("#variables", RowList)

    def _show(self) -> None:
        kind = self.query_one("#kind", Choices).value
        for id in _AWS_ONLY:
            self.query_one(f"#{id}").set_class(kind != AWS, "-hidden")
        endpoint = self._input("endpoint-url")
        endpoint.placeholder = (
            _sandbox_placeholder() if kind == SANDBOX else "empty: the Region's endpoint"
        )
        name = shlex.quote(self._profile_name or "PROFILE")
        self.query_one("#keyring-hint", Hint).update(
            f"Store the keys with: connect-tui credentials set {name}"
        )

    def _show_duplicates(self) -> None:
        names = [row["name"] for row in self._variables.rows if row["name"]]
        repeated = sorted({name for name in names if names.count(name) > 1})
        self._variables.set_status(
            f"defined twice (the last one counts): {', '.join(repeated)}" if repeated else "",
            over=bool(repeated),
        )

    # -- the Pane contract ------------------------------------------------------------------

    def load(self, draft: Draft) -> None:
        """Show the target and the variables."""
        target = draft.target
        self._profile_name = draft.name
        with self.quietly():
            self.query_one("#kind", Choices).set_choices(TARGET_KINDS, target.kind)
            self._input("region").value = target.region or ""
            self._input("aws-profile").value = target.aws_profile or ""
            self._input("endpoint-url").value = target.endpoint_url or ""
            self._input("flow-log-group").value = target.flow_log_group or ""
            self._input("attachment-bucket").value = target.attachment_bucket or ""
            self.query_one("#keyring", Checkbox).value = target.credentials == KEYRING
            self._variables.set_rows(
                [{"name": name, "value": str(value)} for name, value in draft.variables.items()]
            )
        self._show()
        self._show_duplicates()

    def apply(self, draft: Draft) -> None:
        """Write the target (empty fields become None) and the variables."""
        target = draft.target
        target.kind = self.query_one("#kind", Choices).value
        target.region = self._input("region").value.strip() or None
        target.aws_profile = self._input("aws-profile").value.strip() or None
        target.endpoint_url = self._input("endpoint-url").value.strip() or None
        target.flow_log_group = self._input("flow-log-group").value.strip() or None
        target.attachment_bucket = self._input("attachment-bucket").value.strip() or None
        keyring = self.query_one("#keyring", Checkbox).value
        if keyring:
            target.credentials = KEYRING
        elif target.credentials == KEYRING:
            target.credentials = None
        draft.variables = {
            row["name"]: row["value"] for row in self._variables.rows if row["name"] or row["value"]
        }

    def field_for(self, problem: Problem) -> Field | None:
        """The target field, or the variable's row, that the problem is about."""
        if not problem.location:
            return None
        step = str(problem.location[0])
        if problem.section == TARGET:
            id = _FIELDS.get(step)
            return self.query_one(f"#{id}") if id else None
        if problem.section == VARIABLES:
            column = "value" if problem.code == "type" else "name"
            for index, row in enumerate(self._variables.rows):
                if row["name"] == step:
                    return self._variables.field(index, column)
        return None

    # -- user edits -------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        """Region, profile, endpoint or flow-log group typed."""
        event.stop()
        self.changed()

    def on_row_list_changed(self, event: RowList.Changed) -> None:
        """A variable added, edited, removed or moved."""
        event.stop()
        self._show_duplicates()
        self.changed()

    @on(Choices.Changed, "#kind")
    def _kind_changed(self, event: Choices.Changed) -> None:
        event.stop()
        self._show()
        self.changed()

    @on(Checkbox.Changed, "#keyring")
    def _keyring_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.changed()


def _sandbox_placeholder() -> str:
    """What an empty sandbox endpoint means now: the running sandbox, else the embedded one."""
    running = local_sandbox.running_url()
    return f"empty: the running sandbox, {running}" if running else "empty: the embedded sandbox"
