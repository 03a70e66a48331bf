//! A calendar window cut for one viewer: the filter they chose, what they may edit, and
//! whether they see ages; and the days of a window, worked out once for everyone.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::audience::target;
use crate::auth::permissions::{check, Capability};
use crate::auth::types::{Role, Scope};
use crate::calendar::types::{
    Audience, BirthdayItem, CalendarFilter, Category, DayInfo, Holiday, Occurrence, WindowBirthday,
    WindowOccurrence,
};

impl WindowOccurrence {
    /// A class filter keeps school-wide and staff events and that class's; a group filter
    /// keeps only that group's.
    fn passes(&self, filter: &CalendarFilter) -> bool {
        let class_ok = match filter.class_id {
            None => true,
            Some(class) => match self.audience {
                Audience::Class(id) => id == class,
                _ => true,
            },
        };
        let group_ok = match filter.group_id {
            None => true,
            Some(group) => self.audience == Audience::Group(group),
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
            editable: check(editor, Capability::EditEvents, target(o.audience)).is_ok(),
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

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::cut_occurrences;
    use crate::auth::types::{Role, Scope};
    use crate::calendar::types::{
        Audience, CalendarFilter, Category, Occurrence, WindowOccurrence,
    };

    fn occurrence(event_id: i64, audience: Audience) -> WindowOccurrence {
        let start = NaiveDate::from_ymd_opt(2027, 4, 20)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        WindowOccurrence {
            occurrence: Occurrence {
                event_id,
                title: format!("event {event_id}"),
                category: Category::Activity,
                all_day: false,
                start,
                end: start,
                location: None,
                editable: false,
                rule: None,
                version: 1,
                link: None,
            },
            audience,
        }
    }

    #[test]
    fn a_filter_keeps_whom_the_events_are_for_and_a_teacher_edits_only_their_own() {
        let all = [
            occurrence(1, Audience::School),
            occurrence(2, Audience::Staff),
            occurrence(3, Audience::Class(32)),
            occurrence(4, Audience::Class(41)),
            occurrence(5, Audience::Group(7)),
        ];
        let cut = |class_id, group_id, editor| {
            let filter = CalendarFilter {
                categories: vec![],
                class_id,
                group_id,
            };
            cut_occurrences(&all, &filter, editor)
                .into_iter()
                .map(|o| (o.event_id, o.editable))
                .collect::<Vec<_>>()
        };
        let teacher = Scope {
            user_id: 9,
            paired_children: vec![],
            classes: vec![32],
            groups: vec![7],
        };
        assert_eq!(
            cut(None, None, Some((Role::Teacher, &teacher))),
            [(1, false), (2, false), (3, true), (4, false), (5, true)]
        );
        // A class's filter: the school's, the staff's, its own and the groups' (of any class).
        let ids = |cut: Vec<(i64, bool)>| cut.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(ids(cut(Some(32), None, None)), [1, 2, 3, 5]);
        assert_eq!(ids(cut(None, Some(7), None)), [5]);
        assert_eq!(ids(cut(None, Some(8), None)), Vec::<i64>::new());
    }
}
