"""The SQLite content store: schema migrations and Document rows in and out.

One connection per thread; the library opens one writer, readers open the
file read-only. Writes go through ``Database.atomic()`` so that an import,
a removal or a rebuild is one transaction. Errors are classified by their
SQLite codes in :mod:`app.sql`.
"""

import functools
import json
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from app import sql
from app.document.model import (
    NODE_KINDS,
    Batch,
    Document,
    Figure,
    Metadata,
    Node,
    PageMarker,
    Paragraph,
    Skeleton,
    path_json,
)
from app.errors import LibraryError, LibraryUnavailableError, SchemaTooNewError
from app.i18n import tr
from app.paths import migrations_dir
from app.storage.database import Database

# Waiting for another process's write lock, in milliseconds.
BUSY_TIMEOUT_MS = 5000


def migrations(folder: Path | None = None) -> tuple[tuple[int, str], ...]:
    """The schema migrations of ``folder`` (default: the content's) as
    (version, SQL), in order (read once per process: every open asks)."""
    return _migrations(folder or migrations_dir())


@functools.cache
def _migrations(folder: Path) -> tuple[tuple[int, str], ...]:
    found = []
    for path in sorted(folder.glob("*.sql")):
        version = int(path.name.split("_", 1)[0])
        found.append((version, path.read_text(encoding="utf-8")))
    return tuple(found)


def schema_version(folder: Path | None = None) -> int:
    """The schema version this program writes."""
    return max(version for version, _ in migrations(folder))


def connect(path: Path, *, read_only: bool = False, schema: Path | None = None) -> Database:
    """Open the library database at ``path`` and bring its schema up to date.

    Args:
        path: the database file (created when missing, unless read-only).
        read_only: open for reading only (readers in worker threads).
        schema: the folder of migrations (default: the content's).

    Raises:
        LibraryError: the file is not an SQLite database, belongs to another
            program, or was written by a newer Baipishu.
    """
    try:
        if read_only:
            # A reader belongs to one thread at a time (a search worker); it may
            # be closed from another when the window shuts down.
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, isolation_level=None
            )
        else:
            # Autocommit: transactions are begun explicitly (Database.atomic).
            conn = sqlite3.connect(str(path), isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        db = Database(conn)
        if not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            migrate(db, path, schema)
        else:
            check_version(db, path, schema)
    except sqlite3.DatabaseError as exc:
        raise library_error(exc, path) from None
    return db


# The sentence the user gets for each kind of "cannot be used here and now".
_UNAVAILABLE_MESSAGES = {
    "locked": "library_locked",
    "full": "library_disk_full",
    "read_only": "library_read_only",
}


def describe_error(exc: sqlite3.Error, path: Path) -> str:
    """One sentence for the user about a database error."""
    key = _UNAVAILABLE_MESSAGES.get(sql.kind(exc))
    return tr(key, path=path) if key else tr("library_error", reason=exc)


def library_error(exc: sqlite3.Error, path: Path) -> LibraryError:
    """The library error for an SQLite error met while opening or using the
    library at ``path``: unavailable (never set aside) or damaged."""
    if sql.is_unavailable(exc):
        if sql.kind(exc) == "cannot_open":
            return LibraryUnavailableError(tr("library_error", reason=exc))
        return LibraryUnavailableError(describe_error(exc, path))
    return LibraryError(tr("library_not_db", path=path, reason=exc))


def check_integrity(db: Database, path: Path) -> None:
    """Refuse a damaged database (``PRAGMA quick_check``)."""
    try:
        result = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        raise library_error(exc, path) from None
    if result != ["ok"]:
        raise LibraryError(tr("library_not_db", path=path, reason="; ".join(result[:3])))


def current_version(db: Database) -> int:
    """The schema version recorded in ``db`` (0 for a new file)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def check_version(db: Database, path: Path, schema: Path | None = None) -> None:
    """Refuse a database that is newer than this program or not ours."""
    found = current_version(db)
    supported = schema_version(schema)
    if found > supported:
        raise SchemaTooNewError(tr("library_too_new", path=path, found=found, supported=supported))
    tables = set(db.table_names())
    if found == 0 and tables:
        raise LibraryError(tr("library_not_db", path=path, reason=", ".join(sorted(tables))))


def migrate(db: Database, path: Path, schema: Path | None = None) -> None:
    """Apply the migrations that ``db`` lacks, each in its own transaction."""
    check_version(db, path, schema)
    found = current_version(db)
    for version, script in migrations(schema):
        if version <= found:
            continue
        # executescript() commits first, so the script holds its own transaction.
        db.conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")


# -- writing -----------------------------------------------------------------


def insert_document_row(
    db: Database,
    metadata: Metadata,
    *,
    source_name: str,
    source_sha256: str,
    bundled: bool,
    position: int,
    imported_at: str,
) -> None:
    """Insert a document's row, before its source and parts (the caller holds
    the transaction); what only the whole text tells is set by
    :func:`finish_document`."""
    db.utils().table("documents").insert(
        {
            "id": metadata.id,
            "title": metadata.title,
            "metadata": json.dumps(metadata.to_dict(), ensure_ascii=False),
            "title_line": None,
            "fragment": 0,
            "truncated": 0,
            "page_markers": "[]",
            "bundled": int(bundled),
            "source_name": source_name,
            "source_sha256": source_sha256,
            "position": position,
            "imported_at": imported_at,
        }
    )


def add_source_piece(db: Database, document_id: str, seq: int, text: str) -> None:
    """Store the next piece of a document's source text (and count its characters)."""
    db.execute("INSERT INTO source_pieces (document, seq, text) VALUES (?, ?, ?)", [document_id, seq, text])
    db.execute("UPDATE documents SET chars = chars + ? WHERE id = ?", [len(text), document_id])


def source_pieces(db: Database | sqlite3.Connection, document_id: str) -> Iterator[str]:
    """A document's stored source text, one piece at a time."""
    cursor = db.execute("SELECT text FROM source_pieces WHERE document = ? ORDER BY seq", [document_id])
    for (text,) in cursor:
        yield text


def insert_batch(db: Database, document_id: str, batch: Batch, *, first_node: int, first_figure: int) -> None:
    """Insert a batch of a document's parts; ``first_node`` and ``first_figure``
    number its first node and figure in reading order (earlier batches hold
    the ones before)."""
    conn = db.conn
    conn.executemany(
        "INSERT INTO nodes (document, id, ord, parent, kind, number, title, label, inferred, heading, repeated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document_id,
                n.id,
                ord_,
                n.parent,
                n.kind,
                n.number,
                n.title,
                n.label,
                int(n.inferred),
                n.heading,
                int(n.repeated),
            )
            for ord_, n in enumerate(batch.nodes, start=first_node)
        ],
    )
    conn.executemany(
        "INSERT INTO paragraphs (document, id, ord, node, kind, box, text, lead, path, joins, role, ordinal, "
        "unplaced, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document_id,
                p.id,
                p.index,
                p.node,
                p.kind,
                p.box,
                p.text,
                p.lead,
                path_json(p.path),
                p.joins,
                p.role,
                p.ordinal,
                p.unplaced,
                p.page,
            )
            for p in batch.paragraphs
        ],
    )
    conn.executemany(
        "INSERT INTO refs (document, paragraph, box) VALUES (?, ?, ?)",
        [(document_id, p.id, box) for p in batch.paragraphs for box in p.refs],
    )
    conn.executemany(
        "INSERT INTO figures (document, id, ord, paragraph, text, value, value_max, unit, qualifier, as_of, "
        'sentence, start, "end", box, path, unplaced, kind, counts, change_from, change_to, direction) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                document_id,
                f.id,
                ord_,
                f.paragraph,
                f.text,
                f.value,
                f.value_max,
                f.unit,
                f.qualifier,
                f.as_of,
                f.sentence,
                f.start,
                f.end,
                f.box,
                path_json(f.path),
                f.unplaced,
                f.kind,
                f.counts,
                f.change_from,
                f.change_to,
                f.direction,
            )
            for ord_, f in enumerate(batch.figures, start=first_figure)
        ],
    )


def is_taken(db: Database, document_id: str, kind: str, part_id: str) -> bool:
    """Whether a stored node or paragraph of the document has the id (see
    :data:`app.document.parser.TakenCheck`)."""
    table = {"node": "nodes", "paragraph": "paragraphs"}[kind]
    row = db.conn.execute(f"SELECT 1 FROM {table} WHERE document = ? AND id = ?", [document_id, part_id]).fetchone()
    return row is not None


def finish_document(
    db: Database,
    document_id: str,
    *,
    title_line: str | None,
    fragment: bool,
    truncated: bool,
    page_markers: Iterable[PageMarker],
    metadata: Metadata,
) -> None:
    """Record what is known once the whole text is parsed (the metadata too:
    its 落款 ends the text)."""
    db.execute(
        "UPDATE documents SET title_line = ?, fragment = ?, truncated = ?, page_markers = ?, title = ?, "
        "metadata = ? WHERE id = ?",
        [
            title_line,
            int(fragment),
            int(truncated),
            json.dumps([marker.__dict__ for marker in page_markers], ensure_ascii=False),
            metadata.title,
            json.dumps(metadata.to_dict(), ensure_ascii=False),
            document_id,
        ],
    )


def keep_original(
    db: Database, document_id: str, kind: str, name: str, data: bytes, hints: dict[str, str] | None = None
) -> None:
    """Keep the file a document was read from (a PDF, a Word file, a page),
    what it was and what it says of itself (inside the caller's transaction)."""
    db.execute("UPDATE documents SET format = ? WHERE id = ?", [kind, document_id])
    db.execute(
        "INSERT OR REPLACE INTO originals (document, name, data, hints) VALUES (?, ?, ?, ?)",
        [document_id, name, data, json.dumps(hints or {}, ensure_ascii=False)],
    )


def hints_of(db: Database, document_id: str) -> dict[str, str]:
    """What the file a document was read from says of itself (see keep_original)."""
    row = db.execute("SELECT hints FROM originals WHERE document = ?", [document_id]).fetchone()
    return dict(json.loads(row[0])) if row else {}


def original_of(db: Database, document_id: str) -> tuple[str, bytes] | None:
    """The (file name, bytes) a document was read from, if it was not text."""
    row = db.execute("SELECT name, data FROM originals WHERE document = ?", [document_id]).fetchone()
    return (row[0], bytes(row[1])) if row else None


def set_place(db: Database, document_id: str, position: int, imported_at: str) -> None:
    """Put a document back at a place in the library's order (an undone removal)."""
    if position:
        db.execute("UPDATE documents SET position = ? WHERE id = ?", [position, document_id])
    if imported_at:
        db.execute("UPDATE documents SET imported_at = ? WHERE id = ?", [imported_at, document_id])


def delete_content(db: Database, document_id: str) -> None:
    """Delete a document's parsed parts, keeping its row and source (a rebuild)."""
    for table in ("figures", "refs", "paragraphs", "nodes"):
        db.execute(f"DELETE FROM {table} WHERE document = ?", [document_id])


def delete_document(db: Database, document_id: str) -> None:
    """Delete a document and, by cascade, all its rows."""
    db.execute("DELETE FROM documents WHERE id = ?", [document_id])


# -- reading -----------------------------------------------------------------


def document_rows(db: Database) -> list[dict[str, Any]]:
    """Summary rows of all documents, in library order (no source text)."""
    return list(
        db.query(
            """
            SELECT d.id, d.title, d.metadata, d.bundled, d.source_sha256, d.truncated,
                   d.fragment,
                   (SELECT count(*) FROM paragraphs p WHERE p.document = d.id) AS paragraphs,
                   (SELECT count(*) FROM figures f WHERE f.document = d.id) AS figures,
                   d.chars
            FROM documents d ORDER BY d.position, d.id
            """
        )
    )


_SOURCE_COLUMNS = "id, metadata, source_name, source_sha256, bundled, position, imported_at, format"


def source_of(db: Database, document_id: str) -> dict[str, Any] | None:
    """The stored source row of a document (name, hash, bundled flag; the text
    is read with :func:`source_pieces`)."""
    rows = list(db.query(f"SELECT {_SOURCE_COLUMNS} FROM documents WHERE id = ?", [document_id]))
    return rows[0] if rows else None


def document_titles(db: Database) -> list[tuple[str, str]]:
    """(id, stored title) of all documents, in library order: without the
    counts of :func:`document_rows` (a 50 MB document's take 17 ms)."""
    return [(row["id"], row["title"]) for row in db.query("SELECT id, title FROM documents ORDER BY position, id")]


def source_rows(db: Database) -> list[dict[str, Any]]:
    """The source rows of all documents, in library order (see :func:`source_of`)."""
    return list(db.query(f"SELECT {_SOURCE_COLUMNS} FROM documents ORDER BY position, id"))


def load_metadata(row: dict[str, Any]) -> Metadata:
    """Metadata from a documents row."""
    return Metadata(**json.loads(row["metadata"]))


def load_document(db: Database, document_id: str, first_paragraphs: int | None = None) -> Document | None:
    """Read a document back; None when the library does not hold it.

    ``first_paragraphs``: only its first so many paragraphs, with the units
    they are in and their figures (the start a window shows first); the
    document is then marked ``partial`` unless that is all of it.
    """
    rows = list(db.query("SELECT * FROM documents WHERE id = ?", [document_id]))
    if not rows:
        return None
    row = rows[0]
    head = ""
    params: list[Any] = [document_id]
    if first_paragraphs is not None:
        head = " AND ord <= ?"
        params.append(first_paragraphs)
        more = db.execute(
            "SELECT 1 FROM paragraphs WHERE document = ? AND ord > ? LIMIT 1", [document_id, first_paragraphs]
        ).fetchone()
        if more is None:  # that is all of it
            return load_document(db, document_id)
    # (The whole document: no condition on paragraphs.)
    in_head = f"paragraph IN (SELECT id FROM paragraphs WHERE document = ?{head})" if head else "1 = 1"
    in_head_params = params if head else []
    refs: dict[str, list[str]] = {}
    for ref in db.query(
        f"SELECT paragraph, box FROM refs WHERE document = ? AND {in_head} ORDER BY rowid",
        [document_id, *in_head_params],
    ):
        refs.setdefault(ref["paragraph"], []).append(ref["box"])
    # Parents come before their children: the units of the head are those up
    # to the last one its paragraphs are in.
    node_head = (
        " AND ord <= (SELECT max(n.ord) FROM nodes n WHERE n.document = ? AND n.id IN "
        f"(SELECT node FROM paragraphs WHERE document = ?{head}))"
        if head
        else ""
    )
    nodes = tuple(
        node_from_row(n)
        for n in db.query(
            f"SELECT * FROM nodes WHERE document = ?{node_head} ORDER BY ord",
            [document_id, *([document_id, *params] if head else [])],
        )
    )
    paragraphs = tuple(
        paragraph_from_row(p, refs.get(p["id"], ()))
        for p in db.query(f"SELECT * FROM paragraphs WHERE document = ?{head} ORDER BY ord", params)
    )
    if head:
        # Figures are numbered in reading order: the head's are those up to
        # the last one of its paragraphs (found through its paragraphs: read
        # in figure order, the whole document's were scanned, 0.5 s at 50 MB;
        # CROSS JOIN keeps SQLite's planner from starting there).
        last = db.execute(
            "SELECT coalesce(max(f.ord), -1) FROM paragraphs p CROSS JOIN figures f ON f.document = p.document "
            "AND f.paragraph = p.id WHERE p.document = ? AND p.ord <= ?",
            [document_id, first_paragraphs],
        ).fetchone()[0]
        figures = tuple(figure_rows(db, "document = ? AND ord <= ?", [document_id, last]))
    else:
        figures = tuple(figure_rows(db, "document = ?", [document_id]))
    return replace(
        _document_of_row(row),
        nodes=nodes,
        paragraphs=paragraphs,
        truncated=bool(row["truncated"]) and not head,
        figures=figures,
        partial=bool(head),
    )


def document_head(db: Database, document_id: str) -> Document | None:
    """A document without its nodes, paragraphs and figures (what else it
    holds: metadata, title line, page markers, flags); None when the library
    does not hold it."""
    rows = list(db.query("SELECT * FROM documents WHERE id = ?", [document_id]))
    return _document_of_row(rows[0]) if rows else None


def _document_of_row(row: dict[str, Any]) -> Document:
    return Document(
        metadata=load_metadata(row),
        title_line=row["title_line"],
        nodes=(),
        paragraphs=(),
        page_markers=tuple(PageMarker(**m) for m in json.loads(row["page_markers"])),
        fragment=bool(row["fragment"]),
        truncated=bool(row["truncated"]),
    )


def node_from_row(row: dict[str, Any]) -> Node:
    """A Node from a nodes row."""
    return Node(
        id=row["id"],
        kind=row["kind"],
        number=row["number"],
        title=row["title"],
        label=row["label"],
        parent=_shared(row["parent"]),
        inferred=bool(row["inferred"]),
        heading=row["heading"],
        repeated=bool(row["repeated"]),
    )


# -- a large document, read as it is looked at ---------------------------------
# (Places count from 0: a paragraph's is its ord less one, a node's its ord.)


def row_counts(db: Database, document_id: str) -> tuple[int, int]:
    """How many nodes and paragraphs a document has."""
    nodes = db.execute("SELECT count(*) FROM nodes WHERE document = ?", [document_id]).fetchone()[0]
    paragraphs = db.execute("SELECT count(*) FROM paragraphs WHERE document = ?", [document_id]).fetchone()[0]
    return int(nodes), int(paragraphs)


def _paragraphs_where(db: Database, document_id: str, where: str, params: list[Any]) -> list[Paragraph]:
    """The paragraphs matching a fixed ``where`` clause, in order, with their refs."""
    rows = list(
        db.query(f"SELECT * FROM paragraphs WHERE document = ? AND {where} ORDER BY ord", [document_id, *params])
    )
    refs: dict[str, list[str]] = {}
    if rows:
        for ref in db.query(
            "SELECT paragraph, box FROM refs WHERE document = ? AND paragraph IN "
            "(SELECT value FROM json_each(?)) ORDER BY rowid",
            [document_id, json.dumps([row["id"] for row in rows])],
        ):
            refs.setdefault(ref["paragraph"], []).append(ref["box"])
    return [paragraph_from_row(row, refs.get(row["id"], ())) for row in rows]


def paragraph_slice(db: Database, document_id: str, lo: int, hi: int) -> list[Paragraph]:
    """The paragraphs at places ``lo`` to ``hi`` (not included)."""
    return _paragraphs_where(db, document_id, "ord > ? AND ord <= ?", [lo, hi])


def node_slice(db: Database, document_id: str, lo: int, hi: int) -> list[Node]:
    """The nodes at places ``lo`` to ``hi`` (not included)."""
    return [
        node_from_row(row)
        for row in db.query(
            "SELECT * FROM nodes WHERE document = ? AND ord >= ? AND ord < ? ORDER BY ord", [document_id, lo, hi]
        )
    ]


def nodes_of_kinds(db: Database, document_id: str, kinds: set[str]) -> dict[int, Node]:
    """The nodes of these kinds by their places, in order."""
    return {
        row["ord"]: node_from_row(row)
        for row in db.query(
            "SELECT * FROM nodes WHERE document = ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY ord",
            [document_id, json.dumps(sorted(kinds))],
        )
    }


def skeleton(db: Database, document_id: str) -> Skeleton:
    """A document's :class:`~app.document.model.Skeleton`, read in three passes."""
    kinds = {kind: number for number, kind in enumerate(NODE_KINDS)}
    node_parent = array(
        "i",
        (
            parent
            for (parent,) in db.execute(
                "SELECT coalesce(p.ord, -1) FROM nodes n LEFT JOIN nodes p ON p.document = n.document "
                "AND p.id = n.parent WHERE n.document = ? ORDER BY n.ord",
                [document_id],
            )
        ),
    )
    node_kind = bytes(
        kinds[kind] for (kind,) in db.execute("SELECT kind FROM nodes WHERE document = ? ORDER BY ord", [document_id])
    )
    paragraph_node = array(
        "i",
        (
            node
            for (node,) in db.execute(
                "SELECT coalesce(n.ord, -1) FROM paragraphs p LEFT JOIN nodes n ON n.document = p.document "
                "AND n.id = p.node WHERE p.document = ? ORDER BY p.ord",
                [document_id],
            )
        ),
    )
    return Skeleton(node_parent, node_kind, paragraph_node)


def paragraph_place(db: Database, document_id: str, paragraph_id: str) -> int | None:
    """The place of a paragraph, or None."""
    row = db.execute("SELECT ord FROM paragraphs WHERE document = ? AND id = ?", [document_id, paragraph_id]).fetchone()
    return None if row is None else int(row[0]) - 1


def node_place(db: Database, document_id: str, node_id: str) -> int | None:
    """The place of a node, or None."""
    row = db.execute("SELECT ord FROM nodes WHERE document = ? AND id = ?", [document_id, node_id]).fetchone()
    return None if row is None else int(row[0])


def paragraphs_in_node(db: Database, document_id: str, node_id: str | None) -> list[Paragraph]:
    """The paragraphs directly in a node (None: the preamble)."""
    if node_id is None:
        return _paragraphs_where(db, document_id, "node IS NULL", [])
    return _paragraphs_where(db, document_id, "node = ?", [node_id])


def first_in_box(db: Database, document_id: str, box: str) -> str | None:
    """The id of the first paragraph of a 专栏 (``专栏7``), or None."""
    row = db.execute(
        "SELECT id FROM paragraphs WHERE document = ? AND box = ? ORDER BY ord LIMIT 1", [document_id, box]
    ).fetchone()
    return None if row is None else str(row[0])


def mentioning(db: Database, document_id: str, box: str) -> list[Paragraph]:
    """The paragraphs that mention a 专栏, in order."""
    return _paragraphs_where(
        db, document_id, "id IN (SELECT paragraph FROM refs WHERE document = ? AND box = ?)", [document_id, box]
    )


def paragraphs_containing(db: Database, document_id: str, folded: str) -> list[tuple[int, str]]:
    """The places and texts of the paragraphs whose text, its Latin capitals
    made small (SQLite's lower() folds those only, as find in page does),
    contains ``folded``."""
    return [
        (int(ord_) - 1, text)
        for ord_, text in db.execute(
            "SELECT ord, text FROM paragraphs WHERE document = ? AND instr(lower(text), ?) > 0 ORDER BY ord",
            [document_id, folded],
        )
    ]


@functools.lru_cache(maxsize=8192)
def stored_path(stored: str) -> tuple[str, ...]:
    """A stored path (JSON) as a tuple: one tuple for the many paragraphs and
    figures of a section (a 10 MB document held 270,000 copies: 23 MB)."""
    return tuple(sys.intern(label) for label in json.loads(stored))


def _shared(value: str | None) -> str | None:
    """One string for the values that repeat on every row (node ids, kinds, boxes)."""
    return None if value is None else sys.intern(value)


def paragraph_from_row(row: dict[str, Any], refs: Iterable[str]) -> Paragraph:
    """A Paragraph from a paragraphs row and its refs."""
    return Paragraph(
        id=row["id"],
        index=row["ord"],
        text=row["text"],
        node=_shared(row["node"]),
        kind="box" if row["kind"] == "box" else "body",
        box=_shared(row["box"]),
        path=stored_path(row["path"]),
        lead=row["lead"],
        refs=tuple(refs),
        joins=row["joins"],
        role=row["role"],
        ordinal=row["ordinal"],
        unplaced=row["unplaced"],
        page=row["page"],
    )


def paragraph_rows(db: Database, paragraph_id: str) -> list[dict[str, Any]]:
    """Rows of the paragraphs with ``paragraph_id`` in any document."""
    return list(db.query("SELECT * FROM paragraphs WHERE id = ?", [paragraph_id]))


def refs_of(db: Database, document_id: str, paragraph_id: str) -> list[str]:
    """Boxes mentioned by a paragraph."""
    return [
        r["box"]
        for r in db.query(
            "SELECT box FROM refs WHERE document = ? AND paragraph = ? ORDER BY rowid",
            [document_id, paragraph_id],
        )
    ]


def figure_rows(db: Database, where: str, params: list[Any]) -> Iterator[Figure]:
    """Figures matching a fixed ``where`` clause (never user text) with ``params``."""
    # The figures of one sentence share its text (a sentence holds several).
    sentences: dict[str, str] = {}
    for row in db.query(f"SELECT * FROM figures WHERE {where} ORDER BY document, ord", params):
        yield Figure(
            id=row["id"],
            paragraph=row["paragraph"],
            text=row["text"],
            value=_number(row["value"]),
            value_max=None if row["value_max"] is None else _number(row["value_max"]),
            unit=_shared(row["unit"]),
            qualifier=row["qualifier"],
            as_of=row["as_of"],
            sentence=sentences.setdefault(row["sentence"], row["sentence"]),
            start=row["start"],
            end=row["end"],
            box=_shared(row["box"]),
            path=stored_path(row["path"]),
            unplaced=row["unplaced"],
            kind=row["kind"],
            counts=row["counts"],
            change_from=row["change_from"],
            change_to=row["change_to"],
            direction=row["direction"],
        )


def _number(value: float | int) -> float | int:
    return int(value) if float(value).is_integer() else cast(float, value)


def get_meta(db: Database, key: str) -> str | None:
    """A value from library_meta."""
    row = db.execute("SELECT value FROM library_meta WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def set_meta(db: Database, key: str, value: str) -> None:
    """Set a value in library_meta (inside the caller's transaction)."""
    db.execute(
        "INSERT INTO library_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


def next_position(db: Database) -> int:
    """The library position after the last document's."""
    return int(db.execute("SELECT coalesce(max(position), 0) + 1 FROM documents").fetchone()[0])


def figure_documents(db: Database, figure_id: str, document_id: str | None) -> list[str]:
    """The documents holding a figure with ``figure_id`` (one, or several when
    the bare id is ambiguous)."""
    if document_id:
        rows = db.execute("SELECT document FROM figures WHERE id = ? AND document = ?", [figure_id, document_id])
    else:
        rows = db.execute("SELECT document FROM figures WHERE id = ?", [figure_id])
    return [row[0] for row in rows]


# -- copies and salvage --------------------------------------------------------


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to another database file (rows by name)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def copy_database(source: Path, target: Path) -> bool:
    """Copy the database at ``source`` to a new file ``target`` with SQLite's
    backup API; on failure, remove ``target`` and return False."""
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        writer = sqlite3.connect(str(target))
        with writer:
            reader.backup(writer)
        reader.close()
        writer.close()
    except sqlite3.Error:
        target.unlink(missing_ok=True)
        return False
    return True


def salvage_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of the imported documents that can still be read from a
    damaged library (best effort: nothing when the file cannot be read at all);
    their text is read later with :func:`salvaged_pieces`."""
    try:
        conn = open_read_only(path)
        try:
            rows = conn.execute(
                "SELECT id, metadata, source_name, source_sha256, position, imported_at "
                "FROM documents WHERE bundled = 0 ORDER BY position"
            ).fetchall()
            return [dict(row) for row in rows]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def salvaged_pieces(conn: sqlite3.Connection, document_id: str) -> Iterator[str]:
    """A salvaged document's source text, from a library of this version or
    of one that kept it whole in documents.source_text (schema 3 and older:
    the columns are read with sqlite-utils' introspection)."""
    columns = Database(conn).utils().table("documents").columns_dict
    if "source_text" in columns:
        yield from (row[0] for row in conn.execute("SELECT source_text FROM documents WHERE id = ?", [document_id]))
    else:
        yield from source_pieces(conn, document_id)


def paragraph_text(db: Database, document_id: str, paragraph_id: str) -> str | None:
    """The text of a paragraph of a document, or None when it has none."""
    row = db.execute(
        "SELECT text FROM paragraphs WHERE document = ? AND id = ?", [document_id, paragraph_id]
    ).fetchone()
    return None if row is None else str(row[0])


def paragraph_texts(db: Database, document_id: str) -> list[tuple[str, str]]:
    """(id, text) of a document's paragraphs, in reading order."""
    return [
        (row[0], row[1])
        for row in db.execute("SELECT id, text FROM paragraphs WHERE document = ? ORDER BY ord", [document_id])
    ]
