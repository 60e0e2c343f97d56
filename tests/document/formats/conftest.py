"""Files of each format made from real text, as a user's would be: a PDF
rendered by Qt with a CJK font and its own line wrapping (and page numbers),
a Word file written with python-docx, a saved page with a site's menus
around the text, a Markdown file. Never edited to suit the reader."""

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QFontMetricsF, QPageSize, QPainter, QPdfWriter, QTextLayout


def pdf_from_lines(
    lines: Sequence[str], path: Path, *, indent: bool = False, spacing: bool = True, furniture: bool = True
) -> Path:
    """A PDF of ``lines``, a paragraph each, wrapped by Qt's text layout on
    A4 pages, each page numbered at its foot (``- 3 -``) under a running
    header. ``indent``: paragraphs open with a two-character indent, as GB/T
    9704 sets them; ``spacing``: paragraphs stand apart by half a line;
    ``furniture``: the running header and the page numbers."""
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)  # (a point a pixel)
    font = QFont("WenQuanYi Micro Hei")
    font.setPointSizeF(12)
    metrics = QFontMetricsF(font)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    left, top, width, bottom = 72.0, 90.0, page.width() - 144.0, page.height() - 90.0
    painter = QPainter(writer)
    painter.setFont(font)
    number = 1

    def draw_furniture() -> None:
        if furniture:
            painter.drawText(QPointF(left, 50.0), "测试机关文件")
            painter.drawText(QPointF(page.width() / 2 - 10, page.height() - 40.0), f"- {number} -")

    draw_furniture()
    y = top
    for text in lines:
        layout = QTextLayout(text, font, writer)  # (measured as the PDF sets it)
        layout.beginLayout()
        first = True
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            offset = 2 * metrics.horizontalAdvance("中") if indent and first else 0.0
            line.setLineWidth(width - offset)
            if y + line.height() > bottom:
                writer.newPage()
                number += 1
                draw_furniture()
                y = top
            line.setPosition(QPointF(offset, 0))
            painter.drawText(
                QPointF(left + offset, y + metrics.ascent()),
                text[line.textStart() : line.textStart() + line.textLength()],
            )
            y += line.height()
            first = False
        layout.endLayout()
        y += line_gap if (line_gap := metrics.height() / 2 if spacing else 0.0) else 0.0
    painter.end()
    return path


def text_lines(text: str) -> list[str]:
    """The non-empty lines of a text, stripped: its units as the parser reads them."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def markdown_from_lines(lines: Sequence[str], headings: Sequence[str] = ()) -> str:
    """A Markdown file of ``lines``, a paragraph each, the first the title
    (``#``) and those in ``headings`` marked ``##``, as a writer would."""
    marked = [("# " if number == 0 else "## " if line in headings else "") + line for number, line in enumerate(lines)]
    return "\n\n".join(marked) + "\n"


def docx_from_lines(lines: Sequence[str], path: Path, headings: Sequence[str] = ()) -> Path:
    """A Word file of ``lines``, a paragraph each; those in ``headings`` set
    in the heading style (标题 1), as a writer of the document would."""
    import docx

    document = docx.Document()
    document.core_properties.title = lines[0] if lines else ""
    for line in lines:
        if line in headings:
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    document.save(str(path))
    return path


SITE_TOP = (
    "<div id='header'><a href='/'>首页</a> | <a href='/zhengce/'>政策</a> | <a href='/hudong/'>互动</a>"
    "<form><input name='q'><button>搜索</button></form></div>"
    "<div class='crumbs'>首页 &gt; 信息公开 &gt; 国务院文件</div>"
)
SITE_BOTTOM = (
    "<div class='share'>分享到：微信 微博</div>"
    "<div class='related'><h3>相关稿件</h3><ul><li><a href='/a'>某某通知</a></li>"
    "<li><a href='/b'>某某解读</a></li></ul></div>"
    "<div id='footer'>版权所有：中国政府网 | 网站标识码bm01000001 | 京ICP备05070218号</div>"
)


def page_from_lines(lines: Sequence[str], headings: Sequence[str] = (), charset: str = "utf-8") -> bytes:
    """A saved page of ``lines`` as a government site serves one: the title
    in ``<title>`` with the site's name and in ``<meta name="ArticleTitle">``,
    menus, breadcrumbs, share buttons, related links and a footer around the
    text, in ``charset``."""
    import html

    body = "".join(
        f"<h2>{html.escape(line)}</h2>" if line in headings else f"<p>{html.escape(line)}</p>" for line in lines
    )
    title = html.escape(lines[0]) if lines else ""
    page = (
        f"<!DOCTYPE html><html><head><meta http-equiv='Content-Type' content='text/html; charset={charset}'>"
        f"<title>{title}_中国政府网</title><meta name='ArticleTitle' content='{title}'></head><body>"
        f"{SITE_TOP}<div class='article'><div id='UCAP-CONTENT'>{body}</div></div>{SITE_BOTTOM}</body></html>"
    )
    return page.encode(charset)
