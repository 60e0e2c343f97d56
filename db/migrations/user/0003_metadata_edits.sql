-- What the user changed in a document's metadata (title, issuer, date, 文号,
-- genre...): one row per field. It overrides what was inferred from the text,
-- and lives here so that a rebuild or an upgrade of the content keeps it.
CREATE TABLE metadata_edits (
    document TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document, field)
);
