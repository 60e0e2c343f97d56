"""A document's metadata, inferred from its text: title, issuer, date, 文号...

Official documents say who issued them and when, in places their genres fix
(GB/T 9704-2012 for 公文, the 通过/修正 lines of a law, the subtitle of a
report delivered at a session). The parser notes those lines as it reads
(:class:`MetadataClues`, bounded whatever the length of the text) and
:func:`infer_metadata` makes the metadata of them. What is inferred is a
guess the user can correct (``baipishu meta``, the properties dialog): edits
are kept with the user's data, never here.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from app.document.genres import LEGAL_GENRES, Genre
from app.document.model import Metadata, Paragraph

# How many lines of each role are kept (the first ones, or the last ones).
CLUES_KEPT = 8
# How many opening lines are read for the title, the subtitle, the author.
TITLE_SCAN_LINES = 120
TITLE_MAX_CHARS = 80

_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s*")
_BOOK_TITLE = re.compile(r"^《(?P<title>[^《》]+)》\s*(?P<kind>.*)$")
# What the titles of official documents end with (the kind of document).
_TITLE_TAIL = re.compile(
    r"(?:通知|意见|决定|决议|办法|条例|规定|规则|细则|法|法典|报告|白皮书|方案|规划|纲要|公告|通告|批复|通报|"
    r"命令|守则|章程|准则|函)$"
)
# A 文号 or an order number written after the title, in brackets.
_TITLE_NUMBER = re.compile(r"[（(][^（）()]*\d{4}[^（）()]*号[）)]$")
_NOT_IN_TITLES = "。；;：:，,！？!?|"
# 国务院总理　李强 (a report's signature line), 国务院总理李克强关于… (a news lead).
_PREMIER = re.compile(r"国务院总理[\s\u3000]*(?P<name>[\u4e00-\u9fff]{2,3}?)(?=关于|作|[\s\u3000，,。]|$)")
# A report's subtitle: ——2025年3月5日在第十四届全国人民代表大会第三次会议上.
_SUBTITLE = re.compile(r"^——\s*(?P<text>[^。；]{4,80}?(?:会议上|讲话|报告|日))\s*$")
# A saved page's title: the document's, then the site's sections (…_宏观经济_中国政府网).
_PAGE_TITLE_PARTS = re.compile(r"\s*(?:_|\s[-|–—]\s)\s*")
_ISSUER_PREFIX = re.compile(r"^(?P<org>[^《》“”，,。]{2,40}?)关于")
# A 令 number: 国家金融监督管理总局令2025年第3号, 国务院令第790号.
_ORDER_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{2,20}令[\s\u3000]*(?:〔?\d{4}〕?年?)?[\s\u3000]*第[\s\u3000]*\d{1,4}[\s\u3000]*号"
)
_URL = re.compile(r"https?://[A-Za-z0-9.-]+\.gov\.cn(?:/[^\s)）>\]】，。]*)?")
_DATE = re.compile(
    r"(?P<y>[0-9〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[0-9一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>[0-9一二三四五六七八九十]{1,3})\s*日"
)
_ISO_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
# A session of the National People's Congress: 十三届全国人大三次会议.
_SESSION = re.compile(
    r"第?(?P<term>[一二三四五六七八九十]{1,3})届全国人(?:民代表)?大(?:会)?(?:第)?(?P<session>[一二三四五六七八九十]{1,2})次会议"
)
_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
# The body that adopted or amended a law (its 通过/修正 line).
_ADOPTING_BODY = re.compile(
    r"(?:第[一二三四五六七八九十]+届)?(?P<body>全国人民代表大会(?:常务委员会)?|"
    r"[\u4e00-\u9fff]{2,12}人民代表大会(?:常务委员会)?|国务院|中共中央|中央军事委员会)"
)
# Issuers in Beijing (central organs): a GB/T 7714 entry's place.
_CENTRAL = re.compile(
    r"^(?:中华人民共和国|国务院|中共中央|中国共产党中央|中央|全国人民代表大会|全国人大|全国政协|最高人民|国家|"
    r"中国人民银行|[\u4e00-\u9fff]{1,10}部$)"
)
_LOCALITY = re.compile(r"^[\u4e00-\u9fff]{2,7}(?:省|自治区|市|自治州|县|经济特区)")
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# The year of the first session of the Nth National People's Congress, for N
# from 5 (since the 5th, every congress has sat five years, a session a year).
_FIFTH_NPC_YEAR = 1978
_FIRST_REGULAR_NPC = 5

_KIND_OF_GENRE = {"white_paper": "白皮书"}


@dataclass
class MetadataClues:
    """The lines of a text that tell its metadata, noted while it is parsed.

    Attributes:
        title_line: the parser's title line, or None.
        opening: the text's first lines (labels without markup).
        genre: the genre the text is read as.
        fallback_title: the file's name without its suffix.
        excerpt: the text is a fragment or stops inside a sentence.
        doc_numbers: the first 文号 lines.
        history: the first 通过/修正 lines of a law.
        closing: the last 落款 lines (signature and date), in order.
        dates: the first date lines (under a title).
    """

    title_line: str | None
    opening: list[str]
    genre: Genre
    fallback_title: str = ""
    excerpt: bool = False
    doc_numbers: list[str] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    closing: list[tuple[str, str]] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)

    def note(self, paragraphs: Iterable[Paragraph]) -> None:
        """Note the role lines among ``paragraphs`` (a batch, in order)."""
        for paragraph in paragraphs:
            role, text = paragraph.role, paragraph.text
            if role == "doc_number" and len(self.doc_numbers) < CLUES_KEPT:
                self.doc_numbers.append(text)
            elif role == "history" and len(self.history) < CLUES_KEPT:
                self.history.append(text)
            elif role in ("signature", "date"):
                if role == "date" and len(self.dates) < CLUES_KEPT:
                    self.dates.append(text)
                self.closing.append((role, text))
                del self.closing[: -CLUES_KEPT * 2]


def infer_metadata(base: Metadata, clues: MetadataClues) -> Metadata:
    """``base`` (the id, and whatever is already known) completed from the clues."""
    title, kind = _title(clues)
    opening = clues.opening[:TITLE_SCAN_LINES]
    author = next((m["name"] for line in opening if (m := _PREMIER.search(line))), "")
    subtitle = next((m["text"] for line in opening if (m := _SUBTITLE.match(line))), "")
    if not subtitle and clues.history and clues.genre in LEGAL_GENRES:
        # The version of a law: the last of its 通过/修正 lines.
        subtitle = re.sub(r"[\s\u3000]+", "", clues.history[-1]).strip("（）()")
    issuer = _issuer(clues, title, author)
    return replace(
        base,
        title=base.title or title,
        kind=base.kind or kind or _KIND_OF_GENRE.get(clues.genre, ""),
        issuer=base.issuer or issuer,
        author=base.author or author,
        subtitle=base.subtitle or subtitle,
        release_date=base.release_date or _release_date(clues, subtitle),
        number=base.number or _number(clues),
        url=base.url or next((m.group(0) for line in clues.opening if (m := _URL.search(line))), ""),
        place=base.place or ("北京" if issuer and _CENTRAL.match(issuer.split("、")[0]) else ""),
        genre=clues.genre,
        excerpt=base.excerpt or clues.excerpt,
    )


def with_hints(metadata: Metadata, hints: Mapping[str, str], fallback_title: str = "") -> Metadata:
    """``metadata`` with what the text did not tell filled from the file's
    own metadata (a page's ``<meta>`` tags, a Word file's properties): the
    text comes first."""
    if not hints:
        return metadata
    title = metadata.title
    if hints.get("title") and (not title or title == fallback_title):
        title = hints["title"]
    date = hints.get("date", "")
    return replace(
        metadata,
        title=title,
        release_date=metadata.release_date or (date if _ISO_DATE.fullmatch(date) else ""),
        issuer=metadata.issuer or hints.get("issuer", ""),
        url=metadata.url or hints.get("url", ""),
    )


def _title_of(line: str) -> tuple[str, str] | None:
    """The title (and kind) a line gives, when it reads as a document's title."""
    text = _MARKDOWN_HEADING.sub("", line).strip()
    book = _BOOK_TITLE.match(text)
    if book:
        return book["title"].strip(), book["kind"].strip()
    text = _PAGE_TITLE_PARTS.split(text, maxsplit=1)[0]
    text = _TITLE_NUMBER.sub("", text).strip()
    if 4 <= len(text) <= TITLE_MAX_CHARS and not any(mark in text for mark in _NOT_IN_TITLES):
        if _TITLE_TAIL.search(text):
            return text, ""
    return None


def _title(clues: MetadataClues) -> tuple[str, str]:
    lines = [clues.title_line] if clues.title_line else []
    for line in lines + clues.opening[:TITLE_SCAN_LINES]:
        found = _title_of(line)
        if found:
            return found
    if clues.genre == "work_report":
        return "政府工作报告", ""  # the title every such report has
    fallback = _ISO_DATE.sub("", clues.fallback_title).strip(" ()（）_-")
    return fallback or clues.fallback_title, ""


def _issuer(clues: MetadataClues, title: str, author: str) -> str:
    signatures = [text for role, text in clues.closing if role == "signature"]
    if signatures:
        return _organs(signatures[-1])
    if author:
        return "国务院"  # the report is delivered by the premier for the State Council
    if clues.history:
        # A law is the enacting body's (its 通过 line), whoever amended it
        # later: the version is the last line (the subtitle and the date).
        enacted = next((line for line in clues.history if "通过" in line), clues.history[-1])
        # (Dates out first: 20日第十三届… is no body's name.)
        body = _ADOPTING_BODY.search(_DATE.sub(" ", enacted))
        if body:
            return body["body"]
    ordered = _ORDER_NUMBER.search(_DATE.sub(" ", " ".join(clues.opening[:TITLE_SCAN_LINES])))
    if ordered:
        # A rule issued by an order is its issuer's: 国家金融监督管理总局令… .
        return ordered.group(0).split("令")[0].strip()
    prefix = _ISSUER_PREFIX.match(title)
    if prefix:
        return _organs(prefix["org"])
    if clues.genre == "regulation" and title.endswith("条例"):
        # 行政法规 are the State Council's; a locality's or the Party's
        # 条例 name their issuer in the title.
        if title.startswith("中国共产党"):
            return "中共中央"
        if not _LOCALITY.match(title) and not title.startswith("中国人民解放军"):
            return "国务院"
    return ""


def _organs(text: str) -> str:
    """Issuing organs as a citation lists them: 中共中央 国务院 → 中共中央、国务院."""
    return "、".join(part for part in re.split(r"[\s\u3000]+", text.strip()) if part)


def _release_date(clues: MetadataClues, subtitle: str) -> str:
    # The 落款: the first date after the last signature that a date follows.
    closing = clues.closing
    signed = [
        closing[at + 1][1]
        for at in range(len(closing) - 1)
        if closing[at][0] == "signature" and closing[at + 1][0] == "date"
    ]
    if signed and (found := _iso(signed[-1])):
        return found
    for text in [*clues.dates[:1], subtitle]:
        found = _iso(text)
        if found:
            return found
    if clues.history:
        found = _iso(clues.history[-1])
        if found:
            return found
    found = _session_date(clues.opening[:TITLE_SCAN_LINES])
    if found:
        return found
    match = _ISO_DATE.search(clues.fallback_title)
    return match.group(0) if match else ""


def _iso(text: str) -> str:
    """The first date of ``text`` (2021年12月12日, 二〇二一年…) as YYYY-MM-DD."""
    match = _DATE.search(text)
    if not match:
        return ""
    year = int("".join(str(_DIGITS.get(c, c)) for c in match["y"]))
    month, day = _small_number(match["m"]), _small_number(match["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _small_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return _DIGITS.get(text, 0)


def _session_date(lines: list[str]) -> str:
    """The date of a session of the National People's Congress that a news
    lead names without a year (5月22日…十三届全国人大三次会议…)."""
    for line in lines:
        session, day = _SESSION.search(line), _MONTH_DAY.search(line)
        if session and day:
            term, number = _small_number(session["term"]), _small_number(session["session"])
            if term >= _FIRST_REGULAR_NPC and 1 <= number <= 5:
                year = _FIFTH_NPC_YEAR + 5 * (term - _FIRST_REGULAR_NPC) + number - 1
                return f"{year:04d}-{int(day['m']):02d}-{int(day['d']):02d}"
    return ""


def _number(clues: MetadataClues) -> str:
    if clues.doc_numbers:
        return clues.doc_numbers[0]
    for line in clues.opening[:TITLE_SCAN_LINES]:
        match = _ORDER_NUMBER.search(_DATE.sub(" ", line))
        if match:
            return re.sub(r"[\s\u3000]+", "", match.group(0))
    return ""
