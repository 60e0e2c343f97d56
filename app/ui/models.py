"""Item models over the core's plain values: the chapter tree, search hits,
figures and 专栏 boxes. One row per node / hit / figure / box."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.document.figures import UNIT_FAMILIES, unit_family
from app.document.model import INFERRED_NOTE, NODE_KINDS, Document, Figure, Node, Paragraph, box_name

if TYPE_CHECKING:
    from app.library import Hit
from app.ui.i18n import mark, t

# Custom roles: the value behind a row, and what a click should open.
ValueRole = Qt.ItemDataRole.UserRole + 1
ParagraphRole = Qt.ItemDataRole.UserRole + 2
# What a card list's filter box matches (a figure: its text and unit).
FilterRole = Qt.ItemDataRole.UserRole + 3

# The placeholder's note, for the catalogue (app.document.model.INFERRED_NOTE).
INFERRED_SUFFIX = mark("（前文未收录）")
KIND_NAMES = {
    "part": mark("编"),
    "preface": mark("序言"),
    "annex": mark("附件"),
    "toc": mark("目录"),
    "chapter": mark("章"),
    "section": mark("节"),
    "article": mark("条"),
    "item": mark("项"),
    "topic": mark("要点"),
    "box": mark("专栏"),
}


Index = QModelIndex | QPersistentModelIndex
# The invalid index, shared as the default "parent" argument (the root).
ROOT = QModelIndex()


# What the tree says after a heading that repeats one (a page holding its
# document twice): the copy is shown, greyed, and says so.
REPEATED_SUFFIX = mark("（重复）")


def node_label(node: Node) -> str:
    """How the tree names a node (inferred placeholders and repeated copies
    say so)."""
    if node.inferred:
        return node.label + t(INFERRED_NOTE)
    return node.label + (t(REPEATED_SUFFIX) if node.repeated and node.parent is None else "")


@dataclass(frozen=True)
class TocTree:
    """The chapter tree of a document as the tree model looks it up, in
    compact arrays over the places of its nodes (made in a worker for a
    large document; the nodes themselves are read as they are shown).

    Attributes:
        document: the document (None: no tree).
        parent: each node's parent's place, or -1 at the top.
        row: each node's row among its siblings.
        offsets: where the children of each node (place + 1; 0: the top
            level) begin in ``children``; they end where the next begin.
        children: the places of the nodes, grouped by parent, in order.
        first_paragraph: the place of the first paragraph under each node, or -1.
    """

    document: Document | None
    parent: array[int]
    row: array[int]
    offsets: array[int]
    children: array[int]
    first_paragraph: array[int]

    @property
    def document_id(self) -> str | None:
        """The id of its document."""
        return self.document.id if self.document else None

    def children_of(self, number: int) -> array[int]:
        """The places of the children of node ``number`` (-1: the top level)."""
        return self.children[self.offsets[number + 1] : self.offsets[number + 2]]

    def containers(self) -> tuple[Any, ...]:
        """Its large containers (see app.ui.background.release_gradually):
        none (arrays hold no objects)."""
        return ()


def toc_tree(document: Document | None) -> TocTree:
    """The :class:`TocTree` of a document (no Qt objects: any thread)."""
    if document is None:
        return TocTree(None, array("i"), array("i"), array("i", [0, 0]), array("i"), array("i"))
    skeleton = document.skeleton()
    parent = skeleton.node_parent
    count = len(parent)
    offsets = array("i", [0]) * (count + 2)
    for number in parent:
        offsets[number + 2] += 1
    for place in range(2, count + 2):
        offsets[place] += offsets[place - 1]
    children = array("i", [0]) * count
    row = array("i", [0]) * count
    filled = array("i", offsets)
    for number, above in enumerate(parent):
        slot = filled[above + 1]
        children[slot] = number
        row[number] = slot - offsets[above + 1]
        filled[above + 1] = slot + 1
    return TocTree(document, parent, row, offsets, children, skeleton.first_paragraphs())


class TocModel(QAbstractItemModel):
    """The chapter tree of one document: chapters, sections, topics and boxes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tree = toc_tree(None)

    def set_document(self, document: Document | None, tree: TocTree | None = None) -> None:
        """Show the tree of ``document`` (None: empty); ``tree`` is its
        :func:`toc_tree`, when it was made off the GUI thread."""
        if tree is None or tree.document is not document:
            tree = toc_tree(document)
        self.beginResetModel()
        self.tree = tree
        self.endResetModel()

    def node(self, index: Index) -> Node | None:
        """The node behind ``index``."""
        document = self.tree.document
        if not index.isValid() or document is None:
            return None
        return document.nodes[index.internalId()]

    def index_of(self, node_id: str) -> QModelIndex:
        """The index of the node with ``node_id`` (invalid if none)."""
        document = self.tree.document
        number = document.node_number(node_id) if document else None
        if number is None:
            return QModelIndex()
        return self.createIndex(self.tree.row[number], 0, number)

    def first_paragraph(self, node_id: str) -> str | None:
        """The first paragraph in a node or below it."""
        document = self.tree.document
        number = document.node_number(node_id) if document else None
        return None if number is None else self._first_paragraph_at(number)

    def _first_paragraph_at(self, number: int) -> str | None:
        document = self.tree.document
        position = self.tree.first_paragraph[number]
        return document.paragraphs[position].id if document is not None and position >= 0 else None

    # -- QAbstractItemModel --------------------------------------------------

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        if column != 0 or row < 0 or (parent.isValid() and parent.column() != 0):
            return QModelIndex()
        siblings = self.tree.children_of(parent.internalId() if parent.isValid() else -1)
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, 0, siblings[row])

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        above = self.tree.parent[index.internalId()]
        if above < 0:
            return QModelIndex()
        return self.createIndex(self.tree.row[above], 0, above)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        number = parent.internalId() if parent.isValid() else -1
        return self.tree.offsets[number + 2] - self.tree.offsets[number + 1]

    def columnCount(self, parent: Index = ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node_label(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{t(KIND_NAMES[node.kind])}: {node_label(node)}"
        if role == Qt.ItemDataRole.ForegroundRole and (node.inferred or node.repeated):
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        if role == Qt.ItemDataRole.FontRole and node.kind in ("part", "preface", "annex", "chapter", "section"):
            font = QApplication.font()
            font.setBold(node.kind != "section")
            return font
        if role == ValueRole:
            return node
        if role == FilterRole:
            from app.library import fold_text  # (loaded after the first paint)

            return fold_text(node_label(node))
        if role == ParagraphRole:
            return self._first_paragraph_at(index.internalId())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{t(KIND_NAMES[node.kind])} {node_label(node)}"
        return None


class ListModel(QAbstractListModel):
    """A list of plain values, one row each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []

    def set_items(self, items: list[Any]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def value(self, index: Index) -> Any:
        """The value of a row."""
        return self.items[index.row()] if index.isValid() else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == ValueRole:
            return item
        if role == ParagraphRole:
            return self.paragraph_of(item)
        if role == FilterRole:
            return self.filter_text_of(item)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text_of(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.text_of(item)
        return None

    def text_of(self, item: Any) -> str:
        """Plain text of a row (also what screen readers say)."""
        return str(item)

    def paragraph_of(self, item: Any) -> str | None:
        """The paragraph a row opens."""
        return None

    def filter_text_of(self, item: Any) -> str:
        """What the filter box matches."""
        return self.text_of(item)


def hit_badge(hit: Hit) -> str:
    """What a hit is on: 题名 (a document's title), 标题 (a heading), 专栏N or 正文."""
    if hit.heading is not None:
        return t("题名") if hit.heading == "" else t("标题")
    return hit.box or t("正文")


class HitModel(ListModel):
    """Search hits."""

    def text_of(self, item: Hit) -> str:
        return f"[{hit_badge(item)}] {' / '.join(item.path)}\n{item.snippet}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and 0 <= index.row() < len(self.items):
            return " / ".join(self.items[index.row()].path)  # (the card shows the innermost unit)
        return super().data(index, role)

    def paragraph_of(self, item: Hit) -> str:
        return item.paragraph


class FigureModel(ListModel):
    """Figure cards: the document's figures that pass the panel's filters
    (chapter, family of units, thresholds; see :class:`FigureProxy`).

    The filters are applied here, in one pass over a list, not row by row in
    the proxy: Qt asks a proxy's ``filterAcceptsRow`` once per row, through
    Python, and the 52,000 figures of a 50 MB document took 136 ms so."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.every: list[Figure] = []
        self._keep: Callable[[Figure], bool] | None = None

    def set_items(self, items: list[Any]) -> None:
        """Replace the figures (those the filters pass are the rows)."""
        self.every = list(items)
        self._apply()

    def set_keep(self, keep: Callable[[Figure], bool] | None) -> None:
        """Show only the figures ``keep`` passes (None: all)."""
        self._keep = keep
        self._apply()

    def _apply(self) -> None:
        keep = self._keep
        super().set_items(self.every if keep is None else [f for f in self.every if keep(f)])

    def text_of(self, item: Figure) -> str:
        qualifier = f"（{item.qualifier}）" if item.qualifier else ""
        when = f" {item.as_of}" if item.as_of else ""
        return f"{item.text}{qualifier}{when}：{item.sentence}"

    def paragraph_of(self, item: Figure) -> str:
        return item.paragraph

    def filter_text_of(self, item: Figure) -> str:
        return f"{item.text} {item.unit or ''} {item.qualifier or ''}"


@dataclass(frozen=True)
class BoxCard:
    """One 专栏: its node, its paragraphs and where the text mentions it."""

    node: Node
    paragraphs: tuple[Paragraph, ...]
    mentions: tuple[Paragraph, ...]

    @property
    def name(self) -> str:
        """专栏7."""
        return f"专栏{self.node.number}"

    @property
    def opening(self) -> str:
        """The first lines of the box."""
        return self.paragraphs[0].text if self.paragraphs else ""


class BoxModel(ListModel):
    """专栏 cards."""

    def text_of(self, item: BoxCard) -> str:
        where = t("、").join(t("第{}段").format(p.index) for p in item.mentions) or t("正文未提及")
        return f"{item.name} {item.node.title}\n{item.opening[:60]}\n" + t("见于：{}").format(where)

    def paragraph_of(self, item: BoxCard) -> str | None:
        return item.paragraphs[0].id if item.paragraphs else None


class FigureProxy(QSortFilterProxyModel):
    """Figure cards filtered by text or unit, scoped to a chapter, sorted by
    position in the text or by value."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.chapter: str | None = None
        self.by_value = False
        # A family of units (money, percent…), or None for all.
        self.family: str | None = None
        # Whether a law's thresholds are shown beside the statistics.
        self.thresholds = True
        self.setFilterRole(FilterRole)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Reading order is the model's own: not sorted (a sort calls lessThan
        # in Python, n·log n times: 1.3 s for the 11,000 figures of 10 MB).
        self.sort(-1)

    def set_chapter(self, chapter: str | None) -> None:
        """Only figures under this chapter label (None: all)."""
        if chapter != self.chapter:
            self.chapter = chapter
            self._filters_changed()

    def set_by_value(self, by_value: bool) -> None:
        """Sort by value (largest first) instead of reading order."""
        self.by_value = by_value
        self.invalidate()
        self.sort(0 if by_value else -1)

    def set_family(self, family: str | None) -> None:
        """Only figures in this family of units (None: all)."""
        if family != self.family:
            self.family = family
            self._filters_changed()

    def set_thresholds(self, shown: bool) -> None:
        """Show a law's thresholds (三年以下) beside the statistics, or not."""
        if shown != self.thresholds:
            self.thresholds = shown
            self._filters_changed()

    def _filters_changed(self) -> None:
        """Hand the filters to the figure model (the text filter stays here)."""
        chapter, family, thresholds = self.chapter, self.family, self.thresholds

        def keep(figure: Figure) -> bool:
            if chapter is not None and (not figure.path or figure.path[0] != chapter):
                return False
            if family is not None and unit_family(figure.unit) != family:
                return False
            return thresholds or figure.kind != "threshold"

        source = self.sourceModel()
        if isinstance(source, FigureModel):
            source.set_keep(None if chapter is None and family is None and thresholds else keep)

    def setSourceModel(self, model: Any) -> None:
        super().setSourceModel(model)
        self._filters_changed()

    def lessThan(self, left: Index, right: Index) -> bool:
        if self.by_value:
            # Within a family of units first: 1865万千瓦 is not among the 亿元.
            a, b = left.data(ValueRole), right.data(ValueRole)
            key_a = (_FAMILY_ORDER.get(unit_family(a.unit), 99), -a.value, left.row())
            key_b = (_FAMILY_ORDER.get(unit_family(b.unit), 99), -b.value, right.row())
            return key_a < key_b
        return left.row() < right.row()


# The families of units in the order the value sort lists them.
_FAMILY_ORDER = {family: n for n, family in enumerate((*UNIT_FAMILIES, "count"))}


class BookmarkModel(ListModel):
    """Bookmarks, newest first."""

    def text_of(self, item: Any) -> str:
        return str(item.label) + (f"\n{item.note}" if item.note else "")

    def paragraph_of(self, item: Any) -> str:
        return str(item.paragraph)


# A bookmarked paragraph's margin number is set on this colour (its name).
BOOKMARK_MARK = "bookmark"
# Highlight colours by name, on a light and on a dark background (text keeps
# its own colour and stays readable on each).
NOTE_COLOR_VALUES = {
    "yellow": ("#fff59d", "#6d6200"),
    "green": ("#c5e1a5", "#2e5a1c"),
    "blue": ("#b3e5fc", "#1c4a66"),
    "pink": ("#f8bbd0", "#6a2540"),
    BOOKMARK_MARK: ("#ffcc80", "#8a4b00"),
}


def note_color(name: str, *, dark: bool = False) -> QColor:
    """The colour a highlight named ``name`` is drawn in."""
    light_value, dark_value = NOTE_COLOR_VALUES.get(name, NOTE_COLOR_VALUES["yellow"])
    return QColor(dark_value if dark else light_value)


class NoteModel(ListModel):
    """Highlights and notes, by document and place (NoteEntry values)."""

    def text_of(self, item: Any) -> str:
        where = f"¶{item.index}" if item.index is not None else t("（原段落已不在文库中）")
        head = f"《{item.title}》{where} {item.place}".rstrip()
        return f"{head}\n“{item.note.quote}”" + (f"\n{item.note.note}" if item.note.note else "")

    def paragraph_of(self, item: Any) -> str | None:
        return str(item.note.paragraph) if item.index is not None else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and index.isValid() and 0 <= index.row() < len(self.items):
            return note_color(self.items[index.row()].note.color)
        return super().data(index, role)


def box_cards(document: Document) -> list[BoxCard]:
    """The 专栏 cards of a document, in reading order."""
    skeleton = document.skeleton()
    box = NODE_KINDS.index("box")
    inside: dict[int, list[int]] = {n: [] for n, kind in enumerate(skeleton.node_kind) if kind == box}
    for position, number in enumerate(skeleton.paragraph_node):
        if number in inside:
            inside[number].append(position)
    cards = []
    for number, positions in inside.items():
        node = document.nodes[number]
        cards.append(
            BoxCard(
                node,
                tuple(document.paragraphs[position] for position in positions),
                tuple(document.mentions_of(box_name(node.number or "0"))),
            )
        )
    return cards
