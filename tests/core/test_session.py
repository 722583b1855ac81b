"""DraftSession without a screen: open, dirty, recovery, save, the session's target override."""

from __future__ import annotations

from pathlib import Path

import pytest

from connect_tui.core import profiles, recovery
from connect_tui.core.defaults import new_draft
from connect_tui.core.files import UserError
from connect_tui.core.model import AWS, SANDBOX, Target
from connect_tui.core.session import DraftSession
from connect_tui.core.target_override import TargetOverride


def saved(name: str, target: Target | None = None) -> Path:
    draft = new_draft(name)
    if target is not None:
        draft.target = target
    path = profiles.path_for(name)
    profiles.save(draft, path)
    return path


def test_a_new_session_is_clean_and_unsaved() -> None:
    session = DraftSession(new_draft())
    assert not session.dirty and session.path is None
    assert not session.write_recovery()  # nothing unsaved: no copy
    assert session.pending_recovery() is None


def test_dirty_writes_one_recovery_copy_until_changed_again(profiles_dir: Path) -> None:
    path = saved("vip")
    session = DraftSession(profiles.load("vip"), path)
    session.draft.request["Name"] = "changed"
    session.mark_dirty()
    assert session.write_recovery()
    assert not session.write_recovery()  # unchanged since: not written again
    assert recovery.find(session.recovery_key) is not None

    # The next session on that file is offered the copy, and restoring it is unsaved.
    again = DraftSession(profiles.load("vip"), path)
    found = again.pending_recovery()
    assert found is not None and found.draft.request["Name"] == "changed"
    again.restore(found)
    assert again.dirty and again.draft.request["Name"] == "changed"

    again.mark_clean()  # discarded: the copy goes
    assert recovery.find(again.recovery_key) is None


def test_a_copy_equal_to_the_file_is_removed_not_offered(profiles_dir: Path) -> None:
    path = saved("same")
    session = DraftSession(profiles.load("same"), path)
    session.mark_dirty()
    session.write_recovery()
    assert DraftSession(profiles.load("same"), path).pending_recovery() is None
    assert recovery.find(session.recovery_key) is None


def test_save_names_the_draft_moves_its_copy_and_is_clean(profiles_dir: Path) -> None:
    session = DraftSession(new_draft())
    session.mark_dirty()
    session.write_recovery()
    unsaved_key = session.recovery_key
    session.save(profiles.path_for("first"), "first")
    assert (session.path, session.draft.name, session.dirty) == (
        profiles.path_for("first"),
        "first",
        False,
    )
    assert recovery.find(unsaved_key) is None
    assert profiles.load("first").name == "first"


def test_a_failed_save_changes_nothing(tmp_path: Path) -> None:
    session = DraftSession(new_draft("x"))
    session.mark_dirty()
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(UserError):
        session.save(blocked / "x.toml", "x")
    assert session.dirty and session.path is None


def test_the_override_is_for_the_session_and_the_file_keeps_its_target(
    profiles_dir: Path,
) -> None:
    path = saved("demo", Target(kind=AWS, region="us-east-1", aws_profile="demo"))
    override = TargetOverride(region="eu-west-2")
    session = DraftSession(profiles.load("demo"), path, override)
    assert session.draft.target.region == "eu-west-2"
    assert session.file_target is not None and session.file_target.region == "us-east-1"
    session.save(path, "demo")
    assert profiles.load("demo").target.region == "us-east-1"

    # A target the user changed in the session is theirs: it is saved.
    session.draft.target = Target(kind=SANDBOX)
    session.save(path, "demo")
    assert profiles.load("demo").target.kind == SANDBOX

    # Every draft opened in the session gets the override.
    other = saved("other", Target(kind=AWS, region="ap-south-1"))
    session.open(profiles.load("other"), other)
    assert session.draft.target.region == "eu-west-2" and not session.dirty


def test_renamed_and_deleted_follow_only_this_draft(profiles_dir: Path) -> None:
    path = saved("mine")
    session = DraftSession(profiles.load("mine"), path)
    assert not session.renamed("someone-else", "x")
    assert session.renamed("mine", "ours")
    assert session.path == profiles.path_for("ours") and session.draft.name == "ours"
    assert not session.deleted("mine")
    assert session.deleted("ours") and session.dirty


def test_a_recovery_copy_taken_before_a_save_is_not_written_after_it(profiles_dir: Path) -> None:
    # The screen writes copies in a thread: one still being written when the user saves
    # must not come back as unsaved changes the next time the draft is opened.
    path = saved("late")
    session = DraftSession(profiles.load("late"), path)
    session.draft.request["Name"] = "typed"
    session.mark_dirty()
    late = session.take_recovery()
    assert late is not None and session.take_recovery() is None  # taken: not due again
    session.mark_clean()
    session.keep_recovery(late)
    assert recovery.find(session.recovery_key) is None


def test_an_older_recovery_copy_never_overwrites_a_newer_one(profiles_dir: Path) -> None:
    path = saved("order")
    session = DraftSession(profiles.load("order"), path)
    session.draft.request["Name"] = "first"
    session.mark_dirty()
    older = session.take_recovery()
    session.draft.request["Name"] = "second"
    session.mark_dirty()
    newer = session.take_recovery()
    assert older is not None and newer is not None
    session.draft.request["Name"] = "third"  # the copies were taken: later edits are not in them
    session.keep_recovery(newer)
    session.keep_recovery(older)
    found = recovery.find(session.recovery_key)
    assert found is not None and found.draft.request["Name"] == "second"


def test_a_copy_written_now_is_on_disk_while_a_thread_still_writes_one(profiles_dir: Path) -> None:
    # The screen's timer takes a copy and writes it in a thread; the crash handler's
    # write_recovery must not count that copy as written before it is on disk.
    path = saved("crash")
    session = DraftSession(profiles.load("crash"), path)
    session.draft.request["Name"] = "typed"
    session.mark_dirty()
    in_flight = session.take_recovery()
    assert in_flight is not None
    assert session.write_recovery()
    found = recovery.find(session.recovery_key)
    assert found is not None and found.draft.request["Name"] == "typed"
    session.keep_recovery(in_flight)  # the thread finishing late writes nothing older
    assert not session.write_recovery()  # both are written now: nothing due
