"""The user's own data: bookmarks, notes and metadata edits, in ``user.sqlite`` beside the
library's content. It has its own schema and migrations and is never rebuilt:
rebuilding or replacing the content keeps it, since it names paragraphs by
their stable ids."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.paths import migrations_dir
from app.storage import content as store
from app.storage.database import Database

USER_FILE = "user.sqlite"


def user_migrations_dir() -> Path:
    """The user data's schema migrations."""
    return migrations_dir() / "user"


@dataclass(frozen=True)
class Bookmark:
    """A bookmarked paragraph.

    Attributes:
        document: the document id.
        paragraph: the paragraph id.
        label: how the bookmark is named.
        created_at: when it was made (ISO, UTC).
        text: the paragraph's text when it was bookmarked (None for bookmarks
            made before it was kept), to anchor it again by text.
        missing: the library no longer has the paragraph (the bookmark is
            kept, and shown as such).
        note: what the user wrote about it ("" for none).
    """

    document: str
    paragraph: str
    label: str
    created_at: str
    text: str | None = None
    missing: bool = False
    note: str = ""


@dataclass(frozen=True)
class Note:
    """A highlight of part of a paragraph, with the user's note.

    Attributes:
        id: its number in the user data.
        document: the document id.
        paragraph: the paragraph id.
        start: where the highlighted text starts in the paragraph's text.
        end: where it ends (not included).
        quote: the highlighted text.
        text: the paragraph's text when it was made (to anchor it again).
        color: its colour's name (see ``NOTE_COLORS`` of the service).
        note: what the user wrote about it ("" for a bare highlight).
        created_at: when it was made (ISO, UTC).
        updated_at: when it was last changed.
    """

    id: int
    document: str
    paragraph: str
    start: int
    end: int
    quote: str
    text: str
    color: str
    note: str
    created_at: str
    updated_at: str


_NOTE_COLUMNS = "id, document, paragraph, start, end, quote, text, color, note, created_at, updated_at"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class UserData:
    """Bookmarks and notes of one library folder.

    Args:
        directory: the library folder (created when missing).
    """

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / USER_FILE
        self._db: Database = store.connect(self.path, schema=user_migrations_dir())
        self._owner = threading.get_ident()
        self._local = threading.local()

    @property
    def db(self) -> Database:
        """The calling thread's connection (see :meth:`thread_connection`)."""
        connection: Database | None = getattr(self._local, "db", None)
        return connection if connection is not None else self._db

    @contextmanager
    def thread_connection(self) -> Iterator[None]:
        """Give a thread other than the one that opened the file its own
        connection for the length of a call (SQLite connections belong to
        one thread)."""
        if threading.get_ident() == self._owner or getattr(self._local, "db", None) is not None:
            yield
            return
        self._local.db = store.connect(self.path, schema=user_migrations_dir())
        try:
            yield
        finally:
            self._local.db.close()
            self._local.db = None

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()

    def bookmarks(self, document: str | None = None) -> list[Bookmark]:
        """Bookmarks, newest first (of one document, or all)."""
        where, params = ("WHERE document = ?", [document]) if document else ("", [])
        return [
            Bookmark(**row)
            for row in self.db.query(
                f"SELECT document, paragraph, label, created_at, text, note FROM bookmarks {where} "
                "ORDER BY created_at DESC, rowid DESC",
                params,
            )
        ]

    def is_bookmarked(self, document: str, paragraph: str) -> bool:
        """Whether a paragraph is bookmarked."""
        row = self.db.execute(
            "SELECT 1 FROM bookmarks WHERE document = ? AND paragraph = ?", [document, paragraph]
        ).fetchone()
        return row is not None

    def add_bookmark(self, document: str, paragraph: str, label: str, text: str | None = None) -> None:
        """Bookmark a paragraph (again: keeps the first one)."""
        with self.db.atomic():
            self.db.execute(
                "INSERT OR IGNORE INTO bookmarks (document, paragraph, label, created_at, text) VALUES (?, ?, ?, ?, ?)",
                [document, paragraph, label, datetime.now(UTC).isoformat(timespec="microseconds"), text],
            )

    def keep_bookmark_text(self, document: str, paragraph: str, text: str) -> None:
        """Record a bookmark's paragraph text where it has none yet."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE bookmarks SET text = ? WHERE document = ? AND paragraph = ? AND text IS NULL",
                [text, document, paragraph],
            )

    def move_bookmark(self, document: str, old: str, new: str) -> None:
        """Point a bookmark at another paragraph id (its text, anchored again);
        a bookmark already on ``new`` is kept instead."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE OR IGNORE bookmarks SET paragraph = ? WHERE document = ? AND paragraph = ?",
                [new, document, old],
            )

    def set_bookmark_note(self, document: str, paragraph: str, note: str) -> None:
        """Write (or clear, with "") a bookmark's note."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE bookmarks SET note = ? WHERE document = ? AND paragraph = ?", [note, document, paragraph]
            )

    def rename_bookmark(self, document: str, paragraph: str, label: str) -> None:
        """Give a bookmark another name."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE bookmarks SET label = ? WHERE document = ? AND paragraph = ?", [label, document, paragraph]
            )

    def remove_bookmark(self, document: str, paragraph: str) -> None:
        """Remove a bookmark."""
        with self.db.atomic():
            self.db.execute("DELETE FROM bookmarks WHERE document = ? AND paragraph = ?", [document, paragraph])

    def toggle_bookmark(self, document: str, paragraph: str, label: str, text: str | None = None) -> bool:
        """Add or remove a bookmark; return whether it is now bookmarked."""
        if self.is_bookmarked(document, paragraph):
            self.remove_bookmark(document, paragraph)
            return False
        self.add_bookmark(document, paragraph, label, text)
        return True

    def notes(self, document: str | None = None) -> list[Note]:
        """Highlights and notes (of one document, or all), in the order they
        were made."""
        where, params = ("WHERE document = ?", [document]) if document else ("", [])
        return [Note(**row) for row in self.db.query(f"SELECT {_NOTE_COLUMNS} FROM notes {where} ORDER BY id", params)]

    def note(self, note_id: int) -> Note | None:
        """The note ``note_id``, or None."""
        rows = list(self.db.query(f"SELECT {_NOTE_COLUMNS} FROM notes WHERE id = ?", [note_id]))
        return Note(**rows[0]) if rows else None

    def add_note(
        self, document: str, paragraph: str, start: int, end: int, quote: str, text: str, color: str, note: str = ""
    ) -> int:
        """Record a highlight (with a note); return its id."""
        now = _now()
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO notes (document, paragraph, start, end, quote, text, color, note, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [document, paragraph, start, end, quote, text, color, note, now, now],
            )
        return int(cursor.lastrowid or 0)

    def update_note(self, note_id: int, *, note: str | None = None, color: str | None = None) -> None:
        """Change a highlight's note or colour."""
        with self.db.atomic():
            if note is not None:
                self.db.execute("UPDATE notes SET note = ?, updated_at = ? WHERE id = ?", [note, _now(), note_id])
            if color is not None:
                self.db.execute("UPDATE notes SET color = ?, updated_at = ? WHERE id = ?", [color, _now(), note_id])

    def move_note(self, note_id: int, paragraph: str, start: int, end: int) -> None:
        """Anchor a highlight again (its paragraph has a new id or text)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE notes SET paragraph = ?, start = ?, end = ? WHERE id = ?", [paragraph, start, end, note_id]
            )

    def remove_note(self, note_id: int) -> None:
        """Remove a highlight and its note."""
        with self.db.atomic():
            self.db.execute("DELETE FROM notes WHERE id = ?", [note_id])

    def metadata_edits(self, document: str | None = None) -> dict[str, dict[str, str]]:
        """The user's metadata edits: {document: {field: value}}."""
        where, params = ("WHERE document = ?", [document]) if document else ("", [])
        edits: dict[str, dict[str, str]] = {}
        for row in self.db.query(f"SELECT document, field, value FROM metadata_edits {where}", params):
            edits.setdefault(row["document"], {})[row["field"]] = row["value"]
        return edits

    def set_metadata_edits(self, document: str, fields: dict[str, str | None]) -> None:
        """Record edits of a document's metadata; a None value drops the
        field's edit (the inferred value shows again)."""
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        with self.db.atomic():
            for name, value in fields.items():
                if value is None:
                    self.db.execute("DELETE FROM metadata_edits WHERE document = ? AND field = ?", [document, name])
                else:
                    self.db.execute(
                        "INSERT INTO metadata_edits (document, field, value, updated_at) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (document, field) DO UPDATE SET value = excluded.value, "
                        "updated_at = excluded.updated_at",
                        [document, name, value, now],
                    )
