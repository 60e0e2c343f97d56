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
