//! Expanding a series' rule (RFC 5545, through the `rrule` crate) into its start times,
//! and the checks a rule passes before it is saved.

use chrono::{NaiveDateTime, TimeZone};

use crate::error::{AppError, ValidationError};

/// No series may produce more occurrences than this in one window (a month or a week).
pub const MAX_OCCURRENCES_PER_WINDOW: u16 = 500;

/// A rule that puts more occurrences than this in its first year is refused.
pub const MAX_OCCURRENCES_PER_YEAR: usize = 1000;

/// The rule as the `rrule` crate reads it: `DTSTART;TZID=…` and the `RRULE` line.
fn rule_set(
    start: NaiveDateTime,
    tz: chrono_tz::Tz,
    rule: &str,
) -> Result<rrule::RRuleSet, rrule::RRuleError> {
    format!(
        "DTSTART;TZID={}:{}\nRRULE:{}",
        tz.name(),
        start.format("%Y%m%dT%H%M%S"),
        until_in_utc(rule, tz)
    )
    .parse()
}

/// `rule` with its UNTIL in UTC, as RFC 5545 wants it beside a DTSTART with a TZID (and
/// as feeds write it). The calendar keeps UNTIL as it was written: RFC 5545 §3.3.10 also
/// allows a DATE (the series ends with that day) and a floating local time, both read on
/// the wall clock of `tz`, the series' zone. The editor writes a floating time, so a rule
/// does not depend on where the school is. A value of no such form is left for the
/// `rrule` crate to refuse.
pub fn until_in_utc(rule: &str, tz: chrono_tz::Tz) -> String {
    rule.split(';')
        .map(|part| match part.strip_prefix("UNTIL=") {
            Some(value) => match wall_clock_until(value) {
                Some(local) => {
                    let utc = tz
                        .from_local_datetime(&local)
                        .earliest()
                        .or_else(|| {
                            tz.from_local_datetime(&(local + chrono::Duration::hours(1)))
                                .earliest()
                        })
                        .map(|t| t.naive_utc());
                    match utc {
                        Some(utc) => format!("UNTIL={}", utc.format("%Y%m%dT%H%M%SZ")),
                        None => part.to_owned(),
                    }
                }
                None => part.to_owned(),
            },
            None => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The local end of an UNTIL given as a DATE (the last second of that day) or a floating
/// DATE-TIME; `None` for a UTC time or anything else.
fn wall_clock_until(value: &str) -> Option<NaiveDateTime> {
    match value.len() {
        8 => chrono::NaiveDate::parse_from_str(value, "%Y%m%d")
            .ok()?
            .and_hms_opt(23, 59, 59),
        15 => NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok(),
        _ => None,
    }
}

/// The start times (local wall time in `time_zone`) of the series of event `id` that begins
/// at `starts_at` with `rule`, from `from` to `to` inclusive.
pub fn series_starts(
    id: i64,
    starts_at: NaiveDateTime,
    time_zone: &str,
    rule: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> Result<Vec<NaiveDateTime>, AppError> {
    let tz: chrono_tz::Tz = time_zone
        .parse()
        .map_err(|_| AppError::internal(format!("event {id} has unknown time zone {time_zone}")))?;
    let rtz = rrule::Tz::Tz(tz);
    let local = |t: NaiveDateTime| rtz.from_local_datetime(&t).earliest();
    let (Some(from), Some(to)) = (local(from), local(to)) else {
        return Err(AppError::internal("window falls in a time-zone gap"));
    };
    let set = rule_set(starts_at, tz, rule)
        .map_err(|e| AppError::internal(format!("event {id} has a bad rule: {e}")))?;
    let result = set.after(from).before(to).all(MAX_OCCURRENCES_PER_WINDOW);
    Ok(result
        .dates
        .into_iter()
        .map(|dt| dt.naive_local())
        .collect())
}

/// How many times a rule starting at `start` occurs in its first year (up to one more than
/// [`MAX_OCCURRENCES_PER_YEAR`]), so a rule that floods the calendar is refused. A rule the `rrule` crate rejects is invalid.
pub fn occurrences_in_first_year(
    start: NaiveDateTime,
    tz: chrono_tz::Tz,
    rule: &str,
) -> Result<usize, AppError> {
    let set =
        rule_set(start, tz, rule).map_err(|_| AppError::from(ValidationError::RuleInvalid))?;
    let rtz = rrule::Tz::Tz(tz);
    let to = rtz
        .from_local_datetime(&(start + chrono::Duration::days(366)))
        .earliest()
        .ok_or(ValidationError::RuleInvalid)?;
    Ok(set
        .before(to)
        .all(MAX_OCCURRENCES_PER_YEAR as u16 + 1)
        .dates
        .len())
}

/// The rule must expand, and not flood a year with more than [`MAX_OCCURRENCES_PER_YEAR`].
/// `tz` is the zone the series is kept in: the school's.
pub fn check_rule(
    start: NaiveDateTime,
    tz: chrono_tz::Tz,
    rule: Option<&str>,
) -> Result<(), AppError> {
    if let Some(rule) = rule {
        if occurrences_in_first_year(start, tz, rule)? > MAX_OCCURRENCES_PER_YEAR {
            return Err(ValidationError::TooManyOccurrences.into());
        }
    }
    Ok(())
}

/// A rule as the editor's repeat field shows it: its end date has a field of its own.
pub fn rule_without_until(rule: &str) -> String {
    rule.split(';')
        .filter(|p| !p.starts_with("UNTIL="))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn every_until_form_of_the_rfc_ends_the_series_on_the_same_day() {
        let beijing = chrono_tz::Asia::Shanghai;
        let start = at(2027, 6, 3, 8, 0);
        // UTC, floating local time and DATE: three ways to say "up to July 1 in Beijing".
        for rule in [
            "FREQ=WEEKLY;UNTIL=20270701T000000Z",
            "FREQ=WEEKLY;UNTIL=20270701T080000",
            "FREQ=WEEKLY;UNTIL=20270701",
        ] {
            let starts = series_starts(
                1,
                start,
                "Asia/Shanghai",
                rule,
                start,
                at(2027, 12, 31, 0, 0),
            )
            .unwrap_or_else(|e| panic!("{rule}: {e:?}"));
            assert_eq!(starts.last(), Some(&at(2027, 7, 1, 8, 0)), "{rule}");
            assert_eq!(starts.len(), 5, "{rule}");
            check_rule(start, beijing, Some(rule)).unwrap();
        }
        // A floating time one minute before the eighth of the last day's start leaves it out.
        let early = series_starts(
            1,
            start,
            "Asia/Shanghai",
            "FREQ=WEEKLY;UNTIL=20270701T075900",
            start,
            at(2027, 12, 31, 0, 0),
        )
        .unwrap();
        assert_eq!(early.len(), 4);
    }

    #[test]
    fn until_reads_on_the_series_own_clock() {
        assert_eq!(
            until_in_utc(
                "FREQ=WEEKLY;UNTIL=20270122T235959",
                chrono_tz::Asia::Shanghai
            ),
            "FREQ=WEEKLY;UNTIL=20270122T155959Z"
        );
        assert_eq!(
            until_in_utc(
                "FREQ=DAILY;UNTIL=20270701;BYDAY=MO",
                chrono_tz::Europe::Berlin
            ),
            "FREQ=DAILY;UNTIL=20270701T215959Z;BYDAY=MO"
        );
        assert_eq!(
            until_in_utc(
                "FREQ=DAILY;UNTIL=20270701T000000Z",
                chrono_tz::Europe::Berlin
            ),
            "FREQ=DAILY;UNTIL=20270701T000000Z"
        );
    }
}
