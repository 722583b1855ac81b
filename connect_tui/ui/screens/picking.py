"""Provides Picking: the composer's pickers, which fill an id field from the draft's target.

The composer's pick key (and the palette) opens a PickerDialog for the focused field
when it is one of FIELD_KINDS. The dialog shows the cached list at once and the live one
when a worker has it; the chosen id is typed into the field as if by hand, so it flows
into the draft like any edit. Every live list is remembered for the session, so the
composer can warn about an id the target does not have (core.pickers.unknown_ids).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import Any, Final, Protocol

from textual.app import App
from textual.widget import Widget
from textual.widgets import Input

from connect_tui.core import history, local_sandbox, pickers, variables
from connect_tui.core.files import UserError
from connect_tui.core.model import Draft, Target
from connect_tui.ui.dialogs.picker import PickerDialog
from connect_tui.ui.widgets.pane import Pane, quietly

#: The fields that have a picker (their Input ids) and what each lists.
FIELD_KINDS: Final = {
    "instance-id": pickers.INSTANCE,
    "contact-flow-id": pickers.FLOW,
    "destination-address": pickers.ADDRESS,
    "from-address": pickers.ADDRESS,
    "chain-user": pickers.AGENT,
    "related-contact-id": pickers.CONTACT,
    "chain-related": pickers.CONTACT,
    "contact-id": pickers.CONTACT,
    "knowledge-base-id": pickers.KNOWLEDGE_BASE,
    "template-id": pickers.TEMPLATE,
}


def target_key(target: Target) -> str:
    """Where a list came from, for the cache: the target's kind, endpoint, Region, profile."""
    return "|".join(
        (target.kind, target.endpoint_url or "", target.region or "", target.aws_profile or "")
    )


class Host(Protocol):
    """What Picking needs of the screen it serves (the composer, which imports this module:
    a protocol here instead of the composer's class keeps the import one way)."""

    @property
    def app(self) -> App[Any]:
        """The running app (it pushes the picker dialog)."""
        ...

    @property
    def focused(self) -> Widget | None:
        """The focused field: the one a picker fills."""
        ...

    @property
    def draft(self) -> Draft:
        """The draft whose target the lists come from."""
        ...

    def apply_pane(self, pane: Pane) -> None:
        """Write `pane` into the draft now."""
        ...

    def schedule_check(self) -> None:
        """Validate the draft again soon (a live list can make an id unknown)."""
        ...


class Picking:
    """The composer's pickers, and the live lists they fetched this session."""

    def __init__(self, screen: Host) -> None:
        self.screen = screen
        #: The latest live list of each kind (for unknown-id warnings).
        self.known: dict[str, pickers.Listing] = {}

    @staticmethod
    def kind_for(widget: Widget | None) -> str | None:
        """The picker of a field widget, or None when it has none."""
        return FIELD_KINDS.get(widget.id or "") if isinstance(widget, Input) else None

    def open(self) -> bool:
        """Open the picker of the focused field; False when the field has none."""
        field = self.screen.focused
        kind = self.kind_for(field)
        if kind is None or not isinstance(field, Input):
            return False
        draft = self.screen.draft
        resolved, _ = variables.resolve(draft.request, draft.variables)
        # What the list is of: the instance, or for templates the knowledge base.
        scope = str(resolved.get("InstanceId") or "")
        if kind == pickers.TEMPLATE:
            message = resolved.get("EmailMessage") or {}
            config = message.get("TemplatedMessageConfig") or {}
            scope = str(config.get("KnowledgeBaseId") or "")
        key = pickers.cache_key(kind, target_key(draft.target), scope)
        fetch: Callable[[], pickers.Listing] | None
        cached: pickers.Listing | None
        if kind == pickers.CONTACT:
            # The user's own sends first (at once, with their draft names), then what
            # SearchContacts finds on the instance.
            cached = self._history()
            fetch = self._fetcher(kind, key, scope, first=list(cached.choices))
        else:
            cached = pickers.cached(kind, key)
            fetch = self._fetcher(kind, key, scope)
        title = pickers.TITLES[kind]
        dialog = PickerDialog(title, cached=cached, fetch=fetch, current=field.value)

        def chosen(value: str | None) -> None:
            if value is None or not field.is_attached:
                return
            pane = next((a for a in field.ancestors if isinstance(a, Pane)), None)
            if pane is None:
                field.value = value
            else:
                # Into the draft at once, not when the field's Changed has bubbled up (a
                # save pressed right after the choice must save it), and only once (a
                # Changed arriving after that save would mark the draft dirty again).
                with quietly(field):
                    field.value = value
                self.screen.apply_pane(pane)
            field.focus()

        self.screen.app.push_screen(dialog, chosen)
        return True

    def _fetcher(
        self, kind: str, key: str, scope: str, first: list[pickers.Choice] | None = None
    ) -> Callable[[], pickers.Listing]:
        # A copy: the user may go on editing the draft while the worker reads it.
        draft = copy.deepcopy(self.screen.draft)

        def fetch() -> pickers.Listing:
            """Runs in the dialog's worker thread: the client, then the pages."""
            from connect_tui.runtime import shared_sender

            def live() -> tuple[list[pickers.Choice], bool]:
                endpoint = draft.target.endpoint_url
                if endpoint and not local_sandbox.answers(endpoint):
                    # At once, rather than after every retry of a refused connection.
                    raise ConnectionError(f"nothing answers at {endpoint}")
                service = "qconnect" if kind in pickers.QCONNECT_KINDS else "connect"
                client, _ = shared_sender().client_for(draft, service)
                choices, truncated = pickers.fetch(kind, client, scope)
                return pickers.merged(first or [], choices), truncated

            listing = pickers.load(kind, key, live)
            if not listing.offline:
                self.screen.app.call_from_thread(self._learned, listing)
            return listing

        return fetch

    def _learned(self, listing: pickers.Listing) -> None:
        self.known[listing.kind] = listing
        self.screen.schedule_check()

    def _history(self) -> pickers.Listing:
        try:
            entries = history.read(limit=200)
        except UserError as exc:
            return pickers.Listing(pickers.CONTACT, (), time.time(), True, str(exc))
        return pickers.Listing(
            pickers.CONTACT, tuple(pickers.contacts_from_history(entries)), time.time()
        )
