"""Progress reports of long work (imports, rebuilds): ``(done, total)`` calls.

A callback may raise to stop the work (the UI's Cancel does): every caller
reports from inside its transaction, so stopping rolls everything back.
"""

from collections.abc import Callable

ProgressCallback = Callable[[int, int], None]

# How often the parser and the store report (lines or rows between reports).
REPORT_EVERY = 2000
# An import's stages as shares of one bar (per mille), from measured times of
# a 20 MB import: parsing 27 %, storing 31 %, indexing 42 %.
IMPORT_SCALE = 1000
IMPORT_STAGES = {"parse": (0, 270), "store": (270, 580), "index": (580, 1000)}


def stage(progress: ProgressCallback | None, name: str) -> ProgressCallback | None:
    """A callback for one stage of an import, reporting on the whole bar."""
    if progress is None:
        return None
    start, end = IMPORT_STAGES[name]

    def report(done: int, total: int) -> None:
        progress(start + (end - start) * done // max(total, 1), IMPORT_SCALE)

    return report
