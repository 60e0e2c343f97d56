"""Where things are: bundled files beside app/, the library where asked."""

from pathlib import Path

import pytest

from app import paths
from tests.conftest import ROOT


def test_bundled_folders_in_a_checkout() -> None:
    assert paths.bundle_root() == ROOT
    assert (paths.resources_dir() / "documents").is_dir()
    assert sorted(p.name for p in paths.migrations_dir().glob("*.sql"))[0].startswith("0001_")


def test_library_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.LIBRARY_ENV, str(tmp_path / "mine"))
    assert paths.default_library_dir() == tmp_path / "mine"
    monkeypatch.delenv(paths.LIBRARY_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.default_library_dir() == tmp_path / "data" / paths.APP_NAME
