"""Word documents (.docx), read with python-docx.

The body's paragraphs and tables in their order: a paragraph per line; a
heading style (标题 1, Heading 2…) marked as a heading of its level
(:data:`HEADING_MARK`), so that an unnumbered heading (总则) is one too; a
bold opening sentence as the paragraph's lead; a table a row per line, its
cells apart by tabs; footnotes numbered where they are referred to and set
after the text, each opening with its number. The title comes from the
document's properties; images are left out (and counted).
"""

import io
import re
import zipfile

from app.document.formats import HEADING_MARK, Converted, with_lead
from app.errors import DocumentError
from app.i18n import tr

# A .docx holding more than this, unpacked, is not unpacked (a zip bomb).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_RATIO = 200  # (unpacked / packed) of any large member
_HEADING_STYLE = re.compile(r"^(?:Heading|标题)\s*(?P<level>[1-6])$")
_WORD_FORMAT = "Word (.docx)"


def _checked_zip(data: bytes, name: str) -> None:
    """Refuse what is no .docx, or would unpack to too much."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if not any(m.filename == "word/document.xml" for m in members):
                raise DocumentError(tr("file_broken", path=name, format=_WORD_FORMAT))
            unpacked = sum(m.file_size for m in members)
            ratio = max(
                (m.file_size / max(1, m.compress_size) for m in members if m.file_size > 1024 * 1024), default=0.0
            )
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise DocumentError(tr("file_broken", path=name, format=_WORD_FORMAT)) from None
    if unpacked > MAX_UNPACKED_BYTES or ratio > MAX_RATIO:
        raise DocumentError(tr("file_too_large", path=name, what=f"{unpacked / 1e6:.0f} MB unpacked"))


def read_docx(data: bytes, name: str) -> Converted:
    """Read a Word document's text (see the module's doc).

    Raises:
        DocumentError: not a Word document, damaged, or a zip bomb.
    """
    _checked_zip(data, name)
    import docx  # (only when a Word file is imported)
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds for a damaged part
        raise DocumentError(tr("file_broken", path=name, format=_WORD_FORMAT)) from None
    lines: list[str] = []
    footnotes = _footnotes(data)
    # Footnotes are numbered in the order they are first referred to, as Word prints them.
    notes: dict[str, int] = {}
    # Style ids to names, once (python-docx looks a paragraph's style up in
    # the styles part each time it is asked: most of the time of a read).
    names = {style.style_id: style.name or "" for style in document.styles}
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = _with_note_marks(element, paragraph.text, notes).strip()
            if not text:
                continue
            heading = _HEADING_STYLE.match(names.get(element.style or "", ""))
            if heading:
                lines.append(f"{HEADING_MARK}{heading['level']}{text}")
                continue
            # A bold opening: the runs that are bold from the start.
            bold = []
            for run in paragraph.runs:
                if not run.bold:
                    break
                bold.append(run.text)
            lines.append(with_lead(text, "".join(bold)))
        elif tag == "tbl":
            for row in Table(element, document).rows:
                cells = [cell.text.strip().replace("\n", " ") for cell in row.cells]
                # (A merged cell is repeated in each column it spans.)
                unique = [cell for at, cell in enumerate(cells) if at == 0 or cell != cells[at - 1]]
                if any(unique):
                    lines.append("\t".join(unique))
    # The footnotes after the text, each opening with its number, as the
    # foot of a printed page sets them.
    for note_id, number in sorted(notes.items(), key=lambda item: item[1]):
        if footnotes.get(note_id):
            lines.append(f"{number} {footnotes[note_id]}")
    title = (document.core_properties.title or "").strip() or None
    images = len(document.inline_shapes)
    return Converted("\n".join(lines) + "\n", "docx", title=title, clues={"images": str(images)} if images else {})


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _with_note_marks(element: object, text: str, notes: dict[str, int]) -> str:
    """A paragraph's text with its footnote references numbered where they
    stand (python-docx's text leaves them out); ``notes`` numbers them."""
    references = list(element.iter(f"{_W}footnoteReference"))  # type: ignore[attr-defined]
    if not references:
        return text
    parts: list[str] = []
    for node in element.iter():  # type: ignore[attr-defined]
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        elif node.tag == f"{_W}footnoteReference":
            note_id = node.get(f"{_W}id") or ""
            parts.append(str(notes.setdefault(note_id, len(notes) + 1)))
    return "".join(parts)


def _footnotes(data: bytes) -> dict[str, str]:
    """The text of each footnote of a Word file, by its id (none: empty)."""
    import lxml.etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/footnotes.xml" not in archive.namelist():
                return {}
            root = lxml.etree.fromstring(archive.read("word/footnotes.xml"))
    except (zipfile.BadZipFile, lxml.etree.XMLSyntaxError, KeyError):
        return {}
    found: dict[str, str] = {}
    for note in root.iter(f"{_W}footnote"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(t.text or "" for t in note.iter(f"{_W}t")).strip()
        if text:
            found[note.get(f"{_W}id") or ""] = text
    return found
