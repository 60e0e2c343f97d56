"""One SQLite connection with the few conveniences the storage layer needs.

Reads and transactions go through plain :mod:`sqlite3` (rows as dicts,
savepoint-aware transactions); sqlite-utils is reached through
:meth:`Database.utils` where it does real work (inserting rows from dicts,
introspecting a foreign or damaged file), and so is imported only then: its
import costs about 0.1–0.2 s, which the window's start would otherwise pay
(see docs/decisions/0007-sqlite-utils.md).
"""

import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils


class Database:
    """A connection (``conn``) and its helpers; one per thread.

    Args:
        conn: an open :class:`sqlite3.Connection`.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._utils: sqlite_utils.Database | None = None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement."""
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """The rows of a query as dicts, read lazily."""
        cursor = self.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def table_names(self) -> list[str]:
        """The names of the tables (virtual ones included)."""
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    @contextmanager
    def atomic(self) -> Iterator["Database"]:
        """One transaction; a nested block is a savepoint inside it. An
        exception (a cancelled import included) rolls the block back."""
        if self.conn.in_transaction:
            savepoint = f"sp_{uuid.uuid4().hex}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def utils(self) -> "sqlite_utils.Database":
        """The same connection as a :class:`sqlite_utils.Database` (imported
        on first use)."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()
