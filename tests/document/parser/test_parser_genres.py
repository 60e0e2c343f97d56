"""The parser on real documents of several genres (``../shared/corpus``,
read in place) and on real lines of them: text kept verbatim, one unit per
source line, the units of laws, reports and 公文."""

import json
import re
from collections import Counter

import pytest

from app.document.citations import locator
from app.document.model import Document
from app.document.parser import parse_file, parse_text
from tests.conftest import CORPUS, ROOT, SEED, TEXT_DOCUMENTS, needs_corpus


def corpus(name: str) -> tuple[str, Document, dict]:  # type: ignore[type-arg]
    path = CORPUS / name
    text = path.read_text(encoding="utf-8")
    outline = json.loads(path.with_suffix(".outline.json").read_text(encoding="utf-8"))
    return text, parse_text(text, name=name), outline


def units(document: Document) -> list[str]:
    found = [document.title_line or ""]
    found += [marker.text for marker in document.page_markers]
    found += [node.heading for node in document.nodes if node.heading]
    found += [paragraph.text for paragraph in document.paragraphs]
    # (A heading written over two lines is one unit of both.)
    return [line for unit in found if unit for line in unit.split("\n")]


def number_key(number: str | None) -> str:
    return re.sub(r"[第编章节、（）().．\s]", "", number or "")


def headings(document: Document) -> list[tuple[str, str]]:
    return [
        (number_key(n.number), re.sub(r"\s", "", n.title).rstrip("。"))
        for n in document.nodes
        if n.kind in ("part", "chapter", "section", "annex") and not n.inferred and not n.repeated
    ]


def outline_headings(outline: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    from app.document.numerals import chinese_to_int, int_to_chinese

    def key(number: str | None) -> str:
        digits = number_key(number)
        # The outline writes 1. where the parser keeps "1"; 第一章 where it keeps 一.
        if not digits or digits.isdigit():
            return digits
        value = chinese_to_int(digits)
        return int_to_chinese(value) if value else ""  # 附件: no number

    return [(key(h["number"]), re.sub(r"\s", "", h["title"]).rstrip("。")) for h in outline["headings"]]


# -- fidelity ----------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
def test_every_source_line_is_exactly_one_unit(name: str) -> None:
    """No line glued to another, none cut, none lost, none invented."""
    text, document, _ = corpus(name)
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    assert Counter(unit.strip() for unit in units(document)) == Counter(lines)


@needs_corpus
@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
def test_truncation_only_with_evidence(name: str) -> None:
    _, document, outline = corpus(name)
    assert document.truncated == (not outline["complete"])


@needs_corpus
@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
def test_headings_are_the_outlines(name: str) -> None:
    """(A saved page that holds its document twice: the copy's headings are
    marked as repeated, and the outline lists them once.)"""
    _, document, outline = corpus(name)
    assert headings(document) == outline_headings(outline)


@needs_corpus
@pytest.mark.parametrize("name", [n for n in TEXT_DOCUMENTS if n.startswith(("law_", "regulation_"))])
def test_every_article_is_a_unit(name: str) -> None:
    _, document, outline = corpus(name)
    articles = [n for n in document.nodes if n.kind == "article"]
    assert len(articles) == outline["articles"]
    assert not any(n.kind == "topic" for n in document.nodes)  # no invented topics in laws
    first = next(p for p in document.paragraphs if p.node == articles[0].id)
    assert first.text.startswith("第一条")


def test_the_bundled_white_papers_ids_are_those_of_0_1_0(seed: Document) -> None:
    """Bookmarks and deep links made with 0.1.0 keep working."""
    shipped = json.loads((ROOT / "tests" / "data" / "seed_ids_0.1.0.json").read_text(encoding="utf-8"))
    assert [[p.index, p.id] for p in seed.paragraphs] == shipped["paragraphs"]
    assert [n.id for n in seed.nodes] == shipped["nodes"]
    assert [f.id for f in seed.figures] == shipped["figures"]
    assert seed.truncated and seed.fragment  # the reprint's evidence, kept


# -- rules, on real lines ------------------------------------------------------


LAW = """中华人民共和国刑事诉讼法

1979年7月1日 第五届全国人民代表大会第二次会议通过

1996年3月17日 第八届全国人民代表大会第四次会议《关于修改〈中华人民共和国刑事诉讼法〉的决定》第一次修正

<!-- INFO END -->

## 第一编 总则

### 第一章 任务和基本原则

第一条 为了保证刑法的正确实施，惩罚犯罪，保护人民，保障国家安全和社会公共安全，根据宪法，制定本法。

第一百二十八 条侦查人员必须依照法律规定的程序，收集能够证实犯罪嫌疑人有罪或者无罪、犯罪情节轻重的各种证据。

第三十五条规定情形的除外。

（一）编写示例；

第二款的文字。

附则

第三百零八条 军队保卫部门对军队内部发生的刑事案件行使侦查权。
"""


def test_law_units_on_real_lines() -> None:
    document = parse_text(LAW)
    kinds = [(n.kind, n.label) for n in document.nodes]
    assert kinds == [
        ("part", "第一编 总则"),
        ("chapter", "第一章 任务和基本原则"),
        ("article", "第一条"),
        ("article", "第一百二十八条"),  # the source's typo (a space before 条) is still an article
        ("item", "第（一）项"),
        ("part", "附则"),  # at the level of the law's top unit
        ("article", "第三百零八条"),
    ]
    texts = {p.text[:12]: p for p in document.paragraphs}
    reference = texts["第三十五条规定情形的除外"]  # a reference at a line's start: not an article
    assert reference.path[-1:] == ("第二款",)
    item = texts["（一）编写示例；"]
    assert item.path[-3:] == ("第一百二十八条", "第二款", "第（一）项")  # an item of the 2nd 款
    assert document.node(item.node or "").kind == "item"
    assert document.node(item.node or "").parent == document.nodes[3].id  # of its article
    history = [p.text for p in document.paragraphs if p.text.startswith(("1979", "1996"))]
    assert len(history) == 2  # dated lines are never joined
    assert document.title_line == "中华人民共和国刑事诉讼法"
    assert document.nodes[0].heading == "## 第一编 总则"  # the line as written


def test_citation_names_the_article_its_paragraph_and_item() -> None:
    document = parse_text(LAW)
    by_start = {p.text[:6]: p for p in document.paragraphs}
    assert locator(by_start["第一条 为了"]) == "第一编 总则 / 第一章 任务和基本原则 / 第一条"
    assert locator(by_start["第三十五条规"]) == "第一编 总则 / 第一章 任务和基本原则 / 第一百二十八条 第二款"
    assert locator(by_start["（一）编写示"]) == "第一编 总则 / 第一章 任务和基本原则 / 第一百二十八条 第二款 第（一）项"
    assert locator(document.paragraphs[0]).endswith("第1段")  # not in an article: its number


def test_report_sections_titled_inline_with_commas() -> None:
    text = (
        "政府工作报告\n\n三、2025年政府工作任务\n\n"
        "（一）大力提振消费、提高投资效益，全方位扩大国内需求。促进消费和投资更好结合，加快补上内需特别是消费短板。\n\n"
        "1.健全技能人才发展政策体系。加强技能人才工作顶层设计。\n"
    )
    document = parse_text(text)
    sections = [(n.number, n.title) for n in document.nodes if n.kind == "section"]
    assert sections == [("一", "大力提振消费、提高投资效益，全方位扩大国内需求"), ("1", "健全技能人才发展政策体系")]
    assert document.nodes[-1].parent == document.nodes[-2].id  # 1. under （一）


def test_site_menus_and_short_lines_are_never_joined() -> None:
    text = "首页 > 信息公开  > 国务院文件 > 国民经济管理、国有资产监管 > 宏观经济\n字号：默认\n网站标识码bm01000001\n"
    assert [p.text for p in parse_text("标题\n\n" + text).paragraphs] == text.strip().split("\n")


def test_a_notice_issues_its_annex() -> None:
    text = (
        "国务院关于印发\n“十四五”数字经济发展规划的通知\n国发〔2021〕29号\n"
        "现将《“十四五”数字经济发展规划》印发给你们，请认真贯彻执行。\n国务院\n2021年12月12日\n"
        "“十四五”数字经济发展规划\n数字经济是继农业经济、工业经济之后的主要经济形态。\n一、发展现状和形势\n"
        "（一）发展现状。\n“十三五”时期，我国深入实施数字经济发展战略。\n"
    )
    document = parse_text(text)
    annex, chapter, section = document.nodes
    assert (annex.kind, annex.title) == ("annex", "“十四五”数字经济发展规划")
    assert chapter.parent == annex.id and section.parent == chapter.id
    assert section.title == "发展现状"
    assert not document.truncated  # ends with a full sentence; a date or signature would be complete too


def test_a_complete_document_ending_with_a_list_or_footer_is_not_truncated() -> None:
    assert not parse_text("一、章\n\n正文。\n\n附件：技能中国行动”2021-2022年重点工作安排\n").truncated
    assert not parse_text("一、章\n\n正文。\n\n主办单位：国务院办公厅 运行维护单位：中国政府网运行中心\n").truncated
    assert parse_text("一、章\n\n" + "没有写完的一句话，" * 6 + "在这里中断").truncated


def test_the_seed_file_is_still_read_as_before() -> None:
    document = parse_file(SEED)
    assert sum(p.joins for p in document.paragraphs) == 1  # its one column break, joined back


def test_a_law_heading_title_that_goes_on_in_the_next_line() -> None:
    text = (
        "示例法\n\n### 第四章 犯罪嫌疑人、被告人逃匿、死亡案件\n\n违法所得的没收程序\n\n"
        "第二百九十八条 对于贪污贿赂犯罪，依照刑法规定应当追缴其违法所得的，可以申请。\n"
    )
    document = parse_text(text, genre="law")
    chapter = document.nodes[0]
    assert chapter.title == "犯罪嫌疑人、被告人逃匿、死亡案件违法所得的没收程序"
    assert chapter.heading == "### 第四章 犯罪嫌疑人、被告人逃匿、死亡案件\n违法所得的没收程序"  # as written
    assert [p.text[:6] for p in document.paragraphs] == ["第二百九十八"]
    # Not in a report: a short line after a heading is a paragraph there.
    report = parse_text("政府工作报告\n\n第四章 回顾\n\n各位代表\n\n正文。\n", genre="work_report")
    assert [p.text for p in report.paragraphs] == ["各位代表", "正文。"]


def _hard_wrapped(text: str, width: int) -> str:
    """``text`` with every line longer than ``width`` cut at the margin, as a
    PDF's text layer or an e-mail gives it."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        out += [line[i : i + width] for i in range(0, len(line), width)] if len(line) > width else [line]
    return "\n".join(out)


@needs_corpus
@pytest.mark.parametrize("width", [28, 36, 45])
def test_hard_wrapped_text_is_joined_back_without_gluing_paragraphs(width: int) -> None:
    text, plain, _ = corpus("opinion_rural_revitalization_2018.txt")
    wrapped = parse_text(_hard_wrapped(text, width))
    assert headings(wrapped) == headings(plain)
    originals = [p.text for p in plain.paragraphs]
    for paragraph in wrapped.paragraphs:  # never parts of two paragraphs
        assert sum(paragraph.text in original for original in originals) >= 1, paragraph.text[:40]
    recovered = {p.text for p in wrapped.paragraphs} & set(originals)
    # What is not recovered is a paragraph split where a sentence ended
    # exactly at the margin (。 there may end the paragraph: kept apart, as
    # gluing two paragraphs would be worse). Measured: 62, 71 and 68 of 74
    # at widths 28, 36 and 45.
    assert len(recovered) >= 0.8 * len(originals)


@needs_corpus
@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
def test_the_corpus_is_not_taken_for_hard_wrapped_text(name: str) -> None:
    from app.document.parser import DocumentParser
    from app.document.textio import text_source

    text, _, _ = corpus(name)
    assert DocumentParser(text_source(text, name))._opening.wrap_width is None
