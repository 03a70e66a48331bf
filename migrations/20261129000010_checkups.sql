-- The checkup day's results (seed §6): one row a child a year. Health data: written by the
-- admin, read by the leading group and the paired counselor, every read and write audited.
CREATE TABLE checkup_results (
    id                  INTEGER PRIMARY KEY,
    year                INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    child_id            INTEGER NOT NULL REFERENCES children (id),
    attendance          TEXT NOT NULL CHECK (attendance IN ('examined', 'absent', 'excused')),
    height_cm           REAL,
    weight_kg           REAL,
    vision_left         REAL,
    vision_right        REAL,
    caries              INTEGER,
    findings            TEXT NOT NULL DEFAULT '',
    follow_up           TEXT,
    follow_up_due       TEXT CHECK (follow_up_due IS NULL OR date(follow_up_due) = follow_up_due),
    follow_up_closed_at TEXT,
    follow_up_note      TEXT,
    recorded_by         INTEGER REFERENCES users (id),
    version             INTEGER NOT NULL DEFAULT 1,
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (year, child_id)
);
