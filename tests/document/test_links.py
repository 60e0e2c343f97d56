"""Deep links are parsed strictly and refused politely."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.document.links import MAX_LINK_CHARS, Link, is_link, parse_link
from app.errors import BaipishuError
from tests.ledger import Ledger


def test_valid_links() -> None:
    assert parse_link("baipishu://renlei-jianpin-2021/p2d14939758") == Link("renlei-jianpin-2021", "p2d14939758")
    assert parse_link(" baipishu://doc-1a2b3c4d5e/p2d14939758.3/ ").paragraph == "p2d14939758"
    assert is_link("baipishu://x") and not is_link("扶贫")


@pytest.mark.parametrize(
    "link",
    [
        "baipishu://",
        "baipishu://doc",
        "baipishu://../../etc/passwd",
        "baipishu://doc/../p2d14939758",
        "baipishu://doc/p2d14939758/extra",
        "baipishu://doc/<script>",
        "https://example.com/x/y",
        "baipishu://doc/p" + "0" * 5000,
        "baipishu:" + "a" * (MAX_LINK_CHARS + 1),
        "baipishu://文档/p2d14939758",
        "baipishu://doc/javascript:alert(1)",
        "baipishu://file:///etc/p2d14939758",
    ],
)
def test_bad_links_are_refused(link: str, ledger: Ledger) -> None:
    with ledger.attempt("bad inputs", "bad deep link, refused"):
        with pytest.raises(BaipishuError, match="不是有效的 Baipishu 链接"):
            parse_link(link)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=300))
def test_fuzzed_links_parse_safely_or_are_refused(ledger: Ledger, tail: str) -> None:
    """Anything after the scheme: a link of plain ids (no path, no markup), or
    a polite refusal; nothing else escapes."""
    with ledger.attempt("bad inputs", "fuzzed deep link"):
        try:
            link = parse_link("baipishu://" + tail)
        except BaipishuError:
            return
        for part in (link.document, link.paragraph):
            # Ids only ever key database rows; no "/" or markup can get through.
            assert part and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", part), link
