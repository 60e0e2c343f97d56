"""The parser on the seed (structure pinned from reading the text) and on
other documents of the same family."""

from pathlib import Path

import pytest

from app.document.model import Document
from app.document.parser import content_characters, detect_lead, parse_file, parse_text
from app.errors import DocumentError
from tests.conftest import SEED, paragraph_starting

# Read off the seed by hand: (kind, label, inferred, parent label).
SEED_TREE = [
    ("chapter", "二、", True, None),
    ("section", "(二)", True, "二、"),
    ("topic", "基本公共服务水平明显提升", False, "(二)"),
    ("topic", "经济持续快速发展", False, "(二)"),
    ("topic", "优秀文化传承弘扬", False, "(二)"),
    ("topic", "生态环境更美更好", False, "(二)"),
    ("box", "专栏4 深度贫困地区脱贫攻坚", False, "(二)"),
    ("section", "(三)脱贫群众精神风貌焕然一新", False, "二、"),
    ("topic", "脱贫致富热情高涨", False, "(三)脱贫群众精神风貌焕然一新"),
    ("topic", "主人翁意识显著提升", False, "(三)脱贫群众精神风貌焕然一新"),
    ("topic", "现代观念不断增强", False, "(三)脱贫群众精神风貌焕然一新"),
    ("topic", "文明新风广泛弘扬", False, "(三)脱贫群众精神风貌焕然一新"),
    ("section", "(四)特殊困难群体生存发展权利有效保障", False, "二、"),
    ("topic", "贫困妇女生存发展状况显著改善", False, "(四)特殊困难群体生存发展权利有效保障"),
    ("topic", "困境儿童关爱水平明显提高", False, "(四)特殊困难群体生存发展权利有效保障"),
    ("topic", "贫困老年人生活和服务保障显著改善", False, "(四)特殊困难群体生存发展权利有效保障"),
    ("topic", "贫困残疾人保障水平全面提升", False, "(四)特殊困难群体生存发展权利有效保障"),
    ("section", "(五)贫困地区基层治理能力显著提升", False, "二、"),
    ("topic", "农村基层党组织更加坚强", False, "(五)贫困地区基层治理能力显著提升"),
    ("topic", "基层群众自治更加有效", False, "(五)贫困地区基层治理能力显著提升"),
    ("topic", "懂农业、爱农村、爱农民的“三农”工作队伍不断壮大", False, "(五)贫困地区基层治理能力显著提升"),
    ("topic", "社会治理水平明显提升", False, "(五)贫困地区基层治理能力显著提升"),
    ("chapter", "三、实施精准扶贫方略", False, None),
    ("section", "(一)精准识别、建档立卡,解决“扶持谁”的问题", False, "三、实施精准扶贫方略"),
    ("section", "(二)加强领导、建强队伍,解决“谁来扶”的问题", False, "三、实施精准扶贫方略"),
    ("box", "专栏5 坚决查处脱贫攻坚中的违规违纪问题", False, "(二)加强领导、建强队伍,解决“谁来扶”的问题"),
    ("box", "专栏6 脱贫攻坚监督体系", False, "(二)加强领导、建强队伍,解决“谁来扶”的问题"),
    ("section", "(三)区分类别、靶向施策,解决“怎么扶”的问题", False, "三、实施精准扶贫方略"),
    ("topic", "发展生产脱贫一批", False, "(三)区分类别、靶向施策,解决“怎么扶”的问题"),
    ("box", "专栏7 光伏扶贫和电商扶贫", False, "(三)区分类别、靶向施策,解决“怎么扶”的问题"),
    ("box", "专栏8 扶贫小额信贷", False, "(三)区分类别、靶向施策,解决“怎么扶”的问题"),
    ("topic", "易地搬迁脱贫一批", False, "(三)区分类别、靶向施策,解决“怎么扶”的问题"),
    ("box", "专栏9 易地扶贫搬迁", False, "(三)区分类别、靶向施策,解决“怎么扶”的问题"),
]

# Each box: how its first paragraph starts and how many paragraphs it holds.
SEED_BOXES = {
    "专栏4": ("深度贫困地区脱贫攻坚是事关", 1),
    "专栏5": ("中央纪委国家监委机关", 1),
    "专栏6": ("加强脱贫攻坚督导监察", 7),
    "专栏7": ("光伏扶贫电站是以扶贫为目的", 2),
    "专栏8": ("为解决贫困群众贷款难", 1),
    "专栏9": ("易地扶贫搬迁政策性强", 1),
}


def test_seed_title_fragment_and_markers(seed: Document) -> None:
    assert seed.title_line == "《人类减贫的中国实践》白皮书"
    assert seed.fragment
    assert [(m.text, m.direction, m.page, m.before) for m in seed.page_markers] == [("■上接第4版", "from", "4", 1)]
    assert not any("上接第4版" in p.text for p in seed.paragraphs)
    assert not any(p.text.startswith("《人类减贫") for p in seed.paragraphs)


def test_seed_tree(seed: Document) -> None:
    labels = {node.id: node.label for node in seed.nodes}
    tree = [(n.kind, n.label, n.inferred, labels[n.parent] if n.parent else None) for n in seed.nodes]
    assert tree == SEED_TREE


def test_inferred_placeholders_are_untitled(seed: Document) -> None:
    inferred = [n for n in seed.nodes if n.inferred]
    assert [(n.kind, n.number, n.title, n.heading) for n in inferred] == [
        ("chapter", "二", "", None),
        ("section", "二", "", None),
    ]


def test_seed_paragraph_count_and_order(seed: Document) -> None:
    # 47 paragraph lines in the source, two of them one paragraph cut by a
    # column break: 46 paragraphs.
    assert len(seed.paragraphs) == 46
    assert [p.index for p in seed.paragraphs] == list(range(1, 47))
    assert seed.paragraphs[0].text.startswith("基本公共服务水平明显提升。")
    assert seed.paragraphs[-1].text.startswith("易地扶贫搬迁政策性强")


def test_seed_boxes_extent(seed: Document) -> None:
    for box, (start, count) in SEED_BOXES.items():
        paragraphs = [p for p in seed.paragraphs if p.box == box]
        assert len(paragraphs) == count, box
        assert paragraphs[0].text.startswith(start), box
        assert all(p.kind == "box" for p in paragraphs)
        # Contiguous in reading order.
        indexes = [p.index for p in paragraphs]
        assert indexes == list(range(indexes[0], indexes[0] + count))
    # After 专栏8 the lead sentence 易地搬迁脱贫一批。 resumes the main text.
    resumed = paragraph_starting(seed, "易地搬迁脱贫一批。")
    assert resumed.kind == "body" and resumed.box is None
    assert resumed.path == ("三、实施精准扶贫方略", "(三)区分类别、靶向施策,解决“怎么扶”的问题")


def test_seed_column_break_joined(seed: Document) -> None:
    joined = paragraph_starting(seed, "贫困老年人生活和服务保障显著改善。")
    assert "持续提高农村养老金待遇和贫困老年人口医疗保障水平,农村老年人口" in joined.text
    assert joined.joins == 1
    assert not any(p.text.startswith("人口医疗保障水平") for p in seed.paragraphs)
    assert [p.joins for p in seed.paragraphs].count(1) == 1


def test_seed_truncated_at_end(seed: Document) -> None:
    assert seed.truncated
    assert seed.truncated_at == seed.paragraphs[-1].id
    assert seed.paragraphs[-1].text.endswith("新建或改扩建中小学")


def test_seed_cross_references_both_ways(seed: Document) -> None:
    mentions = {(p.text[:8], ref) for p in seed.paragraphs for ref in p.refs}
    assert mentions == {
        ("深度贫困地区是贫", "专栏4"),
        ("脱贫攻坚涉及面广", "专栏5"),
        ("脱贫攻坚涉及面广", "专栏6"),
        ("发展生产脱贫一批", "专栏7"),
        ("发展生产脱贫一批", "专栏8"),
        ("易地搬迁脱贫一批", "专栏9"),
    }
    assert [p.text[:8] for p in seed.mentions_of("专栏6")] == ["脱贫攻坚涉及面广"]


def test_seed_leads(seed: Document) -> None:
    leads = [p.lead for p in seed.paragraphs if p.lead]
    assert leads == [
        "基本公共服务水平明显提升。",
        "经济持续快速发展。",
        "优秀文化传承弘扬。",
        "生态环境更美更好。",
        "脱贫致富热情高涨。",
        "主人翁意识显著提升。",
        "现代观念不断增强。",
        "文明新风广泛弘扬。",
        "贫困妇女生存发展状况显著改善。",
        "困境儿童关爱水平明显提高。",
        "贫困老年人生活和服务保障显著改善。",
        "贫困残疾人保障水平全面提升。",
        "农村基层党组织更加坚强。",
        "基层群众自治更加有效。",
        "懂农业、爱农村、爱农民的“三农”工作队伍不断壮大。",
        "社会治理水平明显提升。",
        "发展生产脱贫一批。",
        "易地搬迁脱贫一批。",
    ]
    # Section intros and copular judgements are not topics.
    assert paragraph_starting(seed, "扶贫必先识贫。").lead is None
    assert paragraph_starting(seed, "深度贫困地区是贫中之贫").lead is None


def test_seed_paths(seed: Document) -> None:
    first = seed.paragraphs[0]
    assert first.path == ("二、", "(二)")
    box6 = paragraph_starting(seed, "审计监督:")
    assert box6.path == ("三、实施精准扶贫方略", "(二)加强领导、建强队伍,解决“谁来扶”的问题", "专栏6 脱贫攻坚监督体系")
    assert box6.box == "专栏6"


def test_seed_text_is_verbatim(seed: Document, seed_text: str) -> None:
    lines = [line.strip() for line in seed_text.split("\n") if line.strip()]
    for paragraph in seed.paragraphs:
        if paragraph.joins == 0:
            assert paragraph.text in lines
    # Typos and odd figures of the source stay as written.
    assert any("累计支持贫困户1500多户" in p.text for p in seed.paragraphs)
    assert any("300多名第一书记" in p.text for p in seed.paragraphs)


def test_seed_keeps_every_character(seed: Document, seed_text: str) -> None:
    expected = sorted(c for c in seed_text if not c.isspace())
    assert sorted(content_characters(seed)) == expected


def test_ids_are_stable_across_parses(seed: Document, seed_text: str) -> None:
    again = parse_text(seed_text, seed.metadata)
    assert [p.id for p in again.paragraphs] == [p.id for p in seed.paragraphs]
    assert len({p.id for p in seed.paragraphs}) == len(seed.paragraphs)


def test_ids_survive_edits_elsewhere(seed: Document, seed_text: str) -> None:
    # A new version that fixes a typo in one paragraph keeps every other id.
    edited = seed_text.replace("累计支持贫困户1500多户", "累计支持贫困户1500多万户")
    changed = parse_text(edited, seed.metadata)
    before = {p.id for p in seed.paragraphs}
    after = {p.id for p in changed.paragraphs}
    assert len(before - after) == 1


# -- other documents of the family -------------------------------------------

COMPLETE = """《某某工作》白皮书

中国是世界上人口最多的国家,这是导言。

一、总体情况

总体情况的第一段,介绍背景。

(一)坚持综合治理的防治路线。以小流域为单元,山水林田路统一规划。

(二)坚持预防为主。强化源头管理。

二、主要成效

成效显著。这是第二章。
"""


def test_complete_document_has_preamble_and_inline_sections() -> None:
    doc = parse_text(COMPLETE)
    assert not doc.fragment and not doc.truncated
    assert doc.title == "某某工作" and doc.metadata.kind == "白皮书"
    preamble = list(doc.paragraphs_of(None))
    assert [p.text for p in preamble] == ["中国是世界上人口最多的国家,这是导言。"]
    assert preamble[0].path == ()
    sections = [n for n in doc.nodes if n.kind == "section"]
    assert [(s.number, s.title, s.heading) for s in sections] == [
        ("一", "坚持综合治理的防治路线", None),
        ("二", "坚持预防为主", None),
    ]
    inline = paragraph_starting(doc, "(一)坚持综合治理")
    assert inline.text == "(一)坚持综合治理的防治路线。以小流域为单元,山水林田路统一规划。"
    assert inline.lead == "(一)坚持综合治理的防治路线。"
    assert inline.path == ("一、总体情况", "(一)坚持综合治理的防治路线")
    assert sorted(content_characters(doc)) == sorted(c for c in COMPLETE if not c.isspace())


def test_fragment_starting_at_chapter_infers_previous_chapter() -> None:
    doc = parse_text("上接第2版\n\n前文的结尾。\n\n三、下一章\n\n正文。\n")
    assert doc.fragment
    assert [(n.kind, n.label, n.inferred) for n in doc.nodes] == [
        ("chapter", "二、", True),
        ("chapter", "三、下一章", False),
    ]
    assert doc.paragraphs[0].path == ("二、",)


def test_fragment_without_marker_detected_by_numbering() -> None:
    doc = parse_text("承接上文的段落。\n（四）第四节\n第四节的正文。\n五、第五章\n正文。")
    assert doc.fragment
    assert [(n.label, n.inferred) for n in doc.nodes] == [
        ("四、", True),
        ("（三）", True),
        ("（四）第四节", False),
        ("五、第五章", False),
    ]


def test_fragment_sections_then_chapter() -> None:
    doc = parse_text("段落一。\n(二)第二节\n段落二。\n三、第三章\n段落三。")
    assert [(n.id, n.label, n.parent) for n in doc.nodes] == [
        ("c2", "二、", None),
        ("c2s1", "(一)", "c2"),
        ("c2s2", "(二)第二节", "c2"),
        ("c3", "三、第三章", None),
    ]


def test_box_closed_by_heading_and_cross_referenced() -> None:
    doc = parse_text("一、标题\n见下(专栏1)。\n专栏1 举例\n框内一。\n框内二。\n(一)小节\n小节正文。")
    box = [p for p in doc.paragraphs if p.box == "专栏1"]
    assert [p.text for p in box] == ["框内一。", "框内二。"]
    assert paragraph_starting(doc, "小节正文").box is None
    assert [p.text for p in doc.mentions_of("专栏1")] == ["见下(专栏1)。"]


def test_ascii_and_fullwidth_forms(tmp_path: Path) -> None:
    text = "\ufeff一、总则\r\n\r\n（一）适用范围\r\n　　本办法适用于全体。\r\n专栏１２ 案例\r\n案例正文。\r\n"
    doc = parse_text(text)
    assert [n.label for n in doc.nodes] == ["一、总则", "（一）适用范围", "专栏１２ 案例"]
    assert doc.paragraphs[0].text == "本办法适用于全体。"
    assert doc.paragraphs[1].box == "专栏12"


def test_single_newline_paragraphs_and_markup_verbatim() -> None:
    doc = parse_text("第一段<b>粗</b> & 1<2。\n第二段&amp;。\n")
    assert [p.text for p in doc.paragraphs] == ["第一段<b>粗</b> & 1<2。", "第二段&amp;。"]


def test_column_break_across_page_marker() -> None:
    doc = parse_text("一、章\n这一段在版面末尾被截\n下转第5版\n断了,这里接着。\n")
    assert [p.text for p in doc.paragraphs] == ["这一段在版面末尾被截断了,这里接着。"]
    assert doc.page_markers[0].direction == "to"
    assert not doc.truncated


def test_list_items_ending_in_semicolons_are_not_joined() -> None:
    doc = parse_text("一、章\n第一项;\n第二项;\n第三项。")
    assert len(doc.paragraphs) == 3


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / f"doc-{encoding}.txt"
    path.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))
    doc = parse_file(path)
    assert len(doc.paragraphs) == 46
    assert doc.paragraphs[0].text.startswith("基本公共服务水平明显提升")


def test_detect_lead() -> None:
    assert detect_lead("经济持续快速发展。脱贫攻坚极大释放了潜力。") == "经济持续快速发展。"
    assert detect_lead("经济持续快速发展。") is None  # nothing follows
    assert detect_lead("发展,持续。后文。") is None
    assert detect_lead("这是一个非常非常非常非常非常非常非常非常长的开头句子,并不是主题句。后文。") is None


def test_empty_text_refused() -> None:
    with pytest.raises(DocumentError):
        parse_text("■上接第4版\n\n")


def test_format_marks_are_text_in_a_text_file_and_structure_in_a_converted_one() -> None:
    text = "关于测试的通知\n\f12\n\x1e1总则\n\x1f做好工作。\x1f其余正文，继续阅读。\n"
    as_text = parse_text(text)
    assert "".join(p.text for p in as_text.paragraphs).count("12") == 1  # kept, as the file has it
    assert all(p.page is None for p in as_text.paragraphs)
    converted = parse_text(text, marked=True)
    assert [(n.kind, n.title) for n in converted.nodes if n.kind == "chapter"] == [("chapter", "总则")]
    (paragraph,) = converted.paragraphs
    assert paragraph.text == "做好工作。其余正文，继续阅读。" and paragraph.lead == "做好工作。"
    assert paragraph.page == 12
