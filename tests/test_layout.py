"""The layers hold (docs/decisions/0003-layers.md): the import-linter
contracts of pyproject.toml, run on the real tree and on a copy with a leak."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(project: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of ``project``'s pyproject.toml over its ``app``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache", str(project / "pyproject.toml")],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_tree_keeps_every_contract() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "leak", "contract"),
    [
        ("document/leak.py", "from app.library import Library\n", "Layers"),
        ("search/leak.py", "def f():\n    from app.storage import content\n", "Layers"),
        ("ui/leak.py", "from app.storage.content import connect\n", "Front ends"),
        ("cli/leak.py", "import app.ui\n", "Layers"),
        ("storage/leak.py", "from PySide6 import QtCore\n", "Qt only"),
        ("i18n_leak.py", "from app.document import model\n", "Base modules"),
    ],
)
def test_a_leak_breaks_a_contract(tmp_path: Path, module: str, leak: str, contract: str) -> None:
    """The same contracts fail a copy of the tree with one upward import (an
    import inside a function counts too)."""
    shutil.copytree(ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if module == "i18n_leak.py":
        config = config.replace('source_modules = ["app.errors",', 'source_modules = ["app.i18n_leak", "app.errors",')
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    (tmp_path / "app" / module).write_text(leak, encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode == 1, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout


# Modules with no test file of their own, and why.
UNMIRRORED = {
    "app/__main__.py": "two lines; every command-line test runs `python -m app`",
    "app/errors.py": "exception classes only; raised and matched throughout the suite",
    "app/timing.py": "the start-up timeline; asserted by tests/ui/test_main_window.py",
    "app/document/styles.py": "the style names; every style is cited in tests/document/test_citations.py",
}


def test_tests_mirror_the_packages() -> None:
    """Each module app/X/Y.py has tests/X/test_Y.py (or a reason above)."""
    missing = []
    for module in sorted((ROOT / "app").rglob("*.py")):
        relative = module.relative_to(ROOT)
        if module.name == "__init__.py" and relative.parent != Path("app/ui"):
            continue
        name = "test_ui.py" if module.name == "__init__.py" else f"test_{module.name}"
        folder = relative.parent.relative_to("app")
        if not (ROOT / "tests" / folder / name).exists() and str(relative) not in UNMIRRORED:
            missing.append(str(relative))
    assert missing == []
    for listed in UNMIRRORED:
        assert (ROOT / listed).exists(), listed
