"""The write side of search: indexed values, the index kept in step with
imports, removals and rebuilds, and the pinyin vocabulary's counts."""

import sqlite3
from pathlib import Path

import pytest

from app.library import Library
from app.search import index, segmenter
from app.search.tokens import bigram_tokens, unigram_tokens


def vocabulary(library: Library, word: str) -> int:
    row = library.db.execute("SELECT freq FROM search_vocab WHERE word = ?", [word]).fetchone()
    return 0 if row is None else int(row[0])


def matches(library: Library, table: str, tokens: str) -> int:
    phrase = '"' + tokens + '"'
    return int(library.db.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH ?", [phrase]).fetchone()[0])


def test_indexed_values_are_the_tokens_of_the_normal_text() -> None:
    segmenter.load()
    values = index.indexed_values("扶貧ＡＢ", "扶贫。", '["一、总则"]')
    assert values.unigrams == unigram_tokens("扶贫ab")
    assert values.bigrams == bigram_tokens("扶贫ab")
    assert values.heading_bigrams == bigram_tokens("扶贫。 一、总则")
    assert "扶贫" in values.body_words.split()
    assert values == index.indexed_values("扶貧ＡＢ", "扶贫。", '["一、总则"]')  # deterministic


def test_index_version_names_what_decides_the_values() -> None:
    version = index.index_version()
    assert version.startswith(index.INDEX_FORMAT + "-")
    for package in ("opencc", "rjieba", "pypinyin"):
        assert package in version


def test_index_and_vocabulary_follow_import_remove_rebuild(library: Library) -> None:
    unique = bigram_tokens("独一无二")
    before = vocabulary(library, "扶贫")
    assert before > 0 and vocabulary(library, "独一无二") == 0
    doc_id = library.import_text("一、章\n\n独一无二的扶贫词语出现在这里。\n", source_name="x.txt")
    assert matches(library, "search_bigrams", unique) == 1
    assert vocabulary(library, "扶贫") == before + 1
    library.rebuild()
    assert matches(library, "search_bigrams", unique) == 1
    assert vocabulary(library, "扶贫") == before + 1
    library.remove(doc_id)
    assert matches(library, "search_bigrams", unique) == 0
    assert vocabulary(library, "扶贫") == before
    assert vocabulary(library, "独一无二") == 0  # counts that reach 0 go


def test_clear_empties_every_table_inside_the_transaction(tmp_path: Path) -> None:
    with Library(tmp_path / "lib") as library:
        conn: sqlite3.Connection = library.db.conn
        with pytest.raises(RuntimeError), library.db.atomic():
            index.clear(conn)
            assert matches(library, "search_bigrams", bigram_tokens("扶贫")) == 0
            assert conn.execute("SELECT count(*) FROM search_vocab").fetchone()[0] == 0
            raise RuntimeError("roll back")
        assert matches(library, "search_bigrams", bigram_tokens("扶贫")) > 0  # rolled back whole
