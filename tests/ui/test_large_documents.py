"""Large documents: the reader renders a window of them, find in page and
jumps still cover the whole, zoom and theme keep the place, and the window
shows a large document's start while the rest loads in the background."""

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QThreadPool
from PySide6.QtGui import QPalette, QTextCursor

from app.document.model import Document, Metadata
from app.document.parser import parse_text
from app.library import Library
from app.ui.main_window import START_PARAGRAPHS
from app.ui.models import ParagraphRole
from app.ui.reader import WINDOW_CHARS, Reader
from bench.corpus import cycled
from tests.conftest import SEED
from tests.ui.conftest import settle, shown_window


@pytest.fixture(scope="module")
def large_text() -> str:
    """The bundled white paper repeated to about 400,000 characters (about
    seven times the reader's window)."""
    return cycled(SEED.read_text(encoding="utf-8"), 1_200_000)


@pytest.fixture(scope="module")
def large(large_text: str) -> Document:
    return parse_text(large_text, Metadata(id="large", title="大文档"))


@pytest.fixture()
def reader(qtbot, large: Document) -> Reader:
    widget = Reader()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_document(large)
    return widget


def _top_block_text(reader: Reader) -> str:
    return reader.cursorForPosition(reader.viewport().rect().topLeft()).block().text()


def test_only_a_window_is_rendered_and_jumps_bring_it(reader: Reader, large: Document) -> None:
    assert reader.is_windowed()
    assert reader.document().characterCount() < 2 * WINDOW_CHARS < sum(len(p.text) for p in large.paragraphs)
    far = large.paragraphs[-5]
    assert reader.paragraph_block(far.id) is None  # not rendered yet
    assert reader.scroll_to_paragraph(far.id)
    position = reader.paragraph_block(far.id)
    assert position is not None
    assert reader.document().findBlock(position).text() == f"¶{far.index}\u00a0{far.text}"
    assert far.id in reader.visible_paragraphs()
    assert reader.current_passage().first == far  # type: ignore[union-attr]


def test_find_in_page_counts_and_reaches_the_whole_document(reader: Reader, large: Document, large_text: str) -> None:
    # Every occurrence in the source, headings included, once each.
    expected = large_text.count("光伏")
    assert expected > sum(p.text.count("光伏") for p in large.paragraphs) > 10
    assert reader.find_all("光伏") == expected
    number, count = reader.find_from("光伏", large.paragraphs[-10].id)
    assert count == expected and number > count // 2  # a match near the end, not the first one
    assert reader.textCursor().selectedText() == "光伏"
    paragraph = reader.paragraph_under_cursor()
    assert paragraph is not None and paragraph.index >= large.paragraphs[-10].index
    for _ in range(count - number):  # on past the end: back to the first match, at the start
        reader.find_step()
    assert reader.textCursor().selectedText() == "光伏"
    first = reader.paragraph_under_cursor()
    assert first is not None and first.index < 50


def test_scrolling_past_the_window_moves_it_and_keeps_the_text_under_the_eye(qtbot, reader: Reader) -> None:
    bar = reader.verticalScrollBar()
    first_window = reader.rendered_units()
    bar.setValue(bar.maximum() - reader.viewport().height() // 2)  # near the window's end
    qtbot.wait(20)
    assert reader.rendered_units() != first_window  # moved on
    shown = reader.current_paragraph()
    assert shown is not None
    paragraph = reader.paragraph(shown)
    assert paragraph is not None and reader.paragraph_block(shown) is not None
    # Scrolling on keeps going: the end of the document is reachable.
    for _ in range(200):
        bar.setValue(bar.maximum())
        if reader.rendered_units()[1] == len(reader.units()):
            break
    assert reader.rendered_units()[1] == len(reader.units())


def test_zoom_and_theme_keep_the_paragraph_at_the_top(qtbot, reader: Reader, large: Document) -> None:
    target = large.paragraphs[len(large.paragraphs) // 2]
    reader.scroll_to_paragraph(target.id)
    bar = reader.verticalScrollBar()
    bar.setValue(bar.value() + 3)  # (the reader's own place now, not a jump's)
    before = _top_block_text(reader)
    reader.zoom_by(2)
    assert _top_block_text(reader) == before
    reader.zoom_by(-2)
    assert _top_block_text(reader) == before
    palette = QPalette(reader.palette())
    palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Text))
    palette.setColor(QPalette.ColorRole.Text, reader.palette().color(QPalette.ColorRole.Base))
    reader.setPalette(palette)
    assert _top_block_text(reader) == before


def test_highlights_outlive_a_move_of_the_window(reader: Reader, large: Document) -> None:
    far = next(p for p in reversed(large.paragraphs) if "贫困" in p.text)
    assert reader.highlight_in_paragraph(far.id, ["贫困"]) == far.text.count("贫困")
    assert reader.highlighted_texts() == []  # not rendered yet: nothing on screen
    reader.scroll_to_paragraph(far.id)
    assert [text for _, text in reader.highlighted_texts()] == ["贫困"] * far.text.count("贫困")
    position, _ = reader.highlighted_texts()[0]
    block = reader.document().findBlock(position)
    assert block.position() == reader.paragraph_block(far.id)


@pytest.fixture()
def large_window(qtbot, tmp_path: Path, settings_file: Path, large_text: str):  # type: ignore[no-untyped-def]
    with Library(tmp_path / "library") as library:
        document_id = library.import_text(large_text, source_name="large.txt", fallback="大文档")
    yield shown_window(qtbot, tmp_path / "library"), document_id
    settle()


def test_a_large_document_shows_its_start_then_the_rest(qtbot, large_window, large_text: str) -> None:  # type: ignore[no-untyped-def]
    win, document_id = large_window
    with qtbot.waitSignal(win.document_loaded, timeout=30_000) as loaded:
        win.show_document(document_id)
        shown = win.document
        assert shown is not None and shown.partial and len(shown.paragraphs) == START_PARAGRAPHS
        assert win.reader.current_paragraph() == shown.paragraphs[0].id  # the first screen, at once
        reader_top = _top_block_text(win.reader)
    assert loaded.args == [document_id]
    whole = win.document
    assert whole is not None and not whole.partial and len(whole.paragraphs) > 3 * START_PARAGRAPHS
    assert _top_block_text(win.reader) == reader_top  # nothing moved
    assert win.toc_model.rowCount() == len([n for n in whole.nodes if n.parent is None])
    assert win.figure_model.rowCount() == len(whole.figures)
    # The whole document is there: a jump to its last paragraph, find in page.
    assert win.open_paragraph(whole.paragraphs[-1].id)
    assert whole.paragraphs[-1].id in win.reader.visible_paragraphs()
    assert win.reader.find_all("光伏") == large_text.count("光伏")


def test_a_document_opened_while_another_loads_wins(qtbot, large_window) -> None:  # type: ignore[no-untyped-def]
    win, document_id = large_window
    win.show_document(document_id)
    win.show_document("renlei-jianpin-2021")  # before the large one has loaded
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(50)
    assert win.document is not None and win.document.id == "renlei-jianpin-2021"
    assert win.reader.find_all("光伏") == win.reader.toPlainText().count("光伏")


def test_the_start_of_a_document(library: Library, large_text: str) -> None:
    document_id = library.import_text(large_text, source_name="large.txt", fallback="大文档")
    start = library.document_start(document_id, 100)
    whole = library.document(document_id)
    assert start.partial and not whole.partial
    assert start.paragraphs == whole.paragraphs[:100]
    node_ids = {n.id for n in start.nodes}
    assert all(p.node is None or p.node in node_ids for p in start.paragraphs)
    assert start.nodes == whole.nodes[: len(start.nodes)]  # the tree's start, parents first
    assert start.figures == tuple(f for f in whole.figures if f.paragraph in {p.id for p in start.paragraphs})
    assert not start.truncated
    small = library.document_start("renlei-jianpin-2021", 100)
    assert not small.partial and small == library.document("renlei-jianpin-2021")


def test_cursor_and_selection_copy_inside_a_moved_window(reader: Reader, large: Document) -> None:
    far = large.paragraphs[-3]
    reader.scroll_to_paragraph(far.id)
    position = reader.paragraph_block(far.id)
    assert position is not None
    cursor = QTextCursor(reader.document())
    block = reader.document().findBlock(position)
    cursor.setPosition(block.position())
    cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    assert reader.selected_text() == far.text
    passage = reader.current_passage()
    assert passage is not None and passage.first == far


def test_closing_while_the_rest_loads_drops_it_quietly(qtbot, large_window) -> None:  # type: ignore[no-untyped-def]
    win, document_id = large_window
    loaded: list[str] = []
    win.document_loaded.connect(loaded.append)
    win.show_document(document_id)
    win.close()
    QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(100)
    assert loaded == []  # (and nothing raised in a slot: warnings fail the test)


def test_a_large_document_is_let_go_when_another_is_opened(qtbot, large_window) -> None:  # type: ignore[no-untyped-def]
    import sys

    win, document_id = large_window
    with qtbot.waitSignal(win.document_loaded, timeout=30_000):
        win.show_document(document_id)
    qtbot.waitUntil(lambda: win.document is not None and not win.document.partial)
    qtbot.wait(50)  # (the panels' steps have all run)
    whole = win.document
    win.show_document("renlei-jianpin-2021")
    qtbot.wait(50)
    # Only this test holds it now (getrefcount counts its own argument too):
    # a timer's callable kept every large document ever opened.
    assert sys.getrefcount(whole) == 2


def _tree_rows(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[tuple[str, int]]:
    """Every row of a tree model, depth first: (label, depth)."""
    rows: list[tuple[str, int]] = []

    def walk(index: QModelIndex, depth: int) -> None:
        for row in range(model.rowCount(index)):
            child = model.index(row, 0, index)
            assert model.parent(child) == index
            rows.append((str(child.data()), depth))
            walk(child, depth + 1)

    walk(parent or QModelIndex(), 0)
    return rows


def test_a_large_document_is_read_from_the_library_as_it_is_shown(qtbot, large_window, large_text: str) -> None:  # type: ignore[no-untyped-def]
    """The window holds the rows of a large document in the library, not as
    objects; what it shows is what the whole document, loaded, gives."""
    from app.ui import models
    from app.ui.reader import layout_document

    win, document_id = large_window
    with qtbot.waitSignal(win.document_loaded, timeout=30_000):
        win.show_document(document_id)
    shown = win.document
    assert shown is not None and shown.store is not None  # (read as it is looked at)
    loaded = win.library.document(document_id)
    assert win.reader.units() == list(layout_document(loaded).units)
    reference = models.TocModel()
    reference.set_document(loaded)
    assert _tree_rows(win.toc_model) == _tree_rows(reference) and len(_tree_rows(reference)) > 100
    assert models.box_cards(shown) == models.box_cards(loaded)
    first = win.toc_model.index(0, 0)
    node = loaded.nodes[0]
    assert win.toc_model.first_paragraph(node.id) == reference.first_paragraph(node.id) == first.data(ParagraphRole)
    assert win.toc_model.index_of(loaded.nodes[-1].id).data() == reference.index_of(loaded.nodes[-1].id).data()


def test_find_in_a_large_document_runs_off_the_gui_thread(qtbot, large_window, large_text: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui import main_window

    monkeypatch.setattr(main_window, "FIND_AT_ONCE_UNITS", 0)
    win, document_id = large_window
    with qtbot.waitSignal(win.document_loaded, timeout=30_000):
        win.show_document(document_id)
    win.show_find_bar()
    win.find_bar.setText("光伏")
    assert win.find_count.text() == "查找中…"  # (the window goes on meanwhile)
    qtbot.waitUntil(lambda: "/" in win.find_count.text(), timeout=10_000)
    assert win.find_count.text().endswith(f"/{large_text.count('光伏')}")
    win.find_bar.setText("光伏扶")
    win.find_bar.setText("没有这个词")  # (the first two are dropped)
    qtbot.waitUntil(lambda: win.find_count.text() == "无匹配", timeout=10_000)
