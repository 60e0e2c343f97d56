"""Importing many files with worker processes (app.prepare through
Library.import_files): the same library as one file at a time, refusals in
order, large files read here, a stopped import, and no workers at all."""

import multiprocessing
import time
from pathlib import Path

import pytest

import app.library as library_module
from app.errors import BaipishuError
from app.library import ImportOutcome, Library
from app.prepare import PreparedDocument, Workers, prepare
from app.storage import content as store
from tests.conftest import CORPUS, SEED, TEXT_DOCUMENTS, needs_corpus

# Two PDFs of the corpus: a converted format goes through the workers too.
PDFS = sorted(p.name for p in CORPUS.glob("*.pdf"))


def files_to_import(tmp_path: Path) -> list[Path]:
    """The corpus's documents (and the seed), in place, with a file the
    library refuses between them."""
    bad = tmp_path / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 50)
    return [CORPUS / name for name in TEXT_DOCUMENTS[:3]] + [bad] + [CORPUS / name for name in PDFS[:1]] + [SEED]


def snapshot(library: Library) -> list[tuple[object, ...]]:
    """What the library holds of each document: its id, title, parts and what
    search finds in it (a difference in any shows)."""
    found = []
    with library.searcher() as searcher:
        for summary in library.documents():
            document = library.document(summary.id)
            hits = searcher.search("发展", document=summary.id, limit=5)
            found.append(
                (
                    summary.id,
                    summary.title,
                    summary.metadata,
                    tuple((p.id, p.text, p.path, p.lead) for p in document.paragraphs),
                    tuple((n.id, n.kind, n.label) for n in document.nodes),
                    tuple((f.id, f.text, f.value) for f in library.figures(summary.id)),
                    hits.total,
                    tuple(h.paragraph for h in hits.hits),
                    hits.heading_total,
                    "".join(store.source_pieces(library.db, summary.id)),
                )
            )
    vocabulary = sorted(library.db.execute("SELECT pinyin, word, freq FROM search_vocab"))
    return [*found, tuple(map(tuple, vocabulary))]


@needs_corpus
def test_workers_make_the_library_one_at_a_time_makes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = files_to_import(tmp_path)
    with Library(tmp_path / "one") as one:
        expected = []
        for path in files:
            try:
                expected.append(ImportOutcome(path, one.import_file(path), None))
            except BaipishuError as exc:
                expected.append(ImportOutcome(path, None, str(exc)))
        one_by_one = snapshot(one)
    stored: list[str] = []
    store_prepared = Library._store_prepared

    def counted(self: Library, prepared: PreparedDocument) -> str:
        stored.append(prepared.name)
        return store_prepared(self, prepared)

    tidied: list[Library] = []
    tidy = Library.tidy_index

    def tidy_counted(self: Library) -> None:
        tidied.append(self)
        tidy(self)

    monkeypatch.setattr(Library, "tidy_index", tidy_counted)
    monkeypatch.setattr(Library, "_store_prepared", counted)
    monkeypatch.setattr(library_module, "PARALLEL_FROM_BYTES", 0)
    with Library(tmp_path / "many") as many:
        tidied.clear()  # (opening a new library may rebuild, which tidies too)
        outcomes = list(many.import_files(files))
        assert tidied == [many]  # (the index of the new documents tidied once, at the end)
        assert snapshot(many) == one_by_one
    assert outcomes == expected  # in order, the refused file said why, as one at a time says
    assert outcomes[3].refusal and outcomes[3].document_id is None
    # The workers prepared every file that could be read.
    assert stored == [p.name for p in files if p.name != "broken.txt"]


def test_a_large_file_is_read_here_and_the_rest_by_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    small = [tmp_path / f"{n}.txt" for n in range(3)]
    for number, path in enumerate(small):
        path.write_text(
            f"第{number}号文件\n\n一、总则\n\n这是第{number}份文件的正文，共有5项内容。\n", encoding="utf-8"
        )
    large = tmp_path / "large.txt"
    large.write_text("大文件\n\n" + "\n\n".join(f"第{n}段，增长{n}%。" for n in range(3000)) + "\n", encoding="utf-8")
    here: list[str] = []
    one = Library._import_one

    def spied(self: Library, path: Path, progress: object) -> ImportOutcome:
        here.append(path.name)
        return one(self, path, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(Library, "_import_one", spied)
    monkeypatch.setattr(library_module, "PARALLEL_FROM_BYTES", 0)
    monkeypatch.setattr(library_module, "PREPARE_MAX_BYTES", large.stat().st_size - 1)
    with Library(tmp_path / "lib", bundled=[]) as library:
        outcomes = list(library.import_files([small[0], large, small[1], small[2]]))
        assert all(o.document_id for o in outcomes)
        assert [o.path for o in outcomes] == [small[0], large, small[1], small[2]]
        assert len(library.documents()) == 4
    assert here == ["large.txt"]


def test_a_stopped_import_keeps_what_was_yielded_and_leaves_no_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = []
    for number in range(12):
        path = tmp_path / f"{number:02d}.txt"
        path.write_text(f"文件{number}\n\n" + f"第{number}份文件的正文。\n" * 200, encoding="utf-8")
        files.append(path)
    monkeypatch.setattr(library_module, "PARALLEL_FROM_BYTES", 0)
    with Library(tmp_path / "lib", bundled=[]) as library:
        outcomes = library.import_files(files)
        first = next(outcomes)
        outcomes.close()
        assert [d.id for d in library.documents()] == [first.document_id]
    deadline = time.monotonic() + 10
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not multiprocessing.active_children()


def test_a_progress_that_raises_stops_while_a_worker_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Waiting for a worker, the import still asks its progress whether to
    go on (the window's Cancel), and stops with nothing of that file stored."""
    path = tmp_path / "a.txt"
    path.write_text("文件\n\n" + "正文，增长5%。\n" * 20000, encoding="utf-8")

    class Stop(Exception):
        pass

    def stop(done: int, total: int) -> None:
        raise Stop

    monkeypatch.setattr(library_module, "PARALLEL_FROM_BYTES", 0)
    with Library(tmp_path / "lib", bundled=[]) as library:
        with pytest.raises(Stop):
            list(library.import_files([path, path.with_name("b.txt")], progress=stop))
        assert library.documents() == []


def test_without_workers_files_are_imported_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that cannot start workers (the frozen one leaves
    multiprocessing out) imports the same files one at a time."""
    monkeypatch.setattr(Workers, "start", classmethod(lambda cls, count: None))
    monkeypatch.setattr(library_module, "PARALLEL_FROM_BYTES", 0)
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("另一份文件\n\n一、总则\n\n正文。\n", encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(other.read_bytes())
    with Library(tmp_path / "lib", bundled=[]) as library:
        outcomes = list(library.import_files([bad, other, copy]))
        with pytest.raises(BaipishuError) as again:
            library.import_file(other)  # (it is there already)
        assert [d.id for d in library.documents()] == [outcomes[1].document_id]
    assert outcomes[0].document_id is None and outcomes[0].refusal
    assert outcomes[2].document_id is None and outcomes[2].refusal == str(again.value)


def test_prepare_refuses_with_the_sentence_import_says(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    refused = prepare(bad)
    with Library(tmp_path / "lib", bundled=[]) as library, pytest.raises(BaipishuError) as raised:
        library.import_file(bad)
    assert not isinstance(refused, PreparedDocument)
    assert refused.reason == str(raised.value)
