-- What a line is in a 公文 or a law besides text (文号, 主送机关, 落款, a law's
-- 通过/修正 history): null for ordinary paragraphs. Set by the parser.
ALTER TABLE paragraphs ADD COLUMN role TEXT;
