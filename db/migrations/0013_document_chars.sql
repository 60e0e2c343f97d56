-- How many characters a document's text holds, kept with the document: the
-- library list summed the stored text for it on every call, reading a 50 MB
-- library whole (86 ms a call, twice at every start).
ALTER TABLE documents ADD COLUMN chars INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET chars = (
    SELECT coalesce(sum(length(s.text)), 0) FROM source_pieces s WHERE s.document = documents.id
);
