"""Reading files: accepted encodings and clear refusals that name the file."""

import codecs
from pathlib import Path

import pytest

from app.errors import DocumentError
from app.textio import read_document_text

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


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="找不到文件"):
        read_document_text(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="文件夹"):
        read_document_text(tmp_path)


def test_english_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en_US:en")
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(DocumentError, match="is empty"):
        read_document_text(path)
