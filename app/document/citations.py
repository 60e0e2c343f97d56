"""Citations of passages and figures, in every style a reader needs.

Every style names the document (issuer or author, title, 文号, date) and the
exact place in it, in terms a reader can find in any copy of the official
text: the units the text has (编 / 章 / 节 / 条 / 款 / 项, 一、 / （一）,
专栏N), then the paragraph's number *within its innermost unit* (never a
count from the start of a copy), and, for a lead-sentence paragraph, its
lead. A heading the text does not have (a fragment's first chapter) is never
printed as one; an excerpt says that it is one.

Styles: ``plain`` (Chinese running text), ``gbt7714`` (GB/T 7714-2015: a
quotation with its numbered reference entry), ``markdown`` (a block quote and
links), and for reference managers ``ris``, ``csl-json`` and ``bibtex``
(Zotero, EndNote and NoteExpress import them). Each citation also has an
HTML form (real rich text, with an https link to the official source where
one is known and the ``baipishu://`` link beside it).
"""

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from app.document.links import LINK_SCHEME
from app.document.model import Figure, Metadata, Paragraph
from app.document.numerals import SENTENCE_END
from app.document.styles import STYLES, Style
from app.errors import BaipishuError
from app.i18n import tr

__all__ = ["LINK_SCHEME", "STYLES", "Citation", "Style", "cite_figure", "cite_paragraph", "locator"]

# GB/T 7714-2015 document type codes (its 4.5 and appendix B): a white paper
# and a report delivered at a session are reports [R]; laws, regulations
# and 公文 have no code of their own and are 其他 [Z]. /OL marks a text cited
# from its online official source.
GBT_TYPE_CODES = {"white_paper": "R", "work_report": "R"}
# RIS reference types (TY) and CSL item types, by genre.
RIS_TYPES = {"white_paper": "RPRT", "work_report": "RPRT", "law": "STAT", "regulation": "STAT"}
CSL_TYPES = {"white_paper": "report", "work_report": "report", "law": "legislation", "regulation": "legislation"}
BIBTEX_TYPES = {"white_paper": "techreport", "work_report": "techreport"}
LEGAL_GENRES = ("law", "regulation")
# The clipboard type of each reference-manager style.
MIME_TYPES = {
    "ris": "application/x-research-info-systems",
    "csl-json": "application/vnd.citationstyles.csl+json",
    "bibtex": "application/x-bibtex",
}
EXCERPT_MARK = "（节选）"
# Characters that would break Markdown quoting or link text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
# The labels of a law's units inside an article (第二款, 第（一）项): they
# follow the article's label with a space (第二百零七条 第二款).
_INNER_UNIT = re.compile(r"^第.+[款项]$")
_ARTICLE = re.compile(r"^第.+条$")


@dataclass(frozen=True)
class Citation:
    """A rendered citation.

    Attributes:
        text: the citation in the chosen style, ready to paste.
        link: the deep link to the passage.
        html: the same citation as rich text.
        locator: where the passage is (its units and paragraph), as the
            status bar names it.
        mime: the clipboard type of a reference-manager style, or None.
    """

    text: str
    link: str
    html: str
    locator: str
    mime: str | None = None


def deep_link(document_id: str, paragraph_id: str) -> str:
    """The ``baipishu://`` link that opens a paragraph."""
    return f"{LINK_SCHEME}://{document_id}/{paragraph_id}"


def _units(paragraph: Paragraph) -> tuple[str, ...]:
    """The paragraph's units a reader can find (placeholders left out)."""
    return paragraph.path[paragraph.unplaced :]


def _join_units(units: Sequence[str]) -> str:
    place = ""
    for unit in units:
        label = unit.rstrip("。")  # an inline section's title sentence keeps its 。 in the text
        joiner = " " if _INNER_UNIT.match(label) else " / "
        place = f"{place}{joiner}{label}" if place else label
    return place


def _in_article(paragraph: Paragraph) -> bool:
    return any(_ARTICLE.match(label) for label in _units(paragraph))


def _ordinal(paragraph: Paragraph) -> str:
    """第N段 within the innermost unit; 节选第N段 where that unit's heading is
    not in the text (the paragraphs of a fragment's first, untitled part)."""
    if paragraph.unplaced and not _units(paragraph):
        return f"节选第{paragraph.index}段"
    return f"第{paragraph.ordinal or paragraph.index}段"


def locator(paragraph: Paragraph, *, reference: bool = False) -> str:
    """Where a paragraph is: its units and, in an article, the article with
    its 款 and 项 (the law's own locator); elsewhere, its number within its
    innermost unit and, for a lead-sentence paragraph, the lead.

    ``reference``: the form of a GB/T 7714 entry (half-width separators,
    no lead).
    """
    units = _units(paragraph)
    place = _join_units(units)
    # A PDF's page: the one locator everyone can check in the official PDF.
    page = f"{', ' if reference else '，'}第{paragraph.page}页" if paragraph.page else ""
    if _in_article(paragraph):
        return place + page
    number = _ordinal(paragraph)
    # A lead that is an inline section's title is named by the section already.
    inline_title = bool(units) and paragraph.lead is not None and paragraph.lead.rstrip("。") == units[-1].rstrip("。")
    if paragraph.lead and not reference and not inline_title:
        number += f"，段首“{nested_quotes(paragraph.lead.rstrip(SENTENCE_END))}”"
    separator = ", " if reference else "，"
    return (f"{place}{separator}{number}" if place else number) + page


def range_locator(first: Paragraph, last: Paragraph, *, reference: bool = False) -> str:
    """Where a passage from ``first`` to ``last`` is: one unit's paragraphs as
    第N–M段, else the two places."""
    if last.id == first.id:
        return locator(first, reference=reference)
    same_unit = _units(first) == _units(last) and first.unplaced == last.unplaced and not _in_article(first)
    if same_unit and bool(first.unplaced and not _units(first)) == bool(last.unplaced and not _units(last)):
        start, end = _ordinal(first), _ordinal(last)
        numbers = f"{start.removesuffix('段')}–{end.removeprefix('节选').removeprefix('第')}"
        place = _join_units(_units(first))
        separator = ", " if reference else "，"
        return f"{place}{separator}{numbers}" if place else numbers
    joiner = " — " if reference else "至"
    return f"{locator(first, reference=reference)}{joiner}{locator(last, reference=reference)}"


def nested_quotes(text: str) -> str:
    """``text`` to stand inside “…”: its own double quotes become single
    ones (“…“5万元以下”…” → “…‘5万元以下’…”), as Chinese usage nests them."""
    return text.replace("“", "‘").replace("”", "’")


def _chinese_date(iso: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso):
        year, month, day = (int(part) for part in iso.split("-"))
        return f"{year}年{month}月{day}日"
    return iso


def _responsible(metadata: Metadata) -> str:
    """Who the document is by: the person who delivered it, else its issuer."""
    return metadata.author or metadata.issuer


def _title(metadata: Metadata) -> str:
    return metadata.title + (EXCERPT_MARK if metadata.excerpt else "")


def _source(metadata: Metadata) -> str:
    """The document in running text: 中华人民共和国国务院新闻办公室《人类减贫的中国实践》
    白皮书（2021年4月6日）; 国务院《…的通知》（国发〔2021〕29号，2021年12月12日）."""
    details = [part for part in (metadata.number, metadata.subtitle or _chinese_date(metadata.release_date)) if part]
    if metadata.excerpt:
        details.append("节选")
    text = f"{_responsible(metadata)}《{metadata.title}》{metadata.kind}"
    return f"{text}（{'，'.join(details)}）" if details else text


def _gbt_entry(metadata: Metadata, place: str, accessed: date) -> str:
    """A GB/T 7714-2015 reference entry, with ``place`` as its 引文位置:
    主要责任者. 题名: 其他题名信息[类型标识]. 出版地: 出版者, 出版年: 引文位置
    (更新或修改日期)[引用日期]. 获取和访问路径."""
    responsible = _responsible(metadata) or "佚名"
    other = metadata.subtitle or metadata.number
    title = _title(metadata) + (f": {other}" if other else "")
    code = GBT_TYPE_CODES.get(metadata.genre, "Z") + ("/OL" if metadata.url else "")
    where = metadata.place or "[出版地不详]"
    publisher = metadata.issuer or "[出版者不详]"
    year = metadata.release_date[:4] or "[出版年不详]"
    entry = f"{responsible}. {title}[{code}]. {where}: {publisher}, {year}: {place}"
    if metadata.url:
        updated = f"({metadata.release_date})" if metadata.release_date else ""
        entry += f"{updated}[{accessed.isoformat()}]. {metadata.url}"
    return entry + "."


def _note(place: str, quoted: str, metadata: Metadata) -> str:
    """What a reference manager keeps with the item: the place and the quote."""
    note = f"{place}：“{nested_quotes(quoted)}”"
    return note + (f"（{metadata.source_note}）" if metadata.source_note else "")


def _date_parts(iso: str) -> list[int]:
    return [int(part) for part in iso.split("-") if part.isdigit()]


def _ris(metadata: Metadata, place: str, quoted: str, link: str) -> str:
    fields: list[tuple[str, str]] = [("TY", RIS_TYPES.get(metadata.genre, "GOVDOC" if metadata.number else "GEN"))]
    fields.append(("TI", _title(metadata)))
    if metadata.subtitle:
        fields.append(("T2", metadata.subtitle))
    if _responsible(metadata):
        fields.append(("AU", _responsible(metadata)))
    if metadata.issuer:
        fields.append(("PB", metadata.issuer))
    if metadata.place:
        fields.append(("CY", metadata.place))
    if metadata.release_date:
        fields.append(("PY", metadata.release_date[:4]))
        fields.append(("DA", metadata.release_date.replace("-", "/") + "/"))
    if metadata.number:
        fields.append(("M1", metadata.number))
    if metadata.kind:
        fields.append(("M3", metadata.kind))
    fields.append(("UR", metadata.url or link))
    if metadata.url:
        fields.append(("L2", link))
    fields.append(("LA", "zh-CN"))
    fields.append(("N1", _note(place, quoted, metadata)))
    fields.append(("ER", ""))
    # A value never spans lines: RIS reads one tag per line.
    return "\n".join(f"{tag}  - {' '.join(value.split())}".rstrip() for tag, value in fields) + "\n"


def _csl_json(metadata: Metadata, paragraph: Paragraph, place: str, quoted: str, link: str) -> str:
    item: dict[str, object] = {
        "id": f"{metadata.id}/{paragraph.id}",
        "type": CSL_TYPES.get(metadata.genre, "document"),
        "title": _title(metadata),
        "language": "zh-CN",
        "URL": metadata.url or link,
        "note": _note(place, quoted, metadata),
    }
    if _responsible(metadata):
        item["author"] = [{"literal": _responsible(metadata)}]
    if metadata.issuer:
        item["publisher"] = metadata.issuer
        if metadata.genre in LEGAL_GENRES:
            item["authority"] = metadata.issuer
    if metadata.place:
        item["publisher-place"] = metadata.place
    if metadata.release_date:
        item["issued"] = {"date-parts": [_date_parts(metadata.release_date)]}
    if metadata.number:
        item["number"] = metadata.number
    if metadata.kind:
        item["genre"] = metadata.kind
    if metadata.subtitle:
        item["title-short"] = metadata.title
        item["title"] = f"{_title(metadata)}：{metadata.subtitle}"
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def _bibtex_value(text: str) -> str:
    return "{" + _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(text.split())) + "}"


def _bibtex(metadata: Metadata, paragraph: Paragraph, place: str, quoted: str, link: str) -> str:
    kind = BIBTEX_TYPES.get(metadata.genre, "misc")
    key = re.sub(r"[^A-Za-z0-9_-]", "_", f"{metadata.id}_{paragraph.id}")
    fields: list[tuple[str, str]] = []
    if _responsible(metadata):
        # Double braces: a body's name is one name, not "last, first".
        fields.append(("author", "{" + _bibtex_value(_responsible(metadata)) + "}"))
    fields.append(("title", _bibtex_value(_title(metadata))))
    if metadata.subtitle:
        fields.append(("subtitle", _bibtex_value(metadata.subtitle)))
    if metadata.issuer:
        fields.append(("institution" if kind == "techreport" else "publisher", _bibtex_value(metadata.issuer)))
    if metadata.place:
        fields.append(("address", _bibtex_value(metadata.place)))
    if metadata.release_date:
        fields.append(("year", _bibtex_value(metadata.release_date[:4])))
        fields.append(("date", _bibtex_value(metadata.release_date)))
    if metadata.number:
        fields.append(("number", _bibtex_value(metadata.number)))
    if metadata.kind:
        fields.append(("type", _bibtex_value(metadata.kind)))
    # An address is kept verbatim (the url field is not TeX text).
    fields.append(("url", "{" + re.sub(r"[{}\s]", "", metadata.url or link) + "}"))
    fields.append(("langid", "{chinese}"))
    fields.append(("note", _bibtex_value(_note(place, quoted, metadata))))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _links_html(metadata: Metadata, link: str) -> str:
    parts = []
    if metadata.url:
        parts.append(f'<a href="{html.escape(metadata.url)}">{html.escape(metadata.url)}</a>')
    parts.append(f'<a href="{html.escape(link)}">{html.escape(tr("open_in_app"))}</a>')
    return " · ".join(parts)


def cite_paragraph(
    metadata: Metadata,
    paragraph: Paragraph,
    style: Style = "plain",
    *,
    quote: str | None = None,
    last: Paragraph | None = None,
    accessed: date | None = None,
) -> Citation:
    """Cite a paragraph (or ``quote``, a part of it; or a passage that runs
    on to paragraph ``last``) in ``style``.

    Args:
        metadata: the document's metadata.
        paragraph: the (first) paragraph cited.
        style: one of :data:`STYLES`.
        quote: the text quoted, when not the whole paragraph.
        last: the last paragraph of a passage over several.
        accessed: the 引用日期 of an entry cited from the official site
            (default: today).

    Raises:
        BaipishuError: ``style`` is not one of :data:`STYLES`.
    """
    quoted = paragraph.text if quote is None else quote
    end = last or paragraph
    place = range_locator(paragraph, end)
    inner = nested_quotes(quoted)
    link = deep_link(metadata.id, paragraph.id)
    links = _links_html(metadata, link)
    mime = MIME_TYPES.get(style)
    if style == "plain":
        text = f"“{inner}”（{_source(metadata)}，{place}）"
        rich = f"<p>{html.escape(text)}</p><p>{links}</p>"
    elif style == "gbt7714":
        entry = _gbt_entry(metadata, range_locator(paragraph, end, reference=True), accessed or date.today())
        text = f"“{inner}”[1]\n\n[1] {entry}"
        linked = html.escape(entry)
        if metadata.url:
            escaped = html.escape(metadata.url)
            linked = linked.replace(escaped, f'<a href="{escaped}">{escaped}</a>')
        rich = f"<p>“{html.escape(inner)}”<sup>[1]</sup></p><p>[1] {linked}</p><p>{links}</p>"
    elif style == "markdown":
        body = _MARKDOWN_SPECIAL.sub(r"\\\1", quoted)
        source = _MARKDOWN_SPECIAL.sub(r"\\\1", f"{_source(metadata)}，{place}")
        official = f" · [{tr('official_text')}](<{metadata.url}>)" if metadata.url else ""
        text = f"> {body}\n\n— {source}，[{link}](<{link}>){official}"
        rich = (
            f"<blockquote>{html.escape(quoted)}</blockquote>"
            f"<p>— {html.escape(_source(metadata))}，{html.escape(place)} · {links}</p>"
        )
    elif style == "ris":
        text = _ris(metadata, place, quoted, link)
    elif style == "csl-json":
        text = _csl_json(metadata, paragraph, place, quoted, link)
    elif style == "bibtex":
        text = _bibtex(metadata, paragraph, place, quoted, link)
    else:
        raise BaipishuError(tr("bad_style", style=style))
    if mime is not None:
        rich = f"<pre>{html.escape(text)}</pre>"
    return Citation(text=text, link=link, html=rich, locator=place, mime=mime)


def cite_figure(
    metadata: Metadata, figure: Figure, paragraph: Paragraph, style: Style = "plain", *, accessed: date | None = None
) -> Citation:
    """Cite a figure: its sentence quoted, located at its paragraph."""
    return cite_paragraph(metadata, paragraph, style, quote=figure.sentence, accessed=accessed)
