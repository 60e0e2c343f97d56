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
    """The toneless pinyin syllables of ``word`` (characters without pinyin
    are skipped). A word that is not in the phrase table is cut into the
    longest phrases it begins with, as pypinyin itself does (forward maximum
    matching): 薄弱环节 → 薄弱 + 环节 → bo ruo huan jie."""
    chars, phrases = _tables()
    spelled: list[str] = []
    start = 0
    while start < len(word):
        for end in range(len(word), start + 1, -1):
            phrase = phrases.get(word[start:end])
            if phrase is not None:
                spelled.extend(_plain(readings[0]) for readings in phrase)
                start = end
                break
        else:
            syllable = _char_syllable(word[start])
            if syllable:
                spelled.append(syllable)
            start += 1
    return tuple(spelled)


@cache
def _char_syllable(char: str) -> str:
    readings = _tables()[0].get(ord(char))
    return _plain(readings.split(",")[0]) if readings else ""
