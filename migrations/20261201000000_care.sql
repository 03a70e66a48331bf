-- The care work (seed §2): pairings with their history, the care log, concerns, planned
-- home visits and the growth diary. Sensitive personal information of minors: read by the
-- paired counselor, the leading group and the admin, every read and write audited.

-- 结对帮扶, with history: one counselor per child at a time (`ended_on` NULL), a handover
-- ends one pairing and starts the next; nothing is deleted.
CREATE TABLE pairings (
    id              INTEGER PRIMARY KEY,
    child_id        INTEGER NOT NULL REFERENCES children (id),
    counselor_id    INTEGER NOT NULL REFERENCES users (id),
    started_on      TEXT NOT NULL CHECK (date(started_on) = started_on),
    ended_on        TEXT CHECK (ended_on IS NULL OR (date(ended_on) = ended_on AND ended_on >= started_on)),
    note            TEXT NOT NULL DEFAULT '',
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX pairings_one_current ON pairings (child_id) WHERE ended_on IS NULL;
CREATE INDEX pairings_by_counselor ON pairings (counselor_id) WHERE ended_on IS NULL;

-- What was paired before is kept (the earliest counselor of a child, should there be two).
INSERT INTO pairings (child_id, counselor_id, started_on)
    SELECT child_id, MIN(user_id), date('now') FROM counselor_children GROUP BY child_id;
DROP TABLE counselor_children;

-- The current pairings, under the name the rest of the app reads them by. Assigning a child
-- to a counselor here (the accounts page) is a handover; removing one ends the pairing.
CREATE VIEW counselor_children AS
    SELECT counselor_id AS user_id, child_id FROM pairings WHERE ended_on IS NULL;

CREATE TRIGGER counselor_children_insert INSTEAD OF INSERT ON counselor_children
BEGIN
    UPDATE pairings SET ended_on = max(started_on, date('now'))
        WHERE child_id = NEW.child_id AND ended_on IS NULL AND counselor_id <> NEW.user_id;
    INSERT INTO pairings (child_id, counselor_id, started_on)
        SELECT NEW.child_id, NEW.user_id, date('now')
        WHERE NOT EXISTS (SELECT 1 FROM pairings
                          WHERE child_id = NEW.child_id AND counselor_id = NEW.user_id AND ended_on IS NULL);
END;

CREATE TRIGGER counselor_children_delete INSTEAD OF DELETE ON counselor_children
BEGIN
    UPDATE pairings SET ended_on = max(started_on, date('now'))
        WHERE child_id = OLD.child_id AND counselor_id = OLD.user_id AND ended_on IS NULL;
END;

-- The school's rhythm of care: how often a paired child should have a talk and a home visit.
CREATE TABLE care_rhythm (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    talk_days   INTEGER NOT NULL DEFAULT 14 CHECK (talk_days BETWEEN 1 AND 120),
    visit_days  INTEGER NOT NULL DEFAULT 120 CHECK (visit_days BETWEEN 7 AND 365),
    soon_days   INTEGER NOT NULL DEFAULT 3 CHECK (soon_days BETWEEN 0 AND 30)
);
INSERT INTO care_rhythm (id) VALUES (1);

-- The care log: one row per contact, append-only. A correction is a new row that `replaces`
-- the one it corrects (once: correcting a corrected version is a conflict); the entry's
-- history is the chain. `uid` is made where the entry is written (the form), so the same
-- entry sent twice is stored once.
CREATE TABLE care_entries (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE CHECK (length(uid) BETWEEN 16 AND 64),
    replaces        INTEGER UNIQUE REFERENCES care_entries (id),
    child_id        INTEGER NOT NULL REFERENCES children (id),
    author_id       INTEGER NOT NULL REFERENCES users (id),
    kind            TEXT NOT NULL CHECK (kind IN ('talk', 'home_visit', 'call', 'study_help', 'activity')),
    -- 'YYYY-MM-DDTHH:MM:SS' on the school's clock.
    happened_at     TEXT NOT NULL,
    minutes         INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    with_whom       TEXT NOT NULL CHECK (with_whom IN ('child', 'grandparent', 'parent_phone', 'guardian', 'other')),
    -- The guardian who cannot read or write, on whose behalf the counselor recorded it.
    on_behalf_of    TEXT NOT NULL DEFAULT '',
    study           INTEGER NOT NULL CHECK (study IN (0, 1)),
    life            INTEGER NOT NULL CHECK (life IN (0, 1)),
    activities      INTEGER NOT NULL CHECK (activities IN (0, 1)),
    mood            INTEGER CHECK (mood BETWEEN 1 AND 5),
    noticed         TEXT NOT NULL DEFAULT '',
    agreed          TEXT NOT NULL DEFAULT '',
    next_step       TEXT NOT NULL DEFAULT '',
    next_due        TEXT CHECK (next_due IS NULL OR date(next_due) = next_due),
    recorded_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (study + life + activities >= 1),
    CHECK (next_due IS NULL OR length(trim(next_step)) > 0)
);
CREATE INDEX care_entries_by_child ON care_entries (child_id, happened_at);

CREATE TRIGGER care_entries_are_append_only_update BEFORE UPDATE ON care_entries
BEGIN
    SELECT RAISE(ABORT, 'care entries are append-only');
END;
CREATE TRIGGER care_entries_are_append_only_delete BEFORE DELETE ON care_entries
BEGIN
    SELECT RAISE(ABORT, 'care entries are append-only');
END;

-- A next step done: marked by the contact that did it (append-only too).
CREATE TABLE care_steps_done (
    entry_id    INTEGER PRIMARY KEY REFERENCES care_entries (id),
    done_by     INTEGER NOT NULL REFERENCES care_entries (id),
    done_on     TEXT NOT NULL CHECK (date(done_on) = done_on)
);

-- A planned home visit: an event on the calendar (category family, staff only, no name in
-- its title); recording the visit closes it.
CREATE TABLE care_visit_plans (
    id              INTEGER PRIMARY KEY,
    child_id        INTEGER NOT NULL REFERENCES children (id),
    counselor_id    INTEGER NOT NULL REFERENCES users (id),
    event_id        INTEGER NOT NULL REFERENCES events (id),
    planned_for     TEXT NOT NULL,
    closed_by       INTEGER REFERENCES care_entries (id),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX care_visit_plans_open ON care_visit_plans (child_id) WHERE closed_by IS NULL;

-- Concerns: a flag with a reason, an urgency and an address-by date; closing needs a note.
CREATE TABLE concerns (
    id              INTEGER PRIMARY KEY,
    child_id        INTEGER NOT NULL REFERENCES children (id),
    raised_by       INTEGER NOT NULL REFERENCES users (id),
    reason          TEXT NOT NULL CHECK (reason IN ('lonely', 'low_mood', 'home', 'safety', 'health', 'study', 'other')),
    urgency         TEXT NOT NULL CHECK (urgency IN ('low', 'medium', 'high')),
    note            TEXT NOT NULL CHECK (length(trim(note)) > 0),
    address_by      TEXT NOT NULL CHECK (date(address_by) = address_by),
    raised_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    closed_at       TEXT,
    closed_by       INTEGER REFERENCES users (id),
    closing_note    TEXT,
    version         INTEGER NOT NULL DEFAULT 1,
    CHECK (closed_at IS NULL OR length(trim(closing_note)) > 0)
);
CREATE INDEX concerns_open ON concerns (child_id) WHERE closed_at IS NULL;

-- The growth diary (成长日记): the counselor's entries, the child's own, and replies.
CREATE TABLE diary_entries (
    id              INTEGER PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE CHECK (length(uid) BETWEEN 16 AND 64),
    child_id        INTEGER NOT NULL REFERENCES children (id),
    author_id       INTEGER NOT NULL REFERENCES users (id),
    by_child        INTEGER NOT NULL CHECK (by_child IN (0, 1)),
    reply_to        INTEGER REFERENCES diary_entries (id),
    body            TEXT NOT NULL CHECK (length(trim(body)) > 0),
    sticker         TEXT CHECK (sticker IS NULL OR sticker IN ('happy', 'proud', 'calm', 'tired', 'sad', 'miss_home')),
    -- Pinned moments (the checkup, the five ones, awards) name where they come from.
    source          TEXT,
    written_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX diary_by_child ON diary_entries (child_id, written_at);

CREATE TRIGGER diary_entries_are_append_only_delete BEFORE DELETE ON diary_entries
BEGIN
    SELECT RAISE(ABORT, 'diary entries are kept');
END;

-- What students see does not call anyone left-behind (no label in front of other children).
UPDATE events SET title = '集体生日会',
                  description = '每月最后一个星期五，为本月过生日的同学集体庆祝。'
    WHERE title = '留守儿童集体生日会' AND student_visible = 1;
UPDATE events SET description = '全校学生免费全面体检，及早发现、及时治疗。'
    WHERE description = '为留守儿童免费全面体检，及早发现、及时治疗。' AND student_visible = 1;
