"""Every command of the window, declared once: its menu, its name, its
shortcuts and what it does. The menu bar, the shortcuts, the context menus
and 帮助 → 快捷键 are all made from this table, so that none of them can
list a command the others lack."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from app.ui.i18n import mark, t

# The menus, in the order of the menu bar (the letter after & opens one with Alt).
MENUS: tuple[tuple[str, str], ...] = (
    ("file", mark("文件(&F)")),
    ("edit", mark("编辑(&E)")),
    ("view", mark("视图(&V)")),
    ("go", mark("前往(&G)")),
    ("bookmarks", mark("书签(&B)")),
    ("help", mark("帮助(&H)")),
)


@dataclass(frozen=True)
class Command:
    """One command of the window.

    Attributes:
        name: its object name (``actionImport``) and the key of :data:`COMMANDS`.
        menu: the menu it is in (see :data:`MENUS`).
        title: what the menu says (marked for translation).
        slot: the window's method it calls, or a part's (``annotations.add_note``).
        shortcuts: its keys, the first shown in the menu.
        checkable: a switch (a panel shown or hidden).
        section: commands of one menu with another section are set apart.
        context: "reader": its shortcut works only while the reader has the
            focus (Ctrl+C copies text elsewhere).
    """

    name: str
    menu: str
    title: str
    slot: str
    shortcuts: tuple[str, ...] = ()
    checkable: bool = False
    section: int = 0
    context: str = "window"


COMMANDS: tuple[Command, ...] = (
    Command("actionImport", "file", mark("导入文档…"), "_on_import_requested", ("Ctrl+O",)),
    Command("actionImportFolder", "file", mark("导入文件夹…"), "_on_import_folder_requested", ("Ctrl+Shift+O",)),
    Command("actionExportFigures", "file", mark("导出数据卡片为 CSV…"), "_on_export_figures", ("Ctrl+E",), section=1),
    Command(
        "actionExportNotes",
        "file",
        mark("导出笔记为 Markdown…"),
        "annotations.ask_export_notes",
        ("Ctrl+Shift+E",),
        section=1,
    ),
    Command("actionProperties", "file", mark("文档属性…"), "edit_properties", ("Ctrl+I",), section=2),
    Command("actionRemove", "file", mark("删除文档…"), "remove_current_document", ("Ctrl+Shift+Del",), section=2),
    Command("actionUndoRemove", "file", mark("撤销删除"), "undo_remove", ("Ctrl+Shift+Z",), section=2),
    Command("actionQuit", "file", mark("退出"), "close", ("Ctrl+Q",), section=3),
    Command("actionCopy", "edit", mark("复制段落"), "copy_passage", ("Ctrl+C",), context="reader"),
    Command("actionCopyCited", "edit", mark("复制并引用"), "copy_with_citation", ("Ctrl+Shift+C",)),
    Command("actionCopyFigure", "edit", mark("复制数据卡片并引用"), "copy_current_figure", ("Ctrl+Alt+C",)),
    Command(
        "actionHighlight", "edit", mark("高亮选中的文字"), "annotations.highlight_selection", ("Ctrl+H",), section=1
    ),
    Command("actionNote", "edit", mark("添加笔记…"), "annotations.add_note", ("Ctrl+Shift+N",), section=1),
    Command("actionFind", "edit", mark("页内查找…"), "show_find_bar", ("Ctrl+F",), section=2),
    Command("actionFindNext", "edit", mark("查找下一个"), "find_next", ("F3",), section=2),
    Command("actionFindPrevious", "edit", mark("查找上一个"), "find_previous", ("Shift+F3",), section=2),
    Command("actionSearch", "edit", mark("全文搜索"), "focus_search", ("Ctrl+K",), section=2),
    Command("actionSearchSelection", "edit", mark("搜索选中的文字"), "search_selection", ("Ctrl+Shift+K",), section=2),
    Command("actionZoomIn", "view", mark("放大"), "zoom_in", ("Ctrl+=", "Ctrl++")),
    Command("actionZoomOut", "view", mark("缩小"), "zoom_out", ("Ctrl+-",)),
    Command("actionZoomReset", "view", mark("原始大小"), "zoom_reset", ("Ctrl+0",)),
    Command(
        "actionLeftPanel", "view", mark("显示左侧面板"), "set_left_panel_shown", ("F9",), checkable=True, section=1
    ),
    Command(
        "actionRightPanel",
        "view",
        mark("显示右侧面板"),
        "set_right_panel_shown",
        ("Shift+F9",),
        checkable=True,
        section=1,
    ),
    Command("actionShowToc", "view", mark("目录"), "show_toc_panel", ("Ctrl+1",), section=2),
    Command("actionShowSearch", "view", mark("搜索结果"), "show_search_panel", ("Ctrl+2",), section=2),
    Command("actionShowBookmarks", "view", mark("书签列表"), "show_bookmarks_panel", ("Ctrl+3",), section=2),
    Command("actionShowLibrary", "view", mark("文库"), "show_library_panel", ("Ctrl+4",), section=2),
    Command("actionShowFigures", "view", mark("数据卡片"), "show_figures_panel", ("Ctrl+5",), section=2),
    Command("actionShowBoxes", "view", mark("专栏卡片"), "show_boxes_panel", ("Ctrl+6",), section=2),
    Command("actionShowNotes", "view", mark("笔记"), "show_notes_panel", ("Ctrl+7",), section=2),
    Command("actionBack", "go", mark("后退"), "go_back", ("Alt+Left",)),
    Command("actionForward", "go", mark("前进"), "go_forward", ("Alt+Right",)),
    Command("actionStart", "go", mark("文档开头"), "go_to_start", ("Ctrl+Home",), section=1),
    Command("actionBundled", "go", mark("白皮书《人类减贫的中国实践》"), "open_bundled", ("Ctrl+Shift+H",), section=1),
    Command("actionBookmark", "bookmarks", mark("添加或删除书签"), "annotations.toggle_bookmark", ("Ctrl+D",)),
    Command("actionBookmarkList", "bookmarks", mark("显示书签列表"), "show_bookmarks_panel", ("Ctrl+B",)),
    Command("actionShortcuts", "help", mark("键盘快捷键"), "show_shortcuts", ("Ctrl+/",)),
    Command("actionGuide", "help", mark("使用指南"), "show_guide", ("F1",)),
    Command("actionAbout", "help", mark("关于白皮书阅览"), "show_about", (), section=1),
)


def build_menus(window: QMainWindow, reader: QWidget) -> dict[str, QAction]:
    """The window's menu bar, made from :data:`COMMANDS`: one action per
    command, its shortcuts working wherever the focus is in the window (or
    in the reader, for a reader's command); returns the actions by name."""
    actions: dict[str, QAction] = {}
    bar = window.menuBar()
    for key, title in MENUS:
        menu = bar.addMenu(t(title))
        menu.setObjectName(f"menu{key.capitalize()}")
        section = 0
        for spec in (c for c in COMMANDS if c.menu == key):
            if spec.section != section:
                menu.addSeparator()
                section = spec.section
            action = QAction(t(spec.title), window)
            action.setObjectName(spec.name)
            action.setShortcuts([QKeySequence(keys) for keys in spec.shortcuts])
            action.setCheckable(spec.checkable)
            if spec.context == "reader":
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                reader.addAction(action)
            else:
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
                window.addAction(action)
            slot = command_slot(window, spec)
            if spec.checkable:
                action.setChecked(True)
                action.toggled.connect(slot)
            else:
                action.triggered.connect(lambda _checked=False, slot=slot: slot())
            menu.addAction(action)
            actions[spec.name] = action
    return actions


def command_slot(window: QWidget, spec: Command) -> Callable[..., Any]:
    """The method a command calls: the window's, or one of its parts'
    (``annotations.toggle_bookmark``)."""
    owner: Any = window
    *parts, name = spec.slot.split(".")
    for part in parts:
        owner = getattr(owner, part)
    method: Callable[..., Any] = getattr(owner, name)
    return method


def add_to_menu(menu: QMenu, actions: dict[str, QAction], *names: str) -> None:
    """Put the window's actions ``names`` in a context menu (None: a separator)."""
    for name in names:
        if name == "-":
            menu.addSeparator()
        else:
            menu.addAction(actions[name])


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, command, keys) of every command with keys, for 帮助 → 快捷键."""
    menus = dict(MENUS)
    return [
        (
            t(menus[c.menu]).split("(")[0],
            t(c.title).rstrip("…"),
            " / ".join(QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) for keys in c.shortcuts),
        )
        for c in COMMANDS
        if c.shortcuts
    ]
