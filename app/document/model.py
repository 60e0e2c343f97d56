"""The document model: plain, immutable values shared by every layer.

A :class:`Document` is what the parser makes of one text file and what the
store saves and loads. Nodes form a tree (chapters, sections, lead-sentence
topics and 专栏 boxes) kept as a flat tuple in reading order, each naming its
parent; paragraphs name the node that directly holds them.
"""

import functools
import json
import re
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol, TypeVar, overload

_P = TypeVar("_P")
_T = TypeVar("_T")

# part: 编 or 分编; preface: 序言; article: 条 (the unit a law is cited by);
# item: 项 of an article; annex: 附件 (or the document a notice issues); toc:
# a 目录 block.
NodeKind = Literal["part", "preface", "annex", "toc", "chapter", "section", "article", "item", "topic", "box"]
# The kinds in a fixed order: a :class:`Skeleton` holds a node's kind as its
# number here.
NODE_KINDS: tuple[NodeKind, ...] = (
    "part",
    "preface",
    "annex",
    "toc",
    "chapter",
    "section",
    "article",
    "item",
    "topic",
    "box",
)
# Rows of a stored document read at a time, and how many such chunks are kept.
ROWS_CHUNK = 512
CHUNKS_KEPT = 16
# Rows read one by one (far from the last one asked for: the tree's chapters,
# spread over the whole document) that are kept, besides the chunks.
SINGLE_ROWS_KEPT = 4096
# After this many rows asked for one after another, the next ones are read
# with their chunk (a walk through them); before, a row is read alone.
WALK_ROWS = 4
# Find in page folds the case of Latin letters only: every other character
# keeps its length, so a match's offsets are those of the text itself.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@functools.lru_cache(maxsize=4096)
def path_json(path: tuple[str, ...]) -> str:
    """A paragraph's path as the library stores it (and indexes its heading
    from): JSON, the characters as they are. (Every paragraph of a section
    has the same: each is written once.)"""
    return json.dumps(list(path), ensure_ascii=False)


def fold_case(text: str) -> str:
    """``text`` with its Latin capitals made small, each character kept in
    place (how find in page compares; SQLite's lower() does the same)."""
    return text.translate(_ASCII_LOWER)


# What an inferred placeholder's label says after it: its heading is not in
# the text (a fragment that starts mid-chapter).
INFERRED_NOTE = "（前文未收录）"
# A mention of a box in the text: 专栏7, 专栏 7, 专栏７.
_BOX_MENTION = re.compile(r"专栏\s*([0-9０-９]{1,3})")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def box_name(number: str | int) -> str:
    """The name of box ``number`` (Arabic or full-width digits) as the model
    keeps it: 专栏7."""
    return f"专栏{int(str(number).translate(_FULLWIDTH_DIGITS))}"


def box_mentions(text: str) -> Iterator[tuple[int, int, str]]:
    """The box mentions of ``text``: (start, end, box name) in order."""
    for match in _BOX_MENTION.finditer(text):
        yield match.start(), match.end(), box_name(match.group(1))


ParagraphKind = Literal["body", "box"]
ParagraphRole = Literal["doc_number", "addressee", "signature", "date", "history"]


@dataclass(frozen=True)
class Metadata:
    """What is known about a document besides its text; drives citations.

    Attributes:
        id: the document's stable id in the library (used in deep links).
        title: the title without book-title marks, e.g. 人类减贫的中国实践.
        kind: the kind of document, e.g. 白皮书.
        issuer: the issuing body (the author in citations).
        release_date: ISO date of release, or "".
        place: place of publication for GB/T 7714, or "".
        source_note: where this copy of the text comes from.
        genre: the genre the text is read as (see :mod:`app.document.genres`).
        number: the 文号 (国发〔2021〕29号), or "".
        author: the person who delivered it (a report's 国务院总理 李强), or "".
        subtitle: other title information (a report's ——2025年3月5日在…上).
        url: the official address of the text (https://www.gov.cn/…), or "".
        excerpt: this copy is part of the document only (a fragment, or a
            text that stops inside a sentence): citations say so.
    """

    id: str
    title: str
    kind: str = ""
    issuer: str = ""
    release_date: str = ""
    place: str = ""
    source_note: str = ""
    genre: str = ""
    number: str = ""
    author: str = ""
    subtitle: str = ""
    url: str = ""
    excerpt: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the metadata as a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)  # (a 50 MB document holds hundreds of thousands)
class Node:
    """One entry of the chapter tree.

    Attributes:
        id: stable id within the document (``c3``, ``c3s2``, ``box7``, ``t-…``).
        kind: chapter, section, topic (a lead sentence) or box (专栏).
        number: the number as written in Chinese or Arabic digits (三, 7), or
            None for topics.
        title: the title as written; "" for inferred placeholders.
        label: how the node is named in paths and the tree (三、实施精准扶贫方略).
        parent: id of the parent node, or None at the top level.
        inferred: a placeholder for a chapter or section whose heading is not
            in the text (a fragment starting mid-chapter); never has a title.
        heading: the heading line exactly as written, if it was a line of its
            own; None for inferred nodes, topics and inline sections.
        repeated: the heading repeats one at the same place (a saved page
            that holds its document twice): the text is kept, the tree can
            tell the copy apart.
    """

    id: str
    kind: NodeKind
    number: str | None
    title: str
    label: str
    parent: str | None
    inferred: bool = False
    heading: str | None = None
    repeated: bool = False

    @property
    def shown_label(self) -> str:
        """The label as the tree shows it: a placeholder says it is one."""
        return self.label + (INFERRED_NOTE if self.inferred else "")


@dataclass(frozen=True, slots=True)  # (a 50 MB document holds hundreds of thousands)
class Paragraph:
    """One paragraph, verbatim, with its place in the document.

    Attributes:
        id: stable id: the same text at the same place gets the same id in
            every rebuild and version.
        index: 1-based position in reading order.
        text: the text exactly as written (column breaks joined back).
        node: id of the node directly holding it, or None for a preamble.
        kind: body text or a 专栏 box.
        box: the box it is in, as ``专栏7``, or None.
        path: labels of its chapter, section and box.
        lead: its opening lead (topic) sentence, or None.
        refs: boxes it mentions, as ``专栏7``.
        joins: how many column breaks were joined back into it.
        role: what the line is in a 公文 or a law besides text, or None:
            ``doc_number`` (国发〔2021〕29号), ``addressee`` (主送机关),
            ``signature`` and ``date`` (落款), ``history`` (a law's
            通过/修正 line).
        ordinal: its position (1-based) among the paragraphs of its innermost
            unit (a chapter, section, 专栏 or article; a lead-sentence topic is
            not a unit of its own), the number a reader can count in any copy.
        unplaced: how many of the first ``path`` labels are placeholders for
            headings that are not in the text (a fragment's first chapter).
        page: the page of the PDF it begins on (from 1, as viewers count),
            or None for other formats.
    """

    id: str
    index: int
    text: str
    node: str | None
    kind: ParagraphKind
    box: str | None
    path: tuple[str, ...]
    lead: str | None = None
    refs: tuple[str, ...] = ()
    joins: int = 0
    role: ParagraphRole | None = None
    ordinal: int = 0
    unplaced: int = 0
    page: int | None = None


@dataclass(frozen=True)
class PageMarker:
    """A newspaper page marker such as ■上接第4版: metadata, not text.

    Attributes:
        text: the marker line as written.
        direction: ``from`` (上接, continued from) or ``to`` (下转, continued on).
        page: the page number as written.
        before: index of the paragraph that follows it (0 when none does).
    """

    text: str
    direction: Literal["from", "to"]
    page: str
    before: int


@dataclass(frozen=True, slots=True)  # (a 50 MB document holds hundreds of thousands)
class Figure:
    """A statistic found in a paragraph.

    Attributes:
        id: ``<paragraph id>.<n>``, n counting figures in the paragraph.
        paragraph: the paragraph id.
        text: the figure as written (10.8万所, 约1900亿元).
        value: the normalised number (108000, 190000000000).
        value_max: the upper end of a range (6—24岁), else None.
        unit: unit or classifier (所, 元, %, 个百分点...), or None.
        qualifier: 约, 多, 余, 近, 超过... as written, or None.
        as_of: the time the sentence gives for it (截至2020年底), or None.
        sentence: the whole sentence around it.
        start: offset of the figure in the paragraph text.
        end: offset just past the figure in the paragraph text.
        box: the box the paragraph is in, or None.
        path: the paragraph's location path.
        unplaced: how many of the first ``path`` labels are placeholders (see
            :attr:`Paragraph.unplaced`).
        kind: ``statistic`` (what is or was, or a plan's target) or
            ``threshold`` (a limit a law or a regulation sets: 三年以下).
        counts: the noun it counts where the sentence names it next to the
            number (1936万贫困人口 → 贫困人口), or None.
        change_from: in a change (从A增长到B), the id of its first figure.
        change_to: in a change, the id of its second figure.
        direction: in a change, ``increase`` or ``decrease``.
    """

    id: str
    paragraph: str
    text: str
    value: float | int
    value_max: float | int | None
    unit: str | None
    qualifier: str | None
    as_of: str | None
    sentence: str
    start: int
    end: int
    box: str | None
    path: tuple[str, ...]
    unplaced: int = 0
    kind: str = "statistic"
    counts: str | None = None
    change_from: str | None = None
    change_to: str | None = None
    direction: str | None = None

    @property
    def approximate(self) -> bool:
        """Whether the text qualifies the number (约, 多, 余, 近, 超过...)."""
        return self.qualifier is not None

    def to_dict(self) -> dict[str, Any]:
        """Return the figure as a JSON-ready dict (the CLI contract)."""
        data = asdict(self)
        data["path"] = list(self.path)
        data["approximate"] = self.approximate
        for name in ("change_from", "change_to", "direction"):
            del data[name]
        data["change"] = (
            None
            if self.change_from is None
            else {"from": self.change_from, "to": self.change_to, "direction": self.direction}
        )
        return data


@dataclass(frozen=True)
class Document:
    """A parsed document.

    Attributes:
        metadata: title, issuer, date... (drives citations).
        title_line: the title line as written, or None.
        nodes: the chapter tree, flat, in reading order (parents first).
        paragraphs: the paragraphs in reading order.
        page_markers: newspaper page markers.
        fragment: the text starts inside a chapter (a reprint fragment).
        truncated: the text ends mid-sentence.
        figures: statistics found in the paragraphs, in reading order.
        partial: only the start of the document (what a window shows first
            while the rest of a large document loads): its first paragraphs
            with their units and figures.
    """

    metadata: Metadata
    title_line: str | None
    nodes: Sequence[Node]
    paragraphs: Sequence[Paragraph]
    page_markers: tuple[PageMarker, ...] = ()
    fragment: bool = False
    truncated: bool = False
    figures: tuple[Figure, ...] = field(default=())
    partial: bool = False
    # A large document read from the library as it is looked at: its nodes
    # and paragraphs are :class:`StoredRows`, and this answers what would
    # otherwise walk them all.
    store: "DocumentStore | None" = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        """The document id."""
        return self.metadata.id

    @property
    def title(self) -> str:
        """The document title."""
        return self.metadata.title

    def node(self, node_id: str) -> Node:
        """Return the node with ``node_id``; raise KeyError if there is none."""
        number = self.node_number(node_id)
        if number is None:
            raise KeyError(node_id)
        return self.nodes[number]

    def node_number(self, node_id: str) -> int | None:
        """The place of a node in :attr:`nodes` (None: no such node)."""
        if self.store is not None:
            return self.store.node_number(node_id)
        return self._node_numbers.get(node_id)

    def paragraph_position(self, paragraph_id: str) -> int | None:
        """The place of a paragraph in :attr:`paragraphs` (None: no such one)."""
        if self.store is not None:
            return self.store.paragraph_position(paragraph_id)
        return self._paragraph_positions.get(paragraph_id)

    @functools.cached_property
    def _node_numbers(self) -> dict[str, int]:
        return {node.id: number for number, node in enumerate(self.nodes)}

    @functools.cached_property
    def _paragraph_positions(self) -> dict[str, int]:
        return {p.id: position for position, p in enumerate(self.paragraphs)}

    def skeleton(self) -> "Skeleton":
        """The document's shape in numbers (see :class:`Skeleton`)."""
        if self.store is not None:
            return self.store.skeleton()
        numbers = self._node_numbers
        return Skeleton(
            array("i", (numbers.get(n.parent, -1) if n.parent is not None else -1 for n in self.nodes)),
            bytes(NODE_KINDS.index(n.kind) for n in self.nodes),
            array("i", (numbers.get(p.node, -1) if p.node is not None else -1 for p in self.paragraphs)),
        )

    def children(self, node_id: str | None) -> Iterator[Node]:
        """Yield the direct children of ``node_id`` (None: top level) in order."""
        return (node for node in self.nodes if node.parent == node_id)

    def paragraphs_of(self, node_id: str | None) -> Iterator[Paragraph]:
        """Yield the paragraphs directly in ``node_id`` (None: the preamble)."""
        if self.store is not None:
            return iter(self.store.paragraphs_in(node_id))
        return (p for p in self.paragraphs if p.node == node_id)

    def box_paragraph(self, box: str) -> str | None:
        """The id of the first paragraph of ``box`` (``专栏7``), where a link
        to the box leads; None when the document has no such box."""
        if self.store is not None:
            return self.store.box_paragraph(box)
        return next((p.id for p in self.paragraphs if p.box == box), None)

    def mentions_of(self, box: str) -> Iterator[Paragraph]:
        """Yield the paragraphs that mention ``box`` (e.g. ``专栏7``)."""
        if self.store is not None:
            return iter(self.store.mentions_of(box))
        return (p for p in self.paragraphs if box in p.refs)

    def nodes_of_kinds(self, kinds: Iterable[str]) -> dict[int, Node]:
        """The nodes of these kinds by their places, in order."""
        wanted = set(kinds)
        if self.store is not None:
            return self.store.nodes_of_kinds(wanted)
        return {number: node for number, node in enumerate(self.nodes) if node.kind in wanted}

    def paragraphs_containing(self, folded: str) -> list[tuple[int, str]]:
        """The places and texts of the paragraphs whose :func:`fold_case`
        text contains ``folded`` (already folded), in reading order."""
        if self.store is not None:
            return self.store.paragraphs_containing(folded)
        return [(position, p.text) for position, p in enumerate(self.paragraphs) if folded in fold_case(p.text)]

    @property
    def truncated_at(self) -> str | None:
        """The id of the paragraph that ends mid-sentence, if any."""
        return self.paragraphs[-1].id if self.truncated and self.paragraphs else None


@dataclass(frozen=True)
class Skeleton:
    """A document's shape in numbers, without its text: what the reader's
    layout and the chapter tree are made from (compact arrays: a 50 MB
    document's 229,000 units and 309,000 paragraphs take 2.6 MB).

    Attributes:
        node_parent: for each node (its place in :attr:`Document.nodes`),
            its parent's place, or -1 at the top.
        node_kind: for each node, its kind's place in :data:`NODE_KINDS`.
        paragraph_node: for each paragraph, the place of the node directly
            holding it, or -1 (a preamble).
    """

    node_parent: "array[int]"
    node_kind: bytes
    paragraph_node: "array[int]"

    def first_paragraphs(self) -> "array[int]":
        """For each node, the place of the first paragraph in it or below it,
        or -1 (as :func:`first_paragraphs` does with ids)."""
        first = array("i", [-1]) * len(self.node_parent)
        parent = self.node_parent
        for position, node in enumerate(self.paragraph_node):
            while node >= 0 and first[node] < 0:
                first[node] = position
                node = parent[node]
        return first


class DocumentStore(Protocol):
    """What a document read from the library as it is looked at answers
    without walking all its rows (see :attr:`Document.store`)."""

    def skeleton(self) -> Skeleton:
        """The document's :class:`Skeleton`."""

    def node_number(self, node_id: str) -> int | None:
        """See :meth:`Document.node_number`."""

    def paragraph_position(self, paragraph_id: str) -> int | None:
        """See :meth:`Document.paragraph_position`."""

    def paragraphs_in(self, node_id: str | None) -> list[Paragraph]:
        """See :meth:`Document.paragraphs_of`."""

    def box_paragraph(self, box: str) -> str | None:
        """See :meth:`Document.box_paragraph`."""

    def mentions_of(self, box: str) -> list[Paragraph]:
        """See :meth:`Document.mentions_of`."""

    def nodes_of_kinds(self, kinds: set[str]) -> dict[int, Node]:
        """See :meth:`Document.nodes_of_kinds`."""

    def paragraphs_containing(self, folded: str) -> list[tuple[int, str]]:
        """See :meth:`Document.paragraphs_containing`."""


class StoredRows(Sequence[_T]):
    """Rows of a stored document (its paragraphs or nodes) read a chunk at a
    time as they are asked for, a few chunks kept: as objects, a 50 MB
    document's held 300 MB. Any thread may read them.

    Args:
        count: how many rows there are.
        read: reads rows ``lo`` to ``hi`` (places from 0) from the store.
    """

    def __init__(self, count: int, read: Callable[[int, int], Sequence[_T]]) -> None:
        self._count = count
        self._read = read
        self._chunks: OrderedDict[int, Sequence[_T]] = OrderedDict()
        self._single: OrderedDict[int, _T] = OrderedDict()
        self._last = -2
        self._run = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> _T: ...

    @overload
    def __getitem__(self, index: slice) -> list[_T]: ...

    def __getitem__(self, index: int | slice) -> _T | list[_T]:
        if isinstance(index, slice):
            lo, hi, step = index.indices(self._count)
            if step != 1:
                return [self[i] for i in range(lo, hi, step)]
            rows: list[_T] = []
            while lo < hi:
                chunk = self._chunk(lo // ROWS_CHUNK)
                start = lo % ROWS_CHUNK
                rows.extend(chunk[start : start + hi - lo])
                lo += len(chunk) - start
            return rows
        if index < 0:
            index += self._count
        if not 0 <= index < self._count:
            raise IndexError(index)
        number = index // ROWS_CHUNK
        with self._lock:
            self._run = self._run + 1 if index == self._last + 1 else 0
            self._last = index
            walking = self._run >= WALK_ROWS or number in self._chunks
            if not walking:
                row = self._single.get(index)
                if row is not None:
                    self._single.move_to_end(index)
                    return row
        if walking:
            return self._chunk(number)[index % ROWS_CHUNK]
        # A row asked for apart (the tree's chapters, a jump): read alone.
        # Its chunk, read for each of the chapters a tree shows, cost 30-50 ms
        # a paint on the GUI thread (and thrashed the chunks kept).
        read = self._read(index, index + 1)
        if not read:
            raise IndexError(index)  # (the document changed in the store meanwhile)
        with self._lock:
            self._single[index] = read[0]
            while len(self._single) > SINGLE_ROWS_KEPT:
                self._single.popitem(last=False)
        return read[0]

    def __iter__(self) -> Iterator[_T]:
        # A walk through all of them reads each chunk once, without keeping it.
        for lo in range(0, self._count, ROWS_CHUNK):
            cached = self._chunks.get(lo // ROWS_CHUNK)
            yield from cached if cached is not None else self._read(lo, min(self._count, lo + ROWS_CHUNK))

    def _chunk(self, number: int) -> Sequence[_T]:
        with self._lock:
            chunk = self._chunks.get(number)
            if chunk is not None:
                self._chunks.move_to_end(number)
                return chunk
        lo = number * ROWS_CHUNK
        chunk = self._read(lo, min(self._count, lo + ROWS_CHUNK))
        if not chunk:
            raise IndexError(lo)  # (the document changed in the store meanwhile)
        with self._lock:
            self._chunks[number] = chunk
            while len(self._chunks) > CHUNKS_KEPT:
                self._chunks.popitem(last=False)
        return chunk


@dataclass(frozen=True)
class Batch:
    """The parts of a document made from one stretch of its text, in order
    (the parser hands them out a batch at a time; the store writes each)."""

    nodes: list[Node]
    paragraphs: list[Paragraph]
    figures: list[Figure]


def first_paragraphs(parents: Mapping[str, str | None], paragraphs: Iterable[tuple[_P, str | None]]) -> dict[str, _P]:
    """The first paragraph under each unit: ``paragraphs`` are (a paragraph's
    handle, its innermost unit) in reading order, ``parents`` each unit's
    parent; a unit's first paragraph is also its ancestors' if they have
    none yet."""
    first: dict[str, _P] = {}
    for handle, node in paragraphs:
        while node is not None and node not in first:
            first[node] = handle
            node = parents.get(node)
    return first
