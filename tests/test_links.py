"""Deep links are parsed strictly and refused politely."""

import pytest

from app.errors import BaipishuError
from app.links import MAX_LINK_CHARS, Link, is_link, parse_link


def test_valid_links() -> None:
    assert parse_link("baipishu://renlei-jianpin-2021/p2d14939758") == Link("renlei-jianpin-2021", "p2d14939758")
    assert parse_link(" baipishu://doc-1a2b3c4d5e/p2d14939758.3/ ").paragraph == "p2d14939758"
    assert is_link("baipishu://x") and not is_link("扶贫")


@pytest.mark.parametrize(
    "link",
    [
        "baipishu://", "baipishu://doc", "baipishu://../../etc/passwd", "baipishu://doc/../p2d14939758",
        "baipishu://doc/p2d14939758/extra", "baipishu://doc/<script>", "https://example.com/x/y",
        "baipishu://doc/p" + "0" * 5000, "baipishu:" + "a" * (MAX_LINK_CHARS + 1), "baipishu://文档/p2d14939758",
        "baipishu://doc/javascript:alert(1)", "baipishu://file:///etc/p2d14939758",
    ],
)
def test_bad_links_are_refused(link: str) -> None:
    with pytest.raises(BaipishuError, match="不是有效的 Baipishu 链接"):
        parse_link(link)
