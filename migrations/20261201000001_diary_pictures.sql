-- A drawing or photo a child adds to a diary entry: re-encoded on upload (at most 1,280
-- pixels a side, under 1 MB), so nothing of the original file's metadata (the place a
-- photo was taken above all) is kept.
CREATE TABLE diary_pictures (
    entry_id    INTEGER PRIMARY KEY REFERENCES diary_entries (id),
    media_type  TEXT NOT NULL CHECK (media_type = 'image/jpeg'),
    width       INTEGER NOT NULL CHECK (width BETWEEN 1 AND 1280),
    height      INTEGER NOT NULL CHECK (height BETWEEN 1 AND 1280),
    bytes       BLOB NOT NULL CHECK (length(bytes) BETWEEN 1 AND 1048576)
);

CREATE TRIGGER diary_pictures_are_kept BEFORE DELETE ON diary_pictures
BEGIN
    SELECT RAISE(ABORT, 'diary pictures are kept');
END;
