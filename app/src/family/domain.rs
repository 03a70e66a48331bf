//! The family's forms, checked the same way in the browser and on the server: a message to
//! the counselor, and a change to a parent's own details.

use super::types::{KeptWindow, Parent, ProposalInput};
use crate::calendar::domain::local_time::parse_time;
use crate::error::ValidationError;
use crate::habits::forms_domain::{WindowDraft, ZONES};
use crate::habits::types::CallWindowInput;
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

/// Where a parent works, as the child's file keeps it: a province and a city (or a town, a
/// factory, a country abroad).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkPlace {
    pub province: Option<String>,
    pub city: Option<String>,
}

/// China's provincial divisions, each with the word that completes its name ("广东" "省").
const PROVINCES: [(&str, &str); 34] = [
    ("北京", "市"),
    ("天津", "市"),
    ("上海", "市"),
    ("重庆", "市"),
    ("河北", "省"),
    ("山西", "省"),
    ("辽宁", "省"),
    ("吉林", "省"),
    ("黑龙江", "省"),
    ("江苏", "省"),
    ("浙江", "省"),
    ("安徽", "省"),
    ("福建", "省"),
    ("江西", "省"),
    ("山东", "省"),
    ("河南", "省"),
    ("湖北", "省"),
    ("湖南", "省"),
    ("广东", "省"),
    ("海南", "省"),
    ("四川", "省"),
    ("贵州", "省"),
    ("云南", "省"),
    ("陕西", "省"),
    ("甘肃", "省"),
    ("青海", "省"),
    ("台湾", "省"),
    ("内蒙古", "自治区"),
    ("广西", "壮族自治区"),
    ("西藏", "自治区"),
    ("宁夏", "回族自治区"),
    ("新疆", "维吾尔自治区"),
    ("香港", "特别行政区"),
    ("澳门", "特别行政区"),
];

/// What people type between a province and a city.
const SEPARATORS: [char; 7] = [' ', '/', '·', ',', '，', '、', '-'];

impl WorkPlace {
    /// The family's words for the whole place, which replace the file's province and city
    /// together (a province kept from before would contradict them): "广东 东莞" and
    /// "广东省东莞市" are the province 广东 and the rest; "迪拜" is a place with no province.
    pub fn parse(text: &str) -> WorkPlace {
        let text = text.trim();
        let some = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        for (short, suffix) in PROVINCES {
            let Some(rest) = text.strip_prefix(short) else {
                continue;
            };
            let rest = [suffix, "自治区", "特别行政区"]
                .iter()
                .find_map(|s| rest.strip_prefix(s))
                .unwrap_or(rest);
            // 吉林市 is a city of 吉林省.
            if rest.starts_with('市') {
                break;
            }
            return WorkPlace {
                province: Some(short.to_owned()),
                city: some(rest.trim_start_matches(SEPARATORS).trim()),
            };
        }
        WorkPlace {
            province: None,
            city: some(text),
        }
    }

    /// The place in words, as the child's file shows it: "广东 东莞".
    pub fn words(&self) -> Option<String> {
        match (&self.province, &self.city) {
            (Some(p), Some(c)) => Some(format!("{p} {c}")),
            (p, c) => p.clone().or_else(|| c.clone()),
        }
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
    fn a_work_place_is_read_as_a_province_and_the_rest() {
        let place = |p: Option<&str>, c: Option<&str>| WorkPlace {
            province: p.map(str::to_owned),
            city: c.map(str::to_owned),
        };
        assert_eq!(
            WorkPlace::parse("广东 东莞"),
            place(Some("广东"), Some("东莞"))
        );
        assert_eq!(
            WorkPlace::parse("广东省东莞市"),
            place(Some("广东"), Some("东莞市"))
        );
        assert_eq!(
            WorkPlace::parse("广西壮族自治区 南宁"),
            place(Some("广西"), Some("南宁"))
        );
        assert_eq!(
            WorkPlace::parse("北京市朝阳区"),
            place(Some("北京"), Some("朝阳区"))
        );
        assert_eq!(WorkPlace::parse("上海"), place(Some("上海"), None));
        // No province named: the place alone, and no province is kept from before.
        assert_eq!(WorkPlace::parse("东莞"), place(None, Some("东莞")));
        assert_eq!(WorkPlace::parse("迪拜"), place(None, Some("迪拜")));
        assert_eq!(WorkPlace::parse("吉林市"), place(None, Some("吉林市")));
        assert_eq!(WorkPlace::parse("广州"), place(None, Some("广州")));
        assert_eq!(
            WorkPlace::parse("广东 东莞").words().as_deref(),
            Some("广东 东莞")
        );
        assert_eq!(place(Some("江苏"), None).words().as_deref(), Some("江苏"));
        assert_eq!(place(None, None).words(), None);
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
