"""Statistics extracted from the seed, pinned from reading the text."""

import pytest

from app.document.figures import extract_figures
from app.document.model import Document, Figure, Paragraph


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
