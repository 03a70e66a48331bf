//! What the assessment pages receive, and what a closed sheet keeps: plain data, no rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::habits::types::Term;
use crate::school::types::keyed;

keyed!(
    /// What a counselor's sheet measures, each compiled from the care work itself.
    Criterion {
        Talks = "talks",
        Visits = "visits",
        Coverage = "coverage",
        Diary = "diary",
        Habits = "habits",
        FollowUps = "follow_ups",
        Concerns = "concerns",
        Birthdays = "birthdays",
    }
);

/// A month or a semester: what a sheet covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    /// The month starting on this day.
    Month(NaiveDate),
    Term(Term),
}

/// The leading group's scheme for a school year: the weights (summing to 100), what "on
/// rhythm" means, and what a contact found not to have happened costs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheme {
    /// The calendar year the school year starts in.
    pub year: i32,
    pub weights: Vec<(Criterion, u32)>,
    pub talk_days: u64,
    pub visit_days: u64,
    /// Points taken off for each contact an inspection did not confirm.
    pub penalty: u32,
    /// 0: the default, never saved.
    pub version: i64,
}

/// The scheme's form as typed: a weight per criterion, the rhythm, the penalty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SchemeInput {
    pub w_talks: String,
    pub w_visits: String,
    pub w_coverage: String,
    pub w_diary: String,
    pub w_habits: String,
    pub w_follow_ups: String,
    pub w_concerns: String,
    pub w_birthdays: String,
    pub talk_days: String,
    pub visit_days: String,
    pub penalty: String,
}

/// One paired child behind a sheet's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildLine {
    /// 0 and no name where the viewer may not read the child's care log.
    pub child_id: i64,
    pub class_id: i64,
    pub name: String,
    /// Contacts counted against the talk rhythm, of those due (month by month: a
    /// semester's are its months' added up).
    pub talks: (u32, u32),
    pub visit_on_rhythm: bool,
    pub contacts: u32,
    pub visits: u32,
    /// Contacts that served study, life, activities.
    pub priorities: (u32, u32, u32),
    /// Diary entries and replies the counselor wrote.
    pub diary: u32,
    pub replies: u32,
    /// Five-ones days done of those that counted.
    pub habits: (u32, u32),
    /// Follow-ups closed by their date, of those due in the period.
    pub follow_ups: (u32, u32),
    /// Concerns handled by their date, of those due in the period.
    pub concerns: (u32, u32),
    /// Follow-ups due earlier (before the period, or before the child was the counselor's)
    /// and overdue in it: each one's due day, and whether it was closed (late) in the period.
    #[serde(default)]
    pub follow_ups_overdue: Vec<(NaiveDate, bool)>,
    /// Of the follow-ups above, those already due when the pairing began (due
    /// `TAKEOVER_DAYS` after it).
    #[serde(default)]
    pub follow_ups_taken_over: u32,
    /// The same of concerns.
    #[serde(default)]
    pub concerns_overdue: Vec<(NaiveDate, bool)>,
    /// The birthday in the period and whether the counselor marked it.
    pub birthday: Option<(NaiveDate, bool)>,
    pub not_confirmed: u32,
}

/// A counselor's work in a period, compiled from the records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub children: u32,
    pub talks_done: u32,
    pub talks_due: u32,
    pub visits: u32,
    pub visits_on_rhythm: u32,
    pub reached: u32,
    pub contacts: u32,
    pub study: u32,
    pub life: u32,
    pub activities: u32,
    pub diary_entries: u32,
    pub diary_replies: u32,
    pub diary_children: u32,
    pub habits_done: u32,
    pub habits_counted: u32,
    /// Completion of the last four weeks against the four before, in points.
    pub habits_trend: Option<i32>,
    /// Follow-ups due in the period, and those of them closed by their date.
    pub follow_ups_due: u32,
    pub follow_ups_on_time: u32,
    /// Follow-ups due earlier and still open at the period's end, and those closed late
    /// within it: each counts against the period as one not done on time. (Absent from a
    /// sheet kept before they counted: zero.)
    #[serde(default)]
    pub follow_ups_overdue_open: u32,
    #[serde(default)]
    pub follow_ups_overdue_closed: u32,
    /// Of all these follow-ups, those already due when the pairing began: due
    /// `TAKEOVER_DAYS` after it. (Absent from a sheet kept before: zero.)
    #[serde(default)]
    pub follow_ups_taken_over: u32,
    pub concerns_raised: u32,
    pub concerns_due: u32,
    pub concerns_on_time: u32,
    /// The same of concerns.
    #[serde(default)]
    pub concerns_overdue_open: u32,
    #[serde(default)]
    pub concerns_overdue_closed: u32,
    pub birthdays: u32,
    pub birthdays_marked: u32,
    pub not_confirmed: u32,
    pub lines: Vec<ChildLine>,
}

/// One criterion of a sheet: what the records give and what the leading group made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetRow {
    pub criterion: Criterion,
    pub weight: u32,
    /// Share met, in percent (`None`: nothing was due; full marks).
    pub met: Option<u32>,
    /// `weight × met`, rounded.
    pub compiled: u32,
    /// The leading group's own score, when it gave one.
    pub given: Option<u32>,
    pub comment: String,
}

/// A sheet's numbers: live while open, kept as they were once closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compiled {
    pub figures: Figures,
    pub rows: Vec<SheetRow>,
    /// The criteria's scores added up, before the penalty.
    pub sum: u32,
    pub penalty: u32,
    pub total: u32,
    /// The contacts of the period drawn for inspection, as they stood (no phone kept).
    #[serde(default)]
    pub inspections: Vec<Inspection>,
    pub talk_days: u64,
    pub visit_days: u64,
}

keyed!(
    ResponseKind {
        Sign = "sign",
        Answer = "answer",
    }
);

/// The counselor's signature or written answer, kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub kind: ResponseKind,
    pub body: String,
    pub at: String,
}

keyed!(
    Outcome {
        Confirmed = "confirmed",
        NotConfirmed = "not_confirmed",
    }
);

/// A recorded contact drawn for inspection (检查).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    pub id: i64,
    pub version: i64,
    pub entry_id: i64,
    /// 0 and no name where the viewer may not read the child's care log.
    pub child_id: i64,
    pub class_id: i64,
    pub child: String,
    pub counselor: String,
    pub kind: crate::care::types::CareKind,
    pub day: NaiveDate,
    pub with_whom: crate::care::types::WithWhom,
    /// The guardian's phone to call, for those who read the child's file.
    pub phone: Option<String>,
    pub outcome: Option<Outcome>,
    pub note: String,
}

/// A counselor's sheet for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub counselor_id: i64,
    pub counselor: String,
    pub school: String,
    pub period: Period,
    pub version: i64,
    pub compiled: Compiled,
    /// When and by whom it was closed (then `compiled` is as it was then).
    pub closed: Option<(String, String)>,
    pub responses: Vec<Response>,
    /// The leading group's marks may be given (open, and the viewer leads).
    pub can_mark: bool,
    pub can_close: bool,
    /// The counselor may sign or answer (their own closed sheet).
    pub can_respond: bool,
    /// Children's names are shown (the viewer reads their care logs).
    pub names: bool,
}

/// A line of the period's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSummary {
    pub counselor_id: i64,
    pub counselor: String,
    pub children: u32,
    pub total: u32,
    pub closed: bool,
    pub signed: bool,
    pub answered: bool,
    pub not_confirmed: u32,
}

/// The assessment page: a period's sheets (all for the leading group, one's own otherwise).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentList {
    pub period: Period,
    pub today: NaiveDate,
    /// The periods of the school year so far, the newest first.
    pub periods: Vec<Period>,
    pub sheets: Vec<SheetSummary>,
    pub leads: bool,
    /// Open sheets in the period (what closing it would freeze).
    pub open: u32,
    /// The period is over and the viewer leads: it may be closed.
    pub closable: bool,
}

/// The inspections of a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectionList {
    pub period: Period,
    pub periods: Vec<Period>,
    pub items: Vec<Inspection>,
    /// Contacts recorded in the period not drawn yet.
    pub undrawn: u32,
}
