"""Faults caused for real: a process killed mid-import and mid-rebuild, and
readers working while another process writes. Nothing is ever half done."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.library import Library
from app.storage import content as store
from tests.conftest import ROOT, SEED_ID
from tests.ledger import Ledger

# A child that imports (or rebuilds) a large document slowly, saying when it
# is half-way, so that the parent can kill it right inside the transaction.
CHILD = r"""
import sys, time
from pathlib import Path
from app.library import Library
folder, action, fraction = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
text = "一、章\n\n" + "\n\n".join(f"独特词语{i}出现在第{i}段,内容。" for i in range(3000))
def progress(done, total):
    # An import reports reading, parsing and storing (a batch at a time, in
    # the write transaction), and indexing on one bar: 0.1 is early in parsing
    # and storing, 0.5 as indexing starts, 1.0 when the last paragraphs are
    # indexed (the vocabulary and the commit follow).
    if done >= total * fraction:
        print("there", flush=True)
        time.sleep(30)  # killed here
with Library(folder) as library:
    if action == "import":
        library.import_text(text, source_name="big.txt", progress=progress)
    else:
        library.import_text(text, source_name="big.txt")
        import app.search.index as index
        add = index.add_document
        def add_then_stall(db, document_id, progress_callback=None):
            add(db, document_id, progress)  # inside the rebuild's transaction
        index.add_document = add_then_stall
        library.rebuild()
"""
# Where the child is killed: fractions of the paragraphs indexed. The middle
# runs in `make test`; the others in `make stress`.
KILL_POINTS = [pytest.param(0.1, marks=pytest.mark.slow), 0.5, pytest.param(1.0, marks=pytest.mark.slow)]


def _run_until(folder: Path, action: str, fraction: float, while_stalled=None) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder), action, str(fraction)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    deadline = time.monotonic() + 120
    for line in child.stdout:
        if line.strip() == "there":
            break
        assert time.monotonic() < deadline
    if while_stalled is not None:
        while_stalled()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def _bookmark(folder: Path) -> None:
    with Library(folder) as library:
        paragraph = library.document(SEED_ID).paragraphs[3].id
        library.user.add_bookmark(SEED_ID, paragraph, "被中断之前的书签")


def _bookmarks_lost(folder: Path) -> int:
    with Library(folder) as library:
        return 1 - len(library.user.bookmarks())


def _state(folder: Path) -> tuple[list[str], int]:
    with Library(folder) as library:
        assert library.recovered is None
        assert [row[0] for row in library.db.execute("PRAGMA quick_check")] == ["ok"]
        with library.searcher() as searcher:
            return [d.id for d in library.documents()], searcher.search("独特词语1").total


@pytest.mark.parametrize("fraction", KILL_POINTS)
def test_killed_mid_import_leaves_the_library_as_it_was(tmp_path: Path, ledger: Ledger, fraction: float) -> None:
    folder = tmp_path / "lib"
    _bookmark(folder)
    seen_by_reader: list[int] = []

    def read_while_writing() -> None:
        # Another process holds the write transaction: readers keep working.
        reader = store.connect(folder / "library.sqlite", read_only=True)
        seen_by_reader.append(len(store.document_rows(reader)))
        reader.close()

    with ledger.attempt("faults injected", f"SIGKILL during an import ({fraction:.0%} of the way)") as attempt:
        _run_until(folder, "import", fraction, read_while_writing)
        attempt.lose(_bookmarks_lost(folder))
        assert seen_by_reader == [1]
        assert _state(folder) == ([SEED_ID], 0)
        assert attempt.lost == 0


@pytest.mark.parametrize("fraction", KILL_POINTS)
def test_killed_mid_rebuild_keeps_the_content(tmp_path: Path, ledger: Ledger, fraction: float) -> None:
    folder = tmp_path / "lib"
    _bookmark(folder)
    with ledger.attempt("faults injected", f"SIGKILL during a rebuild ({fraction:.0%} indexed)") as attempt:
        _run_until(folder, "rebuild", fraction)
        attempt.lose(_bookmarks_lost(folder))
        documents, hits = _state(folder)
        attempt.lose(2 - len(documents))
        assert documents[0] == SEED_ID and len(documents) == 2  # the import before the rebuild is kept
        assert hits == 1111  # 独特词语1, 独特词语10..19, 100..199, 1000..1999: the index is whole
        assert attempt.lost == 0


def test_full_disk_is_reported_and_loses_nothing(tmp_path: Path, ledger: Ledger) -> None:
    import resource

    folder = tmp_path / "lib"
    _bookmark(folder)
    big = tmp_path / "big.txt"
    big.write_text(
        "一、章\n\n" + "\n\n".join(f"第{i}段的内容比较长,用来占满磁盘空间。" * 5 for i in range(20_000)),
        encoding="utf-8",
    )
    limit = sum(p.stat().st_size for p in folder.iterdir()) + 512 * 1024

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    with ledger.attempt("faults injected", "full disk during an import") as attempt:
        result = subprocess.run(
            [sys.executable, "-m", "app", "import", str(big), "--library", str(folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            preexec_fn=small_disk,
            timeout=300,
            check=False,
        )
        attempt.lose(_bookmarks_lost(folder))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "磁盘已满或无法写入" in result.stderr and "文库未改动" in result.stderr, result.stderr
        assert _state(folder) == ([SEED_ID], 0)
        assert attempt.lost == 0


def test_locked_library_is_reported(tmp_path: Path, ledger: Ledger) -> None:
    import sqlite3

    folder = tmp_path / "lib"
    _bookmark(folder)
    holder = sqlite3.connect(folder / "library.sqlite", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another instance in the middle of a write
    try:
        source = tmp_path / "doc.txt"
        source.write_text("一、章\n\n正文。\n", encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "app", "import", str(source), "--library", str(folder)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with ledger.attempt("faults injected", "library locked by another process") as attempt:
        attempt.lose(_bookmarks_lost(folder))
        assert result.returncode == 1
        assert "被锁定" in result.stderr and "Traceback" not in result.stderr
        assert _state(folder) == ([SEED_ID], 0)
        assert attempt.lost == 0


def _read_only_run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI with ``folder`` read-only: a read-only bind mount in a
    private mount namespace as root (root ignores permissions), else chmod."""
    command = [sys.executable, "-m", "app", *args]
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            return subprocess.run(
                command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False
            )
        finally:
            folder.chmod(0o755)
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("running as root without mount namespaces: cannot make a folder read-only")
    script = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"'
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(folder), *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_read_only_library_is_reported_and_kept(tmp_path: Path, ledger: Ledger) -> None:
    folder = tmp_path / "lib"
    _bookmark(folder)
    before = sorted(p.name for p in folder.iterdir())
    with ledger.attempt("faults injected", "read-only library folder") as attempt:
        result = _read_only_run(folder, "search", "光伏", "--library", str(folder))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.strip() in (
            f"文库目录 {folder} 无法写入：所在的磁盘是只读的。",
            f"文库目录 {folder} 无法写入：没有写入权限。",
        ), result.stderr
        # Not taken for a damaged library: nothing set aside, nothing rebuilt.
        assert sorted(p.name for p in folder.iterdir()) == before
        attempt.lose(_bookmarks_lost(folder))
        assert _state(folder) == ([SEED_ID], 0)
        assert attempt.lost == 0


def test_missing_library_folder_that_cannot_be_made_is_reported(tmp_path: Path, ledger: Ledger) -> None:
    parent = tmp_path / "parent"
    parent.mkdir()
    with ledger.attempt("faults injected", "library folder cannot be created"):
        result = _read_only_run(parent, "docs", "--library", str(parent / "new" / "lib"))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"文库目录 {parent / 'new' / 'lib'} 无法写入" in result.stderr, result.stderr
        assert not (parent / "new").exists()
