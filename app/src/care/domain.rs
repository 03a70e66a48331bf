//! The care work's rules: the one parser of each form (the browser's check and the server
//! run the same code), and what is due when.

use chrono::{Days, NaiveDate, NaiveTime};

use super::types::{
    CareInput, CareKind, ConcernReason, DueState, Priorities, Sticker, Urgency, WithWhom,
};
use crate::calendar::domain::local_time::{parse_date, parse_time};
use crate::error::ValidationError;
use crate::school::text::fold;

/// The longest free text of a care entry, a concern or a diary entry (characters).
pub const TEXT_MAX: usize = 2000;
/// The longest short text (what was agreed, the next step, a name).
pub const SHORT_MAX: usize = 200;
/// How far back a contact may be recorded.
pub const BACK_DAYS: u64 = 366;

/// What the care entry form may be told, in the order a reader meets the fields.
pub const FORM_ERRORS: [ValidationError; 11] = [
    ValidationError::EntryIdInvalid,
    ValidationError::CareKindInvalid,
    ValidationError::InvalidDate,
    ValidationError::CareDateInvalid,
    ValidationError::InvalidTime,
    ValidationError::MinutesInvalid,
    ValidationError::WithWhomInvalid,
    ValidationError::PrioritiesRequired,
    ValidationError::MoodInvalid,
    ValidationError::NextDueInvalid,
    ValidationError::TextTooLong,
];

/// A care entry that passed every check, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareDraft {
    pub uid: String,
    pub kind: CareKind,
    pub happened_on: NaiveDate,
    /// When the form gave one; without it only the day is known.
    pub time: Option<NaiveTime>,
    pub minutes: u16,
    pub with_whom: WithWhom,
    pub on_behalf_of: String,
    pub priorities: Priorities,
    pub mood: Option<u8>,
    pub noticed: String,
    pub agreed: String,
    pub next_step: String,
    pub next_due: Option<NaiveDate>,
}

/// The form's field a problem belongs to, and the problem.
pub type FieldError = (&'static str, ValidationError);

impl CareDraft {
    /// Reads the form as typed; `today` is the school's.
    pub fn parse(input: &CareInput, today: NaiveDate) -> Result<CareDraft, FieldError> {
        let uid = entry_uid(&input.uid).map_err(|e| ("uid", e))?;
        let kind =
            CareKind::parse(&input.kind).ok_or(("kind", ValidationError::CareKindInvalid))?;
        let date = parse_date(&fold(&input.date)).ok_or(("date", ValidationError::InvalidDate))?;
        if date > today || date + Days::new(BACK_DAYS) < today {
            return Err(("date", ValidationError::CareDateInvalid));
        }
        let time = match fold(&input.time).trim() {
            "" => None,
            t => Some(parse_time(t).ok_or(("time", ValidationError::InvalidTime))?),
        };
        let minutes = fold(&input.minutes)
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|m| (1..=600).contains(m))
            .ok_or(("minutes", ValidationError::MinutesInvalid))?;
        let with_whom = WithWhom::parse(&input.with_whom)
            .ok_or(("with_whom", ValidationError::WithWhomInvalid))?;
        let ticked = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
        let priorities = Priorities {
            study: ticked(&input.study),
            life: ticked(&input.life),
            activities: ticked(&input.activities),
        };
        if !(priorities.study || priorities.life || priorities.activities) {
            return Err(("study", ValidationError::PrioritiesRequired));
        }
        let mood = match input.mood.trim() {
            "" => None,
            m => Some(
                m.parse::<u8>()
                    .ok()
                    .filter(|m| (1..=5).contains(m))
                    .ok_or(("mood", ValidationError::MoodInvalid))?,
            ),
        };
        let next_step = text(&input.next_step, SHORT_MAX).map_err(|e| ("next_step", e))?;
        let next_due = match fold(&input.next_due).trim() {
            "" => None,
            d => {
                let due = parse_date(d).ok_or(("next_due", ValidationError::InvalidDate))?;
                if due < date {
                    return Err(("next_due", ValidationError::NextDueInvalid));
                }
                Some(due)
            }
        };
        if next_due.is_some() && next_step.is_empty() {
            return Err(("next_step", ValidationError::NextDueInvalid));
        }
        Ok(CareDraft {
            uid,
            kind,
            happened_on: date,
            time,
            minutes,
            with_whom,
            on_behalf_of: text(&input.on_behalf_of, SHORT_MAX).map_err(|e| ("on_behalf_of", e))?,
            priorities,
            mood,
            noticed: text(&input.noticed, TEXT_MAX).map_err(|e| ("noticed", e))?,
            agreed: text(&input.agreed, SHORT_MAX).map_err(|e| ("agreed", e))?,
            next_step,
            next_due,
        })
    }
}

/// When a contact happened, as the care log keeps it: the day and the time on the school's
/// clock ("2027-04-19T10:30:00"), or the day alone ("2027-04-19") when no time was given.
pub fn stored_when(day: NaiveDate, time: Option<NaiveTime>) -> String {
    match time {
        Some(time) => day.and_time(time).format("%Y-%m-%dT%H:%M:%S").to_string(),
        None => day.format("%Y-%m-%d").to_string(),
    }
}

/// Reads [`stored_when`] back: the day, and the time when one was given.
pub fn read_when(raw: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let day = raw.get(..10)?.parse::<NaiveDate>().ok()?;
    let time = match raw.get(10..)?.trim_start_matches(['T', ' ']) {
        "" => None,
        t => Some(
            NaiveTime::parse_from_str(t, "%H:%M:%S%.f")
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M"))
                .ok()?,
        ),
    };
    Some((day, time))
}

/// An entry's id as the form made it: 16 to 64 letters, digits and dashes.
pub fn entry_uid(raw: &str) -> Result<String, ValidationError> {
    let uid = raw.trim();
    let fits = (16..=64).contains(&uid.len())
        && uid.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if fits {
        Ok(uid.to_owned())
    } else {
        Err(ValidationError::EntryIdInvalid)
    }
}

/// Free text, trimmed, at most `max` characters (empty is allowed).
pub fn text(raw: &str, max: usize) -> Result<String, ValidationError> {
    let text = raw.trim();
    if text.chars().count() > max {
        return Err(ValidationError::TextTooLong);
    }
    Ok(text.to_owned())
}

/// A concern that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcernDraft {
    pub reason: ConcernReason,
    pub urgency: Urgency,
    pub note: String,
    pub address_by: NaiveDate,
}

impl ConcernDraft {
    pub fn parse(
        reason: &str,
        urgency: &str,
        note: &str,
        address_by: &str,
        today: NaiveDate,
    ) -> Result<ConcernDraft, FieldError> {
        let reason =
            ConcernReason::parse(reason).ok_or(("reason", ValidationError::ConcernInvalid))?;
        let urgency =
            Urgency::parse(urgency).ok_or(("urgency", ValidationError::ConcernInvalid))?;
        let note = text(note, TEXT_MAX).map_err(|e| ("note", e))?;
        if note.is_empty() {
            return Err(("note", ValidationError::ConcernNoteRequired));
        }
        let address_by = parse_date(&fold(address_by))
            .filter(|d| *d >= today && *d <= today + Days::new(BACK_DAYS))
            .ok_or(("address_by", ValidationError::AddressByInvalid))?;
        Ok(ConcernDraft {
            reason,
            urgency,
            note,
            address_by,
        })
    }
}

/// A closing note: required, at most [`SHORT_MAX`] characters.
pub fn closing_note(raw: &str) -> Result<String, ValidationError> {
    let note = text(raw, SHORT_MAX)?;
    if note.is_empty() {
        return Err(ValidationError::ConcernClosingNoteRequired);
    }
    Ok(note)
}

/// A diary entry that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiaryDraft {
    pub uid: String,
    pub body: String,
    pub sticker: Option<Sticker>,
}

impl DiaryDraft {
    pub fn parse(uid: &str, body: &str, sticker: &str) -> Result<DiaryDraft, FieldError> {
        let uid = entry_uid(uid).map_err(|e| ("uid", e))?;
        let body = text(body, TEXT_MAX).map_err(|e| ("body", e))?;
        if body.is_empty() {
            return Err(("body", ValidationError::DiaryBodyRequired));
        }
        let sticker = match sticker.trim() {
            "" => None,
            s => Some(Sticker::parse(s).ok_or(("sticker", ValidationError::StickerInvalid))?),
        };
        Ok(DiaryDraft { uid, body, sticker })
    }
}

/// The school's rhythm of care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rhythm {
    /// A talk at least every this many days.
    pub talk_days: u64,
    /// A home visit at least every this many days.
    pub visit_days: u64,
    /// "Due soon" this many days before the due date.
    pub soon_days: u64,
}

impl Default for Rhythm {
    fn default() -> Self {
        Rhythm {
            talk_days: 14,
            visit_days: 120,
            soon_days: 3,
        }
    }
}

impl Rhythm {
    /// The rhythm as the leading group types it (the "soon" margin stays as it is).
    pub fn parse(
        talk_days: &str,
        visit_days: &str,
        soon_days: u64,
    ) -> Result<Rhythm, ValidationError> {
        let days = |raw: &str, range: std::ops::RangeInclusive<u64>| {
            fold(raw)
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|d| range.contains(d))
                .ok_or(ValidationError::RhythmInvalid)
        };
        Ok(Rhythm {
            talk_days: days(talk_days, 1..=120)?,
            visit_days: days(visit_days, 7..=365)?,
            soon_days,
        })
    }

    /// When the next contact is due: `every` days after the last one, or after the pairing
    /// began when there has been none.
    pub fn due(every: u64, last: Option<NaiveDate>, paired_since: NaiveDate) -> NaiveDate {
        last.unwrap_or(paired_since) + Days::new(every)
    }

    pub fn state(&self, due: NaiveDate, today: NaiveDate) -> DueState {
        if due < today {
            DueState::Overdue
        } else if due <= today + Days::new(self.soon_days) {
            DueState::Soon
        } else {
            DueState::Later
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn talk() -> CareInput {
        CareInput {
            uid: "0f8e2a1c-4b7d-4e6a-9c3b-1d2e3f4a5b6c".into(),
            kind: "talk".into(),
            date: "2027-04-19".into(),
            time: "10:30".into(),
            minutes: "20".into(),
            with_whom: "child".into(),
            study: Some("on".into()),
            mood: "4".into(),
            noticed: "数学进步了".into(),
            next_step: "下周检查作业".into(),
            next_due: "2027-04-26".into(),
            ..CareInput::default()
        }
    }

    #[test]
    fn a_talk_with_the_study_priority_parses() {
        let draft = CareDraft::parse(&talk(), day("2027-04-19")).unwrap();
        assert_eq!(draft.kind, CareKind::Talk);
        assert!(draft.priorities.study && !draft.priorities.life);
        assert_eq!(draft.minutes, 20);
        assert_eq!(draft.mood, Some(4));
        assert_eq!(draft.next_due, Some(day("2027-04-26")));
        assert_eq!(draft.time, NaiveTime::from_hms_opt(10, 30, 0));
    }

    #[test]
    fn a_contact_without_a_time_keeps_only_its_day() {
        let input = CareInput {
            time: " ".into(),
            ..talk()
        };
        let draft = CareDraft::parse(&input, day("2027-04-19")).unwrap();
        assert_eq!((draft.happened_on, draft.time), (day("2027-04-19"), None));
        let stored = stored_when(draft.happened_on, draft.time);
        assert_eq!(stored, "2027-04-19");
        assert_eq!(read_when(&stored), Some((day("2027-04-19"), None)));
        // A time typed on a phone's keyboard, full-width.
        let input = CareInput {
            time: "０９:０５".into(),
            ..talk()
        };
        let draft = CareDraft::parse(&input, day("2027-04-19")).unwrap();
        assert_eq!(
            stored_when(draft.happened_on, draft.time),
            "2027-04-19T09:05:00"
        );
    }

    #[test]
    fn stored_times_of_every_shape_are_read_and_nonsense_is_not() {
        let noon = NaiveTime::from_hms_opt(12, 0, 0);
        // Rows written before: a time on every one.
        assert_eq!(
            read_when("2027-04-19T12:00:00"),
            Some((day("2027-04-19"), noon))
        );
        assert_eq!(
            read_when("2027-04-19 12:00"),
            Some((day("2027-04-19"), noon))
        );
        assert_eq!(
            read_when("2027-04-19T12:00:00.000"),
            Some((day("2027-04-19"), noon))
        );
        for bad in ["", "2027-04", "2027-13-01", "2027-04-19Tnoon"] {
            assert_eq!(read_when(bad), None, "{bad}");
        }
    }

    #[test]
    fn full_width_digits_from_an_input_method_are_read() {
        let input = CareInput {
            minutes: "３０".into(),
            date: "２０２７-０４-１８".into(),
            ..talk()
        };
        let draft = CareDraft::parse(&input, day("2027-04-19")).unwrap();
        assert_eq!(draft.minutes, 30);
    }

    #[test]
    fn each_bad_field_is_named() {
        let today = day("2027-04-19");
        let cases: [(CareInput, &str, ValidationError); 9] = [
            (
                CareInput {
                    uid: "short".into(),
                    ..talk()
                },
                "uid",
                ValidationError::EntryIdInvalid,
            ),
            (
                CareInput {
                    kind: "gossip".into(),
                    ..talk()
                },
                "kind",
                ValidationError::CareKindInvalid,
            ),
            (
                CareInput {
                    date: "2027-04-20".into(),
                    ..talk()
                },
                "date",
                ValidationError::CareDateInvalid,
            ),
            (
                CareInput {
                    date: "2025-01-01".into(),
                    ..talk()
                },
                "date",
                ValidationError::CareDateInvalid,
            ),
            (
                CareInput {
                    minutes: "0".into(),
                    ..talk()
                },
                "minutes",
                ValidationError::MinutesInvalid,
            ),
            (
                CareInput {
                    study: None,
                    ..talk()
                },
                "study",
                ValidationError::PrioritiesRequired,
            ),
            (
                CareInput {
                    mood: "9".into(),
                    ..talk()
                },
                "mood",
                ValidationError::MoodInvalid,
            ),
            (
                CareInput {
                    next_due: "2027-04-01".into(),
                    ..talk()
                },
                "next_due",
                ValidationError::NextDueInvalid,
            ),
            (
                CareInput {
                    next_step: "".into(),
                    ..talk()
                },
                "next_step",
                ValidationError::NextDueInvalid,
            ),
        ];
        for (input, field, error) in cases {
            assert_eq!(
                CareDraft::parse(&input, today),
                Err((field, error)),
                "{input:?}"
            );
        }
    }

    #[test]
    fn an_unticked_box_is_absent_and_a_ticked_one_has_any_value() {
        let input = CareInput {
            study: None,
            life: Some("1".into()),
            activities: Some(String::new()),
            ..talk()
        };
        let p = CareDraft::parse(&input, day("2027-04-19"))
            .unwrap()
            .priorities;
        assert_eq!((p.study, p.life, p.activities), (false, true, false));
    }

    #[test]
    fn a_concern_needs_a_note_and_an_address_by_date_from_today() {
        let today = day("2027-04-19");
        assert!(ConcernDraft::parse("lonely", "high", "常一个人坐着", "2027-04-22", today).is_ok());
        assert_eq!(
            ConcernDraft::parse("lonely", "high", "  ", "2027-04-22", today),
            Err(("note", ValidationError::ConcernNoteRequired))
        );
        // The note may be as long as the form lets it be.
        let long = "字".repeat(TEXT_MAX);
        assert!(ConcernDraft::parse("lonely", "high", &long, "2027-04-22", today).is_ok());
        assert_eq!(
            ConcernDraft::parse("lonely", "high", "x", "2027-04-18", today),
            Err(("address_by", ValidationError::AddressByInvalid))
        );
        assert_eq!(
            ConcernDraft::parse("bored", "high", "x", "2027-04-22", today),
            Err(("reason", ValidationError::ConcernInvalid))
        );
    }

    #[test]
    fn raising_and_closing_a_concern_say_what_is_missing_in_the_pages_words() {
        assert_eq!(
            closing_note(" "),
            Err(ValidationError::ConcernClosingNoteRequired)
        );
        assert_eq!(closing_note(" 已与奶奶沟通 ").unwrap(), "已与奶奶沟通");
        let zh = crate::i18n::Locale::ZhCn.strings();
        let raising = ValidationError::ConcernNoteRequired.message(zh);
        assert!(
            raising.contains("关注事项") && raising.contains("2000"),
            "{raising}"
        );
        let closing = ValidationError::ConcernClosingNoteRequired.message(zh);
        assert!(
            closing.contains("关注事项") && !closing.contains("复查"),
            "{closing}"
        );
        let en = crate::i18n::Locale::En.strings();
        assert!(ValidationError::ConcernNoteRequired
            .message(en)
            .contains("2,000"));
        assert!(!ValidationError::ConcernClosingNoteRequired
            .message(en)
            .contains("follow-up"));
    }

    #[test]
    fn a_diary_entry_needs_words_and_a_known_sticker() {
        let uid = "a1b2c3d4e5f6a7b8c9d0";
        assert_eq!(
            DiaryDraft::parse(uid, "今天我学会了骑车", "proud")
                .unwrap()
                .sticker,
            Some(Sticker::Proud)
        );
        assert_eq!(
            DiaryDraft::parse(uid, " ", ""),
            Err(("body", ValidationError::DiaryBodyRequired))
        );
        assert_eq!(
            DiaryDraft::parse(uid, "好", "angry"),
            Err(("sticker", ValidationError::StickerInvalid))
        );
        let long = "字".repeat(TEXT_MAX + 1);
        assert_eq!(
            DiaryDraft::parse(uid, &long, ""),
            Err(("body", ValidationError::TextTooLong))
        );
    }

    #[test]
    fn the_rhythm_is_read_within_its_bounds() {
        assert_eq!(
            Rhythm::parse("７", "90", 3),
            Ok(Rhythm {
                talk_days: 7,
                visit_days: 90,
                soon_days: 3
            })
        );
        for (talk, visit) in [("0", "90"), ("14", "400"), ("x", "90"), ("14", "")] {
            assert_eq!(
                Rhythm::parse(talk, visit, 3),
                Err(ValidationError::RhythmInvalid)
            );
        }
    }

    #[test]
    fn due_dates_follow_the_rhythm_from_the_last_contact_or_the_pairing() {
        let rhythm = Rhythm::default();
        let today = day("2027-04-19");
        let due = Rhythm::due(14, Some(day("2027-04-01")), day("2026-09-01"));
        assert_eq!(due, day("2027-04-15"));
        assert_eq!(rhythm.state(due, today), DueState::Overdue);
        let due = Rhythm::due(14, None, day("2027-04-08"));
        assert_eq!(rhythm.state(due, today), DueState::Soon);
        assert_eq!(rhythm.state(day("2027-04-22"), today), DueState::Soon);
        assert_eq!(rhythm.state(day("2027-04-23"), today), DueState::Later);
        assert_eq!(rhythm.state(today, today), DueState::Soon);
    }
}
