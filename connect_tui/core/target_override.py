"""Provides TargetOverride: where the command line says to send, for one session or one run.

`--endpoint-url`, `--region`, `--aws-profile` and `--sandbox` replace parts of a draft's
[target] for the run (the verbs) or the session (the composer); they are never written
into the profile (connect_tui.core.session keeps the file's own target for saving).
"""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import dataclass
from typing import Any

from connect_tui.core.files import UserError
from connect_tui.core.model import AWS, SANDBOX, Target


@dataclass(frozen=True)
class TargetOverride:
    """The target options of a command line; empty (all None/False) changes nothing."""

    region: str | None = None
    aws_profile: str | None = None
    endpoint_url: str | None = None
    sandbox: bool = False

    @classmethod
    def from_args(cls, args: argparse.Namespace | None) -> TargetOverride:
        """The options found in parsed arguments (absent ones count as not given)."""
        if args is None:
            return cls()
        return cls(
            region=getattr(args, "region", None) or None,
            aws_profile=getattr(args, "aws_profile", None) or None,
            endpoint_url=getattr(args, "endpoint_url", None) or None,
            sandbox=bool(getattr(args, "sandbox", False)),
        )

    def apply(self, target: Target) -> Target:
        """The target after the overrides: --region/--aws-profile mean AWS, --sandbox the
        sandbox; UserError naming the flag for a bad URL or a contradiction."""
        changes: dict[str, Any] = {}
        if self.region:
            changes.update(kind=AWS, region=self.region)
        if self.aws_profile:
            changes.update(kind=AWS, aws_profile=self.aws_profile)
        if self.endpoint_url:
            if not self.endpoint_url.startswith(("http://", "https://")):
                raise UserError(
                    f"--endpoint-url {self.endpoint_url!r}: must start with http:// or https://"
                )
            changes.update(endpoint_url=self.endpoint_url)
        if self.sandbox:
            if changes.get("kind") == AWS:
                raise UserError("--sandbox cannot be combined with --region or --aws-profile")
            changes.update(kind=SANDBOX)
        return dataclasses.replace(target, **changes) if changes else target
