"""Citations in the three styles, on the seed."""

import pytest

from app.document.citations import cite_figure, cite_paragraph, deep_link, locator
from app.document.model import Document
from app.errors import BaipishuError
from tests.conftest import SEED_ID, paragraph_starting


def test_locator_names_chapter_section_box_and_paragraph(seed: Document) -> None:
    p = paragraph_starting(seed, "审计监督:")
    assert locator(p) == (
        f"三、实施精准扶贫方略 / (二)加强领导、建强队伍,解决“谁来扶”的问题 / 专栏6 脱贫攻坚监督体系，第{p.index}段"
    )


def test_plain(seed: Document) -> None:
    p = paragraph_starting(seed, "经济持续快速发展。")
    text = cite_paragraph(seed.metadata, p, "plain").text
    assert text.startswith("“经济持续快速发展。")
    assert "中华人民共和国国务院新闻办公室《人类减贫的中国实践》白皮书（2021年4月6日）" in text
    assert text.endswith(f"二、 / (二)，第{p.index}段）")


def test_gbt7714(seed: Document) -> None:
    figure = next(f for f in seed.figures if f.text == "1865万千瓦")
    paragraph = next(p for p in seed.paragraphs if p.id == figure.paragraph)
    citation = cite_figure(seed.metadata, figure, paragraph, "gbt7714")
    quote, reference = citation.text.split("\n\n")
    assert quote == f"“{figure.sentence}”[1]"
    assert reference.startswith(
        "[1] 中华人民共和国国务院新闻办公室. 人类减贫的中国实践[R]. 北京: "
        "中华人民共和国国务院新闻办公室, 2021: 三、实施精准扶贫方略"
    )
    assert "专栏7 光伏扶贫和电商扶贫" in reference
    assert reference.endswith(f"第{paragraph.index}段.")


def test_markdown_has_deep_link_and_escapes(seed: Document) -> None:
    p = seed.paragraphs[0]
    citation = cite_paragraph(seed.metadata, p, "markdown", quote="a*b [x] <y>")
    assert citation.link == deep_link(SEED_ID, p.id) == f"baipishu://{SEED_ID}/{p.id}"
    assert citation.text.startswith(r"> a\*b \[x\] \<y\>")
    assert f"[{citation.link}](<{citation.link}>)" in citation.text


def test_figure_citation_quotes_its_sentence(seed: Document) -> None:
    figure = next(f for f in seed.figures if f.text == "99.48%")
    paragraph = next(p for p in seed.paragraphs if p.id == figure.paragraph)
    text = cite_figure(seed.metadata, figure, paragraph, "plain").text
    assert text.startswith("“贫困地区公共文化服务水平不断提高,截至2020年底,")
    assert "99.48%" in text
    assert "2013年以来" not in text  # the previous sentence is not quoted


def test_unknown_style(seed: Document) -> None:
    with pytest.raises(BaipishuError):
        cite_paragraph(seed.metadata, seed.paragraphs[0], "apa")  # type: ignore[arg-type]


def test_quotes_inside_a_quotation_are_nested(seed: Document) -> None:
    p = paragraph_starting(seed, "懂农业、爱农村、爱农民的“三农”工作队伍")
    text = cite_paragraph(seed.metadata, p, "plain").text
    assert text.startswith("“懂农业、爱农村、爱农民的‘三农’工作队伍") and "“三农”" not in text
    gbt = cite_paragraph(seed.metadata, p, "gbt7714").text
    assert gbt.startswith("“懂农业、爱农村、爱农民的‘三农’工作队伍")


def test_gbt7714_punctuation_and_unknown_publication(seed: Document) -> None:
    from dataclasses import replace

    p = paragraph_starting(seed, "审计监督:")
    reference = cite_paragraph(seed.metadata, p, "gbt7714").text.split("\n\n")[1]
    assert f", 第{p.index}段." in reference and "，第" not in reference  # the entry's own punctuation
    unknown = replace(seed.metadata, issuer="", release_date="", place="")
    entry = cite_paragraph(unknown, p, "gbt7714").text.split("\n\n")[1]
    assert entry.startswith("[1] 佚名. 人类减贫的中国实践[R]: 三、") and ".:" not in entry
