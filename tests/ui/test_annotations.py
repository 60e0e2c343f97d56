"""Bookmarks and highlights with notes, in the window: made, listed,
marked in the text, renamed, removed, kept across restarts."""

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMenu,
)

from app.ui import create_main_window
from app.ui.main_window import MainWindow
from tests.conftest import SEED_ID
from tests.ui.conftest import click_row, select_in_paragraph, shown


@pytest.mark.skipif(not os.environ.get("QT_QPA_PLATFORM"), reason="needs the offscreen platform")
def test_bookmarks(qtbot, window: MainWindow, tmp_path: Path) -> None:
    target = shown(window).paragraphs[12]
    window.open_paragraph(target.id)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.bookmark_model.rowCount() == 1
    assert window.bookmark_model.items[0].paragraph == target.id
    window.open_paragraph(shown(window).paragraphs[0].id)
    window.left_tabs.setCurrentIndex(2)
    click_row(qtbot, window.bookmark_list, window.bookmark_model.index(0))
    assert window.reader.current_paragraph() == target.id
    window.close()
    again = create_main_window(tmp_path / "library")  # kept across restarts
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert isinstance(again, MainWindow)
    assert [b.paragraph for b in again.bookmark_model.items] == [target.id]
    again.open_paragraph(target.id)
    again.annotations.toggle_bookmark()  # the same place again: removed
    assert again.bookmark_model.rowCount() == 0


def test_a_selection_is_highlighted_noted_listed_and_kept(qtbot, tmp_path: Path, settings_file: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import settle, shown_window

    folder = tmp_path / "library"
    win = shown_window(qtbot, folder)
    paragraph_id = select_in_paragraph(win, 4, 2, 10)
    quote = win.reader.paragraph(paragraph_id).text[2:10]  # type: ignore[union-attr]
    note_id = win.annotations.highlight_selection("green", "要核对的数字")
    assert note_id is not None
    assert win.reader.noted_texts() == [(quote, "green")]
    panel = win.findChild(QAbstractItemView, "notesPanel")
    assert panel is win.notes_panel and panel.model().rowCount() == 1
    shown = panel.model().index(0, 0).data()
    assert quote in shown and "要核对的数字" in shown
    win.annotations.edit_note(note_id, color="pink")
    assert win.reader.noted_texts() == [(quote, "pink")]
    exported = tmp_path / "notes.md"
    assert win.annotations.export_notes(exported)
    text = exported.read_text(encoding="utf-8")
    assert f"> {quote}" in text and "要核对的数字" in text and f"baipishu://{SEED_ID}/{paragraph_id}" in text
    win.close()
    settle()
    again = shown_window(qtbot, folder)  # (another start: kept with the user's data)
    assert again.note_model.rowCount() == 1 and again.reader.noted_texts() == [(quote, "pink")]
    again.annotations.remove_note(note_id)
    assert again.note_model.rowCount() == 0 and again.reader.noted_texts() == []
    settle()


def test_the_reader_s_menu_offers_highlights_only_for_a_selection(window: MainWindow) -> None:
    center = window.reader.viewport().rect().center()
    menu = window.reader_menu(center)
    colours = menu.findChild(QMenu, "highlightMenu")
    assert colours is not None and not colours.isEnabled()
    menu.close()
    select_in_paragraph(window, 2, 0, 4)
    menu = window.reader_menu(center)
    colours = menu.findChild(QMenu, "highlightMenu")
    assert colours is not None and colours.isEnabled()
    assert [a.text() for a in colours.actions()] == ["黄色", "绿色", "蓝色", "粉色"]
    colours.actions()[2].trigger()
    assert [color for _, color in window.reader.noted_texts()] == ["blue"]
    menu.close()


def test_bookmarks_are_marked_in_the_margin_and_renamed_or_removed(window: MainWindow) -> None:
    paragraph = window.document.paragraphs[6]  # type: ignore[union-attr]
    assert window.open_paragraph(paragraph.id)
    window.reader.choose_paragraph(paragraph.id)
    window.annotations.toggle_bookmark()
    assert window.reader.bookmark_marks() == [f"¶{paragraph.index}"]
    window.annotations.rename_bookmark(SEED_ID, paragraph.id, "  扶贫小额信贷的数字  ")
    assert [b.label for b in window.bookmark_model.items] == ["扶贫小额信贷的数字"]
    window.annotations.rename_bookmark(SEED_ID, paragraph.id, " ")  # (blank: refused, said in the status bar)
    assert [b.label for b in window.bookmark_model.items] == ["扶贫小额信贷的数字"]
    assert "不能为空" in window.statusBar().currentMessage()
    window.annotations.note_bookmark(SEED_ID, paragraph.id, "  第二次核对  ")
    assert [b.note for b in window.library.bookmarks()] == ["第二次核对"]
    assert "第二次核对" in window.bookmark_model.index(0).data()
    window.annotations.remove_bookmark(SEED_ID, paragraph.id)
    assert window.bookmark_model.rowCount() == 0 and window.reader.bookmark_marks() == []
