"""SQLite errors, classified by their result codes in one place.

Python 3.11 gives every error raised by SQLite its code
(``sqlite_errorcode``, the extended code, and ``sqlite_errorname``); the
classes here are decided by the primary code, never by the English words of
the message, which differ between SQLite versions. Errors that Python's
``sqlite3`` raises itself (a closed connection, a wrong parameter count) have
no code and are :data:`ErrorKind` ``"other"``.
"""

import sqlite3
from typing import Literal

# Primary result codes (https://www.sqlite.org/rescode.html).
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_INTERRUPT = 9
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_TOOBIG = 18
SQLITE_NOTADB = 26

ErrorKind = Literal["locked", "full", "read_only", "cannot_open", "interrupted", "damaged", "other"]

_KINDS: dict[int, ErrorKind] = {
    SQLITE_BUSY: "locked",
    SQLITE_LOCKED: "locked",
    SQLITE_FULL: "full",
    SQLITE_IOERR: "full",  # a failing or full disk: nothing to set aside
    SQLITE_TOOBIG: "full",
    SQLITE_READONLY: "read_only",
    SQLITE_PERM: "read_only",
    SQLITE_CANTOPEN: "cannot_open",
    SQLITE_INTERRUPT: "interrupted",
    SQLITE_CORRUPT: "damaged",
    SQLITE_NOTADB: "damaged",
}

# The kinds that say the database cannot be used here and now (a read-only
# disk, another program's lock, a full disk), not that it is damaged: such a
# library is never set aside.
UNAVAILABLE_KINDS: frozenset[ErrorKind] = frozenset({"locked", "full", "read_only", "cannot_open"})


def primary_code(exc: sqlite3.Error) -> int | None:
    """The primary result code of an error SQLite raised (None for errors
    raised by Python's sqlite3 module itself)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def kind(exc: sqlite3.Error) -> ErrorKind:
    """What an SQLite error means for the program (see :data:`ErrorKind`)."""
    code = primary_code(exc)
    return "other" if code is None else _KINDS.get(code, "other")


def is_unavailable(exc: sqlite3.Error) -> bool:
    """Whether the database cannot be used here and now (not damaged)."""
    return kind(exc) in UNAVAILABLE_KINDS


def is_interrupted(exc: sqlite3.Error) -> bool:
    """Whether a statement was stopped by ``sqlite3_interrupt`` or by a
    progress handler (a cancelled search)."""
    return kind(exc) == "interrupted"
