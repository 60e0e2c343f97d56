"""Plain text to a structured :class:`~app.model.Document`.

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
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from app.errors import DocumentError
from app.figures import extract_figures
from app.i18n import tr
from app.model import Document, Figure, Metadata, Node, PageMarker, Paragraph
from app.numerals import (
    CHINESE_NUMERAL_CHARS,
    FULLWIDTH_TO_ASCII,
    SENTENCE_END,
    chinese_to_int,
    ends_paragraph,
    int_to_chinese,
)
from app.progress import REPORT_EVERY, ProgressCallback
from app.textio import read_document_text

# Headings are short and never a full sentence; longer lines are paragraphs.
HEADING_MAX_CHARS = 60
TITLE_MAX_CHARS = 80
# A lead (topic) sentence is a short headline-like sentence opening a paragraph:
# 基本公共服务水平明显提升。 The bound keeps ordinary opening sentences out.
LEAD_MIN_CHARS = 4
LEAD_MAX_CHARS = 30
# An inline section title (regulations: "(一)坚持综合治理的防治路线。以小流域…").
INLINE_TITLE_MAX_CHARS = 40

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
_BOX_MENTION_RE = re.compile(r"专栏\s*([0-9０-９]{1,3})")
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
    text = read_document_text(path)
    return parse_text(text, metadata, name=str(path), fallback_title=path.stem)


def parse_text(
    text: str,
    metadata: Metadata | None = None,
    *,
    name: str = "<text>",
    fallback_title: str = "",
    progress: ProgressCallback | None = None,
) -> Document:
    """Parse document text (already decoded) into a :class:`Document`.

    Args:
        text: the document text.
        metadata: what is known about the document, or None to derive it.
        name: how to name the source in error messages.
        fallback_title: the title to use when there is no title line.
        progress: called with (done, total) while building (it may raise to stop).

    Raises:
        DocumentError: the text holds no headings and no paragraphs.
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = _join_column_breaks(_classify(text))
    if not any(line.kind in ("para", "chapter", "section", "box") for line in lines):
        raise DocumentError(tr("file_no_paragraphs", path=name))
    title_line = next((line.text for line in lines if line.kind == "title"), None)
    if metadata is None:
        metadata = _derive_metadata(text, title_line, fallback_title or name)
    return _Builder(metadata, title_line, lines).build(progress)


def _derive_metadata(text: str, title_line: str | None, fallback_title: str) -> Metadata:
    title, kind = fallback_title, ""
    if title_line:
        match = _TITLE_RE.match(title_line)
        if match:
            title, kind = match["title"].strip(), match["kind"].strip()
        else:
            title = title_line
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return Metadata(id=f"doc-{digest}", title=title, kind=kind)


def _classify(text: str) -> list[_Line]:
    raw = [line.strip() for line in text.split("\n")]
    stripped = [line for line in raw if line]
    lines: list[_Line] = []
    for position, line in enumerate(stripped):
        if position == 0 and len(stripped) > 1 and _is_title(line):
            lines.append(_Line("title", line))
        else:
            lines.append(_classify_line(line))
    return lines


def _is_title(line: str) -> bool:
    if _TITLE_RE.match(line):
        return True
    if _classify_line(line).kind != "para":
        return False
    return (
        len(line) <= TITLE_MAX_CHARS
        and not ends_paragraph(line)
        and not any(mark in line for mark in SENTENCE_END)
    )


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
                "para", line, number=match["num"], title=inline,
                inline_section=True, bracket=bracket,
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


def _join_column_breaks(lines: list[_Line]) -> list[_Line]:
    """Join paragraphs cut by a column or page break back together.

    A paragraph that does not end with closing punctuation continues in the
    next paragraph, even across a page marker. Headings are never joined.
    """
    result: list[_Line] = []
    open_paragraph: _Line | None = None
    for line in lines:
        if line.kind == "marker":
            result.append(line)
            continue
        if line.kind == "para" and not line.inline_section and open_paragraph is not None:
            glue = " " if _both_latin(open_paragraph.text, line.text) else ""
            open_paragraph.text += glue + line.text
            open_paragraph.joins += 1
        else:
            result.append(line)
            open_paragraph = line if line.kind == "para" else None
        if open_paragraph is not None and ends_paragraph(open_paragraph.text):
            open_paragraph = None
    return result


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


class _Builder:
    """Walks the classified lines and builds nodes and paragraphs."""

    def __init__(self, metadata: Metadata, title_line: str | None, lines: list[_Line]) -> None:
        self.metadata = metadata
        self.title_line = title_line
        self.lines = [line for line in lines if line.kind != "title"]
        self.nodes: list[Node] = []
        self.node_ids: set[str] = set()
        self.paragraphs: list[Paragraph] = []
        self.paragraph_ids: set[str] = set()
        self.markers: list[tuple[_Line, int]] = []
        self.chapter: Node | None = None
        self.section: Node | None = None
        self.box: Node | None = None
        self.intro_pending = False

    def build(self, progress: ProgressCallback | None = None) -> Document:
        fragment = self._infer_placeholders()
        steps = 2 * len(self.lines)  # the lines, then the figures of the paragraphs
        for number, line in enumerate(self.lines):
            if progress and number % REPORT_EVERY == 0:
                progress(number, steps)
            if line.kind == "marker":
                self.markers.append((line, len(self.paragraphs) + 1))
            elif line.kind == "chapter":
                self._open_chapter(line)
            elif line.kind == "section":
                self._open_section(line)
            elif line.kind == "box":
                self._open_box(line)
            else:
                self._add_paragraph(line)
        last_text = next((line for line in reversed(self.lines) if line.kind != "marker"), None)
        truncated = (
            last_text is not None and last_text.kind == "para" and not ends_paragraph(last_text.text)
        )
        paragraphs = tuple(self.paragraphs)
        markers = tuple(
            PageMarker(
                text=line.text,
                direction="from" if line.title == "上接" else "to",
                page=line.number or "",
                before=before if before <= len(paragraphs) else 0,
            )
            for line, before in self.markers
        )
        figures: list[Figure] = []
        for number, paragraph in enumerate(paragraphs):
            if progress and number % REPORT_EVERY == 0:
                progress(len(self.lines) + len(self.lines) * number // len(paragraphs), steps)
            figures.extend(extract_figures(paragraph))
        return Document(
            metadata=self.metadata,
            title_line=self.title_line,
            nodes=tuple(self.nodes),
            paragraphs=paragraphs,
            page_markers=markers,
            fragment=fragment,
            truncated=truncated,
            figures=tuple(figures),
        )

    # -- fragments ---------------------------------------------------------

    def _infer_placeholders(self) -> bool:
        """Open placeholder parents for text before the first heading.

        Returns whether the text is a fragment that starts inside a chapter.
        """
        content = [line for line in self.lines if line.kind != "marker"]
        if not content:
            return False
        continued = self.lines[0].kind == "marker" and self.lines[0].title == "上接"
        first_heading = next((ln for ln in content if ln.kind in ("chapter", "section")), None)
        starts_mid_chapter = first_heading is not None and chinese_to_int(
            first_heading.number or ""
        ) != 1
        fragment = continued or starts_mid_chapter
        if not fragment:
            return False
        first_chapter = next((i for i, ln in enumerate(content) if ln.kind == "chapter"), None)
        before_chapter = content if first_chapter is None else content[:first_chapter]
        if first_chapter is not None and before_chapter:
            number = chinese_to_int(content[first_chapter].number or "") or 0
            if number > 1:
                self._add_node("chapter", _cn(number - 1, content[first_chapter].number), "",
                               inferred=True)
        first_section = next((i for i, ln in enumerate(before_chapter) if _is_section(ln)), None)
        if first_section is not None and first_section > 0:
            section = before_chapter[first_section]
            number = chinese_to_int(section.number or "") or 0
            if number > 1:
                self._add_node("section", _cn(number - 1, section.number), "", inferred=True,
                               bracket=section.bracket)
        return True

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
            id=self._unique(base, self.node_ids),
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

    @staticmethod
    def _unique(base: str, taken: set[str]) -> str:
        candidate, counter = base, 1
        while candidate in taken:
            counter += 1
            candidate = f"{base}-{counter}"
        taken.add(candidate)
        return candidate

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
        paragraph_id = self._unique(_stable_id(*path, text), self.paragraph_ids)
        box_name = f"专栏{self.box.number}" if self.box is not None else None
        node: Node | None = self.box or self.section or self.chapter
        if self.box is None and lead is not None and not line.inline_section:
            topic_title = lead.rstrip(SENTENCE_END)
            node = self._add_node("topic", None, topic_title, node_id=f"t-{paragraph_id}",
                                  label=topic_title)
        refs = tuple(
            dict.fromkeys(
                f"专栏{int(number.translate(FULLWIDTH_TO_ASCII))}"
                for number in _BOX_MENTION_RE.findall(text)
                if f"专栏{int(number.translate(FULLWIDTH_TO_ASCII))}" != box_name
            )
        )
        self.paragraphs.append(
            Paragraph(
                id=paragraph_id,
                index=len(self.paragraphs) + 1,
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


def with_metadata(document: Document, metadata: Metadata) -> Document:
    """Return ``document`` with other metadata (ids of its parts do not change)."""
    return replace(document, metadata=metadata)


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
