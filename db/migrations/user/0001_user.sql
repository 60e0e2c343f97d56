-- The user's own data, kept apart from the rebuildable content: a rebuild, an
-- update of the bundled documents or a damaged content file never touches it.
-- Rows name paragraphs by (document, paragraph id); ids are stable.

CREATE TABLE bookmarks (
    document TEXT NOT NULL,
    paragraph TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (document, paragraph)
);

CREATE TABLE notes (
    document TEXT NOT NULL,
    paragraph TEXT NOT NULL,
    text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document, paragraph)
);
