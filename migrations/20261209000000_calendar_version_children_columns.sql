-- A child's change bumps the calendar's version only when the calendar reads what changed
-- (issue 17): name, birth date and its calendar, class, enrolment, left-behind status (the
-- birthday party). A counselor saving the parents' work city or a phone number no longer
-- throws away every kept month and feed. `IS NOT` compares NULLs as values.
DROP TRIGGER children_bump_calendar_update;
CREATE TRIGGER children_bump_calendar_update AFTER UPDATE ON children
WHEN OLD.id IS NOT NEW.id
  OR OLD.name IS NOT NEW.name
  OR OLD.birth_date IS NOT NEW.birth_date
  OR OLD.birthday_calendar IS NOT NEW.birthday_calendar
  OR OLD.class_id IS NOT NEW.class_id
  OR OLD.enrolment IS NOT NEW.enrolment
  OR OLD.left_behind IS NOT NEW.left_behind
BEGIN UPDATE calendar_version SET version = version + 1 WHERE id = 1; END;
