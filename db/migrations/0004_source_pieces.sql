-- A document's source text is kept in pieces (about 1 MB each) instead of
-- one documents.source_text value, so that an import writes it and a rebuild
-- reads it a piece at a time: a 100 MB document never sits in memory whole.
CREATE TABLE source_pieces (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (document, seq)
);
INSERT INTO source_pieces (document, seq, text) SELECT id, 0, source_text FROM documents;
ALTER TABLE documents DROP COLUMN source_text;
