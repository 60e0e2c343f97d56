-- What a file says of itself besides its text (a page's <meta> tags: title,
-- publication date, source; a Word file's title), as JSON: a rebuild reads
-- the stored text again with them, as the import did.
ALTER TABLE originals ADD COLUMN hints TEXT NOT NULL DEFAULT '{}';
