-- A roster file (CSV or XLSX) waiting for the dry run to be read and confirmed. Confirming
-- puts every child in at once, or none.
CREATE TABLE roster_imports (
    id                  INTEGER PRIMARY KEY,
    file_name           TEXT NOT NULL,
    content             BLOB NOT NULL,
    created_by          INTEGER NOT NULL REFERENCES users (id),
    created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    committed_at        TEXT,
    committed_rows      INTEGER
);
ALTER TABLE children ADD COLUMN import_id INTEGER REFERENCES roster_imports (id);
