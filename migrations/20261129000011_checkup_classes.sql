-- The classes on a year's checkup roster, when the school examines only some of them.
-- No row for a year: every class is on the roster.
CREATE TABLE checkup_classes (
    year INTEGER NOT NULL,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    PRIMARY KEY (year, class_id)
);
