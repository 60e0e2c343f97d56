-- Index build speed: FTS5 keeps up to 16 MB of new postings in memory per
-- table (default 1 MB) before writing a segment, so a large import writes
-- fewer, larger segments and merges less (measured: the build is faster and
-- the index smaller). The memory is only used while writing.
INSERT INTO search_unigrams (search_unigrams, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_bigrams (search_bigrams, rank) VALUES ('hashsize', 16777216);
INSERT INTO search_words (search_words, rank) VALUES ('hashsize', 16777216);
