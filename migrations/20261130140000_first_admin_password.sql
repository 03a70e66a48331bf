-- The first admin of a new school signs in with a printed one-time password and must
-- choose their own before anything else.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
