"""帮助: the keyboard shortcuts, the user guide (in the UI's language) and
About (the version and the licence of everything the program ships)."""

import html
from dataclasses import dataclass

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from app import __version__
from app.paths import resources_dir
from app.ui.actions import shortcut_rows
from app.ui.i18n import mark, t

# How large a help window opens, in pixels (it never exceeds the screen: see _dialog).
HELP_SIZE_PX = (640, 560)


@dataclass(frozen=True)
class Component:
    """Something the program ships, and its licence."""

    name: str
    licence: str  # (an SPDX identifier, or marked for translation)
    what: str  # (marked for translation)


# Everything the executable carries (tests/ui/test_help.py checks that every
# runtime dependency of pyproject.toml is here).
COMPONENTS: tuple[Component, ...] = (
    Component("Python", "PSF-2.0", mark("解释器")),
    Component("Qt 6 / PySide6-Essentials", "LGPL-3.0-only", mark("窗口界面")),
    Component("SQLite", mark("公有领域"), mark("文库数据库和全文索引")),
    Component("sqlite-utils", "Apache-2.0", mark("写入数据库")),
    Component("rjieba (jieba's dictionary)", "MIT", mark("中文分词")),
    Component("pypinyin", "MIT", mark("拼音搜索")),
    Component("OpenCC (its tables, made at build time)", "Apache-2.0", mark("简繁统一")),
    Component("platformdirs", "MIT", mark("文库存放位置")),
    Component("pypdfium2 and PDFium", "Apache-2.0 / BSD-3-Clause", mark("读取 PDF")),
    Component("python-docx", "MIT", mark("读取 Word 文件")),
    Component("lxml", "BSD-3-Clause", mark("读取 Word 文件和网页")),
    Component("readability-lxml", "Apache-2.0", mark("提取网页正文")),
    Component("markdown-it-py and mdurl", "MIT", mark("读取 Markdown")),
    Component("Noto Sans CJK SC (subset)", "OFL-1.1", mark("中文字体")),
)
FONT_LICENCE = "fonts/LICENSE-NotoSansCJK.txt"


def _dialog(parent: QWidget, name: str, title: str, *, html_text: str = "", markdown: str = "") -> QDialog:
    """A help window named ``name`` (its text browser ``name`` without
    "Dialog"), showing rich text or Markdown."""
    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setAccessibleName(title)
    browser = QTextBrowser(dialog)
    browser.setObjectName(name.removesuffix("Dialog"))
    browser.setAccessibleName(title)
    browser.setOpenExternalLinks(False)
    if markdown:
        browser.setMarkdown(markdown)
    else:
        browser.setHtml(html_text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    screen = parent.screen().availableGeometry()
    dialog.resize(min(HELP_SIZE_PX[0], screen.width() - 40), min(HELP_SIZE_PX[1], screen.height() - 80))
    return dialog


def shortcuts_dialog(parent: QWidget) -> QDialog:
    """帮助 → 键盘快捷键: every command's keys, by menu."""
    rows = "".join(
        f"<tr><td>{html.escape(menu)}</td><td>{html.escape(command)}</td><td><b>{html.escape(keys)}</b></td></tr>"
        for menu, command, keys in shortcut_rows()
    )
    table = (
        f"<table cellpadding='4'><tr><th align='left'>{html.escape(t('菜单'))}</th>"
        f"<th align='left'>{html.escape(t('命令'))}</th><th align='left'>{html.escape(t('按键'))}</th></tr>"
        f"{rows}</table>"
    )
    return _dialog(parent, "shortcutListDialog", t("键盘快捷键"), html_text=table)


def guide_text(locale: QLocale | None = None) -> str:
    """The user guide (Markdown) in the UI's language: English on an English
    system, else Chinese (as the UI itself)."""
    english = (locale or QLocale.system()).language() == QLocale.Language.English
    name = "guide_en.md" if english else "guide_zh_CN.md"
    return (resources_dir() / "help" / name).read_text(encoding="utf-8")


def guide_dialog(parent: QWidget) -> QDialog:
    """帮助 → 使用指南."""
    return _dialog(parent, "guideDialog", t("使用指南"), markdown=guide_text())


def about_html() -> str:
    """What About says: the version, and every component with its licence."""
    rows = "".join(
        f"<tr><td>{html.escape(c.name)}</td><td>{html.escape(t(c.licence))}</td><td>{html.escape(t(c.what))}</td></tr>"
        for c in COMPONENTS
    )
    font_licence = resources_dir() / FONT_LICENCE
    return (
        f"<h2>{html.escape(t('白皮书阅览'))} Baipishu {html.escape(__version__)}</h2>"
        f"<p>{html.escape(t('离线阅读、检索和引用中国政策文件。程序不联网。'))}</p>"
        f"<h3>{html.escape(t('随附的组件及其许可'))}</h3>"
        f"<table cellpadding='3'>{rows}</table>"
        f"<p>{html.escape(t('字体许可全文：'))}<code>{html.escape(str(font_licence))}</code></p>"
    )


def about_dialog(parent: QWidget) -> QDialog:
    """帮助 → 关于白皮书阅览."""
    return _dialog(parent, "aboutDialog", t("关于白皮书阅览"), html_text=about_html())
