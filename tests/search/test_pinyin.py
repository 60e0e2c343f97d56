"""Pinyin of the library's words, read from pypinyin's tables directly, must
agree with pypinyin's own public conversion."""

import re

import pytest
from pypinyin import Style, lazy_pinyin

from app.search import segmenter
from app.search.pinyin import syllables
from tests.conftest import ROOT, SEED

CORPUS = ROOT.parent / "shared" / "corpus"


def words_of(text: str) -> set[str]:
    segmenter.load()
    return {w for w in segmenter.words(text) if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w)}


def disagreements(words: set[str]) -> list[tuple[str, tuple[str, ...], list[str]]]:
    found = []
    for word in sorted(words):
        theirs = lazy_pinyin(word, style=Style.NORMAL, errors="ignore")
        if list(syllables(word)) != theirs:
            found.append((word, syllables(word), theirs))
    return found


def test_agrees_with_lazy_pinyin_on_the_seed() -> None:
    words = words_of(SEED.read_text(encoding="utf-8"))
    assert len(words) > 1000
    assert disagreements(words) == []


def test_agrees_with_lazy_pinyin_on_the_corpus() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent: the shared corpus is laid beside the project in CI")
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")))
    words = words_of(text)
    assert len(words) > 5000
    assert disagreements(words) == []


def test_known_readings() -> None:
    assert syllables("重庆") == ("chong", "qing")  # a polyphone in a known phrase
    assert syllables("薄弱环节") == ("bo", "ruo", "huan", "jie")  # phrases inside a word
    assert syllables("绿色") == ("lv", "se")  # ü is typed v
    assert syllables("光伏a") == ("guang", "fu")  # no pinyin: skipped
