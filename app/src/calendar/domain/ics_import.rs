//! Reading an .ics file for import, through the `icalendar` crate's parser: every VEVENT
//! becomes a row with its problem, if any, so the preview can list them all before
//! anything is written. Times end up in the school's local time (Beijing).

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use icalendar::{Component, DatePerhapsTime, EventLike};

use super::event_form::{parse_repeat, MAX_TITLE_CHARS};
use super::recurrence::check_rule;
use crate::error::{AppError, ValidationError};
use crate::school::types::date_in_range;

/// One import takes at most this many events.
pub const MAX_EVENTS: usize = 2000;

/// A VEVENT of the file, as it would be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsRow {
    /// 1-based position among the file's events.
    pub number: usize,
    /// UID, with `#RECURRENCE-ID` for a changed occurrence: what marks it as already imported.
    pub source_uid: String,
    pub title: String,
    pub all_day: bool,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub location: Option<String>,
    pub description: String,
    pub rrule: Option<String>,
    pub exdates: Vec<NaiveDateTime>,
    /// For a changed occurrence: the series' UID and the start it replaces.
    pub recurrence_of: Option<(String, NaiveDateTime)>,
    pub problem: Option<ValidationError>,
    /// Already in the calendar from an earlier import: skipped.
    pub already: bool,
}

/// A DATE or DATE-TIME in the school's local time (`zone`). A floating time, or a time zone
/// the server does not know (Outlook writes "China Standard Time"), is taken as local.
fn local(value: &DatePerhapsTime, zone: chrono_tz::Tz) -> (NaiveDateTime, bool) {
    use icalendar::CalendarDateTime as C;
    match value {
        DatePerhapsTime::Date(d) => (d.and_time(NaiveTime::MIN), true),
        DatePerhapsTime::DateTime(C::Floating(t)) => (*t, false),
        DatePerhapsTime::DateTime(C::Utc(t)) => (t.with_timezone(&zone).naive_local(), false),
        DatePerhapsTime::DateTime(C::WithTimezone { date_time, tzid }) => {
            let converted = tzid.parse::<chrono_tz::Tz>().ok().and_then(|tz| {
                tz.from_local_datetime(date_time)
                    .earliest()
                    .map(|t| t.with_timezone(&zone).naive_local())
            });
            (converted.unwrap_or(*date_time), false)
        }
    }
}

/// The values of a date list property (EXDATE, RECURRENCE-ID), in local time.
fn dates_of(property: &icalendar::Property, zone: chrono_tz::Tz) -> Vec<NaiveDateTime> {
    let tzid = property.params().get("TZID").map(|p| p.value().to_owned());
    property
        .value()
        .split(',')
        .filter_map(|raw| {
            let raw = raw.trim();
            let value = if raw.len() == 8 {
                DatePerhapsTime::Date(NaiveDate::parse_from_str(raw, "%Y%m%d").ok()?)
            } else if let Some(utc) = raw.strip_suffix('Z') {
                let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
                DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t.and_utc()))
            } else {
                let t = NaiveDateTime::parse_from_str(raw, "%Y%m%dT%H%M%S").ok()?;
                match &tzid {
                    Some(tz) => {
                        DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
                            date_time: t,
                            tzid: tz.clone(),
                        })
                    }
                    None => DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Floating(t)),
                }
            };
            Some(local(&value, zone).0)
        })
        .collect()
}

/// `PT1H30M`, `P1D`: an RFC 5545 duration, for events that give one instead of DTEND.
fn duration(raw: &str) -> Option<Duration> {
    let body = raw.trim().strip_prefix('P')?;
    let (days_part, time_part) = body.split_once('T').unwrap_or((body, ""));
    let mut total = Duration::zero();
    let mut number = String::new();
    for (part, in_time) in [(days_part, false), (time_part, true)] {
        for c in part.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let n: i64 = number.parse().ok()?;
            number.clear();
            total += match (c, in_time) {
                ('W', false) => Duration::weeks(n),
                ('D', false) => Duration::days(n),
                ('H', true) => Duration::hours(n),
                ('M', true) => Duration::minutes(n),
                ('S', true) => Duration::seconds(n),
                _ => return None,
            };
        }
    }
    number.is_empty().then_some(total)
}

/// Components nest at most this deep in a real calendar (VCALENDAR, VEVENT, VALARM; or
/// VTIMEZONE, STANDARD).
const MAX_DEPTH: usize = 4;

/// A look at the lines before the parser runs: nesting deeper than [`MAX_DEPTH`] (which
/// would exhaust the parser's stack and abort the server) makes the file unreadable, more
/// than [`MAX_EVENTS`] events make it too large.
fn check_shape(text: &str) -> Result<(), ValidationError> {
    let (mut depth, mut events) = (0usize, 0usize);
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        let upper = |prefix: &str| {
            line.get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        };
        if upper("BEGIN:") {
            depth += 1;
            if depth > MAX_DEPTH {
                return Err(ValidationError::FileUnreadable);
            }
            if line[6..].trim().eq_ignore_ascii_case("VEVENT") {
                events += 1;
                if events > MAX_EVENTS {
                    return Err(ValidationError::FileTooLarge);
                }
            }
        } else if upper("END:") {
            depth = depth.saturating_sub(1);
        }
    }
    Ok(())
}

/// Reads the file into rows. A file that is not iCalendar, has no events or too many is an
/// error for the whole file; a bad event is a row with its problem. `existing` holds the
/// source UIDs already in the calendar; `zone` is the school's time zone, which times in
/// other zones are converted to.
pub fn read(
    text: &str,
    existing: &HashSet<String>,
    zone: chrono_tz::Tz,
) -> Result<Vec<IcsRow>, ValidationError> {
    let text = text.trim_start_matches('\u{feff}');
    if !text.trim_start().starts_with("BEGIN:VCALENDAR") {
        return Err(ValidationError::FileUnreadable);
    }
    check_shape(text)?;
    let calendar: icalendar::Calendar =
        text.parse().map_err(|_| ValidationError::FileUnreadable)?;
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    if events.is_empty() {
        return Err(ValidationError::FileEmpty);
    }
    if events.len() > MAX_EVENTS {
        return Err(ValidationError::FileTooLarge);
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let rows = events
        .into_iter()
        .enumerate()
        .map(|(index, event)| {
            let mut row = row_of(index + 1, event, zone);
            if seen.insert(row.source_uid.clone(), row.number).is_some() && row.problem.is_none() {
                row.problem = Some(ValidationError::DuplicateInFile);
            }
            row.already = existing.contains(&row.source_uid);
            row
        })
        .collect();
    Ok(rows)
}

fn row_of(number: usize, event: &icalendar::Event, zone: chrono_tz::Tz) -> IcsRow {
    let properties = event.properties();
    let recurrence_of = properties
        .get("RECURRENCE-ID")
        .and_then(|p| dates_of(p, zone).first().copied());
    let uid = event
        .get_uid()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("row-{number}"));
    let source_uid = match recurrence_of {
        Some(at) => format!("{uid}#{}", at.format("%Y%m%dT%H%M%S")),
        None => uid.clone(),
    };
    let title = event.get_summary().unwrap_or_default().trim().to_owned();
    let mut problem = None;
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        problem = Some(ValidationError::TitleInvalid);
    }
    let start = event.get_start().map(|s| local(&s, zone));
    let (start, all_day) = match start {
        Some((start, all_day)) => (start, all_day),
        None => {
            problem = problem.or(Some(ValidationError::MissingStart));
            (NaiveDateTime::MIN, false)
        }
    };
    let end = match (event.get_end(), properties.get("DURATION")) {
        (Some(end), _) => local(&end, zone).0,
        (None, Some(d)) => match duration(d.value()) {
            Some(d) => start + d,
            None => {
                problem = problem.or(Some(ValidationError::InvalidTime));
                start
            }
        },
        (None, None) if all_day => start + Duration::days(1),
        (None, None) => start + Duration::hours(1),
    };
    if problem.is_none() {
        if end <= start {
            problem = Some(ValidationError::EndBeforeStart);
        } else if !date_in_range(start.date()) || end - start > Duration::days(366) {
            problem = Some(ValidationError::InvalidDate);
        }
    }
    // The same rule check as the editor's custom repeat, and the 1,000-a-year limit.
    let rrule = event.property_value("RRULE").map(str::to_owned);
    let rrule = match rrule {
        Some(rule) if problem.is_none() => match parse_repeat(Some(&rule), None, start) {
            Ok(rule) => {
                if let Some(r) = &rule {
                    match check_rule(start, zone, Some(r)) {
                        Ok(()) => {}
                        Err(AppError::Validation(error)) => problem = Some(error),
                        Err(_) => problem = Some(ValidationError::RuleInvalid),
                    }
                }
                rule
            }
            Err(e) => {
                problem = Some(e);
                None
            }
        },
        other => other,
    };
    let exdates = event
        .multi_properties()
        .get("EXDATE")
        .map(|list| list.iter().flat_map(|p| dates_of(p, zone)).collect())
        .unwrap_or_default();
    IcsRow {
        number,
        source_uid,
        title,
        all_day,
        start,
        end,
        location: event
            .get_location()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty()),
        description: event
            .get_description()
            .unwrap_or_default()
            .trim()
            .to_owned(),
        rrule,
        exdates,
        recurrence_of: recurrence_of.map(|at| (uid, at)),
        problem,
        already: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCHOOL: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

    const TERM: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Bureau//Term//ZH\r\n\
BEGIN:VEVENT\r\nUID:term-start@bureau\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:秋季学期开学\r\nDTSTART;VALUE=DATE:20260901\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:flag@bureau\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:升旗仪式\r\nDTSTART:20260907T000000Z\r\nDURATION:PT30M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270115T160000Z\r\nEXDATE;TZID=Asia/Shanghai:20261005T080000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:flag@bureau\r\nRECURRENCE-ID;TZID=Asia/Shanghai:20260914T080000\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:升旗仪式（雨天改在礼堂）\r\nDTSTART;TZID=Asia/Shanghai:20260914T083000\r\nDTEND;TZID=Asia/Shanghai:20260914T090000\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:exam@bureau\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:期末考试\r\nDTSTART;TZID=Asia/Shanghai:20270112T090000\r\nDTEND;TZID=Asia/Shanghai:20270112T080000\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn a_term_calendar_reads_into_local_times_with_its_problems() {
        let rows = read(TERM, &HashSet::new(), SCHOOL).unwrap();
        assert_eq!(rows.len(), 4);
        assert!(rows[0].all_day);
        assert_eq!(
            (rows[0].start, rows[0].end),
            (at(2026, 9, 1, 0, 0), at(2026, 9, 2, 0, 0))
        );
        // 00:00 UTC is 08:00 in Beijing; DURATION gives the end.
        assert_eq!(
            (rows[1].start, rows[1].end),
            (at(2026, 9, 7, 8, 0), at(2026, 9, 7, 8, 30))
        );
        assert_eq!(
            rows[1].rrule.as_deref(),
            Some("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270115T160000Z")
        );
        assert_eq!(rows[1].exdates, [at(2026, 10, 5, 8, 0)]);
        assert_eq!(
            rows[2].recurrence_of,
            Some(("flag@bureau".to_owned(), at(2026, 9, 14, 8, 0)))
        );
        assert_eq!(rows[2].source_uid, "flag@bureau#20260914T080000");
        assert_eq!(rows[2].problem, None);
        assert_eq!(rows[3].problem, Some(ValidationError::EndBeforeStart));
    }

    #[test]
    fn what_was_imported_before_is_marked_and_a_uid_twice_is_a_problem() {
        let existing = HashSet::from(["term-start@bureau".to_owned()]);
        let twice = TERM.replace("UID:exam@bureau", "UID:term-start@bureau");
        let rows = read(&twice, &existing, SCHOOL).unwrap();
        assert!(rows[0].already);
        assert!(!rows[1].already);
        assert_eq!(
            rows[3].problem,
            Some(ValidationError::EndBeforeStart),
            "its own problem first"
        );
        let rows = read(
            &TERM.replace("UID:exam@bureau", "UID:flag@bureau").replace(
                "DTEND;TZID=Asia/Shanghai:20270112T080000",
                "DTEND;TZID=Asia/Shanghai:20270112T100000",
            ),
            &HashSet::new(),
            SCHOOL,
        )
        .unwrap();
        assert_eq!(rows[3].problem, Some(ValidationError::DuplicateInFile));
    }

    #[test]
    fn files_that_are_not_calendars_are_refused_whole() {
        assert_eq!(
            read("姓名,性别\n张三,男", &HashSet::new(), SCHOOL),
            Err(ValidationError::FileUnreadable)
        );
        assert_eq!(
            read(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
                &HashSet::new(),
                SCHOOL
            ),
            Err(ValidationError::FileEmpty)
        );
    }

    #[test]
    fn rules_and_titles_are_checked_like_the_editor_does() {
        let flood = TERM.replace("FREQ=WEEKLY;BYDAY=MO;UNTIL=20270115T160000Z", "FREQ=HOURLY");
        assert_eq!(
            read(&flood, &HashSet::new(), SCHOOL).unwrap()[1].problem,
            Some(ValidationError::TooManyOccurrences)
        );
        let odd = TERM.replace(
            "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270115T160000Z",
            "FREQ=WEEKLY;BYWEEKNO=20",
        );
        assert_eq!(
            read(&odd, &HashSet::new(), SCHOOL).unwrap()[1].problem,
            Some(ValidationError::RuleInvalid)
        );
        let untitled = TERM.replace("SUMMARY:秋季学期开学\r\n", "");
        assert_eq!(
            read(&untitled, &HashSet::new(), SCHOOL).unwrap()[0].problem,
            Some(ValidationError::TitleInvalid)
        );
    }

    #[test]
    fn a_floating_start_may_end_at_a_floating_until() {
        // RFC 5545 §3.3.10: with a floating DTSTART, UNTIL is floating too.
        let floating = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Village//Clubs//ZH\r\n\
BEGIN:VEVENT\r\nUID:reading@village\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:读书会\r\n\
DTSTART:20270603T160000\r\nDTEND:20270603T170000\r\nRRULE:FREQ=WEEKLY;UNTIL=20270701T000000\r\n\
END:VEVENT\r\nBEGIN:VEVENT\r\nUID:sports@village\r\nDTSTAMP:20260801T000000Z\r\nSUMMARY:运动会\r\n\
DTSTART;VALUE=DATE:20270601\r\nRRULE:FREQ=DAILY;UNTIL=20270603\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let rows = read(floating, &HashSet::new(), SCHOOL).unwrap();
        assert_eq!(rows[0].problem, None);
        assert_eq!(rows[0].start, at(2027, 6, 3, 16, 0));
        assert_eq!(
            rows[0].rrule.as_deref(),
            Some("FREQ=WEEKLY;UNTIL=20270701T000000")
        );
        assert_eq!(rows[1].problem, None, "a DATE start with a DATE until");
    }

    #[test]
    fn a_file_nested_beyond_reason_is_refused_before_it_is_parsed() {
        let deep = format!(
            "BEGIN:VCALENDAR\r\n{}{}END:VCALENDAR\r\n",
            "BEGIN:VEVENT\r\n".repeat(70_000),
            "END:VEVENT\r\n".repeat(70_000)
        );
        assert!(deep.len() < 2 * 1024 * 1024, "fits the upload limit");
        assert_eq!(
            read(&deep, &HashSet::new(), SCHOOL),
            Err(ValidationError::FileUnreadable)
        );
        let many = format!(
            "BEGIN:VCALENDAR\r\n{}END:VCALENDAR\r\n",
            "BEGIN:VEVENT\r\nEND:VEVENT\r\n".repeat(MAX_EVENTS + 1)
        );
        assert_eq!(
            read(&many, &HashSet::new(), SCHOOL),
            Err(ValidationError::FileTooLarge)
        );
    }

    #[test]
    fn durations_in_rfc_5545_form() {
        assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(duration("P1D"), Some(Duration::days(1)));
        assert_eq!(duration("P1W"), Some(Duration::weeks(1)));
        assert_eq!(duration("1H"), None);
        assert_eq!(duration("PT5X"), None);
    }
}
