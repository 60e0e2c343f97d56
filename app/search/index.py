"""Keeping the search index in step with the content (the write side).

The index lives in the library database, so an import, a removal or a rebuild
updates content and index in one transaction: a failed import leaves the old
index intact. See ``db/migrations/0002_search.sql`` for the tables.
"""

import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata

from app.document.model import first_paragraphs
from app.progress import ProgressCallback
from app.search import segmenter
from app.search.normalize import normalize
from app.search.pinyin import syllables
from app.search.tokens import bigram_tokens, normal_heading, unigram_tokens

# Bump when what is indexed changes. The index version also names the versions
# of everything that decides the indexed values, since contentless rows can
# only be deleted with the exact values they were indexed with.
INDEX_FORMAT = "10"
# The full-text tables.
SEARCH_TABLES = ("search_unigrams", "search_bigrams", "search_words", "search_headings")
# Paragraphs per progress report while indexing.
PROGRESS_EVERY = 200
# The kinds of units whose headings are searched (the others' labels are
# their paragraphs' own text: lead sentences, article numbers).
SEARCHABLE_HEADINGS = frozenset({"part", "preface", "annex", "toc", "chapter", "section", "box"})
# A token of two to four Chinese characters, between spaces.
_VOCABULARY_WORD = re.compile(r"(?<![^ ])[\u4e00-\u9fff]{2,4}(?![^ ])")


@dataclass(frozen=True)
class IndexedValues:
    """What one paragraph contributes to each search table."""

    unigrams: str
    bigrams: str
    heading_bigrams: str
    body_words: str


@lru_cache(maxsize=4096)
def _heading_tokens(lead: str | None, path: str) -> str:
    return bigram_tokens(normal_heading(lead, path))


def indexed_values(text: str, lead: str | None, path: str) -> IndexedValues:
    """Compute the indexed values of a paragraph (deterministic) from its
    stored text, lead sentence and path (JSON)."""
    body = normalize(text)
    # Every token of the segmenter; the words table's tokenizer drops
    # punctuation and spaces itself (filtering them here costs 40 % of the cut).
    return IndexedValues(
        unigrams=unigram_tokens(body),
        bigrams=bigram_tokens(body),
        heading_bigrams=_heading_tokens(lead, path),
        body_words=" ".join(segmenter.tokens(body)),
    )


@cache
def index_version() -> str:
    """The version of the index this program writes.

    It names the index format and the versions of everything that decides the
    indexed values (Unicode data, OpenCC, the segmenter), without loading them.
    """
    parts = [INDEX_FORMAT, unicodedata.unidata_version]
    for package in ("opencc", "rjieba", "pypinyin"):
        try:
            parts.append(f"{package}{metadata.version(package)}")
        except metadata.PackageNotFoundError:  # a frozen build without dist-info
            parts.append(f"{package}?")
    return "-".join(parts)


def _batches(db: sqlite3.Connection, document_id: str) -> Iterator[list[tuple[int, IndexedValues]]]:
    """The indexed values of a stored document's paragraphs, in order, a batch
    at a time: only one batch of paragraphs is in memory, however large the
    document (the cursor reads while the caller writes other tables)."""
    cursor = db.execute("SELECT row, text, lead, path FROM paragraphs WHERE document = ? ORDER BY ord", [document_id])
    while rows := cursor.fetchmany(PROGRESS_EVERY):
        yield [(row, indexed_values(text, lead, path)) for row, text, lead, path in rows]


def _paragraph_count(db: sqlite3.Connection, document_id: str) -> int:
    return int(db.execute("SELECT count(*) FROM paragraphs WHERE document = ?", [document_id]).fetchone()[0])


def add_document(
    db: sqlite3.Connection,
    document_id: str,
    progress: ProgressCallback | None = None,
    values: Sequence[IndexedValues] | None = None,
    words: Counter[str] | None = None,
) -> None:
    """Index the paragraphs of a stored document (inside the caller's
    transaction); ``values`` and ``words``, when given, are theirs in
    reading order and :func:`vocabulary_words` of them (computed ahead, in a
    worker process), else they are computed here."""
    _index(db, document_id, delete=False, progress=progress, values=values, words=words)


def vocabulary_words(values: Iterable[IndexedValues]) -> Counter[str]:
    """The words of paragraphs worth a pinyin entry, counted."""
    # One regular expression over the words (C code), not a test per word.
    return Counter(_VOCABULARY_WORD.findall(" ".join(v.body_words for v in values)))


def remove_document(db: sqlite3.Connection, document_id: str) -> None:
    """Remove a stored document's paragraphs from the index (before deleting them)."""
    _index(db, document_id, delete=True)


def _given(
    db: sqlite3.Connection, document_id: str, values: Sequence[IndexedValues]
) -> Iterator[list[tuple[int, IndexedValues]]]:
    """:func:`_batches` of values computed ahead, with the rows they belong to."""
    rows = [row for (row,) in db.execute("SELECT row FROM paragraphs WHERE document = ? ORDER BY ord", [document_id])]
    if len(rows) != len(values):
        raise ValueError(f"{len(values)} indexed values for {len(rows)} paragraphs")
    for start in range(0, len(rows), PROGRESS_EVERY):
        yield list(zip(rows[start : start + PROGRESS_EVERY], values[start : start + PROGRESS_EVERY], strict=True))


def _index(
    db: sqlite3.Connection,
    document_id: str,
    *,
    delete: bool,
    progress: ProgressCallback | None = None,
    values: Sequence[IndexedValues] | None = None,
    words: Counter[str] | None = None,
) -> None:
    if delete:
        _remove_headings(db, document_id)
    else:
        _add_headings(db, document_id)
    total = _paragraph_count(db, document_id) if progress else 0
    done = 0
    counted: Counter[str] = Counter() if words is None else words
    for batch in _batches(db, document_id) if values is None else _given(db, document_id, values):
        _write(db, batch, delete=delete)
        if words is None:
            counted.update(vocabulary_words(v for _, v in batch))
        done += len(batch)
        if progress:
            progress(done, total)
    _update_vocabulary(db, counted, sign=-1 if delete else 1)


def _write(db: sqlite3.Connection, items: list[tuple[int, IndexedValues]], *, delete: bool) -> None:
    conn = db
    if delete:
        conn.executemany(
            "INSERT INTO search_unigrams (search_unigrams, rowid, body) VALUES ('delete', ?, ?)",
            [(row, v.unigrams) for row, v in items],
        )
        conn.executemany(
            "INSERT INTO search_bigrams (search_bigrams, rowid, body, heading) VALUES ('delete', ?, ?, ?)",
            [(row, v.bigrams, v.heading_bigrams) for row, v in items],
        )
        conn.executemany(
            "INSERT INTO search_words (search_words, rowid, body) VALUES ('delete', ?, ?)",
            [(row, v.body_words) for row, v in items],
        )
        return
    conn.executemany(
        "INSERT INTO search_unigrams (rowid, body) VALUES (?, ?)",
        [(row, v.unigrams) for row, v in items],
    )
    conn.executemany(
        "INSERT INTO search_bigrams (rowid, body, heading) VALUES (?, ?, ?)",
        [(row, v.bigrams, v.heading_bigrams) for row, v in items],
    )
    conn.executemany(
        "INSERT INTO search_words (rowid, body) VALUES (?, ?)",
        [(row, v.body_words) for row, v in items],
    )


def _heading_values(text: str) -> tuple[str, str]:
    normal = normalize(text)
    return unigram_tokens(normal), bigram_tokens(normal)


def document_headings(db: sqlite3.Connection, document_id: str) -> list[tuple[str | None, int, str]]:
    """What a stored document's heading search holds: (node id or None for
    the title, row of the paragraph a hit opens, text), in reading order.

    Headings of chapters, sections, parts, annexes and 专栏 are searchable,
    and the document's title; not lead sentences or article numbers, which are
    the paragraphs' own text, nor the placeholders of a reprint's lost parts.
    """
    nodes = db.execute(
        "SELECT id, parent, kind, label, inferred FROM nodes WHERE document = ? ORDER BY ord", [document_id]
    ).fetchall()
    rows = db.execute("SELECT row, node FROM paragraphs WHERE document = ? ORDER BY ord", [document_id]).fetchall()
    if not rows:
        return []
    opening = rows[0][0]
    first = first_paragraphs({node_id: parent for node_id, parent, *_ in nodes}, rows)
    title = db.execute("SELECT json_extract(metadata, '$.title') FROM documents WHERE id = ?", [document_id]).fetchone()
    found: list[tuple[str | None, int, str]] = [(None, opening, title[0])] if title and title[0] else []
    for node_id, _, kind, label, inferred in nodes:
        if kind in SEARCHABLE_HEADINGS and not inferred and node_id in first and label.strip():
            found.append((node_id, first[node_id], label))
    return found


def _add_headings(db: sqlite3.Connection, document_id: str) -> None:
    for node, paragraph_row, text in document_headings(db, document_id):
        row = db.execute(
            "INSERT INTO headings (document, node, paragraph_row, text) VALUES (?, ?, ?, ?)",
            [document_id, node, paragraph_row, text],
        ).lastrowid
        db.execute(
            "INSERT INTO search_headings (rowid, unigrams, bigrams) VALUES (?, ?, ?)", [row, *_heading_values(text)]
        )


def _remove_headings(db: sqlite3.Connection, document_id: str) -> None:
    rows = db.execute("SELECT row, text FROM headings WHERE document = ?", [document_id]).fetchall()
    db.executemany(
        "INSERT INTO search_headings (search_headings, rowid, unigrams, bigrams) VALUES ('delete', ?, ?, ?)",
        [(row, *_heading_values(text)) for row, text in rows],
    )
    db.execute("DELETE FROM headings WHERE document = ?", [document_id])


@lru_cache(maxsize=200_000)
def _spelling(word: str) -> tuple[str, str]:
    """The pinyin of a word and its initials (words recur across documents)."""
    spelled = syllables(word)
    return "".join(spelled), "".join(s[:1] for s in spelled)


def _update_vocabulary(db: sqlite3.Connection, words: Counter[str], *, sign: int) -> None:
    """Add (or take away) the counts of the words worth a pinyin entry."""
    entries = [
        (spelled, count, word, initials) for word, count in words.items() for spelled, initials in [_spelling(word)]
    ]
    if sign > 0:
        db.executemany(
            "INSERT INTO search_vocab (pinyin, freq, word, initials) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (pinyin, word) DO UPDATE SET freq = freq + excluded.freq",
            entries,
        )
    else:
        db.executemany(
            "UPDATE search_vocab SET freq = freq - ? WHERE pinyin = ? AND word = ?",
            [(count, pinyin, word) for pinyin, count, word, _ in entries],
        )
        db.execute("DELETE FROM search_vocab WHERE freq <= 0")


def optimize(db: sqlite3.Connection) -> None:
    """Merge each search table's index segments into one (inside the
    caller's transaction). After many imports at once the index is in many
    segments, and every query reads them all: on 200 freshly imported
    documents a heading-length query's p95 went from 25 to 14 ms. It costs
    about 2 s for 50 MB."""
    for table in SEARCH_TABLES:
        db.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


def clear(db: sqlite3.Connection) -> None:
    """Empty every search table (inside the caller's transaction)."""
    for table in SEARCH_TABLES:
        db.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
    db.execute("DELETE FROM search_vocab")
    db.execute("DELETE FROM headings")
