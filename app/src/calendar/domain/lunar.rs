//! The Chinese lunisolar calendar (农历), through `tyme4rs`: the lunar date under each day,
//! the traditional festivals, and birthdays kept by the lunar calendar. Server only.

use chrono::{Datelike, NaiveDate};
use tyme4rs::tyme::lunar::{LunarDay, LunarMonth, LunarYear};
use tyme4rs::tyme::solar::SolarDay;
use tyme4rs::tyme::Culture;

/// A lunar date: year, month (negative for a leap month, 闰月) and day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lunar {
    pub year: i32,
    pub month: i32,
    pub day: u32,
}

pub fn to_lunar(date: NaiveDate) -> Lunar {
    let day = SolarDay::from_ymd(
        date.year() as isize,
        date.month() as usize,
        date.day() as usize,
    )
    .get_lunar_day();
    let month = day.get_lunar_month();
    Lunar {
        year: month.get_year() as i32,
        month: month.get_month_with_leap() as i32,
        day: day.get_day() as u32,
    }
}

/// The solar date of a lunar date, if that lunar date exists.
pub fn to_solar(lunar: Lunar) -> Option<NaiveDate> {
    if lunar.month < 0
        && LunarYear::from_year(lunar.year as isize).get_leap_month() as i32 != -lunar.month
    {
        return None;
    }
    let day = LunarDay::new(
        lunar.year as isize,
        lunar.month as isize,
        lunar.day as usize,
    )
    .ok()?;
    let solar = day.get_solar_day();
    NaiveDate::from_ymd_opt(
        solar.get_year() as i32,
        solar.get_month() as u32,
        solar.get_day() as u32,
    )
}

/// The text under the day number: the month's name on its first day ("正月", "闰六月"),
/// otherwise the day's ("初五", "廿三").
pub fn label_zh(date: NaiveDate) -> String {
    let day = SolarDay::from_ymd(
        date.year() as isize,
        date.month() as usize,
        date.day() as usize,
    )
    .get_lunar_day();
    if day.get_day() == 1 {
        day.get_lunar_month().get_name()
    } else {
        day.get_name()
    }
}

/// The same for English: "L6/3", with "+" after a leap month ("L6+/3").
pub fn label_en(date: NaiveDate) -> String {
    let lunar = to_lunar(date);
    let leap = if lunar.month < 0 { "+" } else { "" };
    format!("L{}{leap}/{}", lunar.month.abs(), lunar.day)
}

/// The day a lunar birthday falls on in lunar year `year`: a leap-month birthday is kept in
/// the ordinary month of years without that leap month, and day 30 on day 29 of a short month.
pub fn lunar_birthday_in_lunar_year(birth: Lunar, year: i32) -> Option<NaiveDate> {
    let leap_month = LunarYear::from_year(year as isize).get_leap_month() as i32;
    let month = if birth.month < 0 && leap_month != -birth.month {
        -birth.month
    } else {
        birth.month
    };
    let days = LunarMonth::from_ym(year as isize, month as isize).get_day_count() as u32;
    to_solar(Lunar {
        year,
        month,
        day: birth.day.min(days),
    })
}

/// Every lunar birthday of a child born on `birth` (a solar date) within `first..=last`,
/// with the age turned (lunar years since birth).
pub fn lunar_birthdays_between(
    birth: NaiveDate,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(NaiveDate, u32)> {
    let born = to_lunar(birth);
    (first.year() - 1..=last.year())
        .filter_map(|year| {
            let day = lunar_birthday_in_lunar_year(born, year)?;
            let age = u32::try_from(year - born.year).ok()?;
            (age > 0 && first <= day && day <= last).then_some((day, age))
        })
        .collect()
}

/// The traditional festivals of the lunar calendar, as (month, day, key).
pub const LUNAR_FESTIVALS: [(i32, u32, &str); 6] = [
    (1, 1, "spring_festival"),
    (1, 15, "lantern"),
    (5, 5, "dragon_boat"),
    (7, 7, "qixi"),
    (8, 15, "mid_autumn"),
    (9, 9, "double_ninth"),
];

/// The lunar festival on `date`, if any (New Year's Eve is the last day of the 12th month).
pub fn festival_on(date: NaiveDate) -> Option<&'static str> {
    let lunar = to_lunar(date);
    if let Some((_, _, key)) = LUNAR_FESTIVALS
        .iter()
        .find(|(m, d, _)| *m == lunar.month && *d == lunar.day)
    {
        return Some(key);
    }
    let tomorrow = to_lunar(date.succ_opt()?);
    (tomorrow.month == 1 && tomorrow.day == 1).then_some("new_years_eve")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn lunar_dates_match_the_almanac() {
        assert_eq!(
            to_lunar(d(2027, 2, 6)),
            Lunar {
                year: 2027,
                month: 1,
                day: 1
            }
        );
        assert_eq!(label_zh(d(2027, 2, 6)), "正月");
        assert_eq!(label_zh(d(2027, 2, 10)), "初五");
        assert_eq!(label_en(d(2027, 2, 10)), "L1/5");
        assert_eq!(festival_on(d(2027, 9, 15)), Some("mid_autumn"));
        assert_eq!(festival_on(d(2027, 6, 9)), Some("dragon_boat"));
        assert_eq!(festival_on(d(2027, 2, 5)), Some("new_years_eve"));
        assert_eq!(festival_on(d(2026, 2, 17)), Some("spring_festival"));
    }

    #[test]
    fn a_birthday_in_a_leap_month_is_kept_in_the_ordinary_month_otherwise() {
        // 2025 has a leap sixth month (闰六月); 2027 does not.
        let born_in_leap = Lunar {
            year: 2025,
            month: -6,
            day: 10,
        };
        assert!(to_solar(born_in_leap).is_some());
        assert_eq!(
            lunar_birthday_in_lunar_year(born_in_leap, 2027),
            to_solar(Lunar {
                year: 2027,
                month: 6,
                day: 10
            })
        );
    }

    #[test]
    fn day_thirty_falls_on_day_twenty_nine_in_a_short_month() {
        let born = Lunar {
            year: 2016,
            month: 12,
            day: 30,
        };
        let short = (2017..2035)
            .find(|y| LunarMonth::from_ym(*y as isize, 12).get_day_count() == 29)
            .expect("some 12th month has 29 days");
        assert_eq!(
            lunar_birthday_in_lunar_year(born, short),
            to_solar(Lunar {
                year: short,
                month: 12,
                day: 29
            })
        );
    }

    #[test]
    fn lunar_birthdays_move_through_the_solar_year_and_cross_year_ends() {
        // Born on the first day of the lunar year 2017 (Jan 28, 2017).
        let birth = d(2017, 1, 28);
        assert_eq!(
            lunar_birthdays_between(birth, d(2027, 1, 1), d(2027, 12, 31)),
            vec![(d(2027, 2, 6), 10)]
        );
        assert_eq!(
            lunar_birthdays_between(birth, d(2026, 1, 1), d(2026, 12, 31)),
            vec![(d(2026, 2, 17), 9)]
        );
        assert!(lunar_birthdays_between(birth, d(2017, 1, 1), d(2017, 12, 31)).is_empty());
    }
}
