-- Society's help (seed §3, §8): donors and volunteers, their pledges, the money in and out
-- as an append-only ledger in integer fen, and aid for a child approved by the leading group.

CREATE TABLE donors (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('person', 'company', 'league', 'body')),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    -- Staff only: never on the public page.
    contact         TEXT NOT NULL DEFAULT '',
    -- Agreed to be thanked by name on the public page.
    named_publicly  INTEGER NOT NULL DEFAULT 0 CHECK (named_publicly IN (0, 1)),
    note            TEXT NOT NULL DEFAULT '',
    created_by      INTEGER NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A fund: money earmarked for a purpose (a need), or general (purpose NULL).
CREATE TABLE funds (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 40),
    purpose     TEXT CHECK (purpose IS NULL OR purpose IN ('fees', 'glasses', 'clothes', 'medical', 'other')),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO funds (name, purpose) VALUES ('通用基金', NULL);

CREATE TABLE pledges (
    id           INTEGER PRIMARY KEY,
    donor_id     INTEGER NOT NULL REFERENCES donors(id),
    fund_id      INTEGER NOT NULL REFERENCES funds(id),
    amount_fen   INTEGER NOT NULL CHECK (amount_fen > 0),
    instalments  INTEGER NOT NULL CHECK (instalments BETWEEN 1 AND 24),
    pledged_on   TEXT NOT NULL CHECK (date(pledged_on) = pledged_on),
    created_by   INTEGER NOT NULL REFERENCES users(id),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE aid_requests (
    id             INTEGER PRIMARY KEY,
    child_id       INTEGER NOT NULL REFERENCES children(id),
    need           TEXT NOT NULL CHECK (need IN ('fees', 'glasses', 'clothes', 'medical', 'other')),
    amount_fen     INTEGER NOT NULL CHECK (amount_fen > 0),
    reason         TEXT NOT NULL,
    -- The child's grade when aid was asked: what the public page says, whatever the child's
    -- class is later.
    grade          INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 6),
    -- The checkup follow-up it answers (checkup_results of that year for the child).
    checkup_year   INTEGER,
    requested_by   INTEGER NOT NULL REFERENCES users(id),
    requested_on   TEXT NOT NULL CHECK (date(requested_on) = requested_on),
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'declined', 'paid')),
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX aid_requests_child ON aid_requests(child_id);

-- Each leader's decision on a request: one per person, never the requester's own.
CREATE TABLE aid_decisions (
    aid_id      INTEGER NOT NULL REFERENCES aid_requests(id),
    user_id     INTEGER NOT NULL REFERENCES users(id),
    approve     INTEGER NOT NULL CHECK (approve IN (0, 1)),
    note        TEXT NOT NULL DEFAULT '',
    decided_on  TEXT NOT NULL CHECK (date(decided_on) = decided_on),
    PRIMARY KEY (aid_id, user_id)
);

-- Money in and out. Cash is signed (in > 0, out < 0); in-kind gifts (their estimated
-- value) and volunteer minutes have their own columns and are never added to cash.
-- A correction is a reversing entry; nothing here is ever changed or deleted.
CREATE TABLE ledger (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('gift', 'in_kind', 'hours', 'aid', 'expense', 'reversal')),
    on_day       TEXT NOT NULL CHECK (date(on_day) = on_day),
    fund_id      INTEGER REFERENCES funds(id),
    donor_id     INTEGER REFERENCES donors(id),
    pledge_id    INTEGER REFERENCES pledges(id),
    aid_id       INTEGER REFERENCES aid_requests(id),
    cash_fen     INTEGER NOT NULL DEFAULT 0,
    in_kind_fen  INTEGER NOT NULL DEFAULT 0,
    minutes      INTEGER NOT NULL DEFAULT 0,
    description  TEXT NOT NULL DEFAULT '',
    reverses     INTEGER UNIQUE REFERENCES ledger(id),
    created_by   INTEGER NOT NULL REFERENCES users(id),
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((kind = 'reversal') = (reverses IS NOT NULL)),
    CHECK (kind <> 'gift' OR (cash_fen > 0 AND in_kind_fen = 0 AND minutes = 0)),
    CHECK (kind <> 'in_kind' OR (cash_fen = 0 AND in_kind_fen > 0 AND minutes = 0)),
    CHECK (kind <> 'hours' OR (cash_fen = 0 AND in_kind_fen = 0 AND minutes > 0)),
    CHECK (kind NOT IN ('aid', 'expense') OR (cash_fen < 0 AND in_kind_fen = 0 AND minutes = 0)),
    CHECK (kind <> 'aid' OR aid_id IS NOT NULL),
    CHECK (cash_fen = 0 OR fund_id IS NOT NULL)
);
CREATE INDEX ledger_day ON ledger(on_day);
CREATE TRIGGER ledger_append_only BEFORE UPDATE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: correct with a reversing entry'); END;
CREATE TRIGGER ledger_never_deleted BEFORE DELETE ON ledger
BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: correct with a reversing entry'); END;

-- A donor thanked for a gift (a letter, a call, a certificate), once per entry.
CREATE TABLE acknowledgements (
    entry_id    INTEGER PRIMARY KEY REFERENCES ledger(id),
    how         TEXT NOT NULL,
    on_day      TEXT NOT NULL CHECK (date(on_day) = on_day),
    created_by  INTEGER NOT NULL REFERENCES users(id)
);

-- The receipt of an aid payment (its ledger line): a photo or scan, written again without
-- its metadata. Kept with its line: a payment reversed and made again keeps both receipts.
CREATE TABLE aid_receipts (
    entry_id INTEGER PRIMARY KEY REFERENCES ledger(id),
    aid_id   INTEGER NOT NULL REFERENCES aid_requests(id),
    jpeg     BLOB NOT NULL,
    width    INTEGER NOT NULL,
    height   INTEGER NOT NULL
);
CREATE INDEX aid_receipts_aid ON aid_receipts(aid_id);
