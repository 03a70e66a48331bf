-- The calendar feeds' inputs as one number (issue 17): every insert, change or deletion in a
-- table a feed is made from bumps it, in the same transaction as the change, whatever code
-- made it. A feed made once is served again, ETag and all, until this number moves or the
-- school's day changes; nothing stale can be served, because no write escapes a trigger.
CREATE TABLE calendar_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO calendar_version (id, version) VALUES (1, 1);

CREATE TRIGGER events_bump_calendar_insert AFTER INSERT ON events
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_bump_calendar_update AFTER UPDATE ON events
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_bump_calendar_delete AFTER DELETE ON events
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER event_exdates_bump_calendar_insert AFTER INSERT ON event_exdates
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER event_exdates_bump_calendar_update AFTER UPDATE ON event_exdates
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER event_exdates_bump_calendar_delete AFTER DELETE ON event_exdates
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER holidays_bump_calendar_insert AFTER INSERT ON holidays
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER holidays_bump_calendar_update AFTER UPDATE ON holidays
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER holidays_bump_calendar_delete AFTER DELETE ON holidays
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER children_bump_calendar_insert AFTER INSERT ON children
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER children_bump_calendar_update AFTER UPDATE ON children
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER children_bump_calendar_delete AFTER DELETE ON children
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER group_members_bump_calendar_insert AFTER INSERT ON group_members
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER group_members_bump_calendar_update AFTER UPDATE ON group_members
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER group_members_bump_calendar_delete AFTER DELETE ON group_members
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
