"""Plain text to a structured :class:`~app.document.model.Document`: the
parser's entry points (a small package: :mod:`.lines` classifies each line,
:mod:`.stages` applies the rules over several lines, :mod:`.builder` makes
the tree).

The parser reads policy documents as newspapers and government sites print
them: a title line, chapters (``一、``), sections (``(一)`` as a heading line, or
as the first sentence of a numbered paragraph), 专栏 boxes, paragraphs that open
with a short lead sentence, and newspaper page markers (``■上接第4版``).

It keeps every character of the text: headings and markers become structure,
everything else is paragraphs, verbatim. Only whitespace at the ends of lines
is dropped, and a paragraph cut by a column break is joined back.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from app.document.genres import LEAD_GENRES, LEGAL_GENRES, Genre, known_genre
from app.document.genres import detect as detect_genre
from app.document.metadata import MetadataClues, infer_metadata, with_hints
from app.document.model import Batch, Document, Figure, Metadata, Node, PageMarker, Paragraph
from app.document.parser.builder import BATCH_PARAGRAPHS, TakenCheck, _Builder, _Opening, detect_lead
from app.document.parser.lines import _MARKER_RE, _TITLE_RE, _classified, iter_lines
from app.document.parser.stages import _issued_documents, _join_column_breaks, _signatures, _toc_blocks
from app.document.textio import TextSource, file_source, text_source
from app.errors import DocumentError
from app.i18n import tr
from app.progress import ProgressCallback

__all__ = [
    "BATCH_PARAGRAPHS",
    "DocumentParser",
    "TakenCheck",
    "_MARKER_RE",
    "collect",
    "content_characters",
    "detect_lead",
    "iter_lines",
    "parse_file",
    "parse_text",
]


def parse_file(path: Path, metadata: Metadata | None = None) -> Document:
    """Read and parse a document file.

    Args:
        path: a UTF-8, UTF-16 (with BOM) or GB18030 text file.
        metadata: what is known about the document; when None, it is derived
            from the title line (or the file name) and the text.

    Raises:
        DocumentError: the file cannot be read as text, or holds nothing.
    """
    return collect(DocumentParser(file_source(path), metadata, fallback_title=path.stem))


def parse_text(
    text: str,
    metadata: Metadata | None = None,
    *,
    name: str = "<text>",
    fallback_title: str = "",
    genre: Genre | None = None,
    marked: bool = False,
) -> Document:
    """Parse document text (already decoded) into a :class:`Document`, in memory
    (the library streams instead: see :class:`DocumentParser`).

    Args:
        text: the document text.
        metadata: what is known about the document, or None to derive it.
        name: how to name the source in error messages.
        fallback_title: the title to use when there is no title line.
        genre: read the text as this genre (default: detected).
        marked: the text was read from another format and carries its
            marks (page breaks, marked headings and leads: see
            :mod:`app.document.formats`).

    Raises:
        DocumentError: the text holds no headings and no paragraphs.
    """
    parser = DocumentParser(
        text_source(text, name), metadata, fallback_title=fallback_title, genre=genre, marked=marked
    )
    return collect(parser)


class DocumentParser:
    """Parses a :class:`TextSource` into batches of nodes, paragraphs and
    figures. Memory holds one batch, not the document: besides it, only the
    page markers and the last number of each repeated id are kept.

    The text is read twice: first only up to where the document's opening is
    known (its title line, and whether it is a fragment that needs placeholder
    chapters: the first heading, or the first chapter of a fragment, which is
    the whole text for a fragment without chapters), then whole, while the
    batches are made.

    Args:
        source: the document's text.
        metadata: what is known about the document, or None to derive it
            from the title line (or ``fallback_title``) and the text's hash.
        fallback_title: the title when there is no title line.
        hints: metadata the file names besides its text (a page's
            ``<meta>`` tags, a Word file's properties): ``title``, ``date``
            (ISO), ``issuer``, ``url``; they fill what the text does not tell.
        marked: the text was read from another format (a PDF, a Word file,
            a page) and its mark lines are read as such; in a text file
            they are text like any other.

    Raises:
        DocumentError: the text holds no headings and no paragraphs.
    """

    def __init__(
        self,
        source: TextSource,
        metadata: Metadata | None = None,
        *,
        fallback_title: str = "",
        genre: Genre | None = None,
        document_id: str | None = None,
        hints: Mapping[str, str] | None = None,
        marked: bool = False,
    ) -> None:
        self.source = source
        self.marked = marked
        self.hints = dict(hints or {})
        opening = _Opening.of(_classified(iter_lines(source.read()), marked=marked))
        if not opening.has_content:
            raise DocumentError(tr("file_no_paragraphs", path=source.name))
        self.title_line = opening.title_line
        self._fallback_title = fallback_title or source.name
        # Metadata not given is inferred from the text: provisionally from the
        # opening now, wholly once the text has been read (its 落款 ends it).
        self._infer = metadata is None
        self.metadata = metadata or _derive_metadata(
            document_id or f"doc-{source.sha256[:10]}", opening.title_line, self._fallback_title
        )
        # The genre: as asked, else as the metadata says, else from the text.
        self.genre: Genre = (
            genre
            or known_genre(self.metadata.genre)
            or detect_genre(opening.title_line, opening.lines, opening.articles)
        )
        if self.metadata.genre != self.genre:
            self.metadata = replace(self.metadata, genre=self.genre)
        self.fragment = opening.fragment
        self._opening = opening
        # Known once batches() has run to its end.
        self.truncated = False
        self.page_markers: tuple[PageMarker, ...] = ()

    def batches(
        self,
        pieces: Iterator[str] | None = None,
        *,
        taken: TakenCheck | None = None,
        progress: ProgressCallback | None = None,
    ) -> Iterator[Batch]:
        """Make the document's parts, about ``BATCH_PARAGRAPHS`` paragraphs at a time.

        Args:
            pieces: the source's text to parse (default: read it again); the
                library passes a reading that stores each piece as it goes.
            taken: when given, the ids of earlier batches are looked up with it
                instead of being remembered (the caller stores each batch
                before asking for the next).
            progress: called with (characters read, characters).
        """
        builder = _Builder(self._opening, taken, leads=self.genre in LEAD_GENRES, legal=self.genre in LEGAL_GENRES)
        read = 0  # characters of the text read so far, for progress

        def counted(lines: Iterator[str]) -> Iterator[str]:
            nonlocal read
            for line in lines:
                read += len(line) + 1
                yield line

        clues = MetadataClues(self.title_line, self._opening.lines, self.genre, self._fallback_title)
        text = self.source.read() if pieces is None else pieces
        classified = _signatures(
            _toc_blocks(_issued_documents(_classified(counted(iter_lines(text)), marked=self.marked)))
        )
        joined = _join_column_breaks(classified, reprint=self._opening.reprint, wrap=self._opening.wrap_width)
        for line in joined:
            builder.feed(line)
            if len(builder.paragraphs) >= BATCH_PARAGRAPHS:
                clues.note(builder.paragraphs)
                yield builder.take()
                if progress:  # the caller has stored the batch by now
                    progress(min(read, self.source.chars), self.source.chars)
        self.truncated, self.page_markers = builder.finish()
        clues.note(builder.paragraphs)
        clues.excerpt = self.fragment or self.truncated
        if self._infer:
            self.metadata = with_hints(
                infer_metadata(Metadata(id=self.metadata.id, title=""), clues), self.hints, self._fallback_title
            )
        elif clues.excerpt and not self.metadata.excerpt:
            self.metadata = replace(self.metadata, excerpt=True)
        yield builder.take()
        if progress:
            progress(self.source.chars, self.source.chars)


def collect(parser: DocumentParser) -> Document:
    """Parse all of ``parser``'s text into one :class:`Document` in memory."""
    nodes: list[Node] = []
    paragraphs: list[Paragraph] = []
    figures: list[Figure] = []
    for batch in parser.batches():
        nodes.extend(batch.nodes)
        paragraphs.extend(batch.paragraphs)
        figures.extend(batch.figures)
    return Document(
        metadata=parser.metadata,
        title_line=parser.title_line,
        nodes=tuple(nodes),
        paragraphs=tuple(paragraphs),
        page_markers=parser.page_markers,
        fragment=parser.fragment,
        truncated=parser.truncated,
        figures=tuple(figures),
    )


def _derive_metadata(document_id: str, title_line: str | None, fallback_title: str) -> Metadata:
    title, kind = fallback_title, ""
    if title_line:
        match = _TITLE_RE.match(title_line)
        if match:
            title, kind = match["title"].strip(), match["kind"].strip()
        else:
            title = title_line
    return Metadata(id=document_id, title=title, kind=kind)


def content_characters(document: Document) -> Iterable[str]:
    """Every non-whitespace character the document keeps, for audits and tests.

    Title line, page markers, heading lines and paragraph texts together hold
    each non-whitespace character of the source exactly once.
    """
    parts: list[str] = [document.title_line or ""]
    parts.extend(marker.text for marker in document.page_markers)
    parts.extend(node.heading for node in document.nodes if node.heading)
    parts.extend(p.text for p in document.paragraphs)
    return (char for part in parts for char in part if not char.isspace())
