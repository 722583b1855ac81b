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
from pathlib import Path
from typing import ClassVar, Final

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from connect_tui.core import conversion, history
from connect_tui.core.files import UserError
from connect_tui.core.model import CREATE_CONTACT, INBOUND, OUTBOUND, Draft
from connect_tui.core.pickers import unknown_ids
from connect_tui.core.problems import CREATE_CONTACT as CREATE_CONTACT_SECTION
from connect_tui.core.problems import TARGET, VARIABLES, Problem
from connect_tui.core.session import DraftSession
from connect_tui.core.target_override import TargetOverride
from connect_tui.ui.keys import PaneTabs, focus_now, settle
from connect_tui.ui.screens.drafts import DraftFiles
from connect_tui.ui.screens.history import HistoryScreen
from connect_tui.ui.screens.picking import Picking
from connect_tui.ui.screens.send import Sending
from connect_tui.ui.widgets.addresses import AddressesPane
from connect_tui.ui.widgets.attachments import AttachmentsPane
from connect_tui.ui.widgets.attributes import AttributesPane
from connect_tui.ui.widgets.contact import ContactPane
from connect_tui.ui.widgets.draft_bar import DraftBar
from connect_tui.ui.widgets.footer import FittingFooter
from connect_tui.ui.widgets.message import MessagePane
from connect_tui.ui.widgets.operation import OperationSwitch
from connect_tui.ui.widgets.pane import Pane
from connect_tui.ui.widgets.preview import PreviewPane
from connect_tui.ui.widgets.problems import ProblemsList
from connect_tui.ui.widgets.recipients import RecipientsPane
from connect_tui.ui.widgets.references import ReferencesPane
from connect_tui.ui.widgets.segments import SegmentsPane
from connect_tui.ui.widgets.side_panel import SidePanel
from connect_tui.ui.widgets.target import TargetPane

#: The panes, in tab order. Each names itself (Pane.NAME: tab ids are `tab-NAME`, pane ids
#: `pane-NAME`) and carries the key that shows it (Pane.KEY).
PANES: Final[tuple[type[Pane], ...]] = (
    AddressesPane,
    RecipientsPane,
    MessagePane,
    ReferencesPane,
    AttributesPane,
    SegmentsPane,
    AttachmentsPane,
    ContactPane,
    TargetPane,
    PreviewPane,
)
#: Problems outside the request go to the pane that edits that part of the draft.
SECTION_PANES: Final = {TARGET: "target", VARIABLES: "target", CREATE_CONTACT_SECTION: "contact"}


#: The key that shows each pane, by name (from the Pane classes).
PANE_KEYS: Final = {pane.NAME: pane.KEY for pane in PANES}


def pane_keys(index: int, pane: type[Pane]) -> str:
    """The keys that show `pane` (at `index` in PANES), as a Binding takes them: its own key.

    Not alt+DIGIT: terminals send it as ESC DIGIT, which Textual reads as a macOS Option
    character (ESC 3 is "£"); every bound key must be one a terminal delivers as itself
    (tests/test_key_delivery.py)."""
    return pane.KEY


def _tab_bindings() -> list[BindingType]:
    # Priority: a terminal sends alt+s as ESC s, which an Input would otherwise type as "s".
    return [
        Binding(
            pane_keys(index, pane),
            f"show_pane('{pane.NAME}')",
            show=False,
            priority=True,
            id=f"composer.pane_{pane.NAME}",
        )
        for index, pane in enumerate(PANES)
    ]


class ComposerScreen(Screen[None]):
    """Edits one draft: every pane, validation as you type, save and send."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "send", "Send", id="composer.send"),
        Binding("ctrl+s", "save", "Save", id="composer.save"),
        Binding("ctrl+o", "drafts", "Drafts", id="composer.drafts"),
        # Not ctrl+h: terminals send it as backspace (tests/test_key_delivery.py).
        Binding("f9", "history", "History", id="composer.history"),
        Binding("f1", "help", "Help", id="composer.help"),
        Binding("f6", "focus_problems", "Problems", show=False, id="composer.problems"),
        Binding("f4", "pick", "Pick", show=False, id="composer.pick"),
        Binding("f3", "attach_file", "Attach file", show=False, id="composer.attach_file"),
        # Priority: an Input binds these to scroll sideways, and they must switch panes.
        Binding(
            "ctrl+pagedown",
            "next_pane",
            "Next pane",
            show=False,
            id="composer.next_pane",
            priority=True,
        ),
        Binding(
            "ctrl+pageup",
            "previous_pane",
            "Previous pane",
            show=False,
            id="composer.previous_pane",
            priority=True,
        ),
        *_tab_bindings(),
    ]
    #: Start in the first field, ready to type (not on the operation switch).
    AUTO_FOCUS = "#pane-addresses Input"
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"),
        (110, "-wide"),
    ]

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
        #: Every pane, made now; only the first is mounted before the first frame.
        self._panes: dict[str, Pane] = {cls.NAME: cls(id=f"pane-{cls.NAME}") for cls in PANES}
        self._check_pending = False
        #: The pickers of the id fields, and the lists they fetched.
        self.picking = Picking(self)
        #: What the last render of a TEMPLATE draft left unfilled (warnings; Preview renders).
        self.template_problems: list[Problem] = []
        #: Sends the draft (f5) or one from the history, and shows the outcome.
        self.sender = Sending(self, self.session, self.go_to_problem, self.local_problems)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield DraftBar(OperationSwitch(self.draft.operation, id="operation"), id="draft-bar")
        with Horizontal(id="body"):
            with PaneTabs(id="panes"):
                for index, pane_class in enumerate(PANES):
                    with TabPane(pane_class.TITLE, id=f"tab-{pane_class.NAME}"):
                        if index == 0:
                            yield self._panes[pane_class.NAME]
            yield SidePanel(id="side")
        yield FittingFooter()

    def on_mount(self) -> None:
        self.show_draft()
        # The first frame shows the first pane only; the other panes, then botocore's model,
        # load after it, so the screen appears at once.
        self.call_after_refresh(self._mount_other_panes)
        self.files.start_recovery_timer()
        self.files.offer_recovery_on_open()

    async def _mount_other_panes(self) -> None:
        self.load_model()  # in a thread, while the panes mount here
        waiting = [
            self.query_one(f"#tab-{key}", TabPane).mount(pane)
            for key, pane in self._panes.items()
            if not pane.is_attached
        ]
        await asyncio.gather(*waiting)
        for key, pane in self._panes.items():
            if key != "preview" and pane is not self._panes[PANES[0].NAME]:
                self._load_pane(pane)  # the preview may need the model: it is loaded with it
        self._panes_mounted = True
        self._become_ready()

    @property
    def panes(self) -> list[Pane]:
        """Every pane mounted so far, in tab order (all of them once the model has loaded)."""
        return [pane for pane in self._panes.values() if pane.is_mounted]

    def pane(self, key: str) -> Pane:
        """The pane `key` (such as "message"), mounted or not yet."""
        return self._panes[key]

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
        """The line naming the draft."""
        return self.query_one(DraftBar)

    @property
    def problems_list(self) -> ProblemsList:
        """The Problems list."""
        return self.query_one(ProblemsList)

    # -- the draft flowing down ---------------------------------------------------------------

    def show_draft(self) -> None:
        """Load the whole draft into the bar and every pane (no Changed comes back)."""
        self.draft_bar.show_name(self.draft.name)
        self.draft_bar.show_dirty(self.dirty)
        self.draft_bar.show_target(self.draft.target)
        with self.prevent(OperationSwitch.Changed):  # the draft's operation, not the user's
            self.query_one(OperationSwitch).set_operation(self.draft.operation)
        for key, pane in self._panes.items():
            if not pane.is_mounted or (key == "preview" and not self.model_ready):
                continue  # loaded when mounted; the preview once the model is there
            self._load_pane(pane)
        self.schedule_check()

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
        self._load_pane(self.pane("preview"))
        self.schedule_check()

    # -- edits flowing up ---------------------------------------------------------------------

    @on(Pane.Changed)
    def pane_changed(self, event: Pane.Changed) -> None:
        """A pane was edited: write it into the draft, mark the draft dirty, check it again."""
        event.stop()
        self.apply_pane(event.pane)

    def apply_pane(self, pane: Pane) -> None:
        """Write `pane` into the draft now, mark the draft dirty and check it again."""
        pane.apply(self.draft)
        self.mark_dirty()
        if isinstance(pane, TargetPane):
            self.draft_bar.show_target(self.draft.target)
        self.schedule_check()

    @on(PreviewPane.TemplateRendered)
    def template_rendered(self, event: PreviewPane.TemplateRendered) -> None:
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
        """Validate after the next refresh: a burst of edits is validated once."""
        if not self._check_pending:
            self._check_pending = True
            self.call_after_refresh(self.check_now)

    def check_now(self) -> None:
        """Validate the draft and show the problems everywhere (once the model is loaded)."""
        self._check_pending = False
        if not self.model_ready:
            return
        from connect_tui.core.validation import validate

        self.problems = [
            *validate(self.draft),
            *unknown_ids(self.draft, self.picking.known),
            *self.template_problems,
            *self.local_problems(),
        ]
        for pane in self.panes:
            pane.show_problems(self.problems)
        self.query_one(SidePanel).show(self.problems, self.draft)
        if self.query_one(TabbedContent).active == "tab-preview":
            self._load_pane(self.pane("preview"))

    def local_problems(self) -> list[Problem]:
        """What the panes show that the draft cannot hold (a repeated reference name)."""
        return [problem for pane in self.panes for problem in pane.local_problems()]

    @on(TabbedContent.TabActivated)
    def tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """The Preview is refreshed when it is shown (and on edits while it is shown)."""
        if event.pane.id == "tab-preview" and self.model_ready:
            self._load_pane(self.pane("preview"))

    # -- problems -----------------------------------------------------------------------------

    def owner_of(self, problem: Problem) -> Pane | None:
        """The pane that shows `problem`: an owner that has its field, else any owner."""
        owners = [pane for pane in self._panes.values() if pane.owns(problem)]
        for pane in owners:
            if pane.is_mounted and pane.field_for(problem) is not None:
                return pane
        if owners:
            return owners[0]
        key = SECTION_PANES.get(problem.section)
        return self.pane(key) if key else None

    @on(ProblemsList.Selected)
    def problem_selected(self, event: ProblemsList.Selected) -> None:
        """Show the pane of the chosen problem and focus its field."""
        event.stop()
        self.go_to_problem(event.problem)

    def go_to_problem(self, problem: Problem) -> None:
        """Switch to the problem's pane and focus the field it is about."""
        pane = self.owner_of(problem)
        if pane is None:
            self.notify(
                f"{problem.path}: no pane shows this field", severity="warning", markup=False
            )
            return
        tab = pane.parent
        if isinstance(tab, TabPane) and tab.id:
            self.query_one(TabbedContent).active = tab.id
        # The field can take focus only once its tab is displayed.
        self.call_after_refresh(pane.focus_problem, problem)

    def action_pick(self) -> None:
        """Open the focused field's picker (instance, flow, address, agent, contact)."""
        if not self.picking.open():
            self.notify(
                "This field has no picker: they are on the instance, flow, address, agent and "
                "contact id fields",
                severity="warning",
                timeout=4,
            )

    def action_attach_file(self) -> None:
        """Attach a local file to an inbound draft: upload it, add its Attachments row."""
        if self.draft.is_outbound:
            self.notify(
                "Outbound emails take no attachments: switch the draft to inbound first",
                severity="warning",
                timeout=4,
            )
            return
        self.action_show_pane(AttachmentsPane.NAME)
        self.query_one(AttachmentsPane).attach_file(self.draft)

    def action_focus_problems(self) -> None:
        """Focus the Problems list."""
        focus_now(self.problems_list)

    # -- panes and help -----------------------------------------------------------------------

    def action_show_pane(self, key: str) -> None:
        """Show pane `key` and put the focus in its first field."""
        # Both at once (setting the tab shows its pane): the next key typed goes there.
        self.query_one(TabbedContent).active = f"tab-{key}"
        pane = self.pane(key)
        if pane.is_mounted:
            pane.focus_first()

    def _step_pane(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        keys = [f"tab-{pane.NAME}" for pane in PANES]
        index = keys.index(tabs.active) if tabs.active in keys else 0
        self.action_show_pane(keys[(index + step) % len(keys)].removeprefix("tab-"))

    def action_next_pane(self) -> None:
        """Show the next pane."""
        self._step_pane(1)

    def action_previous_pane(self) -> None:
        """Show the previous pane."""
        self._step_pane(-1)

    def current_pane(self) -> Pane:
        """The pane holding the focus, else the pane of the active tab."""
        focused: Widget | None = self.focused
        while focused is not None:
            if isinstance(focused, Pane):
                return focused
            focused = focused.parent if isinstance(focused.parent, Widget) else None
        active = self.query_one(TabbedContent).active
        return self.pane(active.removeprefix("tab-") if active else PANES[0].NAME)

    def action_history(self) -> None:
        """Show the history of sends (reopen or resend one)."""
        self.app.push_screen(HistoryScreen(), self._history_chosen)

    def _history_chosen(self, chosen: tuple[str, int] | None) -> None:
        if chosen is None:
            return
        action, number = chosen
        try:
            entry = history.entry(number)
            # Reopen: the draft as written (variables kept), new and unsaved; else as sent.
            draft = history.to_new_draft(entry) if action == "open" else history.to_draft(entry)
        except UserError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if action == "follow" and entry.contact_id:
            self.sender.follow(
                draft,
                entry.contact_id,
                sent_request=entry.request,
                created_request=entry.create_contact,
            )
        elif action == "open":
            self.files.reopen_history(draft, entry.profile, number)
        else:
            self.sender.send(draft)

    def action_help(self) -> None:
        """Show the focused pane's help."""
        # Imported here: Markdown (markdown-it) would add ~30 ms before the first frame.
        from connect_tui.ui.dialogs.help import HelpDialog

        pane = self.current_pane()
        text = pane.HELP or f"# {pane.TITLE}\n\nNo help has been written for this pane yet."
        self.app.push_screen(HelpDialog(f"Help: {pane.TITLE}", text))
