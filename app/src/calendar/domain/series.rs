//! Changing part of a recurring series: "this occurrence", "this and following" or "all".
//! One occurrence becomes an override (RFC 5545 RECURRENCE-ID); "this and following" ends
//! the old series the second before and starts a new one; "all" changes the rule itself.

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;

/// Which occurrences of a series a change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    This,
    Following,
    All,
}

impl Scope {
    pub fn key(self) -> &'static str {
        match self {
            Scope::This => "this",
            Scope::Following => "following",
            Scope::All => "all",
        }
    }

    /// A missing scope means the whole event, as for a single event.
    pub fn parse(raw: Option<&str>) -> Result<Scope, ValidationError> {
        match raw.map(str::trim).unwrap_or("all") {
            "" | "all" => Ok(Scope::All),
            "this" => Ok(Scope::This),
            "following" => Ok(Scope::Following),
            _ => Err(ValidationError::InvalidFilter),
        }
    }
}

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

fn parts(rule: &str) -> impl Iterator<Item = (&str, &str)> {
    rule.split(';').filter_map(|p| p.split_once('='))
}

fn join(parts: &[(String, String)]) -> String {
    parts
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// The rule of a series moved by `days` whole days, so it keeps landing where it was
/// dragged: weekdays in BYDAY (with or without an ordinal, "WE" or "2SU") move along, and
/// so does a single BYMONTHDAY. Other parts stay as they are.
pub fn shift_rule(rule: &str, days: i64) -> String {
    if days == 0 {
        return rule.to_owned();
    }
    let shifted: Vec<(String, String)> = parts(rule)
        .map(|(key, value)| {
            let value = match key {
                "BYDAY" => value
                    .split(',')
                    .map(|day| {
                        let split = day.len().saturating_sub(2);
                        let (ordinal, name) = day.split_at(split);
                        match WEEKDAYS.iter().position(|w| *w == name) {
                            Some(i) => {
                                let moved = (i as i64 + days).rem_euclid(7) as usize;
                                format!("{ordinal}{}", WEEKDAYS[moved])
                            }
                            None => day.to_owned(),
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(","),
                "BYMONTHDAY" => match value.parse::<i64>() {
                    Ok(d) if d > 0 && (1..=31).contains(&(d + days)) => (d + days).to_string(),
                    _ => value.to_owned(),
                },
                _ => value.to_owned(),
            };
            (key.to_owned(), value)
        })
        .collect();
    join(&shifted)
}

/// UNTIL for the last second before `at`, on the series' own clock (a floating time,
/// which `recurrence::until_in_utc` reads in the series' zone).
fn until_before(at: NaiveDateTime) -> String {
    (at - Duration::seconds(1))
        .format("%Y%m%dT%H%M%S")
        .to_string()
}

/// The COUNT of a rule, if it has one.
pub fn count_of(rule: &str) -> Option<u32> {
    parts(rule).find_map(|(k, v)| (k == "COUNT").then(|| v.parse().ok())?)
}

/// Splits a series at the occurrence starting at `at`: the old rule ends the second before,
/// the new series (which starts at `at`, perhaps moved) keeps what is left of a COUNT.
/// `before` is how many occurrences the old series had before `at`. (A start the rule
/// itself does not produce, which RFC 5545 leaves undefined and the editor's presets never
/// make, is counted by the `rrule` crate's COUNT without being listed: such a split would
/// be one occurrence short. The property tests keep to starts the rule produces.)
pub fn split_rule(old: &str, new: &str, at: NaiveDateTime, before: u32) -> (String, String) {
    let head: Vec<(String, String)> = parts(old)
        .filter(|(k, _)| *k != "UNTIL" && *k != "COUNT")
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let mut head = head;
    match count_of(old) {
        Some(_) => head.push(("COUNT".into(), before.to_string())),
        None => head.push(("UNTIL".into(), until_before(at))),
    }
    let tail = match (count_of(old), count_of(new)) {
        // The new series keeps the rest of the count, unless its rule names its own.
        (Some(total), Some(same)) if same == total => {
            let rest: Vec<(String, String)> = parts(new)
                .map(|(k, v)| {
                    let v = if k == "COUNT" {
                        total.saturating_sub(before).max(1).to_string()
                    } else {
                        v.to_owned()
                    };
                    (k.to_owned(), v)
                })
                .collect();
            join(&rest)
        }
        _ => new.to_owned(),
    };
    (join(&head), tail)
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
    fn scopes_parse_and_default_to_all() {
        assert_eq!(Scope::parse(None), Ok(Scope::All));
        assert_eq!(Scope::parse(Some("this")), Ok(Scope::This));
        assert_eq!(Scope::parse(Some("following")), Ok(Scope::Following));
        assert!(Scope::parse(Some("some")).is_err());
    }

    #[test]
    fn a_dragged_weekly_series_moves_its_weekday() {
        assert_eq!(
            shift_rule("FREQ=WEEKLY;BYDAY=WE;UNTIL=20270122T155959Z", 1),
            "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270122T155959Z"
        );
        assert_eq!(
            shift_rule("FREQ=WEEKLY;BYDAY=MO,WE", -1),
            "FREQ=WEEKLY;BYDAY=SU,TU"
        );
        assert_eq!(
            shift_rule("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU", 1),
            "FREQ=YEARLY;BYMONTH=5;BYDAY=2MO"
        );
        assert_eq!(
            shift_rule("FREQ=MONTHLY;BYMONTHDAY=15", 3),
            "FREQ=MONTHLY;BYMONTHDAY=18"
        );
        // A month day that would leave the month, and the last day (-1), stay.
        assert_eq!(
            shift_rule("FREQ=MONTHLY;BYMONTHDAY=30", 3),
            "FREQ=MONTHLY;BYMONTHDAY=30"
        );
        assert_eq!(
            shift_rule("FREQ=MONTHLY;BYMONTHDAY=-1", 1),
            "FREQ=MONTHLY;BYMONTHDAY=-1"
        );
        assert_eq!(
            shift_rule("FREQ=DAILY;INTERVAL=2", 0),
            "FREQ=DAILY;INTERVAL=2"
        );
    }

    #[test]
    fn this_and_following_ends_the_old_series_the_second_before() {
        let (head, tail) = split_rule(
            "FREQ=WEEKLY;BYDAY=WE;UNTIL=20270122T155959Z",
            "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270122T155959Z",
            at(2026, 12, 9, 16, 10),
            14,
        );
        // 16:10 Beijing time is 08:10 UTC.
        assert_eq!(head, "FREQ=WEEKLY;BYDAY=WE;UNTIL=20261209T160959");
        assert_eq!(tail, "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270122T155959Z");
    }

    #[test]
    fn a_counted_series_shares_its_count_between_the_halves() {
        let (head, tail) = split_rule(
            "FREQ=WEEKLY;BYDAY=WE;COUNT=10",
            "FREQ=WEEKLY;BYDAY=WE;COUNT=10",
            at(2026, 12, 9, 16, 10),
            4,
        );
        assert_eq!(head, "FREQ=WEEKLY;BYDAY=WE;COUNT=4");
        assert_eq!(tail, "FREQ=WEEKLY;BYDAY=WE;COUNT=6");
        assert_eq!(count_of(&tail), Some(6));
    }
}
