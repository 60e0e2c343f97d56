"""Plain text to a structured :class:`~app.document.model.Document`.

The parser reads policy documents as newspapers and government sites print
them: a title line, chapters (``一、``), sections (``(一)`` as a heading line, or
as the first sentence of a numbered paragraph), 专栏 boxes, paragraphs that open
with a short lead sentence, and newspaper page markers (``■上接第4版``).

It keeps every character of the text: headings and markers become structure,
everything else is paragraphs, verbatim. Only whitespace at the ends of lines
is dropped, and a paragraph cut by a column break is joined back.
"""

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from app.document.figures import extract_figures
from app.document.genres import GENRES, LEAD_GENRES, LEGAL_GENRES, SCAN_LINES, Genre
from app.document.genres import detect as detect_genre
from app.document.model import Batch, Document, Figure, Metadata, Node, NodeKind, PageMarker, Paragraph, box_mentions
from app.document.numerals import (
    CHINESE_NUMERAL_CHARS,
    CLOSING_MARKS,
    FULLWIDTH_TO_ASCII,
    PARAGRAPH_END,
    SENTENCE_END,
    chinese_to_int,
    ends_paragraph,
    int_to_chinese,
)
from app.document.textio import TextSource, file_source, text_source
from app.errors import DocumentError
from app.i18n import tr
from app.progress import ProgressCallback

# Headings are short and never a full sentence; longer lines are paragraphs.
HEADING_MAX_CHARS = 60
TITLE_MAX_CHARS = 80
# A lead (topic) sentence is a short headline-like sentence opening a paragraph:
# 基本公共服务水平明显提升。 The bound keeps ordinary opening sentences out.
LEAD_MIN_CHARS = 4
LEAD_MAX_CHARS = 30
# An inline section title (regulations: "(一)坚持综合治理的防治路线。以小流域…").
INLINE_TITLE_MAX_CHARS = 40
# Paragraphs per batch handed to the store: what is in memory at a time.
BATCH_PARAGRAPHS = 2000
# What of a line the genre is told from (its opening words).
GENRE_LINE_CHARS = 200
# The longest line that can go on a law's heading title from the line before.
HEADING_CONTINUATION_MAX_CHARS = 20
# The same for the last line: a long line that stops mid-sentence is a text
# cut short; a short one is a date, a signature, a list or an attachment name.
TRUNCATED_MIN_CHARS = 40

_NUM = f"[{CHINESE_NUMERAL_CHARS}]{{1,4}}"
_CHAPTER_RE = re.compile(rf"^(?P<num>{_NUM})、\s*(?P<title>\S.*)$")
_CHAPTER_WORD_RE = re.compile(rf"^第(?P<num>{_NUM}|\d{{1,3}})章\s*(?P<title>.*)$")
_SECTION_RE = re.compile(rf"^(?P<open>[(（])(?P<num>{_NUM})(?P<close>[)）])\s*(?P<title>\S.*)$")
_SECTION_WORD_RE = re.compile(rf"^第(?P<num>{_NUM}|\d{{1,3}})节\s*(?P<title>.*)$")
# Units of laws and regulations (立法技术规范): 编, 分编, 条; 序言 and 附则.
_PART_RE = re.compile(rf"^第(?P<num>{_NUM}|\d{{1,3}})(?P<sub>分?)编\s*(?P<title>.*)$")
# An article opens its first paragraph: 第一条 followed by a space (or the
# line's end, or （删去）). 第三十五条规定… (a reference that a wrapped line
# happens to start with) is not one; 第一百二十八 条… (a source's typo) is.
_ARTICLE_RE = re.compile(rf"^第(?P<num>[{CHINESE_NUMERAL_CHARS}]{{1,8}})(?:条(?=[\s　]|（删去）|$)|\s+条)")
_ITEM_RE = re.compile(rf"^[(（](?P<num>{_NUM})[)）]")
_PREFACE_RE = re.compile(r"^序\s*言$")
# The third level of reports and 公文: 1. under （一） (not 1.5万, not 2020年).
_NUMBERED_RE = re.compile(r"^(?P<num>\d{1,2})[.．](?!\d)\s*(?P<title>\S.*)$")
# An attachment named in the text: 附件, 附件2：…
_ANNEX_RE = re.compile(r"^附件\s*(?P<num>\d{0,2})\s*[：:]?\s*(?P<title>[^。]*)$")
# A notice that issues another document names it in its title (…关于印发
# “十四五”数字经济发展规划的通知, on one line or two); that document's own
# title line, further down, opens it as an annex.
_ISSUING_RE = re.compile(r"(?:印发|转发|颁布|发布)《?(?P<issued>[^《》]{2,60}?)》?的(?:通知|决定|命令)$")
_SUPPLEMENT_RE = re.compile(r"^附\s*则$")
# A Markdown heading: the marks, then the heading as a reader sees it.
_MARKDOWN_HEADING_RE = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<rest>\S.*)$")
# Lines that open a unit of their own and are never the continuation of a
# line before them: items （一）, enumerations 1. 一是, dash-led list lines,
# dated lines (a law's 通过/修正 history, a timeline), markup and comments.
_OWN_START_RE = re.compile(
    rf"^(?:[(（]{_NUM}[)）]|\d{{1,3}}[.．、]|{_NUM}是|——|[-*•·]\s|\d{{4}}\s*年\s*\d{{1,2}}\s*月|<!--|[#>|*])"
)
_BOX_RE = re.compile(r"^专栏\s*(?P<num>[0-9０-９]{1,3})\s*[：:、.．]?\s*(?P<title>.*)$")
_MARKER_RE = re.compile(
    r"^[■□◆◇●○▲△★☆]?\s*[(（]?\s*(?P<dir>上接|下转|转)\s*第?\s*"
    r"(?P<page>[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*版\s*[)）]?$"
)
_TITLE_RE = re.compile(r"^《(?P<title>[^《》]+)》\s*(?P<kind>.*)$")
_CLAUSE_MARKS = "，,；;：:"
# What prose has and titles, menus and list lines lack.
_PROSE_MARKS = "，,；;。！？"
# Copular sentences (深度贫困地区是贫中之贫、坚中之坚。) state a judgement in
# running prose; the white papers' bold topic sentences are headline-style
# predicates (经济持续快速发展。) and never use 是.
_COPULA = "是"


@dataclass
class _Line:
    """One classified, stripped, non-empty line of the source."""

    kind: Literal[
        "title",
        "marker",
        "part",
        "chapter",
        "section",
        "subsection",
        "box",
        "article",
        "preface",
        "supplement",
        "annex",
        "toc",
        "toc_entry",
        "para",
    ]
    text: str
    number: str | None = None
    title: str = ""
    inline_section: bool = False
    bracket: str = "()"
    joins: int = 0
    # How a heading is named without its markup (a Markdown heading's marks).
    label: str | None = None
    subpart: bool = False


def parse_file(path: Path, metadata: Metadata | None = None) -> Document:
    """Read and parse a document file.

    Args:
        path: a UTF-8, UTF-16 (with BOM) or GB18030 text file.
        metadata: what is known about the document; when None, it is derived
            from the title line (or the file name) and the text.

    Raises:
        DocumentError: the file cannot be read as text, or holds nothing.
    """
    return collect(DocumentParser(file_source(path), metadata, fallback_title=path.stem))


def parse_text(
    text: str,
    metadata: Metadata | None = None,
    *,
    name: str = "<text>",
    fallback_title: str = "",
    genre: Genre | None = None,
) -> Document:
    """Parse document text (already decoded) into a :class:`Document`, in memory
    (the library streams instead: see :class:`DocumentParser`).

    Args:
        text: the document text.
        metadata: what is known about the document, or None to derive it.
        name: how to name the source in error messages.
        fallback_title: the title to use when there is no title line.
        genre: read the text as this genre (default: detected).

    Raises:
        DocumentError: the text holds no headings and no paragraphs.
    """
    parser = DocumentParser(text_source(text, name), metadata, fallback_title=fallback_title, genre=genre)
    return collect(parser)


# Asks whether a node or paragraph id is taken by a part already handed out
# (and stored) in an earlier batch: ("node" | "paragraph", id) -> bool.
TakenCheck = Callable[[str, str], bool]


class DocumentParser:
    """Parses a :class:`TextSource` into batches of nodes, paragraphs and
    figures. Memory holds one batch, not the document: besides it, only the
    page markers and the last number of each repeated id are kept.

    The text is read twice: first only up to where the document's opening is
    known (its title line, and whether it is a fragment that needs placeholder
    chapters: the first heading, or the first chapter of a fragment, which is
    the whole text for a fragment without chapters), then whole, while the
    batches are made.

    Args:
        source: the document's text.
        metadata: what is known about the document, or None to derive it
            from the title line (or ``fallback_title``) and the text's hash.
        fallback_title: the title when there is no title line.

    Raises:
        DocumentError: the text holds no headings and no paragraphs.
    """

    def __init__(
        self,
        source: TextSource,
        metadata: Metadata | None = None,
        *,
        fallback_title: str = "",
        genre: Genre | None = None,
    ) -> None:
        self.source = source
        opening = _Opening.of(_classified(iter_lines(source.read())))
        if not opening.has_content:
            raise DocumentError(tr("file_no_paragraphs", path=source.name))
        self.title_line = opening.title_line
        self.metadata = metadata or _derive_metadata(source.sha256, opening.title_line, fallback_title or source.name)
        # The genre: as asked, else as the metadata says, else from the text.
        self.genre: Genre = (
            genre
            or _known_genre(self.metadata.genre)
            or detect_genre(opening.title_line, opening.lines, opening.articles)
        )
        if self.metadata.genre != self.genre:
            self.metadata = replace(self.metadata, genre=self.genre)
        self.fragment = opening.fragment
        self._opening = opening
        # Known once batches() has run to its end.
        self.truncated = False
        self.page_markers: tuple[PageMarker, ...] = ()

    def batches(
        self,
        pieces: Iterator[str] | None = None,
        *,
        taken: TakenCheck | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[Batch]:
        """Make the document's parts, about ``BATCH_PARAGRAPHS`` paragraphs at a time.

        Args:
            pieces: the source's text to parse (default: read it again); the
                library passes a reading that stores each piece as it goes.
            taken: when given, the ids of earlier batches are looked up with it
                instead of being remembered (the caller stores each batch
                before asking for the next).
            progress: called with (characters read, characters).
        """
        builder = _Builder(self._opening, taken, leads=self.genre in LEAD_GENRES, legal=self.genre in LEGAL_GENRES)
        read = 0  # characters of the text read so far, for progress

        def counted(lines: Iterator[str]) -> Iterator[str]:
            nonlocal read
            for line in lines:
                read += len(line) + 1
                yield line

        text = self.source.read() if pieces is None else pieces
        classified = _toc_blocks(_issued_documents(_classified(counted(iter_lines(text)))))
        joined = _join_column_breaks(classified, reprint=self._opening.reprint)
        for line in joined:
            builder.feed(line)
            if len(builder.paragraphs) >= BATCH_PARAGRAPHS:
                yield builder.take()
                if progress:  # the caller has stored the batch by now
                    progress(min(read, self.source.chars), self.source.chars)
        self.truncated, self.page_markers = builder.finish()
        yield builder.take()
        if progress:
            progress(self.source.chars, self.source.chars)


def collect(parser: DocumentParser) -> Document:
    """Parse all of ``parser``'s text into one :class:`Document` in memory."""
    nodes: list[Node] = []
    paragraphs: list[Paragraph] = []
    figures: list[Figure] = []
    for batch in parser.batches():
        nodes.extend(batch.nodes)
        paragraphs.extend(batch.paragraphs)
        figures.extend(batch.figures)
    return Document(
        metadata=parser.metadata,
        title_line=parser.title_line,
        nodes=tuple(nodes),
        paragraphs=tuple(paragraphs),
        page_markers=parser.page_markers,
        fragment=parser.fragment,
        truncated=parser.truncated,
        figures=tuple(figures),
    )


def _derive_metadata(sha256: str, title_line: str | None, fallback_title: str) -> Metadata:
    title, kind = fallback_title, ""
    if title_line:
        match = _TITLE_RE.match(title_line)
        if match:
            title, kind = match["title"].strip(), match["kind"].strip()
        else:
            title = title_line
    return Metadata(id=f"doc-{sha256[:10]}", title=title, kind=kind)


def _known_genre(name: str) -> Genre | None:
    return next((genre for genre in GENRES if genre == name), None)


def iter_lines(pieces: Iterable[str]) -> Iterator[str]:
    """The lines of a text given in pieces (a line may span pieces)."""
    pending: list[str] = []
    for piece in pieces:
        if "\n" not in piece:
            pending.append(piece)
            continue
        first, *middle, last = piece.split("\n")
        pending.append(first)
        yield "".join(pending)
        yield from middle
        pending = [last]
    yield "".join(pending)


def _classified(lines: Iterable[str]) -> Iterator[_Line]:
    """The non-empty lines, stripped and classified. The first is the title
    line when it looks like one and more lines follow."""
    stripped = (text for line in lines if (text := line.strip()))
    first = next(stripped, None)
    if first is None:
        return
    second = next(stripped, None)
    if second is None:
        yield _classify_line(first)
        return
    yield _Line("title", first) if _is_title(first) else _classify_line(first)
    yield _classify_line(second)
    yield from map(_classify_line, stripped)


def _is_title(line: str) -> bool:
    if _TITLE_RE.match(line):
        return True
    if _classify_line(line).kind != "para":
        return False
    return len(line) <= TITLE_MAX_CHARS and not ends_paragraph(line) and not any(mark in line for mark in SENTENCE_END)


def _is_heading_title(title: str) -> bool:
    return (
        len(title) <= HEADING_MAX_CHARS
        and not any(mark in title for mark in SENTENCE_END)
        and not ends_paragraph(title)
    )


def _classify_line(line: str) -> _Line:
    markdown = _MARKDOWN_HEADING_RE.match(line)
    if markdown:
        # A Markdown heading is the heading its text is; the line as written
        # stays the unit's text, its label drops the marks.
        inner = _classify_line(markdown["rest"])
        if inner.kind not in ("para", "title", "marker", "article"):
            inner.label = inner.label or inner.text
            inner.text = line
            return inner
        return _Line("para", line)
    if _ARTICLE_RE.match(line):
        match = _ARTICLE_RE.match(line)
        assert match is not None
        return _Line("article", line, number=match["num"])
    if _PREFACE_RE.match(line):
        return _Line("preface", line, title=line)
    if _SUPPLEMENT_RE.match(line):
        return _Line("supplement", line, title=line)
    match = _PART_RE.match(line)
    if match and _is_heading_title(match["title"]) and chinese_to_int(match["num"]):
        return _Line("part", line, number=match["num"], title=match["title"].strip(), subpart=bool(match["sub"]))
    match = _MARKER_RE.match(line)
    if match:
        return _Line("marker", line, number=match["page"], title=match["dir"])
    match = _BOX_RE.match(line)
    if match and _is_heading_title(match["title"]):
        number = match["num"].translate(FULLWIDTH_TO_ASCII)
        return _Line("box", line, number=str(int(number)), title=match["title"].strip())
    for pattern in (_CHAPTER_RE, _CHAPTER_WORD_RE):
        match = pattern.match(line)
        if match and _is_heading_title(match["title"]) and chinese_to_int(match["num"]):
            # (The bracket names the numbering style, for a placeholder's label.)
            style = "第" if pattern is _CHAPTER_WORD_RE else "、"
            return _Line("chapter", line, number=match["num"], title=match["title"].strip(), bracket=style)
    match = _SECTION_WORD_RE.match(line)
    if match and _is_heading_title(match["title"]) and chinese_to_int(match["num"]):
        return _Line("section", line, number=match["num"], title=match["title"].strip(), bracket="")
    match = _ANNEX_RE.match(line)
    if match and _is_heading_title(match["title"] or "附件"):
        return _Line("annex", line, number=match["num"] or None, title=match["title"].strip())
    match = _NUMBERED_RE.match(line)
    if match:
        title = match["title"].strip()
        if _is_heading_title(title) or _is_heading_title(title.removesuffix("。")) and "。" not in title[:-1]:
            return _Line("subsection", line, number=match["num"], title=title.removesuffix("。"), bracket="")
        inline = _inline_section_title(title)
        if inline:
            return _Line("para", line, number=match["num"], title=inline, inline_section=True, bracket=".")
    match = _SECTION_RE.match(line)
    if match and chinese_to_int(match["num"]):
        bracket = match["open"] + match["close"]
        title = match["title"].strip()
        if _is_heading_title(title) or _is_heading_title(title.removesuffix("。")) and "。" not in title[:-1]:
            # A heading line, with or without a final 。 (（一）发展现状。).
            return _Line("section", line, number=match["num"], title=title.removesuffix("。"), bracket=bracket)
        inline = _inline_section_title(title)
        if inline:
            return _Line(
                "para",
                line,
                number=match["num"],
                title=inline,
                inline_section=True,
                bracket=bracket,
            )
    return _Line("para", line)


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


def _inline_section_title(text: str) -> str | None:
    """The title of a numbered paragraph whose first sentence is its title."""
    end = min((text.find(mark) for mark in SENTENCE_END if mark in text), default=-1)
    if end <= 0 or end > INLINE_TITLE_MAX_CHARS or not text[end + 1 :].strip():
        return None
    title = text[:end]
    # Commas and 、 are common in the titles of reports and 公文 (（一）大力提振
    # 消费、提高投资效益，全方位扩大国内需求。); a colon or semicolon opens a list.
    if any(mark in title for mark in "；;：:"):
        return None
    return title


def _join_column_breaks(lines: Iterable[_Line], *, reprint: bool = False) -> Iterator[_Line]:
    """Join paragraphs cut by a column or page break back together, where
    the layout proves such breaks: a newspaper reprint (``reprint``, or from
    its first page marker on). Elsewhere every line stays a unit of its own.

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
        if (
            held
            and reprint
            and line.kind == "para"
            and not line.inline_section
            and _continues(parts, line.text, across_marker=len(held) > 1)
        ):
            parts.extend((" " if _both_latin(parts[-1], line.text) else "", line.text))
            held[0].joins += 1
        else:
            yield from release()
            if line.kind != "para":
                yield line
                continue
            held.append(line)
            parts = [line.text]
        if ends_paragraph(_tail(parts)):
            yield from release()
    yield from release()


def _continues(parts: list[str], text: str, *, across_marker: bool = False) -> bool:
    """Whether ``text`` continues the open paragraph (its line was cut by a
    column or page break): the paragraph's last line is prose (it has clause
    or sentence punctuation: titles, menus, list and history lines have none)
    that stops without closing punctuation, and neither the paragraph nor
    ``text`` opens a unit of its own (an item, a list line, a dated line).
    A page marker between the two (下转第5版) proves the break by itself."""
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


def detect_lead(text: str) -> str | None:
    """Return the lead (topic) sentence that opens ``text``, or None.

    A lead sentence is short, has no clause punctuation, is not a copular
    judgement, and is followed by more text in the same paragraph.
    """
    end = min((text.find(mark) for mark in SENTENCE_END if mark in text), default=-1)
    if end < 0:
        return None
    body = text[:end]
    if not LEAD_MIN_CHARS <= len(body) <= LEAD_MAX_CHARS or not text[end + 1 :].strip():
        return None
    if any(mark in body for mark in _CLAUSE_MARKS) or _COPULA in body:
        return None
    return text[: end + 1]


def _stable_id(*parts: str) -> str:
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=5)
    return "p" + digest.hexdigest()


@dataclass
class _Opening:
    """What the parser must know about a document before its first paragraph:
    its title line, and the first headings that decide whether it is a
    fragment needing placeholder chapters (read ahead, then read again)."""

    title_line: str | None = None
    has_content: bool = False
    # A page marker was met: the text is a newspaper reprint (column breaks).
    reprint: bool = False
    # The first lines (up to SCAN_LINES, labels without markup) and how many
    # open an article: what the genre is told from.
    lines: list[str] = field(default_factory=list)
    articles: int = 0
    # The text opens with a 上接 (continued from) page marker.
    continued: bool = False
    first_heading: _Line | None = None
    # The first chapter, and whether any text comes before it.
    chapter: _Line | None = None
    chapter_after_text: bool = False
    # The first section before the first chapter, and whether text precedes it.
    section: _Line | None = None
    section_after_text: bool = False

    @classmethod
    def of(cls, lines: Iterable[_Line]) -> "_Opening":
        """Read ``lines`` only as far as needed: to the first heading of a
        complete document, to the first chapter of a fragment, and on to the
        first :data:`SCAN_LINES` lines for the genre (each cut to
        :data:`GENRE_LINE_CHARS`: memory stays bounded)."""
        opening = cls()
        first = True
        known = False  # the opening's facts are known; lines are read on for the genre only
        for line in lines:
            if line.kind == "title":
                opening.title_line = line.text
                continue
            if len(opening.lines) < SCAN_LINES:
                opening.lines.append((line.label or line.text)[:GENRE_LINE_CHARS])
                opening.articles += line.kind == "article"
            elif known:
                break
            if known:
                continue
            if first:
                opening.continued = line.kind == "marker" and line.title == "上接"
                first = False
            if line.kind == "marker":
                opening.reprint = True
                continue
            if line.kind in ("chapter", "section") and opening.first_heading is None:
                opening.first_heading = line
            if line.kind == "chapter":
                opening.chapter, opening.chapter_after_text = line, opening.has_content
                opening.has_content = True
                known = True
                continue
            if _is_section(line) and opening.section is None:
                opening.section, opening.section_after_text = line, opening.has_content
            opening.has_content = True
            if not opening.fragment and opening.first_heading is not None:
                known = True  # a complete document: only the genre is still read for
        return opening

    @property
    def fragment(self) -> bool:
        """Whether the text starts inside a chapter (a reprint fragment)."""
        starts_mid_chapter = self.first_heading is not None and chinese_to_int(self.first_heading.number or "") != 1
        return self.has_content and (self.continued or starts_mid_chapter)


class _Builder:
    """Builds nodes and paragraphs from the classified lines, one at a time.

    Args:
        opening: what was read ahead (placeholders for a fragment).
        taken: None to remember every id handed out (a document built in
            memory); otherwise only the current batch's ids are kept and
            ``taken`` is asked about earlier ones, so that memory does not grow
            with the document (see :data:`TakenCheck`).
    """

    def __init__(self, opening: _Opening, taken: TakenCheck | None, *, leads: bool = True, legal: bool = False) -> None:
        self.taken = taken
        # Whether paragraphs may open with lead-sentence topics (the genre's).
        self.leads = leads
        self.nodes: list[Node] = []
        self.node_ids: set[str] = set()
        self.paragraphs: list[Paragraph] = []
        self.paragraph_ids: set[str] = set()
        self.paragraph_count = 0
        # The last number given to each repeated id (few: repeats are rare).
        self.repeats: dict[tuple[str, str], int] = {}
        self.markers: list[tuple[_Line, int]] = []
        self.part: Node | None = None
        self.subpart: Node | None = None
        self.chapter: Node | None = None
        self.section: Node | None = None
        self.subsection: Node | None = None
        self.box: Node | None = None
        # The 目录 block being read (its entries are its paragraphs).
        self.toc: Node | None = None
        # The article being read, its 款 (paragraphs) so far, and the item
        # (项) the last paragraph was.
        self.article: Node | None = None
        self.kuan = 0
        self.item: Node | None = None
        # The last heading, while no paragraph has followed it (a law's title
        # may go on in the next line), and whether the genre is a law's.
        self.open_heading: _Line | None = None
        self.legal = legal
        self.intro_pending = False
        self.last_text: _Line | None = None
        self._infer_placeholders(opening)

    def feed(self, line: _Line) -> None:
        """Take the next line (column breaks already joined)."""
        if line.kind == "title":
            return  # metadata, not text: the opening has it
        if line.kind == "marker":
            self.markers.append((line, self.paragraph_count + 1))
            return
        self.last_text = line
        if line.kind == "toc":
            self.toc = self._add_node("toc", None, line.title, heading=line.text, label=line.title)
            return
        if line.kind == "toc_entry":
            self._add_paragraph(line)
            return
        self.toc = None
        if line.kind == "para" and self._continues_heading(line):
            return
        # 编, 第X章 and 第X节 headings (a law's) may go on in the next line.
        legal_heading = line.kind == "part" or (line.kind, line.bracket) in (("chapter", "第"), ("section", ""))
        self.open_heading = line if legal_heading else None
        if self.article is not None and (line.kind == "section" and line.bracket or line.inline_section):
            self._add_paragraph(line, item=True)  # an item （一） of the article
        elif line.kind == "article":
            self._open_article(line)
        elif line.kind in ("part", "preface", "supplement", "annex"):
            self._open_part(line)
        elif line.kind == "subsection" or line.inline_section and line.bracket == ".":
            self._open_subsection(line)
        elif line.kind == "chapter":
            self._open_chapter(line)
        elif line.kind == "section":
            self._open_section(line)
        elif line.kind == "box":
            self._open_box(line)
        else:
            self._add_paragraph(line)

    def take(self) -> Batch:
        """Hand out the parts made since the last call, with their figures."""
        batch = Batch(
            nodes=self.nodes,
            paragraphs=self.paragraphs,
            figures=[figure for paragraph in self.paragraphs for figure in extract_figures(paragraph)],
        )
        self.nodes, self.paragraphs = [], []
        if self.taken is not None:  # earlier ids are the store's to tell
            self.node_ids, self.paragraph_ids = set(), set()
        return batch

    def finish(self) -> tuple[bool, tuple[PageMarker, ...]]:
        """Whether the text ends mid-sentence, and its page markers."""
        last = self.last_text
        truncated = (
            last is not None
            and last.kind in ("para", "article")
            and len(last.text) >= TRUNCATED_MIN_CHARS
            and not ends_paragraph(last.text)
        )
        markers = tuple(
            PageMarker(
                text=line.text,
                direction="from" if line.title == "上接" else "to",
                page=line.number or "",
                before=before if before <= self.paragraph_count else 0,
            )
            for line, before in self.markers
        )
        return truncated, markers

    # -- fragments ---------------------------------------------------------

    def _infer_placeholders(self, opening: _Opening) -> None:
        """Open placeholder parents for the text before the first heading of a
        fragment that starts inside a chapter."""
        if not opening.fragment:
            return
        chapter = opening.chapter
        if chapter is not None and opening.chapter_after_text:
            number = chinese_to_int(chapter.number or "") or 0
            if number > 1:
                self._add_node("chapter", _cn(number - 1, chapter.number), "", inferred=True, bracket=chapter.bracket)
        section = opening.section
        if section is not None and opening.section_after_text:
            number = chinese_to_int(section.number or "") or 0
            if number > 1:
                self._add_node("section", _cn(number - 1, section.number), "", inferred=True, bracket=section.bracket)

    # -- headings ----------------------------------------------------------

    def _continues_heading(self, line: _Line) -> bool:
        """A law's heading whose title goes on in the next line (### 第四章
        犯罪嫌疑人、被告人逃匿、死亡案件 / 违法所得的没收程序): a short line of no
        punctuation right after a 编, 章 or 节 heading. The node's title is
        both lines; its heading keeps them as written."""
        heading = self.open_heading
        text = line.text
        if not self.legal or heading is None or not self.nodes or self.nodes[-1].heading != heading.text:
            return False
        if len(text) > HEADING_CONTINUATION_MAX_CHARS or any(mark in text for mark in PARAGRAPH_END + "，,、"):
            return False
        node = self.nodes[-1]
        title = node.title + text
        self.nodes[-1] = replace(node, title=title, label=node.label + text, heading=f"{node.heading}\n{text}")
        self._reset_current(self.nodes[-1])
        self.open_heading = None
        return True

    def _reset_current(self, node: Node) -> None:
        """Point the builder's open unit of ``node``'s kind at its new value."""
        for slot in ("part", "subpart", "chapter", "section", "subsection"):
            current = getattr(self, slot)
            if current is not None and current.id == node.id:
                setattr(self, slot, node)

    def _open_part(self, line: _Line) -> None:
        """编 and 分编, 序言, and 附则 (at the level of the top unit: a 编 where
        the law has them, else a chapter)."""
        if line.kind == "supplement" and self.part is None:
            self._add_node("chapter", None, line.title, heading=line.text, label=line.label)
        else:
            kind: NodeKind = {"preface": "preface", "annex": "annex"}.get(line.kind, "part")  # type: ignore[assignment]
            self._add_node(kind, line.number, line.title, heading=line.text, label=line.label, subpart=line.subpart)
        self.intro_pending = True

    def _open_subsection(self, line: _Line) -> None:
        """1. under （一）: a heading line, or a paragraph whose first sentence
        is its title."""
        self.box = None
        if line.inline_section:
            self._add_node("section", line.number, line.title, label=f"{line.number}.{line.title}", subsection=True)
            self._add_paragraph(line, lead=line.text[: line.text.find(line.title) + len(line.title) + 1])
            return
        self._add_node("section", line.number, line.title, heading=line.text, label=line.label, subsection=True)
        self.intro_pending = True

    def _open_chapter(self, line: _Line) -> None:
        self.section = self.box = None
        self._add_node("chapter", line.number, line.title, heading=line.text, label=line.label)
        self.intro_pending = True

    def _open_section(self, line: _Line) -> None:
        self.box = None
        self._add_node("section", line.number, line.title, heading=line.text, bracket=line.bracket, label=line.label)
        self.intro_pending = True

    def _open_box(self, line: _Line) -> None:
        self.box = self._add_node("box", line.number, line.title, heading=line.text, label=line.label)
        self.intro_pending = False

    def _open_article(self, line: _Line) -> None:
        """An article: a node named 第X条, whose first paragraph is the line."""
        self.box = None
        self.article = self._add_node("article", line.number, "", label=f"第{line.number}条")
        self.kuan = 0
        self.intro_pending = False
        self._add_paragraph(line)

    def _add_node(
        self,
        kind: NodeKind,
        number: str | None,
        title: str,
        *,
        inferred: bool = False,
        heading: str | None = None,
        bracket: str = "()",
        node_id: str | None = None,
        label: str | None = None,
        subpart: bool = False,
        subsection: bool = False,
    ) -> Node:
        parent: Node | None
        top = self.subpart or self.part
        if kind in ("part", "preface", "annex", "toc"):
            parent = self.part if subpart else None
            prefix = {"preface": "f", "annex": "x", "toc": "toc"}.get(kind, parent.id + "p" if parent else "e")
            base = prefix + str(chinese_to_int(number or "") or 0)
        elif subsection:
            parent = self.section or self.chapter or top
            base = (parent.id if parent else "") + f"n{number}"
        elif kind == "chapter":
            parent = top
            base = (top.id if top else "") + f"c{chinese_to_int(number or '') or 0}"
        elif kind == "section":
            parent = self.chapter or top
            base = (parent.id if parent else "") + f"s{chinese_to_int(number or '')}"
        elif kind == "article":
            parent = self.section or self.chapter or top
            base = f"a{chinese_to_int(number or '')}"
        elif kind == "item":
            parent = self.article
            base = (parent.id if parent else "") + f"i{chinese_to_int(number or '')}"
        else:
            parent = self.section or self.chapter
            base = node_id or f"box{number}"
        if label is None:
            label = heading or _label(kind, number or "", title, bracket)
        node = Node(
            # A topic's id is its paragraph's, which is unique already.
            id=base if kind == "topic" else self._unique(base, self.node_ids, "node"),
            kind=kind,
            number=number,
            title=title,
            label=label,
            parent=parent.id if parent else None,
            inferred=inferred,
            heading=heading,
        )
        self.nodes.append(node)
        if kind == "toc":
            return node  # beside the units, not one of them
        if kind in ("part", "preface", "annex"):
            if subpart:
                self.subpart = node
            else:
                self.part, self.subpart = node, None
            self.chapter = self.section = self.subsection = self.box = self.article = self.item = None
        elif kind == "chapter":
            self.chapter, self.section, self.subsection, self.box, self.article, self.item = (node, *[None] * 5)
        elif kind == "section" and subsection:
            self.subsection, self.box, self.article, self.item = node, None, None, None
        elif kind == "section":
            self.section, self.subsection, self.box, self.article, self.item = node, None, None, None, None
        elif kind == "article":
            self.item = None
        return node

    def _unique(self, base: str, recent: set[str], kind: str) -> str:
        """``base``, or ``base-2``, ``base-3``... for its repeats (the same
        paragraph at the same place). No base ends in ``-<digits>``, so the
        repeats of a base are numbered in turn: the last number is remembered,
        never searched for (a line repeated 50,000 times is not quadratic)."""
        counter = self.repeats.get((kind, base))
        if counter is None:
            if base not in recent and not (self.taken is not None and self.taken(kind, base)):
                recent.add(base)
                return base
            counter = 1
        self.repeats[(kind, base)] = counter + 1
        return f"{base}-{counter + 1}"

    # -- paragraphs --------------------------------------------------------

    def _article_place(self, line: _Line, item: bool) -> tuple[str, ...]:
        """Where a paragraph is inside the article being read: its 款 (the
        first is the article itself) and, for an item, its 项."""
        if self.article is None:
            return ()
        match = _ITEM_RE.match(line.text)
        if item or match:
            number = match["num"] if match else line.number or ""
            place = (f"第{int_to_chinese(self.kuan)}款",) if self.kuan > 1 else ()
            self.item = self._add_node("item", number, "", label=f"第（{number}）项")
            return (*place, self.item.label)
        self.item = None
        self.kuan += 1
        return (f"第{int_to_chinese(self.kuan)}款",) if self.kuan > 1 else ()

    def _add_paragraph(self, line: _Line, *, item: bool = False, lead: str | None = None) -> None:
        text = line.text
        if lead is not None:
            pass  # an inline subsection's title sentence
        elif self.article is not None:
            lead = None  # an article's paragraphs (款) and items (项) have no topics
        elif line.inline_section:
            self.box = None
            self._add_node("section", line.number, line.title, bracket=line.bracket)
            lead = text[: text.find(line.title) + len(line.title) + 1]
        else:
            lead = None if self.intro_pending or not self.leads else detect_lead(text)
        self.intro_pending = False
        if self.box is not None and lead is not None:
            self.box = None  # a lead sentence: the main text resumes after the box
        if self.toc is not None:
            units: tuple[Node | None, ...] = (self.toc,)
            lead = None
        else:
            units = (self.part, self.subpart, self.chapter, self.section, self.subsection, self.article, self.box)
        path = tuple(n.label for n in units if n) + self._article_place(line, item)
        paragraph_id = self._unique(_stable_id(*path, text), self.paragraph_ids, "paragraph")
        box_name = f"专栏{self.box.number}" if self.box is not None else None
        node: Node | None = (
            self.toc
            or self.box
            or self.item
            or self.article
            or self.subsection
            or self.section
            or self.chapter
            or self.subpart
            or self.part
        )
        if self.box is None and lead is not None and not line.inline_section:
            topic_title = lead.rstrip(SENTENCE_END)
            node = self._add_node("topic", None, topic_title, node_id=f"t-{paragraph_id}", label=topic_title)
        refs = tuple(dict.fromkeys(name for _, _, name in box_mentions(text) if name != box_name))
        self.paragraph_count += 1
        self.paragraphs.append(
            Paragraph(
                id=paragraph_id,
                index=self.paragraph_count,
                text=text,
                node=node.id if node else None,
                kind="box" if self.box is not None else "body",
                box=box_name,
                path=path,
                lead=None if self.box is not None else lead,
                refs=refs,
                joins=line.joins,
            )
        )


def _is_section(line: _Line) -> bool:
    return line.kind == "section" or line.inline_section


def _cn(number: int, like: str | None) -> str:
    """Write ``number`` in the same script as ``like`` (Arabic or Chinese)."""
    if like and like.translate(FULLWIDTH_TO_ASCII).isdigit():
        return str(number)
    return int_to_chinese(number)


def _label(kind: str, number: str, title: str, bracket: str) -> str:
    """How a node without a heading line is named (a placeholder, an inline
    section), in the numbering style of its kind: 二、 第二章 (二) 第二节 2."""
    if kind == "chapter":
        return f"第{number}章{title}" if bracket == "第" else f"{number}、{title}"
    if kind == "section" and len(bracket) == 2:
        return f"{bracket[0]}{number}{bracket[1]}{title}"
    if kind == "section":
        return f"第{number}节{title}" if bracket == "" else f"{number}.{title}"
    if kind == "box":
        return f"专栏{number} {title}".rstrip()
    return title


def content_characters(document: Document) -> Iterable[str]:
    """Every non-whitespace character the document keeps, for audits and tests.

    Title line, page markers, heading lines and paragraph texts together hold
    each non-whitespace character of the source exactly once.
    """
    parts: list[str] = [document.title_line or ""]
    parts.extend(marker.text for marker in document.page_markers)
    parts.extend(node.heading for node in document.nodes if node.heading)
    parts.extend(p.text for p in document.paragraphs)
    return (char for part in parts for char in part if not char.isspace())
