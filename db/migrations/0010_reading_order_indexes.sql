-- A document's units and figures are read in their order, and the start of
-- a large one by its first paragraphs (Library.document_start): indexed, so
-- that neither is a scan and a sort of the whole document.
CREATE INDEX nodes_by_ord ON nodes (document, ord);
CREATE INDEX figures_by_ord ON figures (document, ord);
CREATE INDEX figures_by_paragraph ON figures (document, paragraph);
