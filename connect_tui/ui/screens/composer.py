"""Provides ComposerScreen: the draft bar, the panes in tabs, the Problems list and the footer.

The screen owns the Draft (docs/architecture.md): panes report edits up with `Pane.Changed`, the
screen applies them, validates (coalesced, so a burst of keystrokes validates once), and
sends the problems down to the panes and the Problems list. botocore's model, which the
validator needs, is loaded in a worker after the first frame, so the screen appears at once.
What is edited and saved is core's DraftSession (`session`); its dialogs (save, open, quit,
recovery) are DraftFiles (`files`); sending is Sending (`sender`).
"""

from __future__ import annotations

import argparse
import asyncio
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

from connect_tui.core import conversion
from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND, Draft
from connect_tui.core.problems import Problem
from connect_tui.core.session import DraftSession
from connect_tui.core.target_override import TargetOverride
from connect_tui.ui import idle_collector
from connect_tui.ui.keys import focus_now, settle
from connect_tui.ui.lazy_styles import StyledOnMount
from connect_tui.ui.screens.checking import Checking
from connect_tui.ui.screens.composer_keys import COMPOSER_BINDINGS
from connect_tui.ui.screens.drafts import DraftFiles
from connect_tui.ui.screens.first_frame import FirstFrame
from connect_tui.ui.screens.history_flow import HistoryFlow
from connect_tui.ui.screens.pane_deck import SECTION_PANES, PaneDeck, PaneStack
from connect_tui.ui.widgets.addresses_sketch import WIDE_FROM
from connect_tui.ui.widgets.draft_bar import DraftBar
from connect_tui.ui.widgets.operation import OperationSwitch
from connect_tui.ui.widgets.pane import Pane, quietly
from connect_tui.ui.widgets.pane_index import PANE_KEYS
from connect_tui.ui.widgets.pane_tabs import PaneTabs
from connect_tui.ui.widgets.side_panel import SidePanel

if TYPE_CHECKING:
    from connect_tui.ui.screens.picking import Picking
    from connect_tui.ui.screens.send import Sending
    from connect_tui.ui.widgets.attachments import AttachmentsPane
    from connect_tui.ui.widgets.preview import PreviewPane
    from connect_tui.ui.widgets.problems import ProblemsList

__all__ = ["PANE_KEYS", "SECTION_PANES", "ComposerScreen"]


class ComposerScreen(StyledOnMount, Screen[None]):
    """Edits one draft: every pane, validation as you type, save and send."""

    BINDINGS: ClassVar[list[BindingType]] = COMPOSER_BINDINGS
    #: Start in the first field, ready to type (not on the operation switch).
    AUTO_FOCUS = "#pane-addresses Input"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]

    def __init__(
        self, draft: Draft, path: Path | None, *, target_options: argparse.Namespace | None = None
    ) -> None:
        super().__init__()
        #: The draft being edited, its file and its unsaved state (core; no Textual in it).
        self.session = DraftSession(draft, path, TargetOverride.from_args(target_options))
        #: The save / open / quit / recovery dialogs around the session.
        self.files = DraftFiles(self, self.session, self.show_draft)
        self.problems: list[Problem] = []
        #: True once every pane is mounted and botocore's model is loaded (validation runs).
        self.model_ready = False
        self._panes_mounted = False
        self._model_loaded_here = False
        #: The panes: the first is made for the first frame, the others after it.
        self.deck = PaneDeck(self, mounted=self.pane_mounted, shown=self.pane_shown)
        #: What the first frame shows in the place of widgets it needs little of.
        self.first_frame = FirstFrame(self, self.deck)
        self._switch = OperationSwitch(draft.operation, id="operation")
        self._bar = DraftBar(self._switch, id="draft-bar")
        #: When the draft is checked: in the frame that shows the edit (ui/screens/checking.py).
        self.checking = Checking(self)
        #: What the last render of a TEMPLATE draft left unfilled (warnings; Preview renders).
        self.template_problems: list[Problem] = []

    @cached_property
    def picking(self) -> Picking:
        """The pickers of the id fields, and the lists they fetched (made when first used)."""
        from connect_tui.ui.screens.picking import Picking

        return Picking(self)

    @cached_property
    def sender(self) -> Sending:
        """Sends the draft (f5) or one from the history, and shows the outcome."""
        from connect_tui.ui.screens.send import Sending

        return Sending(self, self.session, self.go_to_problem, self.local_problems)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._show_bar()  # filled first: the first frame may show a sketch of it
        yield self.first_frame.draft_bar(self._bar, self._switch)
        with Horizontal(id="body"):
            with Vertical(id="panes"):
                yield self.deck.tabs()
                with PaneStack(id="pane-stack"):
                    yield self.deck.first_shown(self.draft, self.app.size)
            yield SidePanel(self.first_frame.problems(), id="side")
        yield self.first_frame.footer()

    def on_mount(self) -> None:
        self.show_draft()
        # After the first frame: the real widgets for its stand-ins, the other panes, the model.
        self.call_after_refresh(self._mount_other_panes)
        self.files.start_recovery_timer()
        self.files.offer_recovery_on_open()

    async def _mount_other_panes(self) -> None:
        self.load_model()  # in a thread, while the panes mount here
        await self.first_frame.replace()  # first: the real widgets in the stand-ins' places
        await self.deck.mount_the_rest()
        self._panes_mounted = True
        self._become_ready()

    def pane_mounted(self, pane: Pane) -> None:
        """A pane mounted after the first frame: show the draft in it."""
        if pane.NAME != "preview" or self.model_ready:  # the preview may need the model
            self._load_pane(pane)

    def pane_shown(self, pane: Pane) -> None:
        """The Preview is refreshed when it is shown (and on edits while it is shown)."""
        if pane.NAME == "preview" and self.model_ready:
            self._load_pane(pane)

    @property
    def panes(self) -> list[Pane]:
        """Every pane mounted so far, in tab order (all of them once the model has loaded)."""
        return self.deck.mounted

    def pane(self, key: str) -> Pane:
        """The pane `key` (such as "message"), mounted or not yet."""
        return self.deck.pane(key)

    @property
    def active_pane(self) -> str:
        """The name of the pane on show (such as "addresses")."""
        return self.deck.active

    # -- the session: what is edited, where it is saved ----------------------------------------

    @property
    def draft(self) -> Draft:
        """The draft being edited (the session's)."""
        return self.session.draft

    @draft.setter
    def draft(self, draft: Draft) -> None:
        self.session.draft = draft

    @property
    def path(self) -> Path | None:
        """The draft's profile file, None until it is first saved."""
        return self.session.path

    @property
    def dirty(self) -> bool:
        """True while the draft has changes its file does not have."""
        return self.session.dirty

    def mark_dirty(self) -> None:
        """The draft has changes that are not saved (shown by the draft bar)."""
        self.files.mark_dirty()

    async def action_send(self) -> None:
        """Send the draft in the editor."""
        await settle(self)  # the keys typed just before f5 are in the draft first
        self.sender.send(None)

    async def action_save(self) -> None:
        """Save the draft (asking a name if it has none yet)."""
        await self.files.save_flow(ask_name=False)

    async def action_save_as(self) -> None:
        """Save the draft under a new name."""
        await self.files.save_flow(ask_name=True)

    def action_drafts(self) -> None:
        """Open the drafts picker: open, new, duplicate, rename, delete."""
        self.files.pick()

    def action_new_draft(self) -> None:
        """Start a new draft (after asking about unsaved changes)."""
        self.files.new_draft()

    @property
    def draft_bar(self) -> DraftBar:
        """The line naming the draft (mounted once the first frame's sketch is replaced)."""
        return self._bar

    @property
    def problems_list(self) -> ProblemsList:
        """The Problems list."""
        return self.query_one(SidePanel).problems_list

    # -- the draft flowing down ---------------------------------------------------------------

    def show_draft(self) -> None:
        """Load the whole draft into the bar and every pane (no Changed comes back)."""
        self._show_bar()
        self.first_frame.redraw(self.draft)
        for pane in self.deck.mounted:
            if pane.NAME == "preview" and not self.model_ready:
                continue  # loaded once the model is there; the others unmounted when mounted
            self._load_pane(pane)
        self.schedule_check()

    def _show_bar(self) -> None:
        self._bar.show_name(self.draft.name)
        self._bar.show_dirty(self.dirty)
        self._bar.show_target(self.draft.target)
        with quietly(self, OperationSwitch.Changed):  # the draft's operation, not the user's
            self._switch.set_operation(self.draft.operation)

    def _load_pane(self, pane: Pane) -> None:
        try:
            pane.load(self.draft)
        except Exception as exc:  # one broken pane must not take the whole draft down
            self.log.error(f"{type(pane).__name__}.load failed: {exc!r}")
            self.notify(
                f"{pane.TITLE}: cannot show this draft: {exc}", severity="error", markup=False
            )

    @work(thread=True, exclusive=True, group="model", exit_on_error=False)
    def load_model(self) -> None:
        """Load botocore's Connect model (about 0.2 s) off the main thread, then validate."""
        from connect_tui.core import schema

        for operation in (INBOUND, OUTBOUND, CREATE_CONTACT):
            schema.input_shape(operation)
        self.app.call_from_thread(self._model_loaded)

    def _model_loaded(self) -> None:
        self._model_loaded_here = True
        self._become_ready()

    def _become_ready(self) -> None:
        """Once every pane is mounted and the model loaded: validate and fill the preview."""
        if self.model_ready or not (self._panes_mounted and self._model_loaded_here):
            return
        self.model_ready = True
        # What is loaded is kept out of the garbage collector's full passes, and those wait
        # for the pauses between keys (connect_tui.ui.idle_collector); given back on unmount.
        idle_collector.take_over(self.app)
        self._load_pane(self.pane("preview"))
        self.schedule_check()

    def on_unmount(self) -> None:
        """Let the interpreter collect again, and free what was frozen when ready."""
        idle_collector.give_back()

    # -- edits flowing up ---------------------------------------------------------------------

    @on(Pane.Changed)
    def pane_changed(self, event: Pane.Changed) -> None:
        """A pane was edited: write it into the draft, mark the draft dirty, check it again."""
        event.stop()
        self.apply_pane(event.pane)

    def apply_pane(self, pane: Pane) -> None:
        """Write `pane` into the draft now, mark the draft dirty and check it at once (the
        frame that shows the edit shows its problems too)."""
        pane.apply(self.draft)
        self.mark_dirty()
        if pane.NAME == "target":
            self.draft_bar.show_target(self.draft.target)
        self.checking.applied(pane.WRITES)

    def watch_focused(self, focused: Widget | None) -> None:
        """Follow the focused field: its changes hold the frame until they are checked."""
        self.checking.follow(focused)

    async def on_idle(self, event: events.Idle) -> None:
        """Before Textual draws a frame: wait for a change on its way up, run a check owed."""
        await self.checking.before_frame(event)

    def on_preview_pane_template_rendered(self, event: PreviewPane.TemplateRendered) -> None:
        """The Preview rendered the draft's template: its unfilled variables are warnings."""
        event.stop()
        self.template_problems = event.rendered.problems if event.rendered else []
        self.schedule_check()

    @on(OperationSwitch.Changed)
    def operation_changed(self, event: OperationSwitch.Changed) -> None:
        """The user flipped the operation switch."""
        event.stop()
        self.set_operation(event.operation)

    def set_operation(self, operation: str) -> None:
        """Convert the draft to `operation` (losing nothing) and reload every pane."""
        if operation == self.draft.operation:
            return
        self.draft = conversion.switch_operation(self.draft, operation)
        self.mark_dirty()
        self.show_draft()

    def schedule_check(self) -> None:
        """Validate before the next frame: a burst of edits is validated once."""
        self.checking.schedule()

    def check_now(self) -> None:
        """Validate the draft, changed in any way, and show the problems everywhere."""
        self.checking.check_all()

    def local_problems(self) -> list[Problem]:
        """What the panes show that the draft cannot hold (a repeated reference name)."""
        return [problem for pane in self.panes for problem in pane.local_problems()]

    def owner_of(self, problem: Problem) -> Pane | None:
        """The pane that shows `problem`: an owner that has its field, else any owner."""
        return self.deck.owner_of(problem)

    def on_problems_list_selected(self, event: ProblemsList.Selected) -> None:
        """Show the pane of the chosen problem and focus its field."""
        event.stop()
        self.go_to_problem(event.problem)

    def go_to_problem(self, problem: Problem) -> None:
        """Switch to the problem's pane and focus the field it is about."""
        self.deck.go_to_problem(problem)

    def action_pick(self) -> None:
        """Open the focused field's picker (instance, flow, address, agent, contact)."""
        if not self.picking.open():
            self.notify(
                "This field has no picker: they are on the instance, flow, address, agent and "
                "contact id fields",
                severity="warning",
                timeout=4,
            )

    async def action_attach_file(self) -> None:
        """Attach a local file to an inbound draft: upload it, add its Attachments row."""
        if self.draft.is_outbound:
            self.notify(
                "Outbound emails take no attachments: switch the draft to inbound first",
                severity="warning",
                timeout=4,
            )
            return
        pane = cast("AttachmentsPane", await self.deck.show("attachments"))
        pane.attach_file(self.draft)

    def action_focus_problems(self) -> None:
        """Focus the Problems list."""
        focus_now(self.problems_list)

    # -- panes and help -----------------------------------------------------------------------

    def action_show_pane(self, key: str) -> asyncio.Future[Pane]:
        """Show pane `key` and put the focus in its first field: at once when it is mounted,
        else as soon as it is (a key typed before the other panes were mounted). Textual
        awaits what an action returns, so the next key waits for that."""
        return self.deck.show(key)

    def action_next_pane(self) -> asyncio.Future[Pane]:
        """Show the next pane."""
        return self.deck.show(self.deck.neighbour(1))

    def action_previous_pane(self) -> asyncio.Future[Pane]:
        """Show the previous pane."""
        return self.deck.show(self.deck.neighbour(-1))

    @on(PaneTabs.Picked)
    async def tab_picked(self, event: PaneTabs.Picked) -> None:
        """A tab was clicked (or left / right on the strip): show its pane, focus kept."""
        event.stop()
        await self.deck.show(event.name, focus=False)

    def current_pane(self) -> Pane:
        """The pane holding the focus, else the pane on show."""
        return self.deck.current()

    def action_history(self) -> None:
        """Show the history of sends (reopen, resend or follow one)."""
        HistoryFlow(self, self.files, lambda: self.sender).show()

    def action_help(self) -> None:
        """Show the focused pane's help."""
        # Imported here: Markdown (markdown-it) would add ~30 ms before the first frame.
        from connect_tui.ui.dialogs.help import HelpDialog

        pane = self.current_pane()
        text = pane.HELP or f"# {pane.TITLE}\n\nNo help has been written for this pane yet."
        self.app.push_screen(HelpDialog(f"Help: {pane.TITLE}", text))
