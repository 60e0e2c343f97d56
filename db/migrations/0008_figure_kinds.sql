-- What a figure is besides its value: a statistic or a law's threshold, the
-- noun it counts, and the change it is one end of (从A增长到B). Set by the parser.
ALTER TABLE figures ADD COLUMN kind TEXT NOT NULL DEFAULT 'statistic';
ALTER TABLE figures ADD COLUMN counts TEXT;
ALTER TABLE figures ADD COLUMN change_from TEXT;
ALTER TABLE figures ADD COLUMN change_to TEXT;
ALTER TABLE figures ADD COLUMN direction TEXT;
CREATE INDEX figures_by_value ON figures (unit, value);
