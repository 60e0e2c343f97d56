-- A bookmark keeps the text of its paragraph as it was when it was made, so
-- that it can be anchored again by text when a new parser gives the
-- paragraph another id (bookmarks made before this have none until the
-- library fills it in from the content they point at).
ALTER TABLE bookmarks ADD COLUMN text TEXT;
