"""Property-based tests: the parser never crashes, keeps every character, and
parses a text read in pieces exactly as the whole."""

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.document import textio
from app.document.model import Document
from app.document.parser import _MARKER_RE, DocumentParser, collect, content_characters, parse_text
from app.document.textio import TextSource, file_source, text_source
from app.errors import DocumentError

# Pieces that exercise every rule of the parser, mixed with arbitrary text.
TOKENS = [
    "一、",
    "三、",
    "十二、",
    "(一)",
    "(三)",
    "（二）",
    "专栏7 ",
    "专栏１２",
    "(专栏7)",
    "■上接第4版",
    "下转第5版",
    "《标题》白皮书",
    "第一章",
    "第二节",
    "。",
    "，",
    ",",
    ";",
    "；",
    ":",
    "！",
    "”",
    "“",
    "\n",
    "\n\n",
    "\r\n",
    "　",
    " ",
    "贫困",
    "经济持续快速发展",
    "是",
    "2020年",
    "10.8万所",
    "约",
    "%",
    "<b>",
    "&amp;",
    "\ufeff",
]
documents = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=60).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents)
@example("\x1e10")  # a format's heading mark in a text file is text (it lost the 1)
def test_parser_keeps_every_character(text: str) -> None:
    try:
        document = parse_text(text)
    except DocumentError:
        # Refused only when nothing but page markers and a title line is there.
        lines = [ln.strip() for ln in text.removeprefix("\ufeff").split("\n") if ln.strip()]
        assert len([ln for ln in lines if not _MARKER_RE.match(ln)]) <= 1
        return
    source = text.removeprefix("\ufeff")
    assert sorted(content_characters(document)) == sorted(c for c in source if not c.isspace())
    # Ids are unique and every paragraph names an existing node.
    assert len({p.id for p in document.paragraphs}) == len(document.paragraphs)
    node_ids = {n.id for n in document.nodes}
    assert len(node_ids) == len(document.nodes)
    assert all(p.node is None or p.node in node_ids for p in document.paragraphs)
    assert all(n.parent is None or n.parent in node_ids for n in document.nodes)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parser_never_crashes_on_any_text(text: str) -> None:
    try:
        document = parse_text(text)
    except DocumentError:
        return
    assert sorted(content_characters(document)) == sorted(
        c for c in text.removeprefix("\ufeff").replace("\r", "\n") if not c.isspace()
    )


def _in_pieces(source: TextSource, size: int) -> TextSource:
    """``source`` read back in pieces of ``size`` characters."""
    text = "".join(source.read())
    return replace(source, read=lambda: iter([text[i : i + size] for i in range(0, len(text), size)]))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(documents, st.integers(1, 7), st.integers(1, 9), st.sampled_from(["utf-8", "utf-16", "gb18030"]))
def test_parsing_in_pieces_equals_parsing_whole(text: str, piece_chars: int, block_bytes: int, encoding: str) -> None:
    """A document read in pieces (a line, a CRLF or a character cut anywhere)
    parses exactly as the whole text does, from text and from file bytes (whose
    decoding may differ from ``text``: GB18030 bytes can be valid UTF-8)."""
    try:
        whole: Document | str = parse_text(text)
    except DocumentError as exc:
        whole = str(exc)

    def parsed(source: TextSource) -> Document | str:
        try:
            return collect(DocumentParser(source))
        except DocumentError as exc:
            return str(exc)

    assert parsed(_in_pieces(text_source(text, "<text>"), piece_chars)) == whole
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.txt"
        path.write_bytes(data)
        try:
            decoded = "".join(file_source(path).read())
        except DocumentError:
            return  # refused as a file (say, GB18030 that does not look Chinese)
        read_at_once = parsed(file_source(path))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(textio, "READ_BLOCK_BYTES", block_bytes)
            assert parsed(file_source(path)) == read_at_once
    if encoding == "utf-16":
        assert decoded == text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
