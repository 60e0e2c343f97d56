"""Strange files and strange queries: imported faithfully or refused clearly,
never a crash, never a half change."""

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.document.parser import content_characters
from app.errors import DocumentError
from app.library import Library
from app.search.normalize import normalize
from app.search.query import parse_query
from tests.conftest import SEED_ID
from tests.ledger import Ledger

STRANGE = {
    "controls": "一、章\n\n正文\x01\x02\x7f含控制字符。\n",
    "zero-width": "一、章\n\n零\u200b宽\u200d字\ufeff符。\n",
    "bidi": "一、章\n\n方向\u202e覆盖\u202c字符。\n",
    "markup": "一、章\n\n<script>alert(1)</script><img src=x onerror=alert(1)><b>粗</b>&amp;。\n",
    "links": "一、章\n\nfile:///etc/passwd 与 javascript:alert(1) 只是文字。\n",
    "one-huge-paragraph": "一、章\n\n" + "很长的段落没有句号" * 110_000 + "。\n",
    "many-headings": "\n".join(f"{'一二三四五六七八九'[i % 9]}、标题{i}" for i in range(10_000)) + "\n",
    "only-headings": "一、第一章\n(一)第一节\n专栏1 框\n",
    # The same paragraph at the same place: ids p…, p…-2, … p…-20000.
    "one-line-repeated": "一、章\n\n" + "重复的一行。\n" * 20_000,
}


@pytest.mark.parametrize("name", sorted(STRANGE))
def test_strange_documents_are_imported_verbatim(library: Library, ledger: Ledger, name: str) -> None:
    text = STRANGE[name]
    with ledger.attempt("bad inputs", "strange document, imported verbatim"):
        doc_id = library.import_text(text, source_name=f"{name}.txt")
        document = library.document(doc_id)
        # Every character is kept (as literal text: the reader escapes it).
        assert sorted(content_characters(document)) == sorted(c for c in text.removeprefix("\ufeff") if not c.isspace())


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "是空的"), (b"\x00\x00\x00binary", "二进制"), ("截断".encode()[:-2], "截断"), (b"\x81\x20" * 40, "编码")],
)
def test_refused_files_leave_the_library_unchanged(
    library: Library, ledger: Ledger, data: bytes, reason: str, tmp_path: Path
) -> None:
    before = library.documents()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    with ledger.attempt("bad inputs", "unreadable file, refused") as attempt:
        with pytest.raises(DocumentError, match=reason):
            library.import_file(bad)
        attempt.lose(len(set(before) - set(library.documents())))
        assert library.documents() == before


def test_utf16_with_bom_is_imported(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("一、章\n\n双字节编码的正文。\n".encode("utf-16"))
    doc_id = library.import_file(path)
    assert library.document(doc_id).paragraphs[0].text == "双字节编码的正文。"


@pytest.fixture(scope="module")
def seed_searcher(tmp_path_factory: pytest.TempPathFactory):
    library = Library(tmp_path_factory.mktemp("fuzz") / "lib")
    texts = {p.id: normalize(p.text) for p in library.document(SEED_ID).paragraphs}
    with library.searcher() as searcher:
        yield searcher, texts
    library.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60) | st.sampled_from(['"', "-", "OR", "NEAR(", "*", ":", "^", "扶贫 -", '"光伏']))
def test_fuzzed_queries_match_exactly_the_truth(seed_searcher: Any, ledger: Ledger, query: str) -> None:
    with ledger.attempt("bad inputs", "fuzzed query, exact results"):
        searcher, texts = seed_searcher
        _check_query(searcher, texts, query)


def _check_query(searcher, texts, query) -> None:
    result = searcher.search(query, limit=1000)
    found = {hit.paragraph for hit in result.hits}
    parsed = parse_query(query)
    if parsed.empty:
        assert found == set()
        return
    truth = {
        pid
        for pid, text in texts.items()
        if all(any(t.normal in text for t in group) for group in parsed.groups)
        and not any(t.normal in text for t in parsed.excluded)
    }
    if result.pinyin:  # a Latin query read as pinyin: its words' paragraphs
        truth = {pid for pid, text in texts.items() if any(normalize(w) in text for w in result.pinyin)}
    assert found == truth
    assert result.total == len(found)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_fuzzed_queries_at_length(seed_searcher: Any, ledger: Ledger, query: str) -> None:
    """`make stress`: many more fuzzed queries than `make test` tries."""
    with ledger.attempt("bad inputs", "fuzzed query, exact results"):
        searcher, texts = seed_searcher
        _check_query(searcher, texts, query)


def _write_big_document(path: Path, megabytes: int) -> int:
    """A document of random seed characters, chapters every 5,000 paragraphs;
    returns the number of paragraphs."""
    import random

    from tests.conftest import SEED

    chars = [c for c in SEED.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"]
    rng = random.Random(megabytes)
    paragraphs = 0
    with path.open("w", encoding="utf-8") as out:
        while out.tell() < megabytes * 1024 * 1024:
            if paragraphs % 5000 == 0:
                out.write(f"第{paragraphs // 5000 + 1}章 汇编\n\n")
            out.write("".join(rng.choices(chars, k=rng.randint(20, 120))) + f"第{paragraphs}段。\n\n")
            paragraphs += 1
    return paragraphs


# Runs the command line and reports the process's own peak RSS (VmHWM of its
# memory after exec) at exit. The kernel's ru_maxrss of a child would also
# count the parent's pages at fork time: a large test process made every
# import look as large as itself.
_MEASURED_CLI = """
import atexit, sys
def report():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stdout.write("VMHWM " + line.split()[1] + "\\n")
atexit.register(report)
from app.main import main
raise SystemExit(main(sys.argv[1:]))
"""


def _import_measured(path: Path, library: Path) -> tuple[str, float]:
    """Import ``path`` through the command line in a child process; return
    the new document's id and the child's peak RSS in MB."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-c", _MEASURED_CLI, "import", str(path), "--library", str(library)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    peak_kb = next(int(line.split()[1]) for line in lines if line.startswith("VMHWM "))
    document_id = next(line for line in reversed(lines) if not line.startswith("VMHWM "))
    return document_id, peak_kb / 1024


# Peak RSS allowed for an import, whatever the file's size: the program
# (about 140 MB with the segmenter's dictionary) plus fixed buffers (FTS5
# keeps up to 16 MB of new postings per table, one batch of paragraphs).
IMPORT_PEAK_RSS_MB = 400


@pytest.mark.slow
def test_a_100_mb_file_is_imported_whole_in_bounded_memory(tmp_path: Path, ledger: Ledger) -> None:
    """`make stress`: a 100 MB document through the command line; every
    paragraph arrives, the library stays searchable, and memory does not
    grow with the file: the peak for 100 MB stays under a fixed bound, and
    within a few dozen MB of the peak for 10 MB (the text is never whole in
    memory, parts are stored a batch at a time)."""
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    _write_big_document(small, 10)
    paragraphs = _write_big_document(big, 100)
    with ledger.attempt("bad inputs", "a 100 MB file, streamed in bounded memory"):
        _, small_peak_mb = _import_measured(small, tmp_path / "lib-small")
        doc_id, peak_mb = _import_measured(big, tmp_path / "lib")
        print(f"import peak RSS: 10 MB file {small_peak_mb:.0f} MB, 100 MB file {peak_mb:.0f} MB")
        with Library(tmp_path / "lib") as library:
            (summary,) = [d for d in library.documents() if d.id == doc_id]
            with library.searcher() as searcher:
                assert searcher.search(f'"第{paragraphs - 1}段。"').total == 1
        assert summary.paragraphs == paragraphs
        assert peak_mb < IMPORT_PEAK_RSS_MB
        assert peak_mb - small_peak_mb < 90  # ten times the text, not ten times the memory
