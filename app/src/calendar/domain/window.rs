//! A calendar window cut for one viewer: the filter they chose, what they may edit, and
//! whether they see ages; and the days of a window, worked out once for everyone.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::audience::audience_target;
use crate::auth::permissions::{check, Capability};
use crate::auth::types::{Role, Scope};
use crate::calendar::types::{
    BirthdayItem, CalendarFilter, Category, DayInfo, Holiday, Occurrence, WindowBirthday,
    WindowOccurrence,
};

impl WindowOccurrence {
    /// A class filter keeps school-wide and staff events and that class's; a group filter
    /// keeps only that group's.
    fn passes(&self, filter: &CalendarFilter) -> bool {
        let class_ok = match filter.class_id {
            None => true,
            Some(class) => self.audience != "class" || self.class_id == Some(class),
        };
        let group_ok = match filter.group_id {
            None => true,
            Some(group) => self.audience == "group" && self.group_id == Some(group),
        };
        filter.shows(self.occurrence.category) && class_ok && group_ok
    }
}

/// The occurrences `filter` keeps, each marked editable when `editor` may edit its event.
pub fn cut_occurrences(
    all: &[WindowOccurrence],
    filter: &CalendarFilter,
    editor: Option<(Role, &Scope)>,
) -> Vec<Occurrence> {
    all.iter()
        .filter(|o| o.passes(filter))
        .map(|o| Occurrence {
            editable: check(
                editor,
                Capability::EditEvents,
                audience_target(&o.audience, o.class_id, o.group_id),
            )
            .is_ok(),
            ..o.occurrence.clone()
        })
        .collect()
}

/// The birthdays `filter` keeps; the child's record and age only `with_age`.
pub fn cut_birthdays(
    all: &[WindowBirthday],
    filter: &CalendarFilter,
    with_age: bool,
) -> Vec<BirthdayItem> {
    if !filter.shows(Category::Birthday) {
        return Vec::new();
    }
    all.iter()
        .filter(|b| filter.class_id.is_none_or(|class| b.class_id == class))
        .filter(|b| {
            filter
                .group_id
                .is_none_or(|group| b.groups.contains(&group))
        })
        .map(|b| BirthdayItem {
            child_id: b.birthday.child_id.filter(|_| with_age),
            age: b.birthday.age.filter(|_| with_age),
            ..b.birthday.clone()
        })
        .collect()
}

/// Lunar date, festivals and holiday status of every day of `first..=last`.
pub fn day_infos(
    first: NaiveDate,
    last: NaiveDate,
    holidays: &HashMap<NaiveDate, Holiday>,
) -> Vec<DayInfo> {
    use super::holidays::solar_festival_on;
    use super::lunar::{festival_on, to_lunar};

    first
        .iter_days()
        .take_while(|day| *day <= last)
        .map(|date| {
            let lunar = to_lunar(date);
            let festivals = [solar_festival_on(date), festival_on(date)]
                .into_iter()
                .flatten()
                .map(str::to_owned)
                .collect();
            DayInfo {
                date,
                lunar: (lunar.month, lunar.day),
                festivals,
                holiday: holidays.get(&date).cloned(),
            }
        })
        .collect()
}
