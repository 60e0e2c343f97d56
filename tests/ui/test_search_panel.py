"""The search panel: one searcher for the search thread's life, closed with
the window; stale searches dropped; results named in the count."""

from app.ui.main_window import MainWindow
from app.ui.search_panel import SEARCH_DEBOUNCE_MS
from tests.ui.test_main_window import _search


def test_one_searcher_for_the_search_threads_life_closed_with_the_window(qtbot, window: MainWindow) -> None:
    for query in ("扶贫", "光伏", "小额信贷"):
        _search(qtbot, window, query)
        window.search_box.clear()
    panel = window.search
    # The thread never expires while the window is open (a pool thread's
    # default is 30 s idle), so its searcher is the only one ever opened.
    assert panel._pool.expiryTimeout() == -1
    (searcher,) = panel._searcher_of_thread.values()
    window.close()
    assert not panel._searcher_of_thread
    try:
        searcher.db.execute("SELECT 1")
    except Exception as exc:  # closed: its connection is gone
        assert "closed" in str(exc).lower()
    else:
        raise AssertionError("the searcher's connection is still open")


def test_the_count_names_paragraphs_and_headings(qtbot, window: MainWindow) -> None:
    result = _search(qtbot, window, "贫困")
    assert result.heading_total > 0
    assert window.search_count.text().startswith(f"共 {result.total} 段；标题 {result.heading_total} 处")
    assert window.hit_model.rowCount() == len(result.headings) + len(result.hits)


def test_a_suggestion_is_a_link_that_searches_for_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    result = _search(qtbot, window, "光浮")
    assert result.total == 0 and result.suggestions[0] == "光伏"
    text = window.search_count.text()
    assert "您是不是要找" in text and ">光伏</a>" in text
    with qtbot.waitSignal(window.search_shown, timeout=5000) as shown:
        window.search_count.linkActivated.emit(text.split("href='")[1].split("'")[0])
    assert window.search_box.text() == "光伏" and shown.args[0].total > 0


def test_an_empty_result_says_why_when_it_can(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # 9899 is a figure of the part this reprint lacks.
    result = _search(qtbot, window, "9899")
    assert result.total == 0 and "本文是节选" in window.search_count.text()
    window.kind_filter.setCurrentIndex(window.kind_filter.findData("box"))
    window.search_box.clear()
    result = _search(qtbot, window, "第一书记")
    assert result.total == 0 and f"筛选条件之外另有 {result.elsewhere} 段" in window.search_count.text()
    assert result.elsewhere == 3
    window.kind_filter.setCurrentIndex(0)


def test_the_search_box_s_examples_all_find_something(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The placeholder's examples (issue 17: "小额 信贷" found nothing)."""
    examples = window.search_box.placeholderText().split("：", 1)[1].split("、")
    assert len(examples) == 4
    for example in examples:
        window.search_box.clear()
        assert _search(qtbot, window, example).total > 0, example
    window.search._pool.waitForDone(5000)  # (no search left to answer a closed window)
    qtbot.wait(SEARCH_DEBOUNCE_MS * 2)
    window.search._pool.waitForDone(5000)
