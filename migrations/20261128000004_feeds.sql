-- Calendar subscriptions: a secret link per feed, stored only as its SHA-256, revocable.
CREATE TABLE feed_tokens (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    -- 'school': the events students may see; 'child': one child's dates, for the parents.
    scope       TEXT NOT NULL CHECK (scope IN ('school', 'child')),
    child_id    INTEGER REFERENCES children (id),
    label       TEXT NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    revoked_at  TEXT,
    CHECK (scope <> 'child' OR child_id IS NOT NULL)
);
