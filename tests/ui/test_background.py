"""Background work reports on the GUI thread, results and errors alike."""

import threading

from app.ui.background import run_in_background


def test_result_and_error_arrive_on_the_gui_thread(qtbot) -> None:
    gui = threading.get_ident()
    seen: list[tuple[str, object, bool]] = []

    def work() -> int:
        assert threading.get_ident() != gui
        return 42

    def fail() -> int:
        raise ValueError("nope")

    run_in_background(work, lambda r: seen.append(("done", r, threading.get_ident() == gui)), print)
    run_in_background(fail, seen.append, lambda e: seen.append(("error", str(e), threading.get_ident() == gui)))
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert sorted(seen) == [("done", 42, True), ("error", "nope", True)]


def test_progress_arrives_in_order_on_the_gui_thread_and_never_after_the_end(qtbot) -> None:
    gui = threading.get_ident()
    reports: list[tuple[int, int, bool]] = []
    ended: list[int] = []

    def work(report) -> int:  # type: ignore[no-untyped-def]
        for done in range(1, 51):
            report(done, 50)
        return 7

    def on_done(result: int) -> None:
        ended.append(len(reports))

    run_in_background(
        work, on_done, print, on_progress=lambda d, n: reports.append((d, n, threading.get_ident() == gui))
    )
    qtbot.waitUntil(lambda: bool(ended))
    qtbot.wait(50)
    assert [d for d, _, _ in reports] == list(range(1, len(reports) + 1))  # in order, none lost before the end
    assert all(on_gui for _, _, on_gui in reports)
    assert len(reports) == ended[0]  # nothing after the outcome


def test_large_containers_are_released_a_piece_at_a_time_off_the_gui_thread(qtbot) -> None:
    import gc
    import weakref

    from app.ui.background import release_gradually

    class Item:
        pass

    items = [Item() for _ in range(10_000)]
    last = weakref.ref(items[-1])
    first = weakref.ref(items[0])
    release_gradually(tuple(items), {n: item for n, item in enumerate(items)})
    del items
    assert last() is not None  # (not freed at once, here)
    qtbot.waitUntil(lambda: first() is None and last() is None, timeout=5000)
    gc.collect()
