-- A bookmark's note: what the user wrote about the place ("" for none).
ALTER TABLE bookmarks ADD COLUMN note TEXT NOT NULL DEFAULT '';
