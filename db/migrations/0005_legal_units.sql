-- The units of laws and of documents issued with a notice become nodes of the
-- tree: 编/分编 (part), 序言 (preface), 条 (article) and its 项 (item), 附件
-- (annex), a 目录 block (toc). SQLite cannot change a CHECK constraint in
-- place: the table is made again with the same columns and rows.
CREATE TABLE nodes_new (
    document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    ord INTEGER NOT NULL,
    parent TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('part', 'preface', 'annex', 'toc', 'chapter', 'section', 'article', 'item', 'topic', 'box')),
    number TEXT,
    title TEXT NOT NULL,
    label TEXT NOT NULL,
    inferred INTEGER NOT NULL,
    heading TEXT,
    repeated INTEGER NOT NULL DEFAULT 0,  -- a copy of a heading at the same place
    PRIMARY KEY (document, id)
);
INSERT INTO nodes_new (document, id, ord, parent, kind, number, title, label, inferred, heading)
SELECT document, id, ord, parent, kind, number, title, label, inferred, heading FROM nodes;
DROP TABLE nodes;
ALTER TABLE nodes_new RENAME TO nodes;
