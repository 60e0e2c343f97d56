"""The library on real SQLite files: bundled content, import, removal, rebuild."""

import hashlib
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import app.library as library_module
from app.document.model import ROWS_CHUNK, Document
from app.errors import BaipishuError, DocumentError, LibraryError, NotFoundError
from app.library import LIBRARY_FILE, Library
from app.storage import content as store
from tests.conftest import CORPUS, ROOT, SEED_ID, needs_corpus

SMALL = "《小文档》\n\n一、总则\n\n本办法自发布之日起施行,共有3所学校。\n"


def test_new_library_holds_the_bundled_document(library: Library, seed: Document) -> None:
    (summary,) = library.documents()
    assert summary.id == SEED_ID
    assert summary.title == "人类减贫的中国实践"
    assert summary.metadata.issuer == "中华人民共和国国务院新闻办公室"
    assert summary.metadata.release_date == "2021-04-06"
    assert (summary.paragraphs, summary.figures) == (46, 101)
    assert summary.bundled and summary.truncated and summary.fragment


def test_round_trip_equals_parse(library: Library, seed: Document) -> None:
    # Reads never need the source text again: the stored document is the parsed one.
    assert library.document(SEED_ID) == seed


def test_reopen_keeps_content_without_reparsing(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as first:
        first.import_text(SMALL, source_name="small.txt")
        before = first.documents()
    with Library(folder) as second:
        assert second.documents() == before


def test_import_and_remove(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "小文档.txt"
    path.write_text(SMALL, encoding="gb18030")
    doc_id = library.import_file(path)
    assert [d.id for d in library.documents()] == [SEED_ID, doc_id]
    document = library.document(doc_id)
    assert document.title == "小文档"
    assert [f.text for f in document.figures] == ["3所"]
    with pytest.raises(DocumentError, match=doc_id):
        library.import_file(path)  # the same text again
    library.remove(doc_id)
    assert [d.id for d in library.documents()] == [SEED_ID]
    with pytest.raises(NotFoundError):
        library.document(doc_id)


def test_import_with_title(library: Library) -> None:
    doc_id = library.import_text(SMALL, source_name="x.txt", title="另一个标题")
    assert library.document(doc_id).title == "另一个标题"


def test_refused_import_leaves_library_unchanged(library: Library, tmp_path: Path) -> None:
    before = library.documents()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    with pytest.raises(DocumentError, match="二进制"):
        library.import_file(bad)
    assert library.documents() == before


def test_removed_bundled_document_stays_removed(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as lib:
        lib.remove(SEED_ID)
        assert lib.documents() == []
    with Library(folder) as lib:
        assert lib.documents() == []


def test_rebuild_keeps_ids_and_imports(library: Library) -> None:
    doc_id = library.import_text(SMALL, source_name="small.txt")
    before = {d.id: library.document(d.id) for d in library.documents()}
    calls: list[tuple[int, int]] = []
    library.rebuild(progress=lambda done, total: calls.append((done, total)))
    after = {d.id: library.document(d.id) for d in library.documents()}
    assert after == before
    assert calls == [(1, 2), (2, 2)]
    assert doc_id in after


def test_updated_bundled_text_is_reparsed(tmp_path: Path, seed_text: str) -> None:
    from app.library import BundledDocument, bundled_documents

    (original,) = bundled_documents()
    folder = tmp_path / "lib"
    with Library(folder) as lib:
        user_doc = lib.import_text(SMALL, source_name="small.txt")
    newer = tmp_path / "newer.txt"
    newer.write_text(seed_text + "。\n", encoding="utf-8")
    with Library(folder, bundled=[BundledDocument(original.metadata, newer)]) as lib:
        assert not lib.document(SEED_ID).truncated
        assert user_doc in [d.id for d in lib.documents()]


def test_lookups(library: Library, seed: Document) -> None:
    paragraph = seed.paragraphs[4]
    ref = library.paragraph(paragraph.id)
    assert ref.paragraph == paragraph
    assert ref.document.id == SEED_ID
    assert library.paragraph(f"{SEED_ID}/{paragraph.id}").paragraph == paragraph
    metadata, figure = library.figure(seed.figures[0].id)
    assert figure == seed.figures[0]
    with pytest.raises(NotFoundError):
        library.paragraph("p0000000000")
    with pytest.raises(NotFoundError):
        library.paragraph(f"other/{paragraph.id}")


def _damaged_library(tmp_path: Path, damage: str) -> Path:
    """A library with an import and a bookmark, then damaged in some way."""
    folder = tmp_path / "lib"
    with Library(folder) as library:
        library.import_text(SMALL, source_name="small.txt")
        paragraph = library.document(SEED_ID).paragraphs[0].id
        library.user.add_bookmark(SEED_ID, paragraph, "第1段")
    path = folder / LIBRARY_FILE
    if damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif damage == "garbage":
        path.write_bytes(b"this is not a database at all" * 100)
    elif damage == "foreign":
        path.unlink()
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE other (x)")
        conn.commit()
        conn.close()
    return folder


@pytest.mark.parametrize("damage", ["truncated", "garbage", "foreign"])
def test_damaged_library_is_set_aside_and_rebuilt(tmp_path: Path, damage: str) -> None:
    folder = _damaged_library(tmp_path, damage)
    with Library(folder) as library:
        assert library.recovered is not None and "已损坏" in library.recovered
        titles = {d.title for d in library.documents()}
        assert "人类减贫的中国实践" in titles
        with library.searcher() as searcher:
            assert searcher.search("光伏").total == 3
        assert [b.label for b in library.user.bookmarks()] == ["第1段"]  # user data kept
    aside = [p for p in folder.glob(f"{LIBRARY_FILE}.damaged-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(aside) == 1 and aside[0].stat().st_size > 0  # kept, not deleted
    with Library(folder) as again:  # and the next start is a normal one
        assert again.recovered is None


def test_readable_imports_are_salvaged(tmp_path: Path) -> None:
    folder = _damaged_library(tmp_path, "foreign")
    # A foreign file holds no documents; a schema-valid but failing file does:
    with Library(tmp_path / "other") as library:
        library.import_text(SMALL, source_name="small.txt")

    salvaged = store.salvage_rows(tmp_path / "other" / LIBRARY_FILE)
    assert [row["source_name"] for row in salvaged] == ["small.txt"]
    assert store.salvage_rows(folder / "nothing.sqlite") == []


def test_salvaged_imports_are_restored_and_counted(tmp_path: Path) -> None:
    """A library taken for another program's file (its schema version lost) is
    set aside; its imports come back from their stored text, except one whose
    text no longer matches its hash, and the sentence counts what came back."""
    folder = tmp_path / "lib"
    with Library(folder) as library:
        kept = library.import_text(SMALL, source_name="small.txt")
        spoiled = library.import_text("一、章\n\n另一份文档的正文。\n", source_name="other.txt")
    conn = sqlite3.connect(folder / LIBRARY_FILE)
    conn.execute("UPDATE source_pieces SET text = text || '改' WHERE document = ?", [spoiled])
    conn.execute("PRAGMA user_version = 0")
    conn.commit()
    conn.close()
    with Library(folder) as library:
        assert library.recovered is not None and "找回 1 份" in library.recovered
        assert [d.id for d in library.documents()] == [SEED_ID, kept]
        assert "".join(store.source_pieces(library.db, kept)) == SMALL


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    Library(folder).close()
    conn = sqlite3.connect(folder / LIBRARY_FILE)
    conn.execute(f"PRAGMA user_version = {store.schema_version() + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="更新版本"):
        Library(folder)
    assert not list(folder.glob("*.damaged-*"))  # a newer library is never set aside


def test_unwritable_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LibraryError, match="无法写入"):
        Library(blocker / "lib")


def test_read_only_connection(library: Library) -> None:
    reader = store.connect(library.path, read_only=True)
    try:
        assert store.load_document(reader, SEED_ID) == library.document(SEED_ID)
        with pytest.raises(sqlite3.OperationalError):
            reader.execute("DELETE FROM documents")
    finally:
        reader.close()


def test_schema_is_versioned(library: Library) -> None:
    assert store.current_version(library.db) == store.schema_version() >= 1
    assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("stage", ["read", "parse", "index"])
def test_cancelled_import_rolls_back(library: Library, stage: str, tmp_path: Path) -> None:
    """Cancel (the progress callback raising) while reading, parsing and storing, or indexing."""
    from app.progress import IMPORT_STAGES

    class Cancelled(Exception):
        pass

    start, _ = IMPORT_STAGES[stage]

    def cancel(done: int, total: int) -> None:
        if done >= start:
            raise Cancelled

    path = tmp_path / "big.txt"
    path.write_text("一、章\n\n" + "\n\n".join(f"第{i}段,内容。" for i in range(5000)), encoding="utf-8")
    before = library.documents()
    with pytest.raises(Cancelled):
        library.import_file(path, progress=cancel)
    assert library.documents() == before
    with library.searcher() as searcher:
        assert searcher.search("第499段").total == 0


def test_new_library_starts_from_the_prebuilt_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    prebuilt = tmp_path / "prebuilt"
    with Library(prebuilt) as built:
        built.import_text(SMALL, source_name="small.txt")
    monkeypatch.setattr(library_module, "prebuilt_library", lambda: prebuilt / "library.sqlite")
    parsed: list[str] = []
    monkeypatch.setattr(library_module, "DocumentParser", lambda *a, **k: parsed.append("x"))  # never called
    with Library(tmp_path / "new") as library:
        assert {d.title for d in library.documents()} == {"人类减贫的中国实践", "小文档"}
        with library.searcher() as searcher:
            assert searcher.search("光伏").total == 3
    assert parsed == []


def test_import_is_streamed_a_batch_at_a_time(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each batch is stored before the next piece of text is read: the text
    and the parts are never in memory whole. Ids repeated across batches
    (the same paragraph at the same place) still get their -2, -3 suffixes,
    exactly as when the document is parsed in memory."""
    import app.document.parser as parser_module
    from app.document.parser import parse_text
    from app.document.textio import text_source

    monkeypatch.setattr(parser_module, "BATCH_PARAGRAPHS", 70)
    text = "一、章\n\n" + "\n\n".join("重复的段落。" if i % 5 == 0 else f"第{i}段,共有{i}所学校。" for i in range(3000))
    source = text_source(text, "streamed.txt")
    whole = "".join(source.read())
    size = len(whole) // 20 + 1
    pieces_read: list[int] = []

    def read() -> Iterator[str]:
        for start in range(0, len(whole), size):
            pieces_read.append(start)
            yield whole[start : start + size]

    stored_after: list[int] = []
    insert_batch = store.insert_batch

    def recording_insert(*args: Any, **kwargs: Any) -> None:
        stored_after.append(len(pieces_read))
        insert_batch(*args, **kwargs)

    monkeypatch.setattr(store, "insert_batch", recording_insert)
    doc_id = library._import(replace(source, read=read), source_name="streamed.txt", title=None, fallback="")
    # The opening was read ahead (its first SCAN_LINES lines: one piece or
    # two), then the text once, as batches went.
    assert len(stored_after) > 40 and stored_after[0] <= 4 and stored_after == sorted(stored_after)
    stored = library.document(doc_id)
    assert stored == parse_text(text, stored.metadata)
    ids = [p.id for p in stored.paragraphs if p.text == "重复的段落。"]
    assert len(ids) == 600 and len(set(ids)) == 600 and ids[1] == ids[0] + "-2"
    assert [f.id for f in library.figures(doc_id)] == [f.id for f in stored.figures]


def test_file_changed_during_import_is_refused(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "changing.txt"
    path.write_text("一、章\n\n" + "\n\n".join(f"第{i}段正文。" for i in range(5000)), encoding="utf-8")
    before = library.documents()

    changed: list[int] = []

    def change_the_file(done: int, total: int) -> None:
        if done > 100 and not changed:
            changed.append(done)
            with path.open("a", encoding="utf-8") as out:  # an editor saving meanwhile
                out.write("\n\n新加的段落。")

    with pytest.raises(DocumentError, match="被改动"):
        library.import_file(path, progress=change_the_file)
    assert library.documents() == before
    assert library.import_file(path)  # read again whole, it imports


def test_library_of_schema_3_keeps_its_imports(tmp_path: Path) -> None:
    """A library written before sources were kept in pieces (schema 3: the
    text whole in documents.source_text) is migrated, and its imports parse
    again from the migrated text; a damaged one of that age is salvaged."""
    import shutil

    from app.paths import migrations_dir

    old_schema = tmp_path / "schema3"
    old_schema.mkdir()
    for path in sorted(migrations_dir().glob("000[123]_*.sql")):
        shutil.copy(path, old_schema)
    folder = tmp_path / "lib"
    folder.mkdir()
    db = store.connect(folder / LIBRARY_FILE, schema=old_schema)
    with db.atomic():
        db.execute(
            "INSERT INTO documents (id, title, metadata, fragment, truncated, page_markers, source_name, "
            "source_sha256, source_text, position, imported_at) VALUES (?, ?, ?, 0, 0, '[]', ?, ?, ?, 1, ?)",
            [
                "doc-old",
                "小文档",
                '{"id": "doc-old", "title": "小文档"}',
                "small.txt",
                hashlib.sha256(SMALL.encode()).hexdigest(),
                SMALL,
                "2026-01-01T00:00:00+00:00",
            ],
        )
    db.close()
    salvaged = store.salvage_rows(folder / LIBRARY_FILE)
    conn = store.open_read_only(folder / LIBRARY_FILE)
    assert "".join(store.salvaged_pieces(conn, salvaged[0]["id"])) == SMALL
    conn.close()
    with Library(folder) as library:
        assert store.current_version(library.db) == store.schema_version()
        assert library.document("doc-old").paragraphs[0].text == "本办法自发布之日起施行,共有3所学校。"
        assert "".join(store.source_pieces(library.db, "doc-old")) == SMALL
        library.rebuild()
        assert len(library.figures("doc-old")) == 1


def _checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every integrity check (the real one still runs)."""
    checked: list[Path] = []
    real = store.check_integrity

    def counting(db: Any, path: Path) -> None:
        checked.append(path)
        real(db, path)

    monkeypatch.setattr(store, "check_integrity", counting)
    return checked


def test_an_open_after_a_clean_close_skips_the_integrity_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "lib"
    Library(folder).close()
    checked = _checks(monkeypatch)
    with Library(folder):
        pass
    assert checked == []
    with Library(folder):
        assert not (folder / library_module.CLEAN_MARK).exists()  # open: a crash must be checked
    assert (folder / library_module.CLEAN_MARK).exists()


def test_an_unclean_or_changed_file_is_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "lib"
    Library(folder).close()
    checked = _checks(monkeypatch)
    library = Library(folder)  # never closed: as after a crash
    library.db.conn.close()
    library.user.close()
    with Library(folder):
        pass
    assert len(checked) == 1
    with sqlite3.connect(folder / LIBRARY_FILE) as other:  # another program wrote to it
        other.execute("INSERT INTO library_meta VALUES ('x', 'y')")
    with Library(folder):
        pass
    assert len(checked) == 2


def test_an_error_that_may_be_damage_makes_the_next_open_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "lib"
    Library(folder).close()
    with Library(folder) as library:

        def broken(*args: object) -> None:
            error = sqlite3.DatabaseError("database disk image is malformed")
            error.sqlite_errorcode = 11  # type: ignore[attr-defined]  # SQLITE_CORRUPT
            raise error

        monkeypatch.setattr(store, "document_rows", broken)
        with pytest.raises(LibraryError, match="不是 Baipishu 的数据库"):  # one sentence, no traceback
            library.documents()
        monkeypatch.undo()
    checked = _checks(monkeypatch)
    with Library(folder):
        pass
    assert checked == [folder / LIBRARY_FILE]


def test_a_worker_thread_writes_through_its_own_connection(library: Library, tmp_path: Path) -> None:
    source = tmp_path / "worker.txt"
    source.write_text("一、章\n\n工作线程导入的正文。\n", encoding="utf-8")
    result: list[object] = []

    connections: set[int] = set()

    def record(done: int, total: int) -> None:
        connections.add(id(library.db))

    def work() -> None:
        try:
            result.append(library.import_file(source, progress=record))
        except BaseException as exc:  # reported below
            result.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    (document_id,) = result
    assert isinstance(document_id, str), result
    assert len(connections) == 1 and id(library.db) not in connections  # the worker's own
    assert library.document(document_id).paragraphs[0].text == "工作线程导入的正文。"


def test_bookmarks_through_the_service(library: Library) -> None:
    paragraph = library.document(SEED_ID).paragraphs[3]
    assert library.toggle_bookmark(SEED_ID, paragraph.id)
    (bookmark,) = library.bookmarks()
    assert bookmark.paragraph == paragraph.id
    assert bookmark.label.startswith("《人类减贫的中国实践》") and f"第{paragraph.index}段" in bookmark.label
    assert not library.toggle_bookmark(SEED_ID, paragraph.id)
    assert library.bookmarks() == []
    with pytest.raises(NotFoundError):
        library.toggle_bookmark(SEED_ID, "p0000000000")


def test_the_bundled_text_is_hashed_again_only_when_its_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (seed,) = [b for b in library_module.bundled_documents() if b.metadata.id == SEED_ID]
    copy = tmp_path / "seed.txt"
    copy.write_bytes(seed.path.read_bytes())
    bundled = [library_module.BundledDocument(seed.metadata, copy)]
    folder = tmp_path / "lib"
    Library(folder, bundled=bundled).close()
    hashed: list[Path] = []
    real = library_module.file_source  # type: ignore[attr-defined]

    def counting(path: Path, **kwargs: Any) -> Any:
        hashed.append(path)
        return real(path, **kwargs)

    monkeypatch.setattr(library_module, "file_source", counting)
    Library(folder, bundled=bundled).close()
    assert hashed == []
    os.utime(copy, ns=(1, 1))  # the same text, touched: hashed again, not re-parsed
    with Library(folder, bundled=bundled) as library:
        assert hashed == [copy]
        assert library.document(SEED_ID).paragraphs[0].text.startswith("基本公共服务水平明显提升。")


def test_a_library_made_by_0_1_0_is_upgraded_and_keeps_every_bookmark(tmp_path: Path) -> None:
    """tests/data/library-0.1.0: made by the 0.1.0 release (its parser glued
    第三条, 第四条 and 第五条 of the imported law into one paragraph), with
    four bookmarks: a white-paper paragraph, a law paragraph, the glued one
    and one whose paragraph never existed."""
    folder = tmp_path / "lib"
    shutil.copytree(ROOT / "tests" / "data" / "library-0.1.0", folder)
    law_id = "doc-fc278e1836"
    with Library(folder) as library:
        assert store.current_version(library.db) == store.schema_version()
        law = library.document(law_id)
        assert [n.label for n in law.nodes if n.kind == "article"] == [f"第{n}条" for n in "一二三四五六"]
        by_text = {p.text: p.id for p in law.paragraphs}
        bookmarks = {b.label: b for b in library.bookmarks()}
        assert len(bookmarks) == 4  # none dropped
        assert bookmarks["示例主体应当遵守本法。"].paragraph == by_text["示例主体应当遵守本法。"]
        glued = bookmarks["第三条　国务院示例主管部门负责全国的示例"]
        assert glued.paragraph == by_text["第三条　国务院示例主管部门负责全国的示例管理工作"]  # its start
        assert not glued.missing
        assert bookmarks["seed ¶11"].paragraph == "p51d127284c" and not bookmarks["seed ¶11"].missing
        assert bookmarks["不存在的段落"].missing  # kept, shown as such
    with Library(folder) as library:  # and stays so
        assert {b.label: b.paragraph for b in library.bookmarks()} == {k: b.paragraph for k, b in bookmarks.items()}


def test_anchor_by_text() -> None:
    paragraphs = [("p1", "第三条　甲。"), ("p2", "第四条　（删去）"), ("p3", "短")]
    assert library_module.anchor_by_text("第四条　（删去）", paragraphs) == "p2"
    assert library_module.anchor_by_text("第三条　甲。第四条　（删去）", paragraphs) == "p1"
    assert library_module.anchor_by_text("别的文字", paragraphs) is None
    assert library_module.anchor_by_text("这里有一个短字", paragraphs) is None  # too short to anchor by


def test_bookmarks_are_anchored_again_only_after_a_new_parse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An open reads no document's texts for a bookmark that cannot be found
    (it did once, on every open); a rebuild stopped before it re-anchored is
    finished by the next open."""
    folder = tmp_path / "lib"
    shutil.copytree(ROOT / "tests" / "data" / "library-0.1.0", folder)
    with Library(folder) as library:  # the upgrade: parsed again, re-anchored once
        # A bookmark whose text no paragraph holds any more: kept, missing.
        library.user.keep_bookmark_text("doc-fc278e1836", "pffffffffff", "这段文字已不在任何段落中。")
    scans: list[str] = []
    real = store.paragraph_texts

    def counting(db: Any, document: str) -> list[tuple[str, str]]:
        scans.append(document)
        return real(db, document)

    monkeypatch.setattr(store, "paragraph_texts", counting)
    with Library(folder) as library:
        assert any(b.missing for b in library.bookmarks())  # still kept
    assert scans == []
    law = "doc-fc278e1836"
    with Library(folder) as library:  # as if killed after the rebuild committed
        kept = next(b.paragraph for b in library.bookmarks(law) if not b.missing)
        library.user.move_bookmark(law, kept, "pgone000000")
        store.set_meta(library.db, library_module.REANCHOR_KEY, library_module.REANCHOR_PENDING)
    with Library(folder) as library:
        assert scans == [law]  # once, for the document that lost an id
        paragraphs = {b.paragraph for b in library.bookmarks(law)}
        assert kept in paragraphs and "pgone000000" not in paragraphs
    with Library(folder):
        assert scans == [law]  # and not again


def test_metadata_edits_are_the_users_and_survive_rebuilds(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        doc_id = library.import_text(SMALL, source_name="x.txt", title="另一个标题")
        assert library.inferred_metadata(doc_id).title == "小文档"
        edited = library.edit_metadata(doc_id, {"issuer": "某某部", "release_date": "2020-01-02"})
        assert (edited.title, edited.issuer, edited.release_date) == ("另一个标题", "某某部", "2020-01-02")
        library.rebuild()
        # The content is rebuilt and inferred again; the edits are user data.
        assert library.document(doc_id).metadata == edited == library.document_metadata(doc_id)
        assert library.paragraph(f"{doc_id}/{library.document(doc_id).paragraphs[0].id}").document == edited
        assert {d.id: d.title for d in library.documents()}[doc_id] == "另一个标题"
    with Library(folder) as library:
        assert library.document_metadata(doc_id) == edited
        # The inferred value itself (or None) is no edit: it goes back.
        back = library.edit_metadata(doc_id, {"issuer": None, "title": "小文档"})
        assert (back.title, back.issuer) == ("小文档", "")
        assert library.user.metadata_edits(doc_id) == {doc_id: {"release_date": "2020-01-02"}}


@pytest.mark.parametrize(
    "fields",
    [{"release_date": "2021-02-30"}, {"genre": "poem"}, {"title": ""}, {"id": "x"}, {"excerpt": None}, {"url": "x"}],
)
def test_bad_metadata_edits_change_nothing(library: Library, fields: dict[str, str | None]) -> None:
    before = library.document_metadata(SEED_ID)
    with pytest.raises(BaipishuError):
        library.edit_metadata(SEED_ID, fields)
    assert library.document_metadata(SEED_ID) == before and library.user.metadata_edits() == {}


def test_a_new_genre_reads_the_text_again(library: Library) -> None:
    text = (
        "关于做好示例工作的通知\n\n一、总体要求\n\n坚持稳中求进工作总基调。要做好示例工作。\n\n"
        "基础设施更加完善。要推动示例产业发展。\n"
    )
    doc_id = library.import_text(text, source_name="rule.txt", genre="law")
    assert not [n for n in library.document(doc_id).nodes if n.kind == "topic"]  # laws have no lead sentences
    metadata = library.edit_metadata(doc_id, {"genre": "notice"})
    assert metadata.genre == "notice" and library.user.metadata_edits(doc_id) == {doc_id: {"genre": "notice"}}
    assert [n.label for n in library.document(doc_id).nodes if n.kind == "topic"] == ["基础设施更加完善"]
    library.rebuild()
    assert library.document_metadata(doc_id).genre == "notice"
    assert library.edit_metadata(doc_id, {"genre": "law"}).genre == "law"
    assert library.user.metadata_edits(doc_id) == {doc_id: {"genre": "law"}}
    assert library.edit_metadata(doc_id, {"genre": None}).genre == "law"  # as imported (--genre law)
    library.rebuild()
    assert not [n for n in library.document(doc_id).nodes if n.kind == "topic"]


def test_a_title_given_to_an_import_before_0_2_is_kept_as_an_edit(tmp_path: Path) -> None:
    """0.1.0 kept ``import --title`` in the content's metadata (without the
    fields inferred since): the upgrade keeps it as the user's edit, and drops
    titles it had derived itself."""
    folder = tmp_path / "lib"
    shutil.copytree(ROOT / "tests" / "data" / "library-0.1.0", folder)
    law_id = "doc-fc278e1836"
    db = sqlite3.connect(folder / LIBRARY_FILE)
    old = json.dumps(
        {
            "id": law_id,
            "title": "我起的标题",
            "kind": "",
            "issuer": "",
            "release_date": "",
            "place": "",
            "source_note": "",
        },
        ensure_ascii=False,
    )
    db.execute("UPDATE documents SET metadata = ?, title = '我起的标题' WHERE id = ?", [old, law_id])
    db.commit()
    db.close()
    with Library(folder) as library:
        assert library.document_metadata(law_id).title == "我起的标题"
        assert library.inferred_metadata(law_id).title == "中华人民共和国示例法"
        assert library.user.metadata_edits() == {law_id: {"title": "我起的标题"}}
        assert library.document_metadata(SEED_ID).excerpt  # the bundled text is marked as the excerpt it is


def test_a_worker_thread_reads_documents_with_the_users_edits(library: Library) -> None:
    import threading

    library.edit_metadata(SEED_ID, {"title": "我的标题"})
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.append(library.document(SEED_ID).title))
    worker.start()
    worker.join()
    assert found == ["我的标题"]  # (the user's edits live in another file: its own connection too)


# -- a stored document, read as it is looked at --------------------------------


def _stored_matches_loaded(library: Library, document_id: str) -> int:
    """Check every answer of a stored document against the loaded one;
    return how many paragraphs they have."""
    from app.document.model import StoredRows

    loaded, stored = library.document(document_id), library.stored_document(document_id)
    assert isinstance(stored.paragraphs, StoredRows) and isinstance(stored.nodes, StoredRows)
    assert stored.store is not None and loaded.store is None
    assert (stored.metadata, stored.title_line, stored.page_markers) == (
        loaded.metadata,
        loaded.title_line,
        loaded.page_markers,
    )
    assert (stored.fragment, stored.truncated, stored.figures) == (loaded.fragment, loaded.truncated, loaded.figures)
    assert list(stored.paragraphs) == list(loaded.paragraphs)
    assert list(stored.nodes) == list(loaded.nodes)
    assert stored.skeleton() == loaded.skeleton()
    # Slices across chunks, from the end, out of range.
    count = len(loaded.paragraphs)
    assert stored.paragraphs[count // 3 : count - 1] == list(loaded.paragraphs[count // 3 : count - 1])
    assert stored.paragraphs[-1] == loaded.paragraphs[-1] and stored.paragraphs[::7] == list(loaded.paragraphs[::7])
    with pytest.raises(IndexError):
        stored.paragraphs[count]
    for paragraph in loaded.paragraphs[::5]:
        assert stored.paragraph_position(paragraph.id) == loaded.paragraph_position(paragraph.id) == paragraph.index - 1
    assert stored.paragraph_position("p-none") is None and stored.node_number("c-none") is None
    for node in (*loaded.nodes[::3], None):
        node_id = node.id if node else None
        if node is not None:
            assert stored.node(node.id) == node
        assert list(stored.paragraphs_of(node_id)) == list(loaded.paragraphs_of(node_id))
    for box in {p.box for p in loaded.paragraphs if p.box} | {"专栏99"}:
        assert stored.box_paragraph(box) == loaded.box_paragraph(box)
        assert list(stored.mentions_of(box)) == list(loaded.mentions_of(box))
    kinds = ("chapter", "box", "article")
    assert stored.nodes_of_kinds(kinds) == loaded.nodes_of_kinds(kinds)
    for needle in ("的", "贫困人口", "第一条", "a", "zzz", "%"):
        assert stored.paragraphs_containing(needle) == loaded.paragraphs_containing(needle), needle
    return count


def test_a_stored_document_answers_as_the_loaded_one(library: Library) -> None:
    assert _stored_matches_loaded(library, SEED_ID) > 40  # (boxes, mentions, a fragment)


@needs_corpus
@pytest.mark.parametrize(
    ("name", "at_least"),
    [("law_criminal_procedure_2018.md", ROWS_CHUNK + 1), ("work_report_2025_xinhua.txt", 80)],  # (chunks; a report)
)
def test_a_stored_corpus_document_answers_as_the_loaded_one(library: Library, name: str, at_least: int) -> None:
    document_id = library.import_file(CORPUS / name)
    assert _stored_matches_loaded(library, document_id) >= at_least


def test_find_folds_latin_capitals_only() -> None:
    from app.document.model import fold_case

    assert fold_case("GDP增长Ⅱ İ ＡＢ") == "gdp增长Ⅱ İ ＡＢ"  # (each character in its place)


def test_readers_of_other_threads_close_with_the_library(tmp_path: Path) -> None:
    """A worker's reading of a stored document leaves no connection open:
    the close is clean (the next open skips the integrity check)."""
    folder = tmp_path / "library"
    library = Library(folder)
    stored = library.stored_document(SEED_ID)
    read: list[int] = []
    worker = threading.Thread(target=lambda: read.append(len(list(stored.paragraphs))))
    worker.start()
    worker.join()
    assert read == [len(stored.paragraphs)]
    library.close()
    assert (folder / library_module.CLEAN_MARK).exists()


# -- highlights and notes --------------------------------------------------------


def test_highlights_and_notes_are_kept_with_their_place(library: Library) -> None:
    seed = library.document(SEED_ID)
    paragraph = next(p for p in seed.paragraphs if "贫困" in p.text)
    start = paragraph.text.index("贫困")
    first = library.add_note(SEED_ID, paragraph.id, start, start + 2, "green", "为什么是这个数？")
    second = library.add_note(SEED_ID, seed.paragraphs[0].id, 0, 4)
    entries = library.notes(SEED_ID)
    assert [e.note.id for e in entries] == sorted([first, second], key=lambda n: n != second)  # (reading order)
    entry = next(e for e in entries if e.note.id == first)
    assert (entry.note.quote, entry.note.color, entry.note.note) == ("贫困", "green", "为什么是这个数？")
    assert entry.index == paragraph.index and entry.place == " / ".join(paragraph.path)
    assert entry.title == "人类减贫的中国实践"
    library.edit_metadata(SEED_ID, {"title": "减贫白皮书"})  # (the title as the user edited it)
    assert {e.title for e in library.notes()} == {"减贫白皮书"}
    library.edit_note(first, note="", color="pink")
    assert next(e.note for e in library.notes() if e.note.id == first).color == "pink"
    library.remove_note(second)
    assert [e.note.id for e in library.notes(SEED_ID)] == [first]
    with pytest.raises(NotFoundError):
        library.remove_note(second)
    with pytest.raises(NotFoundError):
        library.edit_note(999, note="x")


@pytest.mark.parametrize(
    ("start", "end", "color"), [(5, 5, "yellow"), (-1, 3, "yellow"), (0, 10**6, "yellow"), (0, 2, "red")]
)
def test_a_highlight_outside_its_paragraph_or_in_no_colour_is_refused(
    library: Library, start: int, end: int, color: str
) -> None:
    paragraph = library.document(SEED_ID).paragraphs[0]
    with pytest.raises(DocumentError) as refused:
        library.add_note(SEED_ID, paragraph.id, start, end, color)
    assert str(refused.value).endswith("。") and library.notes() == []


def test_notes_export_as_markdown_with_a_citation_each(library: Library) -> None:
    paragraph = library.document(SEED_ID).paragraphs[2]
    library.add_note(SEED_ID, paragraph.id, 0, 6, note="值得引用。")
    text = library.notes_markdown(SEED_ID)
    assert text.startswith("# 《人类减贫的中国实践》笔记")
    assert f"> {paragraph.text[:6]}" in text and "值得引用。" in text
    assert f"baipishu://{SEED_ID}/{paragraph.id}" in text and f"第{paragraph.index}段" in text


def test_notes_are_anchored_again_after_a_new_parse(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    with Library(folder) as library:
        paragraph = library.document(SEED_ID).paragraphs[5]
        note = library.add_note(SEED_ID, paragraph.id, 3, 9, note="要点")
        # As if a new parser gave the paragraph another id (and the rebuild
        # was killed right after it stored the new content).
        library.user.move_note(note, "pgone000000", 3, 9)
        store.set_meta(library.db, library_module.REANCHOR_KEY, library_module.REANCHOR_PENDING)
    with Library(folder) as library:
        (entry,) = library.notes(SEED_ID)
        assert (entry.note.paragraph, entry.note.start, entry.note.end) == (paragraph.id, 3, 9)
        assert entry.note.quote == paragraph.text[3:9] and entry.index == paragraph.index
        library.user.move_note(note, "pgone000000", 3, 9)  # (a paragraph no text holds now)
        library.user.db.execute("UPDATE notes SET text = '没有这段' WHERE id = ?", [note])
        library.rebuild()
        (entry,) = library.notes(SEED_ID)
        assert entry.index is None and entry.note.note == "要点"  # kept, and shown as missing
        assert "原段落已不在文库中" in library.notes_markdown(SEED_ID)


def test_tidying_the_index_merges_its_pieces_and_keeps_every_hit(library: Library) -> None:
    for number in range(6):
        library.import_text(
            f"《文件{number}》\n\n一、总则\n\n全市建成学校{number}所，推进光伏扶贫。\n", source_name=f"{number}.txt"
        )

    def pieces() -> int:
        return int(library.db.execute("SELECT count(*) FROM search_bigrams_data").fetchone()[0])

    with library.searcher() as searcher:
        before = searcher.search("光伏扶贫").total
    many = pieces()
    library.tidy_index()
    assert pieces() < many
    with library.searcher() as searcher:
        assert searcher.search("光伏扶贫").total == before > 6
