"""Saved web pages (.html, .htm), read with readability-lxml and lxml.

The page's main text is found by readability (the site's menus, footers,
share buttons and related links left out), in the page's declared charset.
Its blocks become lines: ``<h1>`` as text (the page's title), ``<h2>``–
``<h4>`` marked as headings of their level (:data:`HEADING_MARK`), a
``<strong>`` opening sentence as its paragraph's lead, paragraphs and list items as they read (HTML's own
whitespace rules: runs of spaces are one), a table a row per line with its
cells apart by tabs; images are left out. The title is the page's own
(``<meta name="ArticleTitle">`` as gov.cn sets it, else ``<title>`` without
the site's name); its date, source and address from its ``<meta>`` tags
(``PubDate``, ``ContentSource``) and canonical link.
"""

import re

from app.document.formats import HEADING_MARK, Converted, with_lead
from app.errors import DocumentError
from app.i18n import tr

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "pre", "td", "th", "section"}
# <h1> is the page's title (a line of text); <h2>–<h4> are its headings.
_HEADINGS = {"h2": 1, "h3": 2, "h4": 3}
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # (HTML's whitespace: not the ideographic space)
_SITE_SUFFIX = re.compile(r"\s*[_|｜—–-]+\s*[^_|｜—–-]{1,30}$")
# Pages larger than this (in characters) are not read.
MAX_PAGE_CHARS = 50_000_000


def _text(element: object) -> str:
    return _SPACES.sub(" ", element.text_content()).strip()  # type: ignore[attr-defined]


def read_html(data: bytes, name: str) -> Converted:
    """Read a saved page's main text (see the module's doc).

    Raises:
        DocumentError: not a page that can be read.
    """
    import lxml.html  # (only when a page is imported)
    from readability import Document

    try:
        page = Document(data)
        content = lxml.html.fromstring(page.summary(html_partial=True))
        # The page's own <head>, read once for its title, date, source and address.
        tree = lxml.html.fromstring(data)
    except Exception:  # lxml and readability raise many kinds for a broken page
        raise DocumentError(tr("file_broken", path=name, format="HTML")) from None
    metas = {
        (meta.get("name") or meta.get("property") or "").lower(): (meta.get("content") or "").strip()
        for meta in tree.iter("meta")
    }
    lines: list[str] = []
    for element in content.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag not in _BLOCKS:
            continue
        if tag == "tr":
            cells = [_text(cell) for cell in element if isinstance(cell.tag, str) and cell.tag in ("td", "th")]
            if any(cells):
                lines.append("\t".join(cells))
            continue
        if tag in ("td", "th") or element.getparent() is not None and _inside_block(element):
            continue  # (read with their block)
        text = _text(element)
        if not text:
            continue
        level = _HEADINGS.get(tag)
        lines.append(f"{HEADING_MARK}{level}{text}" if level else with_lead(text, _bold_opening(element)))
    title = _page_title(page, metas)
    clues = _page_clues(tree, metas)
    images = sum(1 for _ in content.iter("img"))
    if images:
        clues["images"] = str(images)  # (left out: the text is what is imported)
    return Converted("\n".join(lines) + "\n", "html", title=title, clues=clues)


def _bold_opening(element: object) -> str:
    """The text of a <strong> or <b> that opens a block (nothing before it)."""
    if (element.text or "").strip():  # type: ignore[attr-defined]
        return ""
    first = next((child for child in element if isinstance(child.tag, str)), None)  # type: ignore[attr-defined]
    if first is None or first.tag not in ("strong", "b"):
        return ""
    return _text(first)


def _inside_block(element: object) -> bool:
    """Whether an element stands inside another block (read with it) —
    unless it holds blocks itself, whose text is then read one by one."""
    if any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element):  # type: ignore[attr-defined]
        return True  # (its blocks are read instead)
    parent = element.getparent()  # type: ignore[attr-defined]
    while parent is not None:
        if isinstance(parent.tag, str) and parent.tag in _BLOCKS and parent.tag not in ("div", "section"):
            return True
        parent = parent.getparent()
    return False


# The <meta> names government sites give a page's date and source by.
_DATE_METAS = ("pubdate", "publishdate", "firstpublishedtime", "dc.date", "article:published_time", "date")
_SOURCE_METAS = ("contentsource", "source")
_ISO_DAY = re.compile(r"(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})")


def _page_clues(tree: object, metas: dict[str, str]) -> dict[str, str]:
    """The page's date (ISO), source and address from its <meta> tags
    (``metas``: name → content) and canonical <link>."""
    clues: dict[str, str] = {}
    day = next((m for key in _DATE_METAS if (m := _ISO_DAY.search(metas.get(key, "")))), None)
    if day:
        clues["date"] = f"{int(day[1]):04d}-{int(day[2]):02d}-{int(day[3]):02d}"
    source = next((metas[key] for key in _SOURCE_METAS if metas.get(key)), "")
    if source and re.search(r"[\u4e00-\u9fff]", source):
        clues["issuer"] = source
    links = tree.iter("link")  # type: ignore[attr-defined]
    canonical = next((link.get("href") for link in links if link.get("rel") == "canonical"), None)
    url = canonical or metas.get("og:url") or metas.get("url") or ""
    if url.startswith(("http://", "https://")):
        clues["url"] = url
    return clues


def _page_title(page: object, metas: dict[str, str]) -> str | None:
    """The page's title: gov.cn's ArticleTitle, else <title> without the site."""
    named = metas.get("articletitle") or metas.get("title")
    if named:
        return named
    title = (page.short_title() or page.title() or "").strip()  # type: ignore[attr-defined]
    return _SITE_SUFFIX.sub("", title) or None
