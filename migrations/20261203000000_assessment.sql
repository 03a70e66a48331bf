-- Inspection and assessment (考核评价, seed §7): the leading group's scheme for a school
-- year, a counselor's sheet per month or semester compiled from the care work (kept as it
-- was once closed), the leading group's scores and comments, the counselor's signature or
-- answer, and the inspection of recorded contacts. Nothing here is deleted.

CREATE TABLE assessment_schemes (
    year        INTEGER PRIMARY KEY CHECK (year BETWEEN 1990 AND 2100),
    weights     TEXT NOT NULL CHECK (json_valid(weights)),
    talk_days   INTEGER NOT NULL CHECK (talk_days BETWEEN 1 AND 120),
    visit_days  INTEGER NOT NULL CHECK (visit_days BETWEEN 7 AND 365),
    penalty     INTEGER NOT NULL CHECK (penalty BETWEEN 0 AND 100),
    version     INTEGER NOT NULL DEFAULT 1,
    set_by      INTEGER NOT NULL REFERENCES users (id),
    set_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A sheet exists once the leading group marks or closes it; until closed it is compiled
-- live. `kept` is the sheet as it was closed (JSON): the records behind it may change, it
-- does not.
CREATE TABLE assessment_sheets (
    id              INTEGER PRIMARY KEY,
    counselor_id    INTEGER NOT NULL REFERENCES users (id),
    period          TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'
                                         OR period GLOB '[12][0-9][0-9][0-9]-autumn'
                                         OR period GLOB '[12][0-9][0-9][0-9]-spring'),
    kept            TEXT CHECK (kept IS NULL OR json_valid(kept)),
    closed_at       TEXT,
    closed_by       INTEGER REFERENCES users (id),
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (counselor_id, period),
    CHECK ((kept IS NULL) = (closed_at IS NULL))
);
CREATE TRIGGER assessment_sheets_closed_stay BEFORE UPDATE ON assessment_sheets
WHEN OLD.closed_at IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a closed sheet is kept as it was');
END;
CREATE TRIGGER assessment_sheets_kept BEFORE DELETE ON assessment_sheets
BEGIN
    SELECT RAISE(ABORT, 'sheets are kept');
END;

-- The leading group's score (NULL: the compiled one stands) and comment per criterion.
CREATE TABLE assessment_marks (
    sheet_id    INTEGER NOT NULL REFERENCES assessment_sheets (id),
    criterion   TEXT NOT NULL CHECK (criterion IN ('talks', 'visits', 'coverage', 'diary', 'habits',
                                                   'follow_ups', 'concerns', 'birthdays')),
    score       INTEGER CHECK (score IS NULL OR score BETWEEN 0 AND 100),
    comment     TEXT NOT NULL DEFAULT '',
    marked_by   INTEGER NOT NULL REFERENCES users (id),
    marked_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (sheet_id, criterion)
);
CREATE TRIGGER assessment_marks_of_closed_insert BEFORE INSERT ON assessment_marks
WHEN (SELECT closed_at FROM assessment_sheets WHERE id = NEW.sheet_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a closed sheet is kept as it was');
END;
CREATE TRIGGER assessment_marks_of_closed_update BEFORE UPDATE ON assessment_marks
WHEN (SELECT closed_at FROM assessment_sheets WHERE id = OLD.sheet_id) IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'a closed sheet is kept as it was');
END;
CREATE TRIGGER assessment_marks_kept BEFORE DELETE ON assessment_marks
BEGIN
    SELECT RAISE(ABORT, 'marks are kept');
END;

-- The counselor's signature (once) and written answers (kept, every one).
CREATE TABLE assessment_responses (
    id          INTEGER PRIMARY KEY,
    sheet_id    INTEGER NOT NULL REFERENCES assessment_sheets (id),
    kind        TEXT NOT NULL CHECK (kind IN ('sign', 'answer')),
    body        TEXT NOT NULL DEFAULT '',
    by_user     INTEGER NOT NULL REFERENCES users (id),
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (kind = 'sign' OR length(trim(body)) > 0)
);
CREATE UNIQUE INDEX assessment_signed_once ON assessment_responses (sheet_id) WHERE kind = 'sign';
CREATE TRIGGER assessment_responses_kept_update BEFORE UPDATE ON assessment_responses
BEGIN
    SELECT RAISE(ABORT, 'responses are kept');
END;
CREATE TRIGGER assessment_responses_kept_delete BEFORE DELETE ON assessment_responses
BEGIN
    SELECT RAISE(ABORT, 'responses are kept');
END;

-- 检查: a recorded contact drawn to be verified, and what was found.
CREATE TABLE inspections (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL UNIQUE REFERENCES care_entries (id),
    period      TEXT NOT NULL,
    drawn_by    INTEGER NOT NULL REFERENCES users (id),
    drawn_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    outcome     TEXT CHECK (outcome IS NULL OR outcome IN ('confirmed', 'not_confirmed')),
    note        TEXT NOT NULL DEFAULT '',
    checked_by  INTEGER REFERENCES users (id),
    checked_at  TEXT,
    version     INTEGER NOT NULL DEFAULT 1,
    CHECK ((outcome IS NULL) = (checked_by IS NULL))
);
CREATE INDEX inspections_by_period ON inspections (period);
CREATE TRIGGER inspections_kept BEFORE DELETE ON inspections
BEGIN
    SELECT RAISE(ABORT, 'inspections are kept');
END;
