"""The reader: a document rendered as rich text, every document string escaped.

Paragraph numbers stand in the margin (¶12), lead sentences are bold, 专栏
boxes are framed in place, ``(专栏7)`` mentions link to the box, and the page
marker and the truncation are quiet notes. Links never leave the app: the
reader does not follow or fetch anything itself, and loads no resources.
"""

import html
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QPoint, QUrl, Signal
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

from app.document.model import Document, Paragraph, box_mentions
from app.ui.i18n import t
from app.ui.models import node_label

PARAGRAPH_MARK = "¶"
# Separates the margin number from the text: a no-break space, which rich text
# keeps as it is (other spaces collapse); paragraphs never start with one,
# since the parser strips leading whitespace.
MARGIN_GAP = "\u00a0"
# How many heading blocks above a paragraph a jump keeps in view.
HEADING_CONTEXT_BLOCKS = 3
# How strongly the current passage is tinted (0–255).
PASSAGE_MARK_ALPHA = 55
_MARGIN = re.compile(rf"^{PARAGRAPH_MARK}(\d+){MARGIN_GAP}")


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


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
        self.anchorClicked.connect(self._on_anchor_clicked)
        self._document: Document | None = None
        self._by_index: dict[int, Paragraph] = {}
        self._by_id: dict[str, Paragraph] = {}
        self._block_of: dict[str, int] = {}
        self._find_selections: list[QTextEdit.ExtraSelection] = []
        self._find_index = -1
        self._match_selections: list[QTextEdit.ExtraSelection] = []
        # The paragraph placed at the top by scroll_to_paragraph, until the
        # reader scrolls by itself; a resize keeps it there.
        self._anchor: str | None = None
        self._placing = False
        # The paragraph the user last chose (click, jump, search hit).
        self._chosen: str | None = None
        self._passage_selections: list[QTextEdit.ExtraSelection] = []
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.selectionChanged.connect(self._on_passage_moved)

    # -- rendering -----------------------------------------------------------

    def show_document(self, document: Document | None) -> None:
        """Render ``document`` (None: empty)."""
        self._document = document
        self._by_index = {p.index: p for p in document.paragraphs} if document else {}
        self._by_id = {p.id: p for p in self._by_index.values()}
        self.document().setHtml(render_html(document, self.palette()) if document else "")
        # A new document opens at its start: the text cursor would otherwise
        # stay where the replaced text ended, and the first layout of a widget
        # built while the window shows scrolls to it.
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Start)
        self.setTextCursor(cursor)
        # Where each paragraph's block starts, found once per rendering.
        self._block_of = {}
        block = self.document().begin()
        while block.isValid():
            match = _MARGIN.match(block.text())
            paragraph = self._by_index.get(int(match.group(1))) if match else None
            if paragraph is not None:
                self._block_of[paragraph.id] = block.position()
            block = block.next()
        self._find_selections = []
        self._match_selections = []
        self._chosen = None
        self._on_passage_moved()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._document is not None:
            position, chosen = self.current_paragraph(), self._chosen
            self.show_document(self._document)
            if position:
                self.scroll_to_paragraph(position, choose=False)
            self.choose_paragraph(chosen)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        # Documents never load images or style sheets, local or remote.
        return None

    def _on_anchor_clicked(self, url: QUrl) -> None:
        self.link_activated.emit(url.toString())

    # -- positions -----------------------------------------------------------

    def paragraph(self, paragraph_id: str | None) -> Paragraph | None:
        """The paragraph of the shown document with this id."""
        return self._by_id.get(paragraph_id) if paragraph_id else None

    def paragraph_block(self, paragraph_id: str) -> int | None:
        """The text position where a paragraph's block starts."""
        return self._block_of.get(paragraph_id)

    def scroll_to_paragraph(self, paragraph_id: str, *, choose: bool = True) -> bool:
        """Scroll so that the paragraph is at the top; False if it is not here.
        ``choose``: it becomes the chosen paragraph (a jump), unlike a place
        kept through a resize."""
        position = self.paragraph_block(paragraph_id)
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
        start = position
        block = self.document().findBlock(position).previous()
        for _ in range(HEADING_CONTEXT_BLOCKS):
            if not block.isValid() or _MARGIN.match(block.text()) or not block.text().strip():
                break
            start = block.position()
            block = block.previous()
        return start

    def clear_matches(self) -> None:
        """Drop the highlights of a search hit or a figure (the user moved on)."""
        if self._match_selections:
            self._match_selections = []
            self._apply_selections()

    def _on_scrolled(self) -> None:
        if not self._placing:
            self._anchor = None  # the reader moved: the top line is the place now
            self._on_passage_moved()

    # -- the current passage -------------------------------------------------

    def choose_paragraph(self, paragraph_id: str | None) -> None:
        """Make a paragraph the chosen one (what a click on it does)."""
        self._chosen = paragraph_id if paragraph_id in self._by_id else None
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
            candidate = self._by_index.get(candidate.index + 1)
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
                return self._by_index.get(int(match.group(1)))
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
                return self._by_index.get(int(match.group(1)))
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

    def highlight_in_paragraph(self, paragraph_id: str, texts: list[str]) -> int:
        """Highlight ``texts`` inside one paragraph; return how many were found."""
        start = self.paragraph_block(paragraph_id)
        if start is None:
            return 0
        block = self.document().findBlock(start)
        end = block.position() + block.length()
        self._match_selections = self._selections(texts, start, end, _match_color(self.palette()))
        self._apply_selections()
        return len(self._match_selections)

    def highlight_span(self, paragraph_id: str, start: int, end: int) -> bool:
        """Highlight characters ``start``–``end`` of a paragraph's text (one
        figure's own place); False if the paragraph is not shown."""
        position = self.paragraph_block(paragraph_id)
        if position is None:
            return False
        block = self.document().findBlock(position)
        margin = _MARGIN.match(block.text())
        offset = block.position() + (margin.end() if margin else 0)
        cursor = QTextCursor(self.document())
        cursor.setPosition(offset + start)
        cursor.setPosition(offset + end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        char_format = QTextCharFormat()
        char_format.setBackground(_match_color(self.palette()))
        selection.cursor = cursor  # type: ignore[attr-defined]
        selection.format = char_format  # type: ignore[attr-defined]
        self._match_selections = [selection]
        self._apply_selections()
        return True

    def highlighted_texts(self) -> list[tuple[int, str]]:
        """The match highlights: (position in the text, text), in order."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectedText())  # type: ignore[attr-defined]
            for s in self._match_selections
        ]

    def find_all(self, text: str) -> int:
        """Highlight every occurrence of ``text``; return the count."""
        self._find_selections = (
            self._selections([text], 0, self.document().characterCount(), _find_color(self.palette())) if text else []
        )
        self._apply_selections()
        return len(self._find_selections)

    def find_from(self, text: str, position: int) -> tuple[int, int]:
        """Highlight every occurrence of ``text`` and select the first at or
        after ``position`` (wrapping to the first); return (its number from
        0, the count). No occurrence: nothing moves, (-1, 0)."""
        count = self.find_all(text)
        if not count:
            self._find_index = -1
            return -1, 0
        starts = [selection.cursor.selectionStart() for selection in self._find_selections]  # type: ignore[attr-defined]
        number = next((n for n, start in enumerate(starts) if start >= position), 0)
        self._select_match(number)
        return number, count

    def find_step(self, backward: bool = False) -> tuple[int, int]:
        """Select the next (or previous) occurrence, wrapping around; return
        (its number from 0, the count)."""
        count = len(self._find_selections)
        if not count:
            return -1, 0
        self._select_match((self._find_index + (-1 if backward else 1)) % count)
        return self._find_index, count

    def _select_match(self, number: int) -> None:
        self._find_index = number
        cursor = QTextCursor(self._find_selections[number].cursor)  # type: ignore[attr-defined]
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _selections(self, texts: list[str], start: int, end: int, color: QColor) -> list[Any]:
        selections = []
        char_format = QTextCharFormat()
        char_format.setBackground(color)
        for text in texts:
            if not text:
                continue
            cursor = self.document().find(text, start)
            while not cursor.isNull() and cursor.selectionEnd() <= end:
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor  # type: ignore[attr-defined]
                selection.format = char_format  # type: ignore[attr-defined]
                selections.append(selection)
                cursor = self.document().find(text, cursor)
        return selections

    def _apply_selections(self) -> None:
        self.setExtraSelections(self._passage_selections + self._find_selections + self._match_selections)


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


def render_html(document: Document, palette: QPalette) -> str:
    """The document as HTML for QTextDocument; every document string escaped."""
    text_color = palette.color(QPalette.ColorRole.Text).name()
    dim = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
    box_bg = palette.color(QPalette.ColorRole.AlternateBase).name()
    border = palette.color(QPalette.ColorRole.Mid).name()
    out = [
        f"<html><body style='color:{text_color}'>",
        f"<h1>{_esc(document.title_line or document.title)}</h1>",
    ]
    for marker in document.page_markers:
        if marker.before == 1:
            out.append(f"<p style='color:{dim}'><small>{_esc(t('［版面标记：{}］').format(marker.text))}</small></p>")
    if document.fragment:
        out.append(f"<p style='color:{dim}'><small>{_esc(t('［本文为节选，开头之前的内容未收录］'))}</small></p>")
    nodes = {n.id: n for n in document.nodes}
    shown_headings: set[str] = set()
    open_box: str | None = None
    for paragraph in document.paragraphs:
        chain = []
        node_id = paragraph.node
        while node_id is not None:
            chain.append(nodes[node_id])
            node_id = nodes[node_id].parent
        # A 专栏 and a 目录 block are framed in place.
        box = next((n for n in chain if n.kind in ("box", "toc")), None)
        if open_box and (box is None or box.id != open_box):
            out.append("</td></tr></table>")
            open_box = None
        for node in reversed(chain):
            if node.id in shown_headings or node.kind == "topic":
                continue
            shown_headings.add(node.id)
            label = _esc(node.label)
            if node.inferred:
                out.append(f"<h2 style='color:{dim}'>{_esc(node_label(node))}</h2>")
            elif node.kind in ("part", "preface", "annex"):
                out.append(f"<h2>{label}</h2>")
            elif node.kind == "chapter":
                out.append(f"<h3>{label}</h3>" if node.parent else f"<h2>{label}</h2>")
            elif node.kind == "section":
                out.append(f"<h3>{label}</h3>")
            elif node.kind in ("box", "toc"):
                out.append(
                    f"<table width='100%' cellpadding='8' style='border: 1px solid {border}; "
                    f"background-color:{box_bg}; margin-top:6px; margin-bottom:6px'>"
                    f"<tr><td><p><b>{label}</b></p>"
                )
                open_box = node.id
        if box is not None and open_box is None:
            out.append(
                f"<table width='100%' cellpadding='8' style='border: 1px solid {border}; "
                f"background-color:{box_bg}'><tr><td>"
            )
            open_box = box.id
        margin = f"<span style='color:{dim}'><small>{PARAGRAPH_MARK}{paragraph.index}</small></span>&nbsp;"
        body = paragraph.text
        if paragraph.lead and body.startswith(paragraph.lead):
            content = f"<b>{_link_mentions(paragraph.lead)}</b>{_link_mentions(body[len(paragraph.lead) :])}"
        else:
            content = _link_mentions(body)
        # As GB/T 9704 lays them out: the 文号 centred, the 落款 to the right.
        align = _ROLE_ALIGN.get(paragraph.role or "", "")
        out.append(f"<p{align}>{margin}{content}</p>")
        for marker in document.page_markers:
            if marker.before == paragraph.index + 1:
                note = _esc(t("［版面标记：{}］").format(marker.text))
                out.append(f"<p style='color:{dim}'><small>{note}</small></p>")
    if open_box:
        out.append("</td></tr></table>")
    if document.truncated:
        out.append(f"<p style='color:{dim}'><small>{_esc(t('［原文至此中断：转载的文本在句中结束］'))}</small></p>")
    out.append("</body></html>")
    return "".join(out)
