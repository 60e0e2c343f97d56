"""Search benchmark: our FTS5 engine against whoosh + jieba and a Python scan.

All engines index the same paragraphs (those our parser stored) and answer the
same queries in one run, so the table compares them side by side. For each
engine: build time and MB/s, index size, open time, p50/p95/max latency per
query class (top 20 hits with snippets or highlights), and recall against
Python ``in`` over the normalised text. Results are printed as a table and
written as JSON to ``bench/results/``.

Run with ``make bench`` (or ``python bench/search_bench.py --sizes seed 5 50``).
"""

import argparse
import json
import platform
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.document.numerals import ends_paragraph  # noqa: E402
from app.library import Library, bundled_documents  # noqa: E402
from app.search import index as search_index  # noqa: E402
from app.search import segmenter  # noqa: E402
from app.search.normalize import normalize  # noqa: E402
from bench import corpus  # noqa: E402

RESULTS = ROOT / "bench" / "results"
TOP = 20
RECORDS_PER_DOCUMENT = 5000
CLASSES = ("1-char", "2-char", "word", "long", "mixed", "traditional", "full-width", "pinyin", "typing")
TYPING = ("扶贫小额信贷", "中国特色社会主义", "配置文件")
TARGETS_50MB = {
    "recall": 100.0,
    "p95_ms": 10.0,
    "max_ms": 30.0,
    "speedup_vs_whoosh": 3.0,
    "build_mb_s": 1.0,
    "index_ratio": 3.0,
}
TARGET_SEED_P95_MS = 1.0


@dataclass
class Paragraphs:
    """The benchmark's texts: what our parser stored, with ids."""

    ids: list[str]
    texts: list[str]
    normal: list[str] = field(default_factory=list)

    def truth(self, query: str) -> set[str]:
        needle = normalize(query)
        return {pid for pid, text in zip(self.ids, self.normal, strict=True) if needle in text}

    @property
    def megabytes(self) -> float:
        return sum(len(t.encode("utf-8")) for t in self.texts) / corpus.MB


@dataclass
class EngineReport:
    name: str
    build_s: float = 0.0
    index_mb: float = 0.0
    open_ms: float = 0.0
    latency: dict[str, list[float]] = field(default_factory=dict)
    recall: dict[str, tuple[int, int]] = field(default_factory=dict)  # found, expected
    extra: int = 0  # hits that do not contain the query
    import_s: float | None = None  # ours: the whole import (parse, store, index)

    def summary(self, megabytes: float) -> dict[str, object]:
        every = [ms for values in self.latency.values() for ms in values]
        per_class = {
            name: {
                "p50": _pct(values, 50),
                "p95": _pct(values, 95),
                "max": max(values, default=0.0),
                "recall": _recall(self.recall.get(name)),
            }
            for name, values in self.latency.items()
        }
        found = sum(f for f, _ in self.recall.values())
        expected = sum(e for _, e in self.recall.values())
        return {
            "engine": self.name,
            "build_s": round(self.build_s, 2),
            "import_s": None if self.import_s is None else round(self.import_s, 2),
            "build_mb_s": round(megabytes / self.build_s, 2) if self.build_s else None,
            "index_mb": round(self.index_mb, 2),
            "index_ratio": round(self.index_mb / megabytes, 2) if megabytes else None,
            "open_ms": round(self.open_ms, 2),
            "p50_ms": _pct(every, 50),
            "p95_ms": _pct(every, 95),
            "max_ms": round(max(every, default=0), 2),
            "recall": _recall((found, expected)),
            "extra_hits": self.extra,
            "classes": per_class,
        }


def _pct(values: list[float], percent: int) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * percent / 100))], 3)


def _recall(pair: tuple[int, int] | None) -> float | None:
    if pair is None:
        return None
    found, expected = pair
    return round(100.0 * found / expected, 2) if expected else 100.0


# -- corpus and queries ---------------------------------------------------------


def document_texts(size: str) -> tuple[list[str], int]:
    """Texts of the documents to import, and the passes over the sources."""
    if size == "seed":
        return [b.path.read_text(encoding="utf-8") for b in bundled_documents()], 1
    records, passes = corpus.build(float(size))
    # One record, one paragraph: close records the parser would join.
    lines = [r if ends_paragraph(r) else r + "。" for r in records]
    return [
        "\n".join(lines[start : start + RECORDS_PER_DOCUMENT]) for start in range(0, len(lines), RECORDS_PER_DOCUMENT)
    ], passes


def make_queries(paragraphs: Paragraphs, library: Library, rng: random.Random) -> dict[str, list[str]]:
    """Queries of every class, drawn from the corpus itself."""
    import opencc

    texts = [t for t in paragraphs.texts if len(t) >= 20] or paragraphs.texts
    cjk = re.compile(r"^[\u4e00-\u9fff]+$")
    seed = rng.random()

    def class_rng(name: str) -> random.Random:
        # Each class draws from its own stream, so that a change in how one
        # class is sampled (say, the segmenter's words) leaves the others be.
        return random.Random(f"{seed}-{name}")

    def substrings(length: int, count: int, pattern: re.Pattern[str] | None = None) -> list[str]:
        rng = class_rng(f"substrings-{length}")
        found: list[str] = []
        for _ in range(count * 200):
            if len(found) >= count:
                break
            text = rng.choice(texts)
            start = rng.randrange(0, max(1, len(text) - length))
            sample = text[start : start + length]
            if len(sample) == length and (pattern is None or pattern.search(sample)) and '"' not in sample:
                if sample.strip() == sample and sample not in found:
                    found.append(sample)
        return found

    words: list[str] = []
    word_rng = class_rng("words")
    for _ in range(400):
        for word in segmenter.words(word_rng.choice(texts)):
            if 2 <= len(word) <= 4 and cjk.match(word) and word not in words:
                words.append(word)
    word_rng.shuffle(words)
    frequent = ["的", "贫", "诗", "鑫", "一"]
    mixed = [
        m.group(0)
        for t in texts[:20000]
        for m in re.finditer(r"[0-9０-９][0-9０-９.．]*[%％万亿年元个]|[A-Za-z]+-[0-9A-Za-z]+", t)
    ]
    class_rng("mixed").shuffle(mixed)
    to_traditional = opencc.OpenCC("s2t")
    traditional = [w for w in (to_traditional.convert(w) for w in words[:200]) if w != normalize(w)][:20]
    ascii_forms = list(dict.fromkeys(normalize(m) for m in mixed if normalize(m).isascii()))
    fullwidth = [m.translate(_FULLWIDTH) for m in ascii_forms][:20]
    mixed = ascii_forms
    with library.searcher() as searcher:
        vocabulary = [
            row[0]
            for row in searcher.db.execute(
                "SELECT pinyin FROM search_vocab WHERE length(word) = 2 ORDER BY freq DESC LIMIT 200"
            )
        ]
    class_rng("pinyin").shuffle(vocabulary)
    typing = [word[:n] for word in TYPING for n in range(1, len(word) + 1)]
    return {
        "1-char": frequent + substrings(1, 25, re.compile(r"[\u4e00-\u9fff]")),
        "2-char": substrings(2, 30, re.compile(r"^[\u4e00-\u9fff]{2}$")),
        "word": words[:30],
        "long": substrings(12, 20, re.compile(r"[\u4e00-\u9fff]")),
        "mixed": list(dict.fromkeys(mixed))[:20],
        "traditional": traditional,
        "full-width": fullwidth,
        "pinyin": vocabulary[:20],
        "typing": typing,
    }


_FULLWIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def quoted(query: str) -> str:
    """Our query language takes a quoted term literally (spaces, leading -)."""
    return '"' + query + '"'


# -- engines -----------------------------------------------------------------


def run_ours(
    texts: list[str], work: Path, queries: dict[str, list[str]] | None, rng: random.Random
) -> tuple[EngineReport, Paragraphs, Library, dict[str, list[str]]]:
    report = EngineReport("ours (FTS5 hybrid)")
    segmenter.load()
    folder = work / "ours"
    library = Library(folder, bundled=[])
    indexing = 0.0
    add_document = search_index.add_document

    def timed_add(*args: object, **kwargs: object) -> None:
        nonlocal indexing
        start = time.perf_counter()
        add_document(*args, **kwargs)  # type: ignore[arg-type]
        indexing += time.perf_counter() - start

    search_index.add_document = timed_add  # type: ignore[assignment]
    start = time.perf_counter()
    try:
        for number, text in enumerate(texts):
            library.import_text(text, source_name=f"bench-{number:04d}.txt")
    finally:
        search_index.add_document = add_document  # type: ignore[assignment]
    report.import_s = time.perf_counter() - start
    # The engine's build: indexing only (the import also parses the text into
    # the document model and stores it, which no other engine does).
    report.build_s = indexing
    library.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ids, bodies = [], []
    for document in library.all_documents():
        for paragraph in document.paragraphs:
            ids.append(f"{document.id}/{paragraph.id}")
            bodies.append(paragraph.text)
    paragraphs = Paragraphs(ids, bodies, [normalize(t) for t in bodies])
    sizes = dict(library.db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall())
    report.index_mb = sum(v for k, v in sizes.items() if k.startswith("search_")) / corpus.MB
    queries = queries or make_queries(paragraphs, library, rng)
    start = time.perf_counter()
    searcher = library.searcher()
    searcher.search("扶贫")
    report.open_ms = (time.perf_counter() - start) * 1000
    _measure(report, queries, lambda q: searcher.search(q if q.isascii() and q.isalpha() else quoted(q), limit=TOP))
    for name, values in queries.items():
        found = expected = 0
        for query in values:
            if name == "pinyin":
                words = searcher.search(query, limit=TOP).pinyin
                truth: set[str] = set().union(*(paragraphs.truth(w) for w in words))
                got = {f"{d}/{p}" for d, p in searcher.matching_paragraphs(" OR ".join(words))} if words else set()
            else:
                truth = paragraphs.truth(query)
                got = {f"{d}/{p}" for d, p in searcher.matching_paragraphs(quoted(query))}
            found += len(got & truth)
            expected += len(truth)
            report.extra += len(got - truth)
        report.recall[name] = (found, expected)
    searcher.close()
    return report, paragraphs, library, queries


def run_whoosh(paragraphs: Paragraphs, work: Path, queries: dict[str, list[str]]) -> EngineReport:
    import jieba
    from jieba.analyse import ChineseAnalyzer
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.query import And, Term

    jieba.setLogLevel(60)
    report = EngineReport("whoosh + jieba ChineseAnalyzer")
    folder = work / "whoosh"
    folder.mkdir()
    analyzer = ChineseAnalyzer()
    schema = Schema(id=ID(stored=True, unique=True), body=TEXT(analyzer=analyzer, stored=True))
    start = time.perf_counter()
    ix = index.create_in(str(folder), schema)
    writer = ix.writer(limitmb=256, procs=1)
    for pid, text in zip(paragraphs.ids, paragraphs.texts, strict=True):
        writer.add_document(id=pid, body=text)
    writer.commit()
    report.build_s = time.perf_counter() - start
    report.index_mb = sum(p.stat().st_size for p in folder.iterdir()) / corpus.MB
    start = time.perf_counter()
    ix = index.open_dir(str(folder))
    searcher = ix.searcher()
    report.open_ms = (time.perf_counter() - start) * 1000

    def build_query(text: str) -> And | Term | None:
        # What whoosh's QueryParser makes of a Chinese query: the analyzer's
        # tokens (cut_for_search, overlapping), all required.
        tokens = list(dict.fromkeys(t.text for t in analyzer(text)))
        if not tokens:
            return None
        return Term("body", tokens[0]) if len(tokens) == 1 else And([Term("body", t) for t in tokens])

    def top(text: str) -> list[str]:
        query = build_query(text)
        if query is None:
            return []
        results = searcher.search(query, limit=TOP)
        return [hit.highlights("body") for hit in results]

    _measure(report, {k: v for k, v in queries.items() if k != "pinyin"}, top)
    for name, values in queries.items():
        if name == "pinyin":
            continue
        found = expected = 0
        for text in values:
            truth = paragraphs.truth(text)
            query = build_query(text)
            got = {hit["id"] for hit in searcher.search(query, limit=None)} if query is not None else set()
            found += len(got & truth)
            expected += len(truth)
            report.extra += len(got - truth)
        report.recall[name] = (found, expected)
    searcher.close()
    return report


def run_scan(paragraphs: Paragraphs, queries: dict[str, list[str]]) -> EngineReport:
    report = EngineReport("Python scan (in)")
    start = time.perf_counter()
    normal = [normalize(t) for t in paragraphs.texts]
    report.build_s = time.perf_counter() - start

    def top(text: str) -> list[str]:
        needle = normalize(text)
        hits = []
        for pid, body in zip(paragraphs.ids, normal, strict=True):
            if needle in body:
                hits.append(pid)
                if len(hits) == TOP:
                    break
        return hits

    _measure(report, {k: v for k, v in queries.items() if k != "pinyin"}, top)
    report.recall = {k: (1, 1) for k in queries if k != "pinyin"}
    return report


def _measure(report: EngineReport, queries: dict[str, list[str]], run: Callable[[str], object]) -> None:
    for values in queries.values():  # warm caches once
        for query in values:
            run(query)
    for name, values in queries.items():
        timings = []
        for query in values:
            start = time.perf_counter()
            run(query)
            timings.append((time.perf_counter() - start) * 1000)
        report.latency[name] = timings


# -- report ------------------------------------------------------------------


def table(size: str, megabytes: float, reports: Iterable[dict[str, object]]) -> str:
    rows = list(reports)
    lines = [f"### corpus {size}: {megabytes:.2f} MB of paragraph text", ""]
    header = (
        "| engine | build s | MB/s | index MB (× text) | open ms | p50/p95/max ms | "
        + " | ".join(CLASSES)
        + " | recall % | extra hits |"
    )
    lines += [header, "|" + "---|" * (header.count("|") - 1)]
    for row in rows:
        classes = row["classes"]
        assert isinstance(classes, dict)
        cells = []
        for name in CLASSES:
            c = classes.get(name)
            cells.append("n/a" if c is None else f"{c['p50']}/{c['p95']} ({_fmt(c['recall'])})")
        lines.append(
            f"| {row['engine']} | {row['build_s']} | {row['build_mb_s']} | {row['index_mb']} ({row['index_ratio']}) "
            f"| {row['open_ms']} | {row['p50_ms']}/{row['p95_ms']}/{row['max_ms']} | "
            + " | ".join(cells)
            + f" | {_fmt(row['recall'])} | {row['extra_hits']} |"
        )
    lines.append("")
    lines.append("Per class: p50/p95 ms (recall %). Extra hits: hits that do not contain the query.")
    for row in rows:
        if row.get("import_s") is not None:
            lines.append(
                f"{row['engine']}: build = indexing only; the whole import (parse, figures, store, "
                f"index) took {row['import_s']} s."
            )
    return "\n".join(lines)


def _fmt(value: object) -> str:
    return "n/a" if value is None else str(value)


def targets(size: str, ours: dict[str, object], whoosh: dict[str, object] | None) -> str:
    checks: list[tuple[str, str, str, bool]] = []
    if size == "seed":
        p95 = float(ours["p95_ms"])  # type: ignore[arg-type]
        checks.append(
            ("p95 on the bundled document", f"≤ {TARGET_SEED_P95_MS} ms", f"{p95} ms", p95 <= TARGET_SEED_P95_MS)
        )
    elif float(size) >= 50:
        t = TARGETS_50MB
        checks += [
            ("recall, every class", "100 %", f"{ours['recall']} %", ours["recall"] == t["recall"]),
            ("p95 over the mix", f"≤ {t['p95_ms']} ms", f"{ours['p95_ms']} ms", float(ours["p95_ms"]) <= t["p95_ms"]),  # type: ignore[arg-type]
            ("max over the mix", f"≤ {t['max_ms']} ms", f"{ours['max_ms']} ms", float(ours["max_ms"]) <= t["max_ms"]),  # type: ignore[arg-type]
            (
                "build rate",
                f"≥ {t['build_mb_s']} MB/s",
                f"{ours['build_mb_s']} MB/s",
                float(ours["build_mb_s"]) >= t["build_mb_s"],  # type: ignore[arg-type]
            ),
            (
                "index size",
                f"≤ {t['index_ratio']}× text",
                f"{ours['index_ratio']}×",
                float(ours["index_ratio"]) <= t["index_ratio"],  # type: ignore[arg-type]
            ),
        ]
        if whoosh:
            speedup = float(whoosh["p95_ms"]) / max(float(ours["p95_ms"]), 1e-6)  # type: ignore[arg-type]
            checks.append(
                (
                    "p95 speed-up vs whoosh",
                    f"≥ {t['speedup_vs_whoosh']}×",
                    f"{speedup:.1f}×",
                    speedup >= t["speedup_vs_whoosh"],
                )
            )
    if not checks:
        return ""
    lines = ["", "| target | wanted | measured | met |", "|---|---|---|---|"]
    lines += [f"| {name} | {want} | {got} | {'yes' if ok else 'NO'} |" for name, want, got, ok in checks]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", nargs="+", default=["seed", "50"], help="'seed' and/or corpus sizes in MB (default: seed 50)"
    )
    parser.add_argument("--no-whoosh", action="store_true", help="leave whoosh out (it takes minutes at 50 MB)")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    everything = {
        "machine": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "cpu_count": __import__("os").cpu_count(),
        },
        "corpora": {},
    }
    for size in args.sizes:
        rng = random.Random(2021)
        texts, passes = document_texts(size)
        work = Path(tempfile.mkdtemp(prefix=f"baipishu-bench-{size}-"))
        try:
            ours, paragraphs, library, queries = run_ours(texts, work, None, rng)
            reports = [ours.summary(paragraphs.megabytes)]
            whoosh = None
            if not args.no_whoosh:
                whoosh = run_whoosh(paragraphs, work, queries).summary(paragraphs.megabytes)
                reports.append(whoosh)
            reports.append(run_scan(paragraphs, queries).summary(paragraphs.megabytes))
            library.close()
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(table(size, paragraphs.megabytes, reports))
        if passes > 1:
            print(f"(the sources were cycled: {passes} passes)")
        print(targets(size, reports[0], whoosh))
        print()
        everything["corpora"][size] = {  # type: ignore[index]
            "megabytes": paragraphs.megabytes,
            "paragraphs": len(paragraphs.ids),
            "passes": passes,
            "queries": queries,
            "engines": reports,
        }
    out = RESULTS / f"search-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(everything, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
