"""Pilot tests of the composer screen: validation as you type, the Problems list, the switch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input

from connect_tui.core import profiles
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import INBOUND, OUTBOUND, Draft, Target
from connect_tui.core.problems import CREATE_CONTACT, TARGET, VARIABLES, Problem
from connect_tui.ui.app import ComposerApp, open_argument
from connect_tui.ui.widgets.operation import OperationSwitch
from connect_tui.ui.widgets.pane import INVALID
from connect_tui.ui.widgets.problems import ProblemsList
from connect_tui.ui.widgets.rows import RowCell
from tests.ui.composer_pilot import ready, screen_text
from tests.ui.form_keys import retype


def saved_with_bad_from(name: str = "bad") -> None:
    draft = new_draft(name)
    draft.request["FromEmailAddress"]["EmailAddress"] = "not-an-address"
    profiles.save(draft, profiles.path_for(name))


async def test_problems_appear_once_the_model_has_loaded(profiles_dir: Path) -> None:
    saved_with_bad_from()
    app = ComposerApp(*open_argument("bad"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        paths = [problem.path for problem in composer.problems]
        assert "FromEmailAddress.EmailAddress" in paths
        listed = composer.problems_list
        assert [p.path for p in listed.problems] == sorted(
            paths,
            key=lambda path: not next(p for p in composer.problems if p.path == path).is_error,
        )
        assert listed.border_title.startswith("Problems: 1 error")
        assert listed.has_class("-errors")
        assert "FromEmailAddress.EmailAddress" in screen_text(app)


async def test_choosing_a_problem_focuses_its_field(profiles_dir: Path) -> None:
    saved_with_bad_from()
    app = ComposerApp(*open_argument("bad"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        await pilot.press("alt+m")  # away from the field's pane
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.focused, ProblemsList)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        problem = composer.problems_list.problems[0]
        pane = composer.owner_of(problem)
        assert pane is composer.pane("addresses")
        assert composer.active_pane == "addresses"
        field = pane.field_for(problem)
        assert field is not None and app.focused is field
        assert field.has_class(INVALID)


async def test_typing_revalidates_and_marks_the_draft_dirty(profiles_dir: Path) -> None:
    saved_with_bad_from()
    app = ComposerApp(*open_argument("bad"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        assert not composer.draft_bar.has_class("-dirty")
        problem = composer.problems[0]
        field = composer.pane("addresses").field_for(problem)
        assert isinstance(field, Input)
        checks = 0
        original = composer.checking.check  # every check runs it

        def counting() -> None:
            nonlocal checks
            checks += 1
            original()

        composer.checking.check = counting  # type: ignore[method-assign]
        await retype(pilot, field, "fixed@example.com")
        assert composer.draft.request["FromEmailAddress"]["EmailAddress"] == "fixed@example.com"
        assert composer.problems == []
        assert not field.has_class(INVALID)
        assert composer.problems_list.border_title == "Problems: none"
        assert composer.dirty and composer.draft_bar.has_class("-dirty")
        assert checks >= 1
        # Edits that arrive together (a burst of keys) are validated once.
        checks = 0
        for _ in range(5):
            composer.pane("addresses").changed()
        await pilot.pause()
        assert checks == 1


async def test_the_operation_switch_converts_and_reloads(profiles_dir: Path) -> None:
    app = ComposerApp(new_draft("flip"))
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        switch = composer.query_one(OperationSwitch)
        switch.focus()
        await pilot.press("right")  # Inbound -> Outbound
        await pilot.pause()
        await pilot.pause()
        assert composer.draft.operation == OUTBOUND
        assert composer.draft.create_contact is not None
        assert composer.dirty
        composer.set_operation(INBOUND)
        await pilot.pause()
        assert switch.operation == INBOUND
        assert composer.draft.request == new_draft("flip").request


async def test_problems_outside_the_request_go_to_their_panes(profiles_dir: Path) -> None:
    app = ComposerApp()
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        assert composer.owner_of(Problem(("region",), "x", section=TARGET)) is composer.pane(
            "target"
        )
        assert composer.owner_of(Problem(("x",), "x", section=VARIABLES)) is composer.pane("target")
        chain = Problem(("UserInfo", "UserId"), "x", section=CREATE_CONTACT)
        assert composer.owner_of(chain) in (composer.pane("contact"),) or composer.owner_of(
            chain
        ).owns(chain)
        assert composer.owner_of(Problem(("Attributes",), "x")) is composer.pane("attributes")


async def test_usable_at_80x24_and_roomy_at_120x40(profiles_dir: Path) -> None:
    saved_with_bad_from()
    for size, layout in (((80, 24), "-narrow"), ((120, 40), "-wide")):
        app = ComposerApp(*open_argument("bad"))
        async with app.run_test(size=size) as pilot:
            composer = await ready(pilot)
            assert composer.has_class(layout)
            problems = composer.problems_list.region
            panes = composer.query_one("#panes").region
            assert problems.height >= 4 and panes.height >= 10
            if layout == "-wide":
                # A column beside the form, under the tab bar (which keeps the full width).
                form = composer.query_one("#pane-stack").region
                assert problems.x >= form.right - 1 and problems.width >= 30
                assert problems.y >= form.y
            else:
                assert problems.y >= panes.bottom - 1


def draft_with_target_error() -> Draft:
    draft = new_draft("t")
    draft.target = Target(kind="aws", region="nowhere")
    return draft


def draft_with_chain_error() -> Draft:
    draft = new_draft("c", OUTBOUND)
    assert draft.create_contact is not None
    draft.create_contact["UserInfo"]["UserId"] = ""
    return draft


def draft_with_variable_error() -> Draft:
    draft = new_draft("v")
    draft.variables = {"bad name": "1"}
    return draft


@pytest.mark.parametrize(
    ("make", "tab"),
    [
        (draft_with_target_error, "target"),
        (draft_with_chain_error, "contact"),
        (draft_with_variable_error, "target"),
    ],
)
async def test_problems_outside_the_request_focus_their_field(
    profiles_dir: Path, make: Callable[[], Draft], tab: str
) -> None:
    app = ComposerApp(make())
    async with app.run_test(size=(80, 24)) as pilot:
        composer = await ready(pilot)
        errors = [p for p in composer.problems if p.is_error]
        assert len(errors) == 1, errors
        composer.problems_list.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert composer.active_pane == tab
        pane = composer.owner_of(errors[0])
        assert pane is not None
        field = pane.field_for(errors[0])
        assert field is not None
        # A field is focused itself; a RowList's cell, through the row's live fields.
        assert field.has_focus if isinstance(field, RowCell) else app.focused is field
