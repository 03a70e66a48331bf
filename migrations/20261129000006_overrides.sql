-- One occurrence of a series changed on its own ("this occurrence") is an event of its own
-- that names its series and the original start it replaces: RFC 5545's RECURRENCE-ID.
-- The series no longer shows that occurrence, even when the override is archived.
ALTER TABLE events ADD COLUMN series_id INTEGER REFERENCES events (id);
ALTER TABLE events ADD COLUMN recurrence_id TEXT;
CREATE UNIQUE INDEX events_override_once ON events (series_id, recurrence_id)
    WHERE series_id IS NOT NULL AND archived_at IS NULL;
CREATE INDEX events_by_series ON events (series_id) WHERE series_id IS NOT NULL;
