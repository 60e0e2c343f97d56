"""Line classification: what each stripped line of a document is (a title,
a page marker, a heading of some level, an article, an item, a paragraph),
from its own text alone. The rules that look at several lines are in
:mod:`app.document.parser.stages`; the tree is built in
:mod:`app.document.parser.builder`."""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from app.document.model import ParagraphRole
from app.document.numerals import (
    CHINESE_NUMERAL_CHARS,
    FULLWIDTH_TO_ASCII,
    SENTENCE_END,
    chinese_to_int,
    ends_paragraph,
)

# A line that starts a page of a PDF: the form feed, then the page's number
# (app.document.formats writes them; the parser reads them here).
PAGE_BREAK = "\f"
# A line that a format marks as a heading (a Word heading style, a page's
# <h2>): the record separator, the level (1: a chapter), then the text.
HEADING_MARK = "\x1e"
# A paragraph whose format marks its opening sentence as a lead (bold in a
# Word file, <strong> in a page): the unit separator around the lead, then
# the rest of the paragraph.
LEAD_MARK = "\x1f"
_LEVELS = frozenset("123456")
# Headings are short and never a full sentence; longer lines are paragraphs.
HEADING_MAX_CHARS = 60
TITLE_MAX_CHARS = 80
# An inline section title (regulations: "(一)坚持综合治理的防治路线。以小流域…").
INLINE_TITLE_MAX_CHARS = 40

_NUM = f"[{CHINESE_NUMERAL_CHARS}]{{1,4}}"
_CHAPTER_RE = re.compile(rf"^(?P<num>{_NUM})、\s*(?P<title>\S.*)$")
_CHAPTER_WORD_RE = re.compile(rf"^第(?P<num>{_NUM}|\d{{1,3}})章\s*(?P<title>.*)$")
_SECTION_RE = re.compile(rf"^(?P<open>[(（])(?P<num>{_NUM})(?P<close>[)）])\s*(?P<title>\S.*)$")
_SECTION_WORD_RE = re.compile(rf"^第(?P<num>{_NUM}|\d{{1,3}})节\s*(?P<title>.*)$")
# Units of laws and regulations (立法技术规范): 编, 分编, 条; 序言 and 附则.
_PART_RE = re.compile(rf"^第(?P<num>{_NUM}|\d{{1,3}})(?P<sub>分?)编\s*(?P<title>.*)$")
# An article opens its first paragraph: 第一条 followed by a space (or the
# line's end, or （删去）). 第三十五条规定… (a reference that a wrapped line
# happens to start with) is not one; 第一百二十八 条… (a source's typo) is.
_ARTICLE_RE = re.compile(rf"^第(?P<num>[{CHINESE_NUMERAL_CHARS}]{{1,8}})(?:条(?=[\s　]|（删去）|$)|\s+条)")
_ITEM_RE = re.compile(rf"^[(（](?P<num>{_NUM}|\d{{1,2}})[)）]")
_PREFACE_RE = re.compile(r"^序\s*言$")
# The third level of reports and 公文: 1. under （一） (not 1.5万, not 2020年).
_NUMBERED_RE = re.compile(r"^(?P<num>\d{1,2})[.．](?!\d)\s*(?P<title>\S.*)$")
# The fourth level: （1） under 1.
_POINT_RE = re.compile(r"^(?P<open>[(（])(?P<num>\d{1,2})(?P<close>[)）])\s*(?P<title>\S.*)$")
# An attachment named in the text: 附件, 附件2：…
_ANNEX_RE = re.compile(r"^附件\s*(?P<num>\d{0,2})\s*[：:]?\s*(?P<title>[^。]*)$")
# A notice that issues another document names it in its title (…关于印发
# “十四五”数字经济发展规划的通知, on one line or two); that document's own
# title line, further down, opens it as an annex.
_ISSUING_RE = re.compile(r"(?:印发|转发|颁布|发布)《?(?P<issued>[^《》]{2,60}?)》?的(?:通知|决定|命令)$")
_SUPPLEMENT_RE = re.compile(r"^附\s*则$")
# A Markdown heading: the marks, then the heading as a reader sees it.
_MARKDOWN_HEADING_RE = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<rest>\S.*)$")
# Lines that open a unit of their own and are never the continuation of a
# line before them: items （一）, enumerations 1. 一是, dash-led list lines,
# dated lines (a law's 通过/修正 history, a timeline), markup and comments.
_OWN_START_RE = re.compile(
    rf"^(?:[(（]{_NUM}[)）]|\d{{1,3}}[.．、]|{_NUM}是|——|[-*•·]\s|\d{{4}}\s*年\s*\d{{1,2}}\s*月|<!--|[#>|*])"
)
_BOX_RE = re.compile(r"^专栏\s*(?P<num>[0-9０-９]{1,3})\s*[：:、.．]?\s*(?P<title>.*)$")
_MARKER_RE = re.compile(
    r"^[■□◆◇●○▲△★☆]?\s*[(（]?\s*(?P<dir>上接|下转|转)\s*第?\s*"
    r"(?P<page>[0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})\s*版\s*[)）]?$"
)
_TITLE_RE = re.compile(r"^《(?P<title>[^《》]+)》\s*(?P<kind>.*)$")
_CLAUSE_MARKS = "，,；;：:"
# What prose has and titles, menus and list lines lack.
_PROSE_MARKS = "，,；;。！？"
# The lines of a 公文 and a law that are not text (GB/T 9704): 文号, 主送机关,
# the date of the 落款 (or under the title), a law's 通过/修正 history.
ROLE_MAX_CHARS = 120
_DOC_NUMBER_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}〔\d{4}〕\d{1,4}号$")
_DATE = (
    r"[0-9〇零一二三四五六七八九十]{4}\s*年\s*[0-9一二三四五六七八九十]{1,2}\s*月\s*[0-9一二三四五六七八九十]{1,3}\s*日"
)
_DATE_LINE_RE = re.compile(rf"^[(（]?{_DATE}[)）]?$")
_HISTORY_RE = re.compile(rf"^[(（]?{_DATE}.*(?:通过|修正|修订|公布|发布|施行)[)）]?$")
_ADDRESSEE_RE = re.compile(r"^各.{2,100}[：:]$|^.{2,60}(?:人民政府|委员会|各部委|厅|局)（?[^）]*）?[：:]$")
# Copular sentences (深度贫困地区是贫中之贫、坚中之坚。) state a judgement in
# running prose; the white papers' bold topic sentences are headline-style
# predicates (经济持续快速发展。) and never use 是.


@dataclass
class _Line:
    """One classified, stripped, non-empty line of the source."""

    kind: Literal[
        "title",
        "marker",
        "page",
        "part",
        "chapter",
        "section",
        "subsection",
        "box",
        "article",
        "preface",
        "supplement",
        "annex",
        "toc",
        "toc_entry",
        "para",
    ]
    text: str
    number: str | None = None
    title: str = ""
    inline_section: bool = False
    bracket: str = "()"
    joins: int = 0
    # How a heading is named without its markup (a Markdown heading's marks).
    label: str | None = None
    subpart: bool = False
    # What a paragraph line is besides text (see app.document.model.Paragraph).
    role: ParagraphRole | None = None
    # The lead sentence its format marks (bold), if any (see LEAD_MARK).
    marked_lead: str | None = None


def iter_lines(pieces: Iterable[str]) -> Iterator[str]:
    """The lines of a text given in pieces (a line may span pieces)."""
    pending: list[str] = []
    for piece in pieces:
        if "\n" not in piece:
            pending.append(piece)
            continue
        first, *middle, last = piece.split("\n")
        pending.append(first)
        yield "".join(pending)
        yield from middle
        pending = [last]
    yield "".join(pending)


def starts_own_unit(text: str) -> bool:
    """Whether a line opens a unit of its own (a heading, an article, an
    item, a list line), never the continuation of the line before it."""
    text = text.strip()
    line = _classify_line(text)
    return line.kind != "para" or line.inline_section or bool(_OWN_START_RE.match(text))


def _is_marked_heading(raw: str) -> bool:
    mark = len(HEADING_MARK)
    return raw.startswith(HEADING_MARK) and raw[mark : mark + 1] in _LEVELS and bool(raw[mark + 1 :].strip())


def _marked_heading(raw: str) -> _Line:
    """A heading its format marks as one (:data:`HEADING_MARK`, its level,
    its text): the heading its text is when numbered (第一章, 一、…); else a
    chapter (level 1) or a section (below) of that title, when it reads as
    a heading; else a paragraph."""
    level = raw[len(HEADING_MARK) : len(HEADING_MARK) + 1]
    text = raw[len(HEADING_MARK) + 1 :].strip()
    line = _classify_line(text)
    if line.kind != "para":
        return line
    if _is_heading_title(text) and not line.inline_section:
        kind: Literal["chapter", "section"] = "chapter" if level == "1" else "section"
        return _Line(kind, text, title=text, label=text, bracket="")
    return line


def _classified(lines: Iterable[str], *, marked: bool = False) -> Iterator[_Line]:
    """The non-empty lines, stripped and classified. The first is the title
    line when it looks like one and more lines follow. A page break line (a
    PDF's: :data:`PAGE_BREAK`) is a ``page`` line with the page's number,
    wherever it stands; a heading a format marks (:data:`HEADING_MARK`) is
    read as one, and so is a lead sentence (:data:`LEAD_MARK`, the marks
    taken out of the text) — all only in ``marked`` text (read from another
    format); in a text file these characters are text."""
    first: str | None = None
    count = 0
    for raw in lines:
        if marked and raw.startswith(PAGE_BREAK):
            yield _Line("page", "", number=raw[len(PAGE_BREAK) :].strip() or None)
            continue
        if (
            marked
            and raw.startswith(HEADING_MARK)
            and raw[len(HEADING_MARK) : len(HEADING_MARK) + 1] in _LEVELS
            and raw[2:].strip()
        ):
            if count == 1 and first is not None:
                yield _Line("title", first) if _is_title(first) else _classify_line(first)
                first, count = None, 2
            count = max(count, 2)
            yield _marked_heading(raw)
            continue
        lead = None
        if marked and raw.startswith(LEAD_MARK) and raw.find(LEAD_MARK, 1) > 1:
            end = raw.find(LEAD_MARK, 1)
            lead, raw = raw[1:end].strip(), raw[1:end] + raw[end + 1 :]
        text = raw.strip()
        if not text:
            continue
        if lead:
            line = _classify_line(text)
            if line.kind == "para" and text.startswith(lead):
                line.marked_lead = lead
            if count >= 1:
                if count == 1 and first is not None:
                    yield _Line("title", first) if _is_title(first) else _classify_line(first)
                    first = None
                count = max(count, 1) + 1
                yield line
                continue
        count += 1
        if count == 1:
            first = text
            continue
        if count == 2 and first is not None:
            yield _Line("title", first) if _is_title(first) else _classify_line(first)
            first = None
        yield _classify_line(text)
    if count == 1 and first is not None:
        yield _classify_line(first)


def _is_title(line: str) -> bool:
    if _TITLE_RE.match(line):
        return True
    if _classify_line(line).kind != "para":
        return False
    return len(line) <= TITLE_MAX_CHARS and not ends_paragraph(line) and not any(mark in line for mark in SENTENCE_END)


def _is_heading_title(title: str) -> bool:
    return (
        len(title) <= HEADING_MAX_CHARS
        and not any(mark in title for mark in SENTENCE_END)
        and not ends_paragraph(title)
    )


def _classify_line(line: str) -> _Line:
    markdown = _MARKDOWN_HEADING_RE.match(line)
    if markdown:
        # A Markdown heading is the heading its text is; the line as written
        # stays the unit's text, its label drops the marks.
        inner = _classify_line(markdown["rest"])
        if inner.kind not in ("para", "title", "marker", "article"):
            inner.label = inner.label or inner.text
            inner.text = line
            return inner
        return _Line("para", line)
    if _ARTICLE_RE.match(line):
        match = _ARTICLE_RE.match(line)
        assert match is not None
        return _Line("article", line, number=match["num"])
    if _PREFACE_RE.match(line):
        return _Line("preface", line, title=line)
    if _SUPPLEMENT_RE.match(line):
        return _Line("supplement", line, title=line)
    match = _PART_RE.match(line)
    if match and _is_heading_title(match["title"]) and chinese_to_int(match["num"]):
        return _Line("part", line, number=match["num"], title=match["title"].strip(), subpart=bool(match["sub"]))
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
            # (The bracket names the numbering style, for a placeholder's label.)
            style = "第" if pattern is _CHAPTER_WORD_RE else "、"
            return _Line("chapter", line, number=match["num"], title=match["title"].strip(), bracket=style)
    match = _SECTION_WORD_RE.match(line)
    if match and _is_heading_title(match["title"]) and chinese_to_int(match["num"]):
        return _Line("section", line, number=match["num"], title=match["title"].strip(), bracket="")
    match = _ANNEX_RE.match(line)
    if match and _is_heading_title(match["title"] or "附件"):
        return _Line("annex", line, number=match["num"] or None, title=match["title"].strip())
    match = _NUMBERED_RE.match(line)
    if match:
        title = match["title"].strip()
        if _is_heading_title(title) or _is_heading_title(title.removesuffix("。")) and "。" not in title[:-1]:
            return _Line("subsection", line, number=match["num"], title=title.removesuffix("。"), bracket=".")
        inline = _inline_section_title(title)
        if inline:
            return _Line("para", line, number=match["num"], title=inline, inline_section=True, bracket=".")
    match = _POINT_RE.match(line)
    if match:
        # The fourth level of 公文: （1） under 1. (one line, or inline).
        bracket, title = match["open"] + match["close"], match["title"].strip()
        if _is_heading_title(title) or _is_heading_title(title.removesuffix("。")) and "。" not in title[:-1]:
            return _Line("subsection", line, number=match["num"], title=title.removesuffix("。"), bracket=bracket)
        inline = _inline_section_title(title)
        if inline:
            return _Line("para", line, number=match["num"], title=inline, inline_section=True, bracket=bracket)
    match = _SECTION_RE.match(line)
    if match and chinese_to_int(match["num"]):
        bracket = match["open"] + match["close"]
        title = match["title"].strip()
        if _is_heading_title(title) or _is_heading_title(title.removesuffix("。")) and "。" not in title[:-1]:
            # A heading line, with or without a final 。 (（一）发展现状。).
            return _Line("section", line, number=match["num"], title=title.removesuffix("。"), bracket=bracket)
        inline = _inline_section_title(title)
        if inline:
            return _Line(
                "para",
                line,
                number=match["num"],
                title=inline,
                inline_section=True,
                bracket=bracket,
            )
    return _Line("para", line, role=_role(line))


def _role(line: str) -> ParagraphRole | None:
    """What a paragraph line is in a 公文 or a law, from its text alone."""
    if len(line) > ROLE_MAX_CHARS:
        return None
    if _DOC_NUMBER_RE.match(line):
        return "doc_number"
    if _DATE_LINE_RE.match(line):
        return "date"
    if _HISTORY_RE.match(line):
        return "history"
    if _ADDRESSEE_RE.search(line) and not any(mark in line for mark in SENTENCE_END):
        return "addressee"
    return None


def _inline_section_title(text: str) -> str | None:
    """The title of a numbered paragraph whose first sentence is its title."""
    end = min((text.find(mark) for mark in SENTENCE_END if mark in text), default=-1)
    if end <= 0 or end > INLINE_TITLE_MAX_CHARS or not text[end + 1 :].strip():
        return None
    title = text[:end]
    # Commas and 、 are common in the titles of reports and 公文 (（一）大力提振
    # 消费、提高投资效益，全方位扩大国内需求。); a colon or semicolon opens a list.
    if any(mark in title for mark in "；;：:"):
        return None
    return title
