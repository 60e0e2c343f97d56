-- Full-text search over paragraphs (see docs/decisions/0001-search-engine.md).
-- All three tables are contentless: their rowid is paragraphs.row, and the
-- text they index is recomputed from paragraphs.text when rows are deleted.

-- Candidates for terms of 3+ characters: trigrams of the normalised text.
CREATE VIRTUAL TABLE search_trigram USING fts5(
    body, content='', tokenize='trigram', detail='none'
);

-- Exact matches for 1-2 character terms: every character and every pair of
-- adjacent characters of the normalised text, as hex tokens.
CREATE VIRTUAL TABLE search_grams USING fts5(
    body, content='', tokenize='unicode61', detail='none'
);

-- Ranking only: the segmenter's words (heading = lead sentence and innermost
-- heading of the paragraph), for whole-word matches and bm25.
CREATE VIRTUAL TABLE search_words USING fts5(
    heading, body, content='', tokenize='unicode61 remove_diacritics 0'
);

-- The library's words with their pinyin, for pinyin queries and suggestions.
CREATE TABLE search_vocab (
    word TEXT PRIMARY KEY,
    freq INTEGER NOT NULL,
    pinyin TEXT NOT NULL,
    initials TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX search_vocab_by_pinyin ON search_vocab (pinyin);
CREATE INDEX search_vocab_by_initials ON search_vocab (initials);
