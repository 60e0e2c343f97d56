"""Rules over sequences of classified lines: a notice's issued document (an
annex), 目录 blocks, the 落款's signature, and the column breaks of a
newspaper reprint (the only lines ever joined)."""

import re
from collections.abc import Iterable, Iterator

from app.document.numerals import (
    CLOSING_MARKS,
    ends_paragraph,
)
from app.document.parser.lines import (
    _ISSUING_RE,
    _OWN_START_RE,
    _PROSE_MARKS,
    TITLE_MAX_CHARS,
    _is_heading_title,
    _Line,
)


def _issued_documents(lines: Iterable[_Line]) -> Iterator[_Line]:
    """Mark the title line of a document issued by a notice as an annex: the
    notice's title names it (印发X的通知), and its own title line is X."""
    issued: set[str] = set()
    previous = ""
    for line in lines:
        # (A title is short: a long paragraph is never searched.)
        if line.kind in ("para", "title") and len(line.text) <= TITLE_MAX_CHARS:
            for candidate in (line.text, previous + line.text):
                match = _ISSUING_RE.search(candidate)
                if match:
                    issued.add(match["issued"])
            if line.kind == "para" and line.text.strip("《》") in issued and _is_heading_title(line.text):
                line = _Line("annex", line.text, title=line.text, label=line.text)
        previous = line.text
        yield line


_TOC_RE = re.compile(r"^目\s*录$")
# An entry's page number or leader dots (第一章 总则……1), left out to compare.
_TOC_TAIL = re.compile(r"[\s.·…．\d]+$")


def _toc_key(text: str) -> str:
    return _TOC_TAIL.sub("", re.sub(r"\s+", "", text.lstrip("#")))


def _toc_blocks(lines: Iterable[_Line]) -> Iterator[_Line]:
    """A 目录 and the heading-like lines after it are one 目录 block (its
    entries), not a first copy of the headings: the block ends where its
    first entry recurs as the heading it names, or where prose begins."""
    first_entry: str | None = None
    in_toc = False
    for line in lines:
        if not in_toc:
            if line.kind == "para" and _TOC_RE.match(line.text):
                in_toc, first_entry = True, None
                yield _Line("toc", line.text, title=line.text)
                continue
            yield line
            continue
        key = _toc_key(line.text)
        heading_like = line.kind not in ("para", "marker", "title") or (
            _is_heading_title(line.text) and not any(mark in line.text for mark in _PROSE_MARKS)
        )
        if (first_entry is not None and key == first_entry) or not heading_like or line.kind == "article":
            in_toc = False
            yield line
            continue
        first_entry = first_entry or key
        yield _Line("toc_entry", line.text)


# A hard-wrapped line this close to the wrap width was cut at the margin.
WRAP_SLACK_CHARS = 3
# The longest 落款 issuer line (国务院, 人力资源社会保障部, 中共中央 国务院).
SIGNATURE_MAX_CHARS = 30


def _signatures(lines: Iterable[_Line]) -> Iterator[_Line]:
    """The 落款: a short line of no punctuation (the issuing body) right
    before a date line is its signature. One line of look-ahead."""
    held: _Line | None = None
    for line in lines:
        if held is not None:
            if line.role == "date" and held.kind == "para" and held.role is None and _is_signature(held.text):
                held.role = "signature"
            yield held
            held = None
        if line.kind == "para":
            held = line
            continue
        yield line
    if held is not None:
        yield held


def _is_signature(text: str) -> bool:
    return len(text) <= SIGNATURE_MAX_CHARS and not any(mark in text for mark in _PROSE_MARKS + "：:")


def _join_column_breaks(lines: Iterable[_Line], *, reprint: bool = False, wrap: int | None = None) -> Iterator[_Line]:
    """Join paragraphs cut by a column or page break back together, where
    the layout proves such breaks: a newspaper reprint (``reprint``, or from
    its first page marker on) or hard-wrapped text (``wrap``: the width its
    lines were cut at; a line as long stops at the margin, not at the end of
    its paragraph). Elsewhere every line stays a unit of its own.

    A paragraph of prose that does not end with closing punctuation
    continues in the next paragraph, even across a page marker (which then
    follows it); see :func:`_continues`. Headings, articles, items and list
    lines are never joined. An open paragraph is held back, with the markers
    after it, until it ends.
    """
    held: list[_Line] = []  # the open paragraph, then the markers after it
    parts: list[str] = []  # the open paragraph's text, in pieces (no quadratic +=)

    def release() -> Iterator[_Line]:
        if held:
            held[0].text = "".join(parts)
            yield from held
            held.clear()

    for line in lines:
        reprint = reprint or line.kind == "marker"
        if line.kind == "marker" and held:
            held.append(line)
            continue
        wrapped = wrap is not None and len(parts[-1]) >= wrap - WRAP_SLACK_CHARS if parts and held else False
        if (
            held
            and (reprint or wrapped)
            and line.kind == "para"
            and not line.inline_section
            and _continues(parts, line.text, across_marker=len(held) > 1, wrapped=wrapped)
        ):
            # A line cut exactly at the margin was cut inside a word or a
            # number (30 → 3 / 0): nothing between; otherwise Latin words keep
            # the space the line break stood for.
            at_margin = wrap is not None and len(parts[-1]) >= wrap
            parts.extend((" " if _both_latin(parts[-1], line.text) and not at_margin else "", line.text))
            held[0].joins += 1
        else:
            yield from release()
            if line.kind != "para":
                yield line
                continue
            held.append(line)
            parts = [line.text]
        tail = _tail(parts)
        # A hard-wrapped line cut at the margin after a comma, a colon or a
        # semicolon goes on (a paragraph ends with 。！？ or the like there).
        cut_at_margin = wrap is not None and len(parts[-1]) >= wrap - WRAP_SLACK_CHARS and _ends_clause(tail)
        if ends_paragraph(tail) and not cut_at_margin:
            yield from release()
    yield from release()


def _ends_clause(text: str) -> bool:
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in "，,、；;：:"


def _continues(parts: list[str], text: str, *, across_marker: bool = False, wrapped: bool = False) -> bool:
    """Whether ``text`` continues the open paragraph: its last line was cut
    at the margin of hard-wrapped text (``wrapped``), or by a column or page
    break of a reprint. A reprint's cut line is prose (it has clause or
    sentence punctuation: titles, menus, list and history lines have none)
    that stops without closing punctuation, and neither the paragraph nor
    ``text`` opens a unit of its own (an item, a list line, a dated line); a
    page marker between the two (下转第5版) proves the break by itself."""
    if wrapped:
        return not _OWN_START_RE.match(text)
    first, last = parts[0], parts[-1]
    running = across_marker or any(mark in last for mark in _PROSE_MARKS)
    return running and not _OWN_START_RE.match(first) and not _OWN_START_RE.match(text)


def _tail(parts: list[str]) -> str:
    """Enough of the end of ``parts`` to tell whether the text ends a paragraph
    (its last two characters besides closing marks)."""
    tail = ""
    for part in reversed(parts):
        tail = part + tail
        if len(tail.rstrip().rstrip(CLOSING_MARKS)) >= 2:
            break
    return tail


def _both_latin(before: str, after: str) -> bool:
    return before[-1:].isascii() and before[-1:].isalnum() and after[:1].isascii() and after[:1].isalnum()
