"""The menus: every command in them, with its keys, reachable by keyboard,
named for screen readers; the commands do what they say."""

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QTextBrowser, QWidget

from app.ui.actions import COMMANDS, MENUS, command_slot, shortcut_rows
from app.ui.main_window import COMPACT_BELOW_PX, MainWindow
from tests.conftest import SEED_ID


def _menus(window: MainWindow) -> list[QMenu]:
    return [menu for action in window.menuBar().actions() if isinstance(menu := action.menu(), QMenu)]


def test_the_menu_bar_holds_every_command(window: MainWindow) -> None:
    menus = _menus(window)
    assert [menu.title().split("(")[0] for menu in menus] == ["文件", "编辑", "视图", "前往", "书签", "帮助"]
    shown = {action.objectName() for menu in menus for action in menu.actions() if not action.isSeparator()}
    assert shown == {c.name for c in COMMANDS}
    for spec in COMMANDS:
        assert callable(command_slot(window, spec)), spec.slot


def test_every_menu_action_is_reachable_by_keyboard_and_named(window: MainWindow) -> None:
    """Each menu opens with Alt and its letter; each action has a name a
    screen reader says; no two commands share a key."""
    keys: dict[str, str] = {}
    for menu in _menus(window):
        title = menu.title()
        assert "&" in title and title[title.index("&") + 1].isalpha(), title  # (Alt+letter)
        for action in menu.actions():
            if action.isSeparator():
                continue
            assert action.text().replace("&", "").strip(), action.objectName()
            for sequence in action.shortcuts():
                text = sequence.toString()
                assert text not in keys, f"{text}: {keys.get(text)} and {action.objectName()}"
                keys[text] = action.objectName()
    assert len(keys) >= 30
    mnemonics = [menu.title()[menu.title().index("&") + 1].lower() for menu in _menus(window)]
    assert len(set(mnemonics)) == len(MENUS)


def test_the_shortcut_list_is_the_menus_own(window: MainWindow) -> None:
    dialog = window.show_shortcuts()
    browser = dialog.findChild(QTextBrowser, "shortcutList")
    assert browser is not None
    listed = browser.toPlainText()
    for _menu, command, keys in shortcut_rows():
        assert command in listed and keys in listed
    assert "Ctrl+F" in listed and "F3" in listed
    dialog.close()


def test_commands_do_what_they_say(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    actions = window.actions_by_name
    actions["actionLeftPanel"].trigger()
    assert not window.left_tabs.isVisible() and not actions["actionLeftPanel"].isChecked()
    actions["actionShowLibrary"].trigger()  # (a panel asked for comes back)
    assert window.left_tabs.isVisible() and window.left_tabs.currentWidget() is window.library_panel
    assert actions["actionLeftPanel"].isChecked()
    before = window.reader.font().pointSizeF()
    actions["actionZoomIn"].trigger()
    assert window.reader.font().pointSizeF() > before
    actions["actionZoomReset"].trigger()
    assert window.reader.font().pointSizeF() == before
    actions["actionFindNext"].trigger()  # (no find yet: the find bar opens)
    assert window.find_bar.isVisible()
    window.find_bar.setText("贫困")
    first = window.find_count.text()
    actions["actionFindNext"].trigger()
    assert first.startswith("1/") and window.find_count.text().startswith("2/")
    actions["actionFindPrevious"].trigger()
    assert window.find_count.text() == first
    window.close_find_bar()
    actions["actionShowFigures"].trigger()
    assert window.right_tabs.isVisible() and window.focusWidget() is window.figure_cards


def test_keys_reach_the_commands(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    window.reader.setFocus()
    qtbot.keyClick(window.reader, Qt.Key.Key_F9)
    assert not window.left_tabs.isVisible()
    qtbot.keyClick(window.reader, Qt.Key.Key_F9)
    assert window.left_tabs.isVisible()
    qtbot.keyClick(window.reader, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.left_tabs.currentWidget() is window.toc_page


def test_the_reader_s_context_menu_acts_on_the_paragraph_under_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    reader = window.reader
    paragraph = window.document.paragraphs[3]  # type: ignore[union-attr]
    assert window.open_paragraph(paragraph.id)
    rect = reader.cursorRect(reader.textCursor())
    menu = window.reader_menu(QPoint(rect.left() + 20, rect.center().y()))
    names = [action.objectName() or action.text() for action in menu.actions() if not action.isSeparator()]
    assert names[:4] == ["actionCopy", "actionCopyCited", "actionBookmark", "actionSearchSelection"]
    assert all(action.text() and "Copy" not in action.text() for action in menu.actions() if not action.isSeparator())
    assert window.current_passage() == (paragraph.id,)
    cited = next(a for a in menu.actions() if a.objectName() == "actionCopyCited")
    cited.trigger()
    clipboard = QApplication.clipboard()
    assert paragraph.text[:10] in clipboard.text() and "人类减贫的中国实践" in clipboard.text()
    menu.close()
    clipboard.clear()


def test_the_bundled_paper_is_one_command_away(qtbot, tmp_path: Path, settings_file: Path) -> None:  # type: ignore[no-untyped-def]
    from app.library import Library
    from tests.ui.conftest import settle, shown_window

    folder = tmp_path / "library"
    with Library(folder) as library:
        other = library.import_text("《测试文件》\n\n一、总则\n\n全市建成学校5所。\n", source_name="t.txt")
    win = shown_window(qtbot, folder)
    win.show_document(other)
    win.actions_by_name["actionBundled"].trigger()
    assert win.document_id == SEED_ID
    settle()


def test_a_small_screen_gets_a_window_that_fits_and_a_compact_layout(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    window.resize(800, 600)
    assert window.compact and not window.right_tabs.isVisible()
    assert window.reader.width() >= window.fontMetrics().horizontalAdvance("中") * 24 - 40
    window.resize(COMPACT_BELOW_PX + 200, 800)
    assert not window.compact and window.right_tabs.isVisible()  # (it went by itself: it comes back)
    window.set_right_panel_shown(False)  # (the user's own choice stays)
    window.resize(COMPACT_BELOW_PX + 300, 800)
    assert not window.right_tabs.isVisible()


def test_the_window_has_its_icon(window: MainWindow) -> None:
    assert not window.windowIcon().isNull()
    assert window.windowIcon().availableSizes() and max(s.width() for s in window.windowIcon().availableSizes()) >= 256


def test_every_command_s_keys_are_keys() -> None:
    for spec in COMMANDS:
        for keys in spec.shortcuts:
            assert not QKeySequence(keys).isEmpty(), (spec.name, keys)


def test_tab_walks_every_panel_and_comes_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Keyboard only: Tab goes from the search box through the toolbar, the
    left panel, the reader (one press: not through its links) and the right
    panel back to the search box; each stop has an accessible name."""
    window.resize(1400, 900)  # (wide: no panel folded away)
    assert window.right_tabs.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.search_box.setFocus()
    qtbot.waitUntil(window.search_box.hasFocus)
    stops: list[QWidget] = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        assert focused is not None
        if stops and focused is window.search_box:
            break
        stops.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    names = [w.objectName() for w in stops]
    assert focused is window.search_box, names  # (round)
    assert names.count("reader") == 1
    for panel in ("tocTree", "reader", "figureCards"):
        assert panel in names
    assert names.index("tocTree") < names.index("reader") < names.index("figureCards")
    assert [w for w in stops if not w.accessibleName() and not getattr(w, "text", lambda: "")()] == []
