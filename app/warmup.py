"""Getting search ready in the background at start-up (part of the service
layer, beside :mod:`app.library`).

The window starts this in a worker thread before it opens the library, so
that the segmenter's dictionary (about 0.2 s) and the normalisation table
(about 0.1 s) load while the panels are built. It is kept apart from
:mod:`app.library` on purpose: importing the library from the worker would
import the document modules while the window's thread imports them too, and
Python 3.11's ``importlib.util.LazyLoader`` (which the window uses for them)
is not safe across threads; one start-up hung there.
"""

from app.search import normalize, segmenter


def load_word_ranking() -> None:
    """Load what word-aware ranking and normalisation need (any thread, any
    number of times)."""
    normalize.warm_up()
    segmenter.load()


def word_ranking_loaded() -> bool:
    """Whether searches rank by words yet (see :func:`load_word_ranking`)."""
    return segmenter.is_loaded()
