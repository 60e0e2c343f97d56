"""The app's entry into Qt (app.ui): start order, self-test, fonts."""

import json
import os
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from app.ui import load_bundled_fonts, missing_glyphs, release_clipboard
from tests.conftest import ROOT, run_app


def test_missing_glyphs_are_found(qapp) -> None:
    assert missing_glyphs("abc ") == []
    assert missing_glyphs("\U0010fffd") == ["\U0010fffd"]  # a private-use character no font has


def test_bundled_fonts_are_put_behind_the_default(qapp) -> None:
    if not list((ROOT / "resources" / "fonts").glob("*.otf")):
        pytest.skip(
            "no bundled font yet: `make font` makes it (make test does, after pytest); build/smoke.sh "
            "checks the built app's fonts on a machine without any"
        )
    default = qapp.font().family()
    families = load_bundled_fonts(qapp)
    assert families and qapp.font().families()[:1] == [default] and families[0] in qapp.font().families()


def test_the_offscreen_clipboard_is_released(qapp) -> None:
    QGuiApplication.clipboard().setText("x")
    release_clipboard()
    assert QGuiApplication.clipboard().text() == ""


def test_app_start_paints_first_then_builds_and_searches(tmp_path: Path) -> None:
    """The real start: the window paints (a placeholder), then the panels and
    the library come, then a search ranked by words answers (the timing hook
    quits there)."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "BAIPISHU_TIMING": "1",
        "BAIPISHU_HOME": str(tmp_path / "lib"),
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    result = run_app(env=environment, timeout=120)  # no arguments: as the desktop starts it
    assert result.returncode == 0, result.stderr
    events = [line.split()[0] for line in result.stdout.splitlines()]
    assert events.index("mark_shown") < events.index("first_paint") < events.index("library_ready"), events
    assert events[-1] == "search_ready", events
    assert {"library_ready", "segmenter_ready"} <= set(events)
    assert "Traceback" not in result.stderr


def test_self_test_command(tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = run_app("--self-test", "--library", str(tmp_path / "lib"), env=environment, timeout=120)
    summary = json.loads(result.stdout)
    assert result.returncode == 0, (summary, result.stderr)
    assert summary["ok"] is True
    assert summary["search"]["total"] == 3
    assert summary["fonts"]["missing_glyphs"] == 0
    assert "人类减贫的中国实践" in summary["copied"]
