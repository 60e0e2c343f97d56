"""Figures: the seed's, pinned from reading the text; every genre's, on real
lines and against hand labels; numerals parsed back from their value."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.document.figures import FigureQuery, extract_figures, parse_figure_query, unit_family, unit_scale
from app.document.model import Document, Figure, Paragraph
from app.document.numerals import chinese_number
from bench.figures_bench import PRECISION_GOAL, RECALL_GOAL, score
from tests.conftest import needs_corpus


def _figure(seed: Document, text: str, sentence_part: str = "") -> Figure:
    found = [f for f in seed.figures if f.text == text and sentence_part in f.sentence]
    assert len(found) == 1, (text, [f.sentence for f in found])
    return found[0]


# (text as written, value, unit, qualifier, as_of, a piece of its sentence)
SEED_SAMPLE = [
    ("10.8万所", 108000, "所", None, "2013年以来", "义务教育薄弱学校"),
    ("99.48%", 99.48, "%", None, "截至2020年底", "基层文化中心"),
    ("98%", 98, "%", None, None, "二级以上医院"),
    ("1936万", 19360000, None, None, None, "纳入农村低保"),
    ("约7个百分点", 7, "个百分点", "约", "2015年以来", "年均增幅"),
    ("49个", 49, "个", None, None, "专项政策文件"),
    ("722亿元", 72200000000, "元", None, "2018—2020年", "新增资金"),
    ("60.2%", 60.2, "%", None, "2018—2020年", "新增资金总量"),
    ("61.8万亩", 618000, "亩", None, "2018年以来", "节余指标"),
    ("约1900亿元", 190000000000, "元", "约", "2018年以来", "筹资"),
    ("近1亿", 100000000, None, "近", None, "妇女约占一半"),
    ("500多万名", 5000000, "名", "多", None, "手工"),
    ("4500多万元", 45000000, "元", "多", None, "妇女小额担保贷款"),
    ("5000余万人次", 50000000, "人次", "余", None, "母亲水窖"),
    ("28万余所", 280000, "所", "余", None, "儿童之家"),
    ("1200余个", 1200, "个", "余", None, "儿童快乐家园"),
    ("1611.3元", 1611.3, "元", None, None, "平均保障标准"),
    ("1120万", 11200000, None, None, "截至2020年底", "儿童受益"),
    ("超过12万元", 120000, "元", "超过", "到2020年底", "村均集体经济收入"),
    ("300多名", 300, "名", "多", "2013年以来", "第一书记"),
    ("25.5万个", 255000, "个", None, "截至2020年底", "驻村工作队"),
    ("33.77万个", 337700, "个", None, "2016年1月至2020年11月", "纪检监察机关"),
    ("36.3%", 36.3, "%", None, "2013年", "抽查资金比例"),
    ("1.5%", 1.5, "%", None, "2020年", "抽查资金比例"),
    ("超过30万个", 300000, "个", "超过", None, "产业基地"),
    ("1865万千瓦", 18650000, "千瓦", None, "截至2020年底", "光伏扶贫容量"),
    ("20万元左右", 200000, "元", "左右", "截至2020年底", "村年均收益"),
    ("131.5万家", 1315000, "家", None, "2016年", "网商"),
    ("311.23万家", 3112300, "家", None, "到2020年", "网商"),
    ("7100多亿元", 710000000000, "元", "多", "截至2020年底", "扶贫小额信贷"),
    ("1500多户", 1500, "户", "多", "截至2020年底", "支持贫困户"),
    ("约3.5万个", 35000, "个", "约", "截至2020年底", "集中安置区"),
    ("266万余套", 2660000, "套", "余", "截至2020年底", "安置住房"),
]


@pytest.mark.parametrize(("text", "value", "unit", "qualifier", "as_of", "part"), SEED_SAMPLE)
def test_seed_figures(
    seed: Document,
    text: str,
    value: float,
    unit: str | None,
    qualifier: str | None,
    as_of: str | None,
    part: str,
) -> None:
    figure = _figure(seed, text, part)
    assert figure.value == value
    assert figure.unit == unit
    assert figure.qualifier == qualifier
    assert figure.approximate == (qualifier is not None)
    assert figure.as_of == as_of
    paragraph = next(p for p in seed.paragraphs if p.id == figure.paragraph)
    assert paragraph.text[figure.start : figure.end] == text
    assert figure.sentence in paragraph.text
    assert text in figure.sentence


def test_figures_in_boxes_carry_their_box(seed: Document) -> None:
    assert _figure(seed, "722亿元").box == "专栏4"
    assert _figure(seed, "87%").box == "专栏5"
    assert _figure(seed, "10.8万所").box is None
    assert _figure(seed, "1865万千瓦").path[-1] == "专栏7 光伏扶贫和电商扶贫"


def test_range_figure(seed: Document) -> None:
    figure = _figure(seed, "6—24岁")
    assert (figure.value, figure.value_max, figure.unit) == (6, 24, "岁")


def test_years_dates_codes_are_not_figures(seed: Document) -> None:
    texts = [f.text for f in seed.figures]
    for not_a_figure in ("2013年", "2020年", "2017年", "6月", "23日", "12317", "4", "2011—2020年"):
        assert not any(t.rstrip("年") == not_a_figure.rstrip("年") for t in texts), not_a_figure
    assert not any(f.text.startswith("12317") for f in seed.figures)


def test_seed_figure_count_and_order(seed: Document) -> None:
    # Every Arabic number of the seed that is not a year, date, code or box
    # number: 101, checked against a grep of the text.
    assert len(seed.figures) == 101
    positions = [(seed_index(seed, f.paragraph), f.start) for f in seed.figures]
    assert positions == sorted(positions)
    assert len({f.id for f in seed.figures}) == len(seed.figures)


def seed_index(seed: Document, paragraph_id: str) -> int:
    return next(p.index for p in seed.paragraphs if p.id == paragraph_id)


def _para(text: str) -> Paragraph:
    return Paragraph(id="p0", index=1, text=text, node=None, kind="body", box=None, path=())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全市共有１９９８年建成的学校３２所。", [("３２所", 32, "所")]),
        ("增长１５．５％。", [("１５．５％", 15.5, "%")]),
        ("投入1,200万元。", [("1,200万元", 12000000, "元")]),
        ("根据国发〔2016〕64号文件,建成5座。", [("5座", 5, "座")]),
        ("第3批共有8家。", [("8家", 8, "家")]),
        ("举报电话12317,热线8个。", [("8个", 8, "个")]),
        ("G20峰会,PM2.5下降。", []),
        ("《纲要(2011—2020年)》提出", []),
    ],
)
def test_figure_rules(text: str, expected: list[tuple[str, float, str]]) -> None:
    found = [(f.text, f.value, f.unit) for f in extract_figures(_para(text))]
    assert found == expected


def test_huge_numbers_do_not_overflow() -> None:
    (figure,) = extract_figures(_para("共" + "9" * 40 + "万元。"))
    assert isinstance(figure.value, float)


@pytest.mark.parametrize(
    ("text", "legal", "expected"),
    [
        # The unit after a large multiplier, and the qualifier after it.
        ("粮食产量保持在1.39万亿斤以上。", False, [("1.39万亿斤以上", 1_390_000_000_000, None, "斤", "以上")]),
        ("在60个工作日内作出决定。", False, [("60个工作日内", 60, None, "个工作日", "内")]),
        ("制定行政法规25部。", False, [("25部", 25, None, "部", None)]),
        ("接待游客1.2万人次。", False, [("1.2万人次", 12000, None, "人次", None)]),
        # Ranges are one figure.
        ("处100万元至300万元罚款。", True, [("100万元至300万元", 1_000_000, 3_000_000, "元", None)]),
        ("处5万元以上50万元以下罚款。", True, [("5万元以上50万元以下", 50_000, 500_000, "元", "以上以下")]),
        ("可以延长一日至四日。", True, [("一日至四日", 1, 4, "日", None)]),
        ("已满十四周岁不满十八周岁的。", True, [("已满十四周岁不满十八周岁", 14, 18, "周岁", "已满不满")]),
        # Chinese numerals.
        ("处三年以下有期徒刑。", True, [("三年以下", 3, None, "年", "以下")]),
        ("处五万元以上罚款。", True, [("五万元以上", 50_000, None, "元", "以上")]),
        ("比例不低于百分之三十。", False, [("不低于百分之三十", 30, None, "%", "不低于")]),
        ("可以延长至一个半月。", True, [("一个半月", 1.5, None, "个月", None)]),
        ("共投入一千三百万元以上。", False, [("一千三百万元以上", 13_000_000, None, "元", "以上")]),
        ("执法人员不得少于两人。", True, [("少于两人", 2, None, "人", "少于")]),
        ("分两个阶段实现目标。", False, [("两个", 2, None, "个", None)]),
        # Not quantities: numerals as words, names, quoted terms, dates, ordinals.
        ("一年接着一年干，一件事情接着一件事情办。", False, []),
        ("实现“两个一百年”奋斗目标，增强“四个意识”。", False, []),
        ("本法中“二日”“三日”的规定是指工作日。", True, []),
        ("5月22日上午9时开幕，十三届全国人大三次会议。", False, []),
        ("第三批共有8家，亿万农民受益，建军一百年奋斗目标。", False, [("8家", 8, None, "家", None)]),
        ("期间的最后一日为节假日的，以第一日为期满日期。", True, []),
        ("党的二十届三中全会，“十四五”时期，5年来。", False, []),
        ("制定二〇二〇年计划。", False, []),
        ("执行GB/T 7714-2015和GB 18030-2022，拨打12345热线，国务院令第790号。", False, []),
    ],
)
def test_quantities_in_every_genre(
    text: str, legal: bool, expected: list[tuple[str, float, float | None, str | None, str | None]]
) -> None:
    found = [(f.text, f.value, f.value_max, f.unit, f.qualifier) for f in extract_figures(_para(text), legal=legal)]
    assert found == expected


def test_thresholds_and_statistics() -> None:
    (fine,) = extract_figures(_para("处十万元以下罚款。"), legal=True)
    assert fine.kind == "threshold"
    (plan,) = extract_figures(_para("新增就业900万人以上。"))
    assert plan.kind == "statistic"
    (penalty,) = extract_figures(_para("可以并处5万元以下罚款。"))  # a penalty outside a law's text
    assert penalty.kind == "threshold"


def test_the_noun_counted_is_kept() -> None:
    found = {f.text: f.counts for f in extract_figures(_para("1936万贫困人口纳入低保，832个贫困县全覆盖，增长5%。"))}
    assert found == {"1936万": "贫困人口", "832个": "贫困县", "5%": None}


def test_a_change_links_its_two_figures(seed: Document) -> None:
    start, end = _figure(seed, "131.5万家"), _figure(seed, "311.23万家")
    assert (start.change_from, start.change_to, start.direction) == (start.id, end.id, "increase")
    assert (end.change_from, end.change_to, end.direction) == (start.id, end.id, "increase")
    assert start.to_dict()["change"] == {"from": start.id, "to": end.id, "direction": "increase"}
    assert _figure(seed, "10.8万所").to_dict()["change"] is None


def test_a_change_down_to_nothing() -> None:
    source, target = extract_figures(_para("农村贫困人口由9899万人减少到0，贫困县全部摘帽。"))
    assert (source.text, target.text, target.value, target.unit) == ("9899万人", "0", 0, "人")
    assert (source.change_to, target.change_from, target.direction) == (target.id, source.id, "decrease")


def _chinese(number: int) -> str:
    """``number`` (below 10¹²) in Chinese numerals as they are written: 一千三百万零五."""
    digits = "零一二三四五六七八九"

    def below_10000(n: int) -> str:
        out, zero = "", False
        for value, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d, n = divmod(n, value)
            if d:
                if zero:
                    out += "零"
                out += digits[d] + name
                zero = False
            elif out:
                zero = True
        return out

    parts: list[str] = []
    rest = number
    for scale, name in ((10**8, "亿"), (10**4, "万"), (1, "")):
        part, rest = divmod(rest, scale)
        if part:
            text = below_10000(part)
            if parts and part < 1000:
                text = "零" + text
            parts.append(text + name)
        elif parts and rest and not parts[-1].endswith("零"):
            parts.append("零")
    text = "".join(parts).replace("零零", "零")
    # 十五, not 一十五 (below 20 the 一 is not written).
    return "十" + text[2:] if text.startswith("一十") and number < 20 else text


@given(st.integers(min_value=1, max_value=10**12 - 1))
def test_chinese_numerals_parse_to_their_value(number: int) -> None:
    written = _chinese(number)
    assert chinese_number(written) == number, written
    (figure,) = extract_figures(_para(f"共投入{written}元以上。"))
    assert figure.value == number and figure.unit == "元"


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["", "万", "亿", "万亿"]), st.integers(0, 2))
def test_arabic_numbers_with_a_multiplier_parse_to_their_value(digits: int, multiplier: str, decimals: int) -> None:
    number = Decimal(digits) / (10**decimals)
    scale = {"": 1, "万": 10**4, "亿": 10**8, "万亿": 10**12}[multiplier]
    (figure,) = extract_figures(_para(f"共投入{number}{multiplier}元。"))
    assert Decimal(str(figure.value)) == number * scale
    query = parse_figure_query(f"{number}{multiplier}元")
    assert query is not None and query.matches(figure)  # the same figure whatever its spelling
    plain = parse_figure_query(f"{number * scale}元")
    assert plain is not None and plain.matches(figure)


@needs_corpus
def test_hand_labelled_figures_of_every_genre() -> None:
    """tests/data/figures/labels.json (see bench/figures_bench.py)."""
    for genre, result in score().items():
        assert result.precision >= PRECISION_GOAL and result.recall >= RECALL_GOAL, (genre, result.errors)


def test_figure_queries() -> None:
    (big,) = extract_figures(_para("投入7100多亿元。"))
    (small,) = extract_figures(_para("投入430元。"))
    above = parse_figure_query(">100亿元")
    assert above is not None and above.matches(big) and not above.matches(small)
    assert parse_figure_query("扶贫") is None and parse_figure_query("三年") is None
    assert FigureQuery(family="money", high=1000).matches(small)
    assert unit_scale("亿元") == ("元", 10**8) and unit_scale("资金") is None
    assert unit_family("亿元") == "count" and unit_family("元") == "money" and unit_family("个百分点") == "points"


def test_series_of_a_change_and_of_a_noun(seed: Document) -> None:
    from app.document.figures import figure_series

    series = {s.name: s for s in figure_series(seed.figures)}
    poor = series["贫困人口"]
    assert [p.value for p in poor.points] == [19_360_000, 60_980_000, 100_000_000] and poor.unit is None
    change = next(s for s in series.values() if [p.value for p in s.points] == [1_315_000, 3_112_300])
    assert [p.label for p in change.points] == ["2016年", "到2020年"]
