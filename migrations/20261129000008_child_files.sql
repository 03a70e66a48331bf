-- The child's file and contact card (seed §4): where the parents work, the guardians, how
-- to reach the family, and the guardian's consent to keep the record.
ALTER TABLE children ADD COLUMN parents_away TEXT NOT NULL DEFAULT 'none'
    CHECK (parents_away IN ('none', 'father', 'mother', 'both'));
ALTER TABLE children ADD COLUMN work_city TEXT;
ALTER TABLE children ADD COLUMN work_province TEXT;
ALTER TABLE children ADD COLUMN away_since TEXT CHECK (away_since IS NULL OR date(away_since) = away_since);
ALTER TABLE children ADD COLUMN home_address TEXT;
ALTER TABLE children ADD COLUMN father_phone TEXT;
ALTER TABLE children ADD COLUMN mother_phone TEXT;
ALTER TABLE children ADD COLUMN emergency_contact TEXT;
ALTER TABLE children ADD COLUMN emergency_phone TEXT;
ALTER TABLE children ADD COLUMN notes TEXT NOT NULL DEFAULT '';
ALTER TABLE children ADD COLUMN consent_date TEXT CHECK (consent_date IS NULL OR date(consent_date) = consent_date);
ALTER TABLE children ADD COLUMN consent_recorded_by INTEGER REFERENCES users (id);

-- Who looks after the child at home (grandparents, mostly), in the order the file lists them.
CREATE TABLE guardians (
    id          INTEGER PRIMARY KEY,
    child_id    INTEGER NOT NULL REFERENCES children (id),
    position    INTEGER NOT NULL CHECK (position BETWEEN 1 AND 3),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    relation    TEXT NOT NULL CHECK (relation IN ('grandparent', 'parent', 'relative', 'other')),
    phone       TEXT,
    address     TEXT,
    UNIQUE (child_id, position)
);
CREATE INDEX children_by_name ON children (name);
