"""The chart panel: a series of figures as bars, exportable as CSV, PNG and SVG.

A series is what :func:`app.document.figures.figure_series` finds in the
document: the two ends of a change, or the figures that count the same thing.
The chart is drawn with QPainter on screen and into a PNG; the SVG is written
by :func:`app.document.export.series_svg` (no Qt module for it in the
executable). Labels are document text, drawn as plain text (never rich text).
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.document.figures import Series, figure_series
from app.document.model import Document
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


class ChartPanel(QWidget):
    """The 图表 tab: a choice of the document's series, its chart, and the
    export buttons.

    Args:
        status: shows a sentence in the status bar (a failed export).
        parent: the window.
    """

    def __init__(self, status: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status = status
        self._series: list[Series] = []
        self.series_box = QComboBox(self)
        self.series_box.setObjectName("seriesBox")
        self.series_box.setAccessibleName(t("数据系列"))
        self.series_box.currentIndexChanged.connect(self._on_series_changed)
        self.chart = Chart(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.chart)
        buttons = QHBoxLayout()
        for label, suffix in ((t("导出 CSV"), "csv"), (t("导出 PNG"), "png"), (t("导出 SVG"), "svg")):
            button = QPushButton(label, self)
            button.setAccessibleName(t("导出图表为 {}").format(suffix.upper()))
            button.clicked.connect(lambda _checked=False, suffix=suffix: self._on_export(suffix))
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.series_box)
        layout.addWidget(scroll)
        layout.addLayout(buttons)

    def fill(self, document: Document, series: list[Series] | None = None) -> None:
        """Offer ``document``'s series (found again unless given)."""
        self._series = figure_series(document.figures) if series is None else series
        self.series_box.blockSignals(True)
        self.series_box.clear()
        for one in self._series:
            self.series_box.addItem(t("{}（{} 项）").format(one.name, len(one.points)))
        self.series_box.blockSignals(False)
        self._on_series_changed()

    @property
    def series(self) -> list[Series]:
        """The series offered, in the order of the choice."""
        return self._series

    def _on_series_changed(self) -> None:
        row = self.series_box.currentIndex()
        self.chart.set_series(self._series[row] if 0 <= row < len(self._series) else None)

    def _on_export(self, suffix: str) -> None:
        if self.chart.series is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, t("导出图表"), f"chart.{suffix}", f"{suffix.upper()} (*.{suffix})")
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> bool:
        """Write the chart's series to ``path``: CSV, PNG or SVG by its
        suffix; False (said in the status bar) on failure."""
        from app.document.export import series_svg, write_series_csv

        series = self.chart.series
        if series is None:
            return False
        suffix = path.suffix.lower()
        try:
            if suffix == ".png":
                if not self.chart.save_png(path):
                    raise OSError(0, t("图片未能写入"))
                return True
            if suffix == ".svg":
                path.write_text(series_svg(series), encoding="utf-8")
            else:  # With a byte-order mark: spreadsheet programs then read it as UTF-8.
                with path.open("w", encoding="utf-8-sig", newline="") as out:
                    write_series_csv(series, out)
        except OSError as exc:
            self._status(t("无法写入 {}：{}").format(path, exc.strerror))
            return False
        return True
