"""The UI speaks Simplified Chinese, and English on an English system."""

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QMenu, QTextBrowser, QWidget

from app.ui import create_main_window
from app.ui.i18n import install_translator
from app.ui.main_window import MainWindow
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "build"))
import translations


def test_every_ui_string_has_an_english_translation() -> None:
    strings = translations.ui_strings()
    catalogue = translations.catalogue()
    assert len(strings) > 40
    assert sorted(s for s in strings if not catalogue.get(s)) == []


@pytest.fixture()
def english(qapp) -> Iterator[None]:
    if not (ROOT / "resources" / "translations" / "baipishu_en.qm").exists():
        translations.compile_catalogue()
    assert install_translator(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    assert not install_translator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


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


# Names and keys that stay as they are in the Chinese UI.
_NOT_ENGLISH = re.compile(
    r"Baipishu|GB/T\s*7714|Markdown|RIS|CSL-JSON|BibTeX|Zotero|EndNote|NoteExpress|CSV|PDF|Word|docx|"
    r"Ctrl|Shift|Alt|Enter|Esc|Del|Home|OR|guangfu|YYYY-MM-DD|F\d+"
)


def _widget_texts(root: QWidget) -> list[str]:
    """Every string the widgets of ``root`` show: labels, buttons, fields'
    placeholders, drop-downs, tabs, tooltips, accessible names."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QTabWidget

    texts = [root.windowTitle()]
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
    return texts


def _ui_texts(window: MainWindow) -> list[str]:
    """Every string the window's widgets, tabs, drop-downs and menus show
    (not the documents' own text)."""
    texts = _widget_texts(window)
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
    english = [text for text in texts if re.search(r"[A-Za-z]{3,}", _NOT_ENGLISH.sub("", text))]
    assert english == []
    window.edit_properties()  # (and the dialogs the window opens)
    for dialog_texts in (_widget_texts(window.properties_dialog), _widget_texts(window.show_about())):
        assert [text for text in dialog_texts if re.search(r"[A-Za-z]{3,}", _NOT_ENGLISH.sub("", text))] == []
    window.properties_dialog.close()
    dialog = window.show_shortcuts()
    listed = dialog.findChild(QTextBrowser, "shortcutList")
    assert listed is not None and not re.search(r"[A-Za-z]{3,}", _NOT_ENGLISH.sub("", listed.toPlainText()))
    dialog.close()
