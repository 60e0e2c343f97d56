"""Bookmarks and highlights with notes: the two lists of the left panel,
their context menus, and what the reader marks for them.

:class:`Annotations` owns the 书签 and 笔记 lists; it asks the window for
what is shown (the library, the document, the reader) when a command runs,
and opens places through the window, as a click in the tree would.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtWidgets
from PySide6.QtCore import QObject

from app.document import citations
from app.errors import BaipishuError
from app.ui import cards, models
from app.ui.i18n import mark, t

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

# The highlight colours (app.document.styles.NOTE_COLORS) as the menus name them.
NOTE_COLOR_NAMES = {"yellow": mark("黄色"), "green": mark("绿色"), "blue": mark("蓝色"), "pink": mark("粉色")}


class Annotations(QObject):
    """The bookmark and note lists, and the commands on them.

    Args:
        window: the main window (what is shown; where places open; its
            status bar).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.bookmark_list = QtWidgets.QListView(window)
        self.bookmark_list.setObjectName("bookmarkList")
        self.bookmark_list.setAccessibleName(t("书签"))
        self.bookmark_model = models.BookmarkModel(self)
        self.bookmark_list.setModel(self.bookmark_model)
        self.bookmark_list.setWordWrap(True)
        self.bookmark_list.clicked.connect(self._on_bookmark_activated)
        self.bookmark_list.activated.connect(self._on_bookmark_activated)
        self.notes_panel = QtWidgets.QListView(window)
        self.notes_panel.setObjectName("notesPanel")
        self.notes_panel.setAccessibleName(t("笔记"))
        self.note_model = models.NoteModel(self)
        self.notes_panel.setModel(self.note_model)
        self.notes_panel.setWordWrap(True)
        self.notes_panel.setSpacing(2)
        self.notes_panel.activated.connect(self._on_note_activated)
        self.notes_panel.clicked.connect(self._on_note_activated)

    def refresh(self) -> None:
        """List the library's bookmarks and notes; mark the shown document's."""
        self._refresh_bookmarks()
        self._refresh_notes()

    def _ask(self, title: str, label: str, current: str, *, lines: bool) -> str | None:
        """A text the user types (several ``lines`` or one), or None if cancelled."""
        if lines:
            text, accepted = QtWidgets.QInputDialog.getMultiLineText(self._window, title, label, current)
        else:
            text, accepted = QtWidgets.QInputDialog.getText(self._window, title, label, text=current)
        return text if accepted else None

    # -- highlights and notes ------------------------------------------------

    def highlight_selection(self, color: str = "yellow", note: str | None = None) -> int | None:
        """Highlight the selected text (inside the paragraph it starts in) in
        ``color``, with ``note``; return the highlight's id (None: nothing
        selected in a paragraph)."""
        selected = self._window.reader.selection_in_paragraph()
        if selected is None or self._window.document is None:
            self._window.show_status(t("请先在正文中选择要标记的文字。"))
            return None
        paragraph, start, end = selected
        try:
            note_id = self._window.library.add_note(
                self._window.document.id, paragraph.id, start, end, color, note or ""
            )
        except BaipishuError as exc:
            self._window.show_status(str(exc))
            return None
        self._refresh_notes()
        self._window.show_status(t("已标记：{}").format(cards.opening(paragraph.text[start:end])))
        return note_id

    def add_note(self) -> None:
        """编辑 → 添加笔记…: highlight the selection and write a note about it."""
        if self._window.reader.selection_in_paragraph() is None:
            self._window.show_status(t("请先在正文中选择要标记的文字。"))
            return
        text = self._ask(t("添加笔记"), t("笔记："), "", lines=True)
        if text is not None:
            self.highlight_selection("yellow", text)

    def _refresh_notes(self) -> None:
        entries = self._window.library.notes()
        self.note_model.set_items(entries)
        shown = self._window.document_id
        self._window.reader.set_notes(
            [
                (e.note.paragraph, e.note.start, e.note.end, e.note.color)
                for e in entries
                if e.note.document == shown and e.index is not None
            ]
        )

    def _on_note_activated(self, index: QtCore.QModelIndex) -> None:
        entry = index.data(models.ValueRole)
        if entry is None or entry.index is None:
            return
        if entry.note.document != self._window.document_id:
            self._window.show_document(entry.note.document)
        if self._window.open_paragraph(entry.note.paragraph):
            self._window.reader.highlight_span(entry.note.paragraph, entry.note.start, entry.note.end)

    def edit_note(self, note_id: int, text: str | None = None, color: str | None = None) -> None:
        """Change a note's text or colour (``text`` None and no colour: ask)."""
        if text is None and color is None:
            current = next((e.note.note for e in self.note_model.items if e.note.id == note_id), "")
            text = self._ask(t("编辑笔记"), t("笔记："), current, lines=True)
            if text is None:
                return
        self._window.library.edit_note(note_id, note=text, color=color)
        self._refresh_notes()

    def remove_note(self, note_id: int) -> None:
        """Remove a highlight and its note."""
        self._window.library.remove_note(note_id)
        self._refresh_notes()

    def on_note_menu(self, position: QtCore.QPoint) -> None:
        menu = self._window.item_menu(self.notes_panel, position, "noteMenu")
        entry = self.notes_panel.indexAt(position).data(models.ValueRole)
        if entry is not None:
            note_id = entry.note.id
            menu.addAction(t("编辑笔记…")).triggered.connect(lambda: self.edit_note(note_id))
            colours = menu.addMenu(t("颜色"))
            for name in NOTE_COLOR_NAMES:
                colours.addAction(t(NOTE_COLOR_NAMES[name])).triggered.connect(
                    lambda _checked=False, name=name: self.edit_note(note_id, color=name)
                )
            menu.addAction(t("删除")).triggered.connect(lambda: self.remove_note(note_id))
            menu.addSeparator()
        menu.addAction(self._window.actions_by_name["actionExportNotes"])
        menu.popup(self.notes_panel.viewport().mapToGlobal(position))

    def export_notes(self, path: Path) -> bool:
        """Write the shown document's notes to ``path`` as Markdown, each
        quote with its citation; False (said in the status bar) on failure."""
        if self._window.document is None:
            return False
        try:
            path.write_text(self._window.library.notes_markdown(self._window.document.id), encoding="utf-8")
        except OSError as exc:
            self._window.show_status(t("无法写入 {}：{}").format(path, exc.strerror))
            return False
        return True

    def ask_export_notes(self) -> None:
        """文件 → 导出笔记为 Markdown…: ask where, then write."""
        if self._window.document is None:
            return
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self._window,
            t("导出笔记为 Markdown"),
            t("{}-笔记.md").format(self._window.document.title),
            t("Markdown 文件 (*.md)"),
        )
        if name and self.export_notes(Path(name)):
            self._window.show_status(t("已导出笔记：{}").format(name))

    # -- bookmarks -------------------------------------------------------------

    def toggle_bookmark(self) -> None:
        """Ctrl+D: bookmark the current passage's paragraph (again: remove it)."""
        passage = self._window.reader.current_passage() if self._window.document else None
        if passage is None or self._window.document is None:
            return
        paragraph = passage.first
        added = self._window.library.toggle_bookmark(self._window.document.id, paragraph.id)
        self._refresh_bookmarks()
        message = t("已加书签：{}") if added else t("已删除书签：{}")
        self._window.show_status(message.format(citations.locator(paragraph)))

    def _refresh_bookmarks(self) -> None:
        bookmarks = self._window.library.bookmarks()
        self.bookmark_model.set_items(bookmarks)
        self._window.reader.set_bookmarks([b.paragraph for b in bookmarks if b.document == self._window.document_id])

    def _bookmark(self, document_id: str, paragraph_id: str) -> Any:
        """The listed bookmark on this paragraph, or None."""
        where = (document_id, paragraph_id)
        return next((b for b in self.bookmark_model.items if (b.document, b.paragraph) == where), None)

    def rename_bookmark(self, document_id: str, paragraph_id: str, label: str | None = None) -> None:
        """Give a bookmark another name (None: ask)."""
        if label is None:
            bookmark = self._bookmark(document_id, paragraph_id)
            label = self._ask(t("重命名书签"), t("书签名称："), bookmark.label if bookmark else "", lines=False)
            if label is None:
                return
        try:
            self._window.library.rename_bookmark(document_id, paragraph_id, label)
        except BaipishuError as exc:
            self._window.show_status(str(exc))
            return
        self._refresh_bookmarks()

    def note_bookmark(self, document_id: str, paragraph_id: str, note: str | None = None) -> None:
        """Write a bookmark's note (None: ask)."""
        if note is None:
            bookmark = self._bookmark(document_id, paragraph_id)
            note = self._ask(t("编辑笔记"), t("笔记："), bookmark.note if bookmark else "", lines=True)
            if note is None:
                return
        self._window.library.note_bookmark(document_id, paragraph_id, note)
        self._refresh_bookmarks()

    def remove_bookmark(self, document_id: str, paragraph_id: str) -> None:
        """Remove a bookmark from the list."""
        self._window.library.remove_bookmark(document_id, paragraph_id)
        self._refresh_bookmarks()

    def on_bookmark_menu(self, position: QtCore.QPoint) -> None:
        menu = self._window.item_menu(self.bookmark_list, position, "bookmarkMenu")
        bookmark = self.bookmark_list.indexAt(position).data(models.ValueRole)
        if bookmark is not None:
            where = (bookmark.document, bookmark.paragraph)
            menu.addAction(t("重命名…")).triggered.connect(lambda: self.rename_bookmark(*where))
            menu.addAction(t("编辑笔记…")).triggered.connect(lambda: self.note_bookmark(*where))
            menu.addAction(t("删除")).triggered.connect(lambda: self.remove_bookmark(*where))
        menu.popup(self.bookmark_list.viewport().mapToGlobal(position))

    def _on_bookmark_activated(self, index: QtCore.QModelIndex) -> None:
        bookmark = index.data(models.ValueRole)
        if bookmark is None:
            return
        if bookmark.document != self._window.document_id:
            self._window.show_document(bookmark.document)
        self._window.open_paragraph(bookmark.paragraph)
