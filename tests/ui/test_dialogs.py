"""Every dialog the window can show speaks the UI's language: in Chinese no
English word, in English no Chinese (issue 17: the import summary and the
confirm-removal box were never opened in English)."""

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton, QWidget

from app.ui import create_main_window
from app.ui.i18n import install_translator
from app.ui.main_window import MainWindow
from tests.conftest import SEED_ID
from tests.ui.conftest import CHINESE, select_in_paragraph, settle, shown_window, speak
from tests.ui.texts import other_language, widget_texts

MODAL_POLL_MS = 20


@pytest.fixture(params=["zh", "en"])
def language(request, qapp, monkeypatch) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The UI in Chinese, then in English."""
    speak(request.param, monkeypatch)
    yield request.param
    install_translator(CHINESE)


@contextmanager
def closing_modals() -> Iterator[list[list[str]]]:
    """Read and cancel each modal dialog that opens inside the block (a
    static QMessageBox or QInputDialog or QFileDialog would wait for a user);
    yield the texts of each, in order."""
    seen: list[list[str]] = []

    def close_modal() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            seen.append(widget_texts(dialog))
            dialog.reject()

    timer = QTimer()
    timer.setInterval(MODAL_POLL_MS)
    timer.timeout.connect(close_modal)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()


def test_every_dialog_speaks_the_ui_s_language(
    qtbot,  # type: ignore[no-untyped-def]
    language: str,
    tmp_path: Path,
    settings_file: Path,
) -> None:
    window = shown_window(qtbot, tmp_path / "library")
    window.setObjectName("mainWindow")
    shown: dict[str, list[str]] = {}

    def modal(name: str, call: Callable[[], object], *, waits: bool = False) -> None:
        with closing_modals() as seen:
            call()
            if waits:  # (the dialog opens when background work ends)
                qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
        assert len(seen) == 1, name
        shown[name] = seen[0]

    def opened(name: str, dialog: QWidget) -> None:
        shown[name] = widget_texts(dialog)
        dialog.close()

    # (The properties dialog shows the document's own metadata as it is.)
    assert window.document is not None
    metadata = [v for v in dataclasses.asdict(window.document.metadata).values() if isinstance(v, str) and v]
    window.edit_properties()
    opened("properties", window.properties_dialog)
    opened("about", window.show_about())
    opened("guide", window.show_guide())
    opened("shortcuts", window.show_shortcuts())
    modal("confirm removal", lambda: window.remove_document(SEED_ID))
    assert [d.id for d in window.library.documents()] == [SEED_ID]  # (answered no)
    window.annotations.toggle_bookmark()
    bookmark = window.bookmark_model.items[0]
    modal("rename bookmark", lambda: window.annotations.rename_bookmark(bookmark.document, bookmark.paragraph))
    modal("bookmark note", lambda: window.annotations.note_bookmark(bookmark.document, bookmark.paragraph))
    select_in_paragraph(window, 4, 2, 10)
    modal("add note", window.annotations.add_note)
    note_id = window.annotations.highlight_selection()
    assert note_id is not None
    modal("edit note", lambda: window.annotations.edit_note(note_id))
    for action in ("actionImport", "actionImportFolder", "actionExportFigures", "actionExportNotes"):
        modal(action, window.actions_by_name[action].trigger)
    (png,) = [b for b in window.findChildren(QPushButton) if b.accessibleName().endswith("PNG")]
    modal("export chart", png.click)

    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    modal("import refused", lambda: window.import_file(bad), waits=True)
    folder = tmp_path / "folder"
    folder.mkdir()
    good = "第一条 为了测试，制定本办法。\n第二条 本办法自公布之日起施行。\n"
    (folder / "good.txt").write_text(good, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    window.import_folder(folder)
    progress = window.findChildren(QProgressDialog)
    assert progress, "the folder import shows its progress"
    shown["import progress"] = widget_texts(progress[-1])
    qtbot.waitUntil(lambda: window.import_summary is not None, timeout=20_000)
    summary = window.import_summary
    assert summary is not None
    opened("import summary", summary)

    # (What the test chose: its paths and file names.)
    also = (str(tmp_path), "binary.txt", "empty.txt", "good.txt", "folder", *metadata)
    assert {name: other_language(texts, language, also=also) for name, texts in shown.items()} == {
        name: [] for name in shown
    }
    assert all(shown.values())  # each said something
    settle()


def test_the_fatal_and_the_recovery_messages_speak_it_too(
    qtbot,  # type: ignore[no-untyped-def]
    language: str,
    tmp_path: Path,
    settings_file: Path,
) -> None:
    folder = tmp_path / "library"
    first = create_main_window(folder)
    assert isinstance(first, MainWindow)
    first.close_library()
    settle()
    (folder / "library.sqlite").write_bytes(b"this is not a database at all" * 100)
    with closing_modals() as seen:
        window = create_main_window(folder)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    assert isinstance(window, MainWindow)
    with closing_modals() as fatal:
        window.show_fatal(window.library.recovered or "")
    texts = seen + fatal
    assert len(texts) == 2 and all(texts)
    assert [other_language(t, language, also=(str(tmp_path),)) for t in texts] == [[], []]
    settle()
