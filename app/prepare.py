"""Reading and parsing files for the library, in this process or in worker
processes (part of the service layer, beside :mod:`app.library`).

A folder import spends three quarters of its time in Python reading,
parsing, finding figures and cutting the text into index tokens, and a
quarter in SQLite storing it (a 3 MB file: 3.5 s and 1.3 s). The first part
needs no database, so :meth:`app.library.Library.import_files` runs it in
worker processes (one per core, spawned: no Qt and no connection is copied
into them) for the files ahead while it stores the current one: the GIL
lets threads do no such work side by side. What a worker sends back is a
:class:`PreparedDocument`, which the library stores as it would a parser's
batches, in one transaction per file.
"""

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeAlias

from app.document.formats import Format, convert, file_format
from app.document.model import Batch, Metadata, PageMarker, path_json
from app.document.parser import DocumentParser
from app.document.textio import TextSource, file_source, text_source
from app.errors import BaipishuError, DocumentError
from app.i18n import tr
from app.progress import IMPORT_SCALE, ProgressCallback, stage
from app.search.index import IndexedValues, indexed_values, vocabulary_words
from app.warmup import load_word_ranking

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# How often a wait for a worker asks whether the import goes on.
WORKER_POLL_S = 0.1


@dataclass(frozen=True)
class ReadFile:
    """A file read into text: what the parser needs to know of it."""

    source: TextSource
    # The title when the text has no title line (the file's, or its name's).
    fallback: str
    # A PDF, a Word file, a page: (format, file name, the file's bytes).
    original: tuple[Format, str, bytes] | None = None
    # What such a file says of itself (title, date, issuer, url...).
    hints: dict[str, str] | None = None


def read_file(path: Path, progress: ProgressCallback | None = None) -> ReadFile:
    """Read a file of any format the library imports into text.

    Raises:
        DocumentError: the file cannot be read (one sentence).
    """
    kind = file_format(path)
    if kind == "text":
        return ReadFile(file_source(path, progress=stage(progress, "read")), path.stem)
    # A PDF, a Word file, a saved page: read into text (the stored source, so
    # that a rebuild never needs the file), the file itself kept too.
    converted = convert(path, kind, stage(progress, "read"))
    return ReadFile(
        text_source(converted.text, path.name),
        converted.title or path.stem,
        (kind, path.name, converted.data),
        {**({"title": converted.title} if converted.title else {}), **converted.clues},
    )


def checked_pieces(source: TextSource, keep: Callable[[int, str], None]) -> Iterator[str]:
    """The source's text again, each piece handed to ``keep`` (its number,
    the piece) as it is read; the text must be the one checked before.

    Raises:
        DocumentError: the file changed since it was checked.
    """
    digest = hashlib.sha256()
    for seq, piece in enumerate(source.read()):
        keep(seq, piece)
        digest.update(piece.encode("utf-8", "surrogatepass"))
        yield piece
    if digest.hexdigest() != source.sha256:
        raise DocumentError(tr("file_changed", path=source.name))


class Parsed(Protocol):
    """What the library stores a document from: a :class:`DocumentParser`,
    or a :class:`PreparedDocument` a worker made with one."""

    metadata: Metadata
    title_line: str | None
    fragment: bool
    truncated: bool
    page_markers: tuple[PageMarker, ...]

    @property
    def source(self) -> TextSource: ...

    def batches(
        self,
        pieces: Iterator[str] | None = None,
        *,
        taken: Callable[[str, str], bool] | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[Batch]: ...


@dataclass
class PreparedDocument:
    """A file read, parsed and cut into index tokens, to be stored.

    Attributes:
        name: the file's name (the document's source name).
        pieces: the source text, in the pieces it is stored in.
        values: each paragraph's indexed values, in reading order.
        words: :func:`app.search.index.vocabulary_words` of them.
    """

    name: str
    pieces: list[str]
    sha256: str
    chars: int
    metadata: Metadata
    title_line: str | None
    fragment: bool
    truncated: bool
    page_markers: tuple[PageMarker, ...]
    parts: list[Batch]
    values: list[IndexedValues]
    words: Counter[str]
    original: tuple[Format, str, bytes] | None = None
    hints: dict[str, str] | None = None

    @property
    def source(self) -> TextSource:
        """The source text, as the library reads it to store it."""
        return TextSource(self.name, lambda: iter(self.pieces), self.sha256, self.chars)

    def batches(
        self,
        pieces: Iterator[str] | None = None,
        *,
        taken: Callable[[str, str], bool] | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[Batch]:
        """The parts, as a parser hands them out: ``pieces`` (the library's
        reading that stores each) are read first; the ids are the parser's
        already (``taken`` is not needed)."""
        for _ in pieces if pieces is not None else ():
            pass
        yield from self.parts
        if progress:
            progress(self.chars, self.chars)


@dataclass(frozen=True)
class Refused:
    """Why a worker could not prepare a file (one sentence)."""

    reason: str


def prepare(path: Path) -> PreparedDocument | Refused:
    """Read, parse and cut a file (in a worker process: see the module).

    The parser remembers the ids it hands out (no store to ask), so memory
    holds the whole document: the library prepares only files up to
    :data:`app.library.PREPARE_MAX_BYTES` so.
    """
    try:
        read = read_file(path)
        parser = DocumentParser(
            read.source,
            fallback_title=read.fallback,
            hints=read.hints,
            marked=read.original is not None or read.hints is not None,
        )
        pieces: list[str] = []
        parts = list(parser.batches(checked_pieces(read.source, lambda _seq, piece: pieces.append(piece))))
    except BaipishuError as exc:
        return Refused(str(exc))
    values = [indexed_values(p.text, p.lead, path_json(p.path)) for batch in parts for p in batch.paragraphs]
    return PreparedDocument(
        name=path.name,
        pieces=pieces,
        sha256=read.source.sha256,
        chars=read.source.chars,
        metadata=parser.metadata,
        title_line=parser.title_line,
        fragment=parser.fragment,
        truncated=parser.truncated,
        page_markers=parser.page_markers,
        parts=parts,
        values=values,
        words=vocabulary_words(values),
        original=read.original,
        hints=read.hints,
    )


# A file handed to a worker.
Task: TypeAlias = "Future[PreparedDocument | Refused]"


class Workers:
    """Worker processes preparing files (:func:`prepare`)."""

    def __init__(self, pool: "ProcessPoolExecutor") -> None:
        self._pool = pool

    @classmethod
    def start(cls, count: int) -> "Workers | None":
        """``count`` workers, or None when they cannot be started (the files
        are then imported in the calling process, one by one)."""
        try:
            # (Imported here, off the window's start-up path: the frozen
            # build's launcher relies on that, see build/launcher.py.)
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
        except ImportError:
            return None
        try:
            # Spawned, not forked: the window's threads (Qt's, SQLite's) must
            # not be copied half-way through what they do.
            context = multiprocessing.get_context("spawn")
            # (Each worker loads the segmenter and the normalisation table
            # once, before its first file.)
            return cls(ProcessPoolExecutor(count, mp_context=context, initializer=load_word_ranking))
        except (OSError, ValueError):
            return None

    def submit(self, path: Path) -> Task:
        """Have a worker prepare ``path``."""
        return self._pool.submit(prepare, path)

    def result(self, task: Task, progress: ProgressCallback | None) -> PreparedDocument | Refused | None:
        """What a worker made of a file, or None when the workers are gone
        (one died, or none could start). While it works, ``progress`` is
        told that the file is not read yet (and may raise to stop)."""
        from concurrent.futures.process import BrokenProcessPool

        while True:
            try:
                result: PreparedDocument | Refused = task.result(timeout=WORKER_POLL_S)
                return result
            except TimeoutError:
                if progress:
                    progress(0, IMPORT_SCALE)
            except BrokenProcessPool:
                return None

    def stop(self) -> None:
        """Stop the workers now, the files they are on dropped (an import
        that was stopped, or is done)."""
        # (No public way to stop a running task: the workers are ended, so
        # that a stopped import does not go on parsing files no one stores.)
        processes = list((getattr(self._pool, "_processes", None) or {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
