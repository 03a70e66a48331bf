-- The school's own details, set by its admin (/admin/school): the short name the header
-- shows (and its English form), beside the registered name and the phone parents call.
-- A version so that a stale edit is a conflict, never an overwrite.
ALTER TABLE school ADD COLUMN short_name TEXT CHECK (short_name IS NULL OR length(short_name) <= 20);
ALTER TABLE school ADD COLUMN short_name_en TEXT CHECK (short_name_en IS NULL OR length(short_name_en) <= 40);
ALTER TABLE school ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
