"""The model's own behaviour: box names and mentions, lookups, JSON shapes."""

from app.document.model import INFERRED_NOTE, Document, Node, box_mentions, box_name


def test_box_names_and_mentions() -> None:
    assert box_name("７") == box_name(7) == box_name("07") == "专栏7"
    text = "见专栏 7 和专栏１２，不是专栏。"
    assert list(box_mentions(text)) == [(1, 5, "专栏7"), (7, 11, "专栏12")]
    assert [text[s:e] for s, e, _ in box_mentions(text)] == ["专栏 7", "专栏１２"]


def test_lookups(seed: Document) -> None:
    first_of_box7 = next(p for p in seed.paragraphs if p.box == "专栏7")
    assert seed.box_paragraph("专栏7") == first_of_box7.id
    assert seed.box_paragraph("专栏99") is None
    assert {p.id for p in seed.mentions_of("专栏7")} == {p.id for p in seed.paragraphs if "专栏7" in p.refs}
    assert seed.truncated_at == seed.paragraphs[-1].id
    chapter = next(n for n in seed.nodes if n.kind == "chapter" and not n.inferred)
    assert seed.node(chapter.id) == chapter
    assert all(child.parent == chapter.id for child in seed.children(chapter.id))


def test_placeholder_labels() -> None:
    placeholder = Node(id="c2", kind="chapter", number="二", title="", label="二、", parent=None, inferred=True)
    assert placeholder.shown_label == "二、" + INFERRED_NOTE
    real = Node(id="c3", kind="chapter", number="三", title="章", label="三、章", parent=None)
    assert real.shown_label == "三、章"


def test_figure_json(seed: Document) -> None:
    data = seed.figures[0].to_dict()
    assert data["text"] == "10.8万所" and data["value"] == 108000 and data["approximate"] is False
    assert isinstance(data["path"], list)
