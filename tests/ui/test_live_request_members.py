"""The live request writes again only the members an edit wrote (Pane.WRITES): each pane
that says which members it writes writes no other, and after its edit the live request is
exactly the request written whole."""

from __future__ import annotations

import copy
from pathlib import Path

from connect_tui.core import variables
from connect_tui.core.request_json import RequestJson
from connect_tui.ui.app import ComposerApp
from connect_tui.ui.widgets.preview import cut_long_strings
from connect_tui.ui.widgets.side_panel import LONGEST_SHOWN, SidePanel
from tests.drafts import largest_legal_draft
from tests.ui.composer_pilot import ready, until


def written_whole(composer: object) -> str:
    draft = composer.draft  # type: ignore[attr-defined]
    resolved, _ = variables.resolve_for_reading(draft.request, draft.variables)
    return RequestJson().text(draft.operation, cut_long_strings(resolved, LONGEST_SHOWN))


async def test_each_pane_writes_only_what_it_says_and_the_request_follows(
    profiles_dir: Path,
) -> None:
    app = ComposerApp(largest_legal_draft())
    async with app.run_test(size=(120, 40)) as pilot:
        composer = await ready(pilot)
        side = composer.query_one(SidePanel)
        await until(pilot, lambda: bool(side.query("#live-request")))
        checked = []
        for pane in list(composer.panes):
            if pane.WRITES is None:
                continue
            await composer.action_show_pane(pane.NAME)
            await pilot.pause()
            before = copy.deepcopy(composer.draft.request)
            await pilot.press("x", "y")
            await pilot.pause()
            after = composer.draft.request
            edited = {m for m in before.keys() | after.keys() if before.get(m) != after.get(m)}
            assert edited <= pane.WRITES, f"{pane.NAME} wrote {edited - pane.WRITES}"
            assert side.live_request.text == written_whole(composer), pane.NAME
            checked.append((pane.NAME, bool(edited)))
        assert sum(1 for _, edited in checked if edited) >= 5, checked
