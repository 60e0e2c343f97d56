-- Full-text search over paragraphs (see docs/decisions/0001-search-engine.md).
-- The FTS tables are contentless: their rowid is paragraphs.row, and the
-- values they index are recomputed from paragraphs.text to delete rows.
-- Tokens are hex code points, so every character (punctuation and spaces
-- included) is searchable and no tokenizer rule can drop or merge one.

-- Terms of 1 character: every character of the normalised text.
CREATE VIRTUAL TABLE search_unigrams USING fts5(
    body, content='', tokenize='ascii', detail='none'
);

-- Terms of 2+ characters: the pairs of adjacent characters, in order, so that
-- a phrase of a term's pairs matches exactly where the term occurs; bm25 on
-- it ranks substring matches (heading = lead sentence and innermost heading).
CREATE VIRTUAL TABLE search_bigrams USING fts5(
    body, heading, content='', tokenize='ascii', detail='full'
);

-- Ranking only: the segmenter's words of the text, to put whole-word matches
-- first (bm25 comes from the pair table, which keeps positions).
CREATE VIRTUAL TABLE search_words USING fts5(
    body, content='', tokenize='unicode61 remove_diacritics 0', detail='none'
);

-- The library's words (2-4 Chinese characters) with their pinyin, for pinyin
-- queries (guangfu → 光伏, by the primary key) and suggestions (gf → 光伏,
-- by a scan of the initials, only when a Latin query finds nothing).
CREATE TABLE search_vocab (
    pinyin TEXT NOT NULL,
    word TEXT NOT NULL,
    freq INTEGER NOT NULL,
    initials TEXT NOT NULL,
    PRIMARY KEY (pinyin, word)
) WITHOUT ROWID;
