-- An .ics file (a term calendar from the education bureau) waiting for the user to look at
-- the preview and confirm. Confirming puts all of its events in at once, or none of them.
CREATE TABLE calendar_imports (
    id                  INTEGER PRIMARY KEY,
    file_name           TEXT NOT NULL,
    content             TEXT NOT NULL,
    category            TEXT NOT NULL CHECK (category IN
                            ('activity', 'thematic', 'birthday', 'checkup', 'meeting', 'family', 'holiday')),
    audience            TEXT NOT NULL CHECK (audience IN ('school', 'staff')),
    student_visible     INTEGER NOT NULL CHECK (student_visible IN (0, 1)),
    created_by          INTEGER NOT NULL REFERENCES users (id),
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    committed_at        TEXT,
    committed_events    INTEGER
);

-- Where an event came from: its import and the UID (with RECURRENCE-ID) it had in the file,
-- so importing the same file again does not double the calendar.
ALTER TABLE events ADD COLUMN import_id INTEGER REFERENCES calendar_imports (id);
ALTER TABLE events ADD COLUMN source_uid TEXT;
CREATE INDEX events_by_source_uid ON events (source_uid) WHERE source_uid IS NOT NULL;
