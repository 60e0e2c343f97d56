"""Errors the user may see.

Every error raised on purpose by the core derives from :class:`BaipishuError`
and carries one clear sentence in the user's language (see :mod:`app.i18n`).
Front ends print that sentence; they never show a traceback for these.
"""


class BaipishuError(Exception):
    """An expected failure with a message meant for the user."""


class DocumentError(BaipishuError):
    """A file cannot be read as a document (encoding, empty, binary...)."""


class NotFoundError(BaipishuError):
    """A document, paragraph or figure id that the library does not hold."""


class AmbiguousError(NotFoundError):
    """A bare id that several documents share: the message lists the
    ``DOCUMENT/ID`` choices."""


class LibraryError(BaipishuError):
    """The library database cannot be opened or written."""


class SchemaTooNewError(LibraryError):
    """The library was written by a newer Baipishu (never set aside: it is fine)."""


class LibraryUnavailableError(LibraryError):
    """The library cannot be used here and now (a read-only folder or disk,
    another program's lock, a full disk): never set aside, it is not damaged."""
