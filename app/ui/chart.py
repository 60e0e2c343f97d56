"""The chart panel: a series of figures as bars, exportable as CSV, PNG and SVG.

A series is what :func:`app.document.figures.figure_series` finds in the
document: the two ends of a change, or the figures that count the same thing.
The chart is drawn with QPainter on screen and into a PNG; the SVG is written
by :func:`app.document.export.series_svg` (no Qt module for it in the
executable). Labels are document text, drawn as plain text (never rich text).
"""

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from app.document.figures import Series
from app.ui.i18n import t

CHART_MARGIN_PX = 12
LABEL_WIDTH_PX = 120
ROW_HEIGHT_PX = 28
EXPORT_WIDTH_PX = 640


def _number(value: float | int) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


class Chart(QWidget):
    """Draws one series as horizontal bars, a row per figure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureChart")
        self.setAccessibleName(t("数据图表"))
        self.series: Series | None = None
        self.setMinimumHeight(ROW_HEIGHT_PX * 3)

    def set_series(self, series: Series | None) -> None:
        """Show ``series`` (None: nothing)."""
        self.series = series
        rows = len(series.points) + 1 if series else 1
        self.setMinimumHeight(CHART_MARGIN_PX * 2 + ROW_HEIGHT_PX * rows)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, self.minimumHeight())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self.draw(painter, self.width(), self.height())
        finally:
            painter.end()

    def draw(self, painter: QPainter, width: int, height: int) -> None:
        """Draw the chart on ``painter`` in a ``width`` × ``height`` area."""
        palette = self.palette()
        painter.fillRect(0, 0, width, height, palette.color(QPalette.ColorRole.Base))
        text_color = palette.color(QPalette.ColorRole.Text)
        painter.setPen(text_color)
        if self.series is None or not self.series.points:
            painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, t("本文档没有可成图的数据系列"))
            return
        series = self.series
        unit = series.unit or ""
        title = QRectF(CHART_MARGIN_PX, CHART_MARGIN_PX, width - 2 * CHART_MARGIN_PX, ROW_HEIGHT_PX)
        painter.drawText(
            title,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            f"{series.name}（{unit}）" if unit else series.name,
        )
        largest = max(abs(p.value) for p in series.points) or 1
        bar_space = max(10, width - 2 * CHART_MARGIN_PX - LABEL_WIDTH_PX - 90)
        bar_color = QColor(palette.color(QPalette.ColorRole.Highlight))
        for row, point in enumerate(series.points, start=1):
            top = CHART_MARGIN_PX + row * ROW_HEIGHT_PX
            label = QRectF(CHART_MARGIN_PX, top, LABEL_WIDTH_PX - 6, ROW_HEIGHT_PX)
            elided = painter.fontMetrics().elidedText(point.label, Qt.TextElideMode.ElideRight, int(label.width()))
            painter.drawText(label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elided)
            length = bar_space * abs(point.value) / largest
            bar = QRectF(CHART_MARGIN_PX + LABEL_WIDTH_PX, top + 5, max(1.0, length), ROW_HEIGHT_PX - 10)
            painter.fillRect(bar, bar_color)
            value = QRectF(bar.right() + 6, top, 90, ROW_HEIGHT_PX)
            painter.drawText(value, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _number(point.value))

    def export_height(self) -> int:
        rows = len(self.series.points) + 1 if self.series else 1
        return CHART_MARGIN_PX * 2 + ROW_HEIGHT_PX * rows

    def save_png(self, path: Path) -> bool:
        """Write the chart as a PNG image; False if it could not be written."""
        image = QImage(EXPORT_WIDTH_PX, self.export_height(), QImage.Format.Format_ARGB32)
        painter = QPainter(image)
        try:
            self.draw(painter, EXPORT_WIDTH_PX, self.export_height())
        finally:
            painter.end()
        return bool(image.save(str(path)))  # the format from the suffix
