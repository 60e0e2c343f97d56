"""The Qt (PySide6) user interface; the only package that imports Qt.

``create_main_window(library_dir)`` builds the window on an existing
QApplication; ``run(library_dir)`` is the desktop entry point and
``self_test(library_dir)`` the offscreen check behind ``baipishu --self-test``.
"""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool, QTimer
from PySide6.QtGui import QFontDatabase, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from app import __version__
from app.paths import resources_dir
from app.timing import TIMING_ENV, report
from app.ui import settings, single_instance
from app.ui.i18n import english_installed, ensure_translator, in_other_language, install_translator, qt_translated, t
from app.ui.main_window import MainWindow

__all__ = ["create_main_window", "run", "self_test", "MainWindow"]


def create_main_window(library_dir: Path | None = None) -> QMainWindow:
    """Build the main window over a library (None: the user's library), the
    UI language's translations (the app's and Qt's own) installed first."""
    from app.library import Library

    ensure_translator()
    return MainWindow(Library(library_dir))


def _application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QCoreApplication.setOrganizationName(settings.ORGANIZATION)
    QCoreApplication.setApplicationName(settings.APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv)
    report("mark_qapplication")
    load_bundled_fonts(app)
    report("mark_fonts")
    install_translator()
    app.setApplicationDisplayName(t("白皮书阅览"))
    return app


def load_bundled_fonts(app: QApplication) -> list[str]:
    """Register the bundled CJK font and put it behind the default font, so
    Chinese renders on a machine with no CJK font (Latin keeps the system's)."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.otf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if families:
        font = app.font()
        font.setFamilies([font.family(), *families])
        app.setFont(font)
    return families


def run(library_dir: Path | None = None, link: str | None = None) -> int:
    """Start the desktop app (at ``link``, if given) and return its exit status.

    If the app already runs, the link goes to that window and this one exits.
    """
    report("mark_ui_imported")
    app = _application(sys.argv[:1])
    instance = single_instance.claim()
    if instance is None:
        if link:
            single_instance.hand_over(link)
        return 0
    report("mark_instance")
    # The window paints first (its title and a placeholder). Right after, from
    # the event loop: the panels, then the library (SQLite, the search engine).
    window = MainWindow(panels=False)
    # Links from later launches are taken from now on; the window queues
    # them until its library is open (as it does ``link``).
    instance.link_received.connect(window.open_link)
    instance.link_received.connect(window.bring_to_front)
    instance.deliver_waiting()
    if link:
        window.open_link(link)
    if os.environ.get(TIMING_ENV):
        _report_timing(app, window)
    window.show()
    report("mark_shown")

    def open_library() -> None:
        # The segmenter's load (rjieba builds its dictionary, ~0.2 s) starts
        # first, in the background, and runs while the panels and the library
        # are built.
        window.load_segmenter()
        window.build_panels()
        report("mark_panels")
        from app.errors import BaipishuError
        from app.library import Library

        report("mark_library_imported")
        try:
            library = Library(library_dir)
            report("mark_library_opened")
            window.attach_library(library)
        except BaipishuError as exc:
            window.show_fatal(str(exc))

    # Open the library once the window has painted (or after a short wait,
    # should no paint come, e.g. when the window starts minimised).
    _after_first_paint(window, open_library)
    status = app.exec()
    # Background work (the segmenter load, an import) must end before Qt and
    # Python tear down, or finalisation can crash.
    QThreadPool.globalInstance().waitForDone(10_000)
    window.close_library()
    instance.release()
    release_clipboard()
    return status


# Upper bound on how long the library waits for the window's first paint.
FIRST_PAINT_WAIT_MS = 300


class _OnFirstPaint(QObject):
    """Calls back once when the watched widget first paints: right after the
    paint (from the event loop), or ``at_once`` (inside the paint event)."""

    def __init__(self, callback: Callable[[], None], *, at_once: bool = False) -> None:
        super().__init__()
        self.callback: Callable[[], None] | None = callback
        self.at_once = at_once

    def fire(self) -> None:
        callback, self.callback = self.callback, None
        if callback is not None:
            callback()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            if self.at_once:
                self.fire()
            else:
                QTimer.singleShot(0, self.fire)
        return False


def _first_painted(window: MainWindow) -> QWidget:
    """The widget whose first paint shows the window: its central widget
    (the placeholder, when the panels come later)."""
    widget = window.centralWidget()
    assert widget is not None
    return widget


def _after_first_paint(window: MainWindow, callback: Callable[[], None]) -> None:
    watcher = _OnFirstPaint(callback)
    _first_painted(window).installEventFilter(watcher)
    window._first_paint_watcher = watcher  # type: ignore[attr-defined]  # kept alive
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, watcher.fire)


def _report_timing(app: QApplication, window: MainWindow) -> None:
    """With BAIPISHU_TIMING set: print when the window first paints and when a
    search with word ranking has answered, then quit (``make bench``)."""
    painter = _OnFirstPaint(lambda: report("first_paint"), at_once=True)
    _first_painted(window).installEventFilter(painter)
    window._timing_filter = painter  # type: ignore[attr-defined]  # kept alive

    ready: set[str] = set()

    def search_ready(part: str) -> None:
        report(f"{part}_ready")  # the parts, for reading the timeline
        ready.add(part)
        if ready == {"segmenter", "library"}:
            window.searcher_for_thread().search("扶贫小额信贷")
            report("search_ready")
            QTimer.singleShot(0, app.quit)

    window.segmenter_ready.connect(lambda: search_ready("segmenter"))
    window.library_attached.connect(lambda: search_ready("library"))


def release_clipboard() -> None:
    """Empty the clipboard before Qt shuts down on the offscreen platform.

    Qt's offscreen clipboard crashes at exit while it holds MIME data (seen
    with PySide6 6.12); real desktops keep the data for the user.
    """
    if QGuiApplication.platformName() == "offscreen":
        QGuiApplication.clipboard().clear()


def missing_glyphs(text: str) -> list[str]:
    """Characters of ``text`` that the default font (with fallbacks) cannot show."""
    metrics = QFontMetrics(QGuiApplication.font())
    return sorted({c for c in text if not c.isspace() and not metrics.inFontUcs4(ord(c))})


def self_test(library_dir: Path | None = None) -> dict[str, Any]:
    """Build the window offscreen, search, open a hit, copy a figure with its
    citation; return a summary (``ok`` False with a reason on failure)."""
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    summary: dict[str, Any] = {"version": __version__, "ok": False}
    with tempfile.TemporaryDirectory(prefix="baipishu-self-test-") as scratch:
        settings.use_file(str(Path(scratch) / "settings.ini"))
        app = _application(sys.argv[:1])
        window = create_main_window(library_dir or Path(scratch) / "library")
        assert isinstance(window, MainWindow)
        window.show()
        app.processEvents()
        document = window.document
        if document is None:
            summary["reason"] = "the library holds no document"
            return summary
        text = "".join(p.text for p in document.paragraphs)
        missing = missing_glyphs(text)
        summary["fonts"] = {
            "families": len(QFontDatabase.families()),
            "missing_glyphs": len(missing),
            "examples": "".join(missing[:10]),
        }
        shown_texts = window.chrome_sample() + qt_sample()
        summary["language"] = {
            "ui": "en" if english_installed() else "zh_CN",
            "qt_translated": qt_translated(),
            "sample": shown_texts[:6],
            "untranslated": in_other_language(shown_texts),
        }
        searcher = window.searcher_for_thread()
        result = searcher.search("光伏", limit=5)
        summary["search"] = {"query": "光伏", "total": result.total}
        if not result.hits:
            summary["reason"] = "the search for 光伏 found nothing"
            return summary
        window.open_hit(result.hits[0])
        summary["opened"] = result.hits[0].paragraph in window.reader.visible_paragraphs()
        window.figure_cards.setCurrentIndex(window.figure_proxy.index(0, 0))
        window.copy_current_figure()
        clipboard = QGuiApplication.clipboard().text()
        summary["copied"] = clipboard
        window.close()
        # Let background work (the segmenter load) finish before Qt goes away.
        QThreadPool.globalInstance().waitForDone(10_000)
        release_clipboard()
        window.deleteLater()
        app.processEvents()
        if missing:
            summary["reason"] = f"no font shows {len(missing)} characters of the document"
            return summary
        if summary["language"]["untranslated"]:
            summary["reason"] = "the UI shows strings of the other language (a catalogue is missing)"
            return summary
        if not summary["opened"]:
            summary["reason"] = "opening the first hit did not show it"
            return summary
        if not clipboard or "人类减贫的中国实践" not in clipboard:
            summary["reason"] = "copying a figure with its citation failed"
            return summary
        summary["ok"] = True
    return summary


def qt_sample() -> list[str]:
    """What Qt's own widgets say: a button box's buttons, a text field's
    context menu, the file dialog's labels (translated by Qt's catalogue and
    the app's supplement, not by the app's strings)."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QLineEdit

    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    texts = [button.text() for button in buttons.buttons()]
    field = QLineEdit()
    menu = field.createStandardContextMenu()
    texts += [action.text().split("\t")[0] for action in menu.actions() if not action.isSeparator()]
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts += [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    for widget in (menu, field, buttons, dialog):
        widget.deleteLater()
    return [text for text in texts if text]


def print_self_test(library_dir: Path | None = None) -> int:
    """Run :func:`self_test`, print its JSON summary, return the exit status."""
    import json

    summary = self_test(library_dir)
    print(json.dumps(summary, ensure_ascii=False))
    return 0 if summary["ok"] else 1
