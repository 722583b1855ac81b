"""TOML profiles: round trip, atomic 0600 saves, one-line refusals, nothing lost."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from connect_tui.core import paths, profiles
from connect_tui.core.conversion import switch_operation
from connect_tui.core.defaults import new_draft
from connect_tui.core.model import OUTBOUND, Target
from connect_tui.core.profiles import ProfileError
from tests.drafts import largest_legal_draft, typical_draft, typical_outbound_draft


def test_profiles_live_under_xdg_config_home(isolated_home: Path) -> None:
    assert paths.profiles_dir() == isolated_home / ".config" / "connect-tui" / "profiles"
    assert profiles.path_for("vip") == paths.profiles_dir() / "vip.toml"
    assert profiles.path_for("./vip.toml") == Path("./vip.toml")
    assert profiles.path_for("drafts/vip") == Path("drafts/vip")


@pytest.mark.parametrize(
    "draft_factory",
    [typical_draft, typical_outbound_draft, largest_legal_draft, new_draft],
    ids=["typical", "outbound", "largest", "new"],
)
def test_round_trip_is_exact(draft_factory, profiles_dir: Path) -> None:
    draft = draft_factory()
    draft.name = "round"
    draft.target = Target(
        kind="aws",
        region="eu-west-2",
        aws_profile="demo",
        credentials="keyring",
        flow_log_group="/aws/connect/demo",
    )
    path = profiles.path_for("round")
    profiles.save(draft, path)
    assert profiles.load("round") == draft


def test_round_trip_keeps_chain_and_parked_fields(profiles_dir: Path) -> None:
    draft = switch_operation(typical_draft(), OUTBOUND)
    assert draft.create_contact and draft.parked
    profiles.save(draft, profiles.path_for(draft.name))
    assert profiles.load(draft.name) == draft


def test_multiline_body_is_readable_in_the_file(profiles_dir: Path) -> None:
    draft = typical_draft()
    path = profiles.path_for("typical")
    profiles.save(draft, path)
    text = path.read_text()
    assert '"""' in text and "my order has not arrived yet.\nAlice" in text
    assert text.startswith("format = 1\n")


def test_crlf_in_a_body_and_a_name_is_kept(profiles_dir: Path) -> None:
    # tomli-w writes CR LF inside a multi-line string as LF: a mail body pasted or imported
    # with CR LF line ends must still read back byte for byte (hypothesis found the name).
    draft = typical_draft()
    draft.request["Name"] = "\r\n"
    draft.request["EmailMessage"]["RawMessage"]["Body"] = "Hello,\r\nline two\r\n\nand LF\n"
    text = profiles.dumps(draft)
    back = profiles.loads(text, source="crlf.toml", default_name="x")
    assert back.request == draft.request
    assert "\r\n" not in text  # escaped, so no editor or reader can fold it


def test_save_is_private_and_atomic(isolated_home: Path) -> None:
    profiles_dir = paths.profiles_dir()
    assert not profiles_dir.exists()
    path = profiles.path_for("typical")
    profiles.save(typical_draft(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in profiles_dir.iterdir()] == ["typical.toml"]  # no temp file left


def test_failed_save_leaves_the_old_file_and_no_temp(profiles_dir: Path, monkeypatch) -> None:
    path = profiles.path_for("typical")
    profiles.save(typical_draft(), path)
    before = path.read_bytes()

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    changed = typical_draft()
    changed.request["Name"] = "changed"
    with pytest.raises(ProfileError, match="cannot save: No space left on device"):
        profiles.save(changed, path)
    assert path.read_bytes() == before
    assert [p.name for p in profiles_dir.iterdir()] == ["typical.toml"]


def test_unwritable_draft_changes_nothing(profiles_dir: Path) -> None:
    path = profiles.path_for("typical")
    profiles.save(typical_draft(), path)
    before = path.read_bytes()
    broken = typical_draft()
    broken.request["Attributes"]["x"] = None  # TOML has no null
    with pytest.raises(ProfileError, match="cannot be written as TOML"):
        profiles.save(broken, path)
    assert path.read_bytes() == before


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


HOSTILE = [
    (
        "bad.toml",
        'format = 1\nname = "x\n',
        r"bad\.toml: not valid TOML: .*\(at line 2, column \d+\)",
    ),
    ("dup.toml", "format = 1\nformat = 2\n", r"dup\.toml: not valid TOML: .*line 2"),
    ("binary.toml", b"format = 1\nname = '\xff\xfe'\n", r"binary\.toml:2:9: not UTF-8 text"),
    ("nul.toml", "format = 1\n\x00\n", r"nul\.toml:2: contains a NUL byte"),
    (
        "deep.toml",
        "x = " + "[" * 100_000 + "]" * 100_000,
        r"deep\.toml: (nested too deeply|not valid TOML)",
    ),
    ("unknown.toml", 'format = 1\ncolour = "red"\n', r"unknown key colour; allowed: format, name"),
    (
        "target.toml",
        '[target]\nkind = "aws"\nzone = "a"\n',
        r"unknown key target\.zone; allowed in target",
    ),
    ("secret.toml", '[target]\naws_secret_access_key = "abc"\n', r"secrets never go in a profile"),
    ("future.toml", "format = 9\n", r"format: is 9, newer than this connect-tui understands \(1\)"),
    (
        "optype.toml",
        'operation = "SendEmail"\n',
        r"operation: is 'SendEmail'; use StartEmailContact or",
    ),
    ("reqtype.toml", 'request = "hello"\n', r"request: must be a table"),
    ("vartype.toml", "[variables]\ncount = 3\n", r"variables\.count: must be text"),
    (
        "date.toml",
        "[request]\nName = 2026-01-01\n",
        r"request\.Name: a TOML date cannot go in a request",
    ),
    (
        "nan.toml",
        "[request.Attributes]\nx = nan\n",
        r"request\.Attributes\.x: must be a finite number",
    ),
    ("region.toml", "[target]\nregion = 5\n", r"target\.region: must be text"),
]


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_give_one_line_and_stay_untouched(
    tmp_path: Path, name: str, content: str | bytes, message: str
) -> None:
    path = write(tmp_path, name, content)
    before = path.read_bytes()
    with pytest.raises(ProfileError, match=message) as caught:
        profiles.load(str(path))
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before


def test_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(ProfileError, match="is not a regular file"):
        profiles.load(str(fifo))  # would hang if it were opened
    with pytest.raises(ProfileError, match="is a folder"):
        profiles.load(str(tmp_path) + "/")
    with pytest.raises(ProfileError, match="no such profile"):
        profiles.load("missing")


def test_huge_file_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as handle:
        handle.truncate(profiles.MAX_PROFILE_BYTES + 1)
    with pytest.raises(ProfileError, match="a profile may be at most"):
        profiles.load(str(path))


@pytest.mark.parametrize("name", ["", "a b", "../x", "x/y", ".hidden", "a" * 65, "x.toml"])
def test_bad_profile_names(name: str) -> None:
    with pytest.raises(ProfileError):
        profiles.check_name(name)


def test_missing_format_and_name_default(tmp_path: Path) -> None:
    path = write(tmp_path, "bare.toml", '[request]\nInstanceId = "i"\n')
    draft = profiles.load(str(path))
    assert draft.name == "bare" and draft.request == {"InstanceId": "i"}
    assert draft.target == Target()


def test_list_duplicate_rename_delete(profiles_dir: Path) -> None:
    profiles.save(typical_draft(), profiles.path_for("b-draft"))
    profiles.save(typical_draft(), profiles.path_for("a-draft"))
    (profiles_dir / ".b-draft.toml.123.tmp").write_text("junk")  # a temp file is not a profile
    assert [p.name for p in profiles.list_profiles()] == ["a-draft", "b-draft"]

    copy = profiles.duplicate("a-draft", "c-draft")
    assert copy.name == "c-draft" and profiles.load("c-draft").request == typical_draft().request
    with pytest.raises(ProfileError, match="already exists"):
        profiles.duplicate("a-draft", "b-draft")

    profiles.rename("c-draft", "d-draft")
    assert not profiles.exists("c-draft") and profiles.load("d-draft").name == "d-draft"

    profiles.delete("d-draft")
    assert [p.name for p in profiles.list_profiles()] == ["a-draft", "b-draft"]
    with pytest.raises(ProfileError, match="no such profile"):
        profiles.delete("d-draft")


def test_name_in_the_profiles_folder_is_the_file_name(profiles_dir: Path) -> None:
    draft = typical_draft()
    draft.name = "something-else"
    profiles.save(draft, profiles.path_for("vip"))
    assert profiles.load("vip").name == "vip"
