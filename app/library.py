"""The library: a folder holding the content database, and the service API.

Front ends (the CLI, the Qt window) call :class:`Library`; they never run SQL
themselves. Everything returned is a frozen dataclass from :mod:`app.document.model`
or from this module.

A library folder holds ``library.sqlite`` (content that can always be rebuilt
from the stored sources). A new library already holds the bundled documents;
when a newer program brings updated bundled content or a new parser, the
content is re-parsed, and what the user imported is kept.
"""

import functools
import os
import re
import sqlite3
import sys
import threading
import tomllib
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from app import sql
from app.document.figures import FigureQuery
from app.document.formats import Format
from app.document.genres import GENRES, Genre, known_genre
from app.document.model import Document, Figure, Metadata, Node, Paragraph, Skeleton, StoredRows
from app.document.parser import DocumentParser
from app.document.styles import NOTE_COLORS
from app.document.textio import TextSource, file_source, text_source
from app.errors import (
    AmbiguousError,
    BaipishuError,
    DocumentError,
    LibraryError,
    LibraryUnavailableError,
    NotFoundError,
    SchemaTooNewError,
)
from app.i18n import os_reason, tr
from app.paths import bundle_root, default_library_dir, resources_dir
from app.prepare import Parsed, PreparedDocument, Refused, Task, Workers, checked_pieces, read_file
from app.progress import ProgressCallback, stage
from app.search import index as search_index
from app.search.normalize import normalize
from app.search.searcher import Hit, SearchCancelled, Searcher, SearchResult
from app.storage import content as store
from app.storage.database import Database
from app.storage.userdata import Bookmark, Note, UserData
from app.timing import report
from app.warmup import load_word_ranking, word_ranking_loaded

# The service's API: front ends import these names from here, never from the
# search or storage layers (docs/decisions/0003-layers.md).
__all__ = [
    "GENRES",
    "Genre",
    "Bookmark",
    "BundledDocument",
    "DocumentSummary",
    "Hit",
    "Library",
    "ParagraphRef",
    "SearchCancelled",
    "SearchResult",
    "Searcher",
    "bundled_documents",
    "load_word_ranking",
    "normalize",
    "word_ranking_loaded",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")

LIBRARY_FILE = "library.sqlite"
# Bump when the parser or figure extraction changes what they produce: a
# library built by an older parser is then rebuilt from its stored sources.
PARSER_VERSION = "5"
# Characters of a paragraph's opening in its bookmark's label.
BOOKMARK_LABEL_CHARS = 40
# Set (with the new content, in its transaction) when paragraphs were parsed
# again and bookmarks may point at ids that are gone; cleared once they are
# anchored again. A rebuild killed in between is finished at the next open.
REANCHOR_KEY = "bookmarks_reanchor"
REANCHOR_PENDING = "pending"
# The shortest paragraph a bookmark is anchored to inside its old text (a
# shorter one could be found there by chance).
ANCHOR_MIN_CHARS = 6


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
    chars: int = 0


@dataclass(frozen=True)
class RemovedDocument:
    """A document removed from the library, kept so that the removal can be
    undone: its text and how it was imported.

    Attributes:
        id: the document's id (the same again once restored).
        title: its title, to name it.
        bundled: it was shipped with the program.
        source_name: the file it was imported from.
        text: its source text (None for a bundled one: the program has it).
        genre: the genre it was read as.
        original: the file it was read from when it was not text: (format,
            file name, bytes, what the file says of itself).
    """

    id: str
    title: str
    bundled: bool
    source_name: str
    text: str | None
    genre: str
    position: int = 0
    imported_at: str = ""
    original: tuple[str, str, bytes, dict[str, str]] | None = None


@dataclass(frozen=True)
class ParagraphRef:
    """A paragraph with the document it belongs to."""

    document: Metadata
    paragraph: Paragraph


# The metadata a user may edit (the rest is the library's: id, excerpt).
EDITABLE_FIELDS: tuple[str, ...] = (
    "title",
    "issuer",
    "author",
    "release_date",
    "number",
    "genre",
    "kind",
    "subtitle",
    "place",
    "url",
    "source_note",
)
METADATA_MAX_CHARS = 500
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_metadata_edit(name: str, value: str) -> str:
    """``value`` for metadata field ``name`` as it is kept (stripped), or a
    clear error: a date is YYYY-MM-DD, a genre is one of :data:`GENRES`.

    Raises:
        BaipishuError: the field cannot be edited or the value is not valid.
    """
    if name not in EDITABLE_FIELDS:
        raise BaipishuError(tr("meta_bad_field", field=name, fields=", ".join(EDITABLE_FIELDS)))
    value = value.strip()
    if len(value) > METADATA_MAX_CHARS:
        raise BaipishuError(tr("meta_too_long", field=name, limit=METADATA_MAX_CHARS))
    if name == "title" and not value:
        raise BaipishuError(tr("meta_empty_title"))
    if name == "release_date" and value:
        try:
            valid = bool(_ISO_DATE.match(value)) and date.fromisoformat(value).isoformat() == value
        except ValueError:
            valid = False
        if not valid:
            raise BaipishuError(tr("meta_bad_date", value=value))
    if name == "genre" and value not in GENRES:
        raise BaipishuError(tr("meta_bad_genre", value=value, genres=", ".join(GENRES)))
    if name == "url" and value and not re.match(r"^https?://[^\s]+$", value):
        raise BaipishuError(tr("meta_bad_url", value=value))
    return value


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
    if source is not None and source.exists():
        store.copy_database(source, target)  # on failure: built from the sources


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


def _stored_source(row: dict[str, Any], read: Callable[[], Iterator[str]]) -> TextSource:
    """A stored document's source (its length is not stored: no progress)."""
    return TextSource(name=row["source_name"], read=read, sha256=row["source_sha256"], chars=0)


def _edited_title(edits: dict[str, dict[str, str]], document_id: str, stored: str) -> str:
    """A document's title as the user edited it (else as stored)."""
    return edits.get(document_id, {}).get("title", stored)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


CLEAN_MARK = "library.clean"


def _stat_key(path: Path) -> str:
    """A file's size and modification time: it changed if this did."""
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _file_state(path: Path) -> str | None:
    """The :func:`_stat_key` of a closed database file, or None while it has
    a write-ahead log (it was not closed cleanly, or is open)."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    return _stat_key(path)


# Files a worker process prepares whole (a larger one is read here, in
# pieces: a prepared file is in memory whole, parsed, in the worker and then
# here, about 20 times its size).
PREPARE_MAX_BYTES = 8 * 1024 * 1024
# Workers are started for files adding up to this much: starting one (a new
# interpreter, the segmenter's dictionary) costs about half a second.
PARALLEL_FROM_BYTES = 2 * 1024 * 1024
# At most so many worker processes (one per core, as this machine has).
IMPORT_WORKERS_MAX = 4
# Files prepared ahead of the one being stored, per worker.
IMPORT_AHEAD_PER_WORKER = 2


# The files a folder import takes (by their names; the content decides how
# each is read).
IMPORT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".pdf", ".docx", ".html", ".htm")


def importable_files(folder: Path) -> list[Path]:
    """The files of ``folder`` (not of its subfolders) an import takes, by name.

    Raises:
        OSError: the folder cannot be read.
    """
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in IMPORT_SUFFIXES)


@dataclass(frozen=True)
class ImportOutcome:
    """What came of one file of :meth:`Library.import_files`: the new
    document's id, or the sentence saying why the file was refused."""

    path: Path
    document_id: str | None
    refusal: str | None


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # (read here, which says why it cannot be)


def _service(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """A public method of :class:`Library`: it runs on the calling thread's
    own connection (one per thread: a worker gets one for the call), and an
    SQLite error that escapes it becomes one sentence (:class:`LibraryError`).
    """

    @functools.wraps(method)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        library = args[0]
        assert isinstance(library, Library)
        with library._thread_connection():
            try:
                return method(*args, **kwargs)
            except sqlite3.Error as exc:
                library._note_error(exc)
                raise store.library_error(exc, library.path) from None

    return wrapper


@dataclass(frozen=True)
class NoteEntry:
    """A highlight and where it is, as the notes panel lists it.

    Attributes:
        note: the highlight and its note.
        title: its document's title.
        index: its paragraph's number (¶), or None when the library no longer
            has the paragraph (the note is kept, and shown as missing).
        place: its paragraph's chapter, section and box.
        position: its document's place in the library.
    """

    note: Note
    title: str
    index: int | None
    place: str
    position: int


class _StoredDocument:
    """A stored document's rows and lookups, read from the library on the
    calling thread (the :class:`~app.document.model.DocumentStore` of
    :meth:`Library.stored_document`)."""

    def __init__(self, library: "Library", document_id: str) -> None:
        self._library = library
        self._id = document_id
        self._skeleton: Skeleton | None = None

    def _read(self, read: Callable[..., _R], *args: Any) -> _R:
        """``read(db, document_id, *args)`` on the calling thread's reader."""
        with self._library._reading() as db:
            return read(db, self._id, *args)

    def nodes(self, lo: int, hi: int) -> list[Node]:
        return self._read(store.node_slice, lo, hi)

    def paragraphs(self, lo: int, hi: int) -> list[Paragraph]:
        return self._read(store.paragraph_slice, lo, hi)

    def skeleton(self) -> Skeleton:
        if self._skeleton is None:  # (read once: a race reads it twice, alike)
            self._skeleton = self._read(store.skeleton)
        return self._skeleton

    def node_number(self, node_id: str) -> int | None:
        return self._read(store.node_place, node_id)

    def paragraph_position(self, paragraph_id: str) -> int | None:
        return self._read(store.paragraph_place, paragraph_id)

    def paragraphs_in(self, node_id: str | None) -> list[Paragraph]:
        return self._read(store.paragraphs_in_node, node_id)

    def box_paragraph(self, box: str) -> str | None:
        return self._read(store.first_in_box, box)

    def mentions_of(self, box: str) -> list[Paragraph]:
        return self._read(store.mentioning, box)

    def nodes_of_kinds(self, kinds: set[str]) -> dict[int, Node]:
        return self._read(store.nodes_of_kinds, kinds)

    def paragraphs_containing(self, folded: str) -> list[tuple[int, str]]:
        return self._read(store.paragraphs_containing, folded)


class Library:
    """A library folder: its documents, figures, search index and user data.

    Opening is cheap: the integrity check (``PRAGMA quick_check``, which reads
    the whole file) runs only when the file is not as the last clean close
    left it (a crash, another program, damage) or after an error said it may
    be damaged; the bundled text is hashed again only when its file changed.

    Args:
        directory: the library folder; None for the default (``$BAIPISHU_HOME``
            or the platform's user data folder). Created when missing.
        bundled: the bundled documents to keep in it; None for the program's.

    Raises:
        LibraryError: the folder or its database cannot be used.
    """

    def __init__(self, directory: Path | None = None, *, bundled: list[BundledDocument] | None = None) -> None:
        self.directory = directory or default_library_dir()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            _check_writable(self.directory)
        except OSError as exc:
            raise LibraryUnavailableError(
                tr("library_unwritable", path=self.directory, reason=os_reason(exc))
            ) from None
        self.path = self.directory / LIBRARY_FILE
        self._owner = threading.get_ident()
        self._local = threading.local()
        # Read-only connections of other threads reading stored documents'
        # rows (one per thread, kept for its life; closed with the library).
        self._readers: list[Database] = []
        self._readers_lock = threading.Lock()
        self._damage_seen = False
        if bundled is None and not self.path.exists():
            _copy_prebuilt(self.path)
        # One sentence for the user when a damaged library was set aside.
        self.recovered: str | None = None
        salvaged: list[dict[str, Any]] = []
        aside: Path | None = None
        try:
            self._db = store.connect(self.path)
            if self._needs_check():
                store.check_integrity(self._db, self.path)
        except (SchemaTooNewError, LibraryUnavailableError):
            # Not damaged: left exactly as it is.
            raise
        except LibraryError:
            if hasattr(self, "_db"):
                self._db.close()
            aside = _set_aside(self.path)
            salvaged = store.salvage_rows(aside)
            self._db = store.connect(self.path)
        self.user = UserData(self.directory)
        self._bundled = bundled_documents() if bundled is None else bundled
        try:
            self._sync()
            # A rebuild stopped (killed) after it stored the new content but
            # before it re-anchored the bookmarks: they are anchored now.
            if store.get_meta(self.db, REANCHOR_KEY) == REANCHOR_PENDING:
                self._reanchor_user_data()
            if aside is not None:
                restored = self._restore_imports(salvaged, aside)
                self.recovered = tr("library_recovered", path=aside, count=restored)
        except sqlite3.Error as exc:
            self.close()
            raise store.library_error(exc, self.path) from None

    @property
    def db(self) -> Database:
        """The calling thread's connection to the content database."""
        connection: Database | None = getattr(self._local, "db", None)
        return connection if connection is not None else self._db

    @contextmanager
    def _thread_connection(self) -> Iterator[None]:
        """Give a thread other than the one that opened the library its own
        connection for the length of a call (SQLite connections belong to one
        thread; opening one costs a version check, not a whole open)."""
        if threading.get_ident() == self._owner or getattr(self._local, "db", None) is not None:
            yield
            return
        self._local.db = store.connect(self.path)
        try:
            with self.user.thread_connection():
                yield
        finally:
            self._local.db.close()
            self._local.db = None

    def _needs_check(self) -> bool:
        """Whether the file may not be as the last clean close left it."""
        mark = self.directory / CLEAN_MARK
        try:
            recorded = mark.read_text(encoding="ascii").strip()
            mark.unlink()  # open now: a crash from here on must be checked
        except OSError:
            return True
        return recorded != _file_state(self.path)

    def _note_error(self, exc: sqlite3.Error) -> None:
        """Remember an error that may mean damage: the next open checks."""
        if not sql.is_unavailable(exc) and not sql.is_interrupted(exc):
            self._damage_seen = True

    def close(self) -> None:
        """Close the database connections; a clean close is recorded, so
        that the next open can skip the integrity check."""
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for reader in readers:
            reader.close()
        self._db.close()
        self.user.close()
        if self._damage_seen:
            return
        try:
            state = _file_state(self.path)
            if state is not None:
                (self.directory / CLEAN_MARK).write_text(state, encoding="ascii")
        except OSError:
            pass  # the next open checks

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
        present = {row["id"]: row for row in store.source_rows(self.db)}
        for bundled in self._bundled:
            if bundled.metadata.id in removed:
                continue
            row = present.get(bundled.metadata.id)
            if (
                row is not None
                and store.load_metadata(row) == bundled.metadata
                and (self._bundled_sha256(bundled) == row["source_sha256"])
            ):
                continue
            source = file_source(bundled.path)
            self._replace(DocumentParser(source, bundled.metadata), bundled.path.name)
            self._remember_bundled(bundled, source.sha256)

    def _bundled_sha256(self, bundled: BundledDocument) -> str:
        """The hash of a bundled text, read again only when its file changed
        (the last hash is kept with the file's size and time)."""
        state = _stat_key(bundled.path) + ":"
        known = store.get_meta(self.db, f"bundled_file:{bundled.metadata.id}") or ""
        if known.startswith(state):
            return known[len(state) :]
        sha256 = file_source(bundled.path).sha256
        self._remember_bundled(bundled, sha256)
        return sha256

    def _remember_bundled(self, bundled: BundledDocument, sha256: str) -> None:
        store.set_meta(self.db, f"bundled_file:{bundled.metadata.id}", f"{_stat_key(bundled.path)}:{sha256}")

    def _replace(self, parser: DocumentParser, source_name: str) -> None:
        """Put a bundled document in (again), where it was in the library."""
        self._keep_bookmark_texts(parser.metadata.id)  # (user data: kept whatever happens next)
        with self.db.atomic():
            old = store.source_of(self.db, parser.metadata.id)
            if old is not None:
                self._delete(parser.metadata.id)
                store.set_meta(self.db, REANCHOR_KEY, REANCHOR_PENDING)
            self._insert(
                parser,
                source_name,
                bundled=True,
                position=old["position"] if old else None,
                imported_at=old["imported_at"] if old else None,
            )
            store.set_meta(self.db, "parser_version", PARSER_VERSION)

    def _insert(
        self,
        parser: Parsed,
        source_name: str,
        *,
        bundled: bool,
        position: int | None = None,
        imported_at: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        """Store a document's row, its source text and its parts, and index it
        (inside the caller's transaction)."""
        if position is None:
            position = store.next_position(self.db)
        store.insert_document_row(
            self.db,
            parser.metadata,
            source_name=source_name,
            source_sha256=parser.source.sha256,
            bundled=bundled,
            position=position,
            imported_at=imported_at or _now(),
        )
        self._store_parts(parser, self._kept(parser), progress)

    def _kept(self, parser: Parsed) -> Iterator[str]:
        """The parser's source text, each piece stored as it is read; the text
        must be the one checked before (a file changed meanwhile is refused)."""
        document_id = parser.metadata.id
        return checked_pieces(
            parser.source, lambda seq, piece: store.add_source_piece(self.db, document_id, seq, piece)
        )

    def _store_parts(self, parser: Parsed, pieces: Iterator[str] | None, progress: ProgressCallback | None) -> None:
        """Parse and store a document's parts a batch at a time, then index them:
        memory holds one batch, however long the document."""
        document_id = parser.metadata.id
        nodes = figures = 0
        for batch in parser.batches(
            pieces,
            taken=functools.partial(store.is_taken, self.db, document_id),
            progress=stage(progress, "parse"),
        ):
            store.insert_batch(self.db, document_id, batch, first_node=nodes, first_figure=figures)
            nodes += len(batch.nodes)
            figures += len(batch.figures)
        store.finish_document(
            self.db,
            document_id,
            title_line=parser.title_line,
            fragment=parser.fragment,
            truncated=parser.truncated,
            page_markers=parser.page_markers,
            metadata=parser.metadata,
        )
        if isinstance(parser, PreparedDocument):
            search_index.add_document(self.db.conn, document_id, stage(progress, "index"), parser.values, parser.words)
        else:
            search_index.add_document(self.db.conn, document_id, stage(progress, "index"))

    def _parser_for(self, row: dict[str, Any], source: TextSource) -> DocumentParser:
        """A parser for a stored document, reading it in the genre the user
        chose (``meta --genre``) if any: a bundled one keeps its shipped
        metadata; an imported one has its metadata inferred again (the user's
        edits are kept apart) and keeps the genre it was imported as."""
        old = store.load_metadata(row)
        chosen = known_genre(self.user.metadata_edits(old.id).get(old.id, {}).get("genre"))
        if row.get("bundled"):
            return DocumentParser(source, old, genre=chosen)
        name = row["source_name"] or ""
        parser = DocumentParser(
            source,
            document_id=old.id,
            genre=chosen or known_genre(old.genre),
            fallback_title=Path(name).stem,
            hints=store.hints_of(self.db, old.id),
            marked=(row.get("format") or "text") != "text",
        )
        # A library made before metadata was inferred kept a title given at
        # import (--title) in its content: it becomes the user's edit. Titles
        # it derived itself (the title line, the file's name) are not kept.
        before_inference = '"url"' not in row["metadata"]
        derived = {parser.metadata.title, name, Path(name).stem}
        if before_inference and old.title not in derived and not self.user.metadata_edits(old.id):
            self.user.set_metadata_edits(old.id, {"title": old.title})
        return parser

    def _delete(self, document_id: str) -> None:
        """Delete a document and its index entries (inside a transaction)."""
        search_index.remove_document(self.db.conn, document_id)
        store.delete_document(self.db, document_id)

    def _restore_imports(self, rows: list[dict[str, Any]], damaged: Path) -> int:
        """Re-import the documents salvaged from a damaged library, each in its
        own transaction; return how many could be (their text whole and
        unchanged)."""
        try:
            conn = store.open_read_only(damaged)
        except sqlite3.Error:
            return 0
        restored = 0
        try:
            for row in rows:
                source = _stored_source(row, functools.partial(store.salvaged_pieces, conn, row["id"]))
                try:
                    parser = self._parser_for(row, source)
                    if store.source_of(self.db, parser.metadata.id) is not None:
                        continue
                    with self.db.atomic():
                        self._insert(
                            parser,
                            row["source_name"],
                            bundled=False,
                            position=row["position"],
                            imported_at=row["imported_at"],
                        )
                    restored += 1
                except (DocumentError, sqlite3.DatabaseError):
                    continue  # rolled back: this document's text is damaged too
        finally:
            conn.close()
        return restored

    # -- changing the library ----------------------------------------------

    @_service
    def import_file(
        self,
        path: Path,
        *,
        title: str | None = None,
        genre: Genre | None = None,
        progress: ProgressCallback | None = None,
    ) -> str:
        """Import a text file; return the new document's id.

        The file is read in pieces, never whole: once to check its encoding and
        hash it, once to parse it; parts are stored a batch at a time, all in
        one transaction, so a refused or cancelled file leaves the library
        unchanged. ``progress`` gets (done, 1000) through reading, parsing and
        storing, and indexing (see :mod:`app.progress`); when it raises, the
        import stops and the library is left as it was. ``genre`` reads the
        text as that genre instead of the one it is detected as (it is kept,
        and a rebuild reads it so again).

        Raises:
            DocumentError: the file cannot be read, holds no text, or changed
                during the import.
        """
        read = read_file(path, progress)
        return self._import(
            read.source,
            source_name=path.name,
            title=title,
            fallback=read.fallback,
            genre=genre,
            progress=progress,
            original=read.original,
            hints=read.hints,
        )

    @_service
    def import_text(
        self,
        text: str,
        *,
        source_name: str,
        title: str | None = None,
        fallback: str = "",
        genre: Genre | None = None,
        progress: ProgressCallback | None = None,
    ) -> str:
        """Import decoded text; see :meth:`import_file`."""
        return self._import(
            text_source(text, source_name),
            source_name=source_name,
            title=title,
            fallback=fallback,
            genre=genre,
            progress=progress,
        )

    def _import(
        self,
        source: TextSource,
        *,
        source_name: str,
        title: str | None,
        fallback: str,
        genre: Genre | None = None,
        progress: ProgressCallback | None = None,
        original: tuple[Format, str, bytes] | None = None,
        hints: dict[str, str] | None = None,
    ) -> str:
        parser = DocumentParser(
            source, fallback_title=fallback, genre=genre, hints=hints, marked=original is not None or hints is not None
        )
        if title is not None:
            check_metadata_edit("title", title)
        self._store_new(parser, source_name, progress, original, hints)
        if title is not None:  # the user's own title: kept with their data
            self.user.set_metadata_edits(parser.metadata.id, {"title": title})
        return parser.metadata.id

    def _store_new(
        self,
        parser: Parsed,
        source_name: str,
        progress: ProgressCallback | None,
        original: tuple[Format, str, bytes] | None,
        hints: dict[str, str] | None,
    ) -> None:
        """Store a new document in one transaction (with the file it was read
        from, when not a text file).

        Raises:
            DocumentError: the library holds a document of the same text.
        """
        if store.source_of(self.db, parser.metadata.id) is not None:
            raise DocumentError(tr("doc_exists", id=parser.metadata.id))
        with self.db.atomic():
            self._insert(parser, source_name, bundled=False, progress=progress)
            if original is not None:
                kind, name, data = original
                store.keep_original(self.db, parser.metadata.id, kind, name, data, hints)

    @_service
    def _store_prepared(self, prepared: PreparedDocument) -> str:
        """Store a document a worker prepared; return its id (see :meth:`_store_new`)."""
        self._store_new(prepared, prepared.name, None, prepared.original, prepared.hints)
        return prepared.metadata.id

    def import_files(
        self, paths: Sequence[Path], progress: ProgressCallback | None = None
    ) -> Generator[ImportOutcome, None, None]:
        """Import files one after another, each in its own transaction, and
        yield what came of each, in order (a refused file is said why and
        the others go on). Closing the iterator stops the import: the files
        yielded are kept, the rest are not imported.

        When the files are worth it (:data:`PARALLEL_FROM_BYTES` in all),
        worker processes read and parse the next files while this thread
        stores the current one (see :mod:`app.prepare`); a file larger than
        :data:`PREPARE_MAX_BYTES` is read here, a piece at a time, as
        :meth:`import_file` does. ``progress`` gets (done, 1000) through each
        file read here; when it raises, the import stops there (that file
        rolled back). Once it is over, stopped or not, the search index of
        two or more new documents is tidied (:meth:`tidy_index`).
        """
        paths = list(paths)
        sizes = [_file_size(path) for path in paths]
        ahead = [size <= PREPARE_MAX_BYTES for size in sizes]
        workers = min(os.cpu_count() or 1, IMPORT_WORKERS_MAX)
        workers_needed = workers > 1 and PARALLEL_FROM_BYTES <= sum(
            size for size, small in zip(sizes, ahead, strict=True) if small
        )
        pool = Workers.start(workers) if workers_needed else None
        pending: dict[int, Task] = {}
        submitted = stored = 0
        try:
            for index, path in enumerate(paths):
                # Keep the workers a few files ahead (memory holds those).
                while pool is not None and submitted < len(paths) and len(pending) < IMPORT_AHEAD_PER_WORKER * workers:
                    if ahead[submitted]:
                        pending[submitted] = pool.submit(paths[submitted])
                    submitted += 1
                task = pending.pop(index, None)
                prepared = pool.result(task, progress) if pool is not None and task is not None else None
                if prepared is None:
                    # Read here: no workers, a large file, or the workers are
                    # gone (one died, or a build cannot start them): the rest too.
                    if task is not None:
                        pending.clear()
                        ahead = [False] * len(paths)
                    outcome = self._import_one(path, progress)
                elif isinstance(prepared, Refused):
                    outcome = ImportOutcome(path, None, prepared.reason)
                else:
                    report("import_prepared")  # (the smoke test checks workers ran)
                    try:
                        outcome = ImportOutcome(path, self._store_prepared(prepared), None)
                    except BaipishuError as exc:
                        outcome = ImportOutcome(path, None, str(exc))
                stored += outcome.document_id is not None
                yield outcome
        finally:
            if pool is not None:
                pool.stop()
            if stored > 1:
                self.tidy_index()  # (many imports leave the index in many pieces)

    def _import_one(self, path: Path, progress: ProgressCallback | None) -> ImportOutcome:
        try:
            return ImportOutcome(path, self.import_file(path, progress=progress), None)
        except BaipishuError as exc:
            return ImportOutcome(path, None, str(exc))

    @_service
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
                store.set_meta(self.db, "removed_bundled", "\n".join(filter(None, [*removed, document_id])))

    @_service
    def remove_for_undo(self, document_id: str) -> RemovedDocument:
        """Remove a document and return what is needed to put it back
        (:meth:`restore`); the user's bookmarks and edits of it are kept.

        Raises:
            NotFoundError: the library has no such document.
        """
        row = store.source_of(self.db, document_id)
        if row is None:
            raise NotFoundError(tr("doc_not_found", id=document_id))
        metadata = store.load_metadata(row)
        text = None if row["bundled"] else "".join(store.source_pieces(self.db, document_id))
        kept = store.original_of(self.db, document_id)
        removed = RemovedDocument(
            document_id,
            metadata.title,
            bool(row["bundled"]),
            row["source_name"] or "",
            text,
            metadata.genre,
            row["position"],
            row["imported_at"],
            (row.get("format") or "text", *kept, store.hints_of(self.db, document_id)) if kept else None,
        )
        self.remove(document_id)
        return removed

    @_service
    def restore(self, removed: RemovedDocument) -> str:
        """Put back a document removed by :meth:`remove_for_undo`; return its id."""
        if removed.bundled:
            kept = (store.get_meta(self.db, "removed_bundled") or "").split("\n")
            with self.db.atomic():
                store.set_meta(self.db, "removed_bundled", "\n".join(d for d in kept if d and d != removed.id))
            self._sync()
            document_id = removed.id
        else:
            assert removed.text is not None
            hints = removed.original[3] if removed.original is not None else None
            document_id = self._import(
                text_source(removed.text, removed.source_name),
                source_name=removed.source_name,
                title=None,
                fallback=(hints or {}).get("title") or Path(removed.source_name).stem,
                genre=known_genre(removed.genre),
                hints=hints,
            )
        with self.db.atomic():  # back in its place in the library
            store.set_place(self.db, document_id, removed.position, removed.imported_at)
            if removed.original is not None:
                kind, name, data, hints = removed.original
                store.keep_original(self.db, document_id, kind, name, data, hints)
        return document_id

    @_service
    def rebuild(self, progress: ProgressCallback | None = None) -> None:
        """Re-parse every document from its stored source, in one transaction
        (each read a piece at a time, as an import is).

        Args:
            progress: called with (done, total) after each document.
        """
        sources = store.source_rows(self.db)
        self._keep_bookmark_texts()  # (user data: kept whatever happens next)
        with self.db.atomic():
            search_index.clear(self.db.conn)
            for done, row in enumerate(sources, start=1):
                store.delete_content(self.db, row["id"])
                source = _stored_source(row, functools.partial(store.source_pieces, self.db, row["id"]))
                self._store_parts(self._parser_for(row, source), None, None)
                if progress:
                    progress(done, len(sources))
            store.set_meta(self.db, "parser_version", PARSER_VERSION)
            store.set_meta(self.db, "index_version", search_index.index_version())
            store.set_meta(self.db, REANCHOR_KEY, REANCHOR_PENDING)
        self.tidy_index()
        self._reanchor_user_data()
        if progress and not sources:
            progress(0, 0)

    @_service
    def tidy_index(self) -> None:
        """Merge the search index's pieces (after many imports at once: a
        folder, a rebuild), so that searches read one of each."""
        with self.db.atomic():
            search_index.optimize(self.db.conn)

    # -- reading -------------------------------------------------------------

    @_service
    def documents(self) -> list[DocumentSummary]:
        """All documents, in library order (their metadata as the user edited it)."""
        edits = self.user.metadata_edits()
        return [
            DocumentSummary(
                id=row["id"],
                title=_edited_title(edits, row["id"], row["title"]),
                metadata=self._edited(store.load_metadata(row), edits),
                bundled=bool(row["bundled"]),
                truncated=bool(row["truncated"]),
                fragment=bool(row["fragment"]),
                paragraphs=row["paragraphs"],
                figures=row["figures"],
                chars=row["chars"],
            )
            for row in store.document_rows(self.db)
        ]

    @_service
    def document(self, document_id: str) -> Document:
        """A whole document.

        Raises:
            NotFoundError: the library has no such document.
        """
        return self._loaded(document_id)

    def _loaded(self, document_id: str, first_paragraphs: int | None = None) -> Document:
        """A stored document (or its start), with the user's metadata edits."""
        document = store.load_document(self.db, document_id, first_paragraphs=first_paragraphs)
        if document is None:
            raise NotFoundError(tr("doc_not_found", id=document_id))
        return replace(document, metadata=self._edited(document.metadata))

    @_service
    def left_out(self, document_id: str) -> str | None:
        """One sentence on what the import of a document left out of its file
        (the images of a Word file or a page), or None."""
        images = store.hints_of(self.db, document_id).get("images")
        return tr("images_left_out", count=images) if images and images != "0" else None

    @_service
    def stored_document(self, document_id: str) -> Document:
        """A document whose nodes and paragraphs are read from the library as
        they are looked at, a chunk at a time (:class:`StoredRows`), with its
        figures: what a window holds of a large document (a 50 MB one held
        300 MB as objects). Its :attr:`~Document.store` answers lookups.

        Raises:
            NotFoundError: the library has no such document.
        """
        head = store.document_head(self.db, document_id)
        if head is None:
            raise NotFoundError(tr("doc_not_found", id=document_id))
        rows = _StoredDocument(self, document_id)
        nodes, paragraphs = store.row_counts(self.db, document_id)
        return replace(
            head,
            metadata=self._edited(head.metadata),
            nodes=StoredRows(nodes, rows.nodes),
            paragraphs=StoredRows(paragraphs, rows.paragraphs),
            figures=tuple(store.figure_rows(self.db, "document = ?", [document_id])),
            store=rows,
        )

    def _reader(self) -> Database:
        """The calling thread's connection for reading stored documents' rows:
        the library's own on its thread, else a read-only one kept for the
        thread's life (opening one per read cost a schema check each)."""
        if threading.get_ident() == self._owner:
            return self._db
        reader: Database | None = getattr(self._local, "reader", None)
        if reader is None:
            reader = store.connect(self.path, read_only=True)
            self._local.reader = reader
            with self._readers_lock:
                self._readers.append(reader)
        return reader

    @contextmanager
    def _reading(self) -> Iterator[Database]:
        """A reader (see :meth:`_reader`); an SQLite error becomes one sentence."""
        try:
            yield self._reader()
        except sqlite3.Error as exc:
            self._note_error(exc)
            raise store.library_error(exc, self.path) from None

    @_service
    def document_start(self, document_id: str, paragraphs: int) -> Document:
        """The start of a document: its first ``paragraphs`` paragraphs with
        their units and figures (``partial`` unless that is all of it), for a
        window to show while the rest loads.

        Raises:
            NotFoundError: the library has no such document.
        """
        return self._loaded(document_id, paragraphs)

    def all_documents(self, document_id: str | None = None) -> Iterator[Document]:
        """Every document, or just ``document_id`` when given."""
        ids = [document_id] if document_id else [d.id for d in self.documents()]
        return (self.document(doc) for doc in ids)

    @_service
    def paragraph(self, reference: str) -> ParagraphRef:
        """Look up a paragraph by ``ID`` or ``DOCUMENT/ID``.

        Raises:
            NotFoundError: no such paragraph, or the bare id is ambiguous.
        """
        document_id, _, paragraph_id = reference.rpartition("/")
        rows = [
            row
            for row in store.paragraph_rows(self.db, paragraph_id)
            if not document_id or row["document"] == document_id
        ]
        if not rows:
            raise NotFoundError(tr("para_not_found", id=reference))
        if len(rows) > 1:
            choices = "、".join(f"{row['document']}/{paragraph_id}" for row in rows)
            raise AmbiguousError(tr("para_ambiguous", id=paragraph_id, choices=choices))
        row = rows[0]
        source = store.source_of(self.db, row["document"])
        assert source is not None  # the foreign key guarantees it
        refs = store.refs_of(self.db, row["document"], paragraph_id)
        return ParagraphRef(self._edited(store.load_metadata(source)), store.paragraph_from_row(row, refs))

    @_service
    def figures(self, document_id: str | None = None, query: FigureQuery | None = None) -> list[Figure]:
        """Figures of one document or of all, in reading order; with ``query``,
        those it asks for (a unit or family, bounds, a kind).

        Raises:
            NotFoundError: the library has no document ``document_id``.
        """
        if document_id is None:
            found = store.figure_rows(self.db, "1 = 1", [])
        else:
            self.document_metadata(document_id)
            found = store.figure_rows(self.db, "document = ?", [document_id])
        return [figure for figure in found if query is None or query.matches(figure)]

    @_service
    def figure(self, reference: str) -> tuple[Metadata, Figure]:
        """Look up a figure by ``ID`` or ``DOCUMENT/ID``.

        Raises:
            NotFoundError: no such figure, or the bare id is ambiguous.
        """
        document_id, _, figure_id = reference.rpartition("/")
        documents = store.figure_documents(self.db, figure_id, document_id or None)
        if not documents:
            raise NotFoundError(tr("para_not_found", id=reference))
        if len(documents) > 1:
            choices = "、".join(f"{document}/{figure_id}" for document in documents)
            raise AmbiguousError(tr("para_ambiguous", id=figure_id, choices=choices))
        doc = documents[0]
        figure = next(store.figure_rows(self.db, "id = ? AND document = ?", [figure_id, doc]))
        return self.document_metadata(doc), figure

    @_service
    def searcher(self) -> Searcher:
        """A new :class:`Searcher` with its own read-only connection (one per
        thread; the caller closes it)."""
        return Searcher(store.connect(self.path, read_only=True).conn)

    @_service
    def document_metadata(self, document_id: str) -> Metadata:
        """A document's metadata.

        Raises:
            NotFoundError: the library has no such document.
        """
        row = store.source_of(self.db, document_id)
        if row is None:
            raise NotFoundError(tr("doc_not_found", id=document_id))
        return self._edited(store.load_metadata(row))

    def _edited(self, metadata: Metadata, edits: dict[str, dict[str, str]] | None = None) -> Metadata:
        """``metadata`` with the user's edits over what was inferred."""
        fields = (self.user.metadata_edits(metadata.id) if edits is None else edits).get(metadata.id, {})
        known: dict[str, Any] = {name: value for name, value in fields.items() if name in EDITABLE_FIELDS}
        return replace(metadata, **known) if known else metadata

    @_service
    def inferred_metadata(self, document_id: str) -> Metadata:
        """A document's metadata as inferred from its text (or shipped), without
        the user's edits.

        Raises:
            NotFoundError: the library has no such document.
        """
        row = store.source_of(self.db, document_id)
        if row is None:
            raise NotFoundError(tr("doc_not_found", id=document_id))
        return store.load_metadata(row)

    @_service
    def edit_metadata(self, document_id: str, fields: dict[str, str | None]) -> Metadata:
        """Change a document's metadata; return it as it now is.

        Edits are kept with the user's data (a rebuild or an upgrade keeps
        them); a value of None (or the inferred value itself) goes back to what
        was inferred. A new genre reads the text again in that genre.

        Raises:
            NotFoundError: the library has no such document.
            BaipishuError: a field cannot be edited, or its value is not valid.
        """
        inferred = self.inferred_metadata(document_id)
        changes: dict[str, str | None] = {}
        for name, value in fields.items():
            if value is not None:
                value = check_metadata_edit(name, value)
            elif name not in EDITABLE_FIELDS:
                raise BaipishuError(tr("meta_bad_field", field=name, fields=", ".join(EDITABLE_FIELDS)))
            if name == "genre":
                changes[name] = value  # the genre asked for, kept as asked (None: as detected)
            else:
                changes[name] = None if value is None or value == getattr(inferred, name) else value
        if "genre" in changes and changes["genre"] != self.user.metadata_edits(document_id).get(document_id, {}).get(
            "genre"
        ):
            self.user.set_metadata_edits(document_id, {"genre": changes["genre"]})
            self._reparse(document_id)
        self.user.set_metadata_edits(document_id, changes)
        return self.document_metadata(document_id)

    def _reparse(self, document_id: str) -> None:
        """Read one stored document again (in the genre the user chose)."""
        row = store.source_of(self.db, document_id)
        assert row is not None  # checked by the caller
        self._keep_bookmark_texts(document_id)
        with self.db.atomic():
            search_index.remove_document(self.db.conn, document_id)
            store.delete_content(self.db, document_id)
            source = _stored_source(row, functools.partial(store.source_pieces, self.db, document_id))
            self._store_parts(self._parser_for(row, source), None, None)
            store.set_meta(self.db, REANCHOR_KEY, REANCHOR_PENDING)
        self._reanchor_user_data()

    # -- the user's data -------------------------------------------------------

    @_service
    def bookmarks(self, document_id: str | None = None) -> list[Bookmark]:
        """Bookmarks, newest first (of one document, or all); one whose
        paragraph is gone is kept and says so (``missing``)."""
        return [
            replace(b, missing=store.paragraph_text(self.db, b.document, b.paragraph) is None)
            for b in self.user.bookmarks(document_id)
        ]

    def _keep_bookmark_texts(self, document_id: str | None = None) -> None:
        """Keep the text of each bookmark that has none, from the content it
        points at now (before a new parser may give the paragraph another id)."""
        for bookmark in self.user.bookmarks(document_id):
            if bookmark.text is None:
                text = store.paragraph_text(self.db, bookmark.document, bookmark.paragraph)
                if text is not None:
                    self.user.keep_bookmark_text(bookmark.document, bookmark.paragraph, text)

    def _reanchor_user_data(self) -> None:
        """After the content was parsed again (a rebuild, an updated bundled
        text): point each bookmark and highlight whose paragraph id is gone at
        the paragraph that now holds its text (see :func:`anchor_by_text`); one
        that cannot be anchored is kept as it is (and shown as missing). Each
        document's texts are read once, and only when one lost its id."""
        texts: dict[str, list[tuple[str, str]]] = {}
        for note in self.user.notes():
            if store.paragraph_text(self.db, note.document, note.paragraph) is not None:
                continue
            if note.document not in texts:
                texts[note.document] = store.paragraph_texts(self.db, note.document)
            moved = anchor_by_text(note.text, texts[note.document])
            text = dict(texts[note.document]).get(moved or "")
            start = _nearest(text, note.quote, note.start) if text is not None else -1
            if moved is not None and start >= 0:
                self.user.move_note(note.id, moved, start, start + len(note.quote))
        for bookmark in self.user.bookmarks():
            if (
                bookmark.text is None
                or store.paragraph_text(self.db, bookmark.document, bookmark.paragraph) is not None
            ):
                continue
            if bookmark.document not in texts:
                texts[bookmark.document] = store.paragraph_texts(self.db, bookmark.document)
            new = anchor_by_text(bookmark.text, texts[bookmark.document])
            if new is not None:
                self.user.move_bookmark(bookmark.document, bookmark.paragraph, new)
        store.set_meta(self.db, REANCHOR_KEY, "")

    # -- highlights and notes ------------------------------------------------

    @_service
    def add_note(
        self, document_id: str, paragraph_id: str, start: int, end: int, color: str = NOTE_COLORS[0], note: str = ""
    ) -> int:
        """Highlight characters ``start``–``end`` of a paragraph in ``color``
        (one of :data:`NOTE_COLORS`), with a note; return its id. Kept with
        the user's data: a rebuild or an upgrade anchors it again by text.

        Raises:
            NotFoundError: the library has no such paragraph.
            DocumentError: the stretch is not inside the paragraph, or the
                colour is not one of them.
        """
        paragraph = self.paragraph(f"{document_id}/{paragraph_id}").paragraph
        if not 0 <= start < end <= len(paragraph.text):
            raise DocumentError(tr("note_outside", start=start, end=end, length=len(paragraph.text)))
        if color not in NOTE_COLORS:
            raise DocumentError(tr("note_color", color=color, colors="、".join(NOTE_COLORS)))
        return self.user.add_note(
            document_id, paragraph_id, start, end, paragraph.text[start:end], paragraph.text, color, note
        )

    @_service
    def notes(self, document_id: str | None = None) -> list[NoteEntry]:
        """Highlights and notes (of one document, or all), by document in
        library order, then by place in the text."""
        edits = self.user.metadata_edits()
        order = {
            id_: (n, _edited_title(edits, id_, title)) for n, (id_, title) in enumerate(store.document_titles(self.db))
        }
        entries = []
        for note in self.user.notes(document_id):
            position, title = order.get(note.document, (len(order), note.document))
            row = next(iter(store.paragraph_rows(self.db, note.paragraph)), None)
            found = row is not None and row["document"] == note.document
            entries.append(
                NoteEntry(
                    note=note,
                    title=title,
                    index=row["ord"] if found and row else None,
                    place=" / ".join(store.stored_path(row["path"])) if found and row else "",
                    position=position,
                )
            )
        return sorted(entries, key=lambda e: (e.position, e.index if e.index is not None else 1 << 30, e.note.start))

    @_service
    def edit_note(self, note_id: int, *, note: str | None = None, color: str | None = None) -> None:
        """Change a highlight's note or colour.

        Raises:
            NotFoundError: there is no such note.
            DocumentError: the colour is not one of :data:`NOTE_COLORS`.
        """
        if self.user.note(note_id) is None:
            raise NotFoundError(tr("note_not_found", id=note_id))
        if color is not None and color not in NOTE_COLORS:
            raise DocumentError(tr("note_color", color=color, colors="、".join(NOTE_COLORS)))
        self.user.update_note(note_id, note=note, color=color)

    @_service
    def remove_note(self, note_id: int) -> None:
        """Remove a highlight and its note.

        Raises:
            NotFoundError: there is no such note.
        """
        if self.user.note(note_id) is None:
            raise NotFoundError(tr("note_not_found", id=note_id))
        self.user.remove_note(note_id)

    @_service
    def notes_markdown(self, document_id: str) -> str:
        """A document's highlights and notes as Markdown, in reading order,
        each quote with its citation (Markdown style: source, place, link).

        Raises:
            NotFoundError: the library has no such document.
        """
        from app.document.citations import cite_paragraph

        metadata = self.document_metadata(document_id)
        parts = [f"# {tr('notes_heading', title=metadata.title)}\n"]
        for entry in self.notes(document_id):
            note = entry.note
            if entry.index is None:
                parts.append(f"> {note.quote}\n\n— {tr('note_missing')}\n")
            else:
                paragraph = self.paragraph(f"{document_id}/{note.paragraph}").paragraph
                parts.append(cite_paragraph(metadata, paragraph, "markdown", quote=note.quote).text + "\n")
            if note.note:
                parts.append(note.note.strip() + "\n")
            parts.append("---\n")
        return "\n".join(parts)

    @_service
    def rename_bookmark(self, document_id: str, paragraph_id: str, label: str) -> None:
        """Give a bookmark another name (blank: refused).

        Raises:
            NotFoundError: there is no such bookmark.
            DocumentError: the name is blank.
        """
        if not self.user.is_bookmarked(document_id, paragraph_id):
            raise NotFoundError(tr("para_not_found", id=f"{document_id}/{paragraph_id}"))
        if not label.strip():
            raise DocumentError(tr("bookmark_blank"))
        self.user.rename_bookmark(document_id, paragraph_id, label.strip())

    @_service
    def note_bookmark(self, document_id: str, paragraph_id: str, note: str) -> None:
        """Write a bookmark's note ("" clears it).

        Raises:
            NotFoundError: there is no such bookmark.
        """
        if not self.user.is_bookmarked(document_id, paragraph_id):
            raise NotFoundError(tr("para_not_found", id=f"{document_id}/{paragraph_id}"))
        self.user.set_bookmark_note(document_id, paragraph_id, note.strip())

    @_service
    def remove_bookmark(self, document_id: str, paragraph_id: str) -> None:
        """Remove a bookmark (none there: nothing happens)."""
        self.user.remove_bookmark(document_id, paragraph_id)

    @_service
    def toggle_bookmark(self, document_id: str, paragraph_id: str) -> bool:
        """Bookmark a paragraph, or remove its bookmark; return whether it is
        bookmarked now. The label names the document, the place and the
        paragraph's opening words.

        Raises:
            NotFoundError: the library has no such paragraph.
        """
        ref = self.paragraph(f"{document_id}/{paragraph_id}")
        paragraph = ref.paragraph
        place = " / ".join(paragraph.path)
        label = f"《{ref.document.title}》{place} 第{paragraph.index}段：{paragraph.text[:BOOKMARK_LABEL_CHARS]}"
        return self.user.toggle_bookmark(document_id, paragraph_id, label, paragraph.text)


def fold_text(text: str) -> str:
    """``text`` as search compares it (simplified, half-width, small
    letters): what a filter folds both sides with, so that 監督 finds 监督."""
    return normalize(text)


def _nearest(text: str, quote: str, start: int) -> int:
    """Where ``quote`` occurs in ``text`` nearest to ``start``, or -1."""
    found, at = -1, text.find(quote)
    while at >= 0:
        if found < 0 or abs(at - start) < abs(found - start):
            found = at
        at = text.find(quote, at + 1)
    return found


def anchor_by_text(text: str, paragraphs: list[tuple[str, str]]) -> str | None:
    """The id of the paragraph a bookmark made on ``text`` points at now,
    among a document's (id, text) ``paragraphs``: the one with that text;
    else the one that starts earliest inside it (an older parser glued
    several lines into one paragraph: the bookmark was on its start); else
    None."""
    best: tuple[int, int, str] | None = None
    for paragraph_id, paragraph_text in paragraphs:
        if paragraph_text == text:
            return paragraph_id
        at = text.find(paragraph_text) if len(paragraph_text) >= ANCHOR_MIN_CHARS else -1
        if at >= 0 and (best is None or (at, -len(paragraph_text)) < best[:2]):
            best = (at, -len(paragraph_text), paragraph_id)
    return best[2] if best else None
