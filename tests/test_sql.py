"""SQLite errors are classified by their result codes, on real errors."""

import sqlite3
from pathlib import Path

import pytest

from app import sql


def _error(action) -> sqlite3.Error:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


def test_interrupted_by_a_progress_handler() -> None:
    conn = sqlite3.connect(":memory:")
    conn.set_progress_handler(lambda: 1, 1)
    exc = _error(
        lambda: conn.execute("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n")
    )
    assert sql.kind(exc) == "interrupted" and sql.is_interrupted(exc)
    assert not sql.is_unavailable(exc)


def test_not_a_database_is_damage(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not an SQLite file" * 200)
    exc = _error(lambda: sqlite3.connect(path).execute("SELECT * FROM sqlite_master"))
    assert sql.kind(exc) == "damaged" and not sql.is_unavailable(exc)


def test_read_only_file(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    reader = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    exc = _error(lambda: reader.execute("INSERT INTO t VALUES (1)"))
    assert sql.kind(exc) == "read_only" and sql.is_unavailable(exc)


def test_locked_by_another_connection(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0)
    exc = _error(lambda: other.execute("SELECT * FROM t"))
    assert sql.kind(exc) == "locked" and sql.is_unavailable(exc)
    holder.execute("ROLLBACK")


def test_full_database(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("PRAGMA max_page_count = 3")
    exc = _error(lambda: conn.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 50))
    assert sql.kind(exc) == "full" and sql.is_unavailable(exc)


def test_cannot_open(tmp_path: Path) -> None:
    exc = _error(lambda: sqlite3.connect(tmp_path / "missing" / "db.sqlite"))
    assert sql.kind(exc) == "cannot_open" and sql.is_unavailable(exc)


def test_errors_of_python_itself_have_no_code() -> None:
    conn = sqlite3.connect(":memory:")
    conn.close()
    exc = _error(lambda: conn.execute("SELECT 1"))
    assert sql.primary_code(exc) is None and sql.kind(exc) == "other"


def test_the_message_words_do_not_matter() -> None:
    """An error whose English message says "locked" but whose code is a
    constraint failure is not taken for a lock."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE locked (x UNIQUE)")
    conn.execute("INSERT INTO locked VALUES ('locked')")
    exc = _error(lambda: conn.execute("INSERT INTO locked VALUES ('locked')"))
    assert "locked" in str(exc) and sql.kind(exc) == "other"
