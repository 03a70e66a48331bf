-- The five ones (seed §2, 五个一): a chore and the diary every day, a book a month, a call
-- home every week (the award and the birthday live elsewhere). The child's own data: the
-- child, its class teacher, its counselor, the leading group and the admin; audited.

-- Every tick, book and call, kept: taking a tick back withdraws it (who, when), it is never
-- deleted. `uid` is made where a book or a call is written, so one sent twice is kept once.
CREATE TABLE habit_log (
    id              INTEGER PRIMARY KEY,
    uid             TEXT UNIQUE CHECK (uid IS NULL OR length(uid) BETWEEN 16 AND 64),
    child_id        INTEGER NOT NULL REFERENCES children (id),
    habit           TEXT NOT NULL CHECK (habit IN ('chore', 'diary', 'call', 'book')),
    day             TEXT NOT NULL CHECK (date(day) = day),
    -- A book's title, with whom a call was, what the chore was.
    title           TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 100),
    -- A sentence about the book, about the call.
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    feeling         TEXT CHECK (feeling IS NULL OR feeling IN ('happy', 'proud', 'calm', 'tired', 'sad', 'miss_home')),
    -- Where it was recorded: the class check-in, the child itself, a member of staff.
    via             TEXT NOT NULL CHECK (via IN ('checkin', 'child', 'staff')),
    recorded_by     INTEGER NOT NULL REFERENCES users (id),
    recorded_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    withdrawn_by    INTEGER REFERENCES users (id),
    withdrawn_at    TEXT,
    CHECK ((withdrawn_by IS NULL) = (withdrawn_at IS NULL))
);
CREATE UNIQUE INDEX habit_log_one_tick_a_day ON habit_log (child_id, habit, day)
    WHERE withdrawn_at IS NULL AND habit IN ('chore', 'diary');
CREATE INDEX habit_log_by_child ON habit_log (child_id, day) WHERE withdrawn_at IS NULL;
CREATE INDEX habit_log_by_day ON habit_log (day, habit) WHERE withdrawn_at IS NULL;

CREATE TRIGGER habit_log_only_withdrawn BEFORE UPDATE ON habit_log
WHEN OLD.withdrawn_at IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.uid IS NOT OLD.uid OR NEW.child_id IS NOT OLD.child_id
  OR NEW.habit IS NOT OLD.habit OR NEW.day IS NOT OLD.day OR NEW.title IS NOT OLD.title
  OR NEW.note IS NOT OLD.note OR NEW.feeling IS NOT OLD.feeling OR NEW.via IS NOT OLD.via
  OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN
    SELECT RAISE(ABORT, 'the habit log is kept: a tick can only be withdrawn, once');
END;
CREATE TRIGGER habit_log_kept BEFORE DELETE ON habit_log
BEGIN
    SELECT RAISE(ABORT, 'the habit log is kept');
END;

-- Days a child is excused: ill or away (nothing counts), or the parents home (the weekly
-- call is not needed). Withdrawn like a tick, never deleted.
CREATE TABLE habit_excuses (
    id              INTEGER PRIMARY KEY,
    child_id        INTEGER NOT NULL REFERENCES children (id),
    excuse          TEXT NOT NULL CHECK (excuse IN ('ill', 'away', 'parents_home')),
    first_day       TEXT NOT NULL CHECK (date(first_day) = first_day),
    last_day        TEXT NOT NULL CHECK (date(last_day) = last_day AND last_day >= first_day),
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 100),
    recorded_by     INTEGER NOT NULL REFERENCES users (id),
    recorded_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    withdrawn_by    INTEGER REFERENCES users (id),
    withdrawn_at    TEXT
);
CREATE INDEX habit_excuses_by_child ON habit_excuses (child_id, first_day) WHERE withdrawn_at IS NULL;
CREATE TRIGGER habit_excuses_kept BEFORE DELETE ON habit_excuses
BEGIN
    SELECT RAISE(ABORT, 'excuses are kept');
END;

-- The parents' usual call window (their factory shift, where they work): the class's
-- "this week" list offers the school phone at an hour they can answer.
CREATE TABLE call_windows (
    child_id        INTEGER PRIMARY KEY REFERENCES children (id),
    -- ISO weekdays, '1' Monday … '7' Sunday, e.g. '67'.
    weekdays        TEXT NOT NULL CHECK (length(weekdays) BETWEEN 1 AND 7 AND weekdays NOT GLOB '*[^1-7]*'),
    from_time       TEXT NOT NULL CHECK (from_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    to_time         TEXT NOT NULL CHECK (to_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    time_zone       TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 100),
    version         INTEGER NOT NULL DEFAULT 1,
    updated_by      INTEGER REFERENCES users (id),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- School holidays (寒假, 暑假) are all-day school-wide events of the 'holiday' category:
-- the five ones rest on them.
CREATE INDEX events_school_holidays ON events (starts_at) WHERE category = 'holiday' AND archived_at IS NULL;
