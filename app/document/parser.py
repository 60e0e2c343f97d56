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
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from app.document.figures import extract_figures
from app.document.model import Batch, Document, Figure, Metadata, Node, PageMarker, Paragraph, box_mentions
from app.document.numerals import (
    CHINESE_NUMERAL_CHARS,
    CLOSING_MARKS,
    FULLWIDTH_TO_ASCII,
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

_NUM = f"[{CHINESE_NUMERAL_CHARS}]{{1,4}}"
_CHAPTER_RE = re.compile(rf"^(?P<num>{_NUM})、\s*(?P<title>\S.*)$")
_CHAPTER_WORD_RE = re.compile(rf"^第(?P<num>{_NUM}|\d{{1,3}})章\s*(?P<title>.*)$")
_SECTION_RE = re.compile(rf"^(?P<open>[(（])(?P<num>{_NUM})(?P<close>[)）])\s*(?P<title>\S.*)$")
_SECTION_WORD_RE = re.compile(rf"^第(?P<num>{_NUM}|\d{{1,3}})节\s*(?P<title>.*)$")
_BOX_RE = re.compile(r"^专栏\s*(?P<num>[0-9０-９]{1,3})\s*[：:、.．]?\s*(?P<title>.*)$")
_MARKER_RE = re.compile(
    r"^[■□◆◇●○▲△★☆]?\s*[(（]?\s*(?P<dir>上接|下转|转)\s*第?\s*"
    r"(?P<page>[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*版\s*[)）]?$"
)
_TITLE_RE = re.compile(r"^《(?P<title>[^《》]+)》\s*(?P<kind>.*)$")
_CLAUSE_MARKS = "，,；;：:"
# Copular sentences (深度贫困地区是贫中之贫、坚中之坚。) state a judgement in
# running prose; the white papers' bold topic sentences are headline-style
# predicates (经济持续快速发展。) and never use 是.
_COPULA = "是"


@dataclass
class _Line:
    """One classified, stripped, non-empty line of the source."""

    kind: Literal["title", "marker", "chapter", "section", "box", "para"]
    text: str
    number: str | None = None
    title: str = ""
    inline_section: bool = False
    bracket: str = "()"
    joins: int = 0


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
) -> Document:
    """Parse document text (already decoded) into a :class:`Document`, in memory
    (the library streams instead: see :class:`DocumentParser`).

    Args:
        text: the document text.
        metadata: what is known about the document, or None to derive it.
        name: how to name the source in error messages.
        fallback_title: the title to use when there is no title line.

    Raises:
        DocumentError: the text holds no headings and no paragraphs.
    """
    parser = DocumentParser(text_source(text, name), metadata, fallback_title=fallback_title)
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

    def __init__(self, source: TextSource, metadata: Metadata | None = None, *, fallback_title: str = "") -> None:
        self.source = source
        opening = _Opening.of(_classified(iter_lines(source.read())))
        if not opening.has_content:
            raise DocumentError(tr("file_no_paragraphs", path=source.name))
        self.title_line = opening.title_line
        self.metadata = metadata or _derive_metadata(source.sha256, opening.title_line, fallback_title or source.name)
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
        builder = _Builder(self._opening, taken)
        read = 0  # characters of the text read so far, for progress

        def counted(lines: Iterator[str]) -> Iterator[str]:
            nonlocal read
            for line in lines:
                read += len(line) + 1
                yield line

        text = self.source.read() if pieces is None else pieces
        for line in _join_column_breaks(_classified(counted(iter_lines(text)))):
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
            return _Line("chapter", line, number=match["num"], title=match["title"].strip())
    match = _SECTION_WORD_RE.match(line)
    if match and _is_heading_title(match["title"]) and chinese_to_int(match["num"]):
        return _Line("section", line, number=match["num"], title=match["title"].strip())
    match = _SECTION_RE.match(line)
    if match and chinese_to_int(match["num"]):
        bracket = match["open"] + match["close"]
        title = match["title"].strip()
        if _is_heading_title(title):
            return _Line("section", line, number=match["num"], title=title, bracket=bracket)
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


def _inline_section_title(text: str) -> str | None:
    """The title of a numbered paragraph whose first sentence is its title."""
    end = min((text.find(mark) for mark in SENTENCE_END if mark in text), default=-1)
    if end <= 0 or end > INLINE_TITLE_MAX_CHARS or not text[end + 1 :].strip():
        return None
    title = text[:end]
    if any(mark in title for mark in _CLAUSE_MARKS):
        return None
    return title


def _join_column_breaks(lines: Iterable[_Line]) -> Iterator[_Line]:
    """Join paragraphs cut by a column or page break back together.

    A paragraph that does not end with closing punctuation continues in the
    next paragraph, even across a page marker (which then follows it).
    Headings are never joined. An open paragraph is held back, with the
    markers after it, until it ends.
    """
    held: list[_Line] = []  # the open paragraph, then the markers after it
    parts: list[str] = []  # the open paragraph's text, in pieces (no quadratic +=)

    def release() -> Iterator[_Line]:
        if held:
            held[0].text = "".join(parts)
            yield from held
            held.clear()

    for line in lines:
        if line.kind == "marker" and held:
            held.append(line)
            continue
        if line.kind == "para" and not line.inline_section and held:
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
        complete document, to the first chapter of a fragment."""
        opening = cls()
        first = True
        for line in lines:
            if line.kind == "title":
                opening.title_line = line.text
                continue
            if first:
                opening.continued = line.kind == "marker" and line.title == "上接"
                first = False
            if line.kind == "marker":
                continue
            if line.kind in ("chapter", "section") and opening.first_heading is None:
                opening.first_heading = line
            if line.kind == "chapter":
                opening.chapter, opening.chapter_after_text = line, opening.has_content
                opening.has_content = True
                break
            if _is_section(line) and opening.section is None:
                opening.section, opening.section_after_text = line, opening.has_content
            opening.has_content = True
            if not opening.fragment and opening.first_heading is not None:
                break  # a complete document: nothing further matters here
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

    def __init__(self, opening: _Opening, taken: TakenCheck | None) -> None:
        self.taken = taken
        self.nodes: list[Node] = []
        self.node_ids: set[str] = set()
        self.paragraphs: list[Paragraph] = []
        self.paragraph_ids: set[str] = set()
        self.paragraph_count = 0
        # The last number given to each repeated id (few: repeats are rare).
        self.repeats: dict[tuple[str, str], int] = {}
        self.markers: list[tuple[_Line, int]] = []
        self.chapter: Node | None = None
        self.section: Node | None = None
        self.box: Node | None = None
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
        if line.kind == "chapter":
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
        truncated = last is not None and last.kind == "para" and not ends_paragraph(last.text)
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
                self._add_node("chapter", _cn(number - 1, chapter.number), "", inferred=True)
        section = opening.section
        if section is not None and opening.section_after_text:
            number = chinese_to_int(section.number or "") or 0
            if number > 1:
                self._add_node("section", _cn(number - 1, section.number), "", inferred=True, bracket=section.bracket)

    # -- headings ----------------------------------------------------------

    def _open_chapter(self, line: _Line) -> None:
        self.section = self.box = None
        self._add_node("chapter", line.number, line.title, heading=line.text)
        self.intro_pending = True

    def _open_section(self, line: _Line) -> None:
        self.box = None
        self._add_node("section", line.number, line.title, heading=line.text, bracket=line.bracket)
        self.intro_pending = True

    def _open_box(self, line: _Line) -> None:
        self.box = self._add_node("box", line.number, line.title, heading=line.text)
        self.intro_pending = False

    def _add_node(
        self,
        kind: Literal["chapter", "section", "topic", "box"],
        number: str | None,
        title: str,
        *,
        inferred: bool = False,
        heading: str | None = None,
        bracket: str = "()",
        node_id: str | None = None,
        label: str | None = None,
    ) -> Node:
        parent: Node | None
        if kind == "chapter":
            parent = None
            base = f"c{chinese_to_int(number or '')}"
        elif kind == "section":
            parent = self.chapter
            base = (parent.id if parent else "") + f"s{chinese_to_int(number or '')}"
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
        if kind == "chapter":
            self.chapter, self.section, self.box = node, None, None
        elif kind == "section":
            self.section, self.box = node, None
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

    def _add_paragraph(self, line: _Line) -> None:
        text = line.text
        lead: str | None
        if line.inline_section:
            self.box = None
            self._add_node("section", line.number, line.title, bracket=line.bracket)
            lead = text[: text.find(line.title) + len(line.title) + 1]
        else:
            lead = None if self.intro_pending else detect_lead(text)
        self.intro_pending = False
        if self.box is not None and lead is not None:
            self.box = None  # a lead sentence: the main text resumes after the box
        path = tuple(n.label for n in (self.chapter, self.section, self.box) if n is not None)
        paragraph_id = self._unique(_stable_id(*path, text), self.paragraph_ids, "paragraph")
        box_name = f"专栏{self.box.number}" if self.box is not None else None
        node: Node | None = self.box or self.section or self.chapter
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
    if kind == "chapter":
        return f"{number}、{title}"
    if kind == "section":
        return f"{bracket[0]}{number}{bracket[1]}{title}"
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
