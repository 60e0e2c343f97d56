"""The window, driven as a user would: offscreen, with real data."""

import csv
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt, QThreadPool, QUrl
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QProgressDialog,
    QPushButton,
    QTextBrowser,
    QTreeView,
)

from app.library import Library
from app.search.searcher import SearchResult
from app.ui import create_main_window, settings
from app.ui.main_window import MainWindow
from app.ui.models import ValueRole
from app.ui.search_panel import SEARCH_DEBOUNCE_MS
from tests.ui.conftest import click_row, shown, type_text


def views_model(window: MainWindow, name: str) -> QAbstractItemModel:
    view = window.findChild(QAbstractItemView, name)
    assert view is not None, name
    model = view.model()
    assert model is not None
    return model


def _search(qtbot, window: MainWindow, text: str) -> SearchResult:
    with qtbot.waitSignal(window.search_shown, timeout=10_000) as blocker:
        type_text(window.search_box, text)
    result = blocker.args[0]
    assert isinstance(result, SearchResult)
    return result


def test_contract_object_names(window: MainWindow) -> None:
    views = {
        "tocTree": QTreeView,
        "searchResults": QListView,
        "figureCards": QListView,
        "boxCards": QListView,
        "reader": QTextBrowser,
    }
    for name, kind in views.items():
        widget = window.findChild(kind, name)
        assert widget is not None, name
    assert views_model(window, "figureCards").rowCount() == 101
    assert views_model(window, "boxCards").rowCount() == 6


def test_toc_model_is_a_valid_model(window: MainWindow, qtmodeltester) -> None:
    qtmodeltester.check(window.toc_model)
    model: QAbstractItemModel = window.toc_model
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["二、（前文未收录）", "三、实施精准扶贫方略"]
    inferred = model.index(0, 0)
    assert model.index(0, 0, inferred).data() == "(二)（前文未收录）"
    assert model.data(inferred, Qt.ItemDataRole.ForegroundRole) is not None  # greyed


def test_search_as_you_type_then_open(qtbot, window: MainWindow) -> None:
    result = _search(qtbot, window, "光伏")
    assert result.total == 3 and result.heading_total == 1  # 专栏7's title too
    assert window.hit_model.rowCount() == 4
    assert "共 3 段" in window.search_count.text() and "标题 1 处" in window.search_count.text()
    assert window.left_tabs.currentIndex() == 1
    first = window.hit_model.items[1]
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Up)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: first.paragraph in window.reader.visible_paragraphs())
    assert window.reader.extraSelections()  # the match is highlighted


def test_a_heading_is_found_and_its_hit_shows_the_heading(qtbot, window: MainWindow) -> None:
    heading = "(三)脱贫群众精神风貌焕然一新"
    document = shown(window)
    assert not any("精神风貌" in p.text for p in document.paragraphs)  # only the heading has it
    result = _search(qtbot, window, "精神风貌")
    assert result.total == 0 and result.heading_total == 1
    hit = window.hit_model.items[0]
    assert hit.heading and hit.snippet == heading and "[标题]" in window.hit_model.text_of(hit)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    reader = window.reader
    qtbot.waitUntil(lambda: hit.paragraph in reader.visible_paragraphs())
    assert [text for _, text in reader.highlighted_texts()] == ["精神风貌"]
    position = reader.highlighted_texts()[0][0]
    block = reader.document().findBlock(position)
    assert block.text() == heading
    assert 0 <= reader.cursorRect(QTextCursor(block)).top() < reader.viewport().height()  # in view


def test_arrow_keys_move_through_results(qtbot, window: MainWindow) -> None:
    _search(qtbot, window, "扶贫")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.search_results.currentIndex().row() == 1
    second = window.hit_model.items[1]
    qtbot.keyClick(window.search_box, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: second.paragraph in window.reader.visible_paragraphs())


def test_stale_searches_are_dropped(qtbot, window: MainWindow) -> None:
    shown: list[str] = []
    window.search_shown.connect(lambda result: shown.append(result.query))
    for text in ["扶", "贫", "小额", "信贷"]:
        type_text(window.search_box, text)
    qtbot.waitUntil(lambda: shown[-1:] == ["扶贫小额信贷"], timeout=10_000)
    qtbot.wait(SEARCH_DEBOUNCE_MS * 3)
    assert shown == ["扶贫小额信贷"]
    assert window.hit_model.items[0].box == "专栏8"


def test_box_filter(qtbot, window: MainWindow) -> None:
    window.kind_filter.setCurrentIndex(window.kind_filter.findData("box"))
    result = _search(qtbot, window, "扶贫")
    assert result.hits and all(hit.kind == "box" for hit in result.hits)


def test_copy_figure_card_with_citation(qtbot, window: MainWindow) -> None:
    window.right_tabs.setCurrentIndex(0)
    window.figure_filter.setText("千瓦")
    assert window.figure_proxy.rowCount() == 1
    window.figure_cards.setFocus()
    window.figure_cards.setCurrentIndex(window.figure_proxy.index(0, 0))
    qtbot.keyClick(
        window.figure_cards, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text().startswith("“截至2020年底,全国光伏扶贫容量达到1865万千瓦")
    assert "《人类减贫的中国实践》" in mime.text()
    assert "专栏7 光伏扶贫和电商扶贫" in mime.text()
    assert "1865万千瓦" in mime.html()


def test_copy_value_and_citation_styles(qtbot, window: MainWindow) -> None:
    window.figure_cards.setCurrentIndex(window.figure_proxy.index(0, 0))
    window.copy_figure_value()
    assert QGuiApplication.clipboard().text() == "10.8万所"
    window.style_box.setCurrentIndex(window.style_box.findData("markdown"))
    window.copy_current_figure()
    assert "baipishu://renlei-jianpin-2021/" in QGuiApplication.clipboard().text()
    assert settings.CITATION_STYLE.get() == "markdown"


def test_copy_selection_with_citation(qtbot, window: MainWindow) -> None:
    window.reader.moveCursor(QTextCursor.MoveOperation.Start)
    assert window.reader.find("1936万贫困人口")
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QGuiApplication.clipboard().text()
    assert text.startswith("“1936万贫困人口”")
    assert "第1段" in text


def test_figure_card_click_jumps(qtbot, window: MainWindow) -> None:
    index = window.figure_proxy.index(80, 0)
    figure = index.data(ValueRole)
    window.right_tabs.setCurrentIndex(0)
    click_row(qtbot, window.figure_cards, index)
    qtbot.waitUntil(lambda: figure.paragraph in window.reader.visible_paragraphs())


def test_box_links_and_foreign_links(qtbot, window: MainWindow) -> None:
    html = window.reader.document().toHtml()
    assert 'href="box:7"' in html
    box4 = next(p for p in shown(window).paragraphs if p.box == "专栏4")
    # What the reader's anchors emit when clicked.
    window.reader.anchorClicked.emit(QUrl("box:4"))
    assert window.reader.current_paragraph() == box4.id
    window.reader.anchorClicked.emit(QUrl("https://example.com/"))  # ignored: never followed
    assert window.reader.current_paragraph() == box4.id
    window.go_back()
    assert window.reader.current_paragraph() != box4.id
    window.go_forward()
    assert window.reader.current_paragraph() == box4.id


def test_reader_escapes_document_text(qtbot, tmp_path: Path, settings_file: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        doc_id = library.import_text(
            '一、标记\n\n这里有<b>粗体</b>和<img src="x.png">以及&amp;与<script>alert(1)</script>。\n',
            source_name="markup.txt",
        )
    win = create_main_window(folder)
    qtbot.addWidget(win)
    assert isinstance(win, MainWindow)
    win.show_document(doc_id)
    plain = win.reader.toPlainText()
    assert '这里有<b>粗体</b>和<img src="x.png">以及&amp;与<script>alert(1)</script>。' in plain
    assert "<img" not in win.reader.document().toHtml().replace("&lt;img", "")


def test_find_in_page(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    type_text(window.find_bar, "光伏")
    expected = window.reader.toPlainText().count("光伏")
    assert len(window.reader.extraSelections()) == expected > 0
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert not window.reader.extraSelections()


def test_zoom_is_remembered(qtbot, window: MainWindow, tmp_path: Path) -> None:
    size = window.reader.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reader.font().pointSizeF() > size
    assert settings.ZOOM_STEPS.get() == 1
    again = create_main_window(tmp_path / "library")
    qtbot.addWidget(again)
    assert isinstance(again, MainWindow)
    assert again.reader.font().pointSizeF() > size
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert settings.ZOOM_STEPS.get() == 0


def test_session_is_restored(qtbot, window: MainWindow, tmp_path: Path) -> None:
    _search(qtbot, window, "电商")
    target = shown(window).paragraphs[30].id
    window.open_paragraph(target)
    window.close()
    again = create_main_window(tmp_path / "library")
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert isinstance(again, MainWindow)
    assert again.search_box.text() == "电商"
    qtbot.waitUntil(lambda: again.reader.current_paragraph() == target)
    assert again.document is not None


def test_reading_position_followed_in_tree(qtbot, window: MainWindow) -> None:
    box9 = next(p for p in shown(window).paragraphs if p.box == "专栏9")
    window.open_paragraph(box9.id)
    current = window.toc_unit_index(window.toc_tree.currentIndex())
    node = window.toc_model.node(current)
    assert node is not None and node.id == "box9"


def test_export_filtered_figures(window: MainWindow, tmp_path: Path) -> None:
    window.figure_filter.setText("亿元")
    out = tmp_path / "figures.csv"
    count = window.export_figures(out)
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert count == len(rows) == window.figure_proxy.rowCount() > 5
    assert all("亿元" in row["text"] for row in rows)


def test_accessible_names(window: MainWindow) -> None:
    for name in ("tocTree", "searchBox", "searchResults", "figureCards", "boxCards", "reader"):
        widget = window.findChild(QAbstractItemView, name) or getattr(
            window, {"searchBox": "search_box", "reader": "reader"}.get(name, "reader")
        )
        assert widget.accessibleName(), name


def test_figures_sorted_by_value_and_scoped_to_chapter(window: MainWindow) -> None:
    window.figure_sort.setCurrentIndex(1)
    values = [window.figure_proxy.index(r, 0).data(ValueRole).value for r in range(5)]
    assert values == sorted(values, reverse=True)
    assert values[0] == 710_000_000_000  # 7100多亿元
    window.figure_sort.setCurrentIndex(0)
    assert window.figure_proxy.index(0, 0).data(ValueRole).text == "10.8万所"
    chapter3 = next(p for p in shown(window).paragraphs if p.path and p.path[0].startswith("三、"))
    window.open_paragraph(chapter3.id)
    window.figure_scope.setChecked(True)
    scoped = [window.figure_proxy.index(r, 0).data(ValueRole) for r in range(window.figure_proxy.rowCount())]
    assert scoped and all(f.path[0] == "三、实施精准扶贫方略" for f in scoped)
    assert len(scoped) < len(window.figure_model.every)


def test_import_in_background(qtbot, window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "新文件.txt"
    source.write_text("一、总则\n\n全市建成学校5所。\n", encoding="gb18030")
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as blocker:
        window.import_file(source)
    document_id = blocker.args[0]
    assert window.document_id == document_id
    assert window.figure_model.rowCount() == 1


def test_dropped_file_is_imported(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    source = tmp_path / "拖入的文件.txt"
    source.write_text("一、总则\n\n全市建成学校7所。\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(source))])
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as blocker:
        window.dropEvent(drop)
    assert window.document_id == blocker.args[0]
    assert [f.text for f in window.library.figures(blocker.args[0])] == ["7所"]


def test_cancel_rolls_a_streamed_import_back(qtbot, window: MainWindow, tmp_path: Path) -> None:
    """Cancel in the progress dialog once batches are being stored: the
    import stops and the library is left as it was."""
    from app.progress import IMPORT_STAGES

    source = tmp_path / "大文件.txt"
    source.write_text(
        "一、章\n\n" + "\n\n".join(f"第{i}段,全市建成学校{i}所。" for i in range(12_000)), encoding="utf-8"
    )
    with qtbot.waitSignal(window.import_failed, timeout=60_000) as blocker:
        window.import_file(source)
        dialog = window.findChild(QProgressDialog)
        assert dialog is not None
        parsing_starts, _ = IMPORT_STAGES["parse"]
        qtbot.waitUntil(lambda: dialog.value() > parsing_starts, timeout=30_000)
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # 取消
    assert blocker.args == [""]  # cancelled: no error message
    assert [d.id for d in window.library.documents()] == ["renlei-jianpin-2021"]


def test_refused_import_reports_the_reason(qtbot, window: MainWindow, tmp_path: Path) -> None:
    window.errors_in_dialogs = False
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    with qtbot.waitSignal(window.import_failed, timeout=20_000) as blocker:
        window.import_file(bad)
    assert "二进制" in blocker.args[0] and str(bad) in blocker.args[0]
    assert [d.id for d in window.library.documents()] == ["renlei-jianpin-2021"]


def test_open_link(window: MainWindow) -> None:
    box9 = next(p for p in shown(window).paragraphs if p.box == "专栏9")
    assert window.open_link(f"baipishu://renlei-jianpin-2021/{box9.id}")
    assert box9.id in window.reader.visible_paragraphs()
    assert not window.open_link("baipishu://no-such-doc/p0000000000")
    assert "没有编号为 no-such-doc" in window.statusBar().currentMessage()
    assert not window.open_link("baipishu://../../etc/passwd")
    assert not window.open_link("baipishu://renlei-jianpin-2021/p0000000000")


@pytest.mark.skipif(not os.environ.get("QT_QPA_PLATFORM"), reason="needs the offscreen platform")
def test_window_before_its_panels(qtbot, tmp_path: Path, settings_file: Path) -> None:
    """What the app shows first: a placeholder; closing then loses nothing."""
    win = MainWindow(panels=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert not win.panels_built and win.findChild(QTreeView, "tocTree") is None
    win.build_panels()
    win.build_panels()  # once only
    assert win.findChild(QTreeView, "tocTree") is not None
    win.attach_library(Library(tmp_path / "library"))
    qtbot.wait(300)  # the first layout of the panels built while the window shows
    assert win.reader.verticalScrollBar().value() == 0  # a first start opens the document at its top
    early = MainWindow(panels=False)
    qtbot.addWidget(early)
    early.close()  # before any panel exists


def test_a_link_that_arrives_before_the_library_is_opened_later(qtbot, tmp_path: Path, settings_file: Path) -> None:
    """As when a second launch hands over its link while the window starts."""
    win = MainWindow(panels=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    library = Library(tmp_path / "lib")
    box9 = next(p for p in library.document("renlei-jianpin-2021").paragraphs if p.box == "专栏9")
    assert not win.open_link(f"baipishu://renlei-jianpin-2021/{box9.id}")  # queued, not lost
    win.build_panels()
    win.attach_library(library)
    qtbot.waitUntil(lambda: box9.id in win.reader.visible_paragraphs())
    QThreadPool.globalInstance().waitForDone(10_000)


def test_import_writes_through_the_windows_library(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No second Library is opened for an import (no second open, check or sync)."""
    opened: list[object] = []
    real_init = Library.__init__

    def counting(self: Library, *args: object, **kwargs: object) -> None:
        opened.append(args)
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "__init__", counting)
    source = tmp_path / "另一个.txt"
    source.write_text("一、总则\n\n全市建成学校9所。\n", encoding="utf-8")
    with qtbot.waitSignal(window.import_finished, timeout=20_000):
        window.import_file(source)
    assert opened == []


# -- the current passage: what copy, copy with citation and bookmarks take ----


def _by_index(window: MainWindow, index: int):  # type: ignore[no-untyped-def]
    return next(p for p in shown(window).paragraphs if p.index == index)


def _scroll_to_top_of(qtbot, window: MainWindow, index: int) -> None:  # type: ignore[no-untyped-def]
    """Scroll with the scroll bar (as a wheel or a drag does) until the
    paragraph's first line is at the top of the view."""
    reader = window.reader
    cursor = QTextCursor(reader.document())
    position = reader.paragraph_block(_by_index(window, index).id)
    assert position is not None
    cursor.setPosition(position)
    bar = reader.verticalScrollBar()
    bar.setValue(bar.value() + reader.cursorRect(cursor).top() - 2)
    qtbot.waitUntil(lambda: reader.current_paragraph() == _by_index(window, index).id)


def _copy_with_citation(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    return QGuiApplication.clipboard().text()


def test_scrolled_away_from_a_hit_copies_what_is_in_view(qtbot, window: MainWindow) -> None:
    result = _search(qtbot, window, "光伏扶贫电站")
    hit = next(h for h in result.hits if h.index == 42)
    window.open_hit(hit)
    assert window.reader.passage_marked() == hit.paragraph  # the chosen paragraph is marked
    assert _copy_with_citation(qtbot, window).startswith("“光伏扶贫电站是以扶贫为目的")
    _scroll_to_top_of(qtbot, window, 22)  # ¶42 is off screen now
    assert not window.reader.is_on_screen(hit.paragraph)
    passage = window.reader.current_passage()
    assert passage is not None and 22 <= passage.first.index <= 24
    text = _copy_with_citation(qtbot, window)
    assert text.startswith(f"“{passage.first.text[:10]}") and "光伏扶贫电站" not in text
    assert window.reader.passage_marked() == passage.first.id
    status = window.statusBar().currentMessage()
    assert status.startswith("已复制（含引用）：") and passage.first.text[:8] in status
    assert window.passage_label.text() in status


def test_a_selection_over_two_paragraphs_is_cited_as_their_range(qtbot, window: MainWindow) -> None:
    first, second = _by_index(window, 24), _by_index(window, 25)
    reader = window.reader
    cursor = QTextCursor(reader.document())
    start = reader.document().find(first.text[:6])
    end = reader.document().find(second.text[:6])
    cursor.setPosition(start.selectionStart())
    cursor.setPosition(end.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    reader.setTextCursor(cursor)
    text = _copy_with_citation(qtbot, window)
    assert text.startswith(f"“{first.text}\n{second.text[:6]}")  # both, without margin numbers
    assert "¶" not in text
    assert text.endswith("三、实施精准扶贫方略 / (一)精准识别、建档立卡,解决“扶持谁”的问题，第1–2段）")
    qtbot.keyClick(reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # the text only
    assert QGuiApplication.clipboard().text() == f"{first.text}\n{second.text[:6]}"


def test_the_placeholder_chapter_is_not_cited_as_a_heading(qtbot, window: MainWindow) -> None:
    window.open_paragraph(_by_index(window, 2).id)
    text = _copy_with_citation(qtbot, window)
    assert text.startswith("“经济持续快速发展。")
    assert "二、" not in text and "(二)" not in text and "节选第2段" in text and "节选）" in text


def test_ctrl_c_copies_the_text_only(qtbot, window: MainWindow) -> None:
    target = _by_index(window, 43)
    window.open_paragraph(target.id)
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == target.text  # no ¶43
    assert window.statusBar().currentMessage().startswith("已复制：三、实施精准扶贫方略")
    mime = window.reader.createMimeDataFromSelection()  # a drag, or the context menu's Copy
    assert "¶" not in mime.text()


def test_a_click_chooses_the_paragraph(qtbot, window: MainWindow) -> None:
    reader = window.reader
    target = _by_index(window, 3)
    cursor = QTextCursor(reader.document())
    cursor.setPosition((reader.paragraph_block(target.id) or 0) + 4)
    point = reader.cursorRect(cursor).center()
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert reader.passage_marked() == target.id
    assert window.passage_label.text().startswith("节选第3段")


@pytest.mark.parametrize("style", ["markdown", "ris"])
def test_clipboard_flavours(qtbot, window: MainWindow, style: str) -> None:
    window.style_box.setCurrentIndex(window.style_box.findData(style))
    window.open_paragraph(_by_index(window, 42).id)
    _copy_with_citation(qtbot, window)
    mime = QGuiApplication.clipboard().mimeData()
    if style == "markdown":
        assert mime.html().startswith("<blockquote>") and "&gt; " not in mime.html()
        assert "> 光伏扶贫电站" in mime.text()
    else:
        assert mime.text().startswith("TY  - RPRT")
        raw = mime.data("application/x-research-info-systems").data()
        assert isinstance(raw, bytes) and raw.decode("utf-8") == mime.text()


def test_document_properties_change_citations_at_once(qtbot, window: MainWindow) -> None:
    window.edit_properties()
    dialog = window.properties_dialog
    assert dialog.editors["issuer"].text() == "中华人民共和国国务院新闻办公室"
    dialog.editors["release_date"].setText("2021-02-30")
    dialog.editors["issuer"].setText("国务院新闻办公室")
    save = next(b for b in dialog.findChildren(QPushButton) if b.text() == "保存")
    save.click()
    assert dialog.isVisible() and "YYYY-MM-DD" in dialog.error.text()  # refused: nothing changed
    assert window.library.document_metadata(shown(window).id).issuer == "中华人民共和国国务院新闻办公室"
    dialog.editors["release_date"].setText("2021-04-06")
    save.click()
    assert not dialog.isVisible()
    window.open_paragraph(_by_index(window, 42).id)
    assert "（国务院新闻办公室《人类减贫的中国实践》白皮书" in _copy_with_citation(qtbot, window)
    assert window.library.user.metadata_edits() == {shown(window).id: {"issuer": "国务院新闻办公室"}}


# -- figure cards --------------------------------------------------------------


def test_each_occurrence_lights_up_only_its_own_place(qtbot, window: MainWindow) -> None:
    twice = [
        r
        for r in range(window.figure_proxy.rowCount())
        if window.figure_proxy.index(r, 0).data(ValueRole).text == "8个"
    ]
    assert len(twice) == 2
    places = []
    for row in twice:
        figure = window.figure_proxy.index(row, 0).data(ValueRole)
        window._on_card_activated(window.figure_proxy.index(row, 0))
        ((position, text),) = window.reader.highlighted_texts()
        assert text == "8个"
        block = window.reader.paragraph_block(figure.paragraph)
        assert block is not None
        places.append(position)
    assert places[0] != places[1]  # each card, its own place


def test_cards_filter_by_unit_family_and_sort_within_it(qtbot, window: MainWindow) -> None:
    window.figure_family.setCurrentIndex(window.figure_family.findData("energy"))
    shown_units = {window.figure_proxy.index(r, 0).data(ValueRole).unit for r in range(window.figure_proxy.rowCount())}
    assert shown_units == {"千瓦"}
    window.figure_family.setCurrentIndex(0)
    window.figure_sort.setCurrentIndex(1)
    figures = [window.figure_proxy.index(r, 0).data(ValueRole) for r in range(window.figure_proxy.rowCount())]
    from app.document.figures import unit_family

    families = [unit_family(f.unit) for f in figures]
    assert families == sorted(families, key=families.index)  # each family together
    money = [f.value for f in figures if unit_family(f.unit) == "money"]
    assert money == sorted(money, reverse=True) and figures[0].unit == "元"
    assert "1865万千瓦" not in [f.text for f in figures[: len(money)]]


def test_thresholds_can_be_left_out_and_changes_are_drawn(qtbot, tmp_path: Path, settings_file: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        doc_id = library.import_text(
            "示例条例\n\n第一条　违反本条例的，处十万元以上一百万元以下罚款。\n\n"
            "第二条　本条例自公布之日起施行。\n\n第三条　网商从2016年的131.5万家增长到2020年的311.23万家。\n",
            source_name="rule.txt",
            genre="text",
        )
    window = create_main_window(folder)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.show_document(doc_id)

    def texts() -> list[str]:
        return [window.figure_proxy.index(r, 0).data(ValueRole).text for r in range(window.figure_proxy.rowCount())]

    assert texts() == ["十万元以上一百万元以下", "131.5万家", "311.23万家"]
    window.figure_thresholds.setChecked(False)  # a penalty's range is a threshold
    assert texts() == ["131.5万家", "311.23万家"]
    first = window.figure_proxy.index(0, 0).data(ValueRole)
    from app.ui.cards import figure_html

    html = figure_html(first, window.palette(), window._partner(first))
    assert "变化：131.5万家 → 311.23万家（增长，×2.37）" in html and "bgcolor" in html


def test_find_bar_starts_where_you_read_counts_and_comes_back(qtbot, window: MainWindow) -> None:
    reader = window.reader
    first = shown(window).paragraphs[0]
    assert "累计" in first.text
    window.open_paragraph(first.id)
    origin = reader.verticalScrollBar().value()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(window.find_bar, "累计")
    total = reader.toPlainText().count("累计")
    assert reader.paragraph_under_cursor() == first  # the match in ¶1, not a later one
    assert window.find_count.text() == f"1/{total}"
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)
    assert window.find_count.text() == f"2/{total}"
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.find_count.text() == f"1/{total}"
    for _ in range(total + 3):  # far into the text
        qtbot.keyClick(window.find_bar, Qt.Key.Key_Return)

    window.find_bar.clear()
    type_text(window.find_bar, "不存在的词语")
    assert window.find_count.text() == "无匹配" and "background-color" in window.find_bar.styleSheet()
    assert reader.verticalScrollBar().value() == origin  # not thrown back to the title
    qtbot.keyClick(window.find_bar, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible() and reader.verticalScrollBar().value() == origin


def test_a_jump_keeps_the_heading_in_view_and_drops_old_marks(qtbot, window: MainWindow) -> None:
    reader = window.reader
    target = next(p for p in shown(window).paragraphs if p.text.startswith("扶贫必先识贫。"))
    assert target.ordinal == 1  # the first paragraph of (一)精准识别…
    result = _search(qtbot, window, "建档立卡")
    window.open_hit(result.hits[0])
    assert reader.highlighted_texts()
    window.open_paragraph(target.id)
    assert not reader.highlighted_texts()  # the hit's marks are gone
    heading = reader.document().find("(一)精准识别、建档立卡")
    assert not heading.isNull()
    top = reader.cursorRect(heading).top()
    assert 0 <= top < reader.viewport().height()  # its heading is on screen, above it
    assert reader.current_paragraph() == target.id and reader.passage_marked() == target.id


def test_a_closed_window_leaves_its_library_cleanly_closed(qtbot, tmp_path: Path, settings_file: Path) -> None:  # type: ignore[no-untyped-def]
    """As the app does at exit: the next start then skips the integrity check
    (it read the whole library file on every start)."""
    from app.library import CLEAN_MARK
    from tests.ui.conftest import settle, shown_window

    folder = tmp_path / "library"
    win = shown_window(qtbot, folder)
    assert not (folder / CLEAN_MARK).exists()  # (open: a crash must be checked)
    win.close()
    settle()
    win.close_library()
    assert (folder / CLEAN_MARK).exists()
    with pytest.raises(RuntimeError):
        _ = win.library
    win.close_library()  # (a second call does nothing)


def test_the_tree_filter_folds_traditional_and_full_width(window: MainWindow) -> None:
    """監督 finds the 监督 of a heading, as search would (issue 17)."""
    labels = [n.label for n in window.document.nodes]  # type: ignore[union-attr]
    label = next(label for label in labels if "精准" in label)
    window.toc_filter.setText("精準")  # (traditional 準)
    proxy = window.toc_proxy
    shown: list[str] = []

    def walk(parent):  # type: ignore[no-untyped-def]
        for row in range(proxy.rowCount(parent)):
            child = proxy.index(row, 0, parent)
            shown.append(str(child.data()))
            walk(child)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    assert label in shown
    assert window.toc_tree.model().rowCount() < len([n for n in window.document.nodes if n.parent is None])  # type: ignore[union-attr]
    window.toc_filter.setText("")
    # Cleared: every unit again, and the reading position still followed.
    top = [n for n in window.document.nodes if n.parent is None]  # type: ignore[union-attr]
    assert window.toc_tree.model().rowCount() == len(top)
    assert window.toc_tree.currentIndex().isValid()


def test_a_bookmark_near_the_end_is_the_chosen_paragraph(qtbot, window: MainWindow) -> None:
    target = _by_index(window, 44)
    index = window.toc_view_index(window.toc_model.index_of(target.node or ""))
    click_row(qtbot, window.toc_tree, index)
    qtbot.waitUntil(lambda: window.reader.is_on_screen(target.id))
    # The end of the text: the view cannot scroll ¶44 to its top line.
    assert window.reader.current_paragraph() != target.id
    window.annotations.toggle_bookmark()
    assert [b.paragraph for b in window.bookmark_model.items] == [target.id]
    assert window.statusBar().currentMessage() == "已加书签：" + window.passage_label.text()
