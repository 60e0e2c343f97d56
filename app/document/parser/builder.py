"""The tree builder: nodes and paragraphs from classified lines, one at a
time, with stable ids; and what is read ahead before the first paragraph."""

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from app.document.figures import extract_figures
from app.document.genres import SCAN_LINES
from app.document.model import Batch, Node, NodeKind, PageMarker, Paragraph, box_mentions
from app.document.numerals import (
    FULLWIDTH_TO_ASCII,
    PARAGRAPH_END,
    SENTENCE_END,
    chinese_to_int,
    ends_paragraph,
    int_to_chinese,
)
from app.document.parser.lines import _CLAUSE_MARKS, _ITEM_RE, _Line

# A lead (topic) sentence is a short headline-like sentence opening a paragraph:
# 基本公共服务水平明显提升。 The bound keeps ordinary opening sentences out.
LEAD_MIN_CHARS = 4
LEAD_MAX_CHARS = 30
# Paragraphs per batch handed to the store: what is in memory at a time.
BATCH_PARAGRAPHS = 2000
# What of a line the genre is told from (its opening words).
GENRE_LINE_CHARS = 200
# Units whose paragraph counts are kept before closed ones are forgotten.
UNIT_COUNTS_KEPT = 64
# The longest line that can go on a law's heading title from the line before.
HEADING_CONTINUATION_MAX_CHARS = 20
# The last line of a document: a long line that stops mid-sentence is a text
# cut short; a short one is a date, a signature, a list or an attachment name.
TRUNCATED_MIN_CHARS = 40
# Hard-wrapped text (a text layer copied from a PDF, an e-mail): at least
# this many paragraph lines, this share of them stopping mid-sentence, this
# share of those within this many characters of the median, and that median
# at least this wide.
WRAP_MIN_LINES = 20
WRAP_MIN_SHARE = 0.4
WRAP_EVEN_SHARE = 0.8
WRAP_TOLERANCE_CHARS = 3
WRAP_MIN_CHARS = 16
# Copular sentences (深度贫困地区是贫中之贫、坚中之坚。) state a judgement in
# running prose; the white papers' bold topic sentences are headline-style
# predicates (经济持续快速发展。) and never use 是.
_COPULA = "是"

# Asks whether a node or paragraph id is taken by a part already handed out
# (and stored) in an earlier batch: ("node" | "paragraph", id) -> bool.
TakenCheck = Callable[[str, str], bool]


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
    # The lengths of the first paragraph lines, and of those that stop
    # without closing punctuation: what tells hard-wrapped text.
    lengths: list[int] = field(default_factory=list)
    open_lengths: list[int] = field(default_factory=list)
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
                if line.kind == "para":
                    opening.lengths.append(len(line.text))
                    if not ends_paragraph(line.text):
                        opening.open_lengths.append(len(line.text))
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
    def wrap_width(self) -> int | None:
        """The width a hard-wrapped text was cut at, or None: many of its
        paragraph lines stop without closing punctuation, and nearly all of
        those are as long as one another (a line of text cut at the margin)."""
        if len(self.lengths) < WRAP_MIN_LINES or len(self.open_lengths) < len(self.lengths) * WRAP_MIN_SHARE:
            return None
        width = sorted(self.open_lengths)[len(self.open_lengths) // 2]
        even = sum(1 for n in self.open_lengths if abs(n - width) <= WRAP_TOLERANCE_CHARS)
        return width if width >= WRAP_MIN_CHARS and even >= len(self.open_lengths) * WRAP_EVEN_SHARE else None

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
        # The PDF page the text is on (None: not a PDF).
        self.page: int | None = None
        # Whether paragraphs may open with lead-sentence topics (the genre's).
        self.leads = leads
        self.nodes: list[Node] = []
        self.node_ids: set[str] = set()
        self.paragraphs: list[Paragraph] = []
        self.paragraph_ids: set[str] = set()
        self.paragraph_count = 0
        # How many paragraphs each open unit has so far (see _add_paragraph).
        self.unit_counts: dict[str | None, int] = {}
        # The last number given to each repeated id (few: repeats are rare).
        self.repeats: dict[tuple[str, str], int] = {}
        self.markers: list[tuple[_Line, int]] = []
        self.part: Node | None = None
        self.subpart: Node | None = None
        self.chapter: Node | None = None
        self.section: Node | None = None
        self.subsection: Node | None = None
        self.point: Node | None = None
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
        if line.kind == "page":
            self.page = int(line.number) if line.number and line.number.isdigit() else self.page
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
        if self.article is not None and (
            line.kind in ("section", "subsection") and line.bracket or line.inline_section
        ):
            self._add_paragraph(line, item=True)  # an item （一） of the article
        elif line.kind == "article":
            self._open_article(line)
        elif line.kind in ("part", "preface", "supplement", "annex"):
            self._open_part(line)
        elif line.kind == "subsection" or line.inline_section and (line.bracket == "." or _arabic(line.number)):
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
            figures=[
                figure for paragraph in self.paragraphs for figure in extract_figures(paragraph, legal=self.legal)
            ],
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
            # A web address (a page's "related links" after the text) is not
            # a sentence cut off.
            and not _ADDRESS_RE.match(last.text)
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
        """1. under （一）, and （1） under 1.: a heading line, or a paragraph
        whose first sentence is its title."""
        self.box = None
        point = len(line.bracket) == 2  # （1）, the level under 1.
        if line.inline_section:
            numbered = f"{line.bracket[0]}{line.number}{line.bracket[1]}" if point else f"{line.number}."
            self._add_node(
                "section", line.number, line.title, label=numbered + line.title, subsection=not point, point=point
            )
            self._add_paragraph(line, lead=line.text[: line.text.find(line.title) + len(line.title) + 1])
            return
        self._add_node(
            "section", line.number, line.title, heading=line.text, label=line.label, subsection=not point, point=point
        )
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
        point: bool = False,
    ) -> Node:
        parent: Node | None
        top = self.subpart or self.part
        if kind in ("part", "preface", "annex", "toc"):
            parent = self.part if subpart else None
            prefix = {"preface": "f", "annex": "x", "toc": "toc"}.get(kind, parent.id + "p" if parent else "e")
            base = prefix + str(chinese_to_int(number or "") or 0)
            if kind == "annex" and not number:
                base += _stable_id(title)[1:7]  # annexes without a number: told apart by their titles
        elif subsection:
            parent = self.section or self.chapter or top
            base = (parent.id if parent else "") + f"n{number}"
        elif point:
            parent = self.subsection or self.section or self.chapter or top
            base = (parent.id if parent else "") + f"q{number}"
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
        # A topic's id is its paragraph's, which is unique already.
        node_id = base if kind == "topic" else self._unique(base, self.node_ids, "node")
        # A heading at a place that already has it (its id got a -2) is a
        # copy, and so is everything under it; articles and items are left
        # out (an amending decision quotes article numbers again).
        copied = node_id != base and kind in ("part", "preface", "annex", "chapter", "section", "box")
        node = Node(
            id=node_id,
            kind=kind,
            number=number,
            title=title,
            label=label,
            parent=parent.id if parent else None,
            inferred=inferred,
            heading=heading,
            repeated=copied or bool(parent and parent.repeated),
        )
        self.nodes.append(node)
        if kind == "toc":
            return node  # beside the units, not one of them
        if kind in ("part", "preface", "annex"):
            if subpart:
                self.subpart = node
            else:
                self.part, self.subpart = node, None
            self.chapter = self.section = self.subsection = self.point = self.box = self.article = self.item = None
        elif kind == "chapter":
            self.chapter, self.section, self.subsection, self.point, self.box, self.article, self.item = (
                node,
                *[None] * 6,
            )
        elif kind == "section" and point:
            self.point, self.box, self.article, self.item = node, None, None, None
        elif kind == "section" and subsection:
            self.subsection, self.point, self.box, self.article, self.item = node, None, None, None, None
        elif kind == "section":
            self.section, self.subsection, self.point, self.box, self.article, self.item = (node, *[None] * 5)
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
        elif line.marked_lead:
            lead = line.marked_lead  # (the format marks it: bold)
        else:
            lead = None if self.intro_pending or not self.leads else detect_lead(text)
        self.intro_pending = False
        if self.box is not None and lead is not None and not line.marked_lead:
            self.box = None  # a lead sentence: the main text resumes after the box
        if self.toc is not None:
            units: tuple[Node | None, ...] = (self.toc,)
            lead = None
        else:
            units = (
                self.part,
                self.subpart,
                self.chapter,
                self.section,
                self.subsection,
                self.point,
                self.article,
                self.box,
            )
        present = [n for n in units if n]
        unplaced = next((i for i, n in enumerate(present) if not n.inferred), len(present))
        path = tuple(n.label for n in present) + self._article_place(line, item)
        paragraph_id = self._unique(_stable_id(*path, text), self.paragraph_ids, "paragraph")
        box_name = f"专栏{self.box.number}" if self.box is not None else None
        node: Node | None = (
            self.toc
            or self.box
            or self.item
            or self.article
            or self.point
            or self.subsection
            or self.section
            or self.chapter
            or self.subpart
            or self.part
        )
        # The paragraph's place in its innermost unit (a topic is not one:
        # the paragraphs after a lead sentence are the section's).
        unit = node.id if node else None
        if unit not in self.unit_counts and len(self.unit_counts) > UNIT_COUNTS_KEPT:
            # Only open units can get more paragraphs: forget the others.
            chain = {n.id for n in present} | {n.id for n in (self.toc, self.item) if n}
            self.unit_counts = {key: count for key, count in self.unit_counts.items() if key in chain}
        self.unit_counts[unit] = ordinal = self.unit_counts.get(unit, 0) + 1
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
                role=line.role,
                ordinal=ordinal,
                unplaced=min(unplaced, len(path)),
                page=self.page,
            )
        )


_ADDRESS_RE = re.compile(r"^(?:https?://|www\.)\S+$")


def _arabic(number: str | None) -> bool:
    return bool(number) and (number or "").isdigit()


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
