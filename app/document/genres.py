"""The genres of Chinese official documents, and how each is recognised.

A genre decides rules the text alone cannot: whether paragraphs open with
lead-sentence topics (white papers, reports and 公文 have them; laws do not),
and how a citation names the document (issue 13). It is detected from the
opening of the text and can be chosen at import (``--genre``).
"""

import re
from collections.abc import Sequence
from typing import Literal

Genre = Literal["white_paper", "work_report", "notice", "opinion", "law", "regulation", "text"]
GENRES: tuple[Genre, ...] = ("white_paper", "work_report", "notice", "opinion", "law", "regulation", "text")
# Genres whose paragraphs may open with a lead (topic) sentence.
LEAD_GENRES: frozenset[Genre] = frozenset({"white_paper", "work_report", "notice", "opinion", "text"})
# Genres whose units are those of laws (编, 章, 节, 条).
LEGAL_GENRES: frozenset[Genre] = frozenset({"law", "regulation"})
# How many of the text's first lines are read to tell the genre.
SCAN_LINES = 400
# A text with this many article lines (第一条 …) is a law or a regulation.
MIN_ARTICLES = 3

_DOC_NUMBER = re.compile(r"〔\d{4}〕\d+号")
_REPORT = re.compile(r"政府工作的?报告")
_REPORT_SUBTITLE = re.compile(r"^——\s*\d{4}\s*年.*会议上")
_REGULATION_TITLE = re.compile(r"(?:条例|规定|办法|细则|规则|实施意见|决定)$")


def known_genre(name: str | None) -> Genre | None:
    """``name`` as a genre, or None when it is not one."""
    return next((genre for genre in GENRES if genre == name), None)


def detect(title: str | None, lines: Sequence[str], articles: int) -> Genre:
    """The genre of a text from its title line, its first lines (stripped,
    without Markdown marks) and how many of them open an article."""
    heading = (title or "").lstrip("#").strip().strip("《》")
    opening = [heading, *lines]
    if articles >= MIN_ARTICLES:
        return "regulation" if _REGULATION_TITLE.search(heading) else "law"
    if "白皮书" in (title or "") or any(line.startswith("专栏") for line in lines):
        return "white_paper"
    if any(_REPORT.search(line) or _REPORT_SUBTITLE.match(line) for line in opening[:12]) or "各位代表：" in lines:
        return "work_report"
    if any(line.endswith("的意见") and line.startswith(("中共", "国务院", "关于")) for line in opening[:6]):
        return "opinion"
    if any(line.endswith("的通知") or _DOC_NUMBER.search(line) for line in opening):
        return "notice"
    return "text"
