"""Saved pages: the text without the site's menus, the title from the page,
any declared charset; the same document as text and as a page reads the same."""

from pathlib import Path

import pytest

from app.document.formats import convert, convert_bytes, file_format, sniff
from app.document.parser import parse_text
from app.errors import DocumentError
from app.library import Library
from tests.conftest import CORPUS
from tests.document.formats.conftest import page_from_lines, text_lines


@pytest.mark.parametrize("charset", ["utf-8", "gbk", "gb18030"])
def test_a_saved_page_of_a_real_text_reads_as_the_text(tmp_path: Path, charset: str) -> None:
    source = CORPUS / "work_report_2020_news_lead.txt"
    if not source.exists():
        pytest.skip(f"{CORPUS} is absent")
    text = source.read_text(encoding="utf-8")
    as_text = parse_text(text)
    lines = [line.replace("\u3000", " ") if charset == "gbk" else line for line in text_lines(text)]
    headings = [n.heading for n in as_text.nodes if n.heading and n.kind in ("chapter", "section")]
    path = tmp_path / "page.html"
    path.write_bytes(page_from_lines(lines, headings, charset))
    assert file_format(path) == "html"
    converted = convert(path, "html")
    assert converted.title == lines[0]
    for furniture in ("首页", "分享到", "版权所有", "相关稿件", "京ICP备"):
        assert furniture not in converted.text
    as_page = parse_text(converted.text, marked=True)
    expected = [" ".join(p.text.split()) for p in as_text.paragraphs]  # (HTML's spaces: runs are one)
    assert [p.text for p in as_page.paragraphs] == expected
    assert [(n.kind, n.title) for n in as_page.nodes] == [(n.kind, n.title) for n in as_text.nodes]


def test_a_page_is_told_by_its_content(tmp_path: Path) -> None:
    page = page_from_lines(
        ["关于测试的通知", "一、总体要求", "做好测试工作，这是正文的第一段，内容较长以便识别为正文。" * 3]
    )
    assert sniff(page, "x.txt") == "html"
    path = tmp_path / "saved.txt"
    path.write_bytes(page)
    with Library(tmp_path / "library", bundled=[]) as library:
        document = library.document(library.import_file(path))
    assert document.title == "关于测试的通知" and document.paragraphs[0].text.startswith("做好测试工作")


def test_a_page_without_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as refused:
        convert_bytes(b"<html><head><title>x</title></head><body><img src='a.png'></body></html>", "html", "e.html")
    assert str(refused.value).endswith("。") and "e.html" in str(refused.value)


def test_the_pages_meta_tags_fill_what_the_text_does_not_tell(tmp_path: Path) -> None:
    body = "".join(f"<p>{text}</p>" for text in ["一、总体要求", "做好数据共享工作，推进政务服务，提升治理能力。" * 4])
    page = (
        "<html><head><meta charset='utf-8'><title>关于推进数据共享的通知_中国政府网</title>"
        "<meta name='ArticleTitle' content='关于推进数据共享的通知'><meta name='PubDate' content='2022-01-12 16:55'>"
        "<meta name='ContentSource' content='国务院办公厅'>"
        "<link rel='canonical' href='https://www.gov.cn/zhengce/content/2022-01/12/content_1.htm'></head>"
        f"<body><div id='nav'>首页 | 政策</div><div class='article'>{body}</div>"
        "<div id='footer'>版权所有</div></body></html>"
    )
    path = tmp_path / "notice.html"
    path.write_text(page, encoding="utf-8")
    with Library(tmp_path / "library", bundled=[]) as library:
        document_id = library.import_file(path)

        def shown() -> tuple[str, str, str, str]:
            metadata = library.document_metadata(document_id)
            return metadata.title, metadata.release_date, metadata.issuer, metadata.url

        expected = (
            "关于推进数据共享的通知",
            "2022-01-12",
            "国务院办公厅",
            "https://www.gov.cn/zhengce/content/2022-01/12/content_1.htm",
        )
        assert shown() == expected
        library.rebuild()  # read again from the stored text: the page's own metadata kept
        assert shown() == expected
        removed = library.remove_for_undo(document_id)
        assert library.restore(removed) == document_id
        assert shown() == expected


def test_a_strong_opening_sentence_is_the_paragraphs_lead(tmp_path: Path) -> None:
    body = (
        "<p>中国的减贫行动</p><h2>一、坚持人民至上</h2>"
        "<p><strong>脱贫攻坚取得全面胜利。</strong>现行标准下农村贫困人口全部脱贫，贫困县全部摘帽，区域性整体贫困得到解决。</p>"
        "<p>没有粗体的一段，照常阅读，内容足够长以便被认作正文的一部分。</p>"
    )
    page = (
        f"<html><head><meta charset='utf-8'><title>中国的减贫行动</title></head><body><div>{body}</div></body></html>"
    )
    path = tmp_path / "leads.html"
    path.write_text(page, encoding="utf-8")
    with Library(tmp_path / "library", bundled=[]) as library:
        parsed = library.document(library.import_file(path))
    leads = {p.text[:6]: p.lead for p in parsed.paragraphs}
    assert leads["脱贫攻坚取得"] == "脱贫攻坚取得全面胜利。" and leads["没有粗体的一"] is None
    assert [n.title for n in parsed.nodes if n.kind == "chapter"] == ["坚持人民至上"]


def test_a_pages_images_are_left_out_and_the_import_says_so(tmp_path: Path) -> None:
    from tests.conftest import run_app

    body = (
        "<p>关于图片的通知</p><p>正文一段，说明情况，内容较长以便识别为正文部分。</p><img src='a.png'><img src='b.png'>"
    )
    path = tmp_path / "images.html"
    path.write_text(
        f"<html><head><meta charset='utf-8'><title>关于图片的通知</title></head><body><div>{body}</div></body></html>",
        encoding="utf-8",
    )
    done = run_app("import", str(path), "--library", str(tmp_path / "library"))
    assert done.returncode == 0, done.stderr
    assert "另有 2 张图片未收录（只导入文字）。" in done.stderr
