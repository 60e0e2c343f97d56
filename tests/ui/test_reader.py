"""The reader renders documents as escaped rich text and maps positions back
to paragraphs."""

from PySide6.QtGui import QTextCursor

from app.document.model import Document, Metadata
from app.document.parser import parse_text
from app.ui.reader import Reader, render_html


def test_document_text_is_escaped(qtbot) -> None:
    text = "一、章\n\n<script>alert(1)</script> 与 <a href='file:///etc/passwd'>链接</a>&amp;。\n"
    document = parse_text(text, Metadata(id="doc-x", title="<b>标题</b>"))
    reader = Reader()
    qtbot.addWidget(reader)
    html = render_html(document, reader.palette())
    assert "<script>" not in html and "<a href='file" not in html and "<b>标题</b>" not in html
    reader.show_document(document)
    shown = reader.toPlainText()
    assert "<script>alert(1)</script> 与 <a href='file:///etc/passwd'>链接</a>&amp;。" in shown
    rendered = reader.document().toHtml()
    assert 'href="file' not in rendered and "<script" not in rendered  # text, never markup


def test_margin_numbers_and_box_links(qtbot, seed: Document) -> None:
    reader = Reader()
    qtbot.addWidget(reader)
    reader.show_document(seed)
    html = reader.document().toHtml()
    assert 'href="box:7"' in html and 'href="box:8"' in html
    for paragraph in seed.paragraphs[:5]:
        position = reader.paragraph_block(paragraph.id)
        assert position is not None
        block = reader.document().findBlock(position)
        assert block.text() == f"¶{paragraph.index}\u00a0{paragraph.text}"


def test_selection_leaves_margin_numbers_out(qtbot, seed: Document) -> None:
    reader = Reader()
    qtbot.addWidget(reader)
    reader.show_document(seed)
    first, second = seed.paragraphs[1], seed.paragraphs[2]
    start = reader.paragraph_block(first.id)
    end = reader.paragraph_block(second.id)
    assert start is not None and end is not None
    cursor = QTextCursor(reader.document())
    cursor.setPosition(start)
    block = reader.document().findBlock(end)
    cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    assert reader.selected_text() == f"{first.text}\n{second.text}"
    assert reader.paragraph_under_cursor() == first


def test_find_all_counts_every_match(qtbot, seed: Document) -> None:
    reader = Reader()
    qtbot.addWidget(reader)
    reader.show_document(seed)
    expected = sum(p.text.count("光伏") for p in seed.paragraphs) + sum(
        (n.heading or "").count("光伏") for n in seed.nodes
    )
    assert reader.find_all("光伏") == expected
    assert reader.find_all("") == 0


def test_a_resize_keeps_the_paragraph_at_the_top(qtbot, seed: Document) -> None:
    reader = Reader()
    qtbot.addWidget(reader)
    reader.resize(900, 700)
    reader.show()
    qtbot.waitExposed(reader)
    reader.show_document(seed)
    target = seed.paragraphs[30]
    assert reader.scroll_to_paragraph(target.id)
    top = reader.current_paragraph()
    for width, height in ((500, 400), (1200, 900), (640, 480)):
        reader.resize(width, height)
        qtbot.wait(20)
        assert reader.current_paragraph() == top, (width, height)
    # Scrolled by the user, the new top line is the place kept.
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().value() + 400)
    moved = reader.current_paragraph()
    assert moved != top
    reader.resize(900, 700)
    qtbot.wait(20)
    assert reader.current_paragraph() == moved


def test_a_notices_number_and_signature_are_laid_out_as_printed(qtbot) -> None:
    document = parse_text("通知\n\n国发〔2021〕29号\n\n现将方案印发给你们。\n\n国务院\n\n2021年12月12日\n")
    reader = Reader()
    qtbot.addWidget(reader)
    html = render_html(document, reader.palette())
    assert "<p align='center'" in html and html.count("<p align='right'") == 2
