//! What the event editor sends, parsed into an event the database can keep. The server
//! function runs this same parser; nothing is saved unless all of it is valid.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::local_time::{format_compact_date, parse_date, parse_time};
use crate::calendar::types::EventInput;
use crate::calendar::types::{Audience, Category};
use crate::error::ValidationError;

pub const MAX_TITLE_CHARS: usize = 60;

/// A valid event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    pub title: String,
    pub category: Category,
    pub all_day: bool,
    pub start: NaiveDateTime,
    /// Exclusive: an all-day event ends at the midnight after its last day.
    pub end: NaiveDateTime,
    pub location: Option<String>,
    pub audience: Audience,
    pub student_visible: bool,
    pub description: String,
    pub rrule: Option<String>,
}

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const RULE_KEYS: [&str; 9] = [
    "FREQ",
    "INTERVAL",
    "BYDAY",
    "BYMONTH",
    "BYMONTHDAY",
    "COUNT",
    "UNTIL",
    "WKST",
    "BYSETPOS",
];

fn date(raw: &str) -> Result<NaiveDate, ValidationError> {
    parse_date(raw).ok_or(ValidationError::InvalidDate)
}

fn time(raw: Option<&str>) -> Result<Option<NaiveTime>, ValidationError> {
    match raw.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => parse_time(t).map(Some).ok_or(ValidationError::InvalidTime),
    }
}

fn blank(raw: &Option<String>) -> Option<String> {
    raw.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// The problems the editor can have: the form lists each one's message (keyed by the
/// error's name) so the browser shows the server's translation.
pub const FORM_ERRORS: [ValidationError; 8] = [
    ValidationError::TitleInvalid,
    ValidationError::InvalidDate,
    ValidationError::DateOutOfRange,
    ValidationError::InvalidTime,
    ValidationError::EndBeforeStart,
    ValidationError::RuleInvalid,
    ValidationError::InvalidFilter,
    ValidationError::TooManyOccurrences,
];

impl EventDraft {
    pub fn parse(input: &EventInput) -> Result<EventDraft, ValidationError> {
        let title = input.title.trim().to_owned();
        if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
            return Err(ValidationError::TitleInvalid);
        }
        let category =
            Category::from_key(input.category.trim()).ok_or(ValidationError::InvalidFilter)?;
        let all_day = input.all_day.is_some();
        let start_date = date(&input.start_date)?;
        let end_date = match blank(&input.end_date) {
            Some(d) => date(&d)?,
            None => start_date,
        };
        let (start, end) = if all_day {
            (
                start_date.and_time(NaiveTime::MIN),
                (end_date + Duration::days(1)).and_time(NaiveTime::MIN),
            )
        } else {
            let start_time =
                time(input.start_time.as_deref())?.ok_or(ValidationError::InvalidTime)?;
            let end_time =
                time(input.end_time.as_deref())?.unwrap_or(start_time + Duration::hours(1));
            (start_date.and_time(start_time), end_date.and_time(end_time))
        };
        if end <= start {
            return Err(ValidationError::EndBeforeStart);
        }
        // A date of the right form in a year the school keeps nothing of (1900, 2200).
        if !crate::school::types::date_in_range(start.date()) {
            return Err(ValidationError::DateOutOfRange);
        }
        if end - start > Duration::days(366) {
            return Err(ValidationError::InvalidDate);
        }
        let audience = parse_audience(&input.audience)?;
        let rrule = parse_repeat(input.repeat.as_deref(), input.until.as_deref(), start)?;
        Ok(EventDraft {
            title,
            category,
            all_day,
            start,
            end,
            location: blank(&input.location),
            audience,
            // Staff-only events are never shown to students, whatever the box says.
            student_visible: input.student_visible.is_some() && audience != Audience::Staff,
            description: blank(&input.description).unwrap_or_default(),
            rrule,
        })
    }
}

pub fn parse_audience(raw: &str) -> Result<Audience, ValidationError> {
    let id = |s: &str| s.parse::<i64>().map_err(|_| ValidationError::InvalidFilter);
    match raw.trim().split_once(':') {
        None if raw.trim() == "school" => Ok(Audience::School),
        None if raw.trim() == "staff" => Ok(Audience::Staff),
        Some(("class", n)) => Ok(Audience::Class(id(n)?)),
        Some(("group", n)) => Ok(Audience::Group(id(n)?)),
        _ => Err(ValidationError::InvalidFilter),
    }
}

/// The presets repeat on the start's weekday / day of month / date; a custom rule must be
/// an RRULE of the parts the calendar supports (the server also expands it to check it).
pub fn parse_repeat(
    repeat: Option<&str>,
    until: Option<&str>,
    start: NaiveDateTime,
) -> Result<Option<String>, ValidationError> {
    use chrono::Datelike;
    let until = match until.map(str::trim).filter(|u| !u.is_empty()) {
        None => None,
        Some(u) => {
            let day = date(u)?;
            if day < start.date() {
                return Err(ValidationError::EndBeforeStart);
            }
            // The last second of that day on the school's clock (a floating time, so the
            // rule holds wherever the school is; feeds write it in UTC).
            Some(format!(";UNTIL={}T235959", format_compact_date(day)))
        }
    };
    let weekday = WEEKDAYS[start.weekday().num_days_from_monday() as usize];
    let base = match repeat.map(str::trim).unwrap_or("none") {
        "" | "none" => return Ok(None),
        "weekly" => format!("FREQ=WEEKLY;BYDAY={weekday}"),
        "monthly" => format!("FREQ=MONTHLY;BYMONTHDAY={}", start.day()),
        "yearly" => format!(
            "FREQ=YEARLY;BYMONTH={};BYMONTHDAY={}",
            start.month(),
            start.day()
        ),
        custom => {
            let rule = custom.trim_start_matches("RRULE:").to_ascii_uppercase();
            // Values of RFC 5545 §3.3.10 only: letters, digits, `,`, `+`, `-`. A line break
            // would smuggle RDATE or EXDATE lines into the feeds.
            let parts_ok = rule.split(';').all(|part| {
                part.split_once('=').is_some_and(|(k, v)| {
                    RULE_KEYS.contains(&k)
                        && !v.is_empty()
                        && v.chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ',' | '+' | '-'))
                })
            });
            if !parts_ok || !rule.starts_with("FREQ=") {
                return Err(ValidationError::RuleInvalid);
            }
            rule
        }
    };
    Ok(Some(match until {
        Some(u) if !base.contains("UNTIL=") && !base.contains("COUNT=") => format!("{base}{u}"),
        _ => base,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EventInput {
        EventInput {
            title: " 书法兴趣小组 ".into(),
            category: "activity".into(),
            start_date: "2026-09-02".into(),
            start_time: Some("16:10".into()),
            end_time: Some("17:10".into()),
            audience: "group:3".into(),
            student_visible: Some("on".into()),
            repeat: Some("weekly".into()),
            until: Some("2027-01-22".into()),
            ..EventInput::default()
        }
    }

    #[test]
    fn a_weekly_group_session_for_the_term() {
        let draft = EventDraft::parse(&input()).unwrap();
        assert_eq!(draft.title, "书法兴趣小组");
        assert_eq!(draft.audience, Audience::Group(3));
        assert_eq!(
            draft.rrule.as_deref(),
            Some("FREQ=WEEKLY;BYDAY=WE;UNTIL=20270122T235959")
        );
        assert_eq!(draft.end - draft.start, Duration::minutes(60));
    }

    #[test]
    fn all_day_events_end_at_the_next_midnight() {
        let draft = EventDraft::parse(&EventInput {
            all_day: Some("on".into()),
            start_date: "2027-04-20".into(),
            repeat: None,
            until: None,
            ..input()
        })
        .unwrap();
        assert_eq!(
            draft.end,
            NaiveDate::from_ymd_opt(2027, 4, 21)
                .unwrap()
                .and_time(NaiveTime::MIN)
        );
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        assert_eq!(
            EventDraft::parse(&EventInput {
                title: "  ".into(),
                ..input()
            }),
            Err(ValidationError::TitleInvalid)
        );
        assert_eq!(
            EventDraft::parse(&EventInput {
                end_time: Some("16:00".into()),
                ..input()
            }),
            Err(ValidationError::EndBeforeStart)
        );
        assert_eq!(
            EventDraft::parse(&EventInput {
                start_date: "2027-02-30".into(),
                ..input()
            }),
            Err(ValidationError::InvalidDate)
        );
        // Well formed, but a year the school keeps nothing of: said so, not "use Y-M-D".
        assert_eq!(
            EventDraft::parse(&EventInput {
                start_date: "1900-01-01".into(),
                end_date: Some("1900-01-01".into()),
                ..input()
            }),
            Err(ValidationError::DateOutOfRange)
        );
        assert_eq!(
            EventDraft::parse(&EventInput {
                start_time: Some("25:00".into()),
                ..input()
            }),
            Err(ValidationError::InvalidTime)
        );
        assert_eq!(
            EventDraft::parse(&EventInput {
                repeat: Some("FREQ=SOMETIMES;X=1".into()),
                ..input()
            }),
            Err(ValidationError::RuleInvalid)
        );
        assert_eq!(
            EventDraft::parse(&EventInput {
                audience: "class:x".into(),
                ..input()
            }),
            Err(ValidationError::InvalidFilter)
        );
    }

    #[test]
    fn custom_rules_of_supported_parts_pass() {
        let draft = EventDraft::parse(&EventInput {
            repeat: Some("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU".into()),
            until: None,
            ..input()
        })
        .unwrap();
        assert_eq!(
            draft.rrule.as_deref(),
            Some("FREQ=YEARLY;BYMONTH=5;BYDAY=2SU")
        );
    }

    #[test]
    fn a_rule_cannot_smuggle_other_lines_into_the_feeds() {
        for smuggled in [
            "FREQ=WEEKLY;BYDAY=MO\r\nRDATE:20270101T000000Z",
            "FREQ=WEEKLY;BYDAY=MO\nEXDATE:20270101",
            "FREQ=WEEKLY;BYDAY=MO:X",
            "FREQ=WEEKLY;BYDAY=MO\u{0}",
        ] {
            assert_eq!(
                EventDraft::parse(&EventInput {
                    repeat: Some(smuggled.into()),
                    until: None,
                    ..input()
                }),
                Err(ValidationError::RuleInvalid),
                "{smuggled:?}"
            );
        }
    }

    #[test]
    fn staff_events_are_never_shown_to_students() {
        let draft = EventDraft::parse(&EventInput {
            audience: "staff".into(),
            ..input()
        })
        .unwrap();
        assert!(!draft.student_visible);
    }
}
