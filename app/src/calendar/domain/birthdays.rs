//! Birthdays are derived from the children's records for the window asked for,
//! never stored as events.

use chrono::{Datelike, NaiveDate};

/// The day a solar birthday is kept in `year`. Feb 29 is kept on Feb 28 in a common
/// year, as families here do. `None` before the child was born.
pub fn solar_birthday_in(birth: NaiveDate, year: i32) -> Option<NaiveDate> {
    if year < birth.year() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
}

/// Every birthday of a child born on `birth` within `first..=last`, with the age turned.
pub fn birthdays_between(
    birth: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, u32)> {
    (first.year()..=last.year())
        .filter_map(|year| {
            let day = solar_birthday_in(birth, year)?;
            let age = u32::try_from(year - birth.year()).ok()?;
            (age > 0 && first <= day && day <= last).then_some((day, age))
        })
        .collect()
}

/// A child's age in whole years on `day` (the Feb 29 child turns a year older on Feb 28).
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    let years = day.year() - birth.year();
    let had_birthday = solar_birthday_in(birth, day.year()).is_some_and(|b| b <= day);
    u32::try_from(if had_birthday { years } else { years - 1 }).unwrap_or(0)
}

/// A child's birthdays within `first..=last` with the age turned, by the calendar the
/// family keeps (solar, or lunar: 农历生日).
#[cfg(feature = "ssr")]
pub fn birthdays_of(
    birth: NaiveDate,
    lunar: bool,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, u32)> {
    if lunar {
        super::lunar::lunar_birthdays_between(birth, first, last)
    } else {
        birthdays_between(birth, first, last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_on_a_day() {
        assert_eq!(age_on(d(2016, 4, 21), d(2027, 4, 20)), 10);
        assert_eq!(age_on(d(2016, 4, 20), d(2027, 4, 20)), 11);
        assert_eq!(age_on(d(2016, 2, 29), d(2027, 2, 28)), 11);
        assert_eq!(age_on(d(2027, 5, 1), d(2027, 4, 20)), 0);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn leap_day_birthdays_fall_on_feb_28_in_common_years() {
        let birth = d(2016, 2, 29);
        assert_eq!(solar_birthday_in(birth, 2027), Some(d(2027, 2, 28)));
        assert_eq!(solar_birthday_in(birth, 2028), Some(d(2028, 2, 29)));
    }

    #[test]
    fn the_age_is_the_one_being_turned() {
        let birth = d(2017, 4, 9);
        assert_eq!(
            birthdays_between(birth, d(2027, 3, 29), d(2027, 5, 2)),
            vec![(d(2027, 4, 9), 10)]
        );
    }

    #[test]
    fn a_window_across_new_year_finds_both_years() {
        let jan = d(2018, 1, 2);
        let dec = d(2018, 12, 30);
        let (first, last) = (d(2026, 12, 28), d(2027, 1, 3));
        assert_eq!(
            birthdays_between(jan, first, last),
            vec![(d(2027, 1, 2), 9)]
        );
        assert_eq!(
            birthdays_between(dec, first, last),
            vec![(d(2026, 12, 30), 8)]
        );
    }

    #[test]
    fn no_birthday_before_birth_or_on_the_day_of_birth() {
        let birth = d(2026, 4, 10);
        assert!(birthdays_between(birth, d(2026, 4, 1), d(2026, 4, 30)).is_empty());
        assert!(birthdays_between(birth, d(2020, 1, 1), d(2025, 12, 31)).is_empty());
        assert_eq!(
            birthdays_between(birth, d(2027, 4, 1), d(2027, 4, 30)),
            vec![(d(2027, 4, 10), 1)]
        );
    }
}
