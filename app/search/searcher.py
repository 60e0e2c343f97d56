"""Searching the library (the read side): exact recall, word-aware ranking.

Every term is matched as exact text in the normalised paragraph, so there are
no false hits and no misses: a 1-character term is a lookup in the unigram
table, a longer term is a phrase of its adjacent-character pairs in the bigram
table, which matches exactly where the term occurs. A query whose terms all
have 2+ characters is one FTS5 expression (AND, OR, NOT), so SQLite stops as
soon as it has what it needs.

Hits are ranked whole-word matches first (per the segmenter), then by BM25
with headings weighted up, then reading order. How depends on how many hits
there are, so that latency stays bounded: up to :data:`PYTHON_SCORE_LIMIT`
they are scored from their own text (exact occurrence counts); up to
:data:`RANK_ALL_LIMIT` by FTS5's bm25() over the pair phrases; above that,
scoring is skipped (a very frequent query's whole-word matches first, then
reading order), and the total is still exact. A single character is never
scored (whole words first, then reading order). A term of 7+ characters (a
heading, a sentence pasted) is looked up by the phrases of its two ends,
each row found checked in its text, and up to :data:`CANDIDATES_CHECKED`
hits are scored in Python from that text, which is cheaper than FTS5's
phrase of all its pairs and its bm25().

A :class:`Searcher` owns one read-only connection and is meant to live in one
thread (a UI worker); :meth:`Searcher.search` takes a ``cancelled`` callable so
that a stale search-as-you-type query stops early.
"""

import json
import sqlite3
import string
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

from app import sql
from app.document.figures import FigureQuery, parse_figure_query
from app.search import segmenter
from app.search.normalize import normalize, normalize_with_offsets
from app.search.pinyin import syllables
from app.search.query import Query, Term, parse_query
from app.search.tokens import normal_heading, pair_tokens, unit_tokens

KindFilter = Literal["all", "body", "box"]
DEFAULT_LIMIT = 20
# bm25 column weights (body, heading) in the pair table.
BODY_WEIGHT = 1.0
HEADING_WEIGHT = 4.0
# Above this many hits, hits are not scored one by one: whole-word matches come
# first in reading order, then the rest, so very frequent short queries stay fast.
RANK_ALL_LIMIT = 1000
# Up to this many hits, they are scored in Python from their own text.
PYTHON_SCORE_LIMIT = 100
# Up to this many heading hits are read in one pass; more are counted apart.
HEADINGS_READ = 200
# BM25 parameters (the usual ones) and the paragraph length they normalise to.
BM25_K1 = 1.2
BM25_B = 0.75
AVERAGE_PARAGRAPH_CHARS = 120
# Characters of context around the first match in a snippet.
SNIPPET_BEFORE = 24
SNIPPET_CHARS = 90
ELLIPSIS = "…"
# How often SQLite calls back to check for cancellation (VM steps).
CANCEL_CHECK_STEPS = 2000
# A term of this many adjacent pairs or more is looked up by its two ends
# (the phrases of its first and last END_PAIRS pairs) and checked in the
# text, then scored from it: FTS5 reads the rows and positions of every pair
# of a phrase, twice more for bm25(), and most of a heading-length query's
# pairs are common ones (a 28-pair heading: 2.1 ms to match, 11 ms ranked).
# Rows holding both ends of a term but not the term were 0 of 9,350 hits of
# 60 long terms on a 200-document library.
LONG_TERM_PAIRS = 6
END_PAIRS = 3
# Rows that a lookup by a term's ends checks in the text at most (as many as
# are ever ranked); when more come up, the phrases are asked instead.
CANDIDATES_CHECKED = RANK_ALL_LIMIT
SUGGESTION_COUNT = 5
# Words tried for each half of a phrase that matched nothing (小额贷款).
MAX_ALIKE_WORDS = 12
# Pieces of a query looked up as words when nothing matched.
MAX_SUGGESTION_PIECES = 60
# Paragraphs whose normalised text the searcher keeps for snippets.
NORMAL_CACHE_SIZE = 2000


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
        heading: the hit is on a heading, not on the paragraph's text: the
            node id of the chapter, section or 专栏 whose heading matched
            (``snippet`` is that heading), or ``""`` for the document's title.
            The paragraph is the first one under it, where the hit opens.
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
    heading: str | None = None


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
        headings: the first ``limit`` headings and titles that match, in
            library and reading order (hits with ``heading`` set).
        heading_total: how many headings and titles match.
        elsewhere: when nothing matched in the scope asked for (a document, a
            genre, body or boxes only), how many paragraphs match outside it.
        excerpt: when nothing matched, the search covered one document,
            which is an excerpt (what was looked for may be in the rest).
    """

    query: str
    total: int
    hits: tuple[Hit, ...]
    suggestions: tuple[str, ...] = ()
    pinyin: tuple[str, ...] = ()
    notice: str | None = None
    ranked_by_words: bool = True
    headings: tuple[Hit, ...] = ()
    heading_total: int = 0
    elsewhere: int = 0
    excerpt: bool = False

    def all_hits(self) -> tuple[Hit, ...]:
        """The headings, then the paragraphs: a hit list as shown (who types
        a chapter's title is looking for the chapter)."""
        return (*self.headings, *self.hits)


@dataclass
class _Candidate:
    row: int
    whole_word: bool = False
    text_score: float = 0.0


# A paragraph read and checked for a query: its row, the text to count its
# terms in, whether that is the normal form (else the text as stored), its
# lead sentence and path.
_Checked = tuple[int, str, bool, str | None, str]


class Searcher:
    """Searches one library database through its own read-only connection.

    Args:
        connection: a read-only connection to the library's database (the
            service opens it: :meth:`app.library.Library.searcher`); the
            searcher owns it from now on and closes it.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection
        self._cancelled: Callable[[], bool] | None = None
        self._normal_cache: dict[int, list[Any]] = {}
        self.db.set_progress_handler(self._on_progress, CANCEL_CHECK_STEPS)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> "Searcher":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _normal_entry(self, row: int, text: str) -> list[Any]:
        """The cache entry ``[text, normal, offsets or None]`` of a paragraph:
        the paragraphs scored and shown lately (typing revisits the same ones)."""
        entry = self._normal_cache.pop(row, None)
        if entry is None or entry[0] != text:
            entry = [text, normalize(text), None]
        self._normal_cache[row] = entry
        if len(self._normal_cache) > NORMAL_CACHE_SIZE:
            self._normal_cache.pop(next(iter(self._normal_cache)))
        return entry

    def _normal_text(self, row: int, text: str) -> str:
        """The normalised text of a paragraph (cached)."""
        normal: str = self._normal_entry(row, text)[1]
        return normal

    def _normalized(self, row: int, text: str) -> tuple[str, list[int]]:
        """The normalised text of a paragraph with its offsets (cached)."""
        entry = self._normal_entry(row, text)
        if entry[2] is None:
            entry[1], entry[2] = normalize_with_offsets(text)
        return entry[1], entry[2]

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
        within: str | None = None,
        genre: str | None = None,
        cancelled: Callable[[], bool] | None = None,
        use_words: bool | None = None,
    ) -> SearchResult:
        """Search the library.

        Args:
            text: the query (see :mod:`app.search.query` for the syntax).
            limit: how many hits to return (the total counts all).
            kind: only body text, only 专栏 boxes, or all.
            document: only this document.
            within: with ``document``, only this unit of it (a node id: a
                chapter, a section, an article...) and the units inside it.
            genre: only the documents of this genre.
            cancelled: polled while searching; when it returns True the
                search stops with :class:`SearchCancelled`.
            use_words: rank by words; None means "if the segmenter is loaded".

        Raises:
            SearchCancelled: ``cancelled`` returned True.
        """
        self._cancelled = cancelled
        try:
            return self._search(text, max(0, limit), kind, document, within, genre, use_words)
        except sqlite3.OperationalError as exc:
            if sql.is_interrupted(exc):
                raise SearchCancelled from None
            raise
        finally:
            self._cancelled = None

    def _search(
        self,
        text: str,
        limit: int,
        kind: KindFilter,
        document: str | None,
        within: str | None,
        genre: str | None,
        use_words: bool | None,
    ) -> SearchResult:
        self._check()  # a query already stale is not started
        words_on = segmenter.is_loaded() if use_words is None else use_words
        scope = _Scope(kind, document, within, genre)
        by_value = parse_figure_query(text)
        if by_value is not None:
            # A figure by value (>100亿元, 1865万千瓦 = 18650000千瓦), whatever
            # its spelling; a value typed as written is found as text too.
            figure_hits = self._figure_hits(by_value, scope)
            if by_value.low is None or by_value.high is None or by_value.low != by_value.high:
                note = _notice_for_figures(text, len(figure_hits))
                return SearchResult(
                    text, len(figure_hits), tuple(figure_hits[:limit]), notice=note, ranked_by_words=words_on
                )
            found = self._search_text(text, limit, scope, words_on)
            shown = {hit.paragraph for hit in figure_hits}
            merged = [*figure_hits, *(hit for hit in found.hits if hit.paragraph not in shown)]
            total = len(figure_hits) + sum(1 for hit in found.hits if hit.paragraph not in shown)
            return replace(found, total=max(total, found.total), hits=tuple(merged[:limit]))
        return self._search_text(text, limit, scope, words_on)

    def _figure_hits(self, by_value: FigureQuery, scope: "_Scope") -> list[Hit]:
        """The paragraphs holding a figure of ``by_value``, in reading order,
        each with its figure marked."""
        self._check()
        conditions: list[str] = ["1 = 1"]
        params: list[object] = []
        if by_value.unit is not None:
            conditions.append("f.unit = ?")
            params.append(by_value.unit)
        if by_value.low is not None:
            conditions.append(f"coalesce(f.value_max, f.value) {'>' if by_value.strict else '>='} ?")
            params.append(by_value.low)
        if by_value.high is not None:
            conditions.append(f"f.value {'<' if by_value.strict else '<='} ?")
            params.append(by_value.high)
        where, extra = scope.where()
        if where:
            conditions.append(f"p.row IN (SELECT row FROM paragraphs WHERE {where})")
            params.extend(extra)
        rows = self.db.execute(
            'SELECT p.document, p.id, p.ord, p.kind, p.box, p.path, p.text, f.start, f."end" '
            "FROM figures f JOIN paragraphs p ON p.document = f.document AND p.id = f.paragraph "
            f"WHERE {' AND '.join(conditions)} ORDER BY p.document, p.ord, f.start",
            params,
        ).fetchall()
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        for document, paragraph, index, kind, box, path, text, start, end in rows:
            if (document, paragraph) in seen:
                continue  # the paragraph once, marked at its first such figure
            seen.add((document, paragraph))
            begin = max(0, min(start - SNIPPET_BEFORE, len(text) - SNIPPET_CHARS))
            hits.append(
                Hit(
                    document=document,
                    paragraph=paragraph,
                    index=index,
                    kind=kind,
                    box=box,
                    path=_path(path),
                    snippet=text[begin : begin + SNIPPET_CHARS],
                    marks=((start - begin, min(end, begin + SNIPPET_CHARS) - begin),),
                    score=0.0,
                    whole_word=True,
                )
            )
        return hits

    def _search_text(self, text: str, limit: int, scope: "_Scope", words_on: bool) -> SearchResult:
        query = parse_query(text)
        notice = _notice(query)
        if query.empty:
            return SearchResult(text, 0, (), notice=notice, ranked_by_words=words_on)
        total, ranked = self._ranked(query, scope, words_on, limit)
        heading_total, headings = self._heading_hits(query, scope, limit)
        pinyin: tuple[str, ...] = ()
        if not total and not headings and _is_latin(query):
            pinyin = self._pinyin_words(query)
            if pinyin:
                query = parse_query(" OR ".join(pinyin))
                total, ranked = self._ranked(query, scope, words_on, limit)
                heading_total, headings = self._heading_hits(query, scope, limit)
        if not total and not headings:
            # Hidden by the filters? (said so: the term is elsewhere)
            elsewhere = self._ranked(query, _Scope("all", None), words_on, 0)[0] if scope.where()[0] else 0
            # A single character that is not there has no "nearest word"; a
            # query of several terms has none either (each may be there).
            typed = "".join(t.normal for t in query.positive)
            one_term = len(query.positive) == 1 and not query.excluded
            suggestions = self.suggest(query) if len(typed) > 1 and one_term and not elsewhere else ()
            return SearchResult(
                text, 0, (), suggestions, pinyin, notice, words_on, elsewhere=elsewhere, excerpt=self._excerpt(scope)
            )
        hits = tuple(self._hits(ranked[:limit], query))
        return SearchResult(text, total, hits, (), pinyin, notice, words_on, tuple(headings), heading_total)

    def _excerpt(self, scope: "_Scope") -> bool:
        """Whether the search covered one document only, an excerpt (a
        fragment, a text cut off, or one its metadata says is part of one)."""
        where, params = ("id = ?", [scope.document]) if scope.document else ("(SELECT count(*) FROM documents) = 1", [])
        row = self.db.execute(
            f"SELECT 1 FROM documents WHERE {where} AND (fragment OR truncated "
            "OR coalesce(json_extract(metadata, '$.excerpt'), 0)) LIMIT 1",
            params,
        ).fetchone()
        return row is not None

    def _heading_hits(self, query: Query, scope: "_Scope", limit: int) -> tuple[int, list[Hit]]:
        """How many headings (and document titles) match ``query``, and the
        first ``limit`` of them in library and reading order: each a hit on
        the first paragraph under it."""
        self._check()
        if scope.within is not None:
            return 0, []  # (within a unit, its paragraphs are what is asked for)
        sql = "SELECT rowid FROM search_headings WHERE search_headings MATCH ?"
        where, extra = scope.where()
        if where:
            sql += (
                " AND rowid IN (SELECT row FROM headings WHERE paragraph_row IN "
                f"(SELECT row FROM paragraphs WHERE {where}))"
            )
        checked = self._headings_by_ends(query, sql, extra) if _has_long_term(query) else None
        if checked is not None:
            matching, total = checked, len(checked)
        else:
            params: list[object] = [_boolean_expression(query, _heading_term), *extra]
            # The matching rows are read once, up to a bound (the order they
            # were stored in is the library's, then reading order); only more
            # than that are counted, which evaluates the expression again.
            matching = [
                row for (row,) in self.db.execute(f"{sql} ORDER BY rowid LIMIT ?", [*params, HEADINGS_READ + 1])
            ]
            total = len(matching)
            if total > HEADINGS_READ:
                total = int(self.db.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])
        if not total or not limit:
            return total, []
        found = self.db.execute(
            "SELECT h.node, h.text, p.document, p.id, p.ord, p.kind, p.box, p.path FROM headings h "
            "JOIN paragraphs p ON p.row = h.paragraph_row WHERE h.row IN (SELECT value FROM json_each(?)) "
            "ORDER BY h.row",
            [json.dumps(matching[:limit])],
        ).fetchall()
        terms = sorted({t.normal for t in query.positive}, key=len, reverse=True)
        hits = []
        for node, heading, document, paragraph, index, kind, box, path in found:
            labels = _path(path)
            # The path down to the heading itself (a title: none).
            within = labels[: labels.index(heading) + 1] if heading in labels else ((heading,) if node else ())
            snippet, marks = make_snippet(heading, terms)
            hits.append(
                Hit(
                    document=document,
                    paragraph=paragraph,
                    index=index,
                    kind=kind,
                    box=box,
                    path=within,
                    snippet=snippet,
                    marks=marks,
                    score=1000.0,
                    whole_word=True,
                    heading=node or "",
                )
            )
        return total, hits

    def _headings_by_ends(self, query: Query, sql: str, params: Sequence[object]) -> list[int] | None:
        """The rows of the headings matching a query with a long term, in
        order: those holding its terms' ends (``sql`` selects them by an
        expression and ``params``), checked in their text. None when too
        many hold them."""
        expression = _ends_expression(query, "bigrams")
        if not expression:
            return None
        candidates = [
            row
            for (row,) in self.db.execute(
                f"{sql} ORDER BY rowid LIMIT ?", [expression, *params, CANDIDATES_CHECKED + 1]
            )
        ]
        if len(candidates) > CANDIDATES_CHECKED:
            return None
        return [
            row
            for row, text in self.db.execute(
                "SELECT row, text FROM headings WHERE row IN (SELECT value FROM json_each(?)) ORDER BY row",
                [json.dumps(candidates)],
            )
            if _holds_as_stored(query, text) or _holds(query, normalize(text))
        ]

    def matching_paragraphs(self, text: str) -> set[tuple[str, str]]:
        """Every (document, paragraph) matching ``text``, unranked (for audits
        and benchmarks: recall is checked against this full set)."""
        rows = self._match(parse_query(text), _Scope("all", None))
        return {(document, paragraph) for _, document, paragraph in self._paragraph_rows(rows, "document, id")}

    def _paragraph_rows(
        self, rows: Iterable[int], columns: str, where: str = "", params: Sequence[object] = ()
    ) -> list[tuple[Any, ...]]:
        """``row`` and ``columns`` of the paragraphs with these rows (optionally
        filtered by a fixed ``where`` clause), in one statement: json_each
        carries any number of rows in one parameter."""
        self._check()
        condition = f"{where} AND " if where else ""
        return self.db.execute(
            f"SELECT row, {columns} FROM paragraphs WHERE {condition}row IN (SELECT value FROM json_each(?))",
            [*params, json.dumps(sorted(rows))],
        ).fetchall()

    # -- matching ------------------------------------------------------------

    def _term_rows(self, term: Term) -> set[int]:
        """The rows that contain ``term`` exactly."""
        self._check()
        table, expression = _term_match(term)
        return {row for (row,) in self.db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [expression])}

    def _match(self, query: Query, scope: "_Scope") -> set[int]:
        """The rows of paragraphs that match ``query`` exactly."""
        result: set[int] | None = None
        for group in query.groups:
            rows: set[int] = set()
            for term in group:
                rows |= self._term_rows(term)
            result = rows if result is None else result & rows
            if not result:
                return set()
        assert result is not None
        for term in query.excluded:
            result -= self._term_rows(term)
        return self._in_scope(result, scope)

    def _in_scope(self, rows: set[int], scope: "_Scope") -> set[int]:
        """The ``rows`` that pass the scope's filters."""
        where, params = scope.where()
        if not where or not rows:
            return rows
        return {row for row, _ in self._paragraph_rows(rows, "id", where, params)}

    # -- ranking -------------------------------------------------------------

    def _ranked(self, query: Query, scope: "_Scope", words_on: bool, limit: int) -> tuple[int, list[_Candidate]]:
        """The total number of hits and the best ``limit`` ones, best first.

        Few hits are scored in Python from their text; up to
        :data:`RANK_ALL_LIMIT` by FTS5's bm25(); more are not scored (whole
        words first, then reading order) so that latency stays bounded.
        """
        if _has_long_term(query):
            loose = self._ranked_by_ends(query, scope, words_on, limit)
            if loose is not None:
                return loose
        table, expression = _index_expression(query)
        if not expression:
            # A 1-character term among others: match with sets of rows.
            rows = self._match(query, scope)
            if len(rows) > PYTHON_SCORE_LIMIT:
                return len(rows), self._first_rows(query, rows, words_on, limit)
            return len(rows), self._score(query, rows, words_on)[:limit]
        total = -1
        matching: set[int] | None = None
        if table == "search_bigrams":
            # One index query matches the whole query. It stops after the rows
            # that can be ranked; only a larger result is counted (a count
            # evaluates the query's phrases over the index once more).
            sql, params = scope.restrict(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [expression])
            matching = {row for (row,) in self.db.execute(f"{sql} LIMIT ?", [*params, RANK_ALL_LIMIT + 1])}
            if len(matching) <= PYTHON_SCORE_LIMIT:
                return len(matching), self._score(query, matching, words_on)[:limit]
            if len(matching) <= RANK_ALL_LIMIT:
                total = len(matching)
        if total < 0:
            # (A single character is not scored: whole words first, then reading order.)
            sql, params = scope.restrict(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [expression])
            total = int(self.db.execute(sql, params).fetchone()[0])
        if total > RANK_ALL_LIMIT:
            return total, self._first_in_index(query, table, expression, scope, words_on, limit)
        return total, self._top_in_index(query, table, expression, scope, words_on, limit, matching)

    def _first_in_index(
        self, query: Query, table: str, expression: str, scope: "_Scope", words_on: bool, limit: int
    ) -> list[_Candidate]:
        """The first ``limit`` hits of a very frequent query, streamed in
        reading order so that the work stops as soon as they are found (no
        scoring). When the query is one word, its whole-word matches come first:
        each of them contains the term, so no check is needed."""
        whole_words: Iterable[tuple[int]] = ()
        words = [_index_words(t) for t in query.positive]
        if words_on and len(query.positive) == 1 and words == [[query.positive[0].normal]]:
            sql, params = scope.restrict(
                "SELECT rowid FROM search_words WHERE search_words MATCH ?", [_fts_string(words[0][0])]
            )
            whole_words = self.db.execute(f"{sql} LIMIT ?", [*params, limit])
        sql, params = scope.restrict(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", [expression])
        matching = self.db.execute(f"{sql} LIMIT ?", [*params, limit * 2])
        return _whole_words_first((row for (row,) in whole_words), (row for (row,) in matching), limit)

    def _top_in_index(
        self,
        query: Query,
        table: str,
        expression: str,
        scope: "_Scope",
        words_on: bool,
        limit: int,
        rows: set[int] | None = None,
    ) -> list[_Candidate]:
        """The best hits of an expression over one index table, ranked inside
        SQLite: whole-word matches first, then by bm25 with headings weighted
        up (phrases of pairs only), then reading order. ``rows``, when given,
        are all the expression's matches."""
        whole = "0"
        params: list[object] = []
        words = _words_expression(query) if words_on else ""
        if words:
            # In the result columns, the subquery is run once (in the WHERE
            # clause the planner would probe the index once per word match).
            whole = "rowid IN (SELECT rowid FROM search_words WHERE search_words MATCH ?)"
            params.append(words)
        score = "0.0"
        ranking = _pairs_ranking_expression(query) if table == "search_bigrams" else ""
        if ranking:
            score = "bm25(search_bigrams, ?, ?)"
            params += [BODY_WEIGHT, HEADING_WEIGHT]
        if ranking and rows is not None:
            # The ranking phrases alone, kept to the matches: FTS5 evaluates
            # each phrase of the expression, and bm25() each once more over
            # the whole index (with the matching phrases too: 5.9 → 2.4 ms
            # for 900 hits). The + keeps SQLite from asking FTS5 for each row.
            sql = f"SELECT rowid, {whole}, {score} FROM {table} WHERE {table} MATCH ? "
            sql += "AND +rowid IN (SELECT value FROM json_each(?))"
            where = [*params, ranking, json.dumps(sorted(rows))]
        else:
            if ranking:
                expression = f"({expression}) AND ({ranking})"
            sql, where = scope.restrict(
                f"SELECT rowid, {whole}, {score} FROM {table} WHERE {table} MATCH ?", [*params, expression]
            )
        found = self.db.execute(f"{sql} ORDER BY 2 DESC, 3, 1 LIMIT ?", [*where, limit])
        return [_Candidate(row, whole_word=bool(whole_word), text_score=-score) for row, whole_word, score in found]

    def _score(self, query: Query, rows: set[int], words_on: bool) -> list[_Candidate]:
        """Rank a few hits: whole-word matches first, then a BM25 score of the
        terms' exact occurrences (headings weighted up), then reading order.

        The occurrences are counted in the paragraphs' own text: for a few
        rows that is cheaper than FTS5's bm25(), which first scans every
        phrase's whole posting list again for its statistics.
        """
        if not rows:
            return []
        fetched = [
            (row, self._normal_text(row, text), True, lead, path)
            for row, text, lead, path in self.db.execute(
                "SELECT row, text, lead, path FROM paragraphs WHERE row IN (SELECT value FROM json_each(?))",
                [json.dumps(sorted(rows))],
            )
        ]
        return self._scored(query, fetched, words_on)

    def _scored(self, query: Query, fetched: Sequence[_Checked], words_on: bool) -> list[_Candidate]:
        """:meth:`_score` of paragraphs read and checked."""
        if not fetched:
            return []
        listed = json.dumps(sorted(row for row, *_ in fetched))
        whole: set[int] = set()
        expression = _words_expression(query) if words_on else ""
        if expression:
            # The subquery runs once; json_each carries the rows in one parameter.
            whole = {
                row
                for (row,) in self.db.execute(
                    "SELECT value FROM json_each(?) WHERE value IN "
                    "(SELECT rowid FROM search_words WHERE search_words MATCH ?)",
                    [listed, expression],
                )
            }
        normal_forms = [(t.normal,) for t in query.positive]
        # (A text as stored is counted in both spellings of a term.)
        stored_forms = [(t.normal,) if t.text == t.normal else (t.normal, t.text) for t in query.positive]
        scored: list[_Candidate] = []
        for row, text, normalised, lead, path in fetched:
            self._check()
            heading = normal_heading(lead, path)
            score = _bm25(normal_forms if normalised else stored_forms, text, heading)
            scored.append(_Candidate(row, row in whole, score))
        return sorted(scored, key=lambda c: (not c.whole_word, -c.text_score, c.row))

    def _first_rows(self, query: Query, rows: set[int], words_on: bool, limit: int) -> list[_Candidate]:
        """The first ``limit`` of a very frequent query's ``rows``, whole words
        first, each group in reading order."""
        expression = _words_expression(query) if words_on else ""
        whole_words = (
            (
                row
                for (row,) in self.db.execute("SELECT rowid FROM search_words WHERE search_words MATCH ?", [expression])
                if row in rows
            )
            if expression
            else iter(())
        )
        return _whole_words_first(whole_words, sorted(rows), limit)

    def _ranked_by_ends(
        self, query: Query, scope: "_Scope", words_on: bool, limit: int
    ) -> tuple[int, list[_Candidate]] | None:
        """:meth:`_ranked` for a query with a long term: the rows holding its
        terms' ends, checked in their text (exact), then scored from it. None
        when too many rows hold them."""
        expression = _ends_expression(query, "body")
        if not expression:
            return None
        sql, params = scope.restrict("SELECT rowid FROM search_bigrams WHERE search_bigrams MATCH ?", [expression])
        candidates = [row for (row,) in self.db.execute(f"{sql} LIMIT ?", [*params, CANDIDATES_CHECKED + 1])]
        if len(candidates) > CANDIDATES_CHECKED:
            return None
        fetched: list[_Checked] = []
        for row, text, lead, path in self._paragraph_rows(candidates, "text, lead, path"):
            if _holds_as_stored(query, text):
                fetched.append((row, text, False, lead, path))
            elif _holds(query, normal := self._normal_text(row, text)):
                fetched.append((row, normal, True, lead, path))
        # (No more than RANK_ALL_LIMIT: every hit is scored.)
        return len(fetched), self._scored(query, fetched, words_on)[:limit]

    def _hits(self, ranked: Sequence[_Candidate], query: Query) -> Iterable[Hit]:
        terms = sorted({t.normal for t in query.positive}, key=len, reverse=True)
        rows = {
            row[0]: row
            for row in self._paragraph_rows((c.row for c in ranked), "document, id, ord, kind, box, path, text")
        }
        for candidate in ranked:
            row, document, paragraph, index, kind, box, path, text = rows[candidate.row]
            snippet, marks = make_snippet(text, terms, self._normalized(row, text))
            yield Hit(
                document=document,
                paragraph=paragraph,
                index=index,
                kind=kind,
                box=box,
                path=_path(path),
                snippet=snippet,
                marks=marks,
                score=round((100.0 if candidate.whole_word else 0.0) + candidate.text_score, 4),
                whole_word=candidate.whole_word,
            )

    # -- pinyin and suggestions ---------------------------------------------

    def _pinyin_words(self, query: Query) -> tuple[str, ...]:
        """Library words whose pinyin is the query (guangfu → 光伏)."""
        spelled = "".join(t.normal for t in query.positive).replace("'", "").replace(" ", "")
        return tuple(
            word
            for (word,) in self.db.execute(
                "SELECT word FROM search_vocab WHERE pinyin = ? ORDER BY freq DESC, word LIMIT 8",
                [spelled],
            )
        )

    def suggest(self, query: Query | str) -> tuple[str, ...]:
        """What the user probably meant, when ``query`` matched nothing, best
        first: words of the library spelled the same in pinyin (光浮 →
        光伏), one character or one pinyin letter off (扶平 → 扶贫, guanfu →
        光伏), a phrase of the text with one of its words so (小额贷款 →
        小额信贷), then the words found inside the query. Typed Latin is
        read as pinyin: initials (gf → 光伏), a prefix, one letter off."""
        if isinstance(query, str):
            query = parse_query(query)
        spelled = "".join(t.normal for t in query.positive)
        if not spelled:
            return ()
        found: dict[str, float] = {}

        def offer(words: Iterable[tuple[str, int]], rank: float) -> None:
            for word, freq in words:
                if word != spelled:
                    found[word] = max(found.get(word, 0.0), rank + min(freq, 9999) / 10000)

        if _is_latin(query):
            spelled = spelled.replace("'", "").replace(" ", "")
            offer(self.db.execute("SELECT word, freq FROM search_vocab WHERE initials = ?", [spelled]), 4)
            offer(
                self.db.execute(
                    "SELECT word, freq FROM search_vocab WHERE pinyin >= ? AND pinyin < ?", [spelled, spelled + "{"]
                ),
                3,
            )
            offer(self._near_pinyin(spelled), 2)
        else:
            offer(self._same_pinyin(spelled), 6)
            offer(self._one_character_off(spelled), 5)
            offer(self._near_pinyin("".join(syllables(spelled)), length=len(spelled)), 4)
            offer(self._phrases_one_word_off(spelled), 3)
            offer(((w, 9999 - n) for n, w in enumerate(self._nearby_words(spelled))), 1)  # (their order kept)
        ranked = sorted(found, key=lambda w: (-found[w], w))
        return tuple(ranked[:SUGGESTION_COUNT])

    def _nearby_words(self, spelled: str) -> tuple[str, ...]:
        """Words of the library found inside the query (its 2-4 character
        pieces), longest and most frequent first: 扶贫小额贷款 → 扶贫, 小额, 贷款.
        Each piece is one primary-key lookup, so this stays fast on any library."""
        pieces = {
            spelled[start : start + length]
            for length in (4, 3, 2)
            for start in range(0, max(0, len(spelled) - length + 1))
        }
        pieces = {p for p in list(pieces)[:MAX_SUGGESTION_PIECES] if not any(c.isspace() for c in p)}
        found: list[tuple[int, int, str]] = []
        for piece in pieces:
            row = self.db.execute(
                "SELECT freq FROM search_vocab WHERE pinyin = ? AND word = ?",
                ["".join(syllables(piece)), piece],
            ).fetchone()
            if row is not None:
                found.append((-len(piece), -int(row[0]), piece))
        return tuple(word for _, _, word in sorted(found)[:SUGGESTION_COUNT])

    def _same_pinyin(self, spelled: str) -> list[tuple[str, int]]:
        """Library words spelled as ``spelled`` is in pinyin."""
        pinyin = "".join(syllables(spelled))
        return list(self.db.execute("SELECT word, freq FROM search_vocab WHERE pinyin = ?", [pinyin])) if pinyin else []

    def _one_character_off(self, spelled: str) -> list[tuple[str, int]]:
        """Library words of the same length as ``spelled`` but one character."""
        if not 2 <= len(spelled) <= 4:
            return []
        return [
            (word, freq)
            for word, freq in self.db.execute(
                "SELECT word, freq FROM search_vocab WHERE length(word) = ?", [len(spelled)]
            )
            if sum(a != b for a, b in zip(word, spelled, strict=True)) == 1
        ]

    def _near_pinyin(self, pinyin: str, length: int | None = None) -> list[tuple[str, int]]:
        """Library words whose pinyin is one letter off ``pinyin`` (a letter
        more, less, changed or two swapped); of ``length`` characters if given."""
        if len(pinyin) < 3:
            return []
        sql = "SELECT word, pinyin, freq FROM search_vocab WHERE length(pinyin) BETWEEN ? AND ?"
        params: list[object] = [len(pinyin) - 1, len(pinyin) + 1]
        if length is not None:
            sql += " AND length(word) = ?"
            params.append(length)
        return [(word, freq) for word, spelled, freq in self.db.execute(sql, params) if _one_edit(spelled, pinyin)]

    def _phrases_one_word_off(self, spelled: str) -> list[tuple[str, int]]:
        """Phrases of the text that are ``spelled`` with one of its two
        halves a library word that is spelled alike, one character off or
        shares a character with it (小额贷款 → 小额信贷): each checked in
        the index, the most frequent first."""
        if not 4 <= len(spelled) <= 8:
            return []
        found: list[tuple[str, int]] = []
        for cut in range(2, len(spelled) - 1):
            head, tail = spelled[:cut], spelled[cut:]
            for keep, change, before in ((head, tail, True), (tail, head, False)):
                if not self._is_word(keep):
                    continue
                for word, _ in self._alike(change):
                    phrase = keep + word if before else word + keep
                    count = self._phrase_count(phrase)
                    if count:
                        found.append((phrase, count))
        return found

    def _is_word(self, text: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM search_vocab WHERE pinyin = ? AND word = ?", ["".join(syllables(text)), text]
        ).fetchone()
        return row is not None

    def _alike(self, text: str) -> list[tuple[str, int]]:
        """Library words like ``text``: the same pinyin, one character off, or
        of the same length sharing a character (at most a few, most frequent)."""
        rows = self._same_pinyin(text) + self._one_character_off(text)
        if 2 <= len(text) <= 4:
            rows += [
                (word, freq)
                for word, freq in self.db.execute(
                    "SELECT word, freq FROM search_vocab WHERE length(word) = ? ORDER BY freq DESC LIMIT 2000",
                    [len(text)],
                )
                if set(word) & set(text)
            ]
        return sorted(dict(rows).items(), key=lambda item: -item[1])[:MAX_ALIKE_WORDS]

    def _phrase_count(self, phrase: str) -> int:
        """How many paragraphs and headings hold ``phrase`` (at most a few
        of each are counted)."""
        self._check()
        paragraphs = self.db.execute(
            "SELECT rowid FROM search_bigrams WHERE search_bigrams MATCH ? LIMIT 20", [_pairs_expression(phrase)]
        ).fetchall()
        headings = self.db.execute(
            "SELECT rowid FROM search_headings WHERE search_headings MATCH ? LIMIT 20", [_heading_term(phrase)]
        ).fetchall()
        return len(paragraphs) + len(headings)


@dataclass(frozen=True)
class _Scope:
    """The kind, document and unit filters of a search."""

    kind: KindFilter
    document: str | None
    # A unit of the document (a chapter, an article...): its paragraphs and
    # those of every unit inside it.
    within: str | None = None
    # Only the documents of this genre (white_paper, law…).
    genre: str | None = None

    def where(self) -> tuple[str, list[str]]:
        """The filters as a fixed SQL condition on paragraphs and its parameters."""
        conditions: list[str] = []
        params: list[str] = []
        if self.kind != "all":
            conditions.append("kind = ?")
            params.append(self.kind)
        if self.document is not None:
            conditions.append("document = ?")
            params.append(self.document)
        if self.genre is not None:
            conditions.append("document IN (SELECT id FROM documents WHERE json_extract(metadata, '$.genre') = ?)")
            params.append(self.genre)
        if self.document is not None and self.within is not None:
            conditions.append(
                "node IN (WITH RECURSIVE unit(id) AS (SELECT ? UNION ALL SELECT n.id FROM nodes n "
                "JOIN unit ON n.parent = unit.id WHERE n.document = ?) SELECT id FROM unit)"
            )
            params += [self.within, self.document]
        return " AND ".join(conditions), params

    def restrict(self, sql: str, params: Sequence[object]) -> tuple[str, list[object]]:
        """Add the filters to an FTS query over rows."""
        where, extra = self.where()
        if not where:
            return sql, list(params)
        return f"{sql} AND rowid IN (SELECT row FROM paragraphs WHERE {where})", [*params, *extra]


# -- helpers -------------------------------------------------------------------


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter added, dropped, changed,
    or two neighbours swapped (not equal)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def _whole_words_first(whole_words: Iterable[int], rows: Iterable[int], limit: int) -> list[_Candidate]:
    """The first ``limit`` hits, unscored: the whole-word matches, then the
    other rows, each in the order given. Both are read lazily, only as far as
    needed (an index query stops as soon as ``limit`` are found)."""
    chosen: dict[int, _Candidate] = {}
    for row in whole_words:
        if len(chosen) >= limit:
            break
        chosen[row] = _Candidate(row, whole_word=True)
    for row in rows:
        if len(chosen) >= limit:
            break
        chosen.setdefault(row, _Candidate(row))
    return list(chosen.values())


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _phrase(pairs: Sequence[str], column: str = "") -> str:
    """An FTS5 phrase of pair tokens, in ``column`` (or any column)."""
    phrase = '"' + " ".join(pairs) + '"'
    return f"{column} : {phrase}" if column else phrase


def _pairs_expression(normal: str, *, any_column: bool = False) -> str:
    """An FTS5 phrase of the adjacent-character pairs of ``normal`` (exact),
    in the body column, or in either column when ranking."""
    return _phrase(pair_tokens(normal), "" if any_column else "body")


def _index_expression(query: Query) -> tuple[str, str]:
    """One FTS5 table and expression that match ``query`` exactly, or
    ``("", "")`` when its terms need both tables (a 1-character term among
    others): a single 1-character term is a unigram, and terms of 2+
    characters are phrases of pairs combined with the query's AND, OR, NOT."""
    terms = [*query.positive, *query.excluded]
    if len(terms) == 1 and not query.excluded:
        return _term_match(terms[0])
    if any(len(unit_tokens(t.normal)) < 2 for t in terms):
        return "", ""
    return "search_bigrams", _boolean_expression(query, _pairs_expression)


def _boolean_expression(query: Query, term: Callable[[str], str]) -> str:
    """The query's AND, OR and NOT as one FTS5 expression, each term made by
    ``term`` from its normalised text."""
    expression = " AND ".join("(" + " OR ".join(term(t.normal) for t in group) + ")" for group in query.groups)
    if query.excluded:
        expression = f"({expression}) NOT (" + " OR ".join(term(t.normal) for t in query.excluded) + ")"
    return expression


def _heading_term(normal: str) -> str:
    """The expression over the heading table matching ``normal`` exactly."""
    units = unit_tokens(normal)
    if len(units) == 1:
        return f"unigrams : {_fts_string(units[0])}"
    return _phrase(pair_tokens(normal), "bigrams")


def _term_match(term: Term) -> tuple[str, str]:
    """The FTS5 table and expression that match one term exactly: a unigram
    for one character, the phrase of its pairs for more."""
    units = unit_tokens(term.normal)
    if len(units) == 1:
        return "search_unigrams", _fts_string(units[0])
    return "search_bigrams", _pairs_expression(term.normal)


@lru_cache(maxsize=4096)
def _path(stored: str) -> tuple[str, ...]:
    # Paths are stored as JSON and repeat for every paragraph of a section.
    return tuple(json.loads(stored))


def _bm25(terms: Sequence[Sequence[str]], body: str, heading: str) -> float:
    """BM25 of the exact occurrences of ``terms`` (each its normal form, then
    any other spelling counted in ``body``) in a paragraph, each term weighing
    the same (every hit contains the query, so document frequencies would
    change little), headings (normalised) weighted up."""
    length_ratio = len(body) / AVERAGE_PARAGRAPH_CHARS
    score = 0.0
    for forms in terms:
        occurrences = sum(body.count(form) for form in forms)
        frequency = BODY_WEIGHT * occurrences + HEADING_WEIGHT * heading.count(forms[0])
        if frequency:
            score += frequency * (BM25_K1 + 1) / (frequency + BM25_K1 * (1 - BM25_B + BM25_B * length_ratio))
    return score


def _pairs_ranking_expression(query: Query) -> str:
    """The query's terms of 2+ characters as pair phrases in any column, with
    the query's AND/OR; 1-character terms are left out (they only rank)."""
    groups = []
    for group in query.groups:
        phrases = [_pairs_expression(t.normal, any_column=True) for t in group if len(unit_tokens(t.normal)) >= 2]
        if len(phrases) == len(group):
            groups.append("(" + " OR ".join(phrases) + ")")
    return " AND ".join(groups)


def _has_long_term(query: Query) -> bool:
    """Whether a term of ``query`` is looked up by its two ends."""
    return any(len(pair_tokens(t.normal)) >= LONG_TERM_PAIRS for t in query.positive)


def _ends_expression(query: Query, column: str) -> str:
    """An FTS5 expression over a pairs ``column`` that every row matching
    ``query`` matches (and perhaps a few more): each long term by the phrases
    of its two ends, a shorter one by its phrase; groups with a 1-character
    term, and excluded terms, are left to the check in the text."""
    groups = []
    for group in query.groups:
        if any(len(unit_tokens(t.normal)) < 2 for t in group):
            continue
        alternatives = []
        for term in group:
            pairs = pair_tokens(term.normal)
            if len(pairs) >= LONG_TERM_PAIRS:
                alternatives.append(f"{column} : ({_phrase(pairs[:END_PAIRS])} AND {_phrase(pairs[-END_PAIRS:])})")
            else:
                alternatives.append(_phrase(pairs, column))
        groups.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(groups)


def _holds_as_stored(query: Query, text: str) -> bool:
    """Whether a text as stored shows that it matches ``query``: it holds
    each group's term as typed (normalising maps each character on its own,
    so its normal form holds the term's), or as normalised where that is its
    own normal form. Excluded terms need the normal form."""
    if query.excluded:
        return False
    return all(
        any(t.text in text or (t.normal in text and _normal_term(t.normal)) for t in group) for group in query.groups
    )


@lru_cache(maxsize=1024)
def _normal_term(normal: str) -> bool:
    """Whether normalising a term's normal form leaves it as it is."""
    return normalize(normal) == normal


def _holds(query: Query, normal: str) -> bool:
    """Whether a normalised text matches ``query`` (each group by one of its
    terms, no excluded term): what the index's expressions match, as text."""
    return all(any(t.normal in normal for t in group) for group in query.groups) and not any(
        t.normal in normal for t in query.excluded
    )


def _index_words(term: Term) -> list[str]:
    """The words of ``term`` that the words table holds as single tokens (its
    detail=none allows no phrases of several tokens)."""
    if not segmenter.is_loaded():
        return []
    return [word for word in segmenter.words(term.normal) if word.isalnum()]


def _words_expression(query: Query) -> str:
    """An FTS5 expression asking for each group's terms as whole words."""
    groups = []
    for group in query.groups:
        alternatives = []
        for term in group:
            words = _index_words(term)
            if words:
                alternatives.append("(" + " AND ".join(_fts_string(w) for w in words) + ")")
        if not alternatives:
            return ""
        groups.append("(" + " OR ".join(alternatives) + ")")
    return " AND ".join(groups)


_LATIN = set(string.ascii_lowercase + "' ")


def _is_latin(query: Query) -> bool:
    return bool(query.positive) and not query.excluded and all(set(t.normal) <= _LATIN for t in query.positive)


def _notice_for_figures(text: str, count: int) -> str:
    from app.i18n import tr

    return tr("query_figures", query=text.strip(), count=count)


def _notice(query: Query) -> str | None:
    from app.i18n import tr
    from app.search.query import MAX_QUERY_CHARS

    if query.truncated:
        return tr("query_truncated", limit=MAX_QUERY_CHARS)
    if query.empty and query.excluded:
        return tr("query_only_excluded")
    return None


def make_snippet(
    text: str, terms: Sequence[str], normalized: tuple[str, list[int]] | None = None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of the original ``text`` around its first match of ``terms``,
    with the (start, end) offsets of every match inside the window.

    ``normalized`` is ``normalize_with_offsets(text)`` when the caller has it.
    """
    normal, origin = normalized or normalize_with_offsets(text)
    terms = [term for term in terms if term]
    starts = [start for start in (normal.find(term) for term in terms) if start >= 0]
    first = origin[min(starts)] if starts else 0
    begin = max(0, first - SNIPPET_BEFORE)
    finish = min(len(text), begin + SNIPPET_CHARS)
    begin = max(0, min(begin, finish - SNIPPET_CHARS))
    # Matches are looked for only where they can touch the window (a long
    # paragraph may hold hundreds of matches of a frequent term).
    # The usual case: one character in, one out (no character normalises to
    # nothing, so equal lengths mean exactly that), and offsets are the same.
    if len(origin) == len(text) + 1:
        low, high = begin, finish
    else:
        low, high = bisect_left(origin, begin), bisect_right(origin, finish)
    found: list[tuple[int, int]] = []
    for term in terms:
        start = normal.find(term, max(0, low - len(term) + 1), high + len(term))
        while start >= 0:
            found.append((origin[start], origin[start + len(term) - 1] + 1))
            start = normal.find(term, start + 1, high + len(term))
    # Longest first at each start, then drop spans that overlap a kept one.
    spans: list[tuple[int, int]] = []
    for span in sorted(found, key=lambda se: (se[0], -se[1])):
        if not spans or span[0] >= spans[-1][1]:
            spans.append(span)
    prefix = ELLIPSIS if begin > 0 else ""
    suffix = ELLIPSIS if finish < len(text) else ""
    shift = len(prefix) - begin
    marks = tuple((max(s, begin) + shift, min(e, finish) + shift) for s, e in spans if s < finish and e > begin)
    return prefix + text[begin:finish] + suffix, marks
