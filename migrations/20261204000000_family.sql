-- The parents far away (seed §8): a page per household behind a revocable link the
-- counselor gives them (no account), the diary entries the counselor chose to share, the
-- messages the family leaves, and the changes they propose to their phone, work place and
-- call window, which staff review before they reach the child's file.

-- The school's phone, for the families' page.
ALTER TABLE school ADD COLUMN phone TEXT CHECK (phone IS NULL OR length(phone) <= 30);

-- A household's link: the SHA-256 of its secret, never the secret. Siblings living with
-- the same grandparents share one. Openings are counted, nothing about who opened it.
CREATE TABLE family_links (
    id              INTEGER PRIMARY KEY,
    token_hash      TEXT NOT NULL UNIQUE,
    created_by      INTEGER NOT NULL REFERENCES users (id),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    revoked_at      TEXT,
    opened          INTEGER NOT NULL DEFAULT 0,
    last_opened_on  TEXT CHECK (last_opened_on IS NULL OR date(last_opened_on) = last_opened_on)
);

CREATE TABLE family_link_children (
    link_id     INTEGER NOT NULL REFERENCES family_links (id),
    child_id    INTEGER NOT NULL REFERENCES children (id),
    PRIMARY KEY (link_id, child_id)
);
CREATE INDEX family_link_children_by_child ON family_link_children (child_id);

-- A diary entry the counselor chose to show the family (withdrawn: hidden again).
CREATE TABLE diary_shared (
    entry_id        INTEGER PRIMARY KEY REFERENCES diary_entries (id),
    shared_by       INTEGER NOT NULL REFERENCES users (id),
    shared_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    withdrawn_at    TEXT
);

-- What the family wrote to the counselor, about one child. Kept; read once staff open it.
CREATE TABLE family_messages (
    id          INTEGER PRIMARY KEY,
    link_id     INTEGER NOT NULL REFERENCES family_links (id),
    child_id    INTEGER NOT NULL REFERENCES children (id),
    body        TEXT NOT NULL CHECK (length(trim(body)) > 0 AND length(body) <= 500),
    sent_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    read_by     INTEGER REFERENCES users (id),
    read_at     TEXT
);
CREATE INDEX family_messages_by_child ON family_messages (child_id, sent_at);
CREATE TRIGGER family_messages_kept BEFORE DELETE ON family_messages
BEGIN
    SELECT RAISE(ABORT, 'messages are kept');
END;

-- A change the family proposes (a parent's phone, where they work, the call window); the
-- child's file changes only when staff accept it.
CREATE TABLE family_proposals (
    id              INTEGER PRIMARY KEY,
    link_id         INTEGER NOT NULL REFERENCES family_links (id),
    child_id        INTEGER NOT NULL REFERENCES children (id),
    parent          TEXT NOT NULL CHECK (parent IN ('father', 'mother')),
    phone           TEXT,
    work_city       TEXT CHECK (work_city IS NULL OR length(work_city) <= 20),
    -- The call window as the call-window form takes it (JSON), or NULL.
    call_window     TEXT CHECK (call_window IS NULL OR json_valid(call_window)),
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'declined')),
    decided_by      INTEGER REFERENCES users (id),
    decided_at      TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (phone IS NOT NULL OR work_city IS NOT NULL OR call_window IS NOT NULL),
    CHECK ((state = 'pending') = (decided_by IS NULL))
);
CREATE INDEX family_proposals_pending ON family_proposals (child_id) WHERE state = 'pending';
CREATE TRIGGER family_proposals_kept BEFORE DELETE ON family_proposals
BEGIN
    SELECT RAISE(ABORT, 'proposals are kept');
END;
