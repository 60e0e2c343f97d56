-- Where a paragraph is in terms a reader can check: its position within its
-- innermost unit, and how many of its path's first labels are placeholders
-- for headings that are not in the text (a fragment). Set by the parser.
ALTER TABLE paragraphs ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE paragraphs ADD COLUMN unplaced INTEGER NOT NULL DEFAULT 0;
ALTER TABLE figures ADD COLUMN unplaced INTEGER NOT NULL DEFAULT 0;
