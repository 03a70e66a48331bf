-- Excuses and nominations are kept as they were: an excuse can only be withdrawn (once),
-- a nomination only decided (once, its evidence untouched).
CREATE TRIGGER habit_excuses_only_withdrawn BEFORE UPDATE ON habit_excuses
WHEN OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL OR NEW.withdrawn_by IS NULL
  OR NEW.id IS NOT OLD.id OR NEW.child_id IS NOT OLD.child_id OR NEW.excuse IS NOT OLD.excuse
  OR NEW.first_day IS NOT OLD.first_day OR NEW.last_day IS NOT OLD.last_day
  OR NEW.note IS NOT OLD.note OR NEW.recorded_by IS NOT OLD.recorded_by
  OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN
    SELECT RAISE(ABORT, 'excuses are kept: one can only be withdrawn, once');
END;

CREATE TRIGGER nominations_only_decided BEFORE UPDATE ON nominations
WHEN OLD.state <> 'pending'
  OR NEW.id IS NOT OLD.id OR NEW.term IS NOT OLD.term OR NEW.child_id IS NOT OLD.child_id
  OR NEW.nominated_by IS NOT OLD.nominated_by OR NEW.statement IS NOT OLD.statement
  OR NEW.evidence IS NOT OLD.evidence OR NEW.created_at IS NOT OLD.created_at
BEGIN
    SELECT RAISE(ABORT, 'a nomination is decided once, on the evidence it was made with');
END;
