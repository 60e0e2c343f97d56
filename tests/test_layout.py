"""The core never imports Qt: only app/ui/ may."""

import ast
from pathlib import Path

from tests.conftest import ROOT

QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_is_free_of_qt() -> None:
    core = [p for p in (ROOT / "app").rglob("*.py") if "ui" not in p.relative_to(ROOT / "app").parts]
    assert core, "no core modules found"
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in _imports(path) if n.startswith(QT_MODULES))
        for path in core
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_layout_checker_sees_qt_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from PySide6.QtWidgets import QWidget\nimport os\n", encoding="utf-8")
    assert "PySide6.QtWidgets" in _imports(probe)
