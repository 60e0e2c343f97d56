"""Fixtures for the Qt tests: a real window over a real library, offscreen."""

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt, QThreadPool
from PySide6.QtGui import QGuiApplication, QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from app.document.model import Document
from app.ui import create_main_window, settings
from app.ui.i18n import install_translator
from app.ui.main_window import MainWindow
from tests.conftest import ROOT

CHINESE = QLocale(QLocale.Language.Chinese, QLocale.Country.China)


@pytest.fixture()
def settings_file(tmp_path: Path) -> Path:
    path = tmp_path / "settings.ini"
    settings.use_file(str(path))
    return path


def shown_window(qtbot, folder: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """A real window over the library in ``folder``, shown, its document rendered."""
    win = create_main_window(folder)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.reader.document().characterCount() > 1000)
    return win


def settle() -> None:
    """Let background work end; clear the clipboard (Qt's offscreen one
    crashes at exit while it holds MIME data)."""
    QThreadPool.globalInstance().waitForDone(10_000)
    QGuiApplication.clipboard().clear()


@pytest.fixture()
def window(qtbot, tmp_path: Path, settings_file: Path) -> Iterator[MainWindow]:
    yield shown_window(qtbot, tmp_path / "library")
    settle()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as an input method commits it (keyClicks cannot do Chinese)."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click_row(qtbot, view: QAbstractItemView, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
    """Click a row of an item view as a user would (scrolled into view first:
    a list of many cards is laid out a batch at a time, so the row may take a
    few turns of the event loop to have a place, as it does for a user)."""

    model = view.model()
    last = model.index(model.rowCount(index.parent()) - 1, 0, index.parent())
    # (Every row placed: until then rows below the last one placed move.)
    qtbot.waitUntil(lambda: view.visualRect(last).isValid(), timeout=5000)
    view.scrollTo(index)
    rect = view.visualRect(index)
    assert rect.isValid(), index
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def select_in_paragraph(win: MainWindow, paragraph_index: int, start: int, end: int) -> str:
    """Select characters start–end of a paragraph's text in the reader, as a
    mouse drag would; return the paragraph's id."""
    paragraph = win.document.paragraphs[paragraph_index]  # type: ignore[union-attr]
    assert win.open_paragraph(paragraph.id)
    block = win.reader.paragraph_block(paragraph.id)
    assert block is not None
    margin = len(f"¶{paragraph.index}\u00a0")
    cursor = win.reader.textCursor()
    cursor.setPosition(block + margin + start)
    cursor.setPosition(block + margin + end, QTextCursor.MoveMode.KeepAnchor)
    win.reader.setTextCursor(cursor)
    return paragraph.id


def shown(window: MainWindow) -> Document:
    """The document the window shows (there must be one)."""
    assert window.document is not None
    return window.document


def speak(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Put the UI in ``language`` ("en" or "zh"): Qt's catalogues and the
    app's, and the core's messages (in the app both follow the system's
    locale). The English catalogue is compiled first if it is not."""
    english = language == "en"
    if english and not (ROOT / "resources" / "translations" / "baipishu_en.qm").exists():
        if str(ROOT / "build") not in sys.path:
            sys.path.insert(0, str(ROOT / "build"))
        import translations

        translations.compile_catalogue()
    monkeypatch.setenv("LANGUAGE", "en" if english else "zh_CN")
    locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates) if english else CHINESE
    assert install_translator(locale) == english


@pytest.fixture()
def english(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The UI in English for one test, Chinese again after it."""
    speak("en", monkeypatch)
    yield
    assert not install_translator(CHINESE)
