"""The 文库 (library) panel: every document of the library, and what can be
done with one: open it, see and edit its properties, remove it (confirmed,
and undoable until the window closes), import a file or a whole folder.

The panel shows the service's plain values (:class:`DocumentSummary`) and
emits events; the window does the work (the service, in the background).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.i18n import mark, t
from app.ui.properties import GENRE_NAMES

if TYPE_CHECKING:
    from app.library import DocumentSummary

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
# The role that gives a row's DocumentSummary.
SummaryRole = Qt.ItemDataRole.UserRole + 10
COLUMNS = (mark("标题"), mark("文体"), mark("发布机关"), mark("日期"), mark("字数"))


def size_label(chars: int) -> str:
    """A document's size as the panel shows it: 12,345 字."""
    return t("{} 字").format(f"{chars:,}")


class LibraryModel(QAbstractTableModel):
    """The documents of the library, one row each, in library order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[DocumentSummary] = []

    def set_items(self, items: list[DocumentSummary]) -> None:
        """Show these documents."""
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return t(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role == SummaryRole:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            metadata = item.metadata
            values = (
                item.title + (t("（内置）") if item.bundled else ""),
                t(GENRE_NAMES.get(metadata.genre, metadata.genre or "")) if metadata.genre else "",
                metadata.author or metadata.issuer,
                metadata.release_date,
                size_label(item.chars),
            )
            return values[index.column()]
        return None

    def row_of(self, document_id: str) -> int:
        """The row of a document, or -1."""
        return next((row for row, item in enumerate(self.items) if item.id == document_id), -1)


class LibraryPanel(QWidget):
    """The 文库 tab: the documents, and buttons for what can be done."""

    open_requested = Signal(str)
    remove_requested = Signal(str)
    properties_requested = Signal(str)
    import_requested = Signal()
    import_folder_requested = Signal()
    undo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("libraryPanel")
        self.view.setAccessibleName(t("文库"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.activated.connect(self._on_activated)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        buttons = QHBoxLayout()
        self.import_button = self._button(t("导入…"), self.import_requested.emit, buttons)
        self.folder_button = self._button(t("导入文件夹…"), self.import_folder_requested.emit, buttons)
        self.remove_button = self._button(t("删除"), self._on_remove, buttons)
        self.undo_button = self._button(t("撤销删除"), self.undo_requested.emit, buttons)
        self.undo_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def _button(self, label: str, slot: Any, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(label, self)
        button.setAccessibleName(label)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def set_documents(self, documents: list[DocumentSummary], current: str | None) -> None:
        """Show the library's documents, the one being read selected."""
        self.model.set_items(documents)
        self.select(current)

    def select(self, document_id: str | None) -> None:
        """Select a document's row (the one being read)."""
        row = self.model.row_of(document_id) if document_id else -1
        if row >= 0:
            self.view.selectRow(row)

    def selected(self) -> str | None:
        """The id of the selected document, or None."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.items[rows[0].row()].id if rows else None

    def _on_activated(self, index: QModelIndex) -> None:
        item = index.data(SummaryRole)
        if item is not None:
            self.open_requested.emit(item.id)

    def _on_remove(self) -> None:
        document_id = self.selected()
        if document_id:
            self.remove_requested.emit(document_id)

    def _on_context_menu(self, position: Any) -> None:
        index = self.view.indexAt(position)
        item = index.data(SummaryRole) if index.isValid() else None
        menu = QMenu(self)
        if item is not None:
            menu.addAction(t("打开"), lambda: self.open_requested.emit(item.id))
            menu.addAction(t("属性…"), lambda: self.properties_requested.emit(item.id))
            menu.addAction(t("删除…"), lambda: self.remove_requested.emit(item.id))
            menu.addSeparator()
        menu.addAction(t("导入…"), self.import_requested.emit)
        menu.addAction(t("导入文件夹…"), self.import_folder_requested.emit)
        menu.exec(self.view.viewport().mapToGlobal(position))
