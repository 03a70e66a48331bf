//! The Monday-first month grid, as Chinese calendars print it.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::error::ValidationError;

/// Parses a `date` query parameter (`2027-04-19`) or the month form (`2027-04`).
pub fn parse_date_param(raw: &str) -> Result<NaiveDate, ValidationError> {
    let raw = raw.trim();
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{raw}-01"), "%Y-%m-%d"))
        .map_err(|_| ValidationError::InvalidDate)?;
    if crate::school::types::date_in_range(date) {
        Ok(date)
    } else {
        Err(ValidationError::InvalidDate)
    }
}

pub fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).expect("day 1 exists in every month")
}

pub fn previous_month(date: NaiveDate) -> NaiveDate {
    first_of_month(date) - Months::new(1)
}

pub fn next_month(date: NaiveDate) -> NaiveDate {
    first_of_month(date) + Months::new(1)
}

/// The days shown for the month of `date`: whole weeks from the Monday on or before the
/// 1st to the Sunday on or after the last day (35 or 42 days, 28 for a February that
/// starts on a Monday).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthGrid {
    pub month: NaiveDate,
    pub first_shown: NaiveDate,
    pub weeks: u32,
}

impl MonthGrid {
    pub fn for_date(date: NaiveDate) -> MonthGrid {
        let month = first_of_month(date);
        let lead = month.weekday().num_days_from_monday() as u64;
        let first_shown = month - Days::new(lead);
        let last = next_month(month) - Days::new(1);
        let trail = 6 - last.weekday().num_days_from_monday() as u64;
        let shown = (last + Days::new(trail) - first_shown).num_days() + 1;
        MonthGrid {
            month,
            first_shown,
            weeks: (shown / 7) as u32,
        }
    }

    /// The last day shown, inclusive.
    pub fn last_shown(&self) -> NaiveDate {
        self.first_shown + Days::new(u64::from(self.weeks) * 7 - 1)
    }

    pub fn weeks(&self) -> impl Iterator<Item = [NaiveDate; 7]> + '_ {
        (0..self.weeks).map(move |week| {
            std::array::from_fn(|day| {
                self.first_shown + Days::new(u64::from(week) * 7 + day as u64)
            })
        })
    }

    pub fn in_month(&self, date: NaiveDate) -> bool {
        date.year() == self.month.year() && date.month() == self.month.month()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn april_2027_starts_on_the_monday_before() {
        // 2027-04-01 is a Thursday.
        let grid = MonthGrid::for_date(d(2027, 4, 15));
        assert_eq!(grid.month, d(2027, 4, 1));
        assert_eq!(grid.first_shown, d(2027, 3, 29));
        assert_eq!(grid.weeks, 5);
        assert_eq!(grid.last_shown(), d(2027, 5, 2));
        let weeks: Vec<_> = grid.weeks().collect();
        assert_eq!(weeks[3][1], d(2027, 4, 20)); // the checkup day is a Tuesday
    }

    #[test]
    fn a_month_starting_on_sunday_needs_six_weeks() {
        // 2026-11-01 is a Sunday: six rows, Monday Oct 26 to Sunday Dec 6.
        let grid = MonthGrid::for_date(d(2026, 11, 28));
        assert_eq!(grid.first_shown, d(2026, 10, 26));
        assert_eq!(grid.weeks, 6);
        assert_eq!(grid.last_shown(), d(2026, 12, 6));
    }

    #[test]
    fn february_starting_on_monday_fits_four_weeks() {
        let grid = MonthGrid::for_date(d(2027, 2, 1));
        assert_eq!(grid.first_shown, d(2027, 2, 1));
        assert_eq!(grid.weeks, 4);
    }

    #[test]
    fn month_steps_cross_years() {
        assert_eq!(previous_month(d(2027, 1, 31)), d(2026, 12, 1));
        assert_eq!(next_month(d(2026, 12, 31)), d(2027, 1, 1));
    }

    #[test]
    fn date_params_parse_or_say_why_not() {
        assert_eq!(parse_date_param("2027-04-01"), Ok(d(2027, 4, 1)));
        assert_eq!(parse_date_param("2027-04"), Ok(d(2027, 4, 1)));
        assert_eq!(parse_date_param(" 2028-02-29 "), Ok(d(2028, 2, 29)));
        for bad in [
            "2027-02-29",
            "2027-13-01",
            "tomorrow",
            "",
            "1800-01-01",
            "9999-01-01",
        ] {
            assert_eq!(
                parse_date_param(bad),
                Err(ValidationError::InvalidDate),
                "{bad}"
            );
        }
    }
}
