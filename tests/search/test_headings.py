"""Headings and titles are searchable: exactly the headings that hold the
query, each a hit on the first paragraph under it."""

from pathlib import Path

import pytest

from app.library import Library
from app.search.index import SEARCHABLE_HEADINGS
from app.search.normalize import normalize
from tests.conftest import CORPUS, SEED_ID, TEXT_DOCUMENTS, needs_corpus


def _searchable(library: Library, document_id: str) -> dict[str, str]:
    """node id → heading, of a document's headings a search may find."""
    return {
        n.id: n.label for n in library.document(document_id).nodes if n.kind in SEARCHABLE_HEADINGS and not n.inferred
    }


def test_a_heading_only_the_heading_holds_is_found(library: Library) -> None:
    with library.searcher() as searcher:
        result = searcher.search("精神风貌")
    assert result.total == 0 and result.heading_total == 1
    (hit,) = result.headings
    document = library.document(SEED_ID)
    node = document.node(hit.heading or "")
    assert node.label == hit.snippet == "(三)脱贫群众精神风貌焕然一新"
    first = next(p for p in document.paragraphs if p.node == node.id or node.label in p.path)
    assert hit.paragraph == first.id  # the hit opens the first paragraph under it
    assert hit.snippet[hit.marks[0][0] : hit.marks[0][1]] == "精神风貌"


def test_the_title_is_found(library: Library) -> None:
    with library.searcher() as searcher:
        result = searcher.search("人类减贫的中国实践")
    assert [h.heading for h in result.headings] == [""]
    assert result.headings[0].paragraph == library.document(SEED_ID).paragraphs[0].id


@pytest.mark.parametrize("query", ["贫困", "(二)", "专栏", "提升", "攻坚 -深度", "生态 OR 文化"])
def test_heading_hits_are_exactly_the_headings_that_hold_the_query(library: Library, query: str) -> None:
    headings = _searchable(library, SEED_ID)
    with library.searcher() as searcher:
        result = searcher.search(query, limit=1000)
    words = query.split()
    if "OR" in words:
        wanted = {i for i, text in headings.items() if any(normalize(w) in normalize(text) for w in words[::2])}
    else:
        wanted = {
            i
            for i, text in headings.items()
            if all(normalize(w) in normalize(text) for w in words if not w.startswith("-"))
            and not any(normalize(w[1:]) in normalize(text) for w in words if w.startswith("-"))
        }
    title = library.document(SEED_ID).title
    title_hit = all(normalize(w) in normalize(title) for w in words if not w.startswith("-")) and "OR" not in words
    got = {h.heading for h in result.headings if h.heading}
    assert got == wanted
    assert result.heading_total == len(wanted) + (1 if title_hit else 0)


def test_scope_and_kind_filter_headings(library: Library) -> None:
    other = library.import_text("关于测试的通知\n\n一、贫困地区总体要求\n\n要求如下。\n", source_name="n.txt")
    with library.searcher() as searcher:
        everywhere = searcher.search("贫困", limit=100)
        here = searcher.search("贫困", document=SEED_ID, limit=100)
        boxes = searcher.search("深度贫困", kind="box")
    assert {h.document for h in everywhere.headings} == {SEED_ID, other}
    assert here.headings and {h.document for h in here.headings} == {SEED_ID}
    assert boxes.headings and all(h.kind == "box" for h in boxes.headings)


def test_headings_follow_remove_and_rebuild(library: Library) -> None:
    document_id = library.import_text("测试文件\n\n一、独有的章标题\n\n正文一段。\n", source_name="h.txt")
    with library.searcher() as searcher:
        assert searcher.search("独有的章标题").heading_total == 1
    library.rebuild()
    with library.searcher() as searcher:
        assert searcher.search("独有的章标题").heading_total == 1
    library.remove(document_id)
    with library.searcher() as searcher:
        assert searcher.search("独有的章标题").heading_total == 0
    rows = library.db.execute("SELECT count(*) FROM headings WHERE document = ?", [document_id]).fetchone()[0]
    assert rows == 0


@needs_corpus
@pytest.mark.parametrize("name", TEXT_DOCUMENTS)
def test_every_heading_of_a_real_document_is_found_by_its_text(tmp_path: Path, name: str) -> None:
    with Library(tmp_path / "library", bundled=[]) as library:
        document_id = library.import_file(CORPUS / name)
        headings = _searchable(library, document_id)
        with library.searcher() as searcher:
            for node_id, text in headings.items():
                result = searcher.search(f'"{text}"', limit=200)
                assert node_id in {h.heading for h in result.headings}, (name, text)
