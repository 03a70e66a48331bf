//! The family's forms, checked the same way in the browser and on the server: a message to
//! the counselor, and a change to a parent's own details.

use super::types::{KeptWindow, Parent, ProposalInput};
use crate::calendar::domain::local_time::parse_time;
use crate::error::ValidationError;
use crate::habits::forms_domain::{WindowDraft, ZONES};
use crate::habits::types::{CallWindow, CallWindowInput};
use crate::school::text::fold;

/// A message is at most this many characters: a few sentences typed on a phone.
pub const MESSAGE_MAX: usize = 500;
/// A city or a factory's name: as long as the child's file takes it.
pub const WORK_CITY_MAX: usize = crate::children::domain::MAX_NAME_CHARS;
/// Messages and proposals one link may send a day: a family writes a few, a script floods.
pub const DAILY_MAX: i64 = 20;
/// The call window as the family's form offers it before anything is touched: a time or a
/// place other than these was chosen, and needs its days.
pub const CALL_FROM: &str = "20:00";
pub const CALL_TO: &str = "21:00";
pub const CALL_ZONE: &str = ZONES[0];

/// A message to the counselor, as the parent wrote it (trimmed, their punctuation kept):
/// not blank, at most [`MESSAGE_MAX`] characters.
pub fn message_body(raw: &str) -> Result<String, ValidationError> {
    let body = raw.trim().to_owned();
    if body.is_empty() {
        return Err(ValidationError::MessageRequired);
    }
    if body.chars().count() > MESSAGE_MAX {
        return Err(ValidationError::TextTooLong);
    }
    Ok(body)
}

/// A parent's proposed change, checked: at least one of a phone, a work place and a call
/// window (a time or zone chosen needs its weekdays); blank fields stay as they are on the
/// file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalDraft {
    pub parent: Parent,
    pub phone: Option<String>,
    pub work_city: Option<String>,
    pub window: Option<WindowDraft>,
}

impl ProposalInput {
    /// A time or a time zone other than the form's own (a blank one is left as it was).
    fn window_touched(&self) -> bool {
        let time = |raw: &str, default: &str| {
            !fold(raw).is_empty() && parse_time(raw) != parse_time(default)
        };
        let zone = fold(&self.zone);
        time(&self.from, CALL_FROM)
            || time(&self.to, CALL_TO)
            || !(zone.is_empty() || zone == CALL_ZONE)
    }

    /// The call window as the call-window form would have it.
    pub fn window(&self) -> CallWindowInput {
        CallWindowInput {
            weekday: self.weekday.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            zone: self.zone.clone(),
            note: String::new(),
        }
    }
}

impl ProposalDraft {
    pub fn parse(input: &ProposalInput) -> Result<ProposalDraft, ValidationError> {
        let parent = Parent::parse(&input.parent).ok_or(ValidationError::ParentInvalid)?;
        let phone = crate::children::domain::parse_phone(&input.phone)?;
        let city = fold(&input.work_city).trim().to_owned();
        if city.chars().count() > WORK_CITY_MAX {
            return Err(ValidationError::TextTooLong);
        }
        // A place has a name: letters or characters, not only emoji, digits or signs.
        if !city.is_empty() && !city.chars().any(char::is_alphabetic) {
            return Err(ValidationError::WorkPlaceUnnamed);
        }
        let window = if !input.weekday.is_empty() {
            Some(WindowDraft::parse(&input.window()).map_err(|(_, e)| e)?)
        } else if input.window_touched() {
            // A time chosen without its days would be lost without a word.
            return Err(ValidationError::CallDaysForTime);
        } else {
            None
        };
        let work_city = (!city.is_empty()).then_some(city);
        if phone.is_none() && work_city.is_none() && window.is_none() {
            return Err(ValidationError::ProposalEmpty);
        }
        Ok(ProposalDraft {
            parent,
            phone,
            work_city,
            window,
        })
    }
}

impl KeptWindow {
    pub fn of(draft: &WindowDraft) -> KeptWindow {
        KeptWindow {
            weekdays: draft.weekdays.clone(),
            from: draft.from.clone(),
            to: draft.to.clone(),
            zone: draft.zone.to_owned(),
            note: draft.note.clone(),
        }
    }

    /// The window on the child's file, as a proposal's is shown beside it.
    pub fn on_file(window: CallWindow) -> KeptWindow {
        KeptWindow {
            weekdays: window.weekdays,
            from: window.from,
            to: window.to,
            zone: window.zone,
            note: window.note,
        }
    }

    /// The window as the call-window form would have typed it.
    pub fn input(&self) -> CallWindowInput {
        CallWindowInput {
            weekday: self.weekdays.iter().map(u8::to_string).collect(),
            from: self.from.clone(),
            to: self.to.clone(),
            zone: self.zone.clone(),
            note: self.note.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(parent: &str, phone: &str, city: &str, days: &[&str]) -> ProposalInput {
        ProposalInput {
            parent: parent.into(),
            phone: phone.into(),
            work_city: city.into(),
            weekday: days.iter().map(|d| d.to_string()).collect(),
            from: CALL_FROM.into(),
            to: CALL_TO.into(),
            zone: CALL_ZONE.into(),
        }
    }

    #[test]
    fn a_proposal_needs_something_to_change_and_each_part_is_checked() {
        assert_eq!(
            ProposalDraft::parse(&input("mother", "", "", &[])),
            Err(ValidationError::ProposalEmpty)
        );
        assert_eq!(
            ProposalDraft::parse(&input("uncle", "13800138000", "", &[])),
            Err(ValidationError::ParentInvalid)
        );
        assert_eq!(
            ProposalDraft::parse(&input("mother", "12", "", &[])),
            Err(ValidationError::PhoneInvalid)
        );
        for nameless in ["😀😀😀", "123", "？？"] {
            assert_eq!(
                ProposalDraft::parse(&input("father", "", nameless, &[])),
                Err(ValidationError::WorkPlaceUnnamed),
                "{nameless}"
            );
        }
        let ok = ProposalDraft::parse(&input(
            "father",
            "１３８ ００１３ ８０００",
            "东莞",
            &["5", "7"],
        ))
        .unwrap();
        assert_eq!(ok.parent, Parent::Father);
        assert!(ok.phone.is_some(), "full-width digits and spaces");
        assert_eq!(ok.work_city.as_deref(), Some("东莞"));
        let window = ok.window.unwrap();
        assert_eq!(window.weekdays, [5, 7]);
        let kept = KeptWindow::of(&window);
        assert_eq!(
            WindowDraft::parse(&kept.input()).unwrap(),
            window,
            "checked again on accept"
        );
    }

    #[test]
    fn a_time_or_a_place_chosen_without_a_day_is_refused_not_dropped() {
        let mut changed = input("mother", "13900001111", "", &[]);
        changed.from = "19:00".into();
        changed.to = "19:30".into();
        assert_eq!(
            ProposalDraft::parse(&changed),
            Err(ValidationError::CallDaysForTime),
            "the phone is not sent without the time the parent chose"
        );
        let dubai = ProposalInput {
            parent: "father".into(),
            from: CALL_FROM.into(),
            to: CALL_TO.into(),
            zone: "Asia/Dubai".into(),
            ..ProposalInput::default()
        };
        assert_eq!(
            ProposalDraft::parse(&dubai),
            Err(ValidationError::CallDaysForTime),
            "a place to call in counts as filled"
        );
        // The form as it comes, untouched: only the phone is sent.
        let untouched = ProposalInput {
            parent: "mother".into(),
            phone: "13900001111".into(),
            from: CALL_FROM.into(),
            to: "２１：００".into(),
            zone: CALL_ZONE.into(),
            ..ProposalInput::default()
        };
        let draft = ProposalDraft::parse(&untouched).unwrap();
        assert!(draft.phone.is_some() && draft.window.is_none());
        // Untouched and nothing else: nothing to change, not a question about days.
        let empty = ProposalInput {
            phone: String::new(),
            ..untouched.clone()
        };
        assert_eq!(
            ProposalDraft::parse(&empty),
            Err(ValidationError::ProposalEmpty)
        );
        // With its days the chosen time goes to the counselor.
        let mut ticked = changed.clone();
        ticked.weekday = vec!["6".into()];
        let window = ProposalDraft::parse(&ticked).unwrap().window.unwrap();
        assert_eq!(
            (window.from.as_str(), window.to.as_str()),
            ("19:00", "19:30")
        );
    }

    #[test]
    fn a_message_is_a_few_sentences() {
        assert_eq!(message_body("  "), Err(ValidationError::MessageRequired));
        assert_eq!(
            message_body(&"好".repeat(501)),
            Err(ValidationError::TextTooLong)
        );
        assert_eq!(message_body(" 孩子最近好吗 ").unwrap(), "孩子最近好吗");
        assert_eq!(
            message_body("\u{3000}老师您好，孩子最近身体怎么样？（奶奶说她咳嗽）\n").unwrap(),
            "老师您好，孩子最近身体怎么样？（奶奶说她咳嗽）"
        );
    }
}
