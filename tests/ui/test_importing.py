"""The window's importer: progress through one dialog, one import at a time,
a folder's refusals summed up."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QProgressDialog

from app.ui.importing import Importer
from app.ui.main_window import MainWindow


def _text(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_one_import_at_a_time(qtbot, window: MainWindow, tmp_path: Path) -> None:
    importer: Importer = window.importer
    first = _text(tmp_path, "a.txt", "关于甲的通知\n\n一、总则\n\n第一段正文。\n" * 50)
    second = _text(tmp_path, "b.txt", "关于乙的通知\n\n一、总则\n\n第二段正文。\n")
    failures: list[str] = []
    importer.file_failed.connect(failures.append)
    with qtbot.waitSignal(importer.file_imported, timeout=20_000) as imported:
        importer.import_file(first)
        assert importer.busy
        importer.import_file(second)  # refused while the first runs
        assert failures == ["另一个导入正在进行，请稍候。"]
    assert not importer.busy
    assert imported.args[0] in {d.id for d in window.library.documents()}
    assert window.findChild(QProgressDialog) is None or not window.findChild(QProgressDialog).isVisible()


def test_a_folder_reports_progress_and_its_refusals(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    _text(folder, "good.txt", "关于丙的通知\n\n一、总则\n\n正文。\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    seen: list[int] = []
    original = Importer._show_progress

    def recorded(progress: QProgressDialog, done: int, total: int) -> None:
        seen.append(done)
        original(progress, done, total)

    monkeypatch.setattr(Importer, "_show_progress", staticmethod(recorded))
    with qtbot.waitSignal(window.importer.batch_imported, timeout=20_000) as batch:
        window.import_folder(folder)
    imported, refused = batch.args
    assert len(imported) == 1 and sorted(name for name, _ in refused) == ["binary.txt", "empty.txt"]
    assert all(reason.endswith("。") for _, reason in refused)  # one sentence each
    assert seen and seen == sorted(seen)  # one bar, forward only
    assert window.import_summary is not None and "binary.txt" in window.import_summary.detailedText()
