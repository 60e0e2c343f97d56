"""Card rendering for item views: each row drawn as a small rich-text card.

The HTML is built from escaped document strings only; the delegate lays it
out with QTextDocument, so cards follow the palette (light or dark theme).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.document.model import Figure

if TYPE_CHECKING:
    from app.library import Hit
from app.ui.i18n import t
from app.ui.models import BoxCard, ValueRole, hit_badge

CARD_PADDING_PX = 6
# How many characters of a copied or marked text the status bar quotes.
STATUS_QUOTE_CHARS = 16
# A selected card: how strongly it is tinted (0–255) and how wide its bar is.
SELECTED_TINT_ALPHA = 60
SELECTED_BAR_PX = 4
# How many card sizes the delegate remembers (a few documents' cards).
CARD_SIZES_KEPT = 4096


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def marked(text: str, spans: list[tuple[int, int]], color: str) -> str:
    """``text`` escaped, with ``spans`` highlighted."""
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(_esc(text[last:start]))
        out.append(f"<span style='background-color:{color}'>{_esc(text[start:end])}</span>")
        last = end
    out.append(_esc(text[last:]))
    return "".join(out)


def hit_html(hit: Hit, palette: QPalette, document_title: str | None = None) -> str:
    """A search hit card: its document (when the search spans several),
    badge, location and snippet with the match marked."""
    dim = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
    mark = palette.color(QPalette.ColorRole.Highlight).lighter(160).name()
    # A heading's hit opens its first paragraph; its place is the heading's.
    number = "" if hit.heading is not None else _esc(" · " + t("第{}段").format(hit.index))
    title = f"<b>《{_esc(document_title)}》</b> " if document_title else ""
    return (
        f"<p>{title}<span style='color:{dim}'>{_esc(hit_place(hit))}{number}</span><br>"
        f"{marked(hit.snippet, list(hit.marks), mark)}</p>"
    )


def hit_place(hit: Hit) -> str:
    """A hit's place on one line: its badge and its innermost unit, the
    badge said once (a 专栏's hit: [专栏7 光伏扶贫和电商扶贫], not
    [专栏7] …/专栏7 光伏扶贫和电商扶贫); the whole path is the tooltip's."""
    badge = hit_badge(hit)
    unit = hit.path[-1] if hit.path else ""
    if unit.startswith(badge):
        return f"[{unit}]"
    return f"[{badge}] {unit}".rstrip()


CHANGE_BAR_PX = 120


def change_html(figure: Figure, partner: Figure, palette: QPalette) -> str:
    """A change between two figures (从A增长到B): both values, the ratio, and a
    small chart of two bars."""
    source, target = (figure, partner) if figure.id == figure.change_from else (partner, figure)
    bar = palette.color(QPalette.ColorRole.Highlight).name()
    dim = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
    word = t("增长") if figure.direction == "increase" else t("减少")
    ratio = f"，×{target.value / source.value:.2f}" if source.value else ""
    largest = max(abs(source.value), abs(target.value)) or 1
    rows = "".join(
        f"<tr><td><small>{_esc(f.text)}</small></td><td><table cellspacing='0' cellpadding='0'><tr>"
        f"<td width='{max(1, round(CHANGE_BAR_PX * abs(f.value) / largest))}' bgcolor='{bar}'>&nbsp;</td>"
        "</tr></table></td></tr>"
        for f in (source, target)
    )
    summary = t("变化：{} → {}（{}{}）").format(source.text, target.text, word, ratio)
    return f"<span style='color:{dim}'>{_esc(summary)}</span><table cellspacing='2'>{rows}</table>"


def figure_html(figure: Figure, palette: QPalette, partner: Figure | None = None) -> str:
    """A figure card: the value large, qualifier badge, time, sentence, place;
    for one end of a change, the change with its chart (``partner``: the other end)."""
    dim = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
    mark = palette.color(QPalette.ColorRole.Highlight).lighter(160).name()
    value = f"{figure.value:,}" if isinstance(figure.value, int) else f"{figure.value:,.2f}".rstrip("0").rstrip(".")
    if figure.value_max is not None:
        value += f"–{figure.value_max:,}"
    badge = (
        f" <span style='background-color:{mark}'>&nbsp;{_esc(figure.qualifier)}&nbsp;</span>"
        if figure.qualifier
        else ""
    )
    if figure.kind == "threshold":
        badge += f" <span style='border: 1px solid {dim}'>&nbsp;{_esc(t('法定限值'))}&nbsp;</span>"
    when = f" <span style='color:{dim}'>{_esc(figure.as_of)}</span>" if figure.as_of else ""
    if figure.counts:
        when += f" <span style='color:{dim}'>{_esc(t('计：{}').format(figure.counts))}</span>"
    sentence = figure.sentence
    start = sentence.find(figure.text)
    spans = [(start, start + len(figure.text))] if start >= 0 else []
    # Headings the text does not have (a fragment's first part) are not named.
    units = figure.path[figure.unplaced :]
    place = _esc(" / ".join(units) if units else t("节选开头部分（标题不在文本中）"))
    return (
        f"<p><span style='font-size:large'><b>{_esc(figure.text)}</b></span> "
        f"{_normalised(figure, value, dim)}{badge}{when}<br>"
        f"{marked(sentence, spans, mark)}<br><span style='color:{dim}'><small>{place}</small></span></p>"
        + (change_html(figure, partner, palette) if partner is not None else "")
    )


def _normalised(figure: Figure, value: str, dim: str) -> str:
    """The figure's value as a number with its unit (= 108,000 所), unless
    that is how the text writes it already (98% is not said again as 98 %)."""
    unit = figure.unit or ""
    if (value + unit).replace(",", "") == figure.text.replace(" ", "").replace(",", ""):
        return ""
    return f"<span style='color:{dim}'>= {_esc(value)} {_esc(unit)}</span>"


def box_html(card: BoxCard, palette: QPalette) -> str:
    """A 专栏 card: number, title, opening lines, where it is mentioned."""
    dim = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name()
    where = t("、").join(t("第{}段").format(p.index) for p in card.mentions) or t("正文未提及")
    opening = card.opening[:80] + ("…" if len(card.opening) > 80 else "")
    return (
        f"<p><b>{_esc(card.name)} {_esc(card.node.title)}</b><br>{_esc(opening)}<br>"
        f"<span style='color:{dim}'><small>{_esc(t('见于：{}').format(where))}</small></span></p>"
    )


class CardDelegate(QStyledItemDelegate):
    """Draws each row's value as a rich-text card."""

    def __init__(self, render: Callable[[Any, QPalette], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._render = render
        # Card heights by (rich text, width, font): a view asks for the same
        # card's size several times (at start-up, 3 times for each of the
        # bundled paper's 108 cards: 0.2 s of the start).
        self._sizes: dict[tuple[str, int, str], QSize] = {}

    @staticmethod
    def _text_width(option: QStyleOptionViewItem) -> int:
        width = option.rect.width() if option.rect.width() > 0 else 320  # type: ignore[attr-defined]
        return max(120, width - 2 * CARD_PADDING_PX)

    def _document(self, option: QStyleOptionViewItem, html: str) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)  # type: ignore[attr-defined]
        document.setHtml(html)
        document.setTextWidth(self._text_width(option))
        return document

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.initStyleOption(option, index)
        rect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        if selected:
            # A selected card is tinted and barred, not filled: its grey
            # place line and its marked words stay readable (on the full
            # selection colour they were not), in a light theme or a dark one.
            tint = QColor(palette.color(QPalette.ColorRole.Highlight))
            tint.setAlpha(SELECTED_TINT_ALPHA)
            painter.fillRect(rect, tint)
            painter.fillRect(
                QRectF(rect.left(), rect.top(), SELECTED_BAR_PX, rect.height()),
                palette.color(QPalette.ColorRole.Highlight),
            )
        else:
            style = option.widget.style() if option.widget else None  # type: ignore[attr-defined]
            text = option.text  # type: ignore[attr-defined]
            option.text = ""  # type: ignore[attr-defined]
            if style is not None:
                style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)  # type: ignore[attr-defined]
            option.text = text  # type: ignore[attr-defined]
        document = self._document(option, self._render(index.data(ValueRole), palette))
        painter.save()
        painter.translate(rect.left() + CARD_PADDING_PX, rect.top() + CARD_PADDING_PX)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.Text))
        painter.setClipRect(QRectF(0, 0, rect.width() - CARD_PADDING_PX, rect.height() - CARD_PADDING_PX))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # (Not initStyleOption: the card's size depends on its rich text, its
        # width and the font only, which the view's option already holds.)
        html = self._render(index.data(ValueRole), option.palette)  # type: ignore[attr-defined]
        key = (html, self._text_width(option), option.font.key())  # type: ignore[attr-defined]
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) >= CARD_SIZES_KEPT:
                self._sizes.clear()
            document = self._document(option, html)
            size = QSize(int(document.idealWidth()), int(document.size().height()) + 2 * CARD_PADDING_PX)
            self._sizes[key] = size
        return QSize(size)


def opening(text: str) -> str:
    """The first characters of a copied or marked text, as the status bar
    quotes them."""
    text = " ".join(text.split())
    return f"“{text[:STATUS_QUOTE_CHARS]}…”" if len(text) > STATUS_QUOTE_CHARS else f"“{text}”"
