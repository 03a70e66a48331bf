-- Where the mother works when it is not where the father does: a mother in 迪拜 and a father
-- in 江苏 苏州 are two places, and accepting one parent's new place no longer replaces the
-- other's. Kept in words ("迪拜", "广东 东莞"); empty while both work in the one place
-- `work_province`/`work_city` name, or only one parent is away. The calendar does not read
-- it: no version bump. At most a province and a city of 20 characters each, and a space.
ALTER TABLE children ADD COLUMN mother_work_place TEXT CHECK (length(mother_work_place) <= 41);
