"""Pinyin of words without tones, fast enough to run over a whole library.

pypinyin's own conversion costs tens of microseconds a word; indexing reads
its phrase table (for polyphones in known words: 重庆 → chongqing) and its
character table (first reading) directly, which is a few dict lookups.
"""

import unicodedata
from functools import cache, lru_cache


@cache
def _tables() -> tuple[dict[int, str], dict[str, list[list[str]]]]:
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    return pinyin_dict, phrases_dict


@cache
def _plain(syllable: str) -> str:
    """Remove tone marks: lǜ → lv (ü written v, as typed on keyboards)."""
    decomposed = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=100_000)
def syllables(word: str) -> tuple[str, ...]:
    """The toneless pinyin syllables of ``word`` (characters without pinyin are skipped)."""
    chars, phrases = _tables()
    phrase = phrases.get(word)
    if phrase is not None:
        return tuple(_plain(readings[0]) for readings in phrase)
    return tuple(filter(None, (_char_syllable(char) for char in word)))


@cache
def _char_syllable(char: str) -> str:
    readings = _tables()[0].get(ord(char))
    return _plain(readings.split(",")[0]) if readings else ""
