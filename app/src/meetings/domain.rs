//! The meetings' rules: what a form may carry, which children make one household, and
//! whom a meeting's attendance is counted against.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::types::{MeetingKind, MeetingLine, StaffMember};
use crate::error::ValidationError;

/// The longest minutes kept (about four pages of notes).
pub const MINUTES_MAX: usize = 5000;
/// The longest practice: one sentence.
pub const PRACTICE_MAX: usize = 200;
/// How many days a practice marked done stays on `/meetings` with a way to undo it (on its
/// meeting's record it can be undone at any time).
pub const RECENTLY_DONE_DAYS: u64 = 7;

/// Minutes as typed, without trailing blanks; never empty, never over [`MINUTES_MAX`].
pub fn parse_minutes(raw: &str) -> Result<String, ValidationError> {
    let text = raw.trim_end().trim_start_matches(['\n', '\r']).to_owned();
    if text.trim().is_empty() {
        return Err(ValidationError::MeetingTextRequired);
    }
    if text.chars().count() > MINUTES_MAX {
        return Err(ValidationError::TextTooLong);
    }
    Ok(text)
}

/// A practice agreed: what, who and by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeDraft {
    pub body: String,
    pub owner: i64,
    pub due_on: NaiveDate,
}

impl PracticeDraft {
    /// The due day is on or after the meeting's day and within the school's years.
    pub fn parse(
        body: &str,
        owner: &str,
        due: &str,
        meeting_day: NaiveDate,
    ) -> Result<PracticeDraft, ValidationError> {
        let body = body.trim().to_owned();
        if body.is_empty() {
            return Err(ValidationError::MeetingTextRequired);
        }
        if body.chars().count() > PRACTICE_MAX {
            return Err(ValidationError::TextTooLong);
        }
        let owner = owner
            .trim()
            .parse::<i64>()
            .map_err(|_| ValidationError::PracticeOwnerInvalid)?;
        let due_on = crate::calendar::domain::local_time::parse_date(due.trim())
            .ok_or(ValidationError::InvalidDate)?;
        if !crate::school::types::date_in_range(due_on) {
            return Err(ValidationError::DateOutOfRange);
        }
        if due_on < meeting_day {
            return Err(ValidationError::DueBeforeMeeting);
        }
        Ok(PracticeDraft {
            body,
            owner,
            due_on,
        })
    }
}

/// Whether a past meeting is known to have been held: who came, the families, the minutes
/// or a practice it agreed are recorded. A kind chosen, or nothing at all, says nothing.
pub fn known_held(line: &MeetingLine) -> bool {
    line.attendees.is_some_and(|n| n > 0)
        || line.families > 0
        || line.has_minutes
        || line.practices_open > 0
}

/// Who came to a meeting, counted against those expected: the leading group for its own
/// meeting (others who sat in are counted apart), all the staff for any other meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Turnout {
    pub present: u32,
    pub expected: u32,
    /// Staff outside the leading group who sat in on its meeting.
    pub guests: u32,
}

pub fn turnout(kind: MeetingKind, staff: &[StaffMember]) -> Turnout {
    let count = |keep: fn(&StaffMember) -> bool| staff.iter().filter(|s| keep(s)).count() as u32;
    match kind {
        MeetingKind::LeadingGroup => Turnout {
            present: count(|s| s.leads && s.present),
            expected: count(|s| s.leads),
            guests: count(|s| !s.leads && s.present),
        },
        _ => Turnout {
            present: count(|s| s.present),
            expected: staff.len() as u32,
            guests: 0,
        },
    }
}

/// The school year `today` falls in: September 1 to August 31.
pub fn school_year(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    use chrono::Datelike;
    let start = if today.month() >= 9 {
        today.year()
    } else {
        today.year() - 1
    };
    let first = NaiveDate::from_ymd_opt(start, 9, 1).expect("September 1 exists");
    let last = NaiveDate::from_ymd_opt(start + 1, 8, 31).expect("August 31 exists");
    (first, last)
}

/// An occurrence not yet recorded takes the kind its meeting had last time; a meeting
/// never recorded, the kind its title names (so a new leading-group series is the leading
/// group's alone from its first meeting), else a seminar, until someone says otherwise.
pub fn default_kind(previous: Option<MeetingKind>, title: &str) -> MeetingKind {
    previous.unwrap_or_else(|| named_kind(title))
}

/// The kind a meeting's title names, in Chinese or English; a seminar when it names none.
fn named_kind(title: &str) -> MeetingKind {
    let title = title.to_lowercase();
    let names = |words: &[&str]| words.iter().any(|word| title.contains(word));
    if names(&["领导小组", "leading group"]) {
        MeetingKind::LeadingGroup
    } else if names(&["家长会", "家长座谈", "parents", "parent "]) {
        MeetingKind::Parents
    } else if names(&["座谈", "symposium"]) {
        MeetingKind::Symposium
    } else {
        MeetingKind::Seminar
    }
}

/// The children of a class grouped into households: siblings who share a family link are
/// one household. `children` in the order shown; `links` as (link, child) pairs, any order.
/// Households keep the order of their first child.
pub fn households<T: Clone>(children: &[(i64, T)], links: &[(i64, i64)]) -> Vec<Vec<(i64, T)>> {
    let position: HashMap<i64, usize> = children
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    // Each child's household is named by the first child of it in the list (union-find).
    let mut parent: Vec<usize> = (0..children.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut by_link: HashMap<i64, usize> = HashMap::new();
    for (link, child) in links {
        let Some(&i) = position.get(child) else {
            continue;
        };
        match by_link.get(link) {
            None => {
                by_link.insert(*link, i);
            }
            Some(&j) => {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                let (low, high) = (a.min(b), a.max(b));
                parent[high] = low;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<(i64, T)>> = BTreeMap::new();
    for (i, child) in children.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(child.clone());
    }
    groups.into_values().collect()
}

/// How many households came to a parents' meeting, of how many: the households of
/// `children` (those at school) and of any child in `came` who has since left, grouped as
/// [`households`] groups them; one came when any of its children is in `came`.
pub fn family_counts(children: &[i64], came: &[i64], links: &[(i64, i64)]) -> (u32, u32) {
    let came: HashSet<i64> = came.iter().copied().collect();
    let at_school: HashSet<i64> = children.iter().copied().collect();
    let left = came.iter().filter(|c| !at_school.contains(c));
    let everyone: Vec<(i64, ())> = children.iter().chain(left).map(|c| (*c, ())).collect();
    let all = households(&everyone, links);
    let came_total = all
        .iter()
        .filter(|h| h.iter().any(|(id, _)| came.contains(id)))
        .count();
    (came_total as u32, all.len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn minutes_are_kept_as_typed_but_never_empty_or_endless() {
        assert_eq!(
            parse_minutes("\n一、结对进展\n二、家访  \n").unwrap(),
            "一、结对进展\n二、家访"
        );
        assert_eq!(
            parse_minutes("  \n "),
            Err(ValidationError::MeetingTextRequired)
        );
        assert_eq!(
            parse_minutes(&"记".repeat(MINUTES_MAX)).map(|m| m.chars().count()),
            Ok(MINUTES_MAX)
        );
        assert_eq!(
            parse_minutes(&"记".repeat(MINUTES_MAX + 1)),
            Err(ValidationError::TextTooLong)
        );
    }

    #[test]
    fn a_practice_needs_words_an_owner_and_a_day_not_before_the_meeting() {
        let meeting = day("2027-03-01");
        let ok = PracticeDraft::parse(" 每周电话家长一次 ", "7", "2027-03-31", meeting).unwrap();
        assert_eq!(
            ok,
            PracticeDraft {
                body: "每周电话家长一次".into(),
                owner: 7,
                due_on: day("2027-03-31")
            }
        );
        assert!(
            PracticeDraft::parse("x", "7", "2027-03-01", meeting).is_ok(),
            "due the same day"
        );
        assert_eq!(
            PracticeDraft::parse(" ", "7", "2027-03-31", meeting),
            Err(ValidationError::MeetingTextRequired)
        );
        assert_eq!(
            PracticeDraft::parse("x", "", "2027-03-31", meeting),
            Err(ValidationError::PracticeOwnerInvalid)
        );
        assert_eq!(
            PracticeDraft::parse("x", "7", "2027-02-28", meeting),
            Err(ValidationError::DueBeforeMeeting),
            "the day before the meeting: said as such, not as a malformed date"
        );
        assert_eq!(
            PracticeDraft::parse("x", "7", "2200-03-01", meeting),
            Err(ValidationError::DateOutOfRange)
        );
        assert_eq!(
            PracticeDraft::parse("x", "7", "next week", meeting),
            Err(ValidationError::InvalidDate)
        );
        assert_eq!(
            PracticeDraft::parse(&"事".repeat(PRACTICE_MAX + 1), "7", "2027-03-31", meeting),
            Err(ValidationError::TextTooLong)
        );
    }

    #[test]
    fn a_meeting_is_known_held_by_what_it_recorded_not_by_its_kind() {
        let line = MeetingLine {
            event_id: 1,
            at: day("2027-04-05").and_hms_opt(16, 30, 0).unwrap(),
            title: "例会".into(),
            kind: MeetingKind::LeadingGroup,
            attendees: None,
            families: 0,
            has_minutes: false,
            practices_open: 0,
            holiday: Some("清明节".into()),
        };
        assert!(!known_held(&line), "nothing recorded");
        let kind_only = MeetingLine {
            attendees: Some(0),
            ..line.clone()
        };
        assert!(!known_held(&kind_only), "only its kind chosen");
        for held in [
            MeetingLine {
                attendees: Some(3),
                ..line.clone()
            },
            MeetingLine {
                attendees: Some(0),
                families: 2,
                ..line.clone()
            },
            MeetingLine {
                attendees: Some(0),
                has_minutes: true,
                ..line.clone()
            },
            MeetingLine {
                practices_open: 1,
                ..line.clone()
            },
        ] {
            assert!(known_held(&held), "{held:?}");
        }
    }

    #[test]
    fn the_school_year_runs_from_september_to_august() {
        assert_eq!(
            school_year(day("2027-04-19")),
            (day("2026-09-01"), day("2027-08-31"))
        );
        assert_eq!(
            school_year(day("2026-09-01")),
            (day("2026-09-01"), day("2027-08-31"))
        );
        assert_eq!(
            school_year(day("2026-08-31")),
            (day("2025-09-01"), day("2026-08-31"))
        );
    }

    #[test]
    fn an_unrecorded_meeting_keeps_the_kind_it_had_last_time_or_the_one_its_title_names() {
        use MeetingKind::*;
        let last_time = Some(Seminar);
        assert_eq!(default_kind(last_time, "关爱留守儿童工作座谈会"), Seminar);
        assert_eq!(default_kind(Some(LeadingGroup), "例会"), LeadingGroup);
        for (title, kind) in [
            ("关爱留守儿童工作领导小组例会", LeadingGroup),
            ("Leading group, monthly", LeadingGroup),
            ("留守儿童家长会", Parents),
            ("留守儿童家长座谈会", Parents),
            ("Parents' evening", Parents),
            ("关爱留守儿童工作座谈会", Symposium),
            ("Symposium with the village committee", Symposium),
            ("结对帮扶经验交流研讨会", Seminar),
            ("", Seminar),
        ] {
            assert_eq!(default_kind(None, title), kind, "{title}");
        }
    }

    #[test]
    fn siblings_sharing_a_link_are_one_household_in_the_order_shown() {
        let children = [(1, "甲"), (2, "乙"), (3, "丙"), (4, "丁"), (5, "戊")];
        // Link 10 holds 4 and 2 (and 9, of another class); link 11 holds 5 alone; link 12
        // joins 2 and 5, so 2, 4 and 5 are one household.
        let links = [(10, 4), (10, 2), (10, 9), (11, 5), (12, 5), (12, 2)];
        let ids: Vec<Vec<i64>> = households(&children, &links)
            .into_iter()
            .map(|h| h.into_iter().map(|(id, _)| id).collect())
            .collect();
        assert_eq!(ids, vec![vec![1], vec![2, 4, 5], vec![3]]);
        assert_eq!(
            households::<&str>(&[], &links),
            Vec::<Vec<(i64, &str)>>::new()
        );
    }

    #[test]
    fn the_families_who_came_are_counted_by_household_against_the_schools_households() {
        // 1, 2 and 3 share a link (3 in another class); 4 and 5 are alone; 9 came and has
        // since left the school.
        let children = [1, 2, 3, 4, 5];
        let links = [(10, 1), (10, 2), (11, 2), (11, 3)];
        assert_eq!(family_counts(&children, &[], &links), (0, 3));
        assert_eq!(family_counts(&children, &[1], &links), (1, 3));
        assert_eq!(
            family_counts(&children, &[1, 3], &links),
            (1, 3),
            "siblings ticked in two classes are one household"
        );
        assert_eq!(family_counts(&children, &[1, 4, 5], &links), (3, 3));
        assert_eq!(
            family_counts(&children, &[4, 9], &links),
            (2, 4),
            "a family that came is counted, though its child has left"
        );
        assert_eq!(family_counts(&[], &[], &links), (0, 0));
    }

    #[test]
    fn the_leading_groups_meeting_is_counted_against_the_leading_group() {
        let member = |id: i64, leads: bool, present: bool| StaffMember {
            id,
            name: String::new(),
            leads,
            present,
        };
        let staff = [
            member(1, true, true),
            member(2, true, true),
            member(3, false, false),
            member(4, false, true),
            member(5, false, false),
        ];
        assert_eq!(
            turnout(MeetingKind::LeadingGroup, &staff),
            Turnout {
                present: 2,
                expected: 2,
                guests: 1
            }
        );
        for kind in [
            MeetingKind::Seminar,
            MeetingKind::Symposium,
            MeetingKind::Parents,
        ] {
            assert_eq!(
                turnout(kind, &staff),
                Turnout {
                    present: 3,
                    expected: 5,
                    guests: 0
                },
                "{kind:?}"
            );
        }
        assert_eq!(
            turnout(MeetingKind::LeadingGroup, &[]),
            Turnout {
                present: 0,
                expected: 0,
                guests: 0
            }
        );
    }
}
