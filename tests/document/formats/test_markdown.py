"""Markdown files: the text without Markdown's syntax, the same structure as
the text read plainly; bold leads, lists, tables, comments, images."""

from pathlib import Path

import pytest

from app.document.formats import LEAD_MARK, convert_bytes, file_format, sniff
from app.document.parser import parse_text
from app.errors import DocumentError
from app.library import Library
from tests.conftest import CORPUS, needs_corpus
from tests.document.formats.conftest import text_lines

MARKDOWN_LAWS = ["law_administrative_penalty_2021.md", "law_criminal_procedure_2018.md"]


def _as_markdown(path: Path) -> str:
    return convert_bytes(path.read_bytes(), "markdown", path.name).text


@needs_corpus
@pytest.mark.parametrize("name", MARKDOWN_LAWS + ["regulation_network_data_security_2024.md"])
def test_a_real_markdown_law_reads_as_its_text_without_the_syntax(name: str) -> None:
    path = CORPUS / name
    assert file_format(path) == "markdown"
    as_text = parse_text(path.read_text(encoding="utf-8"), name=name)
    as_markdown = parse_text(_as_markdown(path), name=name, marked=True)
    # The same units, the title line without its marks, no comment as text.
    assert [(n.kind, n.number, n.title) for n in as_markdown.nodes] == [
        (n.kind, n.number, n.title) for n in as_text.nodes
    ]
    assert as_text.title_line is not None and as_text.title_line.startswith("# ")
    assert as_markdown.title_line == as_text.title_line.removeprefix("# ")
    syntax = [p.text for p in as_text.paragraphs if p.text.startswith("<!--")]
    assert [p.text for p in as_markdown.paragraphs] == [p.text for p in as_text.paragraphs if p.text not in syntax]
    assert all(not p.text.startswith(("#", "<!--")) for p in as_markdown.paragraphs)


@needs_corpus
def test_a_markdown_wrapper_s_headings_are_not_the_document_s() -> None:
    """Another project's headings around a saved page (``## 正文``) stay lines
    of the text; the notice's own units are read as in the text."""
    path = CORPUS / "notice_guofa_2021_29_digital_economy_plan.md"
    as_text = parse_text(path.read_text(encoding="utf-8"), name=path.name)
    as_markdown = parse_text(_as_markdown(path), name=path.name, marked=True)
    assert [(n.kind, n.title) for n in as_markdown.nodes] == [(n.kind, n.title) for n in as_text.nodes]
    texts = [p.text for p in as_markdown.paragraphs]
    assert (
        "正文（原样保留）" in texts
        and "标题：国务院关于印发“十四五”数字经济发展规划的通知（国发〔2021〕29号）" in texts
    )
    assert as_markdown.metadata.number == as_text.metadata.number == "国发〔2021〕29号"


def _written(text: str) -> tuple[str, str]:
    """A real report written as Markdown by someone who uses its syntax:
    headings marked, the first lead in bold, a comment, an image, a table,
    lists, emphasis, a link and an escaped character. Returns it and the
    bold lead."""
    lines = text_lines(text)
    headings = {line for line in lines if line.startswith(("一、", "二、", "三、"))}
    out = ["<!-- 来源：政府工作报告 -->", "# " + lines[0]]
    bold = ""
    for line in lines[1:]:
        if line in headings:
            out.append("## " + line)
        elif not bold and "。" in line[:-1]:
            lead, rest = line.split("。", 1)
            out.append(f"**{lead}。**{rest}")
            bold = lead + "。"
        else:
            out.append(line)
    out += [
        "![图1](figure1.png)",
        "| 指标 | 目标 |\n|---|---|\n| 城镇新增就业 | 900万人以上 |\n| 居民消费价格涨幅 | 3.5%左右 |",
        "- 稳就业\n- *保民生*",
        "1. 第一项任务。\n2. 第二项任务，详见[附件](https://www.gov.cn/)。",
        "---",
        "价格\\*说明",
    ]
    return "\n\n".join(out) + "\n", bold


@needs_corpus
def test_markdown_a_writer_uses_is_read_as_the_text(tmp_path: Path) -> None:
    text = (CORPUS / "work_report_2020_news_lead.txt").read_text(encoding="utf-8")
    path = tmp_path / "报告.md"
    markdown, lead = _written(text)
    path.write_text(markdown, encoding="utf-8")
    with Library(tmp_path / "library", bundled=[]) as library:
        document_id = library.import_file(path)
        document = library.document(document_id)
        assert library.left_out(document_id) == "另有 1 张图片未收录（只导入文字）。"
        library.rebuild()  # (read again from the stored text: the same)
        assert library.document(document_id).paragraphs == document.paragraphs
    # The same as the text with what the Markdown adds, written plainly.
    added = ["指标\t目标", "城镇新增就业\t900万人以上", "居民消费价格涨幅\t3.5%左右", "稳就业", "保民生"]
    added += ["1. 第一项任务。", "2. 第二项任务，详见附件。", "价格*说明"]
    as_text = parse_text(text + "\n\n" + "\n\n".join(added))
    assert [p.text for p in document.paragraphs] == [p.text for p in as_text.paragraphs]
    assert [(n.kind, n.title) for n in document.nodes if n.kind != "topic"] == [
        (n.kind, n.title) for n in as_text.nodes if n.kind != "topic"
    ]
    assert document.paragraphs[-1].text == "价格*说明" and "指标\t目标" in [p.text for p in document.paragraphs]
    bolded = next(p for p in document.paragraphs if p.text.startswith(lead))
    assert bolded.lead == lead and LEAD_MARK not in bolded.text


def test_markdown_is_told_by_its_name_and_text_by_its_own() -> None:
    assert sniff(b"# \xe6\xa0\x87\xe9\xa2\x98\n", "notes.md") == "markdown"
    assert sniff(b"# \xe6\xa0\x87\xe9\xa2\x98\n", "notes.MARKDOWN") == "markdown"
    assert sniff(b"# \xe6\xa0\x87\xe9\xa2\x98\n", "notes.txt") == "text"
    assert sniff(b"<html><body>x</body></html>", "page.md") == "html"


@pytest.mark.parametrize(
    "data",
    [b"", b"---\n\n<!-- only a comment -->\n\n![](a.png)\n", b"\x00\x01\x02\x03binary" * 100],
)
def test_a_markdown_file_without_text_is_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(data)
    with Library(tmp_path / "library", bundled=[]) as library, pytest.raises(DocumentError) as refused:
        library.import_file(path)
    assert str(refused.value).endswith("。") and "empty.md" in str(refused.value)


def test_a_markdown_file_in_gb18030_reads(tmp_path: Path) -> None:
    path = tmp_path / "gb.md"
    path.write_bytes("# 关于测试的通知\n\n## 一、总体要求\n\n**做好测试工作。**这是正文的第一段。\n".encode("gb18030"))
    with Library(tmp_path / "library", bundled=[]) as library:
        document = library.document(library.import_file(path))
    assert document.title == "关于测试的通知"
    assert [p.text for p in document.paragraphs] == ["做好测试工作。这是正文的第一段。"]
    assert document.paragraphs[0].lead == "做好测试工作。"
