"""Background work for the UI: one helper, results delivered on the GUI thread.

``run_in_background(op, on_done, on_error)`` runs ``op`` in a pool thread;
``on_done(result)`` or ``on_error(exception)`` then run in the GUI thread
through a queued signal. With ``on_progress``, ``op`` gets a ``report(done,
total)`` function whose reports reach ``on_progress`` on the GUI thread
(none after the outcome). Searches, imports and loads all go through it; the
worker never touches widgets.
"""

import gc
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

# How long the GUI thread waits for a worker to leave emit() (it takes
# microseconds; the bound only keeps a stuck worker from freezing the window).
EMIT_WAIT_S = 5.0


class _Relay(QObject):
    """Carries a worker's outcome and progress to the GUI thread (it lives there)."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, op: Callable[[], Any], relay: _Relay, emitted: threading.Event) -> None:
        super().__init__()
        self._op = op
        self._relay = relay
        self._emitted = emitted

    def run(self) -> None:
        try:
            result = self._op()
        except BaseException as exc:  # delivered to on_error, never lost
            self._relay.failed.emit(exc)
        else:
            self._relay.finished.emit(result)
        # The GUI thread waits for this before it handles the outcome: the
        # queued signal can be delivered while this thread is still inside
        # emit() (holding PySide's signal lock, waiting for the GIL), and a
        # slot that then connects, disconnects or emits would deadlock.
        self._emitted.set()


# Objects freed per step by release_gradually(), and the pause between steps.
RELEASE_CHUNK = 2000
RELEASE_PAUSE_S = 0.001


def release_gradually(*containers: Any) -> None:
    """Free large containers (tuples, lists, dicts of a million objects) a
    chunk at a time in a thread of their own: freeing them at once holds the
    interpreter for as long as it takes (300 ms for a 50 MB document), and
    the window stops meanwhile, whichever thread does it.

    The caller hands over its references: it must not keep any.
    """
    pieces = [list(c.values()) if isinstance(c, dict) else list(c) for c in containers if c]
    del containers  # (the containers go now; their items, a chunk at a time, below)

    def release() -> None:
        for items in pieces:
            while items:
                del items[-RELEASE_CHUNK:]
                time.sleep(RELEASE_PAUSE_S)

    threading.Thread(target=release, name="release", daemon=True).start()


_relays: set[_Relay] = set()
_collector_pauses = 0
_collector_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a worker builds a large
    result (a 50 MB document is a million objects): each full collection
    would walk them all, with every thread stopped, and the window froze for
    100 ms at a time. The objects are kept out of later collections too
    (``gc.freeze``): they are long-lived and hold no cycles."""
    global _collector_pauses
    with _collector_lock:
        _collector_pauses += 1
        gc.disable()
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pauses -= 1
            if not _collector_pauses:
                gc.freeze()
                gc.enable()


def run_in_background(
    op: Callable[..., Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    *,
    on_progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
) -> None:
    """Run ``op`` off the GUI thread; report back on the GUI thread.

    Args:
        op: the work; called as ``op(report)`` when ``on_progress`` is
            given, else ``op()``.
        on_done: gets ``op``'s result.
        on_error: gets what ``op`` raised.
        on_progress: gets each ``report(done, total)``, in order, until the
            outcome is delivered (a report still queued then is dropped).
        pool: the thread pool (default: Qt's global one).
    """
    relay = _Relay()
    _relays.add(relay)  # keep it alive until the job reports
    emitted = threading.Event()
    ended = False

    def done(result: object) -> None:
        nonlocal ended
        emitted.wait(EMIT_WAIT_S)  # (releases the GIL: the worker finishes its emit)
        ended = True
        _relays.discard(relay)
        on_done(result)

    def failed(exc: object) -> None:
        nonlocal ended
        emitted.wait(EMIT_WAIT_S)
        ended = True
        _relays.discard(relay)
        on_error(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))

    relay.finished.connect(done)
    relay.failed.connect(failed)
    work: Callable[[], Any] = op
    if on_progress is not None:

        def progressed(done_count: int, total: int) -> None:
            if not ended:
                on_progress(done_count, total)

        relay.progressed.connect(progressed)

        def work() -> Any:
            return op(relay.progressed.emit)

    (pool or QThreadPool.globalInstance()).start(_Job(work, relay, emitted))
