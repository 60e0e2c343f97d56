-- Headings and document titles are searchable: one row per heading (a node's
-- heading, or a document's title when node is NULL), with the paragraph a hit
-- on it opens (the first one under it). Derived from the content by the
-- indexer, like the search tables; the FTS table is contentless, its rowid is
-- headings.row, and its values are recomputed from headings.text to delete.
CREATE TABLE headings (
    row INTEGER PRIMARY KEY,
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    node TEXT,
    paragraph_row INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX headings_by_document ON headings (document);

-- One character: unigrams; two or more: the phrase of their pairs (as for
-- paragraphs, so a heading matches exactly where the term occurs).
CREATE VIRTUAL TABLE search_headings USING fts5(
    unigrams, bigrams, content='', tokenize='ascii', detail='full'
);
