"""Structure benchmark: how the parser reads the real documents of the corpus.

For every document of ``../shared/corpus/`` beside the project, against its
``NAME.outline.json`` (its structure as a careful reader sees it):

- lines intact: the share of the source's non-empty lines that are, stripped,
  exactly one unit of the parsed document (the title line, a heading, a
  paragraph or a page marker): a line glued to another, or cut, is not;
- headings: recall and precision of the outline's headings (chapters,
  sections, parts, annexes: number and title) among the parsed tree's;
- articles found / expected (laws and regulations);
- truncation right: the document is marked truncated exactly when the
  outline says it is incomplete;
- parse time.

Run: ``python bench/structure_bench.py`` (``make bench`` runs it). Goal: 100 %
on every row. PDFs are read into text first (app.document.formats), as an
import reads them; the time includes that reading.
"""

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.document.formats import PAGE_BREAK, convert, file_format  # noqa: E402
from app.document.model import Document  # noqa: E402
from app.document.numerals import chinese_to_int  # noqa: E402
from app.document.parser import parse_text  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
HEADING_KINDS = ("part", "chapter", "section", "annex")
_NUMBER = re.compile(r"[第（(]?\s*([0-9一二三四五六七八九十百零〇两]+)\s*[编章节、)）.．]?")


@dataclass
class Row:
    """One document's figures."""

    name: str
    genre: str
    lines_intact: float | None = None
    recall: float | None = None
    precision: float | None = None
    articles: str = "—"
    truncation_right: bool | None = None
    parse_ms: float | None = None
    note: str = ""


def number_key(number: str | None) -> int | None:
    """A heading number as an integer (第三章, 三, （三）, 3. → 3)."""
    if not number:
        return None
    match = _NUMBER.fullmatch(number.strip())
    return chinese_to_int(match.group(1)) if match else None


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text).rstrip("。")


def parsed_headings(document: Document) -> list[tuple[int | None, str]]:
    return [
        (number_key(node.number), squeeze(node.title))
        for node in document.nodes
        if node.kind in HEADING_KINDS and not node.inferred and not node.repeated  # type: ignore[comparison-overlap]
    ]


def units(document: Document) -> list[str]:
    found = [document.title_line or ""]
    found += [marker.text for marker in document.page_markers]
    found += [node.heading for node in document.nodes if node.heading]
    found += [paragraph.text for paragraph in document.paragraphs]
    # (A heading written over two lines is one unit of both.)
    return [line.strip() for unit in found if unit for line in unit.split("\n")]


def measure(path: Path) -> Row:
    outline = json.loads(path.with_suffix(".outline.json").read_text(encoding="utf-8"))
    row = Row(path.name, outline["genre"])
    start = time.perf_counter()
    kind = file_format(path)
    # Other formats are read into text first (the lines compared are those
    # the reading made: a PDF's, its paragraphs).
    text = path.read_text(encoding="utf-8") if kind == "text" else convert(path, kind).text
    document = parse_text(text, name=path.name, marked=kind != "text")
    row.parse_ms = (time.perf_counter() - start) * 1000
    if kind != "text":
        row.note = f"read as {kind}, then parsed"
        text = "\n".join(line for line in text.split("\n") if not line.startswith(PAGE_BREAK))
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    counts: dict[str, int] = {}
    for unit in units(document):
        counts[unit] = counts.get(unit, 0) + 1
    row.lines_intact = 100 * sum(1 for line in lines if counts.get(line, 0) >= 1) / len(lines)
    expected = [(number_key(h["number"]), squeeze(h["title"])) for h in outline["headings"]]
    got = parsed_headings(document)
    remaining = list(got)
    hits = 0
    for heading in expected:
        if heading in remaining:
            remaining.remove(heading)
            hits += 1
    row.recall = 100 * hits / len(expected) if expected else 100.0
    row.precision = 100 * hits / len(got) if got else (100.0 if not expected else 0.0)
    if outline.get("articles"):
        articles = sum(1 for node in document.nodes if node.kind == "article")  # type: ignore[comparison-overlap]
        row.articles = f"{articles}/{outline['articles']}"
    row.truncation_right = document.truncated == (not outline["complete"])
    return row


def table(rows: list[Row]) -> str:
    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value:.1f} %"

    out = [
        "| document | genre | lines intact | headings recall | headings precision | articles | truncation right "
        "| parse ms | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        truncation = "—" if row.truncation_right is None else ("yes" if row.truncation_right else "**no**")
        parse = "—" if row.parse_ms is None else f"{row.parse_ms:.0f}"
        out.append(
            f"| {row.name} | {row.genre} | {pct(row.lines_intact)} | {pct(row.recall)} | {pct(row.precision)} "
            f"| {row.articles} | {truncation} | {parse} | {row.note} |"
        )
    out.append("| goal | | 100 % | 100 % | 100 % | all | yes | | |")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"{CORPUS} is absent: the structure benchmark needs the shared corpus beside the project.")
        return 0
    documents = sorted(p for p in CORPUS.iterdir() if p.with_suffix(".outline.json").exists() and p.suffix != ".json")
    rows = [measure(path) for path in documents]
    if args.json:
        print(json.dumps([row.__dict__ for row in rows], ensure_ascii=False, indent=1))
    else:
        print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
