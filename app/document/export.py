"""The export shapes of documents, paragraphs and figures: the dicts of the
command line's JSON (its contract) and the figures' CSV, one definition for
every front end (the CLI prints them, the window saves them)."""

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from app.document.citations import locator
from app.document.figures import Series
from app.document.model import Document, Figure, Node, Paragraph

# The columns of a figures CSV, in order (the window's export and
# ``baipishu figures --csv`` write the same file).
FIGURE_CSV_FIELDS = (
    "document",
    "id",
    "paragraph",
    "text",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "approximate",
    "as_of",
    "sentence",
    "box",
    "path",
)


def paragraph_dict(paragraph: Paragraph) -> dict[str, Any]:
    """A paragraph's text and place (``show --json``; ``export`` adds the
    node and joins)."""
    return {
        "id": paragraph.id,
        "index": paragraph.index,
        "text": paragraph.text,
        "kind": paragraph.kind,
        "box": paragraph.box,
        "path": list(paragraph.path),
        "lead": paragraph.lead,
        "refs": list(paragraph.refs),
        # Where a reader finds it in the official text (see citations.locator).
        "ordinal": paragraph.ordinal,
        # The PDF page it begins on (None for other formats).
        "page": paragraph.page,
        "unplaced": paragraph.unplaced,
        "locator": locator(paragraph),
    }


def toc_nodes(document: Document, parent: str | None = None) -> list[dict[str, Any]]:
    """The chapter tree of ``document`` below ``parent`` as nested dicts."""
    return [_toc_node(document, node) for node in document.children(parent)]


def _toc_node(document: Document, node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "kind": node.kind,
        "number": node.number,
        "title": node.title,
        "label": node.label,
        "inferred": node.inferred,
        "repeated": node.repeated,
        "paragraphs": [p.id for p in document.paragraphs_of(node.id)],
        "children": toc_nodes(document, node.id),
    }


def export_document(document: Document) -> dict[str, Any]:
    """A document with its paragraphs in reading order (``export --json``)."""
    return {
        "id": document.id,
        "title": document.title,
        "metadata": document.metadata.to_dict(),
        "title_line": document.title_line,
        "fragment": document.fragment,
        "truncated": document.truncated,
        "truncated_at": document.truncated_at,
        "page_markers": [marker.__dict__ for marker in document.page_markers],
        "preamble": [p.id for p in document.paragraphs_of(None)],
        "paragraphs": [
            {**paragraph_dict(p), "node": p.node, "joins": p.joins, "role": p.role} for p in document.paragraphs
        ],
    }


def figure_dict(document_id: str, figure: Figure) -> dict[str, Any]:
    """A figure with the document it is in (``figures --json``)."""
    return {"document": document_id, **figure.to_dict()}


def write_figures_csv(rows: Iterable[tuple[str, Figure]], out: TextIO) -> int:
    """Write (document id, figure) rows as CSV to ``out``; return the count."""
    writer = csv.DictWriter(out, fieldnames=FIGURE_CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    count = 0
    for document_id, figure in rows:
        row = figure_dict(document_id, figure)
        writer.writerow({**row, "path": " / ".join(row["path"])})
        count += 1
    return count


def write_series_csv(series: Series, out: TextIO) -> int:
    """Write a chart's series as CSV (label, value, unit, figure id); return
    the number of rows."""
    writer = csv.writer(out)
    writer.writerow(["label", "value", "unit", "figure"])
    for point in series.points:
        writer.writerow([point.label, point.value, series.unit or "", point.figure])
    return len(series.points)


SVG_WIDTH_PX = 640
SVG_ROW_PX = 28
SVG_LABEL_PX = 150


def series_svg(series: Series) -> str:
    """A chart's series as an SVG drawing: a row per figure, its label, a bar
    in proportion to the largest value, and the value (text escaped)."""
    from xml.sax.saxutils import escape

    rows = len(series.points) + 1
    height = SVG_ROW_PX * rows + 24
    largest = max((abs(p.value) for p in series.points), default=0) or 1
    space = SVG_WIDTH_PX - SVG_LABEL_PX - 110
    title = f"{series.name}（{series.unit}）" if series.unit else series.name
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SVG_WIDTH_PX}" height="{height}" '
        f'viewBox="0 0 {SVG_WIDTH_PX} {height}" font-family="sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="12" y="28">{escape(title)}</text>',
    ]
    for row, point in enumerate(series.points, start=1):
        y = 12 + row * SVG_ROW_PX
        length = max(1.0, space * abs(point.value) / largest)
        number = f"{point.value:,}" if isinstance(point.value, int) else f"{point.value:,.2f}".rstrip("0").rstrip(".")
        parts += [
            f'<text x="{SVG_LABEL_PX - 6}" y="{y + 18}" text-anchor="end">{escape(point.label)}</text>',
            f'<rect x="{SVG_LABEL_PX}" y="{y + 5}" width="{length:.1f}" height="{SVG_ROW_PX - 10}" fill="#3b78c4"/>',
            f'<text x="{SVG_LABEL_PX + length + 6:.1f}" y="{y + 18}">{escape(number)}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
