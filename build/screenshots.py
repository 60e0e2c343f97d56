"""Render screenshots of the window into docs/ (``make screenshots``): the
light theme, a dark one, the English UI and an 800×600 screen, each with a
search hit, a selected card and a highlight, so that the selection colours
can be checked against both backgrounds.

Runs offscreen with the system's CJK font (Debian: fonts-noto-cjk), over a
scratch library and scratch settings, so it never touches the user's data.
"""

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QLocale, QThreadPool  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.ui import create_main_window, release_clipboard, settings  # noqa: E402
from app.ui.i18n import install_translator  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

DOCS = ROOT / "docs"
# (file, window size, dark, English)
SHOTS = (
    ("screenshot-main.png", (1400, 860), False, False),
    ("screenshot-dark.png", (1400, 860), True, False),
    ("screenshot-english.png", (1400, 860), False, True),
    ("screenshot-800x600.png", (800, 600), False, False),
)


def dark_palette() -> QPalette:
    """A dark theme as a desktop's would set it."""
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#2f2f2f"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#2f65ca"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.Mid, "#555555"),
        (QPalette.ColorRole.Link, "#8ab4f8"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
    ):
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8a8a8a"))
    return palette


def _settle(app: QApplication) -> None:
    QThreadPool.globalInstance().waitForDone(10_000)
    for _ in range(20):
        app.processEvents()


def shoot(app: QApplication, scratch: Path, name: str, size: tuple[int, int], dark: bool, english: bool) -> None:
    locale = QLocale(QLocale.Language.English if english else QLocale.Language.Chinese)
    install_translator(locale)
    app.setPalette(dark_palette() if dark else app.style().standardPalette())
    window = create_main_window(scratch / "library")
    assert isinstance(window, MainWindow)
    window.resize(*size)
    window.show()
    app.processEvents()
    window.search_box.setText("光伏")
    window.search._timer.stop()
    window.search._on_timer()
    window.search._pool.waitForDone(10_000)
    _settle(app)
    if window.hit_model.rowCount():
        window.search_results.setCurrentIndex(window.hit_model.index(0, 0))
        window.open_hit(window.hit_model.items[0])
    # A highlight beside the search match, as a user's would be.
    paragraph = window.reader.current_passage()
    if paragraph is not None and not window.note_model.rowCount():
        block = window.reader.paragraph_block(paragraph.first.id)
        if block is not None:
            cursor = window.reader.textCursor()
            start = block + len(f"¶{paragraph.first.index}\u00a0")
            cursor.setPosition(start)
            cursor.setPosition(start + min(12, len(paragraph.first.text)), QTextCursor.MoveMode.KeepAnchor)
            window.reader.setTextCursor(cursor)
            window.annotations.highlight_selection("yellow", "示例笔记")
            cursor.clearSelection()
            window.reader.setTextCursor(cursor)
    window.figure_cards.setCurrentIndex(window.figure_proxy.index(0, 0))
    _settle(app)
    window.grab().save(str(DOCS / name))
    if name == "screenshot-main.png":
        window.right_tabs.setCurrentIndex(1)
        app.processEvents()
        window.grab().save(str(DOCS / "screenshot-boxes.png"))
    window.close()
    _settle(app)
    window.close_library()
    print(f"wrote {DOCS / name}")


def main() -> None:
    app = QApplication(sys.argv[:1])
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        settings.use_file(str(Path(scratch) / "settings.ini"))
        for name, size, dark, english in SHOTS:
            shoot(app, Path(scratch), name, size, dark, english)
    install_translator()
    release_clipboard()
    QGuiApplication.processEvents()


if __name__ == "__main__":
    main()
