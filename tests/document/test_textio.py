"""Reading files: accepted encodings and clear refusals that name the file."""

import codecs
import hashlib
import os
from pathlib import Path

import pytest

from app.document import textio
from app.document.textio import file_source
from app.errors import DocumentError


def read_document_text(path: Path) -> str:
    """A file's whole text as the library reads it (a piece at a time)."""
    return "".join(file_source(path).read())


TEXT = "一、总则\n扶贫必先识贫。\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("gb18030"),
        TEXT.encode("gbk"),
        TEXT.encode("utf-16"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-bom", "crlf"],
)
def test_accepted(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_document_text(path) == TEXT


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "是空的"),
        (b"  \n\n\t ", "是空的"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "二进制"),
        ("扶贫".encode()[:-1], "截断"),
        (b"text \x80\xff\x80 " * 50, "编码"),
    ],
    ids=["empty", "blank", "binary", "truncated-utf8", "unknown-encoding"],
)
def test_refused_with_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError) as caught:
        read_document_text(path)
    message = str(caught.value)
    assert str(path) in message
    assert reason in message


def test_missing_directory_pipe_and_device(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="找不到文件"):
        read_document_text(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="文件夹"):
        read_document_text(tmp_path)
    # Read twice (check, then parse), a file must be a regular one: a pipe
    # would block the second reading, /dev/zero never ends.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    for path in (pipe, Path("/dev/zero")):
        with pytest.raises(DocumentError, match="不是普通文件"):
            read_document_text(path)


def test_english_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en_US:en")
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="is empty"):
        read_document_text(path)


def test_read_in_blocks_never_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file is decoded a block at a time, and the text comes back in pieces
    of at most a block's characters."""
    monkeypatch.setattr(textio, "READ_BLOCK_BYTES", 4096)
    path = tmp_path / "doc.txt"
    text = "".join(f"第{i}段,扶贫必先识贫。\r\n" for i in range(5000))
    path.write_bytes(text.encode("utf-8"))
    source = file_source(path)
    pieces = list(source.read())
    assert len(pieces) > 20 and max(len(piece) for piece in pieces) <= 4096
    assert "".join(pieces) == text.replace("\r\n", "\n")
    assert source.chars == len(text.replace("\r\n", "\n"))
    assert source.sha256 == hashlib.sha256(text.replace("\r\n", "\n").encode()).hexdigest()


def test_gbk_found_after_a_long_utf8_valid_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """UTF-8 failing only blocks into the file: the whole file is read again
    as GB18030 (nothing of the failed reading is kept)."""
    monkeypatch.setattr(textio, "READ_BLOCK_BYTES", 4096)
    path = tmp_path / "gbk.txt"
    text = "Poverty reduction, 2021.\n" * 4000 + TEXT
    path.write_bytes(text.encode("gbk"))
    assert read_document_text(path) == text


def test_truncated_utf8_at_the_end_of_a_long_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textio, "READ_BLOCK_BYTES", 4096)
    path = tmp_path / "cut.txt"
    path.write_bytes(("扶贫必先识贫。\n" * 5000).encode()[:-2])
    with pytest.raises(DocumentError, match="截断"):
        read_document_text(path)
