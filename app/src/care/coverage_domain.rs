//! The leading group's list, narrowed: which paired children a filter keeps (`?class=`,
//! `?counselor=`, `?due=` and `?reached=` combine), the list's address for a filter (a
//! plain link, no script), and the open concerns with the most urgent first.

use std::cmp::Reverse;

use chrono::NaiveDate;

use super::types::{Concern, CoverageFilter, CoverageRow, DueFilter, DueState, Urgency};

/// The leading group's list.
pub const COVERAGE_PATH: &str = "/care/coverage";

impl CoverageFilter {
    /// The filter a query asks for; a value it does not know narrows nothing.
    pub fn parse(
        class: Option<i64>,
        counselor: Option<i64>,
        due: Option<&str>,
        reached: Option<&str>,
    ) -> CoverageFilter {
        CoverageFilter {
            class,
            counselor,
            due: due.and_then(DueFilter::parse),
            reached: reached.and_then(|r| {
                [true, false]
                    .into_iter()
                    .find(|v| reached_key(*v) == r.trim())
            }),
        }
    }

    /// Only children whose contact is overdue (`?due=`), school-wide.
    pub fn overdue(due: DueFilter) -> CoverageFilter {
        CoverageFilter {
            due: Some(due),
            ..CoverageFilter::default()
        }
    }

    /// Only children reached this month, or only those not reached (`?reached=`), school-wide.
    pub fn reached(reached: bool) -> CoverageFilter {
        CoverageFilter {
            reached: Some(reached),
            ..CoverageFilter::default()
        }
    }

    /// Whether it leaves any child out.
    pub fn narrows(&self) -> bool {
        *self != CoverageFilter::default()
    }

    /// The list with this filter.
    pub fn href(&self) -> String {
        let query: Vec<String> = [
            ("class", self.class.map(|c| c.to_string())),
            ("counselor", self.counselor.map(|u| u.to_string())),
            ("due", self.due.map(|d| d.key().to_owned())),
            ("reached", self.reached.map(|r| reached_key(r).to_owned())),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={v}")))
        .collect();
        if query.is_empty() {
            COVERAGE_PATH.to_owned()
        } else {
            format!("{COVERAGE_PATH}?{}", query.join("&"))
        }
    }

    /// Whether the list shows a paired child's row.
    pub fn keeps(&self, row: &CoverageRow) -> bool {
        let late = |state: Option<DueState>| state == Some(DueState::Overdue);
        self.class.is_none_or(|k| k == row.class_id)
            && self.counselor.is_none_or(|u| Some(u) == row.counselor_id)
            && self.due.is_none_or(|due| match due {
                DueFilter::Overdue => late(row.talk_state) || late(row.visit_state),
                DueFilter::Talk => late(row.talk_state),
                DueFilter::Visit => late(row.visit_state),
            })
            && self
                .reached
                .is_none_or(|reached| reached == (row.contacts_this_month > 0))
    }
}

/// `?reached=`'s value: reached this month or not.
pub fn reached_key(reached: bool) -> &'static str {
    if reached {
        "yes"
    } else {
        "no"
    }
}

/// A concern to act on now: urgent, or past its address-by date.
pub fn pressing(concern: &Concern, today: NaiveDate) -> bool {
    concern.urgency == Urgency::High || concern.address_by < today
}

/// Open concerns in the order to act on them: the pressing ones, the more urgent, the
/// earlier address-by date first.
pub fn most_urgent_first(concerns: &mut [Concern], today: NaiveDate) {
    let rank = |u: Urgency| Urgency::ALL.iter().position(|v| *v == u);
    concerns.sort_by_key(|c| {
        (
            Reverse(pressing(c, today)),
            Reverse(rank(c.urgency)),
            c.address_by,
            c.id,
        )
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::care::types::ConcernReason;
    use crate::children::types::LeftBehind;
    use crate::school::types::ClassLabel;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn row(id: i64, talk: DueState, visit: DueState, contacts: i64) -> CoverageRow {
        CoverageRow {
            child_id: id,
            name: format!("child {id}"),
            class_id: 10 + id % 2,
            class: ClassLabel {
                grade: 3,
                number: 1,
            },
            left_behind: LeftBehind::Full,
            counselor_id: Some(7),
            counselor: Some("黄老师".into()),
            contacts_this_month: contacts,
            last_contact: None,
            last_visit: None,
            talk_state: Some(talk),
            visit_state: Some(visit),
        }
    }

    fn kept(filter: CoverageFilter, rows: &[CoverageRow]) -> Vec<i64> {
        rows.iter()
            .filter(|r| filter.keeps(r))
            .map(|r| r.child_id)
            .collect()
    }

    #[test]
    fn each_filter_keeps_the_children_it_names_and_they_combine() {
        use DueState::{Later, Overdue, Soon};
        let rows = [
            row(1, Overdue, Later, 0),
            row(2, Later, Overdue, 2),
            row(3, Soon, Later, 1),
            row(4, Overdue, Overdue, 0),
        ];
        let all = CoverageFilter::default();
        assert_eq!(kept(all, &rows), vec![1, 2, 3, 4]);
        assert!(!all.narrows());
        assert_eq!(
            kept(CoverageFilter::overdue(DueFilter::Overdue), &rows),
            vec![1, 2, 4]
        );
        assert_eq!(
            kept(CoverageFilter::overdue(DueFilter::Talk), &rows),
            vec![1, 4]
        );
        assert_eq!(
            kept(CoverageFilter::overdue(DueFilter::Visit), &rows),
            vec![2, 4]
        );
        assert_eq!(kept(CoverageFilter::reached(false), &rows), vec![1, 4]);
        assert_eq!(kept(CoverageFilter::reached(true), &rows), vec![2, 3]);
        // Class 10 holds the even children.
        let in_class = CoverageFilter {
            class: Some(10),
            ..CoverageFilter::overdue(DueFilter::Overdue)
        };
        assert_eq!(kept(in_class, &rows), vec![2, 4]);
        let nobody_of_theirs = CoverageFilter {
            counselor: Some(8),
            ..CoverageFilter::reached(false)
        };
        assert!(kept(nobody_of_theirs, &rows).is_empty());
    }

    #[test]
    fn an_unpaired_child_is_never_overdue() {
        let unpaired = CoverageRow {
            talk_state: None,
            visit_state: None,
            counselor_id: None,
            ..row(5, DueState::Later, DueState::Later, 0)
        };
        assert!(!CoverageFilter::overdue(DueFilter::Overdue).keeps(&unpaired));
    }

    #[test]
    fn the_query_is_read_and_written_back_as_a_plain_link() {
        let filter = CoverageFilter::parse(Some(3), None, Some("overdue"), Some("no"));
        assert_eq!(
            filter.href(),
            "/care/coverage?class=3&due=overdue&reached=no"
        );
        assert_eq!(filter.due, Some(DueFilter::Overdue));
        assert_eq!(filter.reached, Some(false));
        assert_eq!(
            CoverageFilter::reached(false).href(),
            "/care/coverage?reached=no"
        );
        assert_eq!(CoverageFilter::default().href(), "/care/coverage");
        // What the page does not know shows everyone rather than nobody.
        let unknown = CoverageFilter::parse(None, None, Some("late"), Some("maybe"));
        assert!(!unknown.narrows());
    }

    fn concern(id: i64, urgency: Urgency, address_by: &str) -> Concern {
        Concern {
            id,
            child_id: id,
            child_name: String::new(),
            class: ClassLabel {
                grade: 3,
                number: 1,
            },
            reason: ConcernReason::Lonely,
            urgency,
            note: String::new(),
            address_by: day(address_by),
            raised_by: String::new(),
            raised_on: day("2027-04-01"),
            closed: None,
            version: 1,
        }
    }

    #[test]
    fn the_most_urgent_concern_comes_first() {
        let today = day("2027-04-19");
        let mut concerns = vec![
            concern(1, Urgency::Low, "2027-04-30"),
            concern(2, Urgency::Medium, "2027-04-21"),
            concern(3, Urgency::High, "2027-04-25"),
            concern(4, Urgency::Low, "2027-04-12"),
            concern(5, Urgency::High, "2027-04-22"),
            concern(6, Urgency::Medium, "2027-04-20"),
        ];
        most_urgent_first(&mut concerns, today);
        let order: Vec<i64> = concerns.iter().map(|c| c.id).collect();
        // High first (the earlier date first), then one past its date, then by urgency.
        assert_eq!(order, vec![5, 3, 4, 6, 2, 1]);
        assert!(pressing(&concerns[2], today) && !pressing(&concerns[3], today));
    }
}
