"""The content store on real SQLite files: schema, refusals, rows in and out."""

import sqlite3
from pathlib import Path

import pytest

from app.document.model import Batch, Metadata
from app.document.parser import parse_text
from app.errors import LibraryError, LibraryUnavailableError
from app.storage import content as store
from app.storage.database import Database

TEXT = "《试验文件》白皮书\n\n一、总则\n\n全市建成学校5所。专栏1提到的事。\n\n专栏1　学校\n\n学校建成了。\n"


@pytest.fixture()
def db(tmp_path: Path) -> Database:
    return store.connect(tmp_path / "library.sqlite")


def stored(db: Database, text: str = TEXT) -> str:
    document = parse_text(text, Metadata(id="doc-1", title="试验文件", kind="白皮书"))
    with db.atomic():
        store.insert_document_row(
            db,
            document.metadata,
            source_name="t.txt",
            source_sha256="0" * 64,
            bundled=False,
            position=store.next_position(db),
            imported_at="2026-01-01",
        )
        store.add_source_piece(db, document.id, 0, text)
        store.insert_batch(
            db,
            document.id,
            Batch(list(document.nodes), list(document.paragraphs), list(document.figures)),
            first_node=0,
            first_figure=0,
        )
        store.finish_document(
            db,
            document.id,
            title_line=document.title_line,
            fragment=document.fragment,
            truncated=document.truncated,
            page_markers=document.page_markers,
            metadata=document.metadata,
        )
    return document.id


def test_a_new_file_gets_every_migration(db: Database) -> None:
    assert store.current_version(db) == store.schema_version() == max(v for v, _ in store.migrations())
    assert {"documents", "paragraphs", "figures", "source_pieces", "search_bigrams"} <= set(db.table_names())
    assert store.migrations() is store.migrations()  # read once per process


def test_an_older_library_learns_each_documents_length(tmp_path: Path) -> None:
    """Migration 13 counts the stored text of the documents already there
    (the library list reads the count instead of summing the text)."""
    path = tmp_path / "library.sqlite"
    conn = sqlite3.connect(path)
    for version, script in store.migrations():
        if version < 13:
            conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    conn.execute(
        "INSERT INTO documents (id, title, metadata, title_line, fragment, truncated, page_markers, bundled, "
        "source_name, source_sha256, position, imported_at) "
        "VALUES ('old', '旧', '{}', NULL, 0, 0, '[]', 0, 'old.txt', '', 1, '')"
    )
    conn.executemany(
        "INSERT INTO source_pieces (document, seq, text) VALUES ('old', ?, ?)", [(0, TEXT), (1, "第二段。")]
    )
    conn.commit()
    conn.close()
    db = store.connect(path)
    assert [row["chars"] for row in store.document_rows(db)] == [len(TEXT) + len("第二段。")]
    stored(db)  # (and a new one counts its own as it is stored)
    assert [row["chars"] for row in store.document_rows(db)][-1] == len(TEXT)


def test_documents_round_trip(db: Database) -> None:
    document_id = stored(db)
    loaded = store.load_document(db, document_id)
    assert loaded == parse_text(TEXT, Metadata(id="doc-1", title="试验文件", kind="白皮书"))
    assert "".join(store.source_pieces(db, document_id)) == TEXT
    paragraph = loaded.paragraphs[0]
    assert store.is_taken(db, document_id, "paragraph", paragraph.id)
    assert not store.is_taken(db, document_id, "paragraph", "p0000000000")
    assert store.refs_of(db, document_id, paragraph.id) == ["专栏1"]
    assert store.next_position(db) == 2
    figure = loaded.figures[0]
    assert store.figure_documents(db, figure.id, None) == [document_id]
    assert store.figure_documents(db, figure.id, "other") == []
    assert store.load_document(db, "missing") is None


def test_deleting_content_keeps_the_row_and_source(db: Database) -> None:
    document_id = stored(db)
    with db.atomic():
        store.delete_content(db, document_id)
    assert store.source_of(db, document_id) is not None
    assert "".join(store.source_pieces(db, document_id)) == TEXT
    assert store.load_document(db, document_id).paragraphs == ()  # type: ignore[union-attr]
    with db.atomic():
        store.delete_document(db, document_id)
    assert list(store.source_pieces(db, document_id)) == []  # cascaded


def test_a_foreign_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE mine (x)").connection.commit()
    with pytest.raises(LibraryError, match="mine"):
        store.connect(path)


def test_damage_is_found_by_the_integrity_check(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    db = store.connect(path)
    stored(db, TEXT * 200)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = bytearray(path.read_bytes())
    data[8192:12288] = b"\xff" * 4096  # a page in the middle
    path.write_bytes(bytes(data))
    damaged = Database(sqlite3.connect(path))
    with pytest.raises(LibraryError):
        store.check_integrity(damaged, path)


def test_errors_become_one_sentence(tmp_path: Path) -> None:
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = 5  # type: ignore[attr-defined]  # as SQLite sets it
    error = store.library_error(locked, tmp_path)
    assert isinstance(error, LibraryUnavailableError) and "锁定" in str(error)
    damaged = sqlite3.DatabaseError("file is not a database")
    damaged.sqlite_errorcode = 26  # type: ignore[attr-defined]
    error = store.library_error(damaged, tmp_path)
    assert type(error) is LibraryError and "不是 Baipishu 的数据库" in str(error)


def test_copy_database(tmp_path: Path, db: Database) -> None:
    stored(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "copy.sqlite"
    assert store.copy_database(tmp_path / "library.sqlite", copy)
    assert [d["id"] for d in store.document_rows(store.connect(copy))] == ["doc-1"]
    assert not store.copy_database(tmp_path / "missing.sqlite", tmp_path / "none.sqlite")
    assert not (tmp_path / "none.sqlite").exists()
