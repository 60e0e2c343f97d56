"""Quantities in the text: every number, Arabic or Chinese, with its unit.

``10.8万所`` becomes value 108000, unit 所; ``约1900亿元`` becomes value
190000000000, unit 元, qualifier 约; ``99.48%`` keeps 99.48 with unit %;
``三年以下`` is 3 年 (a law's threshold); ``百分之三十`` is 30 %; a range
(``10万元以上100万元以下``, ``一日至四日``, ``6—24岁``) is one figure with
``value`` and ``value_max``. Where the sentence names the thing counted right
next to the number (``1936万贫困人口``) it is kept (``counts``), and a change
(``从2016年的131.5万家增长到2020年的311.23万家``) links its two figures.

Years, dates, times of day, ordinals (第三, 一是), article references, 文号,
codes (5G, PM2.5), numerals used as words (一些, 一批, 一年接着一年), named
sets and quoted terms (“两个一百年”, “二日”) and numbers in book titles are
not figures.
"""

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Literal

from app.document.model import Figure, Paragraph
from app.document.numerals import FULLWIDTH_TO_ASCII, SENTENCE_END, chinese_number

MULTIPLIERS: dict[str, int] = {"万亿": 10**12, "千万": 10**7, "百万": 10**6, "亿": 10**8, "万": 10**4}

# Measure words and units, longest first (个百分点 before 个, 人次 before 人).
UNITS: tuple[str, ...] = tuple(
    sorted(
        {
            *("个百分点", "百分点", "%", "‰"),
            *("元", "美元", "欧元", "港元", "日元"),
            *("千瓦时", "千瓦", "瓦", "度"),
            *("平方公里", "平方千米", "平方米", "公顷", "亩", "公里", "千米", "米"),
            *("吨", "公斤", "千克", "斤", "立方米"),
            *("人次", "人", "名", "户", "位"),
            *("个工作日", "工作日", "个月", "小时", "分钟", "年", "日", "天", "周岁", "岁"),
            *("个", "所", "家", "项", "件", "起", "套", "包", "条", "座", "台", "辆", "篇", "次", "倍"),
            *("间", "张", "册", "份", "支", "批", "处", "床", "场", "种", "部", "艘", "架", "头", "只", "株", "类"),
        },
        key=len,
        reverse=True,
    )
)
# How units are grouped for sorting and filtering by value.
UNIT_FAMILIES: dict[str, tuple[str, ...]] = {
    "money": ("元", "美元", "欧元", "港元", "日元"),
    "percent": ("%", "‰"),
    "points": ("个百分点", "百分点"),
    "people": ("人次", "人", "名", "户", "位"),
    "area": ("平方公里", "平方千米", "平方米", "公顷", "亩"),
    "length": ("公里", "千米", "米"),
    "mass": ("吨", "公斤", "千克", "斤"),
    "energy": ("千瓦时", "千瓦", "瓦", "度"),
    "time": ("个工作日", "工作日", "个月", "小时", "分钟", "年", "日", "天", "周岁", "岁"),
}
FAMILY_OF_UNIT = {unit: family for family, units in UNIT_FAMILIES.items() for unit in units}
# Units that count things (个, 所, 项…) rather than measure them.
_CLASSIFIERS = frozenset(u for u in UNITS if u not in FAMILY_OF_UNIT)
PREFIX_QUALIFIERS = (
    *("约", "近", "超过", "逾", "多达", "将近", "大约", "不足", "不到", "超", "不少于", "少于", "不超过"),
    *("至少", "最多", "不满", "未满", "已满", "不低于", "不高于", "高于", "低于"),
)
SUFFIX_QUALIFIERS = ("左右", "以上", "以下", "以内", "以前", "之多", "之内", "内", "前")
# Qualifiers that make a number a limit (a law's, or a plan's).
_LIMITS = (
    *("以上", "以下", "以内", "以前", "之内", "内", "前"),
    *("不超过", "超过", "不少于", "少于", "至少", "不满", "未满", "已满"),
)

FigureKind = Literal["statistic", "threshold"]

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"
_MULTIPLIER = "|".join(MULTIPLIERS)
_UNIT = "|".join(re.escape(u) for u in UNITS)
_RANGE = r"[—–~～至到\-－]"
_FIGURE_RE = re.compile(
    rf"(?P<pre>{'|'.join(sorted(PREFIX_QUALIFIERS, key=len, reverse=True))})?"
    r"(?P<pct>百分之)?"
    # Not inside a longer number or a code (G20), nor after a thousands comma;
    # an ASCII comma after a word is Chinese punctuation in many reprints.
    rf"(?<![\d.A-Za-z])(?<!\d,)(?P<num>{_ARABIC}|{_CHINESE})"
    rf"(?:(?P<sep>{_RANGE})(?P<num2>{_ARABIC}|{_CHINESE}))?"
    r"(?P<q1>多|余)?"
    rf"(?P<mult>{_MULTIPLIER})?"
    r"(?P<q2>多|余)?"
    r"(?P<half>个半月|半(?=年|个月|小时))?"
    rf"(?P<unit>{_UNIT})?"
    rf"(?P<post>{'|'.join(sorted(SUFFIX_QUALIFIERS, key=len, reverse=True))})?"
)
# What follows a number that makes it a date, a time, a page, an issue or a
# document number rather than a quantity.
_NOT_A_QUANTITY_AFTER = ("月", "日", "时", "号", "版", "届", "周年", "点", "分", "秒", "中全会", "大")
_NOT_A_QUANTITY_BEFORE = ("第", "专栏", "编号", "号码", "电话", "星期", "周", "最后")
# Phone, hotline and document-number contexts after a bare number.
_CODE_CONTEXT_RE = re.compile(r"^[^，,。；;]{0,12}(电话|热线|号码|邮编|传真)")
_TIME_RE = re.compile(
    r"(?:截至|截止到?|到)?"
    r"(?:\d{4}年(?:\d{1,2}月)?\s*(?:至|到|—|–|-|～|~)\s*\d{4}年(?:\d{1,2}月)?"
    r"|\d{4}\s*(?:—|–|-|～|~|至|到)\s*\d{4}年"
    r"|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|初|上半年|下半年|年底|年末)?)"
    r"(?:以来|起|开始|至今|前后|以前|之前)?"
)
# Units that begin a longer word with the next character (14亿人口, 年度):
# there the number has no unit of its own.
_UNIT_WORDS = {"人": "口员才民群均", "年": "度级龄", "户": "籍口", "次": "数", "个": "人体性", "名": "单称"}
# A quoted term or name: a figure inside it is no quantity (“二日”, “两个维护”).
_SHORT_QUOTE_RE = re.compile(r"“[^“”]{1,8}”|‘[^‘’]{1,8}’")
# A change between two figures of a sentence: 从A增长到B, 由A减少到B.
_CHANGE_VERBS = {
    **dict.fromkeys(("增长", "增加", "提高", "上升", "提升", "扩大", "增至", "升至", "提高到"), "increase"),
    **dict.fromkeys(("下降", "减少", "降低", "缩小", "回落", "降至", "减至"), "decrease"),
}
_CHANGE_BETWEEN_RE = re.compile(
    rf"^[^，,。；;]{{0,4}}?(?P<verb>{'|'.join(sorted(_CHANGE_VERBS, key=len, reverse=True))})(?:到|至|为)?"
    r"(?P<rest>[^，,。；;]{0,12})$"
)
_CHANGE_FROM_RE = re.compile(r"(?:从|由)[^，,。；;从由]{0,12}$")
# Four-digit numbers from 1000 to 2999 followed by 年 are calendar years.
_YEAR_MIN, _YEAR_MAX = 1000, 2999
# Integers beyond float precision (and SQLite's 64-bit range) are kept as floats.
_EXACT_INT_LIMIT = 2**53
# Tags (rjieba's) that may stand inside a noun phrase: 驻村 (vn), 专项 (b).
_NOUNISH_TAGS = frozenset({"vn", "b", "j", "an"})
# A noun next to a number names what it counts when it is this long.
COUNTED_NOUN_CHARS = (2, 12)


def unit_family(unit: str | None) -> str:
    """The family of a unit (money, percent, people, area…); ``count`` for a
    classifier (个, 所, 项…) and for none."""
    return FAMILY_OF_UNIT.get(unit or "", "count")


@dataclass(frozen=True)
class _Found:
    """A figure found, before ids and changes are given."""

    start: int
    end: int
    value: float | int
    value_max: float | int | None
    unit: str | None
    qualifier: str | None


def extract_figures(paragraph: Paragraph, *, legal: bool = False) -> Iterator[Figure]:
    """Yield the figures of ``paragraph`` in reading order.

    Args:
        paragraph: the paragraph.
        legal: the paragraph is a law's or a regulation's: its quantities are
            thresholds it sets, and Chinese numerals state them.
    """
    text = paragraph.text
    scan = text.translate(FULLWIDTH_TO_ASCII)
    excluded = _bracketed_spans(scan)
    found = _merge_ranges(scan, list(_candidates(scan, excluded, legal)))
    found = _targets_of_changes(scan, found)
    figures: list[Figure] = []
    for number, item in enumerate(found, start=1):
        sentence_start, sentence_end = _sentence_bounds(text, item.start)
        qualifier = item.qualifier
        limit = bool(qualifier) and any(mark in (qualifier or "") for mark in _LIMITS)
        threshold = legal or (limit and _is_penalty(scan, sentence_start, sentence_end))
        figures.append(
            Figure(
                id=f"{paragraph.id}.{number}",
                paragraph=paragraph.id,
                text=text[item.start : item.end],
                value=item.value,
                value_max=item.value_max,
                unit=item.unit,
                qualifier=qualifier,
                as_of=_as_of(scan, text, sentence_start, item.start, excluded),
                sentence=text[sentence_start:sentence_end].strip(),
                start=item.start,
                end=item.end,
                box=paragraph.box,
                path=paragraph.path,
                unplaced=paragraph.unplaced,
                kind="threshold" if threshold else "statistic",
                counts=_counted(scan, item),
            )
        )
    yield from _link_changes(scan, figures)


@dataclass(frozen=True)
class _Parts:
    """The parts of a match, its unit read as the text means it."""

    pre: str | None
    pct: bool
    number: str
    number_start: int
    number2: str | None
    multiplier: str | None
    many: str | None
    half: str | None
    unit: str | None
    post: str | None
    start: int
    end: int

    @classmethod
    def of(cls, match: re.Match[str], scan: str) -> "_Parts":
        unit, post, end = match["unit"], match["post"], match.end()
        if unit and scan[match.end("unit") : match.end("unit") + 1] in _UNIT_WORDS.get(unit, ""):
            # The unit is the start of a word (14亿人口, 年度): the number has none.
            unit, post, end = None, None, match.start("unit")
        if match["half"] == "个半月":
            unit = "个月"
        start = match.start("pre") if match["pre"] else match.start("pct") if match["pct"] else match.start("num")
        return cls(
            pre=match["pre"],
            pct=bool(match["pct"]),
            number=match["num"],
            number_start=match.start("num"),
            number2=match["num2"],
            multiplier=match["mult"],
            many="".join(q for q in (match["q1"], match["q2"]) if q) or None,
            half=match["half"],
            unit="%" if match["pct"] else unit,
            post=post,
            start=start,
            end=end,
        )


def _candidates(scan: str, excluded: list[tuple[int, int]], legal: bool) -> Iterator[_Found]:
    quoted = [m.span() for m in _SHORT_QUOTE_RE.finditer(scan)]
    for match in _FIGURE_RE.finditer(scan):
        if not match["num"]:
            continue
        parts = _Parts.of(match, scan)
        if not _is_quantity(parts, scan, excluded, legal):
            continue
        if any(lo <= parts.start and parts.end <= hi for lo, hi in quoted):
            continue
        value = _value(parts.number, parts.multiplier, half=bool(parts.half))
        value_max = _value(parts.number2, parts.multiplier, half=bool(parts.half)) if parts.number2 else None
        if value is None or (parts.number2 and value_max is None):
            continue
        qualifier = "".join(q for q in (parts.pre, parts.many, parts.post) if q)
        yield _Found(parts.start, parts.end, value, value_max, parts.unit, qualifier or None)


def _is_quantity(parts: _Parts, scan: str, excluded: list[tuple[int, int]], legal: bool) -> bool:
    number, unit, end, num_start = parts.number, parts.unit, parts.end, parts.number_start
    chinese = not number[0].isdigit()
    if any(lo <= num_start < hi for lo, hi in excluded):
        return False
    before = scan[max(0, num_start - 4) : num_start]
    if parts.pre is None and before.endswith(_NOT_A_QUANTITY_BEFORE):
        return False
    if parts.pct:
        return True
    if unit is None and scan[end : end + 3].startswith(_NOT_A_QUANTITY_AFTER):
        return False
    if _is_year(number, unit, parts.multiplier) or (parts.number2 and _is_year(parts.number2, unit, parts.multiplier)):
        return False
    if unit == "年" and scan[end : end + 1] in ("底", "末", "初", "以", "来"):
        return False  # 2020年底, 5年来
    if unit in ("日", "号") and re.search(r"(?:\d|[一二三四五六七八九十])月$", scan[max(0, num_start - 3) : num_start]):
        return False  # 5月22日: a date
    if unit is None:
        # A bare number (12317, an item number) is no quantity, nor a bare
        # Chinese numeral (十四五, 亿万农民).
        return parts.multiplier is not None and not chinese
    if chinese:
        return _is_chinese_quantity(parts, scan, legal)
    return not _CODE_CONTEXT_RE.match(scan[end:])


def _is_chinese_quantity(parts: _Parts, scan: str, legal: bool) -> bool:
    """A Chinese numeral is a quantity with a unit, and, when it is one digit,
    where it cannot be a word: a limit (三年以下), a range (一至二人), a
    law's term (延长一日), or a count of more than one (两个阶段)."""
    number, unit = parts.number, parts.unit or ""
    if number in ("百", "千", "万", "亿") or parts.multiplier:
        return False  # 百花, 千家万户, 亿万: words
    if re.fullmatch(r"[〇零一二三四五六七八九]{4}", number) and unit == "年":
        return False  # 二〇二〇年
    qualified = bool(parts.pre or parts.post in _LIMITS)
    if not legal and FAMILY_OF_UNIT.get(unit) == "time" and not (qualified or parts.number2):
        return False  # 一百年奋斗目标, 五年规划: times named, not measured
    if len(number) > 1 or parts.number2 or parts.half:
        return unit != "次" or qualified
    if qualified:
        return True
    if legal and unit in ("日", "年", "个月", "小时", "工作日", "个工作日", "倍", "人", "名"):
        return True  # a law's terms and the make-up of its bodies (审判员三人)
    # 两个阶段 counts two stages; 一个, 一批, 一年 are words (a, one day).
    return number != "一" and unit == "个" and _noun_follows(scan, parts.end)


def _noun_follows(scan: str, position: int) -> bool:
    following = scan[position : position + 1]
    return bool(following) and "\u4e00" <= following <= "\u9fff"


def _is_penalty(scan: str, start: int, end: int) -> bool:
    sentence = scan[start:end]
    return any(word in sentence for word in ("罚款", "有期徒刑", "拘役", "拘留", "罚金", "处罚"))


def _merge_ranges(scan: str, found: list[_Found]) -> list[_Found]:
    """Join the two ends of a range written as two figures: 100万元至300万元,
    10万元以上100万元以下."""
    merged: list[_Found] = []
    for item in found:
        last = merged[-1] if merged else None
        if last is not None and last.value_max is None and item.value_max is None and last.unit == item.unit:
            between = scan[last.end : item.start]
            low, high = last.qualifier or "", item.qualifier or ""
            low_high = (low.endswith("以上") and high.endswith("以下")) or (
                low.startswith("已满") and high.startswith("不满")
            )
            if (low_high and between == "") or (re.fullmatch(_RANGE, between) and not last.qualifier):
                qualifier = "".join(q for q in (last.qualifier, item.qualifier) if q) or None
                merged[-1] = _Found(last.start, item.end, last.value, item.value, item.unit, qualifier)
                continue
        merged.append(item)
    return merged


def _targets_of_changes(scan: str, found: list[_Found]) -> list[_Found]:
    """A change down to nothing (由9899万人减少到0) ends in a bare 0: it is a
    figure in the unit of the one it changes from."""
    extra: list[_Found] = []
    for item in found:
        tail = re.match(r"[^，,。；;]{0,4}?(?:减少|下降|降低|减)(?:到|至|为)0(?![\d.])", scan[item.end :])
        if tail and _CHANGE_FROM_RE.search(scan[max(0, item.start - 16) : item.start]):
            position = item.end + tail.end() - 1
            extra.append(_Found(position, position + 1, 0, None, item.unit, None))
    return sorted([*found, *extra], key=lambda f: f.start)


def _link_changes(scan: str, figures: Sequence[Figure]) -> Iterator[Figure]:
    """Link the two figures of a change: 从A（…）增长到B, 由A减少到B."""
    linked = list(figures)
    for at in range(len(linked) - 1):
        source, target = linked[at], linked[at + 1]
        if unit_family(source.unit) != unit_family(target.unit):
            continue
        between = _CHANGE_BETWEEN_RE.match(scan[source.end : target.start])
        if not between or not _CHANGE_FROM_RE.search(scan[max(0, source.start - 16) : source.start]):
            continue
        direction = _CHANGE_VERBS[between["verb"]]
        linked[at] = replace(source, change_from=source.id, change_to=target.id, direction=direction)
        linked[at + 1] = replace(target, change_from=source.id, change_to=target.id, direction=direction)
    yield from linked


def _counted(scan: str, item: _Found) -> str | None:
    """The noun a figure counts, where the sentence names it right after the
    number (1936万贫困人口, 832个贫困县) or right before a bare count (行政法规25部)."""
    if item.unit is not None and unit_family(item.unit) not in ("count", "people"):
        return None
    tag = _tagger()
    if tag is None:
        return None
    after = re.match(r"[\u4e00-\u9fff]{1,12}", scan[item.end :])
    if not after:
        return None
    # The noun phrase that follows: nouns (and nouns made of verbs, 驻村工作队)
    # up to the first other word.
    words: list[str] = []
    for word, flag in tag(after.group(0)):
        if (
            not (str(flag).startswith("n") or str(flag) in _NOUNISH_TAGS)
            or len("".join(words) + word) > COUNTED_NOUN_CHARS[1]
        ):
            break
        words.append(str(word))
    noun = "".join(words)
    if not words or not str(tag(words[-1])[0][1]).startswith("n"):
        return None  # the phrase must end in a noun
    if len(noun) >= COUNTED_NOUN_CHARS[0] or (len(noun) == 1 and item.unit is not None):
        return noun  # 10万个村: one character after a classifier
    return None


Tagger = Callable[[str], list[tuple[str, str]]]


def _tagger() -> Tagger | None:
    """rjieba's part-of-speech tagger (loaded once, when a figure first needs it)."""
    global _TAG, _TAG_LOADED
    if not _TAG_LOADED:
        _TAG_LOADED = True
        try:
            import rjieba

            _TAG = rjieba.tag
        except ImportError:  # pragma: no cover - a dependency of the app
            _TAG = None
    return _TAG


_TAG: Tagger | None = None
_TAG_LOADED = False


def _is_year(number: str, unit: str | None, multiplier: str | None) -> bool:
    if multiplier is not None or unit != "年":
        return False
    digits = number.replace(",", "")
    return digits.isdigit() and len(digits) == 4 and _YEAR_MIN <= int(digits) <= _YEAR_MAX


def _value(number: str, multiplier: str | None, *, half: bool = False) -> float | int | None:
    if number[0].isdigit():
        try:
            base = Decimal(number.replace(",", ""))
        except InvalidOperation:
            return None
    else:
        parsed = chinese_number(number)
        if parsed is None:
            return None
        base = Decimal(parsed)
    value = (base + (Decimal("0.5") if half else 0)) * MULTIPLIERS.get(multiplier or "", 1)
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


@dataclass(frozen=True)
class FigureQuery:
    """Figures by value: a unit (or a family of units) and bounds, in the
    unit's own terms (``>100亿元`` is unit 元, above 10000000000).

    Attributes:
        unit: the unit the figures must have (元, %, 千瓦), or None.
        family: the family of units instead (money, people…), or None.
        low: the smallest value, or None.
        high: the largest value, or None.
        strict: ``low``/``high`` are themselves excluded (``>100亿元``).
        kind: statistic or threshold only, or None for both.
    """

    unit: str | None = None
    family: str | None = None
    low: float | None = None
    high: float | None = None
    strict: bool = False
    kind: str | None = None

    def matches(self, figure: Figure) -> bool:
        """Whether ``figure`` is one of the figures asked for (a range counts
        when any part of it is within the bounds)."""
        if self.unit is not None and figure.unit != self.unit:
            return False
        if self.family is not None and unit_family(figure.unit) != self.family:
            return False
        if self.kind is not None and figure.kind != self.kind:
            return False
        top = figure.value if figure.value_max is None else figure.value_max
        if self.low is not None and (top <= self.low if self.strict else top < self.low):
            return False
        return self.high is None or not (figure.value >= self.high if self.strict else figure.value > self.high)


_UNIT_SPEC_RE = re.compile(rf"^(?P<mult>{_MULTIPLIER})?(?P<unit>{_UNIT})?$")
_FIGURE_QUERY_RE = re.compile(
    rf"^(?P<op>>=|<=|>|<|＞|＜|≥|≤)?\s*(?P<num>{_ARABIC}|{_CHINESE})(?P<mult>{_MULTIPLIER})?(?P<unit>{_UNIT})$"
)


def unit_scale(spec: str) -> tuple[str | None, int] | None:
    """A unit as a user writes it (亿元, 万人, %, 千瓦) as (unit, multiplier);
    None when it is not one (a family name is not: see :data:`UNIT_FAMILIES`)."""
    match = _UNIT_SPEC_RE.match(spec.strip())
    if not match or not spec.strip():
        return None
    return match["unit"], MULTIPLIERS.get(match["mult"] or "", 1)


def parse_figure_query(text: str) -> FigureQuery | None:
    """A search for figures by value, as typed in the search box: ``>100亿元``,
    ``<=5%``, or a value itself (``1865万千瓦`` = ``18650000千瓦``). None when
    ``text`` is not such a query (the words are searched as words)."""
    match = _FIGURE_QUERY_RE.match(text.strip().translate(FULLWIDTH_TO_ASCII))
    if not match:
        return None
    value = _value(match["num"], match["mult"])
    if value is None:
        return None
    op = {"＞": ">", "＜": "<", "≥": ">=", "≤": "<="}.get(match["op"] or "", match["op"] or "")
    if not op and not match["num"][0].isdigit():
        return None  # 三年 is searched as words; >三年 is a figure query
    unit = match["unit"]
    if op in (">", ">="):
        return FigureQuery(unit=unit, low=float(value), strict=op == ">")
    if op in ("<", "<="):
        return FigureQuery(unit=unit, high=float(value), strict=op == "<")
    return FigureQuery(unit=unit, low=float(value), high=float(value))


@dataclass(frozen=True)
class SeriesPoint:
    """One figure of a series: its label on the chart (its time, else its
    text), its value and the figure's id."""

    label: str
    value: float | int
    figure: str


@dataclass(frozen=True)
class Series:
    """Figures of one document about the same thing, to be charted together.

    Attributes:
        name: what they measure (the noun counted, or a change's two ends).
        unit: their unit, or None.
        points: the figures, in reading order.
    """

    name: str
    unit: str | None
    points: tuple[SeriesPoint, ...]


def figure_series(figures: Sequence[Figure]) -> list[Series]:
    """The series among ``figures``: the two ends of each change (网商 from
    2016 to 2020), and the figures that count the same noun in the same unit
    (贫困人口 throughout the document), largest first."""

    def point(figure: Figure) -> SeriesPoint:
        return SeriesPoint(figure.as_of or figure.text, figure.value, figure.id)

    by_id = {figure.id: figure for figure in figures}
    found: list[Series] = []
    for figure in figures:
        if figure.change_from == figure.id and figure.change_to in by_id:
            target = by_id[figure.change_to]
            name = figure.counts or target.counts or f"{figure.text} → {target.text}"
            found.append(Series(name, figure.unit, (point(figure), point(target))))
    groups: dict[tuple[str, str | None], list[Figure]] = {}
    for figure in figures:
        if figure.counts:
            groups.setdefault((figure.counts, figure.unit), []).append(figure)
    for (noun, unit), members in groups.items():
        if len(members) > 1:
            found.append(Series(noun, unit, tuple(point(f) for f in members)))
    return sorted(found, key=lambda s: -len(s.points))
