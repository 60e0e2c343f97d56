"""Chinese numerals and paragraph endings."""

from hypothesis import given
from hypothesis import strategies as st

from app.document.numerals import chinese_to_int, ends_paragraph, int_to_chinese


def test_chinese_to_int() -> None:
    cases = {"一": 1, "十": 10, "十二": 12, "二十": 20, "二十三": 23, "一百零五": 105, "７": 7, "12": 12}
    assert {text: chinese_to_int(text) for text in cases} == cases
    assert chinese_to_int("专") is None
    assert chinese_to_int("") is None


@given(st.integers(min_value=1, max_value=999))
def test_round_trip(number: int) -> None:
    assert chinese_to_int(int_to_chinese(number)) == number


def test_ends_paragraph() -> None:
    assert ends_paragraph("句子。")
    assert ends_paragraph("“好日子是干出来的”。")
    assert ends_paragraph("引语。”")
    assert ends_paragraph("列表项;")
    assert ends_paragraph("English sentence.")
    assert not ends_paragraph("贫困老年")
    assert not ends_paragraph("见(专栏4)")
    assert not ends_paragraph("")
