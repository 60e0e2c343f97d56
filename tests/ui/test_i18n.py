"""The UI speaks Simplified Chinese, and English on an English system."""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

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
