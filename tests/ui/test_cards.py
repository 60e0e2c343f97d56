"""Cards are built from escaped document strings, with their marks."""

from PySide6.QtGui import QPalette

from app.document.model import Document, Figure
from app.search.searcher import Hit
from app.ui.cards import figure_html, hit_html, marked


def test_marked_escapes_and_marks() -> None:
    html = marked("a<b>c&d", [(1, 4)], "#ff0")
    assert html == "a<span style='background-color:#ff0'>&lt;b&gt;</span>c&amp;d"


def test_hit_card_escapes_every_part(qapp) -> None:
    hit = Hit(
        document="d",
        paragraph="p1",
        index=3,
        kind="box",
        box="<专栏>",
        path=("<i>章</i>",),
        snippet="x<img src=x>y",
        marks=((1, 11),),
        score=1.0,
        whole_word=True,
    )
    html = hit_html(hit, QPalette())
    assert "<img" not in html and "<i>章" not in html and "<专栏>" not in html
    assert "&lt;img src=x</span>&gt;y" in html and "第3段" in html


def test_figure_card_shows_value_and_unit(qapp, seed: Document) -> None:
    figure: Figure = seed.figures[0]
    html = figure_html(figure, QPalette())
    assert "10.8万所" in html and "108,000" in html and "所" in html
    assert figure.sentence.split("10.8万所")[0][-5:] in html


def test_figure_card_place_names_no_placeholder(qapp, seed: Document) -> None:
    early = seed.figures[0]  # in chapter 二, whose headings the fragment lacks
    assert early.path == ("二、", "(二)") and early.unplaced == 2
    html = figure_html(early, QPalette())
    assert "二、" not in html and "(二)" not in html and "节选开头部分" in html
    boxed = next(f for f in seed.figures if f.text == "1865万千瓦")
    html = figure_html(boxed, QPalette())
    assert html.count("专栏7") == 1 and "(三)区分类别" in html  # the place once, without a repeated badge


def test_a_selected_card_is_tinted_not_filled(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """On the full selection colour, a card's grey place line and its marks
    could not be read: a selected card is tinted, with a bar at its edge."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

    view = window.figure_cards
    index = window.figure_proxy.index(0, 0)
    delegate = view.itemDelegate()
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index).adjusted(0, 0, 0, 0) if view.visualRect(index).isValid() else option.rect
    option.rect.setSize(delegate.sizeHint(option, index))
    option.rect.moveTo(0, 0)
    option.state |= QStyle.StateFlag.State_Selected
    image = QImage(option.rect.size(), QImage.Format.Format_RGB32)
    image.fill(view.palette().color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    delegate.paint(painter, option, index)
    painter.end()
    highlight = view.palette().color(QPalette.ColorRole.Highlight).rgb()
    pixels = [image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)]
    assert sum(p == highlight for p in pixels) / len(pixels) < 0.1  # (the bar only)
    assert image.pixel(1, image.height() // 2) == highlight


def test_a_hit_names_its_place_once_and_a_figure_its_value_once(qapp, seed: Document) -> None:
    from app.ui.cards import hit_place

    boxed = Hit(
        "d",
        "p1",
        42,
        "box",
        "专栏7",
        ("三、实施", "(三)区分", "专栏7 光伏扶贫和电商扶贫"),
        "光伏",
        ((0, 2),),
        1.0,
        True,
    )
    assert hit_place(boxed) == "[专栏7 光伏扶贫和电商扶贫]"
    body = Hit("d", "p2", 5, "body", None, ("一、总则", "(一)要求"), "文字", ((0, 2),), 1.0, True)
    assert hit_place(body) == "[正文] (一)要求"
    percent = next(f for f in seed.figures if f.text == "98%")
    assert "= 98" not in figure_html(percent, QPalette())
    assert "= 108,000" in figure_html(seed.figures[0], QPalette())  # (10.8万所: said as a number)
