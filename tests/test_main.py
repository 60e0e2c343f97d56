"""The entry point: a window or a command, chosen without loading either
more than needed; links are checked before a window opens."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, run_app

_run = run_app


def test_no_display_is_explained(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = _run("--library", str(tmp_path / "lib"), env=env)
    assert result.returncode == 1
    assert "DISPLAY" in result.stderr and "Traceback" not in result.stderr


def test_window_path_does_not_load_the_engine() -> None:
    heavy = ("sqlite_utils", "app.search.searcher", "app.library")
    code = f"import sys, app.main, app.cli, app.ui; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "[]"


def test_a_bad_link_is_refused_before_any_window(tmp_path: Path) -> None:
    result = _run("baipishu://../etc/passwd", "--library", str(tmp_path / "lib"))
    assert result.returncode == 1
    assert "不是有效的 Baipishu 链接" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "lib").exists()  # nothing was opened


def test_a_link_cannot_go_with_a_command(tmp_path: Path) -> None:
    result = _run("docs", "baipishu://renlei-jianpin-2021/p2d14939758", "--library", str(tmp_path / "lib"))
    assert result.returncode == 2
    assert "a link opens the window" in result.stderr
