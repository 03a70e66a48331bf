//! One window of the calendar (the days a month, week, day or agenda view shows) as it is
//! for everyone, worked out once per calendar version and cut for each viewer.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{BirthdayItem, DayInfo, Holiday, Occurrence};

/// Every live event's occurrences, every enrolled child's birthdays, the holidays and the
/// days of `first..=last`, before any filter or permission is applied.
#[derive(Debug, Clone)]
pub struct Window {
    pub occurrences: Vec<WindowOccurrence>,
    pub birthdays: Vec<WindowBirthday>,
    pub holidays: HashMap<NaiveDate, Holiday>,
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
    /// `school`, `staff`, `class`, `group`, `family`.
    pub audience: String,
    pub class_id: Option<i64>,
    pub group_id: Option<i64>,
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
    /// Roughly: the strings dominate, a couple of hundred bytes an entry.
    fn weight(&self) -> usize {
        256 * (self.occurrences.len() + self.birthdays.len() + self.days.len())
            + 64 * (self.classes.len() + self.groups.len())
    }
}

/// The windows worked out so far, by first and last day and whether only what students
/// may see is in them (`AppState::calendar_windows`).
pub type WindowMemo = super::memo::Memo<std::sync::Arc<Window>>;
