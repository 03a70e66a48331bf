//! The arithmetic of dragging on the calendar: where a dropped event now starts, how long a
//! resized one lasts, which half-hours a drag across empty time covers. Pure and small: it
//! runs in the browser.

use chrono::{Duration, NaiveDate, NaiveDateTime};

/// The week and day grids show these hours in half-hour slots.
pub const FIRST_HOUR: u32 = 7;
pub const LAST_HOUR: u32 = 20;
pub const SLOTS: u32 = (LAST_HOUR - FIRST_HOUR) * 2;
pub const SLOT_MINUTES: i64 = 30;

/// An occurrence dragged from `from_day` to `to_day` and `slots` half-hours down (negative:
/// up). In the month grid `slots` is 0 and the time of day stays.
pub fn moved_start(
    occurrence: NaiveDateTime,
    from_day: NaiveDate,
    to_day: NaiveDate,
    slots: i64,
) -> NaiveDateTime {
    occurrence + (to_day - from_day) + Duration::minutes(slots * SLOT_MINUTES)
}

/// An event's end dragged `slots` half-hours: it never ends before half an hour has passed.
pub fn resized_end(start: NaiveDateTime, end: NaiveDateTime, slots: i64) -> NaiveDateTime {
    (end + Duration::minutes(slots * SLOT_MINUTES)).max(start + Duration::minutes(SLOT_MINUTES))
}

/// The slot under a point `offset` pixels from the grid's top, when each slot is `height`
/// pixels tall, kept on the grid.
pub fn slot_at(offset: f64, height: f64) -> u32 {
    if height <= 0.0 {
        return 0;
    }
    ((offset / height).floor().max(0.0) as u32).min(SLOTS - 1)
}

/// A drag across empty time from slot `a` to slot `b` (either way round): the first slot
/// and how many it covers, both ends included.
pub fn slot_span(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b) - a.min(b) + 1)
}

/// `16:30` for a slot.
pub fn slot_time(slot: u32) -> String {
    let minutes = FIRST_HOUR * 60 + slot * SLOT_MINUTES as u32;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    #[test]
    fn a_session_dragged_to_thursday_an_hour_earlier() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        assert_eq!(
            moved_start(at(9, 16, 10), day(9), day(10), -2),
            at(10, 15, 10)
        );
        assert_eq!(moved_start(at(9, 16, 10), day(9), day(2), 0), at(2, 16, 10));
    }

    #[test]
    fn resizing_keeps_at_least_half_an_hour() {
        assert_eq!(resized_end(at(9, 16, 10), at(9, 17, 10), 1), at(9, 17, 40));
        assert_eq!(resized_end(at(9, 16, 10), at(9, 17, 10), -5), at(9, 16, 40));
    }

    #[test]
    fn a_drag_across_empty_time_covers_the_slots_it_crosses() {
        assert_eq!(slot_at(0.0, 24.0), 0);
        assert_eq!(slot_at(47.9, 24.0), 1);
        assert_eq!(slot_at(-10.0, 24.0), 0);
        assert_eq!(slot_at(10_000.0, 24.0), SLOTS - 1);
        assert_eq!(slot_span(18, 20), (18, 3));
        assert_eq!(slot_span(20, 18), (18, 3));
        assert_eq!(slot_time(0), "07:00");
        assert_eq!(slot_time(19), "16:30");
    }
}
