"""The floor for the start-up benchmark: a bare PySide6 window, built with the
same PyInstaller spec options as Baipishu, reporting when it first paints."""

import sys
import time

print(f"mark_launcher {time.time():.6f}", flush=True)  # as the app's launcher does

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402


class _FirstPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            print(f"first_paint {time.time():.6f}", flush=True)
            QTimer.singleShot(0, self.app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    label = QLabel("floor")
    window.setCentralWidget(label)
    watcher = _FirstPaint(app)
    label.installEventFilter(watcher)
    window.resize(1280, 800)
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
