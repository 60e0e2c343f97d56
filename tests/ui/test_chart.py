"""The chart panel: a series drawn, and exported as CSV, PNG and SVG files
that other programs read back."""

import csv
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PySide6.QtGui import QImage

from app.ui.main_window import MainWindow


def test_a_change_is_charted_and_exported(qtbot, window: MainWindow, tmp_path: Path) -> None:
    names = [window.series_box.itemText(i) for i in range(window.series_box.count())]
    assert names and any(name.startswith("贫困人口") for name in names)
    row = next(
        i for i, s in enumerate(window.chart_panel.series) if [p.label for p in s.points] == ["2016年", "到2020年"]
    )
    window.series_box.setCurrentIndex(row)
    series = window.chart.series
    assert series is not None and [p.value for p in series.points] == [1315000, 3112300] and series.unit == "家"
    window.right_tabs.setCurrentIndex(2)
    assert not window.chart.grab().isNull()

    assert window.chart_panel.export(tmp_path / "chart.csv")
    with (tmp_path / "chart.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["label", "value", "unit", "figure"] and rows[1][:3] == ["2016年", "1315000", "家"]

    assert window.chart_panel.export(tmp_path / "chart.png")
    image = QImage(str(tmp_path / "chart.png"))
    assert not image.isNull() and image.width() == 640

    assert window.chart_panel.export(tmp_path / "chart.svg")
    root = ElementTree.parse(tmp_path / "chart.svg").getroot()
    texts = [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "2016年" in texts and "3,112,300" in texts
    assert len(list(root.iter("{http://www.w3.org/2000/svg}rect"))) == 3  # the background and two bars

    assert not window.chart_panel.export(tmp_path / "missing" / "chart.svg")  # a folder that is not there
    assert "无法写入" in window.statusBar().currentMessage()
