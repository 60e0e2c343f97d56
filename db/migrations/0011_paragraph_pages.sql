-- The page of the PDF a paragraph begins on (NULL for other formats): the
-- locator a reader checks in the official PDF (第12页). Set by the parser.
ALTER TABLE paragraphs ADD COLUMN page INTEGER;
-- The original file of a document imported from another format than text
-- (a PDF, a Word file, a saved page), kept whole, and what it was: the text
-- read from it is the stored source, so a rebuild never needs the file.
ALTER TABLE documents ADD COLUMN format TEXT NOT NULL DEFAULT 'text';
CREATE TABLE originals (
    document TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    data BLOB NOT NULL
);
