"""帮助: the guide in the UI's language, About with every licence, and Qt's
own strings in the Chinese UI."""

import re
import tomllib

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QTextBrowser

from app import __version__
from app.ui.help import COMPONENTS, about_html, guide_text
from app.ui.i18n import qt_translated
from app.ui.main_window import MainWindow
from tests.conftest import ROOT

# How a runtime dependency is named in About (where its package name is not).
SHIPPED_AS = {"PySide6-Essentials": "PySide6", "pypdfium2": "PDFium", "readability-lxml": "readability"}


def test_about_names_the_version_and_every_licence() -> None:
    text = about_html()
    assert __version__ in text and "OFL-1.1" in text and "LICENSE-NotoSansCJK.txt" in text
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        name = re.split(r"[=<>\[ ]", requirement)[0]
        shown = SHIPPED_AS.get(name, name)
        assert any(shown.lower() in c.name.lower() for c in COMPONENTS), name
    assert all(c.licence for c in COMPONENTS)


def test_the_guide_is_in_the_ui_s_language() -> None:
    chinese = guide_text(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    english = guide_text(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert chinese.startswith("# 白皮书阅览") and english.startswith("# Baipishu")
    # The same keys in both (one guide, two languages).
    keys = re.compile(r"(?:Ctrl|Alt|Shift)\+[A-Z0-9←→=+-]+|F\d+")
    assert sorted(set(keys.findall(chinese))) == sorted(set(keys.findall(english)))


def test_help_dialogs_open(window: MainWindow) -> None:
    for show, name in ((window.show_guide, "guide"), (window.show_about, "about")):
        dialog = show()
        assert dialog.isVisible() and dialog.findChild(QTextBrowser, name) is not None
        assert dialog.width() <= window.screen().availableGeometry().width()
        dialog.close()


def test_qt_s_own_strings_speak_chinese(window: MainWindow) -> None:
    """The Chinese UI loads Qt's own translation: a dialog's Close button, a
    text field's context menu."""
    assert qt_translated()
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Ok)
    texts = [button.text() for button in buttons.buttons()]
    assert not any(re.search(r"[A-Za-z]{2,}", text) for text in texts), texts
    field = QLineEdit()  # (kept: the menu is its child)
    menu = field.createStandardContextMenu()
    labels = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert labels and not any(re.search(r"[A-Za-z]{3,}", label.split("\t")[0]) for label in labels), labels


def test_the_file_dialog_speaks_chinese(window: MainWindow) -> None:
    """Qt's own file dialog (issue 17: "Look in", "File name", "Open")."""
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

    dialog = QFileDialog(window, "导入文档")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.show()
    texts = [
        w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.isVisibleTo(dialog)
    ]
    assert any(text for text in texts)
    english = [text for text in texts if re.search(r"[A-Za-z]{3,}", text.replace("&", ""))]
    assert english == []
    dialog.close()
