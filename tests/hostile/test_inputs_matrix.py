"""Hostile inputs against every verb: each attack, nesting 1 to 10,000, broken files.

The verbs run in this process through `connect_tui.cli.main` (the same code path as the
command, its stream guard included; fast enough to cover the whole matrix), and a FIFO
as a subprocess with a time limit (a verb that opened it would hang). Every run: no
traceback, an exit code from the documented ones, at most one line on stderr per file
that cannot be read, nothing unsafe on stdout or stderr, and no input file changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from connect_tui import cli
from connect_tui.core import profiles
from connect_tui.core.defaults import new_draft
from connect_tui.core.nesting import MAX_DEPTH
from tests.hostile.hostile_data import ATTACKS, raw_unsafe, save_hostile

VERBS = {
    "validate": ["validate", "{path}"],
    "validate-json": ["validate", "{path}", "--output", "json"],
    "dry-run": ["send", "{path}", "--dry-run"],
    "dry-run-json": ["send", "{path}", "--dry-run", "--output", "json"],
    "export-json": ["export", "{path}"],
    "export-aws-cli": ["export", "{path}", "--format", "aws-cli"],
    "export-boto3": ["export", "{path}", "--format", "boto3"],
    "export-toml": ["export", "{path}", "--format", "toml"],
}


def run_verb(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(arguments)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert raw_unsafe(out) == [], out[:300]
    assert raw_unsafe(err) == [], err[:300]
    return code, out, err


@pytest.mark.parametrize("attack", ATTACKS, ids=list(ATTACKS))
def test_every_verb_shows_each_attack_escaped(
    attack: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = save_hostile(tmp_path, ATTACKS[attack])
    before = path.read_bytes()
    for name, arguments in VERBS.items():
        code, out, _ = run_verb([a.format(path=path) for a in arguments], capsys)
        assert code in (0, 1), name
        if name.endswith("json"):
            for line in out.splitlines() if "export" not in name else [out]:
                json.loads(line)
    assert path.read_bytes() == before


def deep_inline(depth: int) -> str:
    """A profile whose Attributes value is `depth` inline tables deep."""
    head = profiles.dumps(new_draft("deep"))
    return head + "\n[request.Attributes]\nx = " + "{a = " * depth + '"1"' + "}" * depth + "\n"


def deep_headers(depth: int) -> str:
    """A profile whose request has a table `depth` levels deep by dotted headers (no recursion)."""
    head = profiles.dumps(new_draft("deep"))
    return head + "\n[request.Attributes." + ".".join(["a"] * depth) + "]\nb = 1\n"


@pytest.mark.parametrize("depth", [1, 100, 1_000, 10_000])
@pytest.mark.parametrize("shape", [deep_inline, deep_headers], ids=["inline", "headers"])
def test_nesting_is_read_or_refused_in_one_line(
    depth: int, shape: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(shape(depth))  # type: ignore[operator]
    before = path.read_bytes()
    for name in ("validate", "dry-run-json", "export-boto3", "export-toml"):
        code, _, err = run_verb([a.format(path=path) for a in VERBS[name]], capsys)
        assert code in (0, 1, 2), name
        if depth + 3 > MAX_DEPTH:
            assert code == 2 and str(path) in err, (name, err)
            assert len([line for line in err.splitlines() if "deep" in line]) == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize("depth", [1, 100, 1_000, 10_000])
@pytest.mark.parametrize("form", ["json", "yaml"])
def test_import_of_deep_json_or_yaml_is_read_or_refused_in_one_line(
    depth: int, form: str, tmp_path: Path, profiles_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if form == "json":
        text = '{"InstanceId": "i", "Attributes": ' + '{"a": ' * depth + '"1"' + "}" * depth + "}"
    else:
        text = "InstanceId: i\nAttributes: " + "{a: " * depth + "'1'" + "}" * depth + "\n"
    path = tmp_path / f"in.{form}"
    path.write_text(text)
    arguments = ["import", str(path), "--operation", "start-email-contact", "--name", "d"]
    code, _, err = run_verb(arguments, capsys)
    assert code in (0, 2)
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and str(path) in err
        assert not (profiles_dir / "d.toml").exists()
    assert path.read_text() == text


def broken_files(folder: Path) -> dict[str, Path]:
    """A folder, a dangling symlink, a symlink loop, a huge sparse file, binary, empty."""
    good = folder / "good.toml"
    profiles.save(new_draft("good"), good)
    cases = {"folder": folder / "a-folder.toml"}
    cases["folder"].mkdir()
    cases["dangling"] = folder / "dangling.toml"
    cases["dangling"].symlink_to(folder / "nowhere.toml")
    cases["loop"] = folder / "loop.toml"
    cases["loop"].symlink_to(cases["loop"])
    cases["huge"] = folder / "huge.toml"
    with cases["huge"].open("wb") as file:
        file.truncate(profiles.MAX_PROFILE_BYTES + 1)
    cases["binary"] = folder / "binary.toml"
    cases["binary"].write_bytes(b"format = 1\n\xff\xfe\x00\x1b[2J")
    cases["empty"] = folder / "empty.toml"
    cases["empty"].write_bytes(b"")
    cases["symlink"] = folder / "link.toml"
    cases["symlink"].symlink_to(good)
    return cases


def test_broken_files_are_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for case, path in broken_files(tmp_path).items():
        for name in ("validate", "dry-run", "export-json"):
            code, _, err = run_verb([a.format(path=path) for a in VERBS[name]], capsys)
            if case in ("symlink", "empty"):
                assert code in (0, 1), (case, name, err)
                continue
            assert code == 2, (case, name, err)
            lines = [line for line in err.splitlines() if not line.startswith("checked ")]
            assert len(lines) == 1 and path.name in lines[0], (case, name, err)
        arguments = ["import", str(path), "--operation", "start-email-contact", "--name", "b"]
        if case not in ("symlink", "empty"):
            code, _, err = run_verb(arguments, capsys)
            assert code == 2 and len(err.strip().splitlines()) == 1, (case, err)


def test_a_fifo_is_refused_not_read(tmp_path: Path, cli_env: dict[str, str]) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    for arguments in (["validate", str(fifo)], ["send", str(fifo), "--dry-run"]):
        result = subprocess.run(
            [sys.executable, "-m", "connect_tui", *arguments],
            capture_output=True,
            text=True,
            env=cli_env,
            timeout=30,
        )
        assert result.returncode == 2 and "not a regular file" in result.stderr
        assert "Traceback" not in result.stderr
