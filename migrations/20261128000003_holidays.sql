-- Statutory holidays and adjusted working days (调休), loaded from server/data/holidays-cn.txt
-- and corrected by an admin. A removed day is archived (active = 0), never deleted, so the
-- shipped file cannot bring it back.
CREATE TABLE holidays (
    date        TEXT PRIMARY KEY CHECK (date(date) = date),
    kind        TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
    source      TEXT NOT NULL DEFAULT 'file' CHECK (source IN ('file', 'admin')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Interest-group series skip statutory holidays by default.
ALTER TABLE events ADD COLUMN skip_holidays INTEGER NOT NULL DEFAULT 0 CHECK (skip_holidays IN (0, 1));
UPDATE events SET skip_holidays = 1 WHERE category = 'activity';
