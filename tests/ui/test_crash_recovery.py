"""If the composer dies from an exception, the unsaved draft is kept first and offered back.

An error is injected into the handling of a key (the Addresses pane's `apply` raises), so
the app goes down through Textual's own path for an unhandled error; the recovery copy
must already hold the edit made before, and the next start on that draft must offer it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_tui.core import profiles, recovery
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import Draft
from connect_tui.ui.app import ComposerApp, open_argument
from connect_tui.ui.dialogs.choice import ChoiceDialog
from connect_tui.ui.screens import drafts
from connect_tui.ui.widgets.addresses import AddressesPane
from tests.ui.composer_pilot import ready, top_screen
from tests.ui.form_keys import retype
from tests.ui.keys_burst import burst


class Injected(RuntimeError):
    """The error the test makes the app die from."""


def from_address(draft: Draft) -> str:
    return str(draft.request["FromEmailAddress"]["EmailAddress"])


@pytest.mark.slow
async def test_an_exception_keeps_the_draft_and_the_next_start_offers_it(
    profiles_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profiles.save(new_draft("demo"), profiles.path_for("demo"))
    # No copy from the 3-second timer: the one found must be the one written on the error.
    monkeypatch.setattr(drafts, "RECOVERY_INTERVAL", 3600.0)
    app = ComposerApp(*open_argument("demo"))
    with pytest.raises(Injected):
        async with app.run_test(size=(80, 24)) as pilot:
            composer = await ready(pilot)
            field = composer.pane("addresses").query("Input").first()
            await retype(pilot, field, "kept@example.com")  # type: ignore[arg-type]
            assert composer.dirty and recovery.find("demo") is None

            def broken(self: AddressesPane, draft: Draft) -> None:
                raise Injected("injected for the test")

            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(AddressesPane, "apply", broken)
                await burst(pilot, "x")  # the next key's edit raises: the app goes down
    assert app.return_code == 1
    found = recovery.find("demo")
    assert found is not None and from_address(found.draft) == "kept@example.com"

    again = ComposerApp(*open_argument("demo"))
    async with again.run_test(size=(80, 24)) as pilot:
        dialog = await top_screen(pilot, ChoiceDialog)
        assert dialog.title_text == "Restore unsaved changes?"
        await burst(pilot, "r")
        composer = await ready(pilot)
        assert from_address(composer.draft) == "kept@example.com"
        assert composer.dirty
