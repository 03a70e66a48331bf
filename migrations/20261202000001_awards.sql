-- 自强好少年 (seed §2): the term's criteria, set by the leading group, and the nominations
-- with the evidence they were made on (kept as it was: a JSON snapshot). Nobody decides on
-- their own nomination; a child stands nominated once a term (a declined one may be
-- nominated again).
CREATE TABLE award_terms (
    term        TEXT PRIMARY KEY CHECK (term GLOB '[12][0-9][0-9][0-9]-autumn' OR term GLOB '[12][0-9][0-9][0-9]-spring'),
    criteria    TEXT NOT NULL CHECK (length(trim(criteria)) > 0),
    version     INTEGER NOT NULL DEFAULT 1,
    set_by      INTEGER NOT NULL REFERENCES users (id),
    set_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE nominations (
    id              INTEGER PRIMARY KEY,
    term            TEXT NOT NULL,
    child_id        INTEGER NOT NULL REFERENCES children (id),
    nominated_by    INTEGER NOT NULL REFERENCES users (id),
    statement       TEXT NOT NULL CHECK (length(trim(statement)) > 0),
    evidence        TEXT NOT NULL CHECK (json_valid(evidence)),
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'declined')),
    decided_by      INTEGER REFERENCES users (id),
    decided_at      TEXT,
    -- The school's day of the decision (its clock, not the server's): the certificate's date.
    decided_on      TEXT CHECK (decided_on IS NULL OR date(decided_on) = decided_on),
    decision_note   TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (decided_by IS NULL OR decided_by <> nominated_by),
    CHECK ((state = 'pending') = (decided_by IS NULL))
);
CREATE UNIQUE INDEX nominations_once_a_term ON nominations (term, child_id) WHERE state <> 'declined';
CREATE TRIGGER nominations_kept BEFORE DELETE ON nominations
BEGIN
    SELECT RAISE(ABORT, 'nominations are kept');
END;
