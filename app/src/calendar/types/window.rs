//! One window of the calendar (the days a month, week, day or agenda view shows) as it is
//! for everyone, worked out once per calendar version and cut for each viewer.

use super::{Audience, BirthdayItem, DayInfo, Occurrence};

/// Every live event's occurrences, every enrolled child's birthdays and the days of
/// `first..=last` (lunar dates, festivals, holidays), before any filter or permission.
#[derive(Debug, Clone)]
pub struct Window {
    pub occurrences: Vec<WindowOccurrence>,
    pub birthdays: Vec<WindowBirthday>,
    pub days: Vec<DayInfo>,
    /// What the class and group filters offer.
    pub classes: Vec<(i64, String)>,
    pub groups: Vec<(i64, String)>,
}

/// An occurrence with whom its event is for, which decides who may edit it and which
/// class or group filter keeps it. `editable` is false until the window is cut.
#[derive(Debug, Clone)]
pub struct WindowOccurrence {
    pub occurrence: Occurrence,
    pub audience: Audience,
}

/// A birthday with everything about it (child id and age included, withheld when cut for
/// a viewer who may not see them) and the child's class and interest groups.
#[derive(Debug, Clone)]
pub struct WindowBirthday {
    pub birthday: BirthdayItem,
    pub class_id: i64,
    pub groups: Vec<i64>,
}

impl super::memo::Weighed for Window {
    /// The entries and the text they hold (titles, names, rules), roughly.
    fn weight(&self) -> usize {
        use std::mem::size_of;
        let occurrences: usize = self
            .occurrences
            .iter()
            .map(|o| {
                let e = &o.occurrence;
                size_of::<WindowOccurrence>()
                    + e.title.len()
                    + e.location.as_ref().map_or(0, String::len)
                    + e.rule.as_ref().map_or(0, String::len)
            })
            .sum();
        let birthdays: usize = self
            .birthdays
            .iter()
            .map(|b| size_of::<WindowBirthday>() + b.birthday.name.len() + 8 * b.groups.len())
            .sum();
        let choices: usize = self
            .classes
            .iter()
            .chain(&self.groups)
            .map(|(_, label)| size_of::<(i64, String)>() + label.len())
            .sum();
        occurrences + birthdays + choices + self.days.len() * (size_of::<DayInfo>() + 32)
    }
}

/// The windows worked out so far, by first and last day and whether only what students
/// may see is in them (`AppState::calendar_windows`).
pub type WindowMemo = super::memo::Memo<std::sync::Arc<Window>>;
