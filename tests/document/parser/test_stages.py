"""The rules over several lines: joins only in reprints, annexes, 目录."""

from app.document.parser.lines import _classified
from app.document.parser.stages import _issued_documents, _join_column_breaks, _toc_blocks


def joined(text: str, *, reprint: bool = False) -> list[str]:
    return [line.text for line in _join_column_breaks(_classified(text.split("\n")), reprint=reprint)]


def test_lines_are_joined_only_in_a_reprint() -> None:
    text = (
        "标题\n贫困老年人生活和服务保障显著改善。持续提高农村养老金待遇和贫困老年\n"
        "人口医疗保障水平,农村老年人口贫困问题进一步解决。"
    )
    assert joined(text) == [
        "标题",
        "贫困老年人生活和服务保障显著改善。持续提高农村养老金待遇和贫困老年",
        "人口医疗保障水平,农村老年人口贫困问题进一步解决。",
    ]
    assert joined(text, reprint=True)[1:] == [
        "贫困老年人生活和服务保障显著改善。持续提高农村养老金待遇和贫困老年人口医疗保障水平,农村老年人口贫困问题进一步解决。"
    ]


def test_a_page_marker_proves_a_break_and_starts_a_reprint() -> None:
    assert joined("标题\n这一段在版面末尾被截\n下转第5版\n断了,这里接着。") == [
        "标题",
        "这一段在版面末尾被截断了,这里接着。",
        "下转第5版",
    ]


def test_in_a_reprint_titles_lists_and_dated_lines_stay_apart() -> None:
    lines = [
        "标题",
        "1979年7月1日 第五届全国人民代表大会第二次会议通过",
        "1996年3月17日 第八届全国人民代表大会第四次会议第一次修正",
        "国务院客户端",
        "——坚持农业农村优先发展，把实现乡村振兴作为全党的共同意志",
        "——坚持农民主体地位。",
    ]
    assert joined("\n".join(lines), reprint=True) == lines


def test_a_notice_names_the_document_it_issues() -> None:
    lines = _classified(
        [
            "国务院关于印发",
            "“十四五”数字经济发展规划的通知",
            "国发〔2021〕29号",
            "“十四五”数字经济发展规划",
            "数字经济是继农业经济、工业经济之后的主要经济形态。",
        ]
    )
    kinds = [(line.kind, line.text) for line in _issued_documents(lines)]
    assert kinds[3] == ("annex", "“十四五”数字经济发展规划")
    assert [kind for kind, _ in kinds].count("annex") == 1


def test_a_toc_block_ends_where_its_first_entry_recurs() -> None:
    lines = _classified(
        [
            "个人信息保护法",
            "目 录",
            "第一章 总 则",
            "第二章 个人信息处理规则",
            "第八章 附 则",
            "第一章 总 则",
            "第一条 为了保护个人信息权益，制定本法。",
        ]
    )
    kinds = [line.kind for line in _toc_blocks(lines)]
    assert kinds == ["title", "toc", "toc_entry", "toc_entry", "toc_entry", "chapter", "article"]


def test_the_signature_is_the_line_before_the_date() -> None:
    from app.document.parser.stages import _signatures

    lines = _classified(
        ["通知", "现将方案印发给你们，请认真贯彻执行。", "人力资源社会保障部", "2021年6月30日", "人力资源社会保障部"]
    )
    roles = [(line.text, line.role) for line in _signatures(lines)]
    assert roles[1:] == [
        ("现将方案印发给你们，请认真贯彻执行。", None),
        ("人力资源社会保障部", "signature"),
        ("2021年6月30日", "date"),
        ("人力资源社会保障部", None),  # not before a date
    ]
