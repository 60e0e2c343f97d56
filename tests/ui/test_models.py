"""The item models over the core's values, on the bundled document."""

from PySide6.QtCore import QModelIndex, Qt

from app.document.model import INFERRED_NOTE, Document
from app.ui.models import (
    INFERRED_SUFFIX,
    BoxModel,
    FigureModel,
    FigureProxy,
    ParagraphRole,
    TocModel,
    ValueRole,
    box_cards,
    node_label,
)


def test_the_tree_holds_every_node_under_its_parent(qapp, seed: Document) -> None:
    model = TocModel()
    model.set_document(seed)
    seen: list[str] = []

    def walk(parent: QModelIndex, parent_id: str | None) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            node = model.node(index)
            assert node is not None and node.parent == parent_id
            assert model.parent(index) == parent
            seen.append(node.id)
            walk(index, node.id)

    walk(QModelIndex(), None)
    assert seen == [n.id for n in seed.nodes]  # reading order, each once
    placeholder = model.index(0, 0)
    assert model.data(placeholder) == "二、（前文未收录）"
    assert model.data(placeholder, Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert model.data(placeholder, ParagraphRole) == seed.paragraphs[0].id


def test_placeholder_note_is_the_models(seed: Document) -> None:
    assert INFERRED_SUFFIX == INFERRED_NOTE  # the catalogue's entry is the model's note
    inferred = next(n for n in seed.nodes if n.inferred)
    assert node_label(inferred) == inferred.shown_label


def test_figures_filtered_by_unit_and_sorted_by_value(qapp, seed: Document) -> None:
    model = FigureModel()
    model.set_items(list(seed.figures))
    proxy = FigureProxy()
    proxy.setSourceModel(model)
    proxy.setFilterFixedString("亿元")
    shown = [proxy.index(r, 0).data(ValueRole) for r in range(proxy.rowCount())]
    assert shown and all("亿元" in f.text for f in shown)
    assert [f.id for f in shown] == [f.id for f in seed.figures if "亿元" in f.text]  # reading order
    proxy.set_by_value(True)
    values = [proxy.index(r, 0).data(ValueRole).value for r in range(proxy.rowCount())]
    assert values == sorted(values, reverse=True)


def test_box_cards_name_their_mentions(qapp, seed: Document) -> None:
    cards = box_cards(seed)
    assert [c.name for c in cards] == ["专栏4", "专栏5", "专栏6", "专栏7", "专栏8", "专栏9"]
    box7 = cards[3]
    assert all("专栏7" in p.text for p in box7.mentions) and box7.mentions
    model = BoxModel()
    model.set_items(cards)
    assert model.data(model.index(3, 0)).startswith("专栏7 光伏扶贫和电商扶贫")
    assert model.data(model.index(3, 0), ParagraphRole) == box7.paragraphs[0].id


def test_a_repeated_copy_is_greyed_and_says_so(qapp) -> None:
    from app.document.parser import parse_text

    text = "通知\n\n一、总则\n\n正文一。\n\n二、分则\n\n正文二。\n\n一、总则\n\n正文一。\n"
    document = parse_text(text)
    model = TocModel()
    model.set_document(document)
    first, _, copy = (model.index(row, 0) for row in range(3))
    assert model.data(first) == "一、总则" and model.data(first, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(copy) == "一、总则（重复）"
    assert model.data(copy, Qt.ItemDataRole.ForegroundRole) is not None
