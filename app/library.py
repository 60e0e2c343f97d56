"""The library: a folder holding the content database, and the service API.

Front ends (the CLI, the Qt window) call :class:`Library`; they never run SQL
themselves. Everything returned is a frozen dataclass from :mod:`app.model`
or from this module.

A library folder holds ``library.sqlite`` (content that can always be rebuilt
from the stored sources). A new library already holds the bundled documents;
when a newer program brings updated bundled content or a new parser, the
content is re-parsed, and what the user imported is kept.
"""

import hashlib
import os
import sqlite3
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from app import search_index, store
from app.errors import DocumentError, LibraryError, LibraryUnavailableError, NotFoundError, SchemaTooNewError
from app.i18n import os_reason, tr
from app.model import Document, Figure, Metadata, Paragraph
from app.parser import parse_text, with_metadata
from app.paths import bundle_root, default_library_dir, resources_dir
from app.progress import ProgressCallback, stage
from app.search import Searcher
from app.textio import decode_document_bytes, read_document_text
from app.userdata import UserData

LIBRARY_FILE = "library.sqlite"
# Bump when the parser or figure extraction changes what they produce: a
# library built by an older parser is then rebuilt from its stored sources.
PARSER_VERSION = "1"



@dataclass(frozen=True)
class BundledDocument:
    """A document shipped in ``resources/documents`` with its metadata."""

    metadata: Metadata
    path: Path


@dataclass(frozen=True)
class DocumentSummary:
    """One row of the library's document list."""

    id: str
    title: str
    metadata: Metadata
    bundled: bool
    truncated: bool
    fragment: bool
    paragraphs: int
    figures: int


@dataclass(frozen=True)
class ParagraphRef:
    """A paragraph with the document it belongs to."""

    document: Metadata
    paragraph: Paragraph


def bundled_documents(root: Path | None = None) -> list[BundledDocument]:
    """The documents shipped with the program, from their TOML metadata files."""
    folder = (root or resources_dir()) / "documents"
    found = []
    for meta_path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(meta_path.read_text(encoding="utf-8"))
        file_name = data.pop("file")
        found.append(BundledDocument(Metadata(**data), folder / file_name))
    return found


def prebuilt_library() -> Path | None:
    """The content database built with the executable (``make dist``), or None.

    Only a frozen build uses one: in a source checkout, ``db/content`` may be
    older than the code, and parsing the bundled document takes a moment.
    """
    if not getattr(sys, "frozen", False):
        return None
    return bundle_root() / "db" / "content" / LIBRARY_FILE


def _copy_prebuilt(target: Path) -> None:
    """Start a new library from the prebuilt content, so that the first start
    does no parsing or indexing (the versions are checked right after)."""
    source = prebuilt_library()
    if source is None or not source.exists():
        return
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        writer = sqlite3.connect(str(target))
        with writer:
            reader.backup(writer)
        reader.close()
        writer.close()
    except sqlite3.Error:
        target.unlink(missing_ok=True)  # the library is then built from the sources


def _salvage_imports(path: Path) -> list[dict[str, Any]]:
    """The imported documents' sources that can still be read from a damaged
    library (best effort: nothing when the file cannot be read at all)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            rows = conn.execute(
                "SELECT id, metadata, source_name, source_text, position, imported_at "
                "FROM documents WHERE bundled = 0 ORDER BY position"
            ).fetchall()
            return [dict(row) for row in rows]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def _check_writable(directory: Path) -> None:
    """Raise the OSError of writing in ``directory`` (a read-only disk or
    folder), before anything could take the library for a damaged one."""
    probe = directory / f".write-test-{os.getpid()}"
    probe.touch()
    probe.unlink()


def _set_aside(path: Path) -> Path:
    """Move a damaged database (and its WAL files) aside with a timestamp."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.replace(aside.with_name(aside.name + suffix))
    return aside


def _parse_stored(row: dict[str, Any]) -> Document:
    """Parse a document again from its stored source row, with its metadata."""
    return parse_text(row["source_text"], store.load_metadata(row), name=row["source_name"])


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Library:
    """A library folder: its documents, figures and (later) search index.

    Args:
        directory: the library folder; None for the default (``$BAIPISHU_HOME``
            or the platform's user data folder). Created when missing.
        bundled: the bundled documents to keep in it; None for the program's.

    Raises:
        LibraryError: the folder or its database cannot be used.
    """

    def __init__(
        self, directory: Path | None = None, *, bundled: list[BundledDocument] | None = None
    ) -> None:
        self.directory = directory or default_library_dir()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _check_writable(self.directory)
        except OSError as exc:
            raise LibraryUnavailableError(
                tr("library_unwritable", path=self.directory, reason=os_reason(exc))
            ) from None
        self.path = self.directory / LIBRARY_FILE
        if bundled is None and not self.path.exists():
            _copy_prebuilt(self.path)
        # One sentence for the user when a damaged library was set aside.
        self.recovered: str | None = None
        salvaged: list[dict[str, Any]] = []
        try:
            self.db: sqlite_utils.Database = store.connect(self.path)
            store.check_integrity(self.db, self.path)
        except (SchemaTooNewError, LibraryUnavailableError):
            # Not damaged: left exactly as it is.
            raise
        except LibraryError:
            if hasattr(self, "db"):
                self.db.close()
            salvaged = _salvage_imports(self.path)
            aside = _set_aside(self.path)
            self.db = store.connect(self.path)
            self.recovered = tr("library_recovered", path=aside, count=len(salvaged))
        self.user = UserData(self.directory)
        self._bundled = bundled_documents() if bundled is None else bundled
        self._sync()
        for row in salvaged:
            self._restore_import(row)

    def close(self) -> None:
        """Close the database connections."""
        self.db.close()
        self.user.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- keeping content in step -------------------------------------------

    def _sync(self) -> None:
        """Bring bundled documents and parser output up to date."""
        if (
            store.get_meta(self.db, "parser_version") != PARSER_VERSION
            or store.get_meta(self.db, "index_version") != search_index.index_version()
        ):
            self.rebuild()
        removed = set(filter(None, (store.get_meta(self.db, "removed_bundled") or "").split("\n")))
        present = {row["id"]: row for row in store.document_rows(self.db)}
        for bundled in self._bundled:
            if bundled.metadata.id in removed:
                continue
            row = present.get(bundled.metadata.id)
            text = read_document_text(bundled.path)
            if row is None or row["source_sha256"] != _sha256(text) or (
                store.load_metadata(row) != bundled.metadata
            ):
                self._replace(bundled.metadata, text, bundled.path.name, bundled=True)

    def _replace(self, metadata: Metadata, text: str, source_name: str, *, bundled: bool) -> None:
        document = parse_text(text, metadata, name=source_name)
        with self.db.atomic():
            old = store.source_of(self.db, metadata.id)
            if old is not None:
                self._delete(metadata.id)
            self._insert(document, text, source_name, bundled=bundled,
                         position=old["position"] if old else None,
                         imported_at=old["imported_at"] if old else None)
            store.set_meta(self.db, "parser_version", PARSER_VERSION)

    def _insert(
        self,
        document: Document,
        text: str,
        source_name: str,
        *,
        bundled: bool,
        position: int | None = None,
        imported_at: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        if position is None:
            row = self.db.execute("SELECT coalesce(max(position), 0) + 1 FROM documents").fetchone()
            position = int(row[0])
        store.insert_document(
            self.db,
            document,
            source_name=source_name,
            source_sha256=_sha256(text),
            source_text=text,
            bundled=bundled,
            position=position,
            imported_at=imported_at or _now(),
            progress=stage(progress, "store"),
        )
        search_index.add_document(self.db, document.id, stage(progress, "index"))

    def _delete(self, document_id: str) -> None:
        """Delete a document and its index entries (inside a transaction)."""
        search_index.remove_document(self.db, document_id)
        store.delete_document(self.db, document_id)

    def _restore_import(self, row: dict[str, Any]) -> None:
        """Re-import a document salvaged from a damaged library."""
        try:
            document = _parse_stored(row)
        except DocumentError:
            return
        if store.source_of(self.db, document.id) is not None:
            return
        with self.db.atomic():
            self._insert(document, row["source_text"], row["source_name"], bundled=False,
                         position=row["position"], imported_at=row["imported_at"])

    # -- changing the library ----------------------------------------------

    def import_file(
        self, path: Path, *, title: str | None = None, progress: ProgressCallback | None = None
    ) -> str:
        """Import a text file; return the new document's id.

        The file is parsed completely before anything is written, and written
        in one transaction, so a refused file leaves the library unchanged.
        ``progress`` gets (done, 1000) through parsing, storing and indexing
        (see :mod:`app.progress`); when it raises, the import stops and the
        library is left as it was.

        Raises:
            DocumentError: the file cannot be read or holds no text.
        """
        text = read_document_text(path)
        return self.import_text(
            text, source_name=path.name, title=title, fallback=path.stem, progress=progress
        )

    def import_bytes(self, data: bytes, *, source_name: str, title: str | None = None) -> str:
        """Import a document from raw bytes (drag and drop, tests)."""
        text = decode_document_bytes(data, name=source_name)
        return self.import_text(text, source_name=source_name, title=title,
                                fallback=Path(source_name).stem)

    def import_text(
        self,
        text: str,
        *,
        source_name: str,
        title: str | None = None,
        fallback: str = "",
        progress: ProgressCallback | None = None,
    ) -> str:
        """Import decoded text; see :meth:`import_file`."""
        document = parse_text(text, name=source_name, fallback_title=fallback, progress=stage(progress, "parse"))
        if title:
            document = with_metadata(
                document, Metadata(id=document.id, title=title, kind=document.metadata.kind)
            )
        if store.source_of(self.db, document.id) is not None:
            raise DocumentError(tr("doc_exists", id=document.id))
        with self.db.atomic():
            self._insert(document, text, source_name, bundled=False, progress=progress)
        return document.id

    def remove(self, document_id: str) -> None:
        """Remove a document. A removed bundled document stays removed.

        Raises:
            NotFoundError: the library has no such document.
        """
        row = store.source_of(self.db, document_id)
        if row is None:
            raise NotFoundError(tr("doc_not_found", id=document_id))
        with self.db.atomic():
            self._delete(document_id)
            if row["bundled"]:
                removed = (store.get_meta(self.db, "removed_bundled") or "").split("\n")
                store.set_meta(self.db, "removed_bundled",
                               "\n".join(filter(None, [*removed, document_id])))

    def rebuild(self, progress: ProgressCallback | None = None) -> None:
        """Re-parse every document from its stored source, in one transaction.

        Args:
            progress: called with (done, total) after each document.
        """
        rows = [store.source_of(self.db, r["id"]) for r in store.document_rows(self.db)]
        sources = [row for row in rows if row is not None]
        parsed = []
        for done, row in enumerate(sources, start=1):
            parsed.append((_parse_stored(row), row))
            if progress:
                progress(done, len(sources))
        with self.db.atomic():
            search_index.clear(self.db)
            for document, row in parsed:
                store.delete_document(self.db, document.id)
                self._insert(document, row["source_text"], row["source_name"],
                             bundled=bool(row["bundled"]), position=row["position"],
                             imported_at=row["imported_at"])
            store.set_meta(self.db, "parser_version", PARSER_VERSION)
            store.set_meta(self.db, "index_version", search_index.index_version())
        if progress and not sources:
            progress(0, 0)

    # -- reading -------------------------------------------------------------

    def documents(self) -> list[DocumentSummary]:
        """All documents, in library order."""
        return [
            DocumentSummary(
                id=row["id"],
                title=row["title"],
                metadata=store.load_metadata(row),
                bundled=bool(row["bundled"]),
                truncated=bool(row["truncated"]),
                fragment=bool(row["fragment"]),
                paragraphs=row["paragraphs"],
                figures=row["figures"],
            )
            for row in store.document_rows(self.db)
        ]

    def document(self, document_id: str) -> Document:
        """A whole document.

        Raises:
            NotFoundError: the library has no such document.
        """
        document = store.load_document(self.db, document_id)
        if document is None:
            raise NotFoundError(tr("doc_not_found", id=document_id))
        return document

    def all_documents(self, document_id: str | None = None) -> Iterator[Document]:
        """Every document, or just ``document_id`` when given."""
        ids = [document_id] if document_id else [d.id for d in self.documents()]
        return (self.document(doc) for doc in ids)

    def paragraph(self, reference: str) -> ParagraphRef:
        """Look up a paragraph by ``ID`` or ``DOCUMENT/ID``.

        Raises:
            NotFoundError: no such paragraph, or the bare id is ambiguous.
        """
        document_id, _, paragraph_id = reference.rpartition("/")
        rows = [
            row for row in store.paragraph_rows(self.db, paragraph_id)
            if not document_id or row["document"] == document_id
        ]
        if not rows:
            raise NotFoundError(tr("para_not_found", id=reference))
        if len(rows) > 1:
            raise NotFoundError(tr("para_ambiguous", id=paragraph_id))
        row = rows[0]
        source = store.source_of(self.db, row["document"])
        assert source is not None  # the foreign key guarantees it
        refs = store.refs_of(self.db, row["document"], paragraph_id)
        return ParagraphRef(store.load_metadata(source), store.paragraph_from_row(row, refs))

    def figures(self, document_id: str | None = None) -> list[Figure]:
        """Figures of one document or of all, in reading order."""
        if document_id is None:
            return list(store.figure_rows(self.db, "1 = 1", []))
        self.document_metadata(document_id)
        return list(store.figure_rows(self.db, "document = ?", [document_id]))

    def figure(self, reference: str) -> tuple[Metadata, Figure]:
        """Look up a figure by ``ID`` or ``DOCUMENT/ID``.

        Raises:
            NotFoundError: no such figure, or the bare id is ambiguous.
        """
        document_id, _, figure_id = reference.rpartition("/")
        where, params = "id = ?", [figure_id]
        if document_id:
            where, params = "id = ? AND document = ?", [figure_id, document_id]
        rows = list(self.db.query(f"SELECT document FROM figures WHERE {where}", params))
        if not rows:
            raise NotFoundError(tr("para_not_found", id=reference))
        if len(rows) > 1:
            raise NotFoundError(tr("para_ambiguous", id=figure_id))
        doc = rows[0]["document"]
        figure = next(store.figure_rows(self.db, "id = ? AND document = ?", [figure_id, doc]))
        return self.document_metadata(doc), figure

    def searcher(self) -> Searcher:
        """A new :class:`~app.search.Searcher` with its own read-only connection
        (create one per thread)."""
        return Searcher(self.path)

    def document_metadata(self, document_id: str) -> Metadata:
        """A document's metadata.

        Raises:
            NotFoundError: the library has no such document.
        """
        row = store.source_of(self.db, document_id)
        if row is None:
            raise NotFoundError(tr("doc_not_found", id=document_id))
        return store.load_metadata(row)
