"""Faults caused for real: a process killed mid-import and mid-rebuild, and
readers working while another process writes. Nothing is ever half done."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import store
from app.library import Library
from tests.conftest import ROOT, SEED_ID

# A child that imports (or rebuilds) a large document slowly, saying when it
# is half-way, so that the parent can kill it right inside the transaction.
CHILD = r"""
import sys, time
from pathlib import Path
from app.library import Library
folder, action = Path(sys.argv[1]), sys.argv[2]
text = "一、章\n\n" + "\n\n".join(f"独特词语{i}出现在第{i}段,内容。" for i in range(3000))
def progress(done, total):
    if done >= total // 2:
        print("half", flush=True)
        time.sleep(30)  # killed here
with Library(folder) as library:
    if action == "import":
        library.import_text(text, source_name="big.txt", progress=progress)
    else:
        library.import_text(text, source_name="big.txt")
        import app.search_index as index
        add = index.add_document
        def add_then_stall(db, document_id, progress_callback=None):
            add(db, document_id, progress)  # inside the rebuild's transaction
        index.add_document = add_then_stall
        library.rebuild()
"""


def _run_until_half(folder: Path, action: str, after_half=None) -> None:  # type: ignore[no-untyped-def]
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), action], cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    deadline = time.monotonic() + 120
    for line in child.stdout:
        if line.strip() == "half":
            break
        assert time.monotonic() < deadline
    if after_half is not None:
        after_half()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def _state(folder: Path) -> tuple[list[str], int]:
    with Library(folder) as library:
        assert library.recovered is None
        assert [row[0] for row in library.db.execute("PRAGMA quick_check")] == ["ok"]
        with library.searcher() as searcher:
            return [d.id for d in library.documents()], searcher.search("独特词语1").total


def test_killed_mid_import_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    Library(folder).close()
    seen_by_reader: list[int] = []

    def read_while_writing() -> None:
        # Another process holds the write transaction: readers keep working.
        reader = store.connect(folder / "library.sqlite", read_only=True)
        seen_by_reader.append(len(store.document_rows(reader)))
        reader.close()

    _run_until_half(folder, "import", read_while_writing)
    assert seen_by_reader == [1]
    assert _state(folder) == ([SEED_ID], 0)


@pytest.mark.parametrize("action", ["rebuild"])
def test_killed_mid_rebuild_keeps_the_content(tmp_path: Path, action: str) -> None:
    folder = tmp_path / "lib"
    _run_until_half(folder, action)
    documents, hits = _state(folder)
    assert documents[0] == SEED_ID and len(documents) == 2  # the import before the rebuild is kept
    assert hits == 1111  # 独特词语1, 独特词语10..19, 100..199, 1000..1999: the index is whole


def test_full_disk_is_reported_and_loses_nothing(tmp_path: Path) -> None:
    import resource

    folder = tmp_path / "lib"
    Library(folder).close()
    big = tmp_path / "big.txt"
    big.write_text("一、章\n\n" + "\n\n".join(f"第{i}段的内容比较长,用来占满磁盘空间。" * 5 for i in range(20_000)),
                   encoding="utf-8")
    limit = sum(p.stat().st_size for p in folder.iterdir()) + 512 * 1024

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "app", "import", str(big), "--library", str(folder)], cwd=ROOT,
        capture_output=True, text=True, encoding="utf-8", preexec_fn=small_disk, timeout=300, check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "磁盘已满或无法写入" in result.stderr and "文库未改动" in result.stderr, result.stderr
    assert _state(folder) == ([SEED_ID], 0)


def test_locked_library_is_reported(tmp_path: Path) -> None:
    import sqlite3

    folder = tmp_path / "lib"
    Library(folder).close()
    holder = sqlite3.connect(folder / "library.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another instance in the middle of a write
    try:
        source = tmp_path / "doc.txt"
        source.write_text("一、章\n\n正文。\n", encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "app", "import", str(source), "--library", str(folder)], cwd=ROOT,
            capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 1
    assert "被锁定" in result.stderr and "Traceback" not in result.stderr
    assert _state(folder) == ([SEED_ID], 0)
