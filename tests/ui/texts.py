"""What the UI's widgets and dialogs say, and which of it is in the other
language (shared by the language tests)."""

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QWidget,
)

# Names and keys that stay as they are in the Chinese UI.
NOT_ENGLISH = re.compile(
    r"Baipishu|PNG|SVG|GB/T\s*7714|Markdown|RIS|CSL-JSON|BibTeX|Zotero|EndNote|NoteExpress|CSV|PDF|Word|docx|"
    r"Ctrl|Shift|Alt|Enter|Esc|Del|Home|OR|guangfu|YYYY-MM-DD|F\d+"
)
# What stays Chinese in the English UI: a document's title in 《》, the
# names of Chinese units and genres the English text explains (专栏).
NOT_CHINESE = re.compile(r"《[^》]*》|专栏|白皮书阅览")
CJK = re.compile(r"[\u3400-\u9fff]")
# Paths and a file dialog's patterns, (*.txt *.md), are no words.
_PATHS = re.compile(r"(?:/[\w.~-]+)+/?|\(\*[^)]*\)")


def widget_texts(root: QWidget) -> list[str]:
    """Every string ``root`` and its visible widgets show: the title, labels,
    buttons, fields' placeholders, drop-downs, tabs, tooltips, accessible
    names, and a message box's or input dialog's own texts."""
    texts = [root.windowTitle()]
    if isinstance(root, QMessageBox):
        texts += [root.text(), root.informativeText(), root.detailedText()]
    if isinstance(root, QInputDialog):
        texts += [root.labelText(), root.okButtonText(), root.cancelButtonText()]
    if isinstance(root, QProgressDialog):
        texts.append(root.labelText())
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        texts += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
    return [text for text in texts if text]


def other_language(texts: list[str], language: str, *, also: tuple[str, ...] = ()) -> list[str]:
    """The texts holding a word of the language the UI (``language``: "zh" or
    "en") does not speak: an English word in the Chinese UI (names and keys
    aside), a Chinese character in the English one (a document's title in
    《》 aside); the strings in ``also`` (what the test itself chose: paths,
    file names, the document's own text) are left out first."""
    found = []
    for text in texts:
        for name in also:
            text = text.replace(name, "")
        if language == "zh":
            wrong = re.search(r"[A-Za-z]{3,}", NOT_ENGLISH.sub("", _PATHS.sub("", text.replace("&", ""))))
        else:
            wrong = CJK.search(NOT_CHINESE.sub("", text))
        if wrong:
            found.append(text)
    return found
