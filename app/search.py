"""Searching the library (the read side): exact recall, word-aware ranking.

Every term is matched as exact text in the normalised paragraph (no false hits,
no misses): terms of 3+ characters get candidates from the trigram index and
are verified against the text; terms of 1-2 characters are looked up exactly
in the gram index. Hits are then ranked: whole-word matches (per the
segmenter) first, by bm25 with headings and lead sentences weighted up; then
substring-only matches, those in a heading first, by how often they occur;
ties keep reading order.

A :class:`Searcher` owns one read-only connection and is meant to live in one
thread (a UI worker); :meth:`Searcher.search` takes a ``cancelled`` callable so
that a stale search-as-you-type query stops early.
"""

import json
import sqlite3
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Literal

from app import segmenter, store
from app.normalize import normalize, normalize_with_offsets
from app.query import Query, Term, parse_query
from app.search_index import gram_token

KindFilter = Literal["all", "body", "box"]
DEFAULT_LIMIT = 20
# Weights of the words table's columns (heading, body) in bm25.
HEADING_WEIGHT = 4.0
BODY_WEIGHT = 1.0
# Above this many hits, substring-only hits are not re-read for ranking (they
# keep reading order), so that very frequent short queries stay fast.
RANK_TEXT_LIMIT = 2000
# At most this many trigrams of a long term are asked of the index; the
# verification against the text keeps the result exact.
MAX_TRIGRAMS = 16
# Characters of context around the first match in a snippet.
SNIPPET_BEFORE = 24
SNIPPET_CHARS = 90
ELLIPSIS = "…"
# How often SQLite calls back to check for cancellation (VM steps).
CANCEL_CHECK_STEPS = 2000
SUGGESTION_COUNT = 5


class SearchCancelled(Exception):
    """A newer query made this one stale."""


@dataclass(frozen=True)
class Hit:
    """One paragraph that matches.

    Attributes:
        document: document id.
        paragraph: paragraph id.
        index: the paragraph's position in its document.
        kind: body or box.
        box: ``专栏7`` or None.
        path: chapter / section / box labels.
        snippet: original text around the first match.
        marks: (start, end) offsets of matched text in ``snippet``.
        score: higher is better (for display and debugging).
        whole_word: at least one term matched as a whole word.
    """

    document: str
    paragraph: str
    index: int
    kind: str
    box: str | None
    path: tuple[str, ...]
    snippet: str
    marks: tuple[tuple[int, int], ...]
    score: float
    whole_word: bool


@dataclass(frozen=True)
class SearchResult:
    """The answer to one query.

    Attributes:
        query: the query as typed.
        total: how many paragraphs match (all of them, not just ``hits``).
        hits: the best ``limit`` hits, best first.
        suggestions: words of the library close to the query, when nothing matched.
        pinyin: words the query was read as, when it was searched as pinyin.
        notice: one sentence about how the query was read, or None.
        ranked_by_words: the segmenter was loaded and used for ranking.
    """

    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestions: tuple[str, ...] = ()
    pinyin: tuple[str, ...] = ()
    notice: str | None = None
    ranked_by_words: bool = True


@dataclass
class _Candidate:
    row: int
    whole_word: bool = False
    bm25: float = 0.0
    in_heading: bool = False
    occurrences: int = 0


class Searcher:
    """Searches one library database through its own read-only connection.

    Args:
        database: the library's ``library.sqlite``.
    """

    def __init__(self, database: Path) -> None:
        self.db = store.connect(database, read_only=True)
        self._cancelled: Callable[[], bool] | None = None
        self.db.conn.set_progress_handler(self._on_progress, CANCEL_CHECK_STEPS)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _on_progress(self) -> int:
        # A non-zero return interrupts the running statement.
        return 1 if self._cancelled is not None and self._cancelled() else 0

    def _check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise SearchCancelled

    def search(
        self,
        text: str,
        *,
        limit: int = DEFAULT_LIMIT,
        kind: KindFilter = "all",
        document: str | None = None,
        cancelled: Callable[[], bool] | None = None,
        use_words: bool | None = None,
    ) -> SearchResult:
        """Search the library.

        Args:
            text: the query (see :mod:`app.query` for the syntax).
            limit: how many hits to return (the total counts all).
            kind: only body text, only 专栏 boxes, or all.
            document: only this document.
            cancelled: polled while searching; when it returns True the
                search stops with :class:`SearchCancelled`.
            use_words: rank by words; None means "if the segmenter is loaded".

        Raises:
            SearchCancelled: ``cancelled`` returned True.
        """
        self._cancelled = cancelled
        try:
            return self._search(text, max(0, limit), kind, document, use_words)
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise SearchCancelled from None
            raise
        finally:
            self._cancelled = None

    def _search(
        self, text: str, limit: int, kind: KindFilter, document: str | None,
        use_words: bool | None,
    ) -> SearchResult:
        query = parse_query(text)
        notice = _notice(query)
        words_on = segmenter.is_loaded() if use_words is None else use_words
        if query.empty:
            return SearchResult(text, 0, (), notice=notice, ranked_by_words=words_on)
        rows = self._match(query, kind, document)
        pinyin: tuple[str, ...] = ()
        if not rows and _is_latin(query):
            pinyin = self._pinyin_words(query)
            if pinyin:
                query = parse_query(" OR ".join(pinyin))
                rows = self._match(query, kind, document)
        suggestions: tuple[str, ...] = ()
        if not rows:
            suggestions = self.suggest(query)
            return SearchResult(text, 0, (), suggestions, pinyin, notice, words_on)
        ranked = self._rank(query, rows, words_on)
        hits = tuple(self._hits(ranked[:limit], query))
        return SearchResult(text, len(rows), hits, (), pinyin, notice, words_on)

    # -- matching ------------------------------------------------------------

    def _match(self, query: Query, kind: KindFilter, document: str | None) -> set[int]:
        """The rows of paragraphs that match ``query`` exactly."""
        result: set[int] | None = None
        for group in sorted(query.groups, key=lambda g: -max(len(t.normal) for t in g)):
            rows: set[int] = set()
            for term in group:
                rows |= self._term_rows(term, within=result)
            result = rows if result is None else result & rows
            if not result:
                return set()
        assert result is not None
        for term in query.excluded:
            result -= self._term_rows(term, within=result)
        if kind != "all" or document is not None:
            result = self._filter(result, kind, document)
        return result

    def _term_rows(self, term: Term, within: set[int] | None) -> set[int]:
        self._check()
        normal = term.normal
        if len(normal) <= 2:
            return {
                row for (row,) in self.db.execute(
                    "SELECT rowid FROM search_grams WHERE search_grams MATCH ?",
                    [f'"{gram_token(normal)}"'],
                )
            }
        candidates = {
            row for (row,) in self.db.execute(
                "SELECT rowid FROM search_trigram WHERE search_trigram MATCH ?",
                [_trigram_query(normal)],
            )
        }
        if within is not None:
            candidates &= within
        return {row for row, text in self._texts(candidates) if normal in normalize(text)}

    def _texts(self, rows: Iterable[int]) -> Iterable[tuple[int, str]]:
        for chunk in _chunks(sorted(rows), 500):
            self._check()
            yield from self.db.execute(
                f"SELECT row, text FROM paragraphs WHERE row IN ({','.join('?' * len(chunk))})",
                chunk,
            )

    def _filter(self, rows: set[int], kind: KindFilter, document: str | None) -> set[int]:
        conditions: list[str] = []
        params: list[str] = []
        if kind != "all":
            conditions.append("kind = ?")
            params.append(kind)
        if document is not None:
            conditions.append("document = ?")
            params.append(document)
        where = " AND ".join(conditions)
        kept: set[int] = set()
        for chunk in _chunks(sorted(rows), 500):
            kept.update(
                row for (row,) in self.db.execute(
                    f"SELECT row FROM paragraphs WHERE {where} AND row IN "
                    f"({','.join('?' * len(chunk))})",
                    [*params, *chunk],
                )
            )
        return kept

    # -- ranking -------------------------------------------------------------

    def _rank(self, query: Query, rows: set[int], words_on: bool) -> list[_Candidate]:
        candidates = {row: _Candidate(row) for row in rows}
        if words_on:
            expression = _words_query(query)
            if expression:
                for row, score in self.db.execute(
                    "SELECT rowid, bm25(search_words, ?, ?) FROM search_words "
                    "WHERE search_words MATCH ?",
                    [HEADING_WEIGHT, BODY_WEIGHT, expression],
                ):
                    if row in candidates:
                        candidates[row].whole_word = True
                        candidates[row].bm25 = -score  # FTS5 bm25 is lower-is-better
        if len(rows) <= RANK_TEXT_LIMIT:
            terms = [t.normal for t in query.positive]
            for chunk in _chunks(sorted(rows), 500):
                self._check()
                for row, text, lead, path in self.db.execute(
                    "SELECT row, text, lead, path FROM paragraphs WHERE row IN "
                    f"({','.join('?' * len(chunk))})",
                    chunk,
                ):
                    normal = normalize(text)
                    heading = normalize(" ".join([lead or "", *json.loads(path)[-1:]]))
                    candidate = candidates[row]
                    candidate.in_heading = any(t in heading for t in terms)
                    candidate.occurrences = sum(normal.count(t) for t in terms)
        return sorted(
            candidates.values(),
            key=lambda c: (not c.whole_word, -c.bm25, not c.in_heading, -c.occurrences, c.row),
        )

    def _hits(self, ranked: Sequence[_Candidate], query: Query) -> Iterable[Hit]:
        terms = sorted({t.normal for t in query.positive}, key=len, reverse=True)
        by_row = {c.row: c for c in ranked}
        rows = {
            row["row"]: row
            for chunk in _chunks([c.row for c in ranked], 500)
            for row in self.db.query(
                "SELECT row, document, id, ord, kind, box, path, text FROM paragraphs "
                f"WHERE row IN ({','.join('?' * len(chunk))})",
                chunk,
            )
        }
        for candidate in ranked:
            row = rows[candidate.row]
            snippet, marks = make_snippet(row["text"], terms)
            c = by_row[candidate.row]
            yield Hit(
                document=row["document"],
                paragraph=row["id"],
                index=row["ord"],
                kind=row["kind"],
                box=row["box"],
                path=tuple(json.loads(row["path"])),
                snippet=snippet,
                marks=marks,
                score=round(
                    (100.0 if c.whole_word else 0.0) + c.bm25 + (10.0 if c.in_heading else 0.0)
                    + min(c.occurrences, 9) * 0.1,
                    4,
                ),
                whole_word=c.whole_word,
            )

    # -- pinyin and suggestions ---------------------------------------------

    def _pinyin_words(self, query: Query) -> tuple[str, ...]:
        """Library words whose pinyin is the query (guangfu → 光伏)."""
        spelled = "".join(t.normal for t in query.positive).replace("'", "")
        return tuple(
            word for (word,) in self.db.execute(
                "SELECT word FROM search_vocab WHERE pinyin = ? ORDER BY freq DESC, word LIMIT 8",
                [spelled],
            )
        )

    def suggest(self, query: Query | str) -> tuple[str, ...]:
        """Words of the library close to ``query``: by initials (gf → 光伏),
        by pinyin prefix, or sharing characters with it."""
        if isinstance(query, str):
            query = parse_query(query)
        spelled = "".join(t.normal for t in query.positive)
        if not spelled:
            return ()
        if _is_latin(query):
            rows = self.db.execute(
                "SELECT word FROM search_vocab WHERE initials = ? OR pinyin LIKE ? "
                "ORDER BY initials = ? DESC, freq DESC, word LIMIT ?",
                [spelled, spelled.replace("%", "") + "%", spelled, SUGGESTION_COUNT],
            )
            return tuple(word for (word,) in rows)
        chars = sorted({c for c in spelled if not c.isspace()})[:8]
        if not chars:
            return ()
        condition = " OR ".join("instr(word, ?) > 0" for _ in chars)
        found = list(self.db.execute(
            f"SELECT word, freq FROM search_vocab WHERE {condition} ORDER BY freq DESC LIMIT 400",
            chars,
        ))
        scored = sorted(
            found,
            key=lambda wf: (-SequenceMatcher(None, spelled, wf[0]).ratio(), -wf[1], wf[0]),
        )
        return tuple(word for word, _ in scored[:SUGGESTION_COUNT])


# -- helpers -------------------------------------------------------------------


def _chunks(items: Sequence[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _trigram_query(normal: str) -> str:
    """An AND of trigrams of ``normal`` (a superset; results are verified)."""
    trigrams = [normal[i : i + 3] for i in range(len(normal) - 2)]
    if len(trigrams) > MAX_TRIGRAMS:
        step = (len(trigrams) - 1) / (MAX_TRIGRAMS - 1)
        trigrams = [trigrams[round(i * step)] for i in range(MAX_TRIGRAMS)]
    return " AND ".join(_fts_string(t) for t in dict.fromkeys(trigrams))


def _words_query(query: Query) -> str:
    """An FTS5 expression asking for each group's terms as whole words."""
    groups = []
    for group in query.groups:
        phrases = []
        for term in group:
            words = segmenter.words(term.normal)
            if words:
                phrases.append(_fts_string(" ".join(words)))
        if phrases:
            groups.append("(" + " OR ".join(phrases) + ")")
    return " OR ".join(groups)


_LATIN = set(string.ascii_lowercase + "' ")


def _is_latin(query: Query) -> bool:
    return bool(query.positive) and all(
        set(t.normal) <= _LATIN for t in query.positive
    ) and not query.excluded


def _notice(query: Query) -> str | None:
    from app.i18n import tr

    if query.truncated:
        return tr("query_truncated", limit=len(query.raw[:500]))
    if query.empty and query.excluded:
        return tr("query_only_excluded")
    return None


def make_snippet(text: str, terms: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the original ``text`` around its first match of ``terms``,
    with the (start, end) offsets of every match inside the window."""
    normal, origin = normalize_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = normal.find(term)
        while start >= 0:
            end = start + len(term)
            span = (origin[start], origin[end - 1] + 1)
            if not any(s < span[1] and span[0] < e for s, e in spans):
                spans.append(span)
            start = normal.find(term, start + 1)
    spans.sort()
    first = spans[0][0] if spans else 0
    begin = max(0, first - SNIPPET_BEFORE)
    finish = min(len(text), begin + SNIPPET_CHARS)
    begin = max(0, min(begin, finish - SNIPPET_CHARS))
    prefix = ELLIPSIS if begin > 0 else ""
    suffix = ELLIPSIS if finish < len(text) else ""
    shift = len(prefix) - begin
    marks = tuple(
        (max(s, begin) + shift, min(e, finish) + shift) for s, e in spans if s < finish and e > begin
    )
    return prefix + text[begin:finish] + suffix, marks
