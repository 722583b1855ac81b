"""Pilot tests of the composer app: start, first frame, keys and keymap, help, literal text."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from connect_tui.core import profiles
from connect_tui.core.defaults import new_draft
from connect_tui.core.files import UserError
from connect_tui.core.model import OUTBOUND
from connect_tui.ui.app import ComposerApp, open_argument, run
from connect_tui.ui.dialogs.help import HelpDialog
from connect_tui.ui.screens.composer import PANE_KEYS
from connect_tui.ui.widgets.draft_bar import DraftBar
from tests.ui.composer_pilot import Recorder, ready, screen_text, top_screen, until


def args(profile: str | None = None, **options: object) -> argparse.Namespace:
    values: dict[str, object] = {
        "profile": profile,
        "endpoint_url": None,
        "region": None,
        "aws_profile": None,
        "sandbox": False,
    }
    values.update(options)
    return argparse.Namespace(**values)


async def test_starts_on_a_new_draft_with_no_problems(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        assert composer.draft_bar.name_text == "untitled"
        assert composer.path is None
        assert composer.problems == []
        assert composer.problems_list.border_title == "Problems: none"
        assert not composer.dirty


async def test_starts_on_a_saved_profile(profiles_dir: Path) -> None:
    draft = new_draft("vip", OUTBOUND)
    profiles.save(draft, profiles.path_for("vip"))
    app = ComposerApp(*open_argument("vip"))
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        assert composer.draft_bar.name_text == "vip"
        assert composer.draft.operation == OUTBOUND
        assert composer.path == profiles.path_for("vip")
        assert composer.has_class("-wide")


def test_a_name_not_saved_yet_is_a_new_draft_of_that_name(profiles_dir: Path) -> None:
    draft, path = open_argument("brand-new")
    assert draft.name == "brand-new"
    assert path == profiles_dir / "brand-new.toml"
    assert not path.exists()


def test_an_unreadable_profile_stops_before_drawing(profiles_dir: Path) -> None:
    (profiles_dir / "broken.toml").write_text("name = \n")
    with pytest.raises(UserError, match="broken.toml: not valid TOML"):
        run(args("broken"))
    with pytest.raises(UserError, match="cannot name a profile"):
        run(args("bad name!"))
    with pytest.raises(UserError, match="--sandbox cannot be combined"):
        run(args(None, sandbox=True, region="us-east-1"))


async def test_target_options_apply_for_the_session_only(profiles_dir: Path) -> None:
    profiles.save(new_draft("demo"), profiles.path_for("demo"))
    draft, path = open_argument("demo")
    app = ComposerApp(draft, path, target_options=args("demo", region="eu-west-2"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        assert composer.draft.target.kind == "aws"
        assert "eu-west-2" in composer.draft_bar.target_text
        composer.mark_dirty()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not composer.dirty
    assert profiles.load("demo").target.kind == "sandbox"  # the file keeps its own target


def test_first_frame_comes_before_boto3_botocore_and_keyring(cli_env: dict[str, str]) -> None:
    # A fresh interpreter. The draft name is rendered while the first frame is composed:
    # record what is imported at that moment, then let the model load and check it did.
    # The wait is for a state, with a deadline only against a hang: on a loaded machine
    # (CI runs 4 workers on 2 cores) the first frame alone has taken 13 s and the model 38.
    script = """
import asyncio, json, sys, time
from textual.widgets import Static
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.widgets.draft_bar import DraftBarSketch

seen = {}
times = {}
start = time.monotonic()

def first_drawn(name):
    if "heavy" not in seen:
        seen["heavy"] = sorted(m for m in ("boto3", "botocore", "keyring") if m in sys.modules)
        seen["name"] = name
        times["frame"] = round(time.monotonic() - start, 1)

# The draft's name is drawn by the draft bar, or in the first frame by its sketch.
original, original_sketch = Static.render, DraftBarSketch.render

def spy(self):
    if self.has_class("draft-bar--name"):
        first_drawn(str(self.content))
    return original(self)

def sketch_spy(self):
    first_drawn(self._bar.name_text)
    return original_sketch(self)

Static.render, DraftBarSketch.render = spy, sketch_spy

async def main():
    app = ComposerApp()
    async with app.run_test(size=(80, 24)):
        # Not pilot.pause: it gives up after 30 s of a busy screen (WaitForScreenTimeout).
        while not app.composer.model_ready and time.monotonic() - start < 100:
            await asyncio.sleep(0.05)
        times["ready"] = round(time.monotonic() - start, 1)
        seen["ready"] = app.composer.model_ready
        seen["after"] = "botocore" in sys.modules

asyncio.run(main())
print(json.dumps(times))
print(json.dumps(seen))
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=cli_env,
        timeout=150,
        check=True,
    )
    *_, times, seen = (json.loads(line) for line in result.stdout.strip().splitlines()[-2:])
    assert seen == {"heavy": [], "name": "untitled", "ready": True, "after": True}, times


async def test_keymap_in_settings_rebinds_a_key(isolated_home: Path) -> None:
    from connect_tui.core import paths

    paths.ensure_private_dir(paths.config_dir())
    paths.settings_file().write_text('[keymap]\n"composer.help" = "f2"\n')
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpDialog)
        await pilot.press("f2")
        await top_screen(pilot, HelpDialog)


async def test_the_palette_shows_the_keys_of_the_keymap(isolated_home: Path) -> None:
    # Hints come from the binding ids: after a rebind the palette names the new keys.
    from connect_tui.core import paths

    paths.ensure_private_dir(paths.config_dir())
    paths.settings_file().write_text(
        '[keymap]\n"composer.send" = "f7,ctrl+r"\n"composer.pane_message" = "alt+e"\n'
    )
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        helps = {command.title: command.help for command in app.get_system_commands(composer)}
        assert helps["Send"] == "Send the draft (f7 or ctrl+r)"
        assert helps["Save"] == "Save the draft (ctrl+s)"
        assert helps["Pane: Message"] == "Show the Message pane (alt+e)"
        assert helps["Pane: Addresses"].startswith("Show the Addresses pane (alt+a")


async def test_a_bad_settings_file_is_one_notice_naming_it(isolated_home: Path) -> None:
    from connect_tui.core import paths

    paths.ensure_private_dir(paths.config_dir())
    paths.settings_file().write_text("keymap = 3\n")
    recorder = Recorder()
    app = ComposerApp()
    async with app.run_test(size=(80, 24), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        mentions = [n for n in recorder.notices if str(paths.settings_file()) in n]
        assert len(mentions) == 1
        await pilot.press("f1")  # default keys still work
        await top_screen(pilot, HelpDialog)


async def test_an_unknown_binding_id_in_the_keymap_is_named(isolated_home: Path) -> None:
    from connect_tui.core import paths

    paths.ensure_private_dir(paths.config_dir())
    paths.settings_file().write_text(
        '[keymap]\n"composer.sned" = "f2"\n"history.resend" = "f3"\n"profiles.rename" = "f4"\n'
    )
    recorder = Recorder()
    app = ComposerApp()
    async with app.run_test(size=(80, 24), message_hook=recorder.hook) as pilot:
        await ready(pilot)
        named = [notice for notice in recorder.notices if "unknown binding id" in notice]
        assert len(named) == 1 and "'composer.sned'" in named[0]
        assert "more" not in named[0]  # the ids of screens not shown yet are known too


async def test_a_draft_name_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    draft = new_draft("[bold]x[/bold] [link=x]y")
    path.write_text(profiles.dumps(draft))
    app = ComposerApp(*open_argument(str(path)))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        assert composer.draft.name == "[bold]x[/bold] [link=x]y"
        assert composer.query_one(DraftBar).name_text == "[bold]x[/bold] [link=x]y"
        assert "[bold]x[/bold] [link=x]y" in screen_text(app)


async def test_f1_shows_the_focused_panes_help(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await pilot.press("alt+m")
        await pilot.pause()
        assert composer.active_pane == "message"
        await pilot.press("f1")
        dialog = await top_screen(pilot, HelpDialog)
        assert dialog.title_text == f"Help: {composer.pane('message').TITLE}"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is composer


async def test_panes_switch_by_keys_in_order(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        seen = [composer.active_pane]
        for _ in range(10):
            await pilot.press("ctrl+pagedown")
            await pilot.pause()
            seen.append(composer.active_pane)
        assert seen == [
            "addresses",
            "recipients",
            "message",
            "references",
            "attributes",
            "segments",
            "attachments",
            "contact",
            "target",
            "preview",
            "addresses",
        ]
        await pilot.press("ctrl+pageup")
        await pilot.pause()
        assert composer.active_pane == "preview"


async def test_alt_letter_shows_each_pane_and_focuses_its_first_field(
    profiles_dir: Path,
) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        for key, pane_key in PANE_KEYS.items():
            await pilot.press(pane_key)
            await pilot.pause()
            await pilot.pause()
            assert composer.active_pane == key
            if key in ("addresses", "message", "contact"):
                # Panes with fields on a new inbound draft: ready to type at once.
                assert app.focused is not None
                assert composer.pane(key) in app.focused.ancestors


async def test_every_action_is_in_the_command_palette(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        titles = {command.title for command in app.get_system_commands(composer)}
        for expected in (
            "Send",
            "Save",
            "Save as…",
            "Drafts",
            "New draft",
            "History",
            "Help",
            "Problems",
            "Copy ContactId",
            "Switch to outbound",
            "Pane: Preview",
            "Quit",
        ):
            assert expected in titles


async def test_the_palette_runs_a_composer_action(profiles_dir: Path) -> None:
    from connect_tui.ui.screens.history import HistoryScreen

    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"history")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await top_screen(pilot, HistoryScreen)


async def test_the_palette_opens_a_saved_draft_by_name(profiles_dir: Path) -> None:
    profiles.save(new_draft("zebra", OUTBOUND), profiles.path_for("zebra"))
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"open draft zebra")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: composer.draft.name == "zebra")
        assert composer.path == profiles.path_for("zebra")


async def test_alt_letter_from_a_real_terminal_is_not_typed_into_the_field(
    profiles_dir: Path,
) -> None:
    # A terminal sends alt+s as ESC s; Textual's parser makes it Key("alt+s", "s"), whose
    # character a focused Input would type unless the binding comes first (pilot.press
    # sends no character, so it cannot show this).
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        field = app.focused
        assert isinstance(field, Input)
        before = field.value
        app.post_message(events.Key("alt+s", "s"))
        await pilot.pause()
        await pilot.pause()
        assert composer.active_pane == "segments"
        assert field.value == before
