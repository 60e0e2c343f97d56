"""Keeping the search index in step with the content (the write side).

The index lives in the library database, so an import, a removal or a rebuild
updates content and index in one transaction: a failed import leaves the old
index intact. See ``db/migrations/0002_search.sql`` for the tables.
"""

import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import sqlite_utils

from app import segmenter
from app.normalize import normalize

# Bump when what is indexed changes; the version also covers the normalisation
# table and the segmenter, since contentless rows can only be deleted with the
# exact values they were indexed with.
INDEX_FORMAT = "1"
# Paragraphs per progress report while indexing.
PROGRESS_EVERY = 200

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class IndexedValues:
    """What one paragraph contributes to each search table."""

    body: str
    grams: str
    heading_words: str
    body_words: str
    words: tuple[str, ...]


def gram_tokens(normal: str) -> str:
    """Every character and adjacent pair of ``normal`` as hex tokens."""
    codes = [f"{ord(char):x}" for char in normal]
    pairs = [f"{a}x{b}" for a, b in zip(codes, codes[1:], strict=False)]
    return " ".join(codes + pairs)


def gram_token(term: str) -> str:
    """The token that finds a 1-2 character normalised ``term``."""
    return "x".join(f"{ord(char):x}" for char in term)


def heading_of(row: dict[str, Any]) -> str:
    """The heading text a paragraph row is ranked under: lead and innermost label."""
    path = json.loads(row["path"]) if isinstance(row["path"], str) else list(row["path"])
    return " ".join(filter(None, [row.get("lead") or "", path[-1] if path else ""]))


def indexed_values(text: str, heading: str) -> IndexedValues:
    """Compute the indexed values of a paragraph (deterministic)."""
    body = normalize(text)
    words = segmenter.words(body)
    return IndexedValues(
        body=body,
        grams=gram_tokens(body),
        heading_words=" ".join(segmenter.words(normalize(heading))),
        body_words=" ".join(words),
        words=tuple(words),
    )


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


def _rows(db: sqlite_utils.Database, document_id: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "SELECT row, text, lead, path FROM paragraphs WHERE document = ? ORDER BY ord",
            [document_id],
        )
    )


def _vocabulary_words(words: Iterable[str]) -> Counter[str]:
    """Words worth a pinyin entry: two or more Chinese characters."""
    return Counter(w for w in words if len(w) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in w))


def add_document(
    db: sqlite_utils.Database, document_id: str, progress: ProgressCallback | None = None
) -> None:
    """Index the paragraphs of a stored document (inside the caller's transaction)."""
    rows = _rows(db, document_id)
    vocabulary: Counter[str] = Counter()
    for done, row in enumerate(rows, start=1):
        values = indexed_values(row["text"], heading_of(row))
        db.execute("INSERT INTO search_trigram (rowid, body) VALUES (?, ?)", [row["row"], values.body])
        db.execute("INSERT INTO search_grams (rowid, body) VALUES (?, ?)", [row["row"], values.grams])
        db.execute(
            "INSERT INTO search_words (rowid, heading, body) VALUES (?, ?, ?)",
            [row["row"], values.heading_words, values.body_words],
        )
        vocabulary.update(_vocabulary_words(values.words))
        if progress and (done % PROGRESS_EVERY == 0 or done == len(rows)):
            progress(done, len(rows))
    _add_vocabulary(db, vocabulary)


def remove_document(db: sqlite_utils.Database, document_id: str) -> None:
    """Remove a stored document's paragraphs from the index (before deleting them)."""
    vocabulary: Counter[str] = Counter()
    for row in _rows(db, document_id):
        values = indexed_values(row["text"], heading_of(row))
        db.execute(
            "INSERT INTO search_trigram (search_trigram, rowid, body) VALUES ('delete', ?, ?)",
            [row["row"], values.body],
        )
        db.execute(
            "INSERT INTO search_grams (search_grams, rowid, body) VALUES ('delete', ?, ?)",
            [row["row"], values.grams],
        )
        db.execute(
            "INSERT INTO search_words (search_words, rowid, heading, body) "
            "VALUES ('delete', ?, ?, ?)",
            [row["row"], values.heading_words, values.body_words],
        )
        vocabulary.update(_vocabulary_words(values.words))
    for word, count in vocabulary.items():
        db.execute("UPDATE search_vocab SET freq = freq - ? WHERE word = ?", [count, word])
    db.execute("DELETE FROM search_vocab WHERE freq <= 0")


def clear(db: sqlite_utils.Database) -> None:
    """Empty every search table (inside the caller's transaction)."""
    for table in ("search_trigram", "search_grams", "search_words"):
        db.execute(f"INSERT INTO {table} ({table}) VALUES ('delete-all')")
    db.execute("DELETE FROM search_vocab")


def _add_vocabulary(db: sqlite_utils.Database, vocabulary: Counter[str]) -> None:
    if not vocabulary:
        return
    from pypinyin import Style, lazy_pinyin  # loaded only when indexing

    known = {
        row[0]
        for chunk in _chunks(list(vocabulary), 500)
        for row in db.execute(
            f"SELECT word FROM search_vocab WHERE word IN ({','.join('?' * len(chunk))})", chunk
        )
    }
    for word, count in vocabulary.items():
        if word in known:
            db.execute("UPDATE search_vocab SET freq = freq + ? WHERE word = ?", [count, word])
        else:
            syllables = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
            db.execute(
                "INSERT INTO search_vocab (word, freq, pinyin, initials) VALUES (?, ?, ?, ?)",
                [word, count, "".join(syllables), "".join(s[:1] for s in syllables)],
            )


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
