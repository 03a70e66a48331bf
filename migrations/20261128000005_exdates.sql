-- Occurrences of a series taken off the calendar one by one ("delete this occurrence"):
-- RFC 5545 EXDATEs, by the occurrence's local start time.
CREATE TABLE event_exdates (
    event_id            INTEGER NOT NULL REFERENCES events (id),
    occurrence_start    TEXT NOT NULL,
    created_by          INTEGER REFERENCES users (id),
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (event_id, occurrence_start)
);
