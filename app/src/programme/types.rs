//! What the programme's overview and the year-end summary receive: plain numbers, no names.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::habits::types::{Term, WeekRate};

/// The numbers the seed's own report opens with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub children: u32,
    pub left_behind: u32,
    pub half_left_behind: u32,
    /// Left-behind and half left-behind children with a counselor now.
    pub paired: u32,
    /// Left-behind and half left-behind children without one.
    pub unpaired: u32,
    pub counselors: u32,
}

/// The care work of a month (or a term, or a year), added up over the counselors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    /// Paired children (a child handed over counts with each counselor).
    pub children: u32,
    pub reached: u32,
    pub contacts: u32,
    pub study: u32,
    pub life: u32,
    pub activities: u32,
    pub talks_done: u32,
    pub talks_due: u32,
    pub visits: u32,
    pub diary_entries: u32,
    pub diary_replies: u32,
    pub birthdays: u32,
    pub birthdays_marked: u32,
    pub follow_ups_due: u32,
    pub follow_ups_on_time: u32,
    pub concerns_raised: u32,
}

/// The checkup of a year: who was examined, and the follow-ups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckupFigures {
    pub year: i32,
    pub day: Option<NaiveDate>,
    pub examined: u32,
    pub absent: u32,
    pub excused: u32,
    /// Asked for by this year's checkup.
    pub follow_ups: u32,
    /// Still open, of any year's checkup (the follow-ups' list).
    pub follow_ups_open: u32,
    pub follow_ups_overdue: u32,
}

/// The leading group's Monday page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub today: NaiveDate,
    pub term: Term,
    pub counts: Counts,
    /// This month so far.
    pub month: Work,
    /// The term so far, and each of its months.
    pub term_work: Work,
    pub months: Vec<(NaiveDate, Work)>,
    pub concerns_open: u32,
    pub concerns_overdue: u32,
    /// The school's five ones by week, and the term's chore-and-diary days done of those
    /// that counted.
    pub habits: Vec<WeekRate>,
    pub habits_rate: Option<u8>,
    pub calls_rate: Option<u8>,
    pub checkup: CheckupFigures,
}

/// The year-end summary (工作总结), in the shape of the school's own report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearSummary {
    pub school: String,
    /// The school year's first calendar year.
    pub year: i32,
    pub today: NaiveDate,
    pub counts: Counts,
    pub work: Work,
    pub leaders: u32,
    pub groups: u32,
    pub thematic_days: u32,
    pub habits_rate: Option<u8>,
    pub books: u32,
    pub calls_home: u32,
    pub awards: u32,
    pub checkup: CheckupFigures,
    pub concerns_closed: u32,
    pub sheets_closed: u32,
    pub sheets_signed: u32,
    pub inspected: u32,
    pub not_confirmed: u32,
    pub parent_links: u32,
}
