"""Progress reports of long work (imports, rebuilds): ``(done, total)`` calls.

A callback may raise to stop the work (the UI's Cancel does): every caller
reports from inside its transaction, so stopping rolls everything back.
"""

from collections.abc import Callable

ProgressCallback = Callable[[int, int], None]

# An import's stages as shares of one bar (per mille), from measured times of
# a 100 MB import: reading (checking the encoding, hashing) 0.2 %, parsing and
# storing 48 %, indexing 52 % (reading gets a visible 1 %).
IMPORT_SCALE = 1000
IMPORT_STAGES = {"read": (0, 10), "parse": (10, 490), "index": (490, 1000)}


def stage(progress: ProgressCallback | None, name: str) -> ProgressCallback | None:
    """A callback for one stage of an import, reporting on the whole bar."""
    if progress is None:
        return None
    start, end = IMPORT_STAGES[name]

    def report(done: int, total: int) -> None:
        progress(start + (end - start) * done // max(total, 1), IMPORT_SCALE)

    return report
