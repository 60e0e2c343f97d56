-- Highlights and notes: a stretch of a paragraph's text marked in a colour,
-- with the user's note (possibly empty). The paragraph's text and the quote
-- are kept, so that a highlight is anchored again by text when a new parser
-- gives its paragraph another id (as bookmarks are). The notes table of
-- 0001, never written to, makes way for it.
DROP TABLE notes;
CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL,
    paragraph TEXT NOT NULL,
    start INTEGER NOT NULL CHECK (start >= 0),
    end INTEGER NOT NULL CHECK (end > start),
    quote TEXT NOT NULL,
    text TEXT NOT NULL,          -- the paragraph's text when it was made
    color TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX notes_by_document ON notes (document, paragraph);
