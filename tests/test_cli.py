"""The `connect-tui` command tells verbs from a PROFILE without building the verbs' parsers."""

from __future__ import annotations

from connect_tui import cli


def test_the_verb_names_match_the_verb_parsers() -> None:
    _, verbs = cli.build_verb_parser()
    assert cli.VERBS == verbs
