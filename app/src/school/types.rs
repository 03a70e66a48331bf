//! Facts of the school every area shares: a class's label, the years the app plans in,
//! and the one way a point in time is written.

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// A class, as grade and number ("3年级2班", "Class 3-2").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ClassLabel {
    pub grade: u8,
    pub number: u8,
}

impl ClassLabel {
    /// A class as the `classes` table stores it (grade and number as integers); `None`
    /// for a value no class can have.
    pub fn from_stored(grade: i64, number: i64) -> Option<ClassLabel> {
        Some(ClassLabel {
            grade: u8::try_from(grade).ok()?,
            number: u8::try_from(number).ok()?,
        })
    }
}

/// An enum kept in the database and in forms by a short key (every area's kinds, reasons
/// and stickers).
macro_rules! keyed_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $key:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key),+ }
            }

            pub fn parse(raw: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.key() == raw.trim())
            }
        }
    };
}
pub(crate) use keyed_enum as keyed;

/// `done` of `of` in whole percent, rounded half up (none when nothing counted).
pub fn percent(done: u32, of: u32) -> Option<u8> {
    (of > 0).then(|| ((u64::from(done.min(of)) * 100 + u64::from(of) / 2) / u64::from(of)) as u8)
}

/// The years anything can be planned or recorded in (events, checkups, imports).
pub const YEARS: RangeInclusive<i32> = 1990..=2100;

/// Whether `year` is one the school can plan or record in.
pub fn year_in_range(year: i32) -> bool {
    YEARS.contains(&year)
}

/// Whether `date` falls in [`YEARS`].
pub fn date_in_range(date: NaiveDate) -> bool {
    year_in_range(date.year())
}

/// A day planned ahead (a home visit, a ceremony, a make-up day): today or later, within the
/// school's years. One before today, or outside those years, is refused in words that say
/// which (never as a malformed date).
pub fn planned_day(
    day: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, crate::error::ValidationError> {
    use crate::error::ValidationError;
    if !date_in_range(day) {
        Err(ValidationError::DateOutOfRange)
    } else if day < today {
        Err(ValidationError::DateBeforeToday)
    } else {
        Ok(day)
    }
}

/// The one format of a local date-time in the database, in links and in forms:
/// `2026-12-09T16:10:00`.
pub const STAMP_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// SQLite's "now" in UTC, as every `updated_at`, `closed_at` and `revoked_at` stores it.
pub const SQL_NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// `t` as [`STAMP_FORMAT`] writes it.
pub fn stamp(t: NaiveDateTime) -> String {
    t.format(STAMP_FORMAT).to_string()
}

/// A moment [`SQL_NOW`] stored (UTC), as the school's clock showed it: "2026-11-30 22:42".
/// A value that is not such a moment is shown as it is.
#[cfg(feature = "ssr")]
pub fn local_time(stored: &str, zone: chrono_tz::Tz) -> String {
    local_format(stored, zone, "%Y-%m-%d %H:%M")
}

/// [`local_time`] to the second, for the audit log: "2026-11-30 22:42:08".
#[cfg(feature = "ssr")]
pub fn local_second(stored: &str, zone: chrono_tz::Tz) -> String {
    local_format(stored, zone, "%Y-%m-%d %H:%M:%S")
}

#[cfg(feature = "ssr")]
fn local_format(stored: &str, zone: chrono_tz::Tz, format: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(stored) {
        Ok(t) => t.with_timezone(&zone).format(format).to_string(),
        Err(_) => stored.to_owned(),
    }
}

/// The moment the school's `day` begins, as the database's UTC stamps write it
/// (`2027-04-18T16:00:00.000Z` for April 19 in Beijing): compared as text, it is at or
/// before every stamp of that day, with or without their milliseconds.
#[cfg(feature = "ssr")]
pub fn school_midnight(day: NaiveDate, zone: chrono_tz::Tz) -> String {
    use chrono::TimeZone;
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    zone.from_local_datetime(&midnight)
        .earliest()
        .map_or(midnight, |t| t.naive_utc())
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// The school's day of a stored UTC stamp (`2027-03-01T02:00:00Z`).
#[cfg(feature = "ssr")]
pub fn local_day(stored: &str, zone: chrono_tz::Tz) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(stored)
        .ok()
        .map(|t| t.with_timezone(&zone).date_naive())
}

/// A local date-time as links and forms carry it, seconds optional.
pub fn parse_stamp(raw: &str) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    NaiveDateTime::parse_from_str(raw, STAMP_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M"))
        .ok()
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "ssr")]
    #[test]
    fn a_stored_moment_is_shown_on_the_schools_clock() {
        use super::local_time;
        let beijing = chrono_tz::Asia::Shanghai;
        assert_eq!(
            local_time("2026-11-30T14:42:05Z", beijing),
            "2026-11-30 22:42"
        );
        assert_eq!(
            local_time("2026-11-30T23:00:00Z", beijing),
            "2026-12-01 07:00"
        );
        assert_eq!(
            local_time("2026-11-30T14:42:05Z", chrono_tz::Europe::Berlin),
            "2026-11-30 15:42"
        );
        assert_eq!(local_time("not a time", beijing), "not a time");
    }

    use super::*;

    #[test]
    fn stamps_round_trip_and_accept_minutes() {
        let t = NaiveDate::from_ymd_opt(2026, 12, 9)
            .unwrap()
            .and_hms_opt(16, 10, 0)
            .unwrap();
        assert_eq!(stamp(t), "2026-12-09T16:10:00");
        assert_eq!(parse_stamp("2026-12-09T16:10:00"), Some(t));
        assert_eq!(parse_stamp(" 2026-12-09T16:10 "), Some(t));
        assert_eq!(parse_stamp("2026-12-09"), None);
    }

    #[test]
    fn years_are_bounded() {
        assert!(year_in_range(1990) && year_in_range(2100));
        assert!(!year_in_range(1989) && !year_in_range(2101));
    }

    #[test]
    fn a_planned_day_says_why_it_is_refused() {
        use crate::error::ValidationError;
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let today = day("2027-04-19");
        assert_eq!(planned_day(today, today), Ok(today));
        assert_eq!(planned_day(day("2027-06-01"), today), Ok(day("2027-06-01")));
        assert_eq!(
            planned_day(day("2027-04-18"), today),
            Err(ValidationError::DateBeforeToday)
        );
        assert_eq!(
            planned_day(day("2101-01-01"), today),
            Err(ValidationError::DateOutOfRange)
        );
        assert_eq!(
            planned_day(day("1900-01-01"), today),
            Err(ValidationError::DateOutOfRange)
        );
    }
}
