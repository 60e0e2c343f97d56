"""Render screenshots of the window into docs/ (``make screenshots``).

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

from PySide6.QtCore import QThreadPool  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.ui import create_main_window, release_clipboard, settings  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402

DOCS = ROOT / "docs"


def main() -> None:
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as scratch:
        settings.use_file(str(Path(scratch) / "settings.ini"))
        window = create_main_window(Path(scratch) / "library")
        assert isinstance(window, MainWindow)
        window.resize(1400, 860)
        window.show()
        app.processEvents()
        window.search_box.setText("光伏")
        window.search._timer.stop()
        window.search._on_timer()
        QThreadPool.globalInstance().waitForDone(10_000)
        window.search._pool.waitForDone(10_000)
        for _ in range(20):
            app.processEvents()
        if window.hit_model.rowCount():
            window.open_hit(window.hit_model.items[0])
        window.figure_cards.setCurrentIndex(window.figure_proxy.index(0, 0))
        app.processEvents()
        DOCS.mkdir(exist_ok=True)
        window.grab().save(str(DOCS / "screenshot-main.png"))
        window.right_tabs.setCurrentIndex(1)
        app.processEvents()
        window.grab().save(str(DOCS / "screenshot-boxes.png"))
        print(f"wrote {DOCS / 'screenshot-main.png'} and {DOCS / 'screenshot-boxes.png'}")
        window.close()
        QThreadPool.globalInstance().waitForDone(10_000)
        release_clipboard()
        QGuiApplication.processEvents()


if __name__ == "__main__":
    main()
