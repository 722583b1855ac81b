"""Makes the README's screenshots: SVGs of the real composer, driven by Textual's Pilot.

Run from the repository root:  python -m screenshots.make [--only NAME...]

Every shot starts the real ComposerApp on a fixed draft (tests/drafts.py) in a
throw-away HOME, so no profile, history, theme or setting of yours can show up in a
picture. The "sent" shot really sends to the embedded sandbox, so its ContactId differs
each time the script runs; every other shot is the same on every run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from connect_tui.core.model import Draft

FOLDER = Path(__file__).resolve().parent
SIZE = (110, 34)
THEMES = ("connect-dark", "connect-light", "connect-high-contrast")


def isolate(home: Path) -> None:
    """Point HOME, the XDG folders and AWS settings at `home`; no keyring, no animation.

    Called before Textual is imported: it reads TEXTUAL_ANIMATIONS when imported.
    """
    from tests.isolation import dropped, isolated_variables

    for key in list(os.environ):
        if dropped(key):
            del os.environ[key]
    os.environ.update(isolated_variables(home))


def inbound_draft() -> Draft:
    """The typical inbound draft, addresses written out."""
    from connect_tui.core.model import Draft
    from tests.drafts import typical_inbound_request

    return Draft(name="order-1234-inbound", request=typical_inbound_request())


def outbound_draft() -> Draft:
    """The typical outbound reply, its ContactId made by CreateContact first."""
    from tests.drafts import outbound_chain_draft

    return outbound_chain_draft("order-1234-reply")


def segments_draft() -> Draft:
    """The inbound draft with a deeper segment tree: a list, an ARN and nested maps."""
    draft = inbound_draft()
    draft.request["SegmentAttributes"].update(
        {
            "connect:Tags": {"ValueList": [{"ValueString": "vip"}, {"ValueString": "late"}]},
            "connect:Queue": {
                "ValueArn": "arn:aws:connect:us-east-1:123456789012:instance/"
                "5a2db0c5-0000-4000-8000-00000000c0de/queue/0a1b2c3d-1111-4222-8333-444455556666"
            },
            "order": {
                "ValueMap": {
                    "id": {"ValueString": "1234"},
                    "items": {"ValueInteger": 3},
                    "gift": {"ValueMap": {"wrapped": {"ValueString": "yes"}}},
                }
            },
        }
    )
    return draft


def follow_draft() -> Draft:
    """The inbound draft, run through the sandbox's seeded email flow."""
    from connect_tui.core import sandbox_identity

    draft = inbound_draft()
    draft.request["ContactFlowId"] = sandbox_identity.DEMO_FLOW_ID
    return draft


def draft_with_problems() -> Draft:
    """The inbound draft with five mistakes a person makes."""
    draft = inbound_draft()
    draft.name = "order-1234-mistakes"
    request = draft.request
    request["FromEmailAddress"]["EmailAddress"] = "alice at example"
    request["References"]["placed"] = {"Type": "DATE", "Value": "next tuesday"}
    request["Attributes"]["order id!"] = "1234"
    request["EmailMessage"]["RawMessage"]["ContentType"] = "text/markdown"
    expiry = request["SegmentAttributes"]["connect:ContactExpiry"]
    expiry["ValueMap"]["ExpiryDuration"]["ValueInteger"] = 200_000
    return draft


async def settle(pilot: Pilot[Any], timeout: float = 20.0) -> None:
    """Wait until the model has loaded and the draft has been checked (or `timeout`)."""
    app = pilot.app
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause()
        composer = getattr(app, "composer", None)
        title = str(composer.problems_list.border_title) if composer else ""
        if composer is not None and composer.model_ready and "checking" not in title:
            break
        await asyncio.sleep(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()
    from textual.widgets import Input, TextArea

    # A blinking cursor would be in or out of the picture by chance: keep it shown.
    for widget in app.screen.query("*"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


async def show_pane(pilot: Pilot[Any], key: str) -> None:
    """Show the composer's pane `key` and let it draw."""
    pilot.app.composer.action_show_pane(key)  # type: ignore[attr-defined]
    await pilot.pause()


async def send_and_wait(pilot: Pilot[Any], timeout: float = 60.0) -> None:
    """Press f5 and wait for the send result dialog."""
    from connect_tui.ui.dialogs.send_result import SendResultDialog

    await pilot.press("f5")
    deadline = time.monotonic() + timeout
    while not isinstance(pilot.app.screen, SendResultDialog):
        if time.monotonic() > deadline:
            raise RuntimeError("the send did not finish in time")
        await asyncio.sleep(0.05)
        await pilot.pause()
    await pilot.pause()


async def follow_and_accept(pilot: Pilot[Any], timeout: float = 60.0) -> None:
    """Send, open the follow view, wait for the flow to queue the contact, let the sandbox's
    agent accept it, and stop polling there."""
    from connect_tui.ui.screens.follow import FollowScreen

    await send_and_wait(pilot)
    await pilot.press("f")
    deadline = time.monotonic() + timeout

    def shown() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, FollowScreen) and screen.timeline is not None

    async def wait(condition: Callable[[], bool]) -> None:
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError("the follow view did not show the contact in time")
            await asyncio.sleep(0.05)
            await pilot.pause()

    await wait(shown)
    screen = pilot.app.screen
    assert isinstance(screen, FollowScreen)
    await wait(lambda: any(e.kind == "queued" for e in screen.timeline.events))  # type: ignore[union-attr]
    await pilot.press("a")
    await wait(lambda: any("Accepted" in e.title for e in screen.timeline.events))  # type: ignore[union-attr]
    screen.stop_polling()  # a still picture: the poll worker would never complete
    await pilot.pause()


async def pick_an_address(pilot: Pilot[Any], timeout: float = 60.0) -> None:
    """Focus the destination address, open its picker, and wait for the live list."""
    from textual.widgets import Input

    from connect_tui.ui.dialogs.picker import PickerDialog

    composer = pilot.app.composer  # type: ignore[attr-defined]
    composer.query_one("#destination-address", Input).focus()
    await pilot.pause()
    await pilot.press("f4")
    deadline = time.monotonic() + timeout
    while True:
        screen = pilot.app.screen
        if isinstance(screen, PickerDialog) and screen.listing and not screen.listing.offline:
            break
        if time.monotonic() > deadline:
            raise RuntimeError("the picker did not list the addresses in time")
        await asyncio.sleep(0.05)
        await pilot.pause()
    await pilot.pause()


def template_draft() -> Draft:
    """An outbound draft that sends the sandbox's "Order shipped" template."""
    from connect_tui.sandbox import qconnect

    draft = outbound_draft()
    template = next(t for t in qconnect.TEMPLATES.values() if t.name == "Order shipped")
    draft.request["EmailMessage"] = {
        "MessageSourceType": "TEMPLATE",
        "TemplatedMessageConfig": {
            "KnowledgeBaseId": qconnect.KNOWLEDGE_BASE_ID,
            "MessageTemplateId": template.id,
            "TemplateAttributes": {"CustomAttributes": {"order": "1234"}},
        },
    }
    return draft


async def rendered_template(pilot: Pilot[Any], timeout: float = 60.0) -> None:
    """Show the Preview and wait until the template is rendered."""
    from textual.widgets import TextArea

    await show_pane(pilot, "preview")
    area = pilot.app.composer.query_one("#preview-template", TextArea)  # type: ignore[attr-defined]
    deadline = time.monotonic() + timeout
    while not area.text.startswith("Subject:"):
        if time.monotonic() > deadline:
            raise RuntimeError("the template was not rendered in time")
        await asyncio.sleep(0.05)
        await pilot.pause()
    await pilot.pause()


async def attach_a_file(pilot: Pilot[Any], timeout: float = 60.0) -> None:
    """Attach a small PDF with f3 and wait until its row holds the sandbox's URL."""
    from textual.widgets import Input

    from connect_tui.ui.dialogs.attach_file import AttachFileDialog

    path = Path(os.environ["HOME"]) / "invoice-1234.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 400)
    await pilot.press("f3")
    deadline = time.monotonic() + timeout
    while not isinstance(pilot.app.screen, AttachFileDialog):
        if time.monotonic() > deadline:
            raise RuntimeError("the attach dialog did not open")
        await pilot.pause(0.05)
    pilot.app.screen.query_one("#attach-path", Input).value = str(path)
    await pilot.press("enter")
    composer = pilot.app.composer  # type: ignore[attr-defined]
    while "Attachments" not in composer.draft.request:
        if time.monotonic() > deadline:
            raise RuntimeError("the file was not attached in time")
        await asyncio.sleep(0.05)
        await pilot.pause()
    await pilot.pause()


@dataclass(frozen=True)
class Shot:
    """One screenshot: a file name, the draft, and what to do before taking it."""

    name: str
    draft: Callable[[], Draft]
    before: Callable[[Pilot[Any]], Awaitable[None]]
    theme: str = "connect-dark"
    size: tuple[int, int] = SIZE


def shots() -> list[Shot]:
    """Every screenshot the README shows."""

    def on(key: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
        return lambda pilot: show_pane(pilot, key)

    async def nothing(pilot: Pilot[Any]) -> None:
        await pilot.pause()

    listed = [
        Shot("inbound", inbound_draft, nothing),
        Shot("inbound-message", inbound_draft, on("message")),
        Shot("outbound", outbound_draft, nothing),
        Shot("outbound-contact", outbound_draft, on("contact")),
        Shot("segments", segments_draft, on("segments")),
        Shot("problems", draft_with_problems, nothing),
        Shot("sent", inbound_draft, send_and_wait),
        Shot("follow", follow_draft, follow_and_accept, size=(120, 40)),
        Shot("picker", inbound_draft, pick_an_address, size=(120, 40)),
        Shot("template-preview", template_draft, rendered_template, size=(120, 40)),
        Shot("attachment", inbound_draft, attach_a_file, size=(120, 40)),
    ]
    listed += [
        Shot(f"theme-{theme}", draft_with_problems, on("message"), theme) for theme in THEMES
    ]
    return listed


async def take(shot: Shot, folder: Path) -> Path:
    """Run the app for one shot and save its SVG; return the file."""
    from connect_tui.ui.app import ComposerApp

    app = ComposerApp(shot.draft(), None)
    async with app.run_test(size=shot.size) as pilot:
        app.theme = shot.theme
        await settle(pilot)
        await shot.before(pilot)
        await settle(pilot)
        path = folder / f"{shot.name}.svg"
        app.save_screenshot(path.name, str(folder))
    return path


def main() -> None:
    """Make the screenshots (all, or those named) in screenshots/."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", nargs="*", metavar="NAME", help="make only these shots")
    parser.add_argument("--output", type=Path, default=FOLDER, help="folder for the SVGs")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="connect-tui-shots-"))
    try:
        isolate(home)
        chosen = [shot for shot in shots() if not args.only or shot.name in args.only]
        unknown = set(args.only or ()) - {shot.name for shot in shots()}
        if unknown:
            parser.error(f"no shot named {sorted(unknown)[0]!r}")
        args.output.mkdir(parents=True, exist_ok=True)
        for shot in chosen:
            print(asyncio.run(take(shot, args.output)))
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
