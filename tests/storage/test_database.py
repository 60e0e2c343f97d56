"""The storage layer's connection: dict rows, nested transactions, and
sqlite-utils loaded only where it works."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.storage.database import Database
from tests.conftest import ROOT


@pytest.fixture()
def db(tmp_path: Path) -> Database:
    database = Database(sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None))
    database.execute("CREATE TABLE t (x INTEGER, y TEXT)")
    return database


def values(db: Database) -> list[int]:
    return [row["x"] for row in db.query("SELECT x FROM t ORDER BY x")]


def test_query_gives_dicts(db: Database) -> None:
    db.execute("INSERT INTO t VALUES (1, 'a')")
    assert list(db.query("SELECT * FROM t")) == [{"x": 1, "y": "a"}]
    assert db.table_names() == ["t"]


def test_a_failed_block_rolls_back(db: Database) -> None:
    with pytest.raises(ZeroDivisionError), db.atomic():
        db.execute("INSERT INTO t VALUES (1, 'a')")
        _ = 1 / 0
    assert values(db) == []
    assert not db.conn.in_transaction


def test_a_nested_block_is_a_savepoint(db: Database) -> None:
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1, 'outer')")
        with pytest.raises(KeyError), db.atomic():
            db.execute("INSERT INTO t VALUES (2, 'inner')")
            raise KeyError("inner fails")
        with db.atomic():
            db.execute("INSERT INTO t VALUES (3, 'inner ok')")
    assert values(db) == [1, 3]


def test_commit_failure_rolls_back(tmp_path: Path) -> None:
    """A deferred foreign-key violation fails at COMMIT: nothing is kept."""
    db = Database(sqlite3.connect(tmp_path / "fk.sqlite", isolation_level=None))
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    db.execute("CREATE TABLE child (parent REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)")
    with pytest.raises(sqlite3.IntegrityError), db.atomic():
        db.execute("INSERT INTO child VALUES (42)")
    assert not db.conn.in_transaction
    assert list(db.query("SELECT * FROM child")) == []


def test_utils_is_sqlite_utils_on_the_same_connection(db: Database) -> None:
    db.utils().table("t").insert({"x": 7, "y": "via sqlite-utils"})
    assert values(db) == [7]
    assert db.utils() is db.utils()


def test_opening_and_reading_a_library_does_not_import_sqlite_utils(tmp_path: Path) -> None:
    """The window's start path (open the library, list and load documents,
    search) runs on plain sqlite3; writing is what loads sqlite-utils."""
    folder = str(tmp_path / "lib")
    opened = f"import sys; from pathlib import Path; from app.library import Library; lib = Library(Path({folder!r}))"
    build = subprocess.run(
        [sys.executable, "-c", f"{opened}; lib.close(); print('sqlite_utils' in sys.modules)"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert build.stdout.strip() == "True"  # the first open stores the bundled text
    read = (
        f"{opened}; [lib.document(d.id) for d in lib.documents()]; lib.searcher().search('扶贫'); "
        "lib.close(); print('sqlite_utils' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", read], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False", result.stderr
