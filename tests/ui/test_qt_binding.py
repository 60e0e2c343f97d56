"""The Qt binding keeps Python's reference counts (docs/decisions/0011)."""

import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QWidget

CALLS = 3000


def test_void_calls_leave_nones_count_alone(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)

    def nothing() -> None:
        pass

    before = sys.getrefcount(None)
    for _ in range(CALLS):
        QCoreApplication.processEvents()
        widget.update()
        QTimer.singleShot(0, nothing)
    QCoreApplication.processEvents()
    # (Other code may take or drop a few references meanwhile; the broken
    # binding dropped one per call: thousands.)
    assert abs(sys.getrefcount(None) - before) < CALLS // 10
