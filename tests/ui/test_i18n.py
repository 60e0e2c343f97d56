"""The UI speaks Simplified Chinese, and English on an English system."""

import sys
from pathlib import Path

from PySide6.QtWidgets import QMenu, QTextBrowser

from app.ui import create_main_window
from app.ui.main_window import MainWindow
from tests.conftest import ROOT
from tests.ui.conftest import CHINESE, settle, shown_window
from tests.ui.texts import other_language, widget_texts

sys.path.insert(0, str(ROOT / "build"))
import translations


def test_every_ui_string_has_an_english_translation() -> None:
    strings = translations.ui_strings()
    catalogue = translations.catalogue()
    assert len(strings) > 40
    assert sorted(s for s in strings if not catalogue.get(s)) == []


def test_english_window(qtbot, english: None, tmp_path: Path, settings_file: Path) -> None:
    window = create_main_window(tmp_path / "lib")
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert window.left_tabs.tabText(0) == "Contents"
    assert window.right_tabs.tabText(0) == "Figures"
    assert window.search_box.placeholderText().startswith("Search the full text")
    assert window.toc_model.index(0, 0).data() == "二、 (not in this excerpt)"


def test_chinese_by_default(qtbot, tmp_path: Path, settings_file: Path) -> None:
    window = create_main_window(tmp_path / "lib")
    qtbot.addWidget(window)
    assert isinstance(window, MainWindow)
    assert window.left_tabs.tabText(0) == "目录"


def _ui_texts(window: MainWindow) -> list[str]:
    """Every string the window's widgets, tabs, drop-downs and menus show
    (not the documents' own text)."""
    texts = widget_texts(window)
    menus = [menu for action in window.menuBar().actions() if isinstance(menu := action.menu(), QMenu)]
    texts += [menu.title() for menu in menus]
    texts += [a.text() for menu in menus for a in menu.actions()]
    reader_menu = window.reader_menu(window.reader.viewport().rect().center())
    texts += [a.text() for a in reader_menu.actions()]
    reader_menu.close()
    return [text for text in texts if text]


def test_no_english_in_the_chinese_ui(window: MainWindow) -> None:
    texts = _ui_texts(window)
    assert len(texts) > 80
    assert other_language(texts, "zh") == []
    window.edit_properties()  # (and the dialogs the window opens)
    for dialog_texts in (widget_texts(window.properties_dialog), widget_texts(window.show_about())):
        assert other_language(dialog_texts, "zh") == []
    window.properties_dialog.close()
    dialog = window.show_shortcuts()
    listed = dialog.findChild(QTextBrowser, "shortcutList")
    assert listed is not None and other_language(listed.toPlainText().splitlines(), "zh") == []
    dialog.close()


def test_no_chinese_in_the_english_ui(qtbot, english: None, tmp_path: Path, settings_file: Path) -> None:
    """The mirror of the walk above: the English window's widgets, menus and
    the reader's menu say nothing in Chinese (the documents' text aside)."""
    window = shown_window(qtbot, tmp_path / "lib")
    texts = _ui_texts(window)
    assert len(texts) > 80
    assert window.document is not None
    # Chinese on purpose: the document's title (in the window's title), the
    # place a copy will cite (in the document's language, as GB/T 7714 has
    # it), and the search box's example queries.
    kept = (window.document.metadata.title, window.passage_label.text(), "扶贫", "光伏", "贫困", "脱贫", "小额信贷")
    assert other_language(texts, "en", also=kept) == []
    dialog = window.show_shortcuts()
    listed = dialog.findChild(QTextBrowser, "shortcutList")
    assert listed is not None and other_language(listed.toPlainText().splitlines(), "en") == []
    dialog.close()
    settle()


def test_the_self_test_sees_a_missing_qt_catalogue(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """``--self-test`` (run on the built executable by the smoke test in both
    languages) fails when Qt's own Chinese is not found: the file dialog's
    labels and the buttons are English then."""
    from app.ui import i18n, qt_sample

    assert i18n.in_other_language(window.chrome_sample() + qt_sample()) == []
    monkeypatch.setattr(i18n, "QT_CATALOGUE", "qtbase_missing")
    monkeypatch.setattr(i18n, "QT_EXTRA_CATALOGUE", "qt_extra_missing")
    i18n.install_translator(CHINESE)
    try:
        untranslated = i18n.in_other_language(qt_sample())
        assert "Cancel" in untranslated and any(text.replace("&", "").startswith("Look in") for text in untranslated)
    finally:
        monkeypatch.undo()
        i18n.install_translator(CHINESE)
