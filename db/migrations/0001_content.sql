-- Content of the library: documents parsed from their sources, with their
-- tree, paragraphs, cross-references and figures. Everything here can be
-- rebuilt from documents.source_text (user data lives in another file).

CREATE TABLE library_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    metadata TEXT NOT NULL,          -- JSON object of app.model.Metadata
    title_line TEXT,
    fragment INTEGER NOT NULL,
    truncated INTEGER NOT NULL,
    page_markers TEXT NOT NULL,      -- JSON list of app.model.PageMarker
    bundled INTEGER NOT NULL DEFAULT 0,
    source_name TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    source_text TEXT NOT NULL,       -- kept so that a rebuild never needs the file
    position INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);

CREATE TABLE nodes (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    parent TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('chapter', 'section', 'topic', 'box')),
    number TEXT,
    title TEXT NOT NULL,
    label TEXT NOT NULL,
    inferred INTEGER NOT NULL,
    heading TEXT,
    PRIMARY KEY (document, id)
);

CREATE TABLE paragraphs (
    row INTEGER PRIMARY KEY,         -- stable rowid: the search index refers to it
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    node TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('body', 'box')),
    box TEXT,
    text TEXT NOT NULL,
    lead TEXT,
    path TEXT NOT NULL,              -- JSON list of labels
    joins INTEGER NOT NULL DEFAULT 0,
    UNIQUE (document, id)
);
CREATE INDEX paragraphs_by_id ON paragraphs (id);
CREATE UNIQUE INDEX paragraphs_by_ord ON paragraphs (document, ord);

CREATE TABLE refs (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    paragraph TEXT NOT NULL,
    box TEXT NOT NULL,
    PRIMARY KEY (document, paragraph, box)
);
CREATE INDEX refs_by_box ON refs (document, box);

CREATE TABLE figures (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    paragraph TEXT NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    value_max REAL,
    unit TEXT,
    qualifier TEXT,
    as_of TEXT,
    sentence TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    box TEXT,
    path TEXT NOT NULL,
    PRIMARY KEY (document, id)
);
CREATE INDEX figures_by_id ON figures (id);
