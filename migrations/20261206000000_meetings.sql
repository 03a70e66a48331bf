-- Seminars and the exchange of experience (seed §8): a meeting of the calendar (category
-- `meeting`) gets a record per occurrence: its kind, who came, which families came to a
-- parents' meeting, the minutes (every draft kept) and the practices agreed.

CREATE TABLE meetings (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id),
    -- The occurrence's local start, as the calendar keys occurrences: 2027-03-01T16:30:00.
    occurrence  TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('leading_group', 'seminar', 'symposium', 'parents')),
    version     INTEGER NOT NULL DEFAULT 1,
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    UNIQUE (event_id, occurrence)
);
CREATE TRIGGER meetings_kept BEFORE DELETE ON meetings
BEGIN
    SELECT RAISE(ABORT, 'meetings are kept');
END;

-- Staff who came (the list is taken again as a whole on the tablet).
CREATE TABLE meeting_attendees (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    user_id     INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (meeting_id, user_id)
);

-- The families who came to a parents' meeting, one row per child of the household.
CREATE TABLE meeting_families (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    child_id    INTEGER NOT NULL REFERENCES children (id),
    PRIMARY KEY (meeting_id, child_id)
);

-- The minutes: each save is a new draft, never an edit; the newest is the minutes.
CREATE TABLE meeting_minutes (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    body        TEXT NOT NULL CHECK (length(body) <= 5000),
    written_by  INTEGER NOT NULL REFERENCES users (id),
    written_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX meeting_minutes_by_meeting ON meeting_minutes (meeting_id, id);
CREATE TRIGGER meeting_minutes_no_update BEFORE UPDATE ON meeting_minutes
BEGIN
    SELECT RAISE(ABORT, 'minutes are kept as written');
END;
CREATE TRIGGER meeting_minutes_no_delete BEFORE DELETE ON meeting_minutes
BEGIN
    SELECT RAISE(ABORT, 'minutes are kept as written');
END;

-- A practice the meeting agreed: who carries it out, by when, and when it was done.
CREATE TABLE meeting_practices (
    id          INTEGER PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id),
    body        TEXT NOT NULL CHECK (length(trim(body)) > 0 AND length(body) <= 200),
    owner_id    INTEGER NOT NULL REFERENCES users (id),
    due_on      TEXT NOT NULL CHECK (date(due_on) = due_on),
    done_on     TEXT CHECK (done_on IS NULL OR date(done_on) = done_on),
    done_by     INTEGER REFERENCES users (id),
    created_by  INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((done_on IS NULL) = (done_by IS NULL))
);
CREATE INDEX meeting_practices_open ON meeting_practices (owner_id) WHERE done_on IS NULL;
CREATE TRIGGER meeting_practices_kept BEFORE DELETE ON meeting_practices
BEGIN
    SELECT RAISE(ABORT, 'practices are kept');
END;
