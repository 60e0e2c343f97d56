"""The reader: a document rendered as rich text, every document string escaped.

Paragraph numbers stand in the margin (¶12), lead sentences are bold, 专栏
boxes are framed in place, ``(专栏7)`` mentions link to the box, and the page
marker and the truncation are quiet notes. Links never leave the app: the
reader does not follow or fetch anything itself, and loads no resources.
"""

import functools
import html
import re
from array import array
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, overload

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from app.document.model import NODE_KINDS, Document, Node, Paragraph, box_mentions, fold_case
from app.ui.i18n import t
from app.ui.models import BOOKMARK_MARK, node_label, note_color

PARAGRAPH_MARK = "¶"
# Separates the margin number from the text: a no-break space, which rich text
# keeps as it is (other spaces collapse); paragraphs never start with one,
# since the parser strips leading whitespace.
MARGIN_GAP = "\u00a0"
# How many heading blocks above a paragraph a jump keeps in view.
HEADING_CONTEXT_BLOCKS = 3
# About how many characters of the document are rendered at a time: a law of
# 40,000 characters is rendered whole (in ~40 ms here), a 50 MB compilation a
# window at a time.
WINDOW_CHARS = 60_000
# Units without a heading block of their own: an article's and an item's
# number opens their paragraph; a topic is its paragraph's lead sentence.
UNHEADED_KINDS = ("article", "item", "topic")
# How strongly the current passage is tinted (0–255).
PASSAGE_MARK_ALPHA = 55
_MARGIN = re.compile(rf"^{PARAGRAPH_MARK}(\d+){MARGIN_GAP}")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class Unit:
    """One block of the rendered document: the title, a heading, a note or a
    paragraph, in reading order (plain values: it is made off the GUI thread
    for a large document, and rendered only when it is in the window).

    Attributes:
        text: its text as shown, without the margin number.
        tag: how it is set: ``h1``–``h3``, ``b`` (a 专栏's title), ``note``
            (a quiet note) or ``p`` (a paragraph).
        prefix: how many characters come before ``text`` in its block (the
            margin number of a paragraph).
        box: the 专栏 or 目录 it is framed in, or None.
        paragraph: the position of its paragraph in the document, or None.
        heading: the node whose heading it is; ``""`` for the title.
        dim: set in the quiet colour (a placeholder heading).
    """

    text: str
    tag: str = "p"
    prefix: int = 0
    box: str | None = None
    paragraph: int | None = None
    heading: str | None = None
    dim: bool = False


@dataclass(frozen=True)
class Passage:
    """What the reader is on: what copy, copy with citation and bookmarks act on.

    Attributes:
        first: the (first) paragraph.
        last: the last paragraph (``first`` unless a selection spans several).
        quote: the selected text (without margin numbers), or None for the
            whole paragraph.
    """

    first: Paragraph
    last: Paragraph
    quote: str | None = None


class Reader(QTextBrowser):
    """Shows one document; emits ``link_activated`` for the app's router.

    The document is rendered a window of blocks at a time (about
    :data:`WINDOW_CHARS` characters around the place being read), so that
    opening, zooming or re-theming costs the same for a law of 40,000
    characters as for a 50 MB compilation; the window moves when the reader
    scrolls near its edge, and every jump, find or highlight brings its place
    into it first. Find in page searches the whole document.

    It keeps one notion of the current passage (:meth:`current_passage`),
    marked on screen: the selection if there is one; else the paragraph the
    user last chose (a click, a jump, a search hit) while it is on screen;
    else the first paragraph fully in view.
    """

    link_activated = Signal(str)
    # The current passage may have changed (a click, a jump, a scroll, a selection).
    passage_changed = Signal()
    # Ctrl+C (or Copy in the menu): the window copies the current passage.
    copy_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setAccessibleName(t("正文"))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        # Tab leaves the reader for the next panel: a browser's Tab walks its
        # links, hundreds in a long document, and a keyboard user would be
        # held there (the links' targets are in the tree and the cards too).
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
        )
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._document: Document | None = None
        # The shown document's layout (its units and maps, below, are its own).
        self.document_layout = layout_document(None)
        self._units: Sequence[Unit] = self.document_layout.units
        # The units rendered now: [lo, hi), and where each one's block starts.
        self._window = (0, 0)
        self._unit_position: dict[int, int] = {}
        self._position_unit: dict[int, int] = {}
        self._block_of: dict[str, int] = {}
        # Find in page and match highlights, as (unit, start, end) in the
        # units' own text: they outlive a move of the window.
        self._find_spans: list[tuple[int, int, int]] = []
        self._find_index = -1
        self._match_spans: list[tuple[int, int, int]] = []
        # The user's highlights: (paragraph id, start, end, colour name).
        self._notes: list[tuple[str, int, int, str]] = []
        # The bookmarked paragraphs (their margin numbers are marked), and
        # both as spans of the layout's units (see _user_marks).
        self._bookmarked: list[str] = []
        self._marks: list[tuple[tuple[int, int, int], str]] | None = None
        # The paragraph placed at the top by scroll_to_paragraph, until the
        # reader scrolls by itself; a resize keeps it there.
        self._anchor: str | None = None
        self._placing = False
        self._moving_window = False
        # The paragraph the user last chose (click, jump, search hit).
        self._chosen: str | None = None
        self._passage_selections: list[QTextEdit.ExtraSelection] = []
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.selectionChanged.connect(self._on_passage_moved)

    # -- rendering -----------------------------------------------------------

    def show_document(self, document: Document | None, layout: "DocumentLayout | None" = None) -> None:
        """Render ``document`` (None: empty) from its start; ``layout`` is
        its :func:`layout_document`, when it was made off the GUI thread."""
        self._set_document(document, layout)
        self._find_spans = []
        self._find_index = -1
        self._match_spans = []
        self._chosen = None
        self._anchor = None
        self._render_window(*self._window_from(0))
        # A new document opens at its start: the text cursor would otherwise
        # stay where the replaced text ended, and the first layout of a widget
        # built while the window shows scrolls to it.
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(0)
        self._on_passage_moved()

    def extend_document(self, document: Document, layout: "DocumentLayout | None" = None) -> None:
        """Replace the shown document by a fuller copy of it (the rest of a
        large document, loaded in the background), keeping the place, the
        selection and the highlights: what is on screen does not change
        (the part shown first is the start of the whole)."""
        if self._document is None or document.id != self._document.id:
            self.show_document(document, layout)
            return
        self._set_document(document, layout)
        # Not rendered again (that would stall the window for as long as a
        # window takes): the window grows when the reader scrolls to its end.
        self._on_passage_moved()

    def _set_document(self, document: Document | None, layout: "DocumentLayout | None") -> None:
        self._document = document
        if layout is None or layout.document_id != (document.id if document else None):
            layout = layout_document(document)
        self.document_layout = layout
        self._units = layout.units
        self._marks = None  # (found again in the new layout)

    def _window_from(self, first: int) -> tuple[int, int]:
        """The window that starts at unit ``first``."""
        hi, chars = first, 0
        while hi < len(self._units) and (chars < WINDOW_CHARS or hi == first):
            chars += len(self._units[hi].text)
            hi += 1
        return first, hi

    def _window_around(self, unit: int) -> tuple[int, int]:
        """A window holding ``unit``, a third of it before (so that the
        reader can scroll either way before it moves again)."""
        lo, chars = unit, 0
        while lo > 0 and chars < WINDOW_CHARS // 3:
            lo -= 1
            chars += len(self._units[lo].text)
        lo, hi = self._window_from(lo)
        # (A window as long as the rest of the document starts earlier.)
        chars = sum(len(unit.text) for unit in self._units[lo:hi])
        while lo > 0 and chars < WINDOW_CHARS:
            lo -= 1
            chars += len(self._units[lo].text)
        return lo, hi

    def _render_window(self, lo: int, hi: int) -> None:
        """Render units ``lo``–``hi`` and find where each one's block starts."""
        self._window = (lo, hi)
        units = self._units[lo:hi]
        self._moving_window = True
        try:
            self.document().setHtml(render_units(self._document, units, self.palette()) if self._document else "")
        finally:
            self._moving_window = False
        self._unit_position = {}
        self._block_of = {}
        # Every unit is one non-empty block, in order (a table adds empty ones).
        number = lo
        block = self.document().begin()
        paragraphs = self.document_layout.paragraphs
        while block.isValid() and number < hi:
            if block.text():
                self._unit_position[number] = block.position()
                unit = units[number - lo]
                if unit.paragraph is not None:
                    self._block_of[paragraphs[unit.paragraph].id] = block.position()
                number += 1
            block = block.next()
        self._position_unit = {position: number for number, position in self._unit_position.items()}
        self._apply_selections()

    def is_windowed(self) -> bool:
        """Whether only part of the document is rendered now."""
        lo, hi = self._window
        return lo > 0 or hi < len(self._units)

    def rendered_units(self) -> tuple[int, int]:
        """The units rendered now: (first, end) of :meth:`units`."""
        return self._window

    def units(self) -> list[Unit]:
        """Every block of the document as the reader shows it."""
        return list(self._units)

    def _show_unit(self, unit: int) -> None:
        """Bring a unit into the rendered window (the window moves around it)."""
        lo, hi = self._window
        if not lo <= unit < hi:
            self._render_window(*self._window_around(unit))

    def _top_place(self) -> tuple[int, int] | None:
        """The unit at the top of the view and how far its block's top is
        from the view's top (pixels; negative when it starts above)."""
        if not self._units:
            return None
        top = self.cursorForPosition(QPoint(8, 8)).block()
        block = top
        while block.isValid() and block.position() not in self._position_unit:
            block = block.next()
        if not block.isValid():  # (an empty block at the very end: the last unit)
            block = top
            while block.isValid() and block.position() not in self._position_unit:
                block = block.previous()
        if not block.isValid():
            return None
        return self._position_unit[block.position()], self.cursorRect(QTextCursor(block)).top()

    def _place(self, unit: int, offset: int) -> None:
        """Scroll so that ``unit``'s block top is ``offset`` pixels below the view's top."""
        self._show_unit(unit)
        position = self._unit_position.get(unit)
        if position is None:
            return
        self.document().documentLayout().documentSize()  # (the layout is lazy)
        bar = self.verticalScrollBar()
        self._placing = True
        try:
            bar.setValue(bar.value() + self.cursorRect(QTextCursor(self.document().findBlock(position))).top() - offset)
        finally:
            self._placing = False

    def place(self) -> tuple[int, int] | None:
        """Where the reader is: (the unit at the top of the view, its offset),
        for :meth:`restore_place`; None at the very top."""
        return self._top_place() if self.verticalScrollBar().value() else None

    def restore_place(self, place: tuple[int, int] | None) -> None:
        """Go back to a :meth:`place` (None: the top)."""
        if place is None:
            self.verticalScrollBar().setValue(0)
        else:
            self._place(*place)

    @contextmanager
    def keeping_place(self) -> Iterator[None]:
        """Keep the block at the top of the view where it is through a change
        of layout (zoom, theme, a reflow)."""
        place = self.place()
        yield
        if place is not None:
            self._place(*place)

    def zoom_by(self, steps: int) -> None:
        """Zoom in (or out, negative) by ``steps``, the place kept."""
        with self.keeping_place():
            if steps > 0:
                self.zoomIn(steps)
            elif steps < 0:
                self.zoomOut(-steps)

    def _move_window(self, first_unit: int) -> None:
        """Render the window around ``first_unit``, the place kept."""
        place = self._top_place()
        self._render_window(*self._window_around(first_unit))
        if place is not None:
            self._place(*place)

    def _on_scrolled(self) -> None:
        if self._placing or self._moving_window:
            return
        self._anchor = None  # the reader moved: the top line is the place now
        if self.is_windowed():
            self._move_window_at_edge()
        self._on_passage_moved()

    def _move_window_at_edge(self) -> None:
        """Near either end of the window, move it on (the place kept)."""
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        lo, hi = self._window
        forward = hi < len(self._units) and bar.value() >= bar.maximum() - page
        backward = lo > 0 and bar.value() <= page
        if forward or backward:
            place = self._top_place()
            if place is not None:
                self._move_window(place[0])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._document is not None:
            # A new theme: the same blocks in new colours, the place kept.
            with self.keeping_place():
                self._render_window(*self._window)
            self._on_passage_moved()

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        # Documents never load images or style sheets, local or remote.
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        self.link_activated.emit(url.toString())

    # -- positions -----------------------------------------------------------

    def paragraph(self, paragraph_id: str | None) -> Paragraph | None:
        """The paragraph of the shown document with this id."""
        return self.document_layout.paragraph(paragraph_id)

    def paragraph_block(self, paragraph_id: str) -> int | None:
        """The text position where a paragraph's block starts (None when it
        is not rendered now: see :meth:`show_paragraph`)."""
        return self._block_of.get(paragraph_id)

    def show_paragraph(self, paragraph_id: str) -> int | None:
        """Render the paragraph (the window moves to it if need be); return
        where its block starts, or None if the document has no such paragraph."""
        unit = self.document_layout.unit_of(paragraph_id)
        if unit is None:
            return None
        self._show_unit(unit)
        return self._block_of.get(paragraph_id)

    def scroll_to_paragraph(self, paragraph_id: str, *, choose: bool = True) -> bool:
        """Scroll so that the paragraph is at the top; False if it is not here.
        ``choose``: it becomes the chosen paragraph (a jump), unlike a place
        kept through a resize."""
        position = self.show_paragraph(paragraph_id)
        if position is None:
            return False
        # The layout is made lazily, a part at a time: finish it first, or the
        # position is that of a layout about to change (a jump right after the
        # window was built landed paragraphs too early).
        self.document().documentLayout().documentSize()
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        # Its headings (a chapter's, a section's, a 专栏's title) stay in view
        # above it, as long as the paragraph itself stays in the upper half.
        top = QTextCursor(self.document())
        top.setPosition(self._context_start(position))
        rect = self.cursorRect(cursor)
        above = self.cursorRect(top)
        if rect.top() - above.top() < self.viewport().height() // 2:
            rect = above
        bar = self.verticalScrollBar()
        self._placing = True
        try:
            bar.setValue(bar.value() + rect.top() - 4)
            self.setTextCursor(cursor)
        finally:
            self._placing = False
        self._anchor = paragraph_id
        if choose:
            self._chosen = paragraph_id
        self._on_passage_moved()
        return True

    def _context_start(self, position: int) -> int:
        """Where the headings right above a paragraph's block begin (the
        block itself when none is)."""
        unit = self._position_unit.get(position)
        if unit is None:
            return position
        start = position
        lo = self._window[0]
        for above in range(unit - 1, max(lo, unit - HEADING_CONTEXT_BLOCKS) - 1, -1):
            if self._units[above].heading is None or above not in self._unit_position:
                break
            start = self._unit_position[above]
        return start

    def clear_matches(self) -> None:
        """Drop the highlights of a search hit or a figure (the user moved on)."""
        if self._match_spans:
            self._match_spans = []
            self._apply_selections()

    # -- the current passage -------------------------------------------------

    def choose_paragraph(self, paragraph_id: str | None) -> None:
        """Make a paragraph the chosen one (what a click on it does)."""
        self._chosen = paragraph_id if self.document_layout.paragraph(paragraph_id) is not None else None
        self._on_passage_moved()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if not self.textCursor().hasSelection():
            clicked = self.paragraph_at(event.position().toPoint())
            if clicked is not None:
                self.choose_paragraph(clicked.id)

    def _extent(self, paragraph_id: str) -> tuple[int, int] | None:
        """The top and bottom of a paragraph's block in viewport coordinates."""
        position = self.paragraph_block(paragraph_id)
        if position is None:
            return None
        block = self.document().findBlock(position)
        cursor = QTextCursor(block)
        top = self.cursorRect(cursor).top()
        cursor.setPosition(block.position() + max(0, block.length() - 1))
        return top, self.cursorRect(cursor).bottom()

    def is_on_screen(self, paragraph_id: str) -> bool:
        """Whether any line of the paragraph is in the viewport."""
        extent = self._extent(paragraph_id)
        return extent is not None and extent[1] > 0 and extent[0] < self.viewport().height()

    def first_paragraph_in_view(self) -> Paragraph | None:
        """The first paragraph wholly in the viewport; when none is (one long
        paragraph fills it), the one at its top."""
        top = self.paragraph(self.current_paragraph())
        if top is None:
            return None
        height = self.viewport().height()
        candidate: Paragraph | None = top
        while candidate is not None:
            extent = self._extent(candidate.id)
            if extent is None or extent[0] >= height:
                break
            if extent[0] >= 0 and extent[1] <= height:
                return candidate
            candidate = self.document_layout.paragraph_at(candidate.index + 1)
        return top

    def current_passage(self) -> Passage | None:
        """The passage copy, copy with citation and bookmarks act on."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            first = self._paragraph_from(self.document().findBlock(cursor.selectionStart()), forward=True)
            last = self._paragraph_from(self.document().findBlock(max(0, cursor.selectionEnd() - 1)), forward=False)
            if first is not None and last is not None and last.index >= first.index:
                return Passage(first, last, self.selected_text() or None)
        chosen = self.paragraph(self._chosen)
        if chosen is not None and self.is_on_screen(chosen.id):
            return Passage(chosen, chosen)
        shown = self.first_paragraph_in_view()
        return Passage(shown, shown) if shown is not None else None

    def _paragraph_from(self, block: QTextBlock, *, forward: bool) -> Paragraph | None:
        """The paragraph of a block; a heading's block belongs to the next
        paragraph when a selection starts in it, to the previous one when it
        ends in it."""
        probe = block
        while probe.isValid():
            match = _MARGIN.match(probe.text())
            if match:
                return self.document_layout.paragraph_at(int(match.group(1)))
            if not forward:
                break
            probe = probe.next()
        return self._paragraph_of_block(block)

    def _on_passage_moved(self) -> None:
        """Mark the current passage (a selection marks itself)."""
        self._passage_selections = []
        if not self.textCursor().hasSelection():
            passage = self.current_passage()
            position = self.paragraph_block(passage.first.id) if passage else None
            if position is not None:
                selection = QTextEdit.ExtraSelection()
                char_format = QTextCharFormat()
                char_format.setBackground(_passage_color(self.palette()))
                char_format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                block = self.document().findBlock(position)
                cursor = QTextCursor(block)
                # The whole block (every line of it), not only the cursor's line.
                cursor.setPosition(block.position() + max(0, block.length() - 1), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor  # type: ignore[attr-defined]
                selection.format = char_format  # type: ignore[attr-defined]
                self._passage_selections = [selection]
        self._apply_selections()
        self.passage_changed.emit()

    def passage_marked(self) -> str | None:
        """The id of the paragraph marked as the current passage, if any."""
        if not self._passage_selections:
            return None
        block = self._passage_selections[0].cursor.block()  # type: ignore[attr-defined]
        paragraph = self._paragraph_of_block(block)
        return paragraph.id if paragraph else None

    # -- copying -------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()  # the text only, as the window copies it
            event.accept()
            return
        super().keyPressEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:
        # A drag or the context menu's Copy: the text, without margin numbers.
        data = QMimeData()
        data.setText(self.selected_text())
        return data

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The text reflows: keep the paragraph that was at the top at the top
        # (the one placed there, or the one the reader had scrolled to).
        # At the very top (the title), the top stays the place.
        at_top = self.verticalScrollBar().value() == 0 and self._anchor is None
        anchor = None if at_top or self._document is None else self._anchor or self.current_paragraph()
        super().resizeEvent(event)
        if anchor:
            self.scroll_to_paragraph(anchor, choose=False)

    def _paragraph_of_block(self, block: QTextBlock) -> Paragraph | None:
        """The paragraph a text block belongs to (headings: the one before)."""
        while block.isValid():
            match = _MARGIN.match(block.text())
            if match:
                return self.document_layout.paragraph_at(int(match.group(1)))
            block = block.previous()
        return None

    def paragraph_at(self, point: QPoint) -> Paragraph | None:
        """The paragraph shown at a point of the viewport."""
        return self._paragraph_of_block(self.cursorForPosition(point).block())

    def visible_paragraphs(self) -> list[str]:
        """Ids of the paragraphs shown in the viewport, top to bottom."""
        seen: list[str] = []
        height = self.viewport().height()
        step = max(8, self.fontMetrics().height())
        for y in range(8, max(9, height - 4), step):
            paragraph = self.paragraph_at(QPoint(8, y))
            if paragraph is not None and paragraph.id not in seen:
                seen.append(paragraph.id)
        return seen

    def current_paragraph(self) -> str | None:
        """The id of the paragraph at the top of the view (a heading at the
        top: the paragraph under it; above the first paragraph, under the
        title: the first one shown)."""
        paragraph = self._paragraph_from(self.cursorForPosition(QPoint(8, 8)).block(), forward=True)
        if paragraph is not None:
            return paragraph.id
        shown = self.visible_paragraphs()
        return shown[0] if shown else None

    def paragraph_under_cursor(self) -> Paragraph | None:
        """The paragraph holding the text cursor (or selection start)."""
        return self._paragraph_of_block(self.document().findBlock(self.textCursor().selectionStart()))

    def selected_text(self) -> str:
        """The selected text without the margin numbers."""
        text = self.textCursor().selectedText().replace("\u2029", "\n")
        return "\n".join(_MARGIN.sub("", line) for line in text.split("\n")).strip()

    # -- highlighting ----------------------------------------------------------

    def _spans(self, unit: int, texts: Sequence[str]) -> list[tuple[int, int, int]]:
        """Where ``texts`` occur in one unit's text (Latin letters' case
        folded, as find in page matches), in order."""
        return spans_in(unit, self._units[unit].text, [fold_case(text) for text in texts])

    def highlight_in_paragraph(self, paragraph_id: str, texts: list[str]) -> int:
        """Highlight ``texts`` inside one paragraph; return how many were found."""
        unit = self.document_layout.unit_of(paragraph_id)
        self._match_spans = self._spans(unit, texts) if unit is not None else []
        self._apply_selections()
        return len(self._match_spans)

    def highlight_heading(self, paragraph_id: str, heading: str, texts: list[str]) -> int:
        """Highlight ``texts`` in a heading above a paragraph (``heading``: a
        node id, or ``""`` for the title); return how many were found."""
        unit = self.document_layout.unit_of(paragraph_id)
        found = (
            next((n for n in range(unit, -1, -1) if self._units[n].heading == heading), None)
            if unit is not None
            else None
        )
        self._match_spans = self._spans(found, texts) if found is not None else []
        self._apply_selections()
        return len(self._match_spans)

    def highlight_span(self, paragraph_id: str, start: int, end: int) -> bool:
        """Highlight characters ``start``–``end`` of a paragraph's text (one
        figure's own place); False if the document has no such paragraph."""
        unit = self.document_layout.unit_of(paragraph_id)
        if unit is None:
            return False
        self._match_spans = [(unit, start, end)]
        self._apply_selections()
        return True

    def highlighted_texts(self) -> list[tuple[int, str]]:
        """The match highlights rendered now: (position in the text, text), in order."""
        return [
            (cursor.selectionStart(), cursor.selectedText())
            for cursor in (self._span_cursor(span) for span in self._match_spans)
            if cursor is not None
        ]

    def find_all(self, text: str, found: list[tuple[int, int, int]] | None = None) -> int:
        """Highlight every occurrence of ``text`` in the whole document (its
        headings and notes too); return the count. ``found``: the layout's
        :meth:`~DocumentLayout.find` of it, when made off the GUI thread."""
        self._find_spans = self.document_layout.find(text) if found is None else found
        self._find_index = -1
        self._apply_selections()
        return len(self._find_spans)

    def find_from(
        self, text: str, paragraph_id: str | None = None, found: list[tuple[int, int, int]] | None = None
    ) -> tuple[int, int]:
        """Highlight every occurrence of ``text`` and select the first at or
        after the paragraph ``paragraph_id`` (its headings included; None:
        the start), wrapping to the first; return (its number from 0, the
        count). No occurrence: nothing moves, (-1, 0). ``found``: see
        :meth:`find_all`."""
        count = self.find_all(text, found)
        if not count:
            return -1, 0
        origin = (self.document_layout.unit_of(paragraph_id) if paragraph_id else None) or 0
        while origin > 0 and self._units[origin - 1].heading is not None:
            origin -= 1
        number = next((n for n, span in enumerate(self._find_spans) if span[0] >= origin), 0)
        self._select_match(number)
        return number, count

    def find_step(self, backward: bool = False) -> tuple[int, int]:
        """Select the next (or previous) occurrence, wrapping around; return
        (its number from 0, the count)."""
        count = len(self._find_spans)
        if not count:
            return -1, 0
        self._select_match((self._find_index + (-1 if backward else 1)) % count)
        return self._find_index, count

    def _select_match(self, number: int) -> None:
        self._find_index = number
        span = self._find_spans[number]
        self._show_unit(span[0])
        cursor = self._span_cursor(span)
        if cursor is not None:
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def _span_cursor(self, span: tuple[int, int, int]) -> QTextCursor | None:
        """A cursor selecting a span, or None when its unit is not rendered now."""
        unit, start, end = span
        position = self._unit_position.get(unit)
        if position is None:
            return None
        offset = position + self._units[unit].prefix
        cursor = QTextCursor(self.document())
        cursor.setPosition(offset + start)
        cursor.setPosition(offset + end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _span_selections(self, spans: Sequence[tuple[int, int, int]], color: QColor) -> list[Any]:
        char_format = QTextCharFormat()
        char_format.setBackground(color)
        selections = []
        lo, hi = self._window
        for span in spans:
            if not lo <= span[0] < hi:
                continue
            cursor = self._span_cursor(span)
            if cursor is None:
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = char_format  # type: ignore[attr-defined]
            selections.append(selection)
        return selections

    # -- the user's highlights --------------------------------------------------

    def set_bookmarks(self, paragraph_ids: Sequence[str]) -> None:
        """Mark the bookmarked paragraphs' numbers in the margin."""
        self._bookmarked = list(paragraph_ids)
        self._marks = None
        self._apply_selections()

    def set_notes(self, notes: Sequence[tuple[str, int, int, str]]) -> None:
        """Mark the user's highlights: (paragraph id, start, end, colour name)
        of the document shown."""
        self._notes = list(notes)
        self._marks = None
        self._apply_selections()

    def _user_marks(self) -> list[tuple[tuple[int, int, int], str]]:
        """The bookmarks' and highlights' spans in this layout's units, with
        their colour's name (:data:`BOOKMARK_MARK` for a bookmark's ¶
        number): found once per layout (a stored document's places are
        looked up in the library), not on every move of the passage."""
        if self._marks is None:
            marks = []
            for paragraph_id in self._bookmarked:
                unit = self.document_layout.unit_of(paragraph_id)
                if unit is not None:
                    marks.append(((unit, -self._units[unit].prefix, -1), BOOKMARK_MARK))
            for paragraph_id, start, end, color in self._notes:
                unit = self.document_layout.unit_of(paragraph_id)
                if unit is not None:
                    marks.append(((unit, start, end), color))
            self._marks = marks
        return self._marks

    def _marked(self, bookmarks: bool) -> list[tuple[str, str]]:
        """The bookmark marks (or highlights) rendered now: (text, colour name)."""
        out = []
        for span, color in self._user_marks():
            cursor = self._span_cursor(span) if (color == BOOKMARK_MARK) == bookmarks else None
            if cursor is not None:
                out.append((cursor.selectedText(), color))
        return out

    def bookmark_marks(self) -> list[str]:
        """The margin numbers marked as bookmarks now (¶12…), in order."""
        return [text for text, _ in self._marked(bookmarks=True)]

    def noted_texts(self) -> list[tuple[str, str]]:
        """The highlights rendered now: (text, colour name), in order."""
        return self._marked(bookmarks=False)

    def _mark_selections(self) -> list[Any]:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        return [
            selection
            for span, color in self._user_marks()
            for selection in self._span_selections([span], note_color(color, dark=dark))
        ]

    def selection_in_paragraph(self) -> tuple[Paragraph, int, int] | None:
        """The selection as (paragraph, start, end) in the paragraph's own
        text, cut at the end of the paragraph it starts in (a highlight is
        inside one paragraph); None without a selection in a paragraph."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        block = self.document().findBlock(cursor.selectionStart())
        match = _MARGIN.match(block.text())
        paragraph = self.document_layout.paragraph_at(int(match.group(1))) if match else None
        if paragraph is None or match is None:
            return None
        offset = block.position() + match.end()
        start = max(0, cursor.selectionStart() - offset)
        end = min(len(paragraph.text), cursor.selectionEnd() - offset)
        return (paragraph, start, end) if end > start else None

    def _apply_selections(self) -> None:
        palette = self.palette()
        self.setExtraSelections(
            self._mark_selections()
            + self._passage_selections
            + self._span_selections(self._find_spans, _find_color(palette))
            + self._span_selections(self._match_spans, _match_color(palette))
        )


def _passage_color(palette: QPalette) -> QColor:
    # A tint of the highlight, lighter than a selection or a match.
    color = QColor(palette.color(QPalette.ColorRole.Highlight))
    color.setAlpha(PASSAGE_MARK_ALPHA)
    return color


def _match_color(palette: QPalette) -> QColor:
    color = QColor(palette.color(QPalette.ColorRole.Highlight))
    color.setAlpha(110)
    return color


def _find_color(palette: QPalette) -> QColor:
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#7a6a00") if dark else QColor("#fff176")


_ROLE_ALIGN = {"doc_number": " align='center'", "signature": " align='right'", "date": " align='right'"}


def _link_mentions(text: str) -> str:
    """Escape ``text`` and turn 专栏N mentions into links to the box."""
    parts = []
    last = 0
    for start, end, box in box_mentions(text):
        parts.append(_esc(text[last:start]))
        parts.append(f'<a href="box:{box.removeprefix("专栏")}">{_esc(text[start:end])}</a>')
        last = end
    parts.append(_esc(text[last:]))
    return "".join(parts)


@dataclass(frozen=True)
class _Colors:
    text: str
    dim: str
    box: str
    border: str


def _colors(palette: QPalette) -> _Colors:
    return _Colors(
        palette.color(QPalette.ColorRole.Text).name(),
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name(),
        palette.color(QPalette.ColorRole.AlternateBase).name(),
        palette.color(QPalette.ColorRole.Mid).name(),
    )


def _margin_width(paragraph: Paragraph) -> int:
    """How many characters come before a paragraph's text in its block."""
    return len(PARAGRAPH_MARK) + len(str(paragraph.index)) + len(MARGIN_GAP)


class _Units(Sequence[Unit]):
    """A document's units in reading order; a paragraph's is made when it
    is asked for, from the paragraph (read from the library, for a large
    document): a 50 MB document has 330,000 of them."""

    def __init__(self, layout: "DocumentLayout") -> None:
        self._layout = layout

    def __len__(self) -> int:
        return len(self._layout.order)

    @overload
    def __getitem__(self, index: int) -> Unit: ...

    @overload
    def __getitem__(self, index: slice) -> list[Unit]: ...

    def __getitem__(self, index: int | slice) -> Unit | list[Unit]:
        layout = self._layout
        if isinstance(index, slice):
            codes = layout.order[index]
            positions = [code for code in codes if code >= 0]
            # (The paragraphs of a run are read in one pass.)
            first = positions[0] if positions else 0
            run = layout.paragraphs[first : positions[-1] + 1] if positions else ()
            return [
                layout.heads[-code - 1] if code < 0 else layout.paragraph_unit(code, run[code - first])
                for code in codes
            ]
        code = layout.order[index]
        if code < 0:
            return layout.heads[-code - 1]
        return layout.paragraph_unit(code, layout.paragraphs[code])


class DocumentLayout:
    """What the reader knows of a document besides its text: the order of
    its units (title, headings, notes, paragraphs) and which paragraph each
    one is, in compact arrays; a paragraph's unit is made from the paragraph
    when it is asked for. Made off the GUI thread for a large document; no
    Qt objects.

    Attributes:
        document_id: the document's id (None: no document).
        heads: the units that are not paragraphs.
        order: for each unit, its paragraph's place in the document, or
            ``-1 - n`` for ``heads[n]``.
    """

    def __init__(self, document: Document | None) -> None:
        self.document_id = document.id if document else None
        self.paragraphs: Sequence[Paragraph] = document.paragraphs if document else ()
        self._document = document
        self.heads: list[Unit] = []
        self.order = array("i")
        # For each paragraph: its unit, and the 专栏 or 目录 it is framed in.
        self._unit_of_paragraph = array("i")
        self._frame_of_paragraph = array("i")
        self._frames: list[str] = []
        if document is not None:
            self._lay_out(document)

    @property
    def units(self) -> Sequence[Unit]:
        """Every unit, in reading order (made anew each time: a layout holds
        no reference to itself, so that it goes as soon as it is dropped)."""
        return _Units(self)

    def _head(self, unit: Unit) -> None:
        self.order.append(-1 - len(self.heads))
        self.heads.append(unit)

    def _lay_out(self, document: Document) -> None:
        self._head(Unit(document.title_line or document.title, "h1", heading=""))
        markers: dict[int, list[str]] = {}
        for marker in document.page_markers:
            markers.setdefault(marker.before, []).append(t("［版面标记：{}］").format(marker.text))
        for note in markers.get(1, []):
            self._head(Unit(note, "note"))
        if document.fragment:
            self._head(Unit(t("［本文为节选，开头之前的内容未收录］"), "note"))
        skeleton = document.skeleton()
        parent, kind_of = skeleton.node_parent, skeleton.node_kind
        framing = {NODE_KINDS.index("box"), NODE_KINDS.index("toc")}
        unheaded = {NODE_KINDS.index(kind) for kind in UNHEADED_KINDS}
        # The nodes with a heading, read in one pass (a 50 MB law has 19,000
        # of its 229,000 units so).
        headed = document.nodes_of_kinds(kind for kind in NODE_KINDS if kind not in UNHEADED_KINDS)
        shown = bytearray(len(parent))  # (a unit's heading is placed once)
        # For each unit: the 专栏 or 目录 at or above it, nearest first
        # (what a paragraph directly in it is framed in).
        frame_of_node = array("i", [-1]) * len(parent)
        frames: dict[str, int] = {}
        unit_of, frame_of = self._unit_of_paragraph, self._frame_of_paragraph
        for position, innermost in enumerate(skeleton.paragraph_node):
            if innermost >= 0 and not shown[innermost]:
                # Its units' headings, outermost first, those not shown yet (a
                # unit's ancestors are shown with it: the innermost tells).
                chain = []
                number = innermost
                while number >= 0:
                    chain.append(number)
                    number = parent[number]
                frame = -1
                for number in reversed(chain):
                    if kind_of[number] in framing:
                        frame = frames.setdefault(headed[number].id, len(frames))
                    frame_of_node[number] = frame
                # Headings inside the paragraph's own frame are framed with it.
                box = next((n for n in chain if kind_of[n] in framing), -1)
                inside = set(chain[: chain.index(box) + 1]) if box >= 0 else set()
                for number in reversed(chain):
                    if shown[number]:
                        continue
                    shown[number] = 1
                    if kind_of[number] in unheaded:
                        continue  # (read only the nodes that have a heading)
                    framed = headed[box].id if number in inside else None
                    self._head(_heading_unit(headed[number], framed))
            unit_of.append(len(self.order))
            frame_of.append(frame_of_node[innermost] if innermost >= 0 else -1)
            self.order.append(position)
            if position + 2 in markers:  # (the marker before the next paragraph)
                for note in markers[position + 2]:
                    self._head(Unit(note, "note"))
        if document.truncated:
            self._head(Unit(t("［原文至此中断：转载的文本在句中结束］"), "note"))
        self._frames = [name for name, _ in sorted(frames.items(), key=lambda item: item[1])]

    def paragraph_unit(self, position: int, paragraph: Paragraph) -> Unit:
        """The unit of the paragraph at ``position``."""
        frame = self._frame_of_paragraph[position]
        return Unit(
            paragraph.text,
            prefix=_margin_width(paragraph),
            box=self._frames[frame] if frame >= 0 else None,
            paragraph=position,
        )

    def unit_of(self, paragraph_id: str) -> int | None:
        """The unit of a paragraph (None: the document has no such one)."""
        position = self._document.paragraph_position(paragraph_id) if self._document else None
        return None if position is None else self._unit_of_paragraph[position]

    def paragraph(self, paragraph_id: str | None) -> Paragraph | None:
        """The paragraph with this id, or None."""
        position = self._document.paragraph_position(paragraph_id) if self._document and paragraph_id else None
        return None if position is None else self.paragraphs[position]

    def paragraph_at(self, index: int) -> Paragraph | None:
        """The paragraph numbered ``index`` (¶index, from 1), or None."""
        return self.paragraphs[index - 1] if 0 < index <= len(self.paragraphs) else None

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Where ``text`` occurs in the whole document, headings and notes
        too, as (unit, start, end) in reading order; Latin letters' case is
        folded (see :func:`~app.document.model.fold_case`)."""
        needle = fold_case(text)
        if not needle or self._document is None:
            return []
        texts = sorted(
            [(self._head_units[n], unit.text) for n, unit in enumerate(self.heads) if needle in fold_case(unit.text)]
            + [
                (self._unit_of_paragraph[position], text)
                for position, text in self._document.paragraphs_containing(needle)
            ]
        )
        return [span for unit, text in texts for span in spans_in(unit, text, [needle])]

    @functools.cached_property
    def _head_units(self) -> list[int]:
        """The unit of each of :attr:`heads`."""
        return [number for number, code in enumerate(self.order) if code < 0]

    def containers(self) -> tuple[Any, ...]:
        """Its large containers (see :func:`app.ui.background.release_gradually`)."""
        return (self.heads,)


def _heading_unit(node: Node, framed: str | None) -> Unit:
    """The unit of a node's heading (not of :data:`UNHEADED_KINDS`), framed
    in ``framed``."""
    if node.inferred:
        return Unit(node_label(node), "h2", box=framed, heading=node.id, dim=True)
    if node.kind in ("part", "preface", "annex") or (node.kind == "chapter" and not node.parent):
        return Unit(node.label, "h2", box=framed, heading=node.id)
    if node.kind in ("chapter", "section"):
        return Unit(node.label, "h3", box=framed, heading=node.id)
    return Unit(node.label, "b", box=framed, heading=node.id)  # (a 专栏's or 目录's title)


def spans_in(unit: int, text: str, needles: Sequence[str]) -> list[tuple[int, int, int]]:
    """Where ``needles`` (folded: see :func:`~app.document.model.fold_case`)
    occur in ``text``, the text of ``unit``, as (unit, start, end) in order."""
    haystack = fold_case(text)
    spans = []
    for needle in needles:
        if not needle:
            continue
        start = haystack.find(needle)
        while start >= 0:
            spans.append((unit, start, start + len(needle)))
            start = haystack.find(needle, start + len(needle))
    return sorted(spans)


def document_units(document: Document) -> list[Unit]:
    """The blocks of ``document`` as the reader shows them, in order."""
    return list(layout_document(document).units)


def layout_document(document: Document | None) -> DocumentLayout:
    """The :class:`DocumentLayout` of a document (no Qt objects: any thread)."""
    return DocumentLayout(document)


def _unit_html(unit: Unit, document: Document, colors: _Colors) -> str:
    """One unit's rich text, every document string escaped."""
    if unit.paragraph is not None:
        paragraph = document.paragraphs[unit.paragraph]
        margin = f"<span style='color:{colors.dim}'><small>{PARAGRAPH_MARK}{paragraph.index}</small></span>&nbsp;"
        body = paragraph.text
        if paragraph.lead and body.startswith(paragraph.lead):
            content = f"<b>{_link_mentions(paragraph.lead)}</b>{_link_mentions(body[len(paragraph.lead) :])}"
        else:
            content = _link_mentions(body)
        # As GB/T 9704 lays them out: the 文号 centred, the 落款 to the right.
        # Spaces are the document's own: kept as they are, never collapsed.
        align = _ROLE_ALIGN.get(paragraph.role or "", "")
        return f"<p{align} style='white-space:pre-wrap'>{margin}{content}</p>"
    text = _esc(unit.text)
    if unit.tag == "note":
        return f"<p style='color:{colors.dim}'><small>{text}</small></p>"
    if unit.tag == "b":
        return f"<p><b>{text}</b></p>"
    style = f" style='color:{colors.dim}'" if unit.dim else ""
    return f"<{unit.tag}{style}>{text}</{unit.tag}>"


def render_units(document: Document, units: Sequence[Unit], palette: QPalette) -> str:
    """Rich text for a run of a document's units: 专栏 framed, every string escaped."""
    colors = _colors(palette)
    out = [f"<html><body style='color:{colors.text}'>"]
    open_box: str | None = None
    for unit in units:
        if unit.box != open_box:
            if open_box is not None:
                out.append("</td></tr></table>")
            if unit.box is not None:
                out.append(
                    f"<table width='100%' cellpadding='8' style='border: 1px solid {colors.border}; "
                    f"background-color:{colors.box}; margin-top:6px; margin-bottom:6px'><tr><td>"
                )
            open_box = unit.box
        out.append(_unit_html(unit, document, colors))
    if open_box is not None:
        out.append("</td></tr></table>")
    out.append("</body></html>")
    return "".join(out)


def render_html(document: Document, palette: QPalette) -> str:
    """The whole document as HTML for QTextDocument; every document string escaped."""
    return render_units(document, document_units(document), palette)
