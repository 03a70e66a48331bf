//! Statutory holidays, adjusted working days (调休) and the festivals of the year.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::calendar::types::HolidayKind;
use crate::error::ValidationError;

/// One line of `server/data/holidays-cn.txt`: `2026-10-01  holiday  no  国庆节`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayLine {
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub provisional: bool,
    pub name: String,
}

/// Parses the shipped holiday file; `#` starts a comment. Says which line is wrong.
pub fn parse_holiday_file(text: &str) -> Result<Vec<HolidayLine>, String> {
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.split('#').next().unwrap_or("").trim()))
        .filter(|(_, line)| !line.is_empty())
        .map(|(number, line)| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [date, kind, provisional, name @ ..] = fields.as_slice() else {
                return Err(format!(
                    "line {number}: expected date, kind, provisional and name"
                ));
            };
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| format!("line {number}: bad date {date}"))?;
            let kind = HolidayKind::from_key(kind)
                .ok_or_else(|| format!("line {number}: kind is holiday or workday"))?;
            let provisional = match *provisional {
                "yes" => true,
                "no" => false,
                other => {
                    return Err(format!(
                        "line {number}: provisional is yes or no, not {other}"
                    ))
                }
            };
            if name.is_empty() {
                return Err(format!("line {number}: missing name"));
            }
            Ok(HolidayLine {
                date,
                kind,
                provisional,
                name: name.join(" "),
            })
        })
        .collect()
}

/// An admin's correction of one day, read from the holidays form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayEdit {
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub name: String,
}

impl HolidayEdit {
    pub fn parse(date: &str, kind: &str, name: &str) -> Result<HolidayEdit, ValidationError> {
        let date = super::month_grid::parse_date_param(date)?;
        let kind = HolidayKind::from_key(kind.trim()).ok_or(ValidationError::InvalidFilter)?;
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 40 {
            return Err(ValidationError::HolidayNameInvalid);
        }
        Ok(HolidayEdit {
            date,
            kind,
            name: name.to_owned(),
        })
    }
}

/// The festivals fixed to the solar calendar or to a weekday of a month.
pub fn solar_festival_on(date: NaiveDate) -> Option<&'static str> {
    let nth_sunday = (date.weekday() == Weekday::Sun).then(|| (date.day() - 1) / 7 + 1);
    match (date.month(), date.day()) {
        (5, _) if nth_sunday == Some(2) => Some("mothers_day"),
        (6, _) if nth_sunday == Some(3) => Some("fathers_day"),
        (6, 1) => Some("childrens_day"),
        (9, 10) => Some("teachers_day"),
        (10, 1) => Some("national_day"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn mothers_and_fathers_days_move_with_the_sundays() {
        assert_eq!(solar_festival_on(d(2027, 5, 9)), Some("mothers_day"));
        assert_eq!(solar_festival_on(d(2026, 5, 10)), Some("mothers_day"));
        assert_eq!(solar_festival_on(d(2027, 5, 2)), None);
        assert_eq!(solar_festival_on(d(2027, 6, 20)), Some("fathers_day"));
        assert_eq!(solar_festival_on(d(2026, 6, 21)), Some("fathers_day"));
        assert_eq!(solar_festival_on(d(2027, 9, 10)), Some("teachers_day"));
    }

    #[test]
    fn the_holiday_file_parses_or_names_the_bad_line() {
        let text = "# comment\n2026-10-01  holiday  no   国庆节\n\n2026-10-10  workday  no   国庆节调休上班  # note\n";
        let lines = parse_holiday_file(text).unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].kind, HolidayKind::Workday);
        assert_eq!(lines[1].name, "国庆节调休上班");
        assert!(parse_holiday_file("2026-13-01 holiday no x")
            .unwrap_err()
            .starts_with("line 1"));
        assert!(parse_holiday_file("ok\n2026-10-01 party no x")
            .unwrap_err()
            .starts_with("line 1"));
        assert!(parse_holiday_file("2026-10-01 holiday maybe x").is_err());
    }
}
