"""Metadata inferred from the text: on every corpus document against its
outline (checked by hand), and on real lines of the genres' layouts."""

import json

import pytest

from app.document.metadata import MetadataClues, infer_metadata
from app.document.model import Metadata
from app.document.parser import parse_file, parse_text
from tests.conftest import CORPUS, SEED, TEXT_DOCUMENTS, needs_corpus

EMPTY = Metadata(id="doc-x", title="")


@needs_corpus
@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
def test_corpus_metadata_matches_the_outline(name: str) -> None:
    path = CORPUS / name
    outline = json.loads(path.with_suffix(".outline.json").read_text(encoding="utf-8"))
    metadata = parse_file(path).metadata
    assert metadata.title == outline["title"]
    assert metadata.genre == outline["genre"]
    assert metadata.number == (outline["doc_number"] or "")
    # The outline's date where the text gives one (one file has its date
    # only in the original file name, see its notes).
    assert metadata.release_date == (outline["date"] or "")
    # The outline names the issuer, and after it, in brackets, who acted for it.
    assert metadata.issuer and outline["issuer"].split("（")[0] in (metadata.issuer, metadata.issuer.split("、")[0])
    assert not metadata.excerpt  # complete documents


def test_fragment_is_an_excerpt_and_a_given_metadata_is_kept() -> None:
    given = Metadata(id="x", title="人类减贫的中国实践", issuer="中华人民共和国国务院新闻办公室")
    document = parse_file(SEED, given)
    assert document.metadata.excerpt and document.metadata.issuer == given.issuer
    assert document.metadata.title == given.title and document.metadata.number == ""


def test_notice_layout_gives_number_issuer_date_and_place() -> None:
    text = (
        "国务院关于印发“十四五”数字经济发展规划的通知\n国发〔2021〕29号\n"
        "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n"
        "现将《“十四五”数字经济发展规划》印发给你们，请认真贯彻执行。\n国务院\n2021年12月12日\n"
        "（此件公开发布）\n"
    )
    metadata = parse_text(text, name="x.txt").metadata
    assert (metadata.title, metadata.number, metadata.issuer, metadata.release_date, metadata.place) == (
        "国务院关于印发“十四五”数字经济发展规划的通知",
        "国发〔2021〕29号",
        "国务院",
        "2021-12-12",
        "北京",
    )


def test_joint_issuers_from_the_title_and_date_under_it() -> None:
    text = "中共中央 国务院关于实施乡村振兴战略的意见\n（2018年1月2日）\n实施乡村振兴战略，是重大决策部署。\n"
    metadata = parse_text(text, name="x.txt").metadata
    assert (metadata.issuer, metadata.release_date, metadata.genre) == ("中共中央、国务院", "2018-01-02", "opinion")


def test_law_version_from_its_last_history_line() -> None:
    text = (
        "# 中华人民共和国行政处罚法\n\n1996年3月17日 第八届全国人民代表大会第四次会议通过\n\n"
        "2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订\n\n## 第一章 总则\n\n"
        "第一条 为了规范行政处罚的设定和实施，制定本法。\n\n第二条 行政处罚是指……。\n\n"
        "第三条 行政处罚的设定和实施，适用本法。\n"
    )
    metadata = parse_text(text, name="x.md").metadata
    assert metadata.title == "中华人民共和国行政处罚法"
    # Enacted by the NPC; this version is the Standing Committee's revision.
    assert (metadata.issuer, metadata.release_date) == ("全国人民代表大会", "2021-01-22")
    assert metadata.subtitle == "2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订"


def test_report_delivered_at_a_session() -> None:
    clues = MetadataClues(
        "政府工作报告",
        ["——2025年3月5日在第十四届全国人民代表大会第三次会议上", "国务院总理　李强", "各位代表："],
        "work_report",
    )
    metadata = infer_metadata(EMPTY, clues)
    assert (metadata.title, metadata.author, metadata.issuer, metadata.release_date) == (
        "政府工作报告",
        "李强",
        "国务院",
        "2025-03-05",
    )
    assert metadata.subtitle == "2025年3月5日在第十四届全国人民代表大会第三次会议上"


def test_news_lead_dates_a_session_without_its_year() -> None:
    lead = "5月22日上午9时，十三届全国人大三次会议在人民大会堂开幕，听取国务院总理李克强关于政府工作的报告。"
    metadata = infer_metadata(EMPTY, MetadataClues(None, [lead], "work_report"))
    assert (metadata.title, metadata.author, metadata.release_date) == ("政府工作报告", "李克强", "2020-05-22")


def test_saved_page_title_url_and_order_number() -> None:
    lines = [
        "国家金融监督管理总局行政处罚办法_中国政府网",
        "来源：https://www.gov.cn/zhengce/zhengceku/202505/content_7023066.htm",
        "国家金融监督管理总局令2025年第3号",
    ]
    metadata = infer_metadata(EMPTY, MetadataClues(None, lines, "regulation"))
    assert metadata.title == "国家金融监督管理总局行政处罚办法"
    assert metadata.url == "https://www.gov.cn/zhengce/zhengceku/202505/content_7023066.htm"
    assert metadata.number == "国家金融监督管理总局令2025年第3号"


@pytest.mark.parametrize(
    ("title", "issuer"),
    [("网络数据安全管理条例", "国务院"), ("北京市物业管理条例", ""), ("中国共产党纪律处分条例", "中共中央")],
)
def test_regulation_issuer_from_its_title(title: str, issuer: str) -> None:
    assert infer_metadata(EMPTY, MetadataClues(title, [], "regulation")).issuer == issuer


def test_nothing_known_falls_back_to_the_file_name_and_its_date() -> None:
    metadata = infer_metadata(
        EMPTY, MetadataClues(None, ["一段没有标题的文字。"], "text", "网络数据安全管理条例(2024-09-24)")
    )
    assert (metadata.title, metadata.release_date, metadata.issuer) == ("网络数据安全管理条例", "2024-09-24", "")


def test_chinese_numeral_dates() -> None:
    clues = MetadataClues(
        "某某部关于做好工作的通知", [], "notice", closing=[("signature", "某某部"), ("date", "二〇二一年六月三十日")]
    )
    assert infer_metadata(EMPTY, clues).release_date == "2021-06-30"
