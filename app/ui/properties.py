"""The document properties dialog: the metadata citations are made of.

It shows what the library holds for a document (inferred from its text, or
as the user edited it) and lets the user correct it. Each field shows the
inferred value as its placeholder, so that clearing a field goes back to it.
The dialog checks nothing itself: the service does (one clear sentence,
shown in the dialog, which stays open), and keeps the edits with the user's
data.
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.document.model import Metadata
from app.ui.i18n import mark, t

# The fields shown, in order, with their labels.
FIELDS: tuple[tuple[str, str], ...] = (
    ("title", mark("标题")),
    ("subtitle", mark("副标题")),
    ("issuer", mark("发布机关")),
    ("author", mark("作者（报告人）")),
    ("release_date", mark("日期（YYYY-MM-DD）")),
    ("number", mark("文号")),
    ("kind", mark("文献类别")),
    ("place", mark("出版地")),
    ("url", mark("官方网址")),
)
GENRE_NAMES: dict[str, str] = {
    "white_paper": mark("白皮书"),
    "work_report": mark("政府工作报告"),
    "notice": mark("通知（公文）"),
    "opinion": mark("意见（公文）"),
    "law": mark("法律"),
    "regulation": mark("法规、规章"),
    "text": mark("其他文本"),
}

DIALOG_MIN_WIDTH_PX = 560
# Called with the changed fields; returns an error sentence, or None when done.
ApplyCallback = Callable[[dict[str, str | None]], str | None]


class PropertiesDialog(QDialog):
    """Edit one document's metadata.

    Args:
        metadata: the metadata as the library holds it now.
        inferred: the metadata as inferred from the text (placeholders).
        apply: makes the edits; returns an error sentence or None.
        parent: the window.
    """

    def __init__(self, metadata: Metadata, inferred: Metadata, apply: ApplyCallback, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("propertiesDialog")
        self.setWindowTitle(t("文档属性"))
        self.setMinimumWidth(DIALOG_MIN_WIDTH_PX)
        self._metadata = metadata
        self._apply = apply
        form = QFormLayout()
        self.editors: dict[str, QLineEdit] = {}
        for name, label in FIELDS:
            editor = QLineEdit(str(getattr(metadata, name)), self)
            editor.setObjectName(f"meta_{name}")
            editor.setAccessibleName(t(label))
            editor.setPlaceholderText(str(getattr(inferred, name)))
            form.addRow(t(label), editor)
            self.editors[name] = editor
        self.genre = QComboBox(self)
        self.genre.setObjectName("meta_genre")
        self.genre.setAccessibleName(t("文体"))
        for genre, label in GENRE_NAMES.items():
            self.genre.addItem(t(label), genre)
        self.genre.setCurrentIndex(max(0, self.genre.findData(metadata.genre)))
        form.addRow(t("文体"), self.genre)
        note = t("节选：是（引用时注明）") if metadata.excerpt else t("节选：否")
        form.addRow(t("文本"), QLabel(note, self))
        self.error = QLabel(self)
        self.error.setObjectName("metaError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("取消"))
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def changes(self) -> dict[str, str | None]:
        """The fields the user changed: a new value, or None (cleared: back to
        what was inferred)."""
        changed: dict[str, str | None] = {}
        for name, editor in self.editors.items():
            value = editor.text().strip()
            if value != str(getattr(self._metadata, name)):
                changed[name] = value or None
        genre = self.genre.currentData()
        if genre != self._metadata.genre:
            changed["genre"] = genre
        return changed

    def _on_save(self) -> None:
        changes = self.changes()
        problem = self._apply(changes) if changes else None
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()
