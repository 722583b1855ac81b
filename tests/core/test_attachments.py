"""Attachments from a file: the checks made before any upload, and the bucket setting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from connect_tui.core import attachments, profiles
from connect_tui.core.attachments import AttachmentError, check_file, file_name_problem
from connect_tui.core.limits import ATTACHMENT_BYTES, EMAIL_TOTAL_BYTES
from connect_tui.core.model import AWS, Draft, Target


def test_a_small_regular_file_passes(tmp_path: Path) -> None:
    path = tmp_path / "invoice.pdf"
    path.write_bytes(b"%PDF-1.4 hello")
    local = check_file(str(path))
    assert (local.path, local.file_name, local.size) == (path, "invoice.pdf", 14)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p / "missing.pdf", "no such file"),
        (lambda p: p, "is a folder"),
        (lambda p: _fifo(p / "pipe.txt"), "not a regular file"),
        (lambda p: _sparse(p / "big.pdf", ATTACHMENT_BYTES + 1), "at most 20,971,520 (20 MB)"),
    ],
)
def test_refusals_are_one_line_naming_the_file(tmp_path: Path, make: object, words: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(AttachmentError) as caught:
        check_file(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and words in message and "\n" not in message


def test_exactly_20_mb_passes_but_not_with_a_body_past_25_mb(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "video.mp4", ATTACHMENT_BYTES)
    assert check_file(path).size == ATTACHMENT_BYTES
    room = EMAIL_TOTAL_BYTES - ATTACHMENT_BYTES
    assert check_file(path, body_bytes=room).size == ATTACHMENT_BYTES
    with pytest.raises(AttachmentError, match=r"exceed the 26,214,400 bytes \(25 MB\)"):
        check_file(path, body_bytes=room + 1)
    with pytest.raises(AttachmentError, match=r"and the other attachments' 3 exceed"):
        check_file(path, body_bytes=room - 2, other_bytes=3)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(AttachmentError, match="permission denied"):
        check_file(path)


def test_file_names_follow_the_model() -> None:
    assert file_name_problem("report 2026 (final).pdf") is None
    assert file_name_problem("ünïcödé.txt") is None
    assert "control character (\\x1b)" in str(file_name_problem("a\x1b[2J.txt"))
    assert "control character" in str(file_name_problem("a\u202eexe.txt"))  # a bidi override
    assert "1 to 256" in str(file_name_problem("a" * 257))


def test_a_control_character_in_the_name_is_refused_shown_escaped(tmp_path: Path) -> None:
    path = tmp_path / "bad\x07name.txt"
    path.write_text("x")
    with pytest.raises(AttachmentError) as caught:
        check_file(path)
    assert "\x07" not in str(caught.value) and "\\x07" in str(caught.value)


def test_an_empty_path_asks_for_one() -> None:
    with pytest.raises(AttachmentError, match="give the path"):
        check_file("  ")


def test_the_bucket_is_the_sandbox_s_or_the_target_s() -> None:
    assert attachments.bucket_for(None, is_sandbox=True) == attachments.SANDBOX_BUCKET
    assert attachments.bucket_for("mine", is_sandbox=False) == "mine"
    assert attachments.bucket_for(None, is_sandbox=False) == ""


def test_the_attachment_bucket_survives_save_and_load(profiles_dir: Path) -> None:
    draft = Draft("with-bucket", target=Target(kind=AWS, attachment_bucket="acme-attachments"))
    path = profiles_dir / "with-bucket.toml"
    profiles.save(draft, path)
    text = path.read_text()
    assert 'attachment_bucket = "acme-attachments"' in text
    loaded = profiles.load(path)
    assert loaded.target == draft.target
    assert profiles.dumps(loaded) == text


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)  # no data written: a sparse file costs nothing
    return path
