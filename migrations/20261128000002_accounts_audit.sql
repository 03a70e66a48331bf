-- Accounts, the scope of each account (paired children, classes, groups), and the audit log.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 2 AND 40),
    display_name    TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    role            TEXT NOT NULL CHECK (role IN ('admin', 'leader', 'counselor', 'teacher', 'student')),
    password_hash   TEXT NOT NULL,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- Bumped when the password changes or the account is deactivated: older sessions end.
    session_epoch   INTEGER NOT NULL DEFAULT 0,
    staff_id        INTEGER REFERENCES staff (id),
    child_id        INTEGER REFERENCES children (id),
    version         INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- 结对帮扶: the children a counselor is paired with.
CREATE TABLE counselor_children (
    user_id     INTEGER NOT NULL REFERENCES users (id),
    child_id    INTEGER NOT NULL REFERENCES children (id),
    PRIMARY KEY (user_id, child_id)
);

CREATE TABLE teacher_classes (
    user_id     INTEGER NOT NULL REFERENCES users (id),
    class_id    INTEGER NOT NULL REFERENCES classes (id),
    PRIMARY KEY (user_id, class_id)
);

CREATE TABLE teacher_groups (
    user_id     INTEGER NOT NULL REFERENCES users (id),
    group_id    INTEGER NOT NULL REFERENCES interest_groups (id),
    PRIMARY KEY (user_id, group_id)
);

-- Who did or tried what, when, to which record, and how it ended. Append-only.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    user_id     INTEGER,
    username    TEXT,
    action      TEXT NOT NULL,
    record_type TEXT,
    record_id   INTEGER,
    outcome     TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied', 'success', 'failure')),
    ip          TEXT,
    detail      TEXT
);
CREATE INDEX audit_log_by_time ON audit_log (at);

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;

CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only');
END;
