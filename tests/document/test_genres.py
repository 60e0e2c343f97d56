"""Genres told from the text, on the real openings of each genre."""

import pytest

from app.document.genres import detect
from app.document.parser import parse_text


@pytest.mark.parametrize(
    ("title", "lines", "articles", "genre"),
    [
        ("《人类减贫的中国实践》白皮书", ["■上接第4版", "基本公共服务水平明显提升。"], 0, "white_paper"),
        (
            "未知标题",
            ["新华社北京3月12日电", "政府工作报告", "——2025年3月5日在第十四届全国人民代表大会第三次会议上"],
            0,
            "work_report",
        ),
        (
            None,
            ["5月22日上午9时，十三届全国人大三次会议开幕，听取国务院总理李克强关于政府工作的报告。"],
            0,
            "work_report",
        ),
        ("中共中央 国务院关于实施乡村振兴战略的意见", ["（2018年1月2日）"], 0, "opinion"),
        ("首页", ["国务院关于印发", "“十四五”数字经济发展规划的通知", "国发〔2021〕29号"], 0, "notice"),
        ("# 中华人民共和国行政处罚法", ["第一章 总则", "第一条 为了规范行政处罚。"], 86, "law"),
        ("# 网络数据安全管理条例", ["第一章 总 则"], 64, "regulation"),
        ("随笔", ["今天天气很好。"], 0, "text"),
    ],
)
def test_detect(title: str | None, lines: list[str], articles: int, genre: str) -> None:
    assert detect(title, lines, articles) == genre


def test_a_law_has_no_lead_sentence_topics() -> None:
    opening = "某某条例\n\n经济持续快速发展。这是一段正文。\n\n"
    text = opening + "第一章 总则\n\n第一条 为了规范。\n\n第二条 本条例适用于全国。\n\n第三条 国家支持。\n"
    assert [n.title for n in parse_text(opening).nodes] == ["经济持续快速发展"]  # as plain text: a topic
    document = parse_text(text)
    assert document.metadata.genre == "regulation"
    assert not any(n.kind == "topic" for n in document.nodes)
    as_report = parse_text("政府工作报告\n\n一、回顾\n\n过去一年。\n\n经济持续快速发展。这是一段正文。\n")
    assert as_report.metadata.genre == "work_report"
    assert [n.title for n in as_report.nodes if n.kind == "topic"] == ["经济持续快速发展"]
