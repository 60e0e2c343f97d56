"""PDFs with a text layer, read with PDFium (pypdfium2).

The text layer gives lines in reading order; their geometry (where each
starts and ends on the page) tells which lines continue a paragraph:

- the running headers, footers and page numbers are left out: lines in the
  top or bottom of the page that recur on most pages (numbers aside), and
  lines in those zones that are only a page number (``- 2 -``, ``第2页``);
- only a line that runs to the right margin goes on in the next line;
- a document that sets its paragraphs apart by space (as word processors
  do) has a paragraph begin after each such space;
- a document whose paragraphs open with an indent (two characters, as GB/T
  9704 sets them) has a paragraph begin at each indented line;
- in one set flush left (as many laws are printed) a line that ends a
  sentence at the margin ends its paragraph too;
- a line that opens a unit of its own (第五条, （一）, 第二章…) always begins one.

Each paragraph is attributed to the page it begins on: a page break line
(``\\f`` and the page's number, counted from 1 as every viewer shows it)
comes before the first paragraph that begins on that page. The text is the
text layer's, character for character (full-width punctuation and all); only
line ends inside a paragraph are taken out.
"""

import re
import statistics
from dataclasses import dataclass

from app.document.formats import PAGE_BREAK, Converted
from app.document.numerals import SENTENCE_END
from app.document.parser.lines import starts_own_unit
from app.errors import DocumentError
from app.i18n import tr
from app.progress import ProgressCallback

# More pages than this are not read (a book scan, or a bomb).
MAX_PAGES = 5000
# The top and bottom share of a page where running headers and footers stand.
FURNITURE_ZONE = 0.12
# A line in those zones recurring on this share of the pages (numbers aside) is furniture.
FURNITURE_SHARE = 0.5
# An indent this many characters deep opens a paragraph.
INDENT_CHARS = 1.2
# A line ending this close to the right margin (in characters) runs to it
# (Chinese line breaking moves up to two or three characters on: no line
# opens with ，。 or closes with “).
FULL_LINE_SLACK_CHARS = 3.0
# With fewer lines than this, the right margin is taken to be as wide as the left.
FEW_LINES = 20
# A line set in deeper than this (in characters) is centred, not indented;
# so is one in a type this much larger than the text's, as far from both margins.
CENTRED_CHARS = 3.0
TITLE_SIZE = 1.15
# Share of paragraph openings that are indented for a document to be "indented".
INDENTED_SHARE = 0.6
# A step from one line to the next this many times the usual one is a space
# between paragraphs; a document where this share of steps are such sets its
# paragraphs apart by space.
PARAGRAPH_GAP = 1.25
SPACED_SHARE = 0.1
_PAGE_NUMBER_RE = re.compile(r"^[-—–－·•\s]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*[/／]\s*[0-9]{1,4})?[-—–－·•\s]*$")
_DIGITS_RE = re.compile(r"[0-9０-９]+")
_DECIMAL_RE = re.compile(r"^[0-9０-９]+[.．][0-9０-９]")
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


@dataclass
class _Line:
    text: str
    page: int  # from 1
    x0: float | None = None
    x1: float | None = None
    # Height above the page's bottom, as a share of the page's height.
    level: float | None = None
    size: float | None = None
    # The bottom of its first character (points from the page's bottom).
    bottom: float | None = None
    page_width: float | None = None


def read_pdf(data: bytes, name: str, progress: ProgressCallback | None = None) -> Converted:
    """Read a PDF's text layer into paragraphs (see the module's doc).

    Raises:
        DocumentError: encrypted, damaged, too many pages (no text is said by
            the caller: the text comes out empty).
    """
    import pypdfium2 as pdfium  # (only when a PDF is imported)

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise DocumentError(tr("file_pdf_encrypted", path=name)) from None
        raise DocumentError(tr("file_broken", path=name, format="PDF")) from None
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise DocumentError(tr("file_too_large", path=name, what=f"{count} pages"))
        pages = []
        for number in range(count):
            pages.append(_page_lines(document[number], number + 1))
            if progress:
                progress(number + 1, count)  # (a cancel raises here: the reading stops)
        title = (document.get_metadata_dict().get("Title") or "").strip()
    except pdfium.PdfiumError:
        raise DocumentError(tr("file_broken", path=name, format="PDF")) from None
    finally:
        document.close()
    body = _without_furniture(pages)
    text = "\n".join(_with_page_breaks(_paragraphs(body)))
    # A title in the properties is only believed when it is Chinese and not a
    # file name ("Microsoft Word - 文档1.docx").
    believed = title if re.search(r"[\u4e00-\u9fff]", title) and not re.search(r"\.\w{2,4}$", title) else None
    return Converted(text + "\n", "pdf", title=believed)


def _page_lines(page: object, number: int) -> list[_Line]:
    """The lines of one page, with their geometry where the text layer gives it."""
    text_page = page.get_textpage()  # type: ignore[attr-defined]
    width, height = page.get_size()  # type: ignore[attr-defined]
    try:
        text = text_page.get_text_range()
        count = text_page.count_chars()
        lines: list[_Line] = []
        start = 0
        for match in [*_LINE_BREAK_RE.finditer(text), None]:
            end = match.start() if match else len(text)
            piece = text[start:end]
            if piece.strip():
                line = _Line(piece.strip(), number)
                if count == len(text):  # (characters and text line up: the geometry is theirs)
                    first = start + len(piece) - len(piece.lstrip())
                    last = start + len(piece.rstrip()) - 1
                    # (Loose boxes: the font's, the same for every glyph of a line.)
                    left, bottom, _, top = text_page.get_charbox(first, loose=True)
                    _, _, right, _ = text_page.get_charbox(last, loose=True)
                    line.x0, line.x1 = left, right
                    line.level = bottom / height if height else None
                    line.size = top - bottom
                    line.bottom = bottom
                    line.page_width = width
                lines.append(line)
            if match is None:
                break
            start = match.end()
        return lines
    finally:
        text_page.close()


def _furniture_key(text: str) -> str:
    return _DIGITS_RE.sub("#", "".join(text.split()))


def _in_zone(line: _Line) -> bool:
    return line.level is not None and (line.level < FURNITURE_ZONE or line.level > 1 - FURNITURE_ZONE)


def _without_furniture(pages: list[list[_Line]]) -> list[_Line]:
    """The pages' lines without running headers, footers and page numbers."""
    recurring: dict[str, int] = {}
    for lines in pages:
        for key in {_furniture_key(line.text) for line in lines if _in_zone(line)}:
            recurring[key] = recurring.get(key, 0) + 1
    threshold = max(2, FURNITURE_SHARE * len(pages))
    body = []
    for lines in pages:
        for line in lines:
            recurs = recurring.get(_furniture_key(line.text), 0) >= threshold
            if _in_zone(line) and (recurs or _PAGE_NUMBER_RE.match(line.text)):
                continue
            body.append(line)
    return body


@dataclass(frozen=True)
class _Layout:
    left: float
    right: float
    char: float
    indented: bool
    # The distance from one line to the next within a paragraph (points),
    # and whether paragraphs stand apart by more (None: not measured).
    pitch: float | None = None
    spaced: bool = False


def _layout(lines: list[_Line]) -> _Layout | None:
    """The text column's margins, its character size, and whether its
    paragraphs open with an indent; None when the text layer has no geometry."""
    placed = [
        (line, line.x0, line.x1, line.size)
        for line in lines
        if line.x0 is not None and line.x1 is not None and line.size
    ]
    if len(placed) < 3:
        return None
    left = _percentile([x0 for _, x0, _, _ in placed], 0.1)
    right = _percentile([x1 for _, _, x1, _ in placed], 0.9)
    widths = [line.page_width for line, _, _, _ in placed if line.page_width]
    if len(placed) < FEW_LINES and widths:
        # Too few lines to find the margin from: the page's, as wide as the left one.
        right = max(right, min(widths) - left)
    char = statistics.median(size for _, _, _, size in placed)
    # The lines after a short line that ends a sentence open paragraphs: are they indented?
    openings = [
        b_x0
        for (a, _, a_x1, _), (_, b_x0, _, _) in zip(placed, placed[1:], strict=False)
        if a_x1 < right - 3 * char and a.text.endswith(tuple(SENTENCE_END))
    ]
    deep = sum(1 for x0 in openings if x0 - left >= INDENT_CHARS * char)
    indented = bool(openings) and deep / len(openings) >= INDENTED_SHARE
    steps = [gap for a, b in zip(lines, lines[1:], strict=False) if (gap := _gap(a, b)) is not None and gap > 0]
    if not steps:
        return _Layout(left, right, char, indented)
    pitch = _percentile(steps, 0.25)
    wide = sum(1 for gap in steps if gap > PARAGRAPH_GAP * pitch)
    return _Layout(left, right, char, indented, pitch, wide / len(steps) >= SPACED_SHARE)


def _gap(before: _Line, line: _Line) -> float | None:
    """How far below ``before`` ``line`` stands, on the same page (points)."""
    if before.page != line.page or before.bottom is None or line.bottom is None:
        return None
    return before.bottom - line.bottom


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _open_brackets(text: str) -> bool:
    """Whether ``text`` opens a bracket it does not close (a parenthesised
    subtitle set over two centred lines)."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def _centred(line: _Line, layout: _Layout) -> bool:
    """Whether a line is set centred (a title): deep in, or in a larger type
    and as far from both margins."""
    if line.x0 is None or line.x1 is None:
        return False
    inset = line.x0 - layout.left
    if inset > CENTRED_CHARS * layout.char:
        return True
    larger = (line.size or 0) > TITLE_SIZE * layout.char
    return larger and inset > layout.char and abs(inset - (layout.right - line.x1)) <= 2 * layout.char


def _continues(before: _Line, line: _Line, layout: _Layout | None, paragraph: str = "") -> bool:
    """Whether ``line`` goes on with the paragraph ``before`` ends (its text
    so far: ``paragraph``)."""
    # (A decimal that opens a line, 11.2%, is no list's 1.)
    if starts_own_unit(line.text) and not _DECIMAL_RE.match(line.text):
        return False
    if _open_brackets(paragraph or before.text):
        return True
    if layout is None or before.x1 is None or line.x0 is None:
        return not before.text.endswith(tuple(SENTENCE_END))
    indented = line.x0 - layout.left >= INDENT_CHARS * layout.char
    # Only a line that runs to the right margin goes on in the next one (a
    # centred title does not, whatever follows it).
    full = before.x1 >= layout.right - FULL_LINE_SLACK_CHARS * layout.char
    if _centred(before, layout):
        return False  # a title's line (a centred one goes on only in its brackets)
    gap = _gap(before, line)
    wide = layout.spaced and gap is not None and bool(layout.pitch) and gap > PARAGRAPH_GAP * (layout.pitch or 0)
    if layout.indented:
        # The indent tells (and the space, where paragraphs stand apart):
        # an indented paragraph's lines go on whatever their length (line
        # breaking may end one short).
        return not indented and not wide
    if layout.spaced and gap is not None:
        return full and not wide  # the space between lines tells
    if layout.spaced:
        # Across a page break: a line that runs to the margin goes on, unless
        # it ends a sentence short of the margin's very end.
        flush = before.x1 >= layout.right - layout.char / 2
        return full and (flush or not before.text.endswith(tuple(SENTENCE_END)))
    return full and not indented and not before.text.endswith(tuple(SENTENCE_END))


def _paragraphs(lines: list[_Line]) -> list[tuple[int, str]]:
    """(the page it begins on, text) of each paragraph."""
    layout = _layout(lines)
    paragraphs: list[tuple[int, list[str]]] = []
    before: _Line | None = None
    for line in lines:
        if before is not None and paragraphs and _continues(before, line, layout, "".join(paragraphs[-1][1])):
            parts = paragraphs[-1][1]
            # Latin words keep the space the line break stood for.
            latin = parts[-1][-1:].isascii() and parts[-1][-1:].isalnum() and line.text[:1].isascii()
            parts.append(" " if latin else "")
            parts.append(line.text)
        else:
            paragraphs.append((line.page, [line.text]))
        before = line
    return [(page, "".join(parts)) for page, parts in paragraphs]


def _with_page_breaks(paragraphs: list[tuple[int, str]]) -> list[str]:
    """The paragraphs, a page break line before the first one of each page."""
    out: list[str] = []
    page = 0
    for number, text in paragraphs:
        if number != page:
            out.append(f"{PAGE_BREAK}{number}")
            page = number
        out.append(text)
    return out
