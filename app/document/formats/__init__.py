"""The formats users have: a file's kind told by its content, and each
kind read into the text the parser reads.

Plain text goes to the parser as it is (:mod:`app.document.textio`). A PDF,
a Word file (.docx), a saved web page or a Markdown file is first read into
plain text here, a paragraph per line, with the headings and paragraphs the
format marks,
and a PDF's page breaks as lines of their own (``\\f`` and the page's
number; see :data:`PAGE_BREAK`): the same structure reading then applies to
every format. The libraries that read them are imported only when such a
file is imported.

Refused with one sentence each: legacy Word and WPS files, PDFs without a
text layer or with a password, damaged files, files too large to read.
"""

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from app.document.parser.lines import HEADING_MARK as PARSER_HEADING_MARK
from app.document.parser.lines import LEAD_MARK as PARSER_LEAD_MARK
from app.document.parser.lines import PAGE_BREAK as PARSER_PAGE_BREAK
from app.errors import DocumentError
from app.i18n import tr
from app.progress import ProgressCallback

Format = Literal["text", "pdf", "docx", "html", "markdown"]
# A text file of one of these names is Markdown.
MARKDOWN_SUFFIXES = (".md", ".markdown")
# A line of the converted text that starts a page: the form feed, then the
# page's number, counted from 1 (the parser reads it: parser.lines.PAGE_BREAK).
PAGE_BREAK = PARSER_PAGE_BREAK
# A line a format marks as a heading: the mark, the level (1: a chapter), the
# text (a Word heading style, a page's <h2>–<h4>); numbered or not, it is one.
HEADING_MARK = PARSER_HEADING_MARK
# A paragraph whose opening sentence the format marks as its lead (bold):
# the mark, the lead, the mark, the rest of the paragraph.
LEAD_MARK = PARSER_LEAD_MARK
# A lead is one sentence (ending so) and no longer than this.
LEAD_MAX_CHARS = 60


def with_lead(text: str, bold: str) -> str:
    """A paragraph line with its bold opening ``bold`` marked as its lead,
    when that is one whole sentence shorter than the paragraph; else the text."""
    bold = bold.strip()
    ends = ("。", "！", "？", "；", "：")
    if bold and len(bold) < len(text.strip()) and len(bold) <= LEAD_MAX_CHARS and bold.endswith(ends):
        stripped = text.strip()
        if stripped.startswith(bold):
            return f"{LEAD_MARK}{bold}{LEAD_MARK}{stripped[len(bold) :]}"
    return text


# Files larger than this are not read into memory to be converted.
MAX_CONVERTED_BYTES = 200 * 1024 * 1024
# Bytes looked at to tell a file's kind.
_SNIFF_BYTES = 4096
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .xls: the old compound files
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<title")


@dataclass(frozen=True)
class Converted:
    """A file read into text.

    Attributes:
        text: the text the parser reads: a paragraph per line; page breaks
            as lines of their own (:data:`PAGE_BREAK`).
        format: what the file was.
        title: the title the file names (a page's ``<title>``, a document's
            properties), or None.
        clues: other metadata the file names: ``date``, ``issuer``, ``url``,
            and how many ``images`` were left out.
        data: the file's bytes (kept with the document: read once).
    """

    text: str
    format: Format
    title: str | None = None
    clues: dict[str, str] = field(default_factory=dict)
    data: bytes = b""


def sniff(head: bytes, name: str) -> Format:
    """What a file is, by its first bytes (and its name only where the bytes
    cannot tell: a Markdown file is text).

    Raises:
        DocumentError: a legacy Word or WPS file (saved as .docx it imports).
    """
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        raise DocumentError(tr("file_legacy_word", path=name))
    if head.startswith(_ZIP_MAGIC):
        return "docx"  # (checked as one when it is opened)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(start.startswith(mark) for mark in _HTML_MARKS) or (start.startswith(b"<") and b"<html" in start[:1024]):
        return "html"
    return "markdown" if Path(name).suffix.lower() in MARKDOWN_SUFFIXES else "text"


def file_format(path: Path) -> Format:
    """The kind of the file at ``path`` (see :func:`sniff`); text when it
    cannot be read (the text reader then says why)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError:
        return "text"
    return sniff(head, str(path))


def convert(path: Path, kind: Format, progress: ProgressCallback | None = None) -> Converted:
    """Read a PDF, a Word file or a web page into text.

    ``progress`` gets (done, total) as the reading goes (a PDF's pages);
    when it raises, the reading stops (a cancelled import).

    Raises:
        DocumentError: the file cannot be read as that format (one sentence).
    """
    try:
        size = path.stat().st_size
        if size > MAX_CONVERTED_BYTES:
            raise DocumentError(tr("file_too_large", path=path, what=f"{size / 1e6:.0f} MB"))
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(tr("file_unreadable", path=path, reason=exc.strerror)) from None
    return convert_bytes(data, kind, str(path), progress)


def convert_bytes(data: bytes, kind: Format, name: str, progress: ProgressCallback | None = None) -> Converted:
    """Read a file's bytes as ``kind`` (see :func:`convert`)."""
    if kind == "pdf":
        from app.document.formats.pdf import read_pdf

        converted = read_pdf(data, name, progress)
    elif kind == "docx":
        from app.document.formats.docx import read_docx

        converted = read_docx(data, name)
    elif kind == "html":
        from app.document.formats.html import read_html

        converted = read_html(data, name)
    elif kind == "markdown":
        from app.document.formats.markdown import read_markdown

        converted = read_markdown(data, name)
    else:
        raise ValueError(kind)
    if progress:
        progress(1, 1)
    if not converted.text.replace(PAGE_BREAK, "").strip():
        raise DocumentError(tr("file_pdf_no_text" if kind == "pdf" else "file_empty", path=name))
    return replace(converted, data=data)
