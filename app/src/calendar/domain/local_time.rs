//! Dates and times as forms and pages write them (`2026-12-09`, `16:10`,
//! `2026-12-09T16:10:00`), read and written by hand: this runs in the browser too, where
//! chrono's format machinery would cost tens of kilobytes of wasm.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::school::text::fold;

fn number(raw: &str) -> Option<u32> {
    (!raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()))
        .then(|| raw.parse().ok())
        .flatten()
}

/// `2026-12-09`.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = fold(raw);
    let mut parts = raw.splitn(3, '-');
    let year = number(parts.next()?)? as i32;
    let month = number(parts.next()?)?;
    let day = number(parts.next()?)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `16:10` (also `16:10:00`).
pub fn parse_time(raw: &str) -> Option<NaiveTime> {
    let raw = fold(raw);
    let mut parts = raw.splitn(3, ':');
    let hour = number(parts.next()?)?;
    let minute = number(parts.next()?)?;
    let second = match parts.next() {
        Some(s) => number(s)?,
        None => 0,
    };
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// `2026-12-09T16:10:00` or `2026-12-09T16:10`, as the server writes them into the page.
pub fn parse_local(raw: &str) -> Option<NaiveDateTime> {
    let (date, time) = raw.trim().split_once('T')?;
    Some(parse_date(date)?.and_time(parse_time(time)?))
}

/// `2026-12-09T16:10`, as the move form sends it.
pub fn format_local(t: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// `16:10`, as a time input holds it.
pub fn format_time(t: NaiveTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `20261209`, as RFC 5545 writes a date.
pub fn format_compact_date(d: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day())
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
    fn times_read_and_write_as_the_page_and_the_form_have_them() {
        assert_eq!(parse_local("2026-12-09T16:10:00"), Some(at(9, 16, 10)));
        assert_eq!(parse_local("2026-12-09T16:10"), Some(at(9, 16, 10)));
        assert_eq!(format_time(at(9, 7, 5).time()), "07:05");
        assert_eq!(parse_local("2026-02-30T16:10"), None);
        assert_eq!(parse_local("2026-12-09 16:10"), None);
        assert_eq!(parse_local("2026-12-09T+6:10"), None);
        assert_eq!(format_local(at(9, 7, 5)), "2026-12-09T07:05");
    }

    #[test]
    fn times_of_day_and_compact_dates() {
        assert_eq!(parse_time("16:10"), NaiveTime::from_hms_opt(16, 10, 0));
        assert_eq!(parse_time(" 7:05 "), NaiveTime::from_hms_opt(7, 5, 0));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("16h10"), None);
        assert_eq!(
            format_compact_date(NaiveDate::from_ymd_opt(2027, 1, 2).unwrap()),
            "20270102"
        );
    }
}
