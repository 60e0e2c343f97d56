"""The export shapes: the CLI's JSON contract and one figures CSV."""

import csv
import io

from app.document.export import (
    FIGURE_CSV_FIELDS,
    export_document,
    figure_dict,
    paragraph_dict,
    toc_nodes,
    write_figures_csv,
)
from app.document.model import Document


def test_paragraph_and_document_shapes(seed: Document) -> None:
    paragraph = seed.paragraphs[5]
    assert set(paragraph_dict(paragraph)) == {
        *("id", "index", "text", "kind", "box", "path", "lead", "refs"),
        *("ordinal", "unplaced", "locator", "page"),
    }
    exported = export_document(seed)
    assert exported["paragraphs"][5] == {
        **paragraph_dict(paragraph),
        "node": paragraph.node,
        "joins": paragraph.joins,
        "role": None,
    }
    assert len(exported["paragraphs"]) == len(seed.paragraphs)
    assert exported["truncated_at"] == seed.paragraphs[-1].id


def test_toc_nests_every_node_once(seed: Document) -> None:
    def walk(nodes: list[dict[str, object]]) -> list[str]:
        return [i for n in nodes for i in [str(n["id"]), *walk(n["children"])]]  # type: ignore[arg-type]

    assert sorted(walk(toc_nodes(seed))) == sorted(n.id for n in seed.nodes)


def test_figures_csv_columns_and_values(seed: Document) -> None:
    out = io.StringIO()
    count = write_figures_csv(((seed.id, f) for f in seed.figures), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows) == len(seed.figures) == 101
    assert tuple(rows[0]) == FIGURE_CSV_FIELDS
    first = figure_dict(seed.id, seed.figures[0])
    assert rows[0]["text"] == first["text"] == "10.8万所"
    assert rows[0]["path"] == " / ".join(seed.figures[0].path)
    assert rows[0]["document"] == seed.id
