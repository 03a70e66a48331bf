//! The five ones' forms: the one parser of each (a book, a call, an excused day, the call
//! window, a check-in's ticks and day), run by the browser's check and by the server alike.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use super::types::{CallWindowInput, Excuse, Habit};
use crate::calendar::domain::local_time::{format_time, parse_date, parse_time};
use crate::care::types::Sticker;
use crate::error::ValidationError;
use crate::school::text::fold;

/// The longest book title, with whom a call was, or a chore's note (characters).
pub const SHORT_MAX: usize = 100;
/// The longest sentence about a book or a call.
pub const TEXT_MAX: usize = 500;
/// How far back a book, a call or an excuse may be recorded (a term).
pub const BACK_DAYS: u64 = 200;

/// Where the parents may work, for their call window: the school's own zone first. A short
/// list a grandparent's answer fits in, checked the same in the form and on the server.
pub const ZONES: [&str; 9] = [
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Singapore",
    "Asia/Dubai",
    "Europe/Moscow",
    "Europe/Rome",
    "Africa/Lagos",
    "America/New_York",
];

/// How far back a check-in may be corrected: the last seven days, today included.
pub const CHECK_IN_BACK_DAYS: u64 = 6;

/// The earliest day a check-in may still be made up for (the date picker's lower limit).
pub fn check_in_earliest(today: NaiveDate) -> NaiveDate {
    today - Days::new(CHECK_IN_BACK_DAYS)
}

/// The day a check-in is about: today unless `raw`, at most a few days back (the teacher
/// missed a day).
pub fn check_in_day(raw: Option<&str>, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    let day = match raw.map(str::trim).filter(|d| !d.is_empty()) {
        None => today,
        Some(d) => parse_date(&fold(d)).ok_or(ValidationError::InvalidDate)?,
    };
    if day > today || day < check_in_earliest(today) {
        return Err(ValidationError::CheckInDayInvalid);
    }
    Ok(day)
}
/// What a check-in's ticks say: `child:habit` per habit done, `child:absent` for a child
/// ill or away that day. Anything else is refused.
pub type Ticks = (HashSet<(i64, Habit)>, HashSet<i64>);

/// Reads a check-in's ticks.
pub fn ticks(raw: &[String]) -> Result<Ticks, ValidationError> {
    let mut done = HashSet::new();
    let mut absent = HashSet::new();
    for tick in raw {
        let (child, what) = tick
            .split_once(':')
            .ok_or(ValidationError::CheckInInvalid)?;
        let child = child
            .parse::<i64>()
            .map_err(|_| ValidationError::CheckInInvalid)?;
        if what == "absent" {
            absent.insert(child);
        } else {
            done.insert((
                child,
                Habit::parse(what).ok_or(ValidationError::CheckInInvalid)?,
            ));
        }
    }
    Ok((done, absent))
}

/// Free text as the child or the teacher wrote it: trimmed, punctuation kept.
fn short(raw: &str, max: usize) -> Result<String, ValidationError> {
    let text = raw.trim().to_owned();
    if text.chars().count() > max {
        return Err(ValidationError::TextTooLong);
    }
    Ok(text)
}

/// A short note (what the chore was), trimmed.
pub fn short_text(raw: &str) -> Result<String, ValidationError> {
    short(raw, SHORT_MAX)
}

fn recent_day(raw: &str, today: NaiveDate) -> Result<NaiveDate, ValidationError> {
    let day = match fold(raw).trim() {
        "" => today,
        d => parse_date(d).ok_or(ValidationError::InvalidDate)?,
    };
    if day > today || day + Days::new(BACK_DAYS) < today {
        return Err(ValidationError::HabitDayInvalid);
    }
    Ok(day)
}

/// The form's field a problem belongs to, and the problem.
pub type FieldError = (&'static str, ValidationError);

/// What the book form may be told.
pub const BOOK_ERRORS: [ValidationError; 4] = [
    ValidationError::BookTitleRequired,
    ValidationError::InvalidDate,
    ValidationError::HabitDayInvalid,
    ValidationError::TextTooLong,
];

/// What the call form may be told.
pub const CALL_ERRORS: [ValidationError; 5] = [
    ValidationError::CallWithWhomRequired,
    ValidationError::StickerInvalid,
    ValidationError::InvalidDate,
    ValidationError::HabitDayInvalid,
    ValidationError::TextTooLong,
];

/// A book read: its title (required) and a sentence about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookDraft {
    pub day: NaiveDate,
    pub title: String,
    pub sentence: String,
}

impl BookDraft {
    pub fn parse(
        title: &str,
        sentence: &str,
        day: &str,
        today: NaiveDate,
    ) -> Result<BookDraft, FieldError> {
        let title = short(title, SHORT_MAX).map_err(|e| ("title", e))?;
        if title.is_empty() {
            return Err(("title", ValidationError::BookTitleRequired));
        }
        Ok(BookDraft {
            day: recent_day(day, today).map_err(|e| ("day", e))?,
            title,
            sentence: short(sentence, TEXT_MAX).map_err(|e| ("sentence", e))?,
        })
    }
}

/// A call home: with whom (required), how it felt, a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallDraft {
    pub day: NaiveDate,
    pub with_whom: String,
    pub feeling: Option<Sticker>,
    pub note: String,
}

impl CallDraft {
    pub fn parse(
        with_whom: &str,
        feeling: &str,
        note: &str,
        day: &str,
        today: NaiveDate,
    ) -> Result<CallDraft, FieldError> {
        let with_whom = short(with_whom, SHORT_MAX).map_err(|e| ("with_whom", e))?;
        if with_whom.is_empty() {
            return Err(("with_whom", ValidationError::CallWithWhomRequired));
        }
        let feeling = match feeling.trim() {
            "" => None,
            f => Some(Sticker::parse(f).ok_or(("feeling", ValidationError::StickerInvalid))?),
        };
        Ok(CallDraft {
            day: recent_day(day, today).map_err(|e| ("day", e))?,
            with_whom,
            feeling,
            note: short(note, TEXT_MAX).map_err(|e| ("note", e))?,
        })
    }
}

/// What the excuse form may be told.
pub const EXCUSE_ERRORS: [ValidationError; 5] = [
    ValidationError::ExcuseInvalid,
    ValidationError::InvalidDate,
    ValidationError::ExcuseDayInvalid,
    ValidationError::LastDayBeforeFirst,
    ValidationError::TextTooLong,
];

/// Days a child is excused: ill, away, or the parents home. Up to a term back, and up to
/// two months ahead (the parents' visit is known in advance).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcuseDraft {
    pub excuse: Excuse,
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub note: String,
}

impl ExcuseDraft {
    pub fn parse(
        excuse: &str,
        first: &str,
        last: &str,
        note: &str,
        today: NaiveDate,
    ) -> Result<ExcuseDraft, FieldError> {
        let excuse = Excuse::parse(excuse).ok_or(("excuse", ValidationError::ExcuseInvalid))?;
        let day = |raw: &str, field| {
            let d = parse_date(&fold(raw)).ok_or((field, ValidationError::InvalidDate))?;
            // The upper bound first: adding to a date near chrono's end would panic.
            if d > today + Days::new(62) || d + Days::new(BACK_DAYS) < today {
                return Err((field, ValidationError::ExcuseDayInvalid));
            }
            Ok(d)
        };
        let first = day(first, "first")?;
        let last = match fold(last).trim() {
            "" => first,
            l => day(l, "last")?,
        };
        if last < first {
            return Err(("last", ValidationError::LastDayBeforeFirst));
        }
        Ok(ExcuseDraft {
            excuse,
            first,
            last,
            note: short(note, SHORT_MAX).map_err(|e| ("note", e))?,
        })
    }
}

/// What the call window form may be told.
pub const WINDOW_ERRORS: [ValidationError; 4] = [
    ValidationError::CallDaysRequired,
    ValidationError::InvalidTime,
    ValidationError::CallZoneInvalid,
    ValidationError::TextTooLong,
];

/// The parents' usual call window, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowDraft {
    pub weekdays: Vec<u8>,
    pub from: String,
    pub to: String,
    pub zone: &'static str,
    pub note: String,
}

impl WindowDraft {
    pub fn parse(input: &CallWindowInput) -> Result<WindowDraft, FieldError> {
        let mut weekdays = input
            .weekday
            .iter()
            .map(|d| d.trim().parse::<u8>().ok().filter(|d| (1..=7).contains(d)))
            .collect::<Option<Vec<u8>>>()
            .ok_or(("weekday", ValidationError::CallDaysRequired))?;
        weekdays.sort_unstable();
        weekdays.dedup();
        if weekdays.is_empty() {
            return Err(("weekday", ValidationError::CallDaysRequired));
        }
        let time = |raw: &str, field| {
            parse_time(&fold(raw))
                .map(format_time)
                .ok_or((field, ValidationError::InvalidTime))
        };
        let from = time(&input.from, "from")?;
        let to = time(&input.to, "to")?;
        if from == to {
            return Err(("to", ValidationError::InvalidTime));
        }
        let zone = ZONES
            .into_iter()
            .find(|z| *z == input.zone.trim())
            .ok_or(("zone", ValidationError::CallZoneInvalid))?;
        Ok(WindowDraft {
            weekdays,
            from,
            to,
            zone,
            note: short(&input.note, SHORT_MAX).map_err(|e| ("note", e))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn check_in_ticks_are_read_or_refused() {
        let (done, absent) = ticks(&[
            "12:chore".into(),
            "12:call".into(),
            "12:chore".into(),
            "13:absent".into(),
        ])
        .unwrap();
        assert_eq!(done.len(), 2);
        assert_eq!(absent, [13].into());
        for bad in ["12", "x:chore", "12:sleep", ""] {
            assert_eq!(
                ticks(&[bad.into()]).err(),
                Some(ValidationError::CheckInInvalid),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_check_in_reaches_back_six_days_and_says_so() {
        let today = d("2027-04-19");
        assert_eq!(check_in_day(None, today), Ok(today));
        assert_eq!(check_in_day(Some(" "), today), Ok(today));
        assert_eq!(
            check_in_day(Some("2027-04-13"), today),
            Ok(d("2027-04-13")),
            "six days back is the earliest"
        );
        assert_eq!(check_in_earliest(today), d("2027-04-13"));
        for out in ["2027-04-12", "2027-04-20", "1989-01-01"] {
            assert_eq!(
                check_in_day(Some(out), today),
                Err(ValidationError::CheckInDayInvalid),
                "{out}"
            );
        }
        assert_eq!(
            check_in_day(Some("4/12"), today),
            Err(ValidationError::InvalidDate)
        );
        // The message names the same window the rule keeps (seven days, today included).
        let days = (CHECK_IN_BACK_DAYS + 1).to_string();
        for locale in [crate::i18n::Locale::ZhCn, crate::i18n::Locale::En] {
            let message = ValidationError::CheckInDayInvalid.message(locale.strings());
            assert!(message.contains(&days), "{message}");
        }
    }

    #[test]
    fn the_forms_say_what_is_wrong() {
        let today = d("2027-04-19");
        assert_eq!(
            BookDraft::parse(" ", "", "", today).unwrap_err(),
            ("title", ValidationError::BookTitleRequired)
        );
        let book = BookDraft::parse("《小王子》", "狐狸说的话我记住了。", "", today).unwrap();
        assert_eq!(book.day, today);
        assert_eq!(
            BookDraft::parse("书", "", "2027-04-20", today)
                .unwrap_err()
                .1,
            ValidationError::HabitDayInvalid
        );
        assert_eq!(
            CallDraft::parse("妈妈", "grumpy", "", "", today)
                .unwrap_err()
                .1,
            ValidationError::StickerInvalid
        );
        assert_eq!(
            CallDraft::parse("妈妈", "happy", "", "２０２７-04-18", today)
                .unwrap()
                .day,
            d("2027-04-18"),
            "full-width digits are read"
        );
        assert_eq!(
            ExcuseDraft::parse("ill", "2027-04-19", "2027-04-18", "", today).unwrap_err(),
            ("last", ValidationError::LastDayBeforeFirst)
        );
        assert_eq!(
            ExcuseDraft::parse("away", "2027-07-01", "", "", today).unwrap_err(),
            ("first", ValidationError::ExcuseDayInvalid),
            "more than two months ahead"
        );
        assert_eq!(
            ExcuseDraft::parse("parents_home", "2027-05-01", "", "", today)
                .unwrap()
                .last,
            d("2027-05-01")
        );
        assert_eq!(
            ExcuseDraft::parse("ill", "262142-12-01", "", "", today)
                .unwrap_err()
                .1,
            ValidationError::ExcuseDayInvalid,
            "a date at the end of the calendar is refused, not a crash"
        );
        // What a child or a teacher writes keeps its punctuation.
        let call =
            CallDraft::parse("妈妈、爸爸", "", "妈妈说：“要听奶奶的话！”", "", today).unwrap();
        assert_eq!(
            (call.with_whom.as_str(), call.note.as_str()),
            ("妈妈、爸爸", "妈妈说：“要听奶奶的话！”")
        );
        assert_eq!(
            BookDraft::parse("书", "好看，真好看！", "", today)
                .unwrap()
                .sentence,
            "好看，真好看！"
        );
        assert_eq!(short_text(" 扫地，洗碗 ").unwrap(), "扫地，洗碗");
        let window = CallWindowInput {
            weekday: vec!["7".into(), "3".into(), "3".into()],
            from: "20:00".into(),
            to: "21:30".into(),
            zone: "Asia/Dubai".into(),
            note: "夜班前".into(),
        };
        let w = WindowDraft::parse(&window).unwrap();
        assert_eq!(w.weekdays, vec![3, 7]);
        assert_eq!(
            WindowDraft::parse(&CallWindowInput {
                weekday: vec![],
                ..window.clone()
            })
            .unwrap_err()
            .1,
            ValidationError::CallDaysRequired
        );
        assert_eq!(
            WindowDraft::parse(&CallWindowInput {
                zone: "Mars/Base".into(),
                ..window
            })
            .unwrap_err()
            .1,
            ValidationError::CallZoneInvalid
        );
    }
}
