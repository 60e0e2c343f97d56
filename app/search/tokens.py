"""The index's tokens, shared by the write side (:mod:`app.search.index`)
and the read side (:mod:`app.search.searcher`): both must cut text the same
way, so they take it from here.

"""

import json
import re
from functools import lru_cache

from app.search.normalize import normalize

# Tokens are UTF-16 code units in hex (4 digits each): fixed width, so a pair
# of units is just 8 digits, made by C code (encode, hex, regex) rather than a
# Python loop over characters. A character outside the BMP is two units; the
# phrase of its unit pairs still matches exactly where it occurs.
_UNIT = re.compile(r".{4}")
_PAIR = re.compile(r"(?=(.{8})).{4}")


def units_hex(normal: str) -> str:
    """``normal`` as UTF-16 code units, each 4 hex digits."""
    return normal.encode("utf-16-be", "surrogatepass").hex()


def unit_tokens(normal: str) -> list[str]:
    """The code units of ``normal`` as tokens, in order."""
    return _UNIT.findall(units_hex(normal))


def unigram_tokens(normal: str) -> str:
    """The code units of ``normal`` as tokens, 4 hex digits each (C code only:
    repeats are left to the table, whose detail=none keeps one per row)."""
    return normal.encode("utf-16-be", "surrogatepass").hex(" ", 2)


def pair_tokens(normal: str) -> list[str]:
    """The pairs of adjacent code units of ``normal`` as tokens, in order."""
    return _PAIR.findall(units_hex(normal))


def bigram_tokens(normal: str) -> str:
    """The pairs of adjacent code units of ``normal``, in order, as one string."""
    return " ".join(_PAIR.findall(units_hex(normal)))


@lru_cache(maxsize=4096)
def normal_heading(lead: str | None, path: str) -> str:
    """The normalised heading a paragraph is ranked under (its lead sentence
    and innermost label), from the stored lead and path (JSON). Headings
    repeat for every paragraph of a section: each is computed once."""
    labels = json.loads(path)
    return normalize(" ".join(filter(None, [lead or "", labels[-1] if labels else ""])))
