"""PDFs: the real ones of the corpus read as their outlines say, pages kept
as locators; PDFs rendered from real text give that text back; bad PDFs
are refused with one sentence and change nothing."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPageSize, QPainter, QPdfWriter

from app.document import citations
from app.document.formats import PAGE_BREAK, convert, file_format
from app.document.formats import pdf as pdf_reader
from app.document.parser import parse_text
from app.errors import DocumentError
from app.library import Library
from tests.conftest import CORPUS, needs_corpus
from tests.document.formats.conftest import pdf_from_lines, text_lines

PDFS = ["law_personal_information_protection_2021", "rule_nfra_administrative_penalty_2025"]


@needs_corpus
@pytest.mark.parametrize("name", PDFS)
def test_a_real_pdf_reads_as_its_outline_says(tmp_path: Path, name: str) -> None:
    outline = json.loads((CORPUS / f"{name}.outline.json").read_text(encoding="utf-8"))
    with Library(tmp_path / "library", bundled=[]) as library:
        document_id = library.import_file(CORPUS / f"{name}.pdf")
        document = library.document(document_id)
    metadata = document.metadata
    assert (metadata.title, metadata.issuer, metadata.release_date, metadata.genre) == (
        outline["title"],
        outline["issuer"],
        outline["date"],
        outline["genre"],
    )
    assert metadata.number == (outline["doc_number"] or "")
    headings = [(n.number, n.title.replace(" ", "")) for n in document.nodes if n.kind in ("chapter", "section")]
    expected = [(h["number"].strip("第章节"), h["title"].replace(" ", "")) for h in outline["headings"]]
    assert [(str(number), title) for number, title in headings] == [(n, t) for n, t in expected]
    assert sum(1 for n in document.nodes if n.kind == "article") == outline["articles"]
    assert document.truncated == (not outline["complete"])
    # Every paragraph knows its page; pages go forward; the running header
    # and the page numbers are gone.
    pages = [p.page or 0 for p in document.paragraphs]
    assert all(pages) and pages == sorted(pages) and pages[-1] > 10
    texts = [p.text for p in document.paragraphs]
    assert not any(t == "国家金融监督管理总局规章" or t.startswith("- ") for t in texts)


@needs_corpus
def test_a_pdf_paragraph_is_cited_with_its_page(tmp_path: Path) -> None:
    with Library(tmp_path / "library", bundled=[]) as library:
        document = library.document(library.import_file(CORPUS / f"{PDFS[0]}.pdf"))
    fifth = next(p for p in document.paragraphs if p.text.startswith("第五条"))
    assert fifth.page == 2  # as the official PDF prints it
    assert citations.locator(fifth).endswith("第五条，第2页")
    for style in ("plain", "gbt7714"):
        assert "第2页" in citations.cite_paragraph(document.metadata, fifth, style).text


@pytest.mark.parametrize("indent, spacing", [(False, True), (True, False), (True, True)])
def test_a_pdf_of_a_real_text_gives_its_paragraphs_back(qapp, tmp_path: Path, indent: bool, spacing: bool) -> None:
    source = CORPUS / "opinion_rural_revitalization_2018.txt"
    if not source.exists():
        pytest.skip(f"{CORPUS} is absent")
    text = source.read_text(encoding="utf-8")
    lines = text_lines(text)
    pdf = pdf_from_lines(lines, tmp_path / "opinion.pdf", indent=indent, spacing=spacing)
    converted = convert(pdf, file_format(pdf))
    as_text, as_pdf = parse_text(text), parse_text(converted.text, marked=True)
    assert [p.text for p in as_pdf.paragraphs] == [p.text for p in as_text.paragraphs]
    assert [(n.kind, n.label) for n in as_pdf.nodes] == [(n.kind, n.label) for n in as_text.nodes]
    assert as_pdf.paragraphs[-1].page == converted.text.count(PAGE_BREAK) > 3  # (each page begins a paragraph)
    assert "测试机关文件" not in converted.text and "- 2 -" not in converted.text  # running header, page numbers


def test_content_decides_not_the_name(qapp, tmp_path: Path) -> None:
    # (One page: no running header to tell from the text.)
    pdf = pdf_from_lines(["关于测试的通知", "一、总体要求", "做好测试工作。"], tmp_path / "named.txt", furniture=False)
    assert file_format(pdf) == "pdf"
    with Library(tmp_path / "library", bundled=[]) as library:
        document = library.document(library.import_file(pdf))
    assert [p.text for p in document.paragraphs] == ["做好测试工作。"] and document.paragraphs[0].page == 1
    text = tmp_path / "named.pdf"
    text.write_text("关于测试的通知\n\n做好测试工作。\n", encoding="utf-8")
    assert file_format(text) == "text"


def _image_only_pdf(path: Path) -> Path:
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.fillRect(QRectF(100, 100, 2000, 1000), QColor("black"))  # a scan: no text
    painter.end()
    return path


@pytest.mark.parametrize("kind", ["truncated", "no text layer", "too many pages", "not a pdf at all"])
def test_bad_pdfs_get_one_sentence_and_change_nothing(
    qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    good = pdf_from_lines(["关于测试的通知", "做好测试工作。"] * 40, tmp_path / "good.pdf")
    path = tmp_path / "bad.pdf"
    if kind == "truncated":
        path.write_bytes(good.read_bytes()[: good.stat().st_size // 3])
    elif kind == "no text layer":
        _image_only_pdf(path)
    elif kind == "too many pages":
        monkeypatch.setattr(pdf_reader, "MAX_PAGES", 1)
        path = good
    else:
        path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    with Library(tmp_path / "library", bundled=[]) as library:
        before = [d.id for d in library.documents()]
        with pytest.raises(DocumentError) as refused:
            library.import_file(path)
        assert [d.id for d in library.documents()] == before
    message = str(refused.value)
    assert message.endswith("。") and message.count("。") == 1 and str(path) in message
    expected = {
        "truncated": "已损坏",
        "no text layer": "文字层",
        "too many pages": "过大",
        "not a pdf at all": "已损坏",
    }
    assert expected[kind] in message


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    # A PDF whose text needs a password (RC4, user password "secret"),
    # written by hand: the smallest such file PDFium opens only with it.
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(DocumentError, match="加密"):
        convert(path, "pdf")


class _Stop(Exception):
    pass


def test_a_pdf_import_reports_its_pages_and_stops_when_cancelled(qapp, tmp_path: Path) -> None:
    pdf = pdf_from_lines(
        ["关于测试的通知", *(["做好测试工作，逐页推进，直至完成全部任务。"] * 400)], tmp_path / "long.pdf"
    )
    seen: list[tuple[int, int]] = []

    def cancel_early(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) > 3:
            raise _Stop

    with Library(tmp_path / "library", bundled=[]) as library:
        with pytest.raises(_Stop):
            library.import_file(pdf, progress=cancel_early)
        assert library.documents() == []  # rolled back: nothing half imported
        assert len(seen) == 4 and all(total == 1000 for _, total in seen)  # one bar, from the reading on
        assert seen == sorted(seen)
        assert all(done <= 10 for done, _ in seen)  # stopped while its pages were read (the bar's first tenth)
