"""The history keeps a draft's ${variables} unresolved, so a reopened send is the draft as written."""

from __future__ import annotations

from connect_tui.core import history
from connect_tui.core.defaults import new_draft
from connect_tui.core.outcome import SendOutcome
from connect_tui.core.variables import resolve


def _sent(draft_variables: dict[str, str]) -> history.HistoryEntry:
    draft = new_draft("template")
    draft.variables = dict(draft_variables)
    draft.request["EmailMessage"]["RawMessage"]["Subject"] = "Order ${order}"
    request, _ = resolve(draft.request, draft.variables)
    outcome = SendOutcome(
        profile="template",
        operation=draft.operation,
        target="sandbox",
        contact_id="c-1",
        request={**request, "ClientToken": "t-1"},
    )
    history.append(outcome, draft.target, draft)
    return history.read()[-1]


def test_reopen_gives_the_draft_as_written_new_and_unnamed() -> None:
    entry = _sent({"order": "1234"})
    draft = history.to_new_draft(entry)
    assert draft.name == "untitled"
    assert draft.variables == {"order": "1234"}
    assert draft.request["EmailMessage"]["RawMessage"]["Subject"] == "Order ${order}"
    assert "ClientToken" not in draft.request
    # A resend still sends what was sent (variables resolved), with a new token.
    again = history.to_draft(entry)
    assert again.request["EmailMessage"]["RawMessage"]["Subject"] == "Order 1234"
    assert "ClientToken" not in again.request


def test_an_undefined_variable_comes_back_as_written() -> None:
    entry = _sent({})
    draft = history.to_new_draft(entry)
    assert draft.name == "untitled"
    assert draft.request["EmailMessage"]["RawMessage"]["Subject"] == "Order ${order}"
    assert "template" not in entry.summary()


def test_a_draft_without_variables_keeps_no_template() -> None:
    draft = new_draft("plain")
    outcome = SendOutcome(
        profile="plain", operation=draft.operation, target="sandbox", request=draft.request
    )
    history.append(outcome, draft.target, draft)
    entry = history.read()[-1]
    assert entry.template is None
    assert history.to_new_draft(entry).request == draft.request
