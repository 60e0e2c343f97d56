"""The query language: only spaces, "…", -term and OR are operators."""

from hypothesis import given
from hypothesis import strategies as st

from app.search.query import MAX_QUERY_CHARS, parse_query


def groups(text: str) -> list[list[str]]:
    return [[t.normal for t in g] for g in parse_query(text).groups]


def test_and_or_phrase_exclude() -> None:
    assert groups("扶贫 脱贫") == [["扶贫"], ["脱贫"]]
    assert groups("光伏 OR 电商 扶贫") == [["光伏", "电商"], ["扶贫"]]
    assert groups('"小额 信贷"') == [["小额 信贷"]]
    query = parse_query('扶贫 -专栏 -"电商 扶贫"')
    assert [t.normal for t in query.excluded] == ["专栏", "电商 扶贫"]


def test_everything_else_is_text() -> None:
    assert groups("“三农”") == [["“三农”"]]
    assert groups("NEAR(a b)") == [["near(a"], ["b)"]]
    assert groups("* : ^") == [["*"], [":"], ["^"]]
    assert groups("-") == [["-"]]
    assert groups("OR") == [["or"]]
    assert groups("扶贫 OR") == [["扶贫"], ["or"]]
    assert groups('"-5%"') == [["-5%"]]


def test_unbalanced_quote_runs_to_end() -> None:
    assert groups('"小额 信贷') == [["小额 信贷"]]
    assert parse_query('"').empty


def test_normalised_terms_keep_their_text() -> None:
    ((term,),) = parse_query("扶貧１９９８ＡＢＣ").groups
    assert term.text == "扶貧１９９８ＡＢＣ"
    assert term.normal == "扶贫1998abc"


def test_long_queries_are_cut_and_flagged() -> None:
    query = parse_query("扶" * 10_000)
    assert query.truncated
    assert len(query.groups[0][0].normal) == MAX_QUERY_CHARS


@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    query = parse_query(text)
    for term in query.positive + query.excluded:
        assert term.normal.strip()
