"""Back and forward across places and documents."""

from pathlib import Path

from app.ui.history import History, Place
from app.ui.main_window import MainWindow


def test_history_goes_back_and_forward_and_a_new_jump_drops_the_forward_places() -> None:
    history = History(limit=5)
    a, b, c, d = (Place("doc", p) for p in "abcd")
    history.visit(a, b)
    history.visit(b, c)
    assert history.back() == b and history.back() == a and history.back() is None
    assert history.forward() == b
    history.visit(b, d)  # from b, elsewhere: c is gone
    assert history.forward() is None and history.back() == b and history.forward() == d
    for n in range(10):
        history.visit(None, Place("doc", f"x{n}"))
    steps = 0
    while history.back() is not None:
        steps += 1
    assert steps == 4  # (five places kept)


def test_back_returns_to_the_other_document_in_one_step(qtbot, window: MainWindow, tmp_path: Path) -> None:
    seed = window.document
    assert seed is not None
    window.open_paragraph(seed.paragraphs[20].id)
    other = window.library.import_text("关于测试的通知\n\n一、总则\n\n第一段。\n\n第二段。\n", source_name="t.txt")
    target = window.library.document(other).paragraphs[1]
    window.show_document(other)
    window.open_paragraph(target.id)  # a hit in another document: one jump
    window.go_back()
    assert window.document_id == seed.id and window.reader.current_paragraph() == seed.paragraphs[20].id
    window.go_forward()
    assert window.document_id == other and target.id in window.reader.visible_paragraphs()
    window.go_forward()  # nothing further: stays
    assert window.document_id == other
