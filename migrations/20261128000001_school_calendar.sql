-- The demo school's calendar: classes, staff, children, interest groups, events.
-- Dates are ISO 8601 text; event times are local wall-clock times in `time_zone`.

CREATE TABLE school (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    time_zone   TEXT NOT NULL DEFAULT 'Asia/Shanghai'
);

CREATE TABLE classes (
    id      INTEGER PRIMARY KEY,
    grade   INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 6),
    number  INTEGER NOT NULL CHECK (number BETWEEN 1 AND 20),
    UNIQUE (grade, number)
);

CREATE TABLE staff (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    gender              TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    homeroom_class_id   INTEGER REFERENCES classes (id),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE children (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    gender              TEXT NOT NULL CHECK (gender IN ('female', 'male')),
    birth_date          TEXT NOT NULL CHECK (date(birth_date) = birth_date),
    birthday_calendar   TEXT NOT NULL DEFAULT 'solar' CHECK (birthday_calendar IN ('solar', 'lunar')),
    class_id            INTEGER NOT NULL REFERENCES classes (id),
    left_behind         TEXT NOT NULL DEFAULT 'none' CHECK (left_behind IN ('none', 'half', 'full')),
    -- Children leave by graduating or transferring; their records are archived, never deleted.
    enrolment           TEXT NOT NULL DEFAULT 'active' CHECK (enrolment IN ('active', 'graduated', 'transferred')),
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX children_by_class ON children (class_id);

CREATE TABLE interest_groups (
    id              INTEGER PRIMARY KEY,
    key             TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    leader_staff_id INTEGER REFERENCES staff (id)
);

CREATE TABLE group_members (
    group_id    INTEGER NOT NULL REFERENCES interest_groups (id),
    child_id    INTEGER NOT NULL REFERENCES children (id),
    PRIMARY KEY (group_id, child_id)
);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    description     TEXT NOT NULL DEFAULT '',
    category        TEXT NOT NULL CHECK (category IN
                        ('activity', 'thematic', 'birthday', 'checkup', 'meeting', 'family', 'holiday')),
    all_day         INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    -- 'YYYY-MM-DDTHH:MM:SS' local time; an all-day event ends at the following midnight.
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    time_zone       TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    location        TEXT,
    audience        TEXT NOT NULL DEFAULT 'school' CHECK (audience IN ('school', 'class', 'group', 'staff')),
    class_id        INTEGER REFERENCES classes (id),
    group_id        INTEGER REFERENCES interest_groups (id),
    student_visible INTEGER NOT NULL DEFAULT 1 CHECK (student_visible IN (0, 1)),
    -- RFC 5545 RRULE value (without DTSTART), or NULL for a single event.
    rrule           TEXT,
    archived_at     TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (ends_at >= starts_at),
    CHECK (audience <> 'class' OR class_id IS NOT NULL),
    CHECK (audience <> 'group' OR group_id IS NOT NULL)
);
CREATE INDEX events_by_start ON events (starts_at);
