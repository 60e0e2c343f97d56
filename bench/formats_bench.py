"""Import benchmark per format: text, PDF, Word, saved page, Markdown.

The same real text (``../shared/corpus/``, the bundled white paper when it
is absent), cycled to size, is written as each format the way a user's file
would be (a PDF rendered by Qt with its own wrapping and page numbers, a Word
file by python-docx, a page with a site's menus, Markdown with its
headings marked; see
``tests/document/formats/conftest.py``), then imported end to end (read,
convert, parse, figures, store, index) in a fresh process each. Measured:
MB/s of the file, seconds, peak RSS; and a 300-page PDF's peak RSS.

Run: ``python bench/formats_bench.py`` (``make bench`` runs it).
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import MB, cycled  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
RESULTS = ROOT / "bench" / "results"
PDF_PAGES = 300
TARGET_RSS_300_PAGES_MB = 300.0


def source_text(chars: int) -> str:
    """Real text of about ``chars`` characters."""
    found = CORPUS / "opinion_rural_revitalization_2018.txt"
    text = (
        found.read_text(encoding="utf-8")
        if found.exists()
        else next((ROOT / "resources" / "documents").glob("*.txt")).read_text(encoding="utf-8")
    )
    return cycled(text, chars * 3)[: chars * 3]


def make_files(folder: Path, chars: int) -> dict[str, Path]:
    """The same text as each format."""
    from PySide6.QtGui import QGuiApplication

    from tests.document.formats.conftest import (
        docx_from_lines,
        markdown_from_lines,
        page_from_lines,
        pdf_from_lines,
        text_lines,
    )

    app = QGuiApplication.instance() or QGuiApplication([])
    del app
    text = source_text(chars)
    lines = text_lines(text)
    files = {"text": folder / "doc.txt", "docx": folder / "doc.docx", "html": folder / "doc.html"}
    files["text"].write_text(text, encoding="utf-8")
    docx_from_lines(lines, files["docx"])
    files["html"].write_bytes(page_from_lines(lines))
    files["markdown"] = folder / "doc.md"
    headings = [
        line for line in lines if line[:2] in ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、")
    ]
    files["markdown"].write_text(markdown_from_lines(lines, headings), encoding="utf-8")
    files["pdf"] = pdf_from_lines(lines, folder / "doc.pdf", indent=True)
    return files


def child(path: str) -> dict[str, object]:
    from app.library import Library

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as library, Library(Path(library), bundled=[]) as opened:
        document_id = opened.import_file(Path(path))
        paragraphs = len(opened.document(document_id).paragraphs)
        pages = max((p.page or 0) for p in opened.document(document_id).paragraphs)
    seconds = time.perf_counter() - start
    size = Path(path).stat().st_size
    return {
        "seconds": seconds,
        "mb": size / MB,
        "mb_s": size / MB / seconds,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "paragraphs": paragraphs,
        "pages": pages,
    }


def measure(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=250_000, help="characters of text per file")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return 0
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    report: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as work:
        files = make_files(Path(work), args.chars)
        print(f"The same text ({args.chars:,} characters) as each format, imported end to end:\n")
        print("| format | file MB | import s | MB/s | peak RSS MB | paragraphs | pages |")
        print("|---|---|---|---|---|---|---|")
        for kind, path in files.items():
            result = measure(path)
            report[kind] = result
            print(
                f"| {kind} | {result['mb']:.2f} | {result['seconds']:.2f} | {result['mb_s']:.2f} "
                f"| {result['rss_mb']:.0f} | {result['paragraphs']} | {result['pages'] or '—'} |"
            )
        # A long PDF: about 300 pages of the same text.
        big = Path(work) / "long"
        big.mkdir()
        per_page = 1200  # (characters a page holds, as the renderer sets them)
        long_files = make_files(big, PDF_PAGES * per_page)
        result = measure(long_files["pdf"])
        report["pdf_300_pages"] = result
    print(
        f"\n| target | wanted | measured | met |\n|---|---|---|---|\n"
        f"| peak RSS, a {result['pages']}-page PDF | ≤ {TARGET_RSS_300_PAGES_MB:.0f} MB | {result['rss_mb']:.0f} MB "
        f"| {'yes' if float(result['rss_mb']) <= TARGET_RSS_300_PAGES_MB else 'NO'} |"  # type: ignore[arg-type]
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"formats-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
