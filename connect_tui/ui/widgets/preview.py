"""Provides PreviewPane: the exact request JSON that will be sent, and the same send as an
`aws connect ...` command, variables resolved.

The screen calls `load(draft)` after every change; the pane only renders when it is
on screen (otherwise it marks itself stale and renders when shown), so a large draft
costs nothing while the user types in another pane. Text is shown in read-only
TextAreas: user data is never read as markup, and a 5 MB body scrolls without lag.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar, Final

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Label, TextArea

from connect_tui.core import interop, local_sandbox, variables
from connect_tui.core.model import CREATE_CONTACT, Draft
from connect_tui.core.safe_text import shown
from connect_tui.core.template_preview import Rendered, render, template_of
from connect_tui.core.validation import resolved_request
from connect_tui.ui.widgets.pane import Pane
from connect_tui.ui.widgets.read_only_text import ReadOnlyText

#: Lines longer than this are not soft-wrapped (wrapping megabytes of one line is slow).
WRAP_LIMIT: Final = 10_000
#: The longest string value shown whole in the Preview: a longer one (a 1 MB body) is cut
#: there, as a TextArea draws a whole line for every frame that shows it (0.3 s for 1 MB);
#: `j` and `c` copy everything.
LONGEST_SHOWN: Final = 10_000


def cut_long_strings(value: Any, longest: int) -> Any:
    """`value` with every string longer than `longest` cut there and marked (for showing)."""
    if isinstance(value, str):
        if len(value) <= longest:
            return value
        return f"{value[:longest]}… [{len(value) - longest:,} more characters]"
    if isinstance(value, dict):
        return {key: cut_long_strings(item, longest) for key, item in value.items()}
    if isinstance(value, list):
        return [cut_long_strings(item, longest) for item in value]
    return value


def preview_texts(
    draft: Draft, *, longest: int | None = None, command: bool = True
) -> tuple[str, str | None, str]:
    """The request JSON, the CreateContact JSON (None without a chain) and the aws command
    ("" unless `command`); with `longest`, every string value longer than that is cut (to be
    shown, not sent)."""
    request = resolved_request(draft)
    chain = draft.create_contact_request() if draft.is_outbound else None
    if chain is not None:
        chain, _ = variables.resolve(chain, draft.variables)
    if longest is not None:
        request = cut_long_strings(request, longest)
        chain = cut_long_strings(chain, longest)
    request_json = interop.cli_input_json(draft.operation, request)
    chain_json = interop.cli_input_json(CREATE_CONTACT, chain) if chain is not None else None
    if not command:
        return request_json, chain_json, ""
    # A sandbox draft goes to the running standalone sandbox, when there is one: say so.
    text = interop.aws_cli_command(draft, request, chain, sandbox_url=local_sandbox.running_url())
    return request_json, chain_json, text


class PreviewPane(Pane):
    """Read-only: the request as it will be sent and the equivalent AWS CLI command."""

    TITLE: ClassVar[str] = "Preview"
    NAME: ClassVar[str] = "preview"
    KEY: ClassVar[str] = "alt+p"
    HELP: ClassVar[str] = """\
# Preview

What will be sent, live, with `${name}` variables resolved (an undefined variable
is left as written, and is listed in Problems).

- **Request**: exactly the JSON of the API request, members in the model's order:
  what `aws connect ... --cli-input-json` takes, and what boto3 sends.
- **CreateContact** (outbound drafts that create their contact first): sent before
  the email; its ContactId goes into the request, which is why the request has none.
- **AWS CLI**: the same send as an `aws connect` command (two, chained, when the
  contact is created first). For the sandbox it names the sandbox's well-known,
  public test keys; for AWS it uses your profile or environment.

Nothing here is editable: change the other panes. A ClientToken left empty is made
fresh for each send, so it is not shown.

- **Rendered template** (outbound TEMPLATE drafts): the template rendered with the
  draft's TemplateAttributes by Amazon Q in Connect's RenderMessageTemplate (the
  sandbox serves its own two templates); variables left unfilled are warnings.

Keys: `j` copies the request JSON, `c` copies the command; `tab` moves into a
text box to scroll or select.
"""
    MEMBERS: ClassVar[frozenset[str]] = frozenset()
    SECTIONS: ClassVar[frozenset[str]] = frozenset()

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "copy_json", "Copy JSON", id="preview.copy_json"),
        Binding("c", "copy_command", "Copy command", id="preview.copy_command"),
    ]

    DEFAULT_CSS = """
    PreviewPane > Label {
        color: $text-muted;
        text-style: bold;
    }
    PreviewPane > TextArea {
        height: 1fr;
        min-height: 3;
    }
    PreviewPane > #preview-json {
        height: 2fr;
    }
    PreviewPane .-hidden {
        display: none;
    }
    """

    class TemplateRendered(Message):
        """A TEMPLATE draft was rendered (None: the draft sends no template any more)."""

        def __init__(self, pane: PreviewPane, rendered: Rendered | None) -> None:
            super().__init__()
            self.pane = pane
            self.rendered = rendered

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._template_for: dict[str, Any] | None = None
        self._draft: Draft | None = None
        #: The draft the texts on show were made from.
        self._shown_draft: Draft | None = None
        self._stale = False
        #: The exact texts of the draft last rendered (made when first asked for).
        self._exact: tuple[str, str | None, str] | None = None

    def compose(self) -> ComposeResult:
        """The CreateContact JSON (outbound chains), the request JSON, the command."""
        yield Label(
            "CreateContact (sent first; its ContactId goes into the request)",
            id="chain-title",
            markup=False,
        )
        yield self._text_area("preview-chain")
        yield Label("Request (--cli-input-json) · j copies", id="request-title", markup=False)
        yield self._text_area("preview-json")
        yield Label("AWS CLI · c copies", markup=False)
        yield self._text_area("preview-command")
        yield Label("Rendered template", id="template-title", classes="-hidden", markup=False)
        yield self._text_area("preview-template").set_class(True, "-hidden")

    @staticmethod
    def _text_area(id: str) -> TextArea:
        return ReadOnlyText(id=id, soft_wrap=False, compact=True)

    def _exact_texts(self) -> tuple[str, str | None, str]:
        if self._exact is None:
            shown = self._shown_draft
            self._exact = ("", None, "") if shown is None else preview_texts(shown)
        return self._exact

    @property
    def request_json(self) -> str:
        """The request JSON exactly as it will be sent ("" before the first render)."""
        return self._exact_texts()[0]

    @property
    def chain_json(self) -> str | None:
        """The CreateContact JSON exactly (None without a chain or before the first render)."""
        return self._exact_texts()[1]

    @property
    def command(self) -> str:
        """The aws command, whole ("" before the first render)."""
        return self._exact_texts()[2]

    # -- the Pane contract ------------------------------------------------------------------

    def load(self, draft: Draft) -> None:
        """Remember the draft; render now if on screen, else when next shown."""
        self._draft = draft
        self._stale = True
        if self.is_on_screen:
            self.render_preview()

    def apply(self, draft: Draft) -> None:
        """The preview edits nothing."""

    def on_show(self) -> None:
        """Render what changed while the pane was hidden."""
        if self._stale:
            self.render_preview()

    def render_preview(self) -> None:
        """Compute the texts from the last draft loaded and show them."""
        draft = self._draft
        if draft is None:
            return
        self._stale = False
        self._shown_draft, self._exact = draft, None
        request_json, chain_json, command = preview_texts(draft, longest=LONGEST_SHOWN)
        title = f"{draft.operation} request (--cli-input-json) · j copies"
        self.query_one("#request-title", Label).update(title)
        chained = chain_json is not None
        self.query_one("#chain-title").set_class(not chained, "-hidden")
        self.query_one("#preview-chain").set_class(not chained, "-hidden")
        self._show_text("preview-chain", chain_json or "")
        self._show_text("preview-json", request_json)
        self._show_text("preview-command", command)
        self._show_template(draft)

    def _show_template(self, draft: Draft) -> None:
        """A TEMPLATE draft: render it (in a worker) when its template or attributes changed."""
        config = template_of(draft)
        self.query_one("#template-title").set_class(config is None, "-hidden")
        self.query_one("#preview-template").set_class(config is None, "-hidden")
        if config == self._template_for:
            return
        self._template_for = config
        if config is None:
            self.post_message(self.TemplateRendered(self, None))
            return
        self._show_text("preview-template", "rendering the template…")
        self._render_template(copy.deepcopy(draft), config)

    @work(thread=True, exclusive=True, group="template")
    def _render_template(self, draft: Draft, config: dict[str, Any]) -> None:
        from connect_tui.runtime import shared_sender

        try:
            client, _ = shared_sender().client_for(draft, "qconnect")
        except Exception as exc:  # noqa: BLE001 - no client (credentials): say why
            rendered = Rendered("", "", "", error=f"{type(exc).__name__}: {exc}".splitlines()[0])
        else:
            rendered = render(client, config)
        self.app.call_from_thread(self._rendered, config, rendered)

    def _rendered(self, config: dict[str, Any], rendered: Rendered) -> None:
        if config != self._template_for:
            return  # the draft changed meanwhile: a newer render is on its way
        if rendered.error:
            text = f"could not render: {rendered.error}"
        else:
            text = f"Subject: {rendered.subject}\n\n{rendered.text}"
            if rendered.missing:
                text += "\n\nnot filled: " + ", ".join(rendered.missing)
        self._show_text("preview-template", shown(text, multiline=True))
        self.post_message(self.TemplateRendered(self, rendered))

    def _show_text(self, id: str, text: str) -> None:
        area = self.query_one(f"#{id}", ReadOnlyText)
        wrap = id == "preview-command" and max(map(len, text.splitlines()), default=0) <= WRAP_LIMIT
        area.soft_wrap = wrap
        area.show(text)  # only what changed: the user's scroll position and selection stay

    # -- actions ----------------------------------------------------------------------------

    def action_copy_json(self) -> None:
        """Copy the request JSON to the clipboard."""
        self._copy("request_json", "Request JSON")

    def action_copy_command(self) -> None:
        """Copy the aws command to the clipboard."""
        self._copy("command", "AWS CLI command")

    def _copy(self, name: str, what: str) -> None:
        if self._stale:
            self.render_preview()
        text = getattr(self, name)
        if not text:
            self.notify("Nothing to copy yet.", severity="warning")
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"{what} copied to the clipboard.", markup=False)
