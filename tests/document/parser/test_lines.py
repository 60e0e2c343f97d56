"""Line classification, each rule on real lines of the corpus documents."""

import pytest

from app.document.parser.lines import _classify_line


@pytest.mark.parametrize(
    ("line", "kind", "number", "title"),
    [
        ("第一条 为了保证刑法的正确实施，惩罚犯罪，保护人民，制定本法。", "article", "一", ""),
        ("第一百二十八 条侦查人员必须依照法律规定的程序，收集证据。", "article", "一百二十八", ""),  # the typo
        ("第一百九十九条　（删去）", "article", "一百九十九", ""),
        ("第三十五条规定情形的除外。", "para", None, ""),  # a wrapped reference, not an article
        ("## 第一编 总则", "part", "一", "总则"),
        ("第一分编　通则", "part", "一", "通则"),
        ("### 第一章 任务和基本原则", "chapter", "一", "任务和基本原则"),
        ("第九章 附 则", "chapter", "九", "附 则"),
        ("#### 第一节 一般规定", "section", "一", "一般规定"),
        ("附则", "supplement", None, "附则"),
        ("附　　则", "supplement", None, "附　　则"),
        ("序言", "preface", None, "序言"),
        ("一、2019年和今年以来工作回顾", "chapter", "一", "2019年和今年以来工作回顾"),
        ("（三）基本原则", "section", "三", "基本原则"),
        ("（一）发展现状。", "section", "一", "发展现状"),
        ("附件：技能中国行动”2021-2022年重点工作安排", "annex", None, "技能中国行动”2021-2022年重点工作安排"),
        ("■上接第4版", "marker", "4", "上接"),
        ("专栏7 光伏扶贫和电商扶贫", "box", "7", "光伏扶贫和电商扶贫"),
        ("# 源材料（真实世界材料 · 未经改写）", "para", None, ""),  # a Markdown heading that is no unit
        ("1.5万亿元", "para", None, ""),
        ("2020年", "para", None, ""),
    ],
)
def test_classify(line: str, kind: str, number: str | None, title: str) -> None:
    classified = _classify_line(line)
    assert (classified.kind, classified.number, classified.title) == (kind, number, title)
    assert classified.text == line  # the line as written, always


def test_inline_titles() -> None:
    report = _classify_line("（一）大力提振消费、提高投资效益，全方位扩大国内需求。促进消费和投资更好结合。")
    assert report.inline_section and report.title == "大力提振消费、提高投资效益，全方位扩大国内需求"
    numbered = _classify_line("1.健全技能人才发展政策体系。加强技能人才工作顶层设计。")
    assert numbered.inline_section and numbered.bracket == "." and numbered.title == "健全技能人才发展政策体系"
    item = _classify_line("（一）警告、通报批评；")
    assert item.kind == "para" and not item.inline_section  # an item of an article: a colon or semicolon


def test_markdown_heading_labels_drop_the_marks() -> None:
    heading = _classify_line("### 第五章 行政处罚的决定")
    assert heading.label == "第五章 行政处罚的决定" and heading.text == "### 第五章 行政处罚的决定"


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("国发〔2021〕29号", "doc_number"),
        ("人社部发〔2021〕48号", "doc_number"),
        ("2021年12月12日", "date"),
        ("（2018年1月2日）", "date"),
        ("1979年7月1日 第五届全国人民代表大会第二次会议通过", "history"),
        ("2021 年 8 月 20 日第十三届全国人民代表大会常务委员会第三十次会议通过", "history"),
        ("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：", "addressee"),
        ("各省、自治区、直辖市及新疆生产建设兵团人力资源社会保障厅（局）：", "addressee"),
        ("现将《“十四五”数字经济发展规划》印发给你们，请认真贯彻执行。", None),
        ("2020年，全国贫困人口全部脱贫。", None),
    ],
)
def test_roles_of_the_lines_of_a_notice_and_a_law(line: str, role: str | None) -> None:
    assert _classify_line(line).role == role
