"""The search panel: one searcher for the search thread's life, closed with
the window; stale searches dropped; results named in the count."""

from app.ui.main_window import MainWindow
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
