//! The family's forms, checked the same way in the browser and on the server: a message to
//! the counselor, and a change to a parent's own details.

use super::types::{KeptWindow, Parent, ProposalInput};
use crate::error::ValidationError;
use crate::habits::forms_domain::WindowDraft;
use crate::habits::types::CallWindowInput;
use crate::school::text::fold;

/// A message is at most this many characters: a few sentences typed on a phone.
pub const MESSAGE_MAX: usize = 500;
/// A city or a factory's name: as long as the child's file takes it.
pub const WORK_CITY_MAX: usize = crate::children::domain::MAX_NAME_CHARS;
/// Messages and proposals one link may send a day: a family writes a few, a script floods.
pub const DAILY_MAX: i64 = 20;

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
/// window; blank fields stay as they are on the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalDraft {
    pub parent: Parent,
    pub phone: Option<String>,
    pub work_city: Option<String>,
    pub window: Option<WindowDraft>,
}

impl ProposalInput {
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
        let window = if input.weekday.is_empty() {
            None
        } else {
            Some(WindowDraft::parse(&input.window()).map_err(|(_, e)| e)?)
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
            from: "20:30".into(),
            to: "21:30".into(),
            zone: "Asia/Shanghai".into(),
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
