-- The calendar's windows (issue 17) are kept like its feeds, and they also show the classes
-- (the class filter, a birthday's class) and the interest groups (the group filter): a
-- class renamed or promoted, or a group renamed, bumps the calendar's version too.
CREATE TRIGGER classes_bump_calendar_insert AFTER INSERT ON classes
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER classes_bump_calendar_update AFTER UPDATE ON classes
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER classes_bump_calendar_delete AFTER DELETE ON classes
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER interest_groups_bump_calendar_insert AFTER INSERT ON interest_groups
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER interest_groups_bump_calendar_update AFTER UPDATE ON interest_groups
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER interest_groups_bump_calendar_delete AFTER DELETE ON interest_groups
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
