"""Citations in every style: on the seed, on every corpus document (golden
citations, checked by hand against GB/T 7714-2015), and the reference-manager
styles parsed back by the libraries Zotero-like tools are built on."""

import json
import os
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.document.citations import (
    MIME_TYPES,
    cite_figure,
    cite_paragraph,
    deep_link,
    locator,
    range_locator,
)
from app.document.model import Document
from app.document.parser import parse_file
from app.document.styles import STYLES
from app.errors import BaipishuError
from tests.conftest import CORPUS, ROOT, SEED_ID, TEXT_DOCUMENTS, needs_corpus, paragraph_starting

ACCESSED = date(2026, 12, 1)
GOLDEN = ROOT / "tests" / "data" / "citations"


def test_locator_counts_within_the_innermost_unit(seed: Document) -> None:
    p = paragraph_starting(seed, "审计监督:")
    assert p.index == 37  # the 37th of the fragment, but the 5th of its box
    assert locator(p) == (
        "三、实施精准扶贫方略 / (二)加强领导、建强队伍,解决“谁来扶”的问题 / 专栏6 脱贫攻坚监督体系，第5段"
    )


def test_placeholders_are_never_printed_as_headings(seed: Document) -> None:
    # Chapter 二 of the white paper starts before this fragment: its heading
    # and that of its section (二) are not in the text.
    p = paragraph_starting(seed, "经济持续快速发展。")
    assert p.path == ("二、", "(二)") and p.unplaced == 2
    place = locator(p)
    assert place == f"节选第{p.index}段，段首“经济持续快速发展”"
    assert "二、" not in place and "(二)" not in place
    text = cite_paragraph(seed.metadata, p, "plain").text
    assert text.startswith("“经济持续快速发展。")
    assert text.endswith(
        f"（中华人民共和国国务院新闻办公室《人类减贫的中国实践》白皮书（2021年4月6日，节选），{place}）"
    )


def test_a_known_section_inside_a_placeholder_chapter_is_named(seed: Document) -> None:
    p = paragraph_starting(seed, "脱贫攻坚既是一场深刻的物质革命")
    assert locator(p) == "(三)脱贫群众精神风貌焕然一新，第1段"


def test_lead_sentence_named_with_the_paragraph(seed: Document) -> None:
    p = paragraph_starting(seed, "发展生产脱贫一批。")
    assert (
        locator(p) == "三、实施精准扶贫方略 / (三)区分类别、靶向施策,解决“怎么扶”的问题，第2段，段首“发展生产脱贫一批”"
    )
    assert locator(p, reference=True).endswith(", 第2段")  # an entry names the place only


def test_range_of_paragraphs(seed: Document) -> None:
    first, second = paragraph_starting(seed, "扶贫必先识贫。"), paragraph_starting(seed, "科学制定贫困识别")
    assert range_locator(first, second) == "三、实施精准扶贫方略 / (一)精准识别、建档立卡,解决“扶持谁”的问题，第1–2段"
    box = paragraph_starting(seed, "光伏扶贫电站是以扶贫为目的")
    across = range_locator(second, box)
    assert across.startswith("三、实施精准扶贫方略 / (一)") and "至三、实施精准扶贫方略 / (三)" in across
    assert across.endswith("专栏7 光伏扶贫和电商扶贫，第1段")
    early = [paragraph_starting(seed, "基本公共服务水平明显提升。"), paragraph_starting(seed, "经济持续快速发展。")]
    assert range_locator(*early) == "节选第1–2段"
    cited = cite_paragraph(seed.metadata, first, "plain", quote="扶贫必先识贫。……科学制定", last=second).text
    assert cited.endswith("，第1–2段）")


def test_gbt7714_entry(seed: Document) -> None:
    figure = next(f for f in seed.figures if f.text == "1865万千瓦")
    paragraph = next(p for p in seed.paragraphs if p.id == figure.paragraph)
    quote, reference = cite_figure(seed.metadata, figure, paragraph, "gbt7714").text.split("\n\n")
    assert quote == f"“{figure.sentence}”[1]"
    assert reference == (
        "[1] 中华人民共和国国务院新闻办公室. 人类减贫的中国实践（节选）[R]. 北京: 中华人民共和国国务院新闻办公室, "
        "2021: 三、实施精准扶贫方略 / (三)区分类别、靶向施策,解决“怎么扶”的问题 / 专栏7 光伏扶贫和电商扶贫, 第1段."
    )
    assert "，第" not in reference  # the entry's own punctuation is half-width


def test_gbt7714_online_source_and_unknown_publication(seed: Document) -> None:
    p = paragraph_starting(seed, "审计监督:")
    online = replace(seed.metadata, url="https://www.gov.cn/zhengce/2021-04/06/content_5597952.htm")
    entry = cite_paragraph(online, p, "gbt7714", accessed=ACCESSED).text.split("\n\n")[1]
    assert "[R/OL]" in entry
    assert entry.endswith(", 第5段(2021-04-06)[2026-12-01]. https://www.gov.cn/zhengce/2021-04/06/content_5597952.htm.")
    unknown = replace(seed.metadata, issuer="", release_date="", place="", excerpt=False)
    entry = cite_paragraph(unknown, p, "gbt7714").text.split("\n\n")[1]
    assert entry.startswith("[1] 佚名. 人类减贫的中国实践[R]. [出版地不详]: [出版者不详], [出版年不详]: 三、")
    assert ".:" not in entry


def test_markdown_has_deep_link_official_link_and_escapes(seed: Document) -> None:
    p = seed.paragraphs[0]
    citation = cite_paragraph(seed.metadata, p, "markdown", quote="a*b [x] <y>")
    assert citation.link == deep_link(SEED_ID, p.id) == f"baipishu://{SEED_ID}/{p.id}"
    assert citation.text.startswith(r"> a\*b \[x\] \<y\>")
    assert f"[{citation.link}](<{citation.link}>)" in citation.text
    online = replace(seed.metadata, url="https://www.gov.cn/x.htm")
    assert "[官方原文](<https://www.gov.cn/x.htm>)" in cite_paragraph(online, p, "markdown").text


@pytest.mark.parametrize("style", ["plain", "gbt7714", "markdown"])
def test_html_is_rich_text_with_escaped_document_text(seed: Document, style: str) -> None:
    p = seed.paragraphs[0]
    online = replace(seed.metadata, url="https://www.gov.cn/x.htm")
    citation = cite_paragraph(online, p, style, quote="<b>x</b> & “y”")  # type: ignore[arg-type]
    assert "<b>x</b>" not in citation.html and "&lt;b&gt;x&lt;/b&gt; &amp;" in citation.html
    assert '<a href="https://www.gov.cn/x.htm">' in citation.html
    assert f'<a href="{citation.link}">' in citation.html
    # Markdown's quote mark is markup, not text shown.
    assert not re.search(r">&gt; ", citation.html) and ("<blockquote>" in citation.html) == (style == "markdown")
    assert citation.mime is None


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
    for style in ("plain", "gbt7714"):
        text = cite_paragraph(seed.metadata, p, style).text
        assert text.startswith("“懂农业、爱农村、爱农民的‘三农’工作队伍") and "“三农”" not in text


def test_ris_parses_back(seed: Document) -> None:
    import rispy

    p = paragraph_starting(seed, "审计监督:")
    citation = cite_paragraph(seed.metadata, p, "ris")
    (entry,) = rispy.loads(citation.text)
    assert entry["type_of_reference"] == "RPRT"
    assert entry["title"] == "人类减贫的中国实践（节选）"
    assert entry["authors"] == ["中华人民共和国国务院新闻办公室"]
    assert (entry["year"], entry["date"], entry["place_published"]) == ("2021", "2021/04/06/", "北京")
    assert entry["urls"] == [citation.link]
    (note,) = entry["notes"]
    assert note.startswith(locator(p) + "：“审计监督:")
    assert citation.mime == MIME_TYPES["ris"] and citation.html.startswith("<pre>")


def _csl_names(rnc: str, pattern: str) -> set[str]:
    return set(re.findall(pattern, rnc))


def test_csl_json_is_valid_and_renders(seed: Document) -> None:
    """Checked against the CSL schema's item types and variables (as shipped
    with citeproc-py), then read and rendered by citeproc-py itself."""
    import citeproc
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    schema = Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles"
    types = _csl_names((schema / "csl-types.rnc").read_text(encoding="utf-8"), r'"([a-z-]+)"')
    variables = _csl_names((schema / "csl-variables.rnc").read_text(encoding="utf-8"), r'"([A-Za-z-]+)"')
    p = paragraph_starting(seed, "审计监督:")
    citation = cite_paragraph(replace(seed.metadata, number="X-1"), p, "csl-json")
    (item,) = json.loads(citation.text)
    assert item["type"] in types == types and item["type"] == "report"
    assert set(item) - {"id", "type", "language"} <= variables
    assert item["author"] == [{"literal": "中华人民共和国国务院新闻办公室"}]
    assert item["issued"] == {"date-parts": [[2021, 4, 6]]}
    source = CiteProcJSON(json.loads(citation.text))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = str(bibliography.bibliography()[0])
    assert "人类减贫的中国实践" in rendered and "2021" in rendered and "中华人民共和国国务院新闻办公室" in rendered


def test_bibtex_parses_back(seed: Document) -> None:
    import bibtexparser

    p = paragraph_starting(seed, "审计监督:")
    citation = cite_paragraph(replace(seed.metadata, url="https://www.gov.cn/a_b.htm"), p, "bibtex")
    library = bibtexparser.parse_string(citation.text)  # type: ignore[attr-defined]
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "techreport"
    assert entry["author"] == "{中华人民共和国国务院新闻办公室}"  # one body, not "last, first"
    assert entry["title"] == "人类减贫的中国实践（节选）" and entry["year"] == "2021"
    assert entry["url"] == "https://www.gov.cn/a_b.htm"  # an address is not TeX text
    assert entry["note"].startswith(locator(p))


def _golden_cases() -> list[tuple[str, str]]:
    return [(name, style) for name in TEXT_DOCUMENTS for style in STYLES]


def _cited(name: str, style: str) -> str:
    document = parse_file(CORPUS / name)
    # One paragraph from the middle of the text: in an article, a section or
    # a box, wherever it falls; with a short quote so the files stay legible.
    paragraph = document.paragraphs[len(document.paragraphs) // 2]
    return cite_paragraph(document.metadata, paragraph, style, quote=paragraph.text[:40], accessed=ACCESSED).text  # type: ignore[arg-type]


@needs_corpus
@pytest.mark.parametrize(("name", "style"), _golden_cases())
def test_golden_citations(name: str, style: str) -> None:
    """Each corpus document cited in every style, as checked by hand once
    (GB/T 7714-2015: 主要责任者. 题名: 其他题名信息[类型]. 出版地: 出版者,
    出版年: 引文位置). ``BAIPISHU_WRITE_GOLDEN=1`` writes them again, to be
    read by eye before they are committed."""
    path = GOLDEN / f"{Path(name).stem}.{style}.txt"
    cited = _cited(name, style)
    if os.environ.get("BAIPISHU_WRITE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(cited, encoding="utf-8")
    assert path.exists(), f"no golden citation {path.name}: run with BAIPISHU_WRITE_GOLDEN=1 and check it"
    assert cited == path.read_text(encoding="utf-8")
