"""The 文库 panel over a real library: listing, opening, removing with undo,
importing a folder, and searching across documents with a remembered scope."""

from pathlib import Path

from app.ui import create_main_window, settings
from app.ui.library_panel import SummaryRole
from app.ui.main_window import MainWindow
from tests.conftest import SEED, SEED_ID
from tests.ui.conftest import type_text

REPORT = (
    "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理　李强\n各位代表：\n"
    "一、2023年工作回顾\n过去一年，脱贫攻坚成果持续巩固，扶贫产业不断发展，国内生产总值超过126万亿元。\n"
)


def _rows(window: MainWindow) -> list[list[str]]:
    model = window.library_panel.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _import(qtbot, window: MainWindow, path: Path) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.import_finished, timeout=20_000) as blocker:
        window.import_file(path)
    return str(blocker.args[0])


def test_the_panel_lists_opens_removes_and_undoes(qtbot, window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "gzbg.txt"
    source.write_text(REPORT, encoding="utf-8")
    doc = _import(qtbot, window, source)
    rows = _rows(window)
    assert rows[0][:4] == ["人类减贫的中国实践（内置）", "白皮书", "中华人民共和国国务院新闻办公室", "2021-04-06"]
    assert rows[1][:4] == ["政府工作报告", "政府工作报告", "李强", "2024-03-05"] and rows[1][4].endswith("字")
    index = window.library_panel.model.index(0, 0)
    window.library_panel.view.doubleClicked.emit(index)  # as a double click does
    assert window.document_id == SEED_ID
    window.open_paragraph(window.document.paragraphs[3].id)  # type: ignore[union-attr]
    window.annotations.toggle_bookmark()
    assert window.remove_document(SEED_ID, confirm=False)
    assert [r[0] for r in _rows(window)] == ["政府工作报告"] and window.document_id == doc
    assert window.library_panel.undo_button.isEnabled()
    assert window.undo_remove() == SEED_ID
    assert [r[0] for r in _rows(window)] == ["人类减贫的中国实践（内置）", "政府工作报告"]
    assert [b.missing for b in window.library.bookmarks()] == [False]  # the bookmark kept its place
    assert window.remove_document(doc, confirm=False) and window.undo_remove() == doc  # an import, the same id
    assert window.library.document(doc).metadata.author == "李强"
    assert not window.library_panel.undo_button.isEnabled()


def test_a_folder_is_imported_with_a_summary(qtbot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b.md").write_text("# 示例通知\n\n一、总体要求\n\n做好示例工作，共5项。\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4")  # a PDF, damaged: refused
    (folder / "ignored.png").write_bytes(b"\x89PNG\r\n")  # not a document: not even tried
    with qtbot.waitSignal(window.folder_imported, timeout=30_000) as blocker:
        window.import_folder(folder)
    imported, refused = blocker.args
    assert len(imported) == 2
    assert sorted(name for name, _ in refused) == ["binary.txt", "broken.pdf", "empty.txt"]
    assert all(reason.endswith("。") for _, reason in refused)  # one sentence each
    assert "已损坏" in dict(refused)["broken.pdf"]
    assert [r[0] for r in _rows(window)][1:] == ["政府工作报告", "示例通知"]
    assert window.statusBar().currentMessage() == "已导入 2 个文件，未导入 3 个。"
    summary = window.import_summary  # what was refused, and why, stays on screen
    assert summary is not None and summary.isVisible() and "binary.txt：" in summary.informativeText()
    summary.close()


def test_search_spans_the_library_with_a_remembered_scope(qtbot, window: MainWindow, tmp_path: Path) -> None:
    source = tmp_path / "gzbg.txt"
    source.write_text(REPORT, encoding="utf-8")
    doc = _import(qtbot, window, source)
    with qtbot.waitSignal(window.search_shown, timeout=10_000) as blocker:
        type_text(window.search_box, "扶贫")
    documents = {hit.document for hit in blocker.args[0].hits}
    assert documents == {SEED_ID, doc}
    hit = next(h for h in blocker.args[0].hits if h.document == doc)
    from app.ui.cards import hit_html

    assert "《政府工作报告》" in hit_html(hit, window.palette(), window._hit_title(hit))
    with qtbot.waitSignal(window.search_shown, timeout=10_000) as blocker:
        window.search_scope.setCurrentIndex(window.search_scope.findData("document"))
    assert {hit.document for hit in blocker.args[0].hits} == {doc}  # the one being read
    with qtbot.waitSignal(window.search_shown, timeout=10_000) as blocker:
        window.search_scope.setCurrentIndex(window.search_scope.findData("genre:white_paper"))
    assert {hit.document for hit in blocker.args[0].hits} == {SEED_ID}
    assert settings.SEARCH_SCOPE.get() == "genre:white_paper"
    window.close()
    again = create_main_window(tmp_path / "library")
    qtbot.addWidget(again)
    assert isinstance(again, MainWindow)
    assert again.search_scope.currentData() == "genre:white_paper"  # remembered


def test_current_passage_names_the_paragraphs(qtbot, window: MainWindow) -> None:
    document = window.document
    assert document is not None
    target = document.paragraphs[42]
    window.open_paragraph(target.id)
    assert window.current_passage() == (target.id,)
    summary = window.library_panel.model.index(0, 0).data(SummaryRole)
    assert summary.id == SEED_ID and summary.chars == len(SEED.read_text(encoding="utf-8"))
    assert window.library_panel.view.objectName() == "libraryPanel"
    assert window.library_panel.view.selectionBehavior() == window.library_panel.view.SelectionBehavior.SelectRows
