"""Word files: the same document as text and as .docx reads the same; bad
files are refused with one sentence."""

import io
import zipfile
from pathlib import Path

import pytest

from app.document.formats import convert, file_format
from app.document.parser import parse_text
from app.errors import DocumentError
from app.library import Library
from tests.conftest import CORPUS
from tests.document.formats.conftest import docx_from_lines, text_lines

SOURCES = ["opinion_rural_revitalization_2018.txt", "work_report_2025_xinhua.txt"]


@pytest.mark.parametrize("name", SOURCES)
def test_a_word_file_of_a_real_text_reads_as_the_text(tmp_path: Path, name: str) -> None:
    if not (CORPUS / name).exists():
        pytest.skip(f"{CORPUS} is absent")
    text = (CORPUS / name).read_text(encoding="utf-8")
    as_text = parse_text(text)
    lines = text_lines(text)
    headings = [n.heading for n in as_text.nodes if n.heading and n.kind in ("chapter", "section")]
    path = docx_from_lines(lines, tmp_path / "doc.docx", headings)
    assert file_format(path) == "docx"
    converted = convert(path, "docx")
    as_word = parse_text(converted.text, marked=True)
    assert [p.text for p in as_word.paragraphs] == [p.text for p in as_text.paragraphs]
    assert [(n.kind, n.title) for n in as_word.nodes] == [(n.kind, n.title) for n in as_text.nodes]
    assert converted.title == lines[0]


def test_an_unnumbered_heading_style_is_a_heading_and_tables_are_rows(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("关于测试的通知")
    document.add_heading("总体要求", level=1)  # no number: the style says it is a heading
    document.add_paragraph("做好测试工作，共计5项。")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("指标", "2019年", "2020年"), ("产量", "100万吨", "120万吨")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "t.docx"
    document.save(str(path))
    with Library(tmp_path / "library", bundled=[]) as library:
        parsed = library.document(library.import_file(path))
    assert [n.title for n in parsed.nodes if n.kind == "chapter"] == ["总体要求"]
    texts = [p.text for p in parsed.paragraphs]
    assert "指标\t2019年\t2020年" in texts and "产量\t100万吨\t120万吨" in texts
    assert "100万吨" in {f.text for f in parsed.figures}  # (a table's figures are figures)


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["truncated", "zip bomb", "not word", "legacy doc"])
def test_bad_word_files_get_one_sentence_and_change_nothing(tmp_path: Path, kind: str) -> None:
    good = docx_from_lines(["关于测试的通知", "做好测试工作。"], tmp_path / "good.docx")
    path = tmp_path / "bad.docx"
    if kind == "truncated":
        path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif kind == "zip bomb":
        path.write_bytes(_zip({"word/document.xml": b"<w:document/>" + b" " * 600_000_000}))
    elif kind == "not word":
        path.write_bytes(_zip({"content.xml": b"<office/>"}))  # an OpenDocument, say
    else:
        path = tmp_path / "old.doc"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    with Library(tmp_path / "library", bundled=[]) as library:
        with pytest.raises(DocumentError) as refused:
            library.import_file(path)
        assert library.documents() == []
    message = str(refused.value)
    assert message.endswith("。") and str(path) in message
    expected = {"truncated": "已损坏", "zip bomb": "过大", "not word": "已损坏", "legacy doc": "另存为 .docx"}
    assert expected[kind] in message


def test_a_bold_opening_sentence_is_the_paragraphs_lead(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("中国的减贫行动")
    document.add_heading("一、坚持人民至上", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("脱贫攻坚取得全面胜利。").bold = True
    paragraph.add_run("现行标准下农村贫困人口全部脱贫，贫困县全部摘帽。")
    document.add_paragraph("没有粗体的一段，照常阅读。")
    whole = document.add_paragraph()
    whole.add_run("整段都是粗体，没有句末标点").bold = True
    path = tmp_path / "leads.docx"
    document.save(str(path))
    with Library(tmp_path / "library", bundled=[]) as library:
        parsed = library.document(library.import_file(path))
    by_text = {p.text: p.lead for p in parsed.paragraphs}
    assert by_text["脱贫攻坚取得全面胜利。现行标准下农村贫困人口全部脱贫，贫困县全部摘帽。"] == "脱贫攻坚取得全面胜利。"
    assert by_text["没有粗体的一段，照常阅读。"] is None
    assert by_text["整段都是粗体，没有句末标点"] is None  # (not a lead: the whole, and no sentence)
    assert "\x1f" not in "".join(by_text)  # the marks are never text


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>本办法所称的数据，是指任何以电子方式对信息的记录。</w:t>'
    "</w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


def _with_footnote(path: Path) -> Path:
    """The Word file at ``path`` with a footnote referred to in its second
    paragraph, as Word writes one (a footnotes part, its relationship, its
    content type, a reference run)."""
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members["word/footnotes.xml"] = _FOOTNOTES.encode("utf-8")
    rels = members["word/_rels/document.xml.rels"].decode("utf-8")
    members["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'footnotes" Target="footnotes.xml"/></Relationships>',
    ).encode("utf-8")
    types = members["[Content_Types].xml"].decode("utf-8")
    members["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.footnotes+xml"/></Types>',
    ).encode("utf-8")
    body = members["word/document.xml"].decode("utf-8")
    members["word/document.xml"] = body.replace(
        "<w:t>数据处理者应当依法处理数据。</w:t></w:r>",
        '<w:t>数据处理者应当依法处理数据。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>',
    ).encode("utf-8")
    path.write_bytes(_zip(members))
    return path


def test_footnotes_are_numbered_where_referred_to_and_set_after_the_text(tmp_path: Path) -> None:
    path = _with_footnote(docx_from_lines(["关于数据处理的办法", "数据处理者应当依法处理数据。"], tmp_path / "fn.docx"))
    with Library(tmp_path / "library", bundled=[]) as library:
        parsed = library.document(library.import_file(path))
    texts = [p.text for p in parsed.paragraphs]
    assert texts == ["数据处理者应当依法处理数据。1", "1 本办法所称的数据，是指任何以电子方式对信息的记录。"]


def test_images_are_left_out_and_said_to_be(tmp_path: Path) -> None:
    import docx
    from PySide6.QtGui import QColor, QImage

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    picture = tmp_path / "p.png"
    image.save(str(picture))
    document = docx.Document()
    document.add_paragraph("关于图片的通知")
    document.add_paragraph("正文一段，图片之前。")
    document.add_picture(str(picture))
    path = tmp_path / "images.docx"
    document.save(str(path))
    with Library(tmp_path / "library", bundled=[]) as library:
        document_id = library.import_file(path)
        assert [p.text for p in library.document(document_id).paragraphs] == ["正文一段，图片之前。"]
        assert library.left_out(document_id) == "另有 1 张图片未收录（只导入文字）。"
