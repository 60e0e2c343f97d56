"""Statistics in the text: every Arabic number with its unit, multiplier and qualifier.

``10.8万所`` becomes value 108000, unit 所; ``约1900亿元`` becomes value
190000000000, unit 元, qualifier 约; ``99.48%`` keeps 99.48 with unit %.
Years, dates, page and box numbers, ordinals, phone and document numbers and
numbers in book titles are not statistics and are skipped.
"""

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from app.document.model import Figure, Paragraph
from app.document.numerals import FULLWIDTH_TO_ASCII, SENTENCE_END

MULTIPLIERS: dict[str, int] = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4}

# Longest first, so 个百分点 wins over 个 and 人次 over 人.
UNITS: tuple[str, ...] = tuple(
    sorted(
        (
            "个百分点",
            "百分点",
            "千瓦时",
            "千瓦",
            "平方公里",
            "平方米",
            "公里",
            "千米",
            "公顷",
            "人次",
            "个月",
            "美元",
            "元",
            "%",
            "‰",
            "个",
            "名",
            "人",
            "户",
            "所",
            "家",
            "亩",
            "项",
            "件",
            "起",
            "套",
            "包",
            "岁",
            "条",
            "座",
            "吨",
            "台",
            "辆",
            "篇",
            "次",
            "倍",
            "年",
            "天",
            "间",
            "张",
            "册",
            "份",
            "支",
            "批",
            "处",
            "公斤",
            "千克",
            "床",
            "位",
            "场",
            "种",
        ),
        key=len,
        reverse=True,
    )
)
PREFIX_QUALIFIERS = ("约", "近", "超过", "逾", "多达", "将近", "大约", "不足", "不到", "超")
SUFFIX_QUALIFIERS = ("左右", "以上", "以下", "以内", "之多")

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_FIGURE_RE = re.compile(
    rf"(?P<pre>{'|'.join(PREFIX_QUALIFIERS)})?"
    # Not inside a longer number or a code (G20), nor after a thousands comma;
    # an ASCII comma after a word is Chinese punctuation in many reprints.
    rf"(?<![\d.A-Za-z])(?<!\d,)(?P<num>{_NUMBER})"
    rf"(?:\s*[—–~～至到-]\s*(?P<num2>{_NUMBER}))?"
    r"(?P<q1>多|余)?"
    rf"(?P<mult>{'|'.join(MULTIPLIERS)})?"
    r"(?P<q2>多|余)?"
    rf"(?P<unit>{'|'.join(re.escape(u) for u in UNITS)})?"
    rf"(?P<post>{'|'.join(SUFFIX_QUALIFIERS)})?"
)
# What follows a number that makes it a date, a time, a page, an issue or a
# document number rather than a statistic.
_NOT_A_QUANTITY_AFTER = ("月", "日", "时", "号", "版", "届", "周年", "点", "分", "秒")
_NOT_A_QUANTITY_BEFORE = ("第", "专栏", "编号", "号码", "电话")
# Phone, hotline and document-number contexts after a bare number.
_CODE_CONTEXT_RE = re.compile(r"^[^，,。；;]{0,12}(电话|热线|号码|邮编|传真)")
_TIME_RE = re.compile(
    r"(?:截至|截止到?|到)?"
    r"(?:\d{4}年(?:\d{1,2}月)?\s*(?:至|到|—|–|-|～|~)\s*\d{4}年(?:\d{1,2}月)?"
    r"|\d{4}\s*(?:—|–|-|～|~|至|到)\s*\d{4}年"
    r"|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|初|上半年|下半年|年底|年末)?)"
    r"(?:以来|起|开始|至今|前后|以前|之前)?"
)
# Four-digit numbers from 1000 to 2999 followed by 年 are calendar years.
_YEAR_MIN, _YEAR_MAX = 1000, 2999
# Integers beyond float precision (and SQLite's 64-bit range) are kept as floats.
_EXACT_INT_LIMIT = 2**53


def extract_figures(paragraph: Paragraph) -> Iterator[Figure]:
    """Yield the statistics of ``paragraph`` in reading order."""
    text = paragraph.text
    scan = text.translate(FULLWIDTH_TO_ASCII)
    excluded = _bracketed_spans(scan)
    count = 0
    for match in _FIGURE_RE.finditer(scan):
        start = match.start("pre") if match["pre"] else match.start("num")
        if not _is_statistic(match, scan, excluded):
            continue
        value = _value(match["num"], match["mult"])
        if value is None:
            continue
        value_max = _value(match["num2"], match["mult"]) if match["num2"] else None
        qualifier = "".join(q for q in (match["pre"], match["q1"], match["q2"], match["post"]) if q)
        sentence_start, sentence_end = _sentence_bounds(text, start)
        count += 1
        yield Figure(
            id=f"{paragraph.id}.{count}",
            paragraph=paragraph.id,
            text=text[start : match.end()],
            value=value,
            value_max=value_max,
            unit=match["unit"],
            qualifier=qualifier or None,
            as_of=_as_of(scan, text, sentence_start, start, excluded),
            sentence=text[sentence_start:sentence_end].strip(),
            start=start,
            end=match.end(),
            box=paragraph.box,
            path=paragraph.path,
            unplaced=paragraph.unplaced,
        )


def _is_statistic(match: re.Match[str], scan: str, excluded: list[tuple[int, int]]) -> bool:
    num_start, end = match.start("num"), match.end()
    if any(lo <= num_start < hi for lo, hi in excluded):
        return False
    before = scan[max(0, num_start - 4) : num_start]
    if match["pre"] is None and before.endswith(_NOT_A_QUANTITY_BEFORE):
        return False
    after = scan[end : end + 3]
    if match["unit"] is None and after.startswith(_NOT_A_QUANTITY_AFTER):
        return False
    if _is_year(match["num"], match["unit"], match["mult"]) or (
        match["num2"] and _is_year(match["num2"], match["unit"], match["mult"])
    ):
        return False
    if match["unit"] == "年" and scan[end : end + 1] in ("底", "末", "初", "以", "的"):
        return False
    if match["unit"] is None and match["mult"] is None:
        # A bare number (12317, an item number) has no quantity to show.
        return False
    return not (match["unit"] is None and _CODE_CONTEXT_RE.match(scan[end:]))


def _is_year(number: str, unit: str | None, multiplier: str | None) -> bool:
    if multiplier is not None or unit != "年":
        return False
    digits = number.replace(",", "")
    return digits.isdigit() and len(digits) == 4 and _YEAR_MIN <= int(digits) <= _YEAR_MAX


def _value(number: str, multiplier: str | None) -> float | int | None:
    try:
        value = Decimal(number.replace(",", "")) * MULTIPLIERS.get(multiplier or "", 1)
    except InvalidOperation:
        return None
    if value == value.to_integral_value() and abs(value) < _EXACT_INT_LIMIT:
        return int(value)
    return float(value)


def _bracketed_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside 《》 book titles and 〔〕 document numbers."""
    return [m.span() for m in re.finditer(r"《[^《》]*》|〔[^〔〕]*〕|\[[^\[\]]*\]", text)]


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    start = max(text.rfind(mark, 0, position) for mark in SENTENCE_END) + 1
    ends = [text.find(mark, position) for mark in SENTENCE_END]
    end_positions = [e for e in ends if e >= 0]
    end = min(end_positions) + 1 if end_positions else len(text)
    while end < len(text) and text[end] in "”’」』)）":
        end += 1
    return start, end


def _as_of(scan: str, text: str, sentence_start: int, position: int, excluded: list[tuple[int, int]]) -> str | None:
    """The time expression nearest before ``position`` in its sentence."""
    best: re.Match[str] | None = None
    for match in _TIME_RE.finditer(scan, sentence_start, position):
        if any(lo <= match.start() < hi for lo, hi in excluded):
            continue
        best = match
    return text[best.start() : best.end()] if best else None
