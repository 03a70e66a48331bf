-- Browsers an account has signed in from. The browser keeps a random token in a cookie, the
-- database only its SHA-256. A sign-in from such a device is not held up by the account's
-- lock after failed attempts from elsewhere.
CREATE TABLE known_devices (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    token_hash      TEXT NOT NULL UNIQUE,
    -- The account's password generation when the device was remembered: a password change
    -- or a deactivation forgets every device.
    session_epoch   INTEGER NOT NULL,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX known_devices_by_user ON known_devices (user_id, created_at);
