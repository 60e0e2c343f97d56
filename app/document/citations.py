"""Citations for paragraphs and figures: plain text, GB/T 7714-2015 and Markdown.

Every style names the document (issuer, title, kind, date) and the exact place
inside it: chapter / section / 专栏 and the paragraph number, so that a reader
of the citation can find the passage in any copy. Markdown adds a deep link
``baipishu://<document>/<paragraph>`` that opens the passage in the app.
A figure's citation quotes the sentence it stands in.
"""

import re
from dataclasses import dataclass

from app.document.links import LINK_SCHEME
from app.document.model import Figure, Metadata, Paragraph
from app.document.styles import STYLES, Style
from app.errors import BaipishuError
from app.i18n import tr

__all__ = ["LINK_SCHEME", "STYLES", "Citation", "Style", "cite_figure", "cite_paragraph"]

# GB/T 7714-2015 document type codes: a white paper is a report [R]; other
# kinds of document default to [Z] (其他).
GBT_TYPE_CODES = {"白皮书": "R", "报告": "R", "条例": "S", "标准": "S", "规划": "R"}
# Characters that would break Markdown quoting or link text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


@dataclass(frozen=True)
class Citation:
    """A rendered citation.

    Attributes:
        text: the citation in the chosen style, ready to paste.
        link: the deep link to the passage.
    """

    text: str
    link: str


def deep_link(document_id: str, paragraph_id: str) -> str:
    """The ``baipishu://`` link that opens a paragraph."""
    return f"{LINK_SCHEME}://{document_id}/{paragraph_id}"


# The labels of a law's units inside an article (第二款, 第（一）项): they
# follow the article's label with a space (第二百零七条 第二款).
_INNER_UNIT = re.compile(r"^第.+[款项]$")
_ARTICLE = re.compile(r"^第.+条$")


def locator(paragraph: Paragraph, separator: str = "，") -> str:
    """Where a paragraph is: its units (编 / 章 / 节, 一、 / （一）, 专栏) and,
    in an article, the article and its 款 and 项 (the law's own locator);
    elsewhere, its paragraph number (after ``separator``: a GB/T 7714 entry
    writes ``, `` where Chinese text writes ``，``)."""
    place = ""
    for label in paragraph.path:
        joiner = " " if _INNER_UNIT.match(label) else " / "
        place = f"{place}{joiner}{label}" if place else label
    if any(_ARTICLE.match(label) for label in paragraph.path):
        return place
    number = f"第{paragraph.index}段"
    return f"{place}{separator}{number}" if place else number


def nested_quotes(text: str) -> str:
    """``text`` to stand inside “…”: its own double quotes become single
    ones (“…“5万元以下”…” → “…‘5万元以下’…”), as Chinese usage nests them."""
    return text.replace("“", "‘").replace("”", "’")


def _issued(metadata: Metadata) -> str:
    date = metadata.release_date
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        year, month, day = (int(part) for part in date.split("-"))
        return f"{year}年{month}月{day}日"
    return date


def _source(metadata: Metadata) -> str:
    """中华人民共和国国务院新闻办公室《人类减贫的中国实践》白皮书（2021年4月6日）"""
    parts = [metadata.issuer, f"《{metadata.title}》{metadata.kind}"]
    issued = _issued(metadata)
    text = "".join(part for part in parts if part)
    return f"{text}（{issued}）" if issued else text


def _gbt_reference(metadata: Metadata, place: str) -> str:
    """A GB/T 7714-2015 reference entry, with the locator as its 引文位置."""
    code = GBT_TYPE_CODES.get(metadata.kind, "Z")
    author = metadata.issuer or "佚名"
    title = metadata.title
    year = metadata.release_date[:4]
    publication = ""
    if metadata.issuer or year:
        publisher = metadata.issuer or "出版者不详"
        where = f"{metadata.place}: " if metadata.place else ""
        publication = f" {where}{publisher}, {year}" if year else f" {where}{publisher}"
    # No place, publisher or year known: the locator follows the type code.
    return (
        f"{author}. {title}[{code}].{publication}: {place}." if publication else f"{author}. {title}[{code}]: {place}."
    )


def cite_paragraph(
    metadata: Metadata, paragraph: Paragraph, style: Style = "plain", *, quote: str | None = None
) -> Citation:
    """Cite a paragraph (or ``quote``, a part of it) in ``style``.

    Raises:
        BaipishuError: ``style`` is not one of :data:`STYLES`.
    """
    quoted = paragraph.text if quote is None else quote
    place = locator(paragraph)
    inner = nested_quotes(quoted)
    link = deep_link(metadata.id, paragraph.id)
    if style == "plain":
        text = f"“{inner}”（{_source(metadata)}，{place}）"
    elif style == "gbt7714":
        text = f"“{inner}”[1]\n\n[1] {_gbt_reference(metadata, locator(paragraph, ', '))}"
    elif style == "markdown":
        body = _MARKDOWN_SPECIAL.sub(r"\\\1", quoted)
        source = _MARKDOWN_SPECIAL.sub(r"\\\1", f"{_source(metadata)}，{place}")
        text = f"> {body}\n\n— {source}，[{link}](<{link}>)"
    else:
        raise BaipishuError(tr("bad_style", style=style))
    return Citation(text=text, link=link)


def cite_figure(metadata: Metadata, figure: Figure, paragraph: Paragraph, style: Style = "plain") -> Citation:
    """Cite a figure: its sentence quoted, located at its paragraph."""
    return cite_paragraph(metadata, paragraph, style, quote=figure.sentence)
