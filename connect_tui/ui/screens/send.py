"""Provides Sending: the composer's send (f5), refused while errors remain, in a worker.

The composer screen holds one (`screen.sender`); it is not a screen or a mixin, it sends
the draft of the screen's DraftSession and shows what happened on the screen it is given.

A draft for real AWS is confirmed first, naming the Region, the AWS profile and, when
STS answers within a few seconds, the account. The send itself runs in a thread worker
(boto3 blocks); the result, the ContactId or the error in words, is shown in a dialog,
and the draft in the editor is never changed by a send.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, Final, TypeVar

from textual.app import App
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import WorkerCancelled, WorkerFailed

from connect_tui.core import credentials
from connect_tui.core.model import Draft
from connect_tui.core.problems import Problem
from connect_tui.core.session import DraftSession
from connect_tui.ui.dialogs.choice import confirm
from connect_tui.ui.dialogs.send_result import FOLLOW, SendResultDialog

# Imported at start (about 3 ms), so its binding ids are known to the keymap check.
from connect_tui.ui.screens.follow import FollowScreen
from connect_tui.ui.widgets.draft_bar import DraftBar
from connect_tui.ui.widgets.problems import ProblemsList

if TYPE_CHECKING:
    from connect_tui.core.outcome import SendOutcome
    from connect_tui.core.sending import Prepared

W = TypeVar("W", bound=Widget)

#: How long the AWS confirm waits for STS to name the account before saying "unknown".
ACCOUNT_TIMEOUT: Final = 4.0


def prepare_copy(draft: Draft) -> Prepared:
    """The draft resolved, validated and given its ClientTokens, ready to send.

    May load botocore's model: call it in a thread. The send uses it as it is, so the
    draft is validated once.
    """
    from connect_tui.core.sending import prepare

    return prepare(draft)


def failed_outcome(draft: Draft, error: str) -> SendOutcome:
    """An outcome for a send that broke before boto3 could answer."""
    from connect_tui.core.outcome import SendOutcome

    return SendOutcome(
        profile=draft.name,
        operation=draft.operation,
        target=draft.target.describe(),
        error_code="Internal",
        error=error,
    )


def send_in_thread(draft: Draft, prepared: Prepared) -> SendOutcome:
    """Send with the process's shared Sender (blocking: runs in a thread worker)."""
    from connect_tui.runtime import send_draft

    return send_draft(draft, prepared)


def _check_contact_id(text: str) -> str | None:
    """Why `text` cannot be a ContactId (1 to 256 characters, botocore's model), or None."""
    if not 1 <= len(text) <= 256:
        return "a ContactId has 1 to 256 characters"
    return None


class Sending:
    """Sends the session's draft (or a draft from the history) and shows the outcome.

    `go_to_problem` is the screen's: it shows a problem's pane and focuses its field.
    """

    def __init__(
        self,
        screen: Screen[Any],
        session: DraftSession,
        go_to_problem: Callable[[Problem], None],
        local_problems: Callable[[], list[Problem]] | None = None,
    ) -> None:
        self.screen = screen
        self.session = session
        self.go_to_problem = go_to_problem
        #: The screen's: what its panes show that the draft cannot hold (a repeated name).
        self.local_problems = local_problems or list
        #: True while a send is under way (one at a time).
        self.sending = False
        self.last_outcome: SendOutcome | None = None
        self.last_sent: Draft | None = None

    @property
    def draft(self) -> Draft:
        """The draft in the editor."""
        return self.session.draft

    def notify(self, message: str, **options: Any) -> None:
        """A notice on the screen."""
        self.screen.notify(message, **options)

    @property
    def app(self) -> App[Any]:
        """The app the screen belongs to."""
        return self.screen.app

    def query_one(self, kind: type[W]) -> W:
        """The screen's widget of this kind."""
        return self.screen.query_one(kind)

    def copy_contact_id(self) -> None:
        """Copy the ContactId of the last send to the clipboard."""
        outcome = self.last_outcome
        if outcome is None or not outcome.contact_id:
            self.notify("No contact has been sent from here yet.", severity="warning")
            return
        self.app.copy_to_clipboard(outcome.contact_id)
        self.notify(f"Copied {outcome.contact_id}", markup=False)

    def send(self, other: Draft | None) -> None:
        """Send the draft in the editor (other=None) or `other`; refused while one is sending."""
        if self.sending:
            self.notify("A send is already under way; wait for its result.", severity="warning")
            return
        self.sending = True
        self.screen.run_worker(self._send_flow(other), group="send", exclusive=True)

    async def _send_flow(self, other: Draft | None) -> None:
        bar = self.query_one(DraftBar)
        try:
            await self._send(other, bar)
        finally:
            self.sending = False
            bar.show_status(self._last_status())

    def _last_status(self) -> str:
        outcome = self.last_outcome
        if outcome is None:
            return ""
        if outcome.ok:
            return f"sent: ContactId {outcome.contact_id}"
        return "last send failed"

    async def _send(self, other: Draft | None, bar: DraftBar) -> None:
        draft = (other or self.draft).copy()  # what is sent cannot change while it is sent
        bar.show_status("checking…", sending=True)
        prepared = await asyncio.to_thread(prepare_copy, draft)
        errors = [p for p in prepared.problems if p.is_error]
        if other is None:  # rows the draft cannot hold (a repeated name) are not sent silently
            errors += [p for p in self.local_problems() if p.is_error]
        if errors:
            self._refuse(errors, in_editor=other is None)
            return
        if not draft.target.is_sandbox and not await self._confirm_aws(draft, bar):
            self.notify("Not sent.")
            return
        bar.show_status(f"sending to {draft.target.describe()}…", sending=True)
        worker = self.screen.run_worker(
            partial(send_in_thread, draft, prepared),
            group="send-thread",
            exclusive=True,
            thread=True,
            exit_on_error=False,
        )
        try:
            outcome = await worker.wait()
        except (WorkerFailed, WorkerCancelled) as exc:
            outcome = failed_outcome(draft, f"the send stopped unexpectedly: {exc}")
        if outcome is None:
            outcome = failed_outcome(draft, "the send stopped unexpectedly")
        self.last_outcome = outcome
        self.last_sent = sent = draft

        def chosen(answer: str | None) -> None:
            if answer == FOLLOW and outcome.contact_id:
                self.follow(
                    sent,
                    outcome.contact_id,
                    sent_request=outcome.request,
                    created_request=outcome.create_contact,
                )

        # An older toast (a refused send's "Not sent …") would cover the dialog's buttons.
        self.app.clear_notifications()
        self.app.push_screen(SendResultDialog(outcome), chosen)

    def follow(
        self,
        draft: Draft,
        contact_id: str,
        *,
        sent_request: dict[str, Any] | None = None,
        created_request: dict[str, Any] | None = None,
    ) -> None:
        """Open the live view of a contact sent with `draft` (its target, its credentials)."""
        self.app.push_screen(
            FollowScreen(
                draft, contact_id, sent_request=sent_request, created_request=created_request
            )
        )

    def follow_last(self) -> None:
        """Follow the contact of the last send from here."""
        outcome, sent = self.last_outcome, self.last_sent
        if outcome is None or sent is None or not outcome.contact_id:
            self.notify("No contact has been sent from here yet.", severity="warning")
            return
        self.follow(
            sent,
            outcome.contact_id,
            sent_request=outcome.request,
            created_request=outcome.create_contact,
        )

    def follow_contact(self) -> None:
        """Ask for a ContactId and follow it, on this draft's target and instance."""
        from connect_tui.ui.dialogs.prompt import NamePrompt

        def chosen(contact_id: str | None) -> None:
            if contact_id:
                self.follow(self.draft, contact_id)

        self.app.push_screen(
            NamePrompt(
                "Follow which ContactId? (on this draft's target)",
                check=_check_contact_id,
                placeholder="ContactId",
            ),
            chosen,
        )

    def _refuse(self, errors: list[Problem], *, in_editor: bool) -> None:
        count = len(errors)
        noun = "error" if count == 1 else "errors"
        self.notify(
            f"Not sent: the draft has {count} {noun}; the first: {errors[0]}",
            severity="error",
            markup=False,
            timeout=8,
        )
        if in_editor:
            problems = self.query_one(ProblemsList)
            if problems.option_count:
                problems.highlighted = 0
            # Straight to the field to fix: the Problems list (f6) has the rest.
            self.go_to_problem(errors[0])

    async def _confirm_aws(self, draft: Draft, bar: DraftBar) -> bool:
        target = draft.target
        bar.show_status("asking AWS which account this is…", sending=True)
        try:
            account, source = await asyncio.wait_for(
                asyncio.to_thread(credentials.caller_account, draft), ACCOUNT_TIMEOUT
            )
        except TimeoutError:
            account, source = None, "(STS did not answer in time)"
        lines = [
            ("Operation", draft.operation),
            ("Region", target.region or "from your AWS configuration"),
            ("AWS profile", target.aws_profile or "none (default credentials)"),
            ("Credentials", source),
            ("Account", account or "unknown (STS did not answer)"),
        ]
        if target.endpoint_url:
            lines.append(("Endpoint", target.endpoint_url))
        message = Content.assemble(
            "This creates a real contact in Amazon Connect.\n\n",
            *(Content.assemble((f"{label:<12}", "bold"), value, "\n") for label, value in lines),
        )
        answer = await self.app.push_screen_wait(
            confirm(f"Send {draft.name} to AWS?", message, "Send")
        )
        return answer == "yes"
