"""Search on real libraries: exact recall against Python `in`, ranking, the
query language, pinyin, suggestions, filters, cancellation and index upkeep."""

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.document.model import Document
from app.library import Library
from app.search import segmenter
from app.search.normalize import normalize
from app.search.query import parse_query
from app.search.searcher import SearchCancelled, Searcher, make_snippet
from tests.conftest import ROOT, SEED_ID

ALL = 100_000


@pytest.fixture()
def searcher(library: Library) -> Iterator[Searcher]:
    segmenter.load()
    with library.searcher() as s:
        yield s


def exact(text: str) -> str:
    """Quote a substring so that the query language takes it literally."""
    return '"' + text + '"'


def truth(document: Document, text: str) -> set[str]:
    needle = normalize(text)
    return {p.id for p in document.paragraphs if needle in normalize(p.text)}


def found(searcher: Searcher, query: str, **kwargs: object) -> set[str]:
    result = searcher.search(query, limit=ALL, **kwargs)  # type: ignore[arg-type]
    ids = {hit.paragraph for hit in result.hits}
    assert result.total == len(ids)
    return ids


@pytest.mark.parametrize("length", [1, 2, 3, 4, 5, 6])
def test_recall_of_seed_substrings(searcher: Searcher, seed: Document, length: int) -> None:
    rng = random.Random(length)
    texts = [p.text for p in seed.paragraphs]
    samples: set[str] = set()
    while len(samples) < 150:
        text = rng.choice(texts)
        start = rng.randrange(0, max(1, len(text) - length + 1))
        sample = text[start : start + length]
        if sample.strip() and '"' not in sample:
            samples.add(sample)
    for sample in sorted(samples):
        assert found(searcher, exact(sample)) == truth(seed, sample), sample


def test_every_character_of_the_seed(searcher: Searcher, seed: Document) -> None:
    for char in sorted({c for p in seed.paragraphs for c in p.text if not c.isspace()} - {'"'}):
        assert found(searcher, exact(char)) == truth(seed, char), char


def test_substrings_hidden_by_segmentation(searcher: Searcher, seed: Document) -> None:
    # 脱贫 inside 摆脱贫困, and 2-character strings that are not words.
    for text in ["脱贫", "困地", "贫困群众", "摆脱贫穷", "的贫", "，", ",", "“", "%的", "0.5"]:
        assert found(searcher, exact(text)) == truth(seed, text), text
    assert "p6d7bc5b3c0" in found(searcher, "老年人口医疗")  # across the joined column break


def test_normalisation_traditional_fullwidth_case(searcher: Searcher, seed: Document) -> None:
    assert found(searcher, "扶貧") == truth(seed, "扶贫") != set()
    assert found(searcher, "１９３６万") == truth(seed, "1936万") != set()
    assert found(searcher, "９９．４８％") == truth(seed, "99.48%") != set()
    assert found(searcher, "脫貧攻堅") == truth(seed, "脱贫攻坚") != set()


CORPUS_CHARS = "扶贫扶貧脱貧攻坚堅经济經濟发展發展中国中國１２３４５６７８９０123ＡＢＣabcABC，。、“”（）() -%％"


def _generated_corpus(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(60):
        body = "".join(rng.choice(CORPUS_CHARS) for _ in range(rng.randint(5, 80)))
        paragraphs.append(body.strip().replace("\n", "") + "。")
    return "一、生成的章节\n\n" + "\n\n".join(paragraphs) + "\n"


def test_recall_on_mixed_generated_corpus(library: Library) -> None:
    rng = random.Random(7)
    doc_id = library.import_text(_generated_corpus(rng), source_name="generated.txt")
    document = library.document(doc_id)
    texts = [p.text for p in document.paragraphs]
    with library.searcher() as searcher:
        for _ in range(300):
            text = rng.choice(texts)
            length = rng.randint(1, 6)
            start = rng.randrange(0, max(1, len(text) - length + 1))
            sample = text[start : start + length]
            if not sample.strip() or '"' in sample:
                continue
            assert found(searcher, exact(sample), document=doc_id) == truth(document, sample), sample


def test_and_or_exclude_match_truth(searcher: Searcher, seed: Document) -> None:
    assert found(searcher, "扶贫 光伏") == truth(seed, "扶贫") & truth(seed, "光伏")
    assert found(searcher, "光伏 OR 电商") == truth(seed, "光伏") | truth(seed, "电商")
    assert found(searcher, "扶贫 -专栏") == truth(seed, "扶贫") - truth(seed, "专栏")
    assert found(searcher, "光伏 OR 电商 -村") == (truth(seed, "光伏") | truth(seed, "电商")) - truth(seed, "村")


def test_terms_match_as_exact_text_not_words(searcher: Searcher, seed: Document) -> None:
    # 小额信贷 as one term needs that exact text, not 小额 and 信贷 anywhere.
    assert found(searcher, "扶贫小额信贷") == truth(seed, "扶贫小额信贷")
    assert found(searcher, "信贷小额") == set()


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "NEAR(扶贫 脱贫)",
        "扶贫*",
        "body:扶贫",
        "^扶贫",
        "-",
        "- -",
        "OR",
        "AND",
        '""',
        "'",
        "扶贫 OR",
        "OR 扶贫",
        "\\",
        "%",
        "_",
        "*" * 50,
        "扶" * 10_000,
        "\x00",
        "'); DROP TABLE x; --",
    ],
)
def test_malformed_queries_never_raise(searcher: Searcher, seed: Document, query: str) -> None:
    result = searcher.search(query, limit=5)
    parsed = parse_query(query)
    if parsed.empty:
        assert result.total == 0
    else:
        truths = [set.union(*(truth(seed, t.normal) for t in group)) for group in parsed.groups]
        expected = set.intersection(*truths)
        for term in parsed.excluded:
            expected -= truth(seed, term.normal)
        assert result.total == len(expected)
    if len(query) > 500:
        assert result.notice and "500" in result.notice


def test_only_exclusions_get_a_message(searcher: Searcher) -> None:
    result = searcher.search("-扶贫")
    assert result.total == 0 and result.notice and "排除" in result.notice


def test_whole_words_rank_before_substrings(searcher: Searcher, seed: Document) -> None:
    result = searcher.search("扶贫", limit=ALL)
    flags = [hit.whole_word for hit in result.hits]
    assert flags == sorted(flags, reverse=True)
    assert any(flags) and not all(flags)
    # 光伏 as a word: the 专栏7 paragraph that is about it comes first.
    top = searcher.search("光伏").hits[0]
    assert (top.box, top.snippet[:6]) == ("专栏7", "光伏扶贫电站")
    top = searcher.search("扶贫小额信贷").hits[0]
    assert top.box == "专栏8"
    top = searcher.search("易地扶贫搬迁").hits[0]
    assert top.box == "专栏9"


def test_ranking_order_is_whole_words_then_score_then_reading_order(searcher: Searcher, seed: Document) -> None:
    """The order is the documented one, checked against the segmenter's own
    words (whole-word truth) and the hits' scores, and it repeats exactly."""
    hits = searcher.search("贫困", limit=ALL).hits
    assert len(hits) > 20
    texts = {p.id: p.text for p in seed.paragraphs}
    for hit in hits:
        assert hit.whole_word == ("贫困" in segmenter.words(normalize(texts[hit.paragraph])))
    tiers = [not hit.whole_word for hit in hits]
    assert tiers == sorted(tiers) and tiers[0] is False and tiers[-1] is True
    assert [h.paragraph for h in hits] == [
        h.paragraph for h in sorted(hits, key=lambda h: (not h.whole_word, -h.score, h.index))
    ]
    scores = [h.score for h in hits if not h.whole_word]
    assert len(set(scores)) > 5  # really scored, not left in reading order
    assert [h.paragraph for h in searcher.search("贫困", limit=ALL).hits] == [h.paragraph for h in hits]


def test_exact_results_without_segmenter(searcher: Searcher, seed: Document) -> None:
    result = searcher.search("扶贫", limit=ALL, use_words=False)
    assert {h.paragraph for h in result.hits} == truth(seed, "扶贫")
    assert not any(h.whole_word for h in result.hits)


def test_hit_fields_and_snippet_marks(searcher: Searcher, seed: Document) -> None:
    result = searcher.search("扶貧小額信貸", limit=3)
    hit = result.hits[0]
    assert hit.document == SEED_ID and hit.kind == "box" and hit.box == "专栏8"
    assert hit.path[-1] == "专栏8 扶贫小额信贷"
    assert hit.marks
    for start, end in hit.marks:
        assert hit.snippet[start:end] == "扶贫小额信贷"  # original text, not the query


def test_snippet_maps_back_to_original_characters() -> None:
    snippet, marks = make_snippet("前文１９９８年ＡＢＣ後文", ["1998年abc"])
    assert [snippet[s:e] for s, e in marks] == ["１９９８年ＡＢＣ"]
    text = "甲" * 100 + "扶贫" + "乙" * 100
    snippet, marks = make_snippet(text, ["扶贫"])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[s:e] for s, e in marks] == ["扶贫"]


def test_kind_and_document_filters(searcher: Searcher, seed: Document, library: Library) -> None:
    box = found(searcher, "扶贫", kind="box")
    body = found(searcher, "扶贫", kind="body")
    assert box | body == truth(seed, "扶贫") and not box & body
    assert all(p.kind == "box" for p in seed.paragraphs if p.id in box)
    assert found(searcher, "扶贫", document="nope") == set()
    assert found(searcher, "扶贫", document=SEED_ID) == truth(seed, "扶贫")


def test_pinyin(searcher: Searcher) -> None:
    result = searcher.search("guangfu")
    assert result.pinyin == ("光伏",) and result.total == 3
    assert "扶贫" in searcher.search("fupin").pinyin
    assert searcher.search("gf").suggestions[0] == "光伏"


def test_suggestions_when_nothing_found(searcher: Searcher) -> None:
    result = searcher.search("扶贫小额贷款")
    assert result.total == 0
    assert "扶贫" in result.suggestions or "小额" in result.suggestions


def test_cancelled_search_stops(searcher: Searcher) -> None:
    with pytest.raises(SearchCancelled):
        searcher.search("扶贫", cancelled=lambda: True)
    assert searcher.search("扶贫").total > 0  # the searcher still works


def test_search_in_worker_thread(library: Library, seed: Document) -> None:
    results: list[int] = []

    def work() -> None:
        with library.searcher() as searcher:
            results.append(searcher.search("光伏").total)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert results == [len(truth(seed, "光伏"))]


def test_index_follows_import_remove_rebuild(library: Library) -> None:
    doc_id = library.import_text("一、章\n\n独一无二的词语出现在这里。\n", source_name="x.txt")
    with library.searcher() as searcher:
        assert found(searcher, "独一无二") != set()
    library.rebuild()
    with library.searcher() as searcher:
        assert len(found(searcher, "独一无二")) == 1
        assert found(searcher, "光伏") != set()
    library.remove(doc_id)
    with library.searcher() as searcher:
        assert found(searcher, "独一无二") == set()
        assert found(searcher, "光伏") != set()


def test_failed_import_leaves_index_intact(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.search.index as search_index

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(search_index, "add_document", fail)
    with pytest.raises(OSError):
        library.import_text("一、章\n\n新的独特内容。\n", source_name="y.txt")
    monkeypatch.undo()
    assert [d.id for d in library.documents()] == [SEED_ID]
    with library.searcher() as searcher:
        assert found(searcher, "独特内容") == set()
        assert found(searcher, "光伏") != set()


def test_progress_reported_through_the_import(library: Library, tmp_path: Path) -> None:
    """Reading, parsing and storing, and indexing a file report on one bar
    (per mille), which never goes back."""
    from app.progress import IMPORT_SCALE, IMPORT_STAGES

    calls: list[tuple[int, int]] = []
    path = tmp_path / "z.txt"
    path.write_text("一、章\n\n" + "\n\n".join(f"第{i}段正文内容。" for i in range(4500)), encoding="utf-8")
    library.import_file(path, progress=lambda d, t: calls.append((d, t)))
    done = [d for d, _ in calls]
    assert {t for _, t in calls} == {IMPORT_SCALE}
    assert done == sorted(done) and done[-1] == IMPORT_SCALE
    for start, end in IMPORT_STAGES.values():
        assert any(start <= d < end for d in done), (start, end, done)


def test_library_at_rest_reopens_with_index(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    Library(folder).close()
    with Library(folder) as library, library.searcher() as searcher:
        assert searcher.search("光伏").total == 3


def test_long_terms_through_rare_pairs(searcher: Searcher, seed: Document) -> None:
    for text in ["扶贫小额信贷累计发放", "贫困地区基层治理体系进一步健全", "易地扶贫搬迁政策性强、难度大"]:
        assert found(searcher, exact(text)) == truth(seed, text) != set()
    assert found(searcher, "扶贫小额信贷累计发放到户") == set()
    assert found(searcher, "扶贫小额信贷累计发放 OR 光伏") == truth(seed, "扶贫小额信贷累计发放") | truth(seed, "光伏")


# A term long enough to be looked up by its ends, a decoy holding both ends
# but not the term, and the term in traditional form.
LONG_TERM = "乡村振兴重点帮扶地区"
DECOY = "乡村振兴与重点帮扶地区"
RARE_PAIRS_TEXT = f"""一、{DECOY}

推进{DECOY}的工作。

二、{LONG_TERM}

推进{LONG_TERM}发展。

{LONG_TERM}的标准：推进鄉村振興重點幫扶地區建设。

其他段落，推进工作。
"""


@pytest.mark.parametrize(
    "query",
    [
        LONG_TERM,
        f"推进 {LONG_TERM}",
        f"推 {LONG_TERM}",  # a 1-character group, checked in the text
        f"推进 -{LONG_TERM}",
        f"{LONG_TERM} -建设",
        f"{LONG_TERM} OR 其他",
        f"{LONG_TERM} OR 工",
        "鄉村振興重點幫扶地區",
    ],
)
def test_long_terms_by_their_ends_are_exact(library: Library, query: str) -> None:
    """A long term is looked up by its two ends and checked in the text: the
    decoy, which holds both, is not a hit (nor its heading), and what is
    found is what Python's ``in`` finds, with every operator."""
    from app.search import searcher as searching

    assert len(LONG_TERM) > searching.LONG_TERM_PAIRS
    doc_id = library.import_text(RARE_PAIRS_TEXT, source_name="rare.txt")
    document = library.document(doc_id)
    with library.searcher() as searcher:
        result = searcher.search(query, limit=ALL, document=doc_id)
    expected = expected_paragraphs(document, query)
    assert {hit.paragraph for hit in result.hits} == expected and result.total == len(expected)
    headings = {hit.snippet for hit in result.headings}
    if parse_query(query).groups == parse_query(LONG_TERM).groups:
        assert expected and all(DECOY not in hit.snippet for hit in result.hits)
        assert headings == {f"二、{LONG_TERM}"}
    else:
        assert not any(DECOY in heading for heading in headings)


def test_long_terms_when_their_ends_are_common(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    """When more rows hold a long term's ends than are worth checking, the
    phrases are asked: the same hits."""
    from app.search import searcher as searching

    doc_id = library.import_text(RARE_PAIRS_TEXT, source_name="rare.txt")
    expected = truth(library.document(doc_id), LONG_TERM)
    with library.searcher() as searcher:
        by_pairs = searcher.search(LONG_TERM, limit=ALL, document=doc_id)
        monkeypatch.setattr(searching, "CANDIDATES_CHECKED", 1)
        by_phrases = searcher.search(LONG_TERM, limit=ALL, document=doc_id)
    assert by_pairs.total == by_phrases.total == len(expected) > 1
    assert [h.paragraph for h in by_pairs.hits] == [h.paragraph for h in by_phrases.hits]
    assert [h.snippet for h in by_pairs.headings] == [h.snippet for h in by_phrases.headings]


def expected_paragraphs(document: Document, query: str) -> set[str]:
    """The paragraphs that match ``query``, by Python's ``in`` on each term."""
    parsed = parse_query(query)
    expected: set[str] | None = None
    for group in parsed.groups:
        rows = set().union(*(truth(document, term.text) for term in group))
        expected = rows if expected is None else expected & rows
    assert expected is not None
    for term in parsed.excluded:
        expected -= truth(document, term.text)
    return expected


@pytest.fixture(scope="module")
def big_library(tmp_path_factory: pytest.TempPathFactory, seed: Document) -> Iterator[tuple[Library, Document]]:
    """A library whose document repeats the seed's paragraphs 40 times (about
    1,800 paragraphs), so that queries reach every ranking tier."""
    segmenter.load()
    texts = [p.text for p in seed.paragraphs if len(p.text) > 20]
    body = "\n\n".join(f"第{copy}遍：{text}" for copy in range(40) for text in texts)
    with Library(tmp_path_factory.mktemp("big") / "library", bundled=[]) as library:
        doc_id = library.import_text("一、重复的章节\n\n" + body + "\n", source_name="repeated.txt")
        yield library, library.document(doc_id)


@pytest.mark.parametrize(
    "query",
    [
        "兜底",  # scored in Python (few hits)
        "光伏",  # scored by FTS5 bm25 (a hundred or more)
        "脱贫攻坚",
        "贫困",  # not scored: whole words first, then reading order (over a thousand)
        "的",  # one character, over a thousand
        "贫 困",  # a 1-character term among others: matched with sets of rows
        "扶贫 -攻坚",
        "光伏 OR 电商",
    ],
)
def test_every_ranking_tier_is_exact_and_ordered(big_library: tuple[Library, Document], query: str) -> None:
    library, document = big_library
    parsed = parse_query(query)
    expected = expected_paragraphs(document, query)
    with library.searcher() as searcher:
        result = searcher.search(query, limit=ALL)
        top = searcher.search(query, limit=20)
    assert result.total == top.total == len(expected)
    assert {hit.paragraph for hit in result.hits} == expected
    scores = [hit.score for hit in result.hits]
    assert scores == sorted(scores, reverse=True)
    flags = [hit.whole_word for hit in top.hits]
    assert flags == sorted(flags, reverse=True)
    assert {hit.paragraph for hit in top.hits} <= expected and len(top.hits) == min(20, len(expected))
    if len(parsed.positive) == 1 and not parsed.excluded:
        # Whole words are flagged exactly where the segmenter cuts each word
        # of the term out as a word, and they fill the top first, in every tier.
        words = [w for w in segmenter.words(parsed.positive[0].normal) if w.isalnum()]
        whole = {p.id for p in document.paragraphs if set(words) <= set(segmenter.tokens(normalize(p.text)))}
        assert {hit.paragraph for hit in result.hits if hit.whole_word} == whole
        assert sum(flags) == min(20, len(whole))


def test_tiers_are_all_reached(big_library: tuple[Library, Document]) -> None:
    """The queries above span the tiers (so the test above tests each of them)."""
    from app.search.searcher import PYTHON_SCORE_LIMIT, RANK_ALL_LIMIT

    library, document = big_library
    with library.searcher() as searcher:
        totals = {q: searcher.search(q).total for q in ("兜底", "光伏", "脱贫攻坚", "贫困", "的")}
    assert totals["兜底"] <= PYTHON_SCORE_LIMIT < totals["光伏"] <= totals["脱贫攻坚"] <= RANK_ALL_LIMIT
    assert RANK_ALL_LIMIT < totals["贫困"]
    assert totals["的"] > RANK_ALL_LIMIT


def test_figures_by_value_whatever_their_spelling(searcher: Searcher, seed: Document) -> None:
    above = searcher.search(">100亿元")
    expected = {f.paragraph for f in seed.figures if f.unit == "元" and f.value > 100 * 10**8}
    assert {hit.paragraph for hit in above.hits} == expected and above.total == len(expected)
    assert above.notice is not None and "100亿元" in above.notice
    for hit in above.hits:
        ((start, end),) = hit.marks
        assert hit.snippet[start:end].endswith("亿元")
    spelled = searcher.search("18650000千瓦")  # 1865万千瓦, written otherwise
    assert [hit.snippet[slice(*hit.marks[0])] for hit in spelled.hits] == ["1865万千瓦"]
    as_written = searcher.search("1865万千瓦")
    assert as_written.hits[0].paragraph == spelled.hits[0].paragraph
    assert len({hit.paragraph for hit in as_written.hits}) == len(as_written.hits)  # once each
    assert searcher.search("<1%").total == len({f.paragraph for f in seed.figures if f.unit == "%" and f.value < 1})
    assert searcher.search(">100亿元", kind="box").total == len(
        {f.paragraph for f in seed.figures if f.unit == "元" and f.value > 10**10 and f.box}
    )


def test_a_query_is_cancelled_inside_a_long_statement(
    big_library: tuple[Library, Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between statements the searcher checks for cancellation itself; here
    that check is off, so only SQLite's progress handler can stop the query,
    in the middle of a statement (sqlite3.OperationalError "interrupted"),
    and the searcher must turn that into SearchCancelled."""
    library, _ = big_library
    monkeypatch.setattr(Searcher, "_check", lambda self: None)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    with library.searcher() as searcher:
        with pytest.raises(SearchCancelled):
            searcher.search("的", cancelled=cancelled)
        assert asked  # asked by the progress handler, inside a statement
        assert searcher.search("的").total > 1000  # and the connection still works


def _misspellings() -> list[tuple[str, str]]:
    path = ROOT / "tests" / "data" / "misspellings.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(bad, meant) for bad, meant in (line.split("\t") for line in lines if line and not line.startswith("#"))]


def test_suggestions_are_what_a_careful_reader_would_say(searcher: Searcher) -> None:
    """53 misspellings of the white paper's words, as users make them: the
    word meant is the first suggestion for every one (a homophone, a
    look-alike, a letter of pinyin off, a phrase with one word so)."""
    pairs = _misspellings()
    assert len(pairs) >= 50
    wrong = []
    for bad, meant in pairs:
        result = searcher.search(bad)
        assert result.total == 0 and result.heading_total == 0, bad  # (a real miss)
        if result.suggestions[:1] != (meant,):
            wrong.append((bad, meant, result.suggestions))
    assert wrong == []


def test_a_search_the_filters_empty_says_how_many_they_hide(searcher: Searcher) -> None:
    body_only = searcher.search("第一书记", kind="box")
    everywhere = searcher.search("第一书记")
    assert body_only.total == 0 and everywhere.total > 0
    assert body_only.elsewhere == everywhere.total and body_only.suggestions == ()
    assert searcher.search("没有这个词组").elsewhere == 0


def test_an_empty_search_over_an_excerpt_says_so(library: Library, searcher: Searcher) -> None:
    assert searcher.search("9899").excerpt  # (the bundled reprint lacks that part)
    assert not searcher.search("扶贫").excerpt  # (found: nothing to explain)
    library.import_text("《另一文件》\n\n一、总则\n\n全市建成学校5所。\n", source_name="b.txt")
    assert not searcher.search("9899").excerpt  # (two documents searched)
    assert searcher.search("9899", document=SEED_ID).excerpt
