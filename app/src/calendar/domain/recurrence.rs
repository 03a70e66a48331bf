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
        rule
    )
    .parse()
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
