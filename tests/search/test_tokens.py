"""Tokens shared by the index and the searcher: UTF-16 code units in hex."""

from app.search.tokens import bigram_tokens, normal_heading, pair_tokens, unigram_tokens, unit_tokens


def test_units_and_pairs_of_chinese_text() -> None:
    assert unit_tokens("扶贫") == ["6276", "8d2b"]
    assert pair_tokens("扶贫困") == ["62768d2b", "8d2b56f0"]
    assert unigram_tokens("扶贫") == "6276 8d2b"
    assert bigram_tokens("扶贫困") == "62768d2b 8d2b56f0"


def test_a_character_outside_the_bmp_is_two_units() -> None:
    text = "𠀀a"  # U+20000, a surrogate pair in UTF-16
    assert len(unit_tokens(text)) == 3
    assert pair_tokens(text) == ["d840dc00", "dc000061"]


def test_a_term_is_a_phrase_inside_the_text() -> None:
    """The pairs of a term occur, in order, inside the pairs of any text
    holding it: that is what makes a phrase query exact."""
    text, term = "农村贫困人口全部脱贫", "贫困人口"
    joined, phrase = " ".join(pair_tokens(text)), " ".join(pair_tokens(term))
    assert phrase in joined
    assert " ".join(pair_tokens("困贫")) not in joined


def test_heading_of_a_paragraph() -> None:
    assert normal_heading("扶貧。", '["一、总则", "（一）分则"]') == "扶贫。 (一)分则"
    assert normal_heading(None, "[]") == ""
