"""The tree builder: the units of laws, ids, the place of each paragraph."""

from app.document.parser import parse_text
from app.document.parser.builder import _label, _stable_id, detect_lead


def test_article_items_and_paragraphs() -> None:
    document = parse_text(
        "示例法\n\n第一章　总则\n\n第二条　本法所称示例，是指下列行为：\n\n（一）编写示例；\n\n（二）发布示例。\n\n"
        "示例主体应当遵守本法。\n\n第三条　（删去）\n",
        genre="law",
    )
    nodes = {n.id: n for n in document.nodes}
    assert [(n.id, n.kind, n.parent) for n in document.nodes] == [
        ("c1", "chapter", None),
        ("a2", "article", "c1"),
        ("a2i1", "item", "a2"),
        ("a2i2", "item", "a2"),
        ("a3", "article", "c1"),
    ]
    places = [(p.path[1:], nodes[p.node or ""].kind) for p in document.paragraphs]
    assert places == [
        (("第二条",), "article"),
        (("第二条", "第（一）项"), "item"),
        (("第二条", "第（二）项"), "item"),
        (("第二条", "第二款"), "article"),
        (("第三条",), "article"),
    ]


def test_ids_are_stable_and_depend_on_place_and_text() -> None:
    assert _stable_id("一、章", "正文。") == _stable_id("一、章", "正文。")
    assert _stable_id("一、章", "正文。") != _stable_id("二、章", "正文。")
    first = parse_text("一、章\n\n正文。\n\n正文。\n")
    assert [p.id[-2:] for p in first.paragraphs][1] == "-2"  # the same text at the same place


def test_placeholder_labels_follow_the_numbering_style() -> None:
    assert _label("chapter", "二", "", "、") == "二、"
    assert _label("chapter", "二", "", "第") == "第二章"
    assert _label("section", "二", "", "（）") == "（二）"
    assert _label("section", "二", "", "") == "第二节"
    assert _label("section", "2", "总则", ".") == "2.总则"


def test_lead_sentences() -> None:
    assert detect_lead("经济持续快速发展。脱贫攻坚极大释放了潜力。") == "经济持续快速发展。"
    assert detect_lead("深度贫困地区是贫中之贫、坚中之坚。通过脱贫攻坚。") is None  # a judgement
    assert detect_lead("只有一句话。") is None


def test_the_four_levels_of_a_plan() -> None:
    """一、 / （一） / 1. / （1）, each on its own line or as its paragraph's
    first sentence."""
    document = parse_text(
        "实施方案\n\n一、主要任务\n\n（一）健全制度\n\n1.健全技能人才发展政策体系。加强顶层设计。\n\n"
        "（1）完善评价标准。制定评价规范。\n\n（2）推行等级认定\n\n认定工作正文。\n\n2.完善培训体系。正文。\n"
    )
    assert [(n.id, n.parent) for n in document.nodes] == [
        ("c1", None),
        ("c1s1", "c1"),
        ("c1s1n1", "c1s1"),
        ("c1s1n1q1", "c1s1n1"),
        ("c1s1n1q2", "c1s1n1"),
        ("c1s1n2", "c1s1"),
    ]
    assert document.paragraphs[-2].path[-1] == "（2）推行等级认定"  # the text under (2)
    assert document.paragraphs[-1].path[-1] == "2.完善培训体系"  # 2. closes (2)


def test_numbered_lines_inside_an_article_are_its_items() -> None:
    document = parse_text(
        "示例条例\n\n第一章 总则\n\n第一条 本条例所称示例是：\n\n（1）编写的示例；\n\n（2）发布的示例。\n\n"
        "第二条 另一条。\n",
        genre="regulation",
    )
    kinds = [(n.kind, n.label) for n in document.nodes]
    assert kinds == [
        ("chapter", "第一章 总则"),
        ("article", "第一条"),
        ("item", "第（1）项"),
        ("item", "第（2）项"),
        ("article", "第二条"),
    ]
