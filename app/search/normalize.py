"""Search normalisation: full-/half-width (NFKC), traditional → simplified, case.

Text and queries go through the same character-by-character mapping, so a
query matches whatever spelling the document uses: 扶貧 finds 扶贫, １９９８ finds
1998, ＡＢＣ finds abc. Mapping each character on its own (rather than OpenCC's
phrase conversion) keeps the two sides consistent and lets a match in the
normalised text be mapped back to the original characters for snippets.
"""

import json
import re
import sys
import threading
import unicodedata
from functools import cache
from pathlib import Path

from app.paths import resources_dir

# The table as a frozen build ships it, made at build time from the same
# Unicode data and OpenCC (so a built app needs neither OpenCC nor the 0.1 s
# it takes to make the table).
TABLE_FILE = "normalize-table.json"

_lock = threading.Lock()


@cache
def _table() -> dict[int, str]:
    """The translation table: every BMP character whose normal form differs."""
    bundled = resources_dir() / TABLE_FILE
    if getattr(sys, "frozen", False) and bundled.exists():
        return {int(code): form for code, form in json.loads(bundled.read_text(encoding="utf-8")).items()}
    return make_table()


def make_table() -> dict[int, str]:
    """Compute the translation table from Unicode data (NFKC) and OpenCC."""
    import opencc

    chars = [chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF]
    compat = [unicodedata.normalize("NFKC", char) for char in chars]
    ideographs = sorted({c for form in compat for c in form if _is_ideograph(c)})
    # One OpenCC call over all ideographs, one per line, so that no phrase
    # rule fires and each character maps on its own.
    simplified = opencc.OpenCC("t2s").convert("\n".join(ideographs)).split("\n")
    to_simplified = dict(zip(ideographs, simplified, strict=True))
    table: dict[int, str] = {}
    for char, form in zip(chars, compat, strict=True):
        normal = "".join(to_simplified.get(c, c) for c in form).casefold()
        if normal != char:
            table[ord(char)] = normal
    return table


@cache
def _length_changing() -> re.Pattern[str]:
    """Matches any character whose normal form is not exactly one character."""
    changing = sorted(chr(code) for code, form in _table().items() if len(form) != 1)
    return re.compile("[" + "".join(re.escape(char) for char in changing) + "]")


def _is_ideograph(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def write_table(path: Path) -> None:
    """Write the table for a frozen build (see :data:`TABLE_FILE`)."""
    path.write_text(
        json.dumps({str(code): form for code, form in make_table().items()}, ensure_ascii=False), encoding="utf-8"
    )


def warm_up() -> None:
    """Build the table now (it takes about 0.1 s), e.g. in a background thread."""
    with _lock:
        _table()


def normalize(text: str) -> str:
    """The search form of ``text`` (may differ in length from ``text``)."""
    with _lock:
        table = _table()
    return text.translate(table)


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """The search form of ``text`` and, for each of its characters, the index
    of the character of ``text`` it comes from (plus one final entry)."""
    with _lock:
        table = _table()
        changing = _length_changing()
    if not changing.search(text):
        # The usual case: one character in, one out; offsets are the identity.
        return text.translate(table), list(range(len(text) + 1))
    parts: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        form = table.get(ord(char), char)
        parts.append(form)
        origin.extend([index] * len(form))
    origin.append(len(text))
    return "".join(parts), origin
