"""Markdown (.md), read with markdown-it-py (CommonMark, with GFM tables).

What Markdown writes around the text goes; the text stays as written, line
for line (a paragraph's lines stay lines: the structure reading joins them
or not, as for plain text):

- a heading loses its ``#`` marks. It is the heading its text is when
  numbered (第一章, 一、, 专栏3…), as in plain text, and a line of its own
  otherwise: Markdown files often wrap a document in headings of their own
  (a ``## 正文`` above a saved page), which are not the document's units;
- ``**bold**``, ``*emphasis*``, links and inline code keep their text; a
  bold opening sentence is the paragraph's lead (:data:`LEAD_MARK`);
- a bullet list's markers go; an ordered list's numbers stay as written
  (``1.`` is how a notice numbers its items);
- a table is a row per line, its cells apart by tabs, its delimiter row gone;
- HTML comments and thematic breaks go; other HTML keeps its text;
- images are left out (and counted), code blocks kept as they are.
"""

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.document.formats import Converted, with_lead
from app.document.textio import bytes_source

if TYPE_CHECKING:
    from markdown_it.token import Token

# An ordered list item's number as the line writes it (``1.``, ``2)``) and
# the spaces after it.
_ORDERED_MARKER = re.compile(r"^\s*(\d{1,9}[.)][ \t]+)")
_TAG = re.compile(r"<[^>]*>")
# Bold that CommonMark leaves as text around CJK punctuation (see _Reader._text).
_LITERAL_BOLD = re.compile(r"^\*\*(?=\S)(.+?)(?<=\S)\*\*")
_LITERAL_BOLD_ANYWHERE = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_BREAK_TAG = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


def read_markdown(data: bytes, name: str) -> Converted:
    """Read a Markdown file's bytes (any encoding a text file may have).

    Raises:
        DocumentError: the bytes are no text (see :mod:`app.document.textio`).
    """
    from markdown_it import MarkdownIt

    text = "".join(bytes_source(data, name).read())
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    reader = _Reader(text.split("\n"))
    reader.read(parser.parse(text))
    clues = {"images": str(reader.images)} if reader.images else {}
    return Converted("\n\n".join(reader.blocks), "markdown", clues=clues)


class _Reader:
    """Turns the block tokens into the parser's lines."""

    def __init__(self, source_lines: list[str]) -> None:
        self.lines = source_lines
        self.blocks: list[str] = []
        self.images = 0
        self._table_row: list[str] | None = None
        # The open list items: the number to write before an ordered item's
        # first paragraph ("" once written, or for a bullet).
        self._items: list[str] = []

    def read(self, tokens: Sequence["Token"]) -> None:
        for number, token in enumerate(tokens):
            kind = token.type
            if kind == "list_item_open":
                self._items.append(self._marker(token) if token.markup in (".", ")") else "")
            elif kind == "list_item_close":
                self._items.pop()
            elif kind == "tr_open":
                self._table_row = []
            elif kind == "tr_close":
                if self._table_row is not None and any(cell.strip() for cell in self._table_row):
                    self.blocks.append("\t".join(self._table_row))
                self._table_row = None
            elif kind == "inline":
                self._inline(token, tokens[number - 1].type if number else "")
            elif kind in ("fence", "code_block"):
                self.blocks.append(token.content.rstrip("\n"))
            elif kind == "html_block":
                self._html(token.content)

    def _marker(self, item: "Token") -> str:
        """An ordered item's number as its first line writes it."""
        if item.map is None:
            return f"{item.info}{item.markup} "
        match = _ORDERED_MARKER.match(self.lines[item.map[0]])
        return match.group(1) if match else f"{item.info}{item.markup} "

    def _inline(self, token: "Token", opened_by: str) -> None:
        text, bold = self._text(token.children or [])
        if self._table_row is not None and opened_by in ("th_open", "td_open"):
            self._table_row.append(text.replace("\n", " "))
            return
        if not text.strip():
            return
        if opened_by == "paragraph_open" and self._items and self._items[-1]:
            text, self._items[-1] = self._items[-1] + text, ""
            bold = ""  # (a numbered item opens with its number, not a lead)
        self.blocks.append(with_lead(text, bold) if bold else text)

    def _text(self, children: Sequence["Token"]) -> tuple[str, str]:
        """The plain text of an inline token's children, and its bold
        opening (the text of a ``**…**`` the line starts with), if any."""
        parts: list[str] = []
        bold: list[str] | None = None
        opening = ""
        for child in children:
            kind = child.type
            if kind == "strong_open" and not "".join(parts).strip():
                bold = []
            elif kind == "strong_close" and bold is not None:
                opening, bold = "".join(bold), None
            elif kind in ("text", "code_inline"):
                parts.append(child.content)
                if bold is not None:
                    bold.append(child.content)
            elif kind in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif kind == "image":
                self.images += 1
            elif kind == "html_inline" and _BREAK_TAG.match(child.content.strip()):
                parts.append("\n")
        text = "".join(parts)
        # CommonMark closes ``**`` before a letter only after a letter: a bold
        # sentence ending in 。 before more text (**一句。**接着) stays literal.
        # Read so, it is bold all the same.
        match = _LITERAL_BOLD.match(text) if not opening else None
        if match:
            opening = match.group(1)
        return _LITERAL_BOLD_ANYWHERE.sub(r"\1", text), opening

    def _html(self, html: str) -> None:
        """An HTML block: its text (a comment has none)."""
        text = re.sub(r"<!--.*?-->", "", html, flags=re.DOTALL)
        self.images += len(re.findall(r"<img\b", text, re.IGNORECASE))
        text = _TAG.sub("", text).strip("\n")
        if text.strip():
            self.blocks.append(text)
