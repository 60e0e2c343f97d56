"""Shared fixtures: the real seed document, parsed, and real library folders."""

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.document.model import Document
from app.document.parser import parse_file
from app.library import Library, bundled_documents
from tests.ledger import Ledger

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "resources" / "documents" / "renlei-jianpin-zhongguo-shijian-2021.txt"
SEED_ID = "renlei-jianpin-2021"
# Real documents of several genres, read in place (never copied here).
CORPUS = ROOT.parent / "shared" / "corpus"
TEXT_DOCUMENTS = sorted(
    p.name for p in CORPUS.glob("*") if p.suffix in (".txt", ".md") and p.with_suffix(".outline.json").exists()
)
needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"{CORPUS} is absent: the shared corpus is laid beside the project in CI"
)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed() -> Document:
    """The bundled white paper, parsed with its bundled metadata."""
    (bundled,) = [b for b in bundled_documents() if b.metadata.id == SEED_ID]
    return parse_file(bundled.path, bundled.metadata)


@pytest.fixture()
def library(tmp_path: Path) -> Iterator[Library]:
    """A new library folder holding the bundled document."""
    with Library(tmp_path / "library") as lib:
        yield lib


def paragraph_starting(document: Document, prefix: str):
    """The one paragraph whose text starts with ``prefix``."""
    found = [p for p in document.paragraphs if p.text.startswith(prefix)]
    assert len(found) == 1, (prefix, len(found))
    return found[0]


_LEDGER = Ledger()


@pytest.fixture(scope="session")
def ledger() -> Ledger:
    """The run's stress ledger (printed at the end of the run)."""
    return _LEDGER


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _LEDGER.tallies:
        terminalreporter.write_sep("=", "faults and bad inputs")
        terminalreporter.write_line(_LEDGER.table())


def run_app(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``python -m app ARGS`` from the project as a child process (the
    environment is the test's, or ``env`` when given), its output as text."""
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=timeout,
        check=False,
    )
