//! What the award pages receive, and the evidence a nomination keeps: plain data, no rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::habits::types::{HabitSummary, Term};
use crate::school::types::{keyed, ClassLabel};

keyed!(
    NominationState {
        Pending = "pending",
        Approved = "approved",
        Declined = "declined",
    }
);

/// A line of evidence: a diary entry of the child's, or a care-log note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Excerpt {
    pub id: i64,
    pub day: NaiveDate,
    pub text: String,
}

/// What a nomination keeps as it was when it was made: the records behind it may change,
/// the evidence the leading group decided on does not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub summaries: Vec<HabitSummary>,
    pub diary: Vec<Excerpt>,
    pub care: Vec<Excerpt>,
}

/// A nomination as the awards page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nomination {
    pub id: i64,
    pub version: i64,
    pub child_id: i64,
    pub child_name: String,
    pub class: ClassLabel,
    pub nominator: String,
    pub statement: String,
    pub evidence: Evidence,
    pub state: NominationState,
    pub decided_by: Option<String>,
    pub decision_note: String,
    /// The viewer may approve or decline it (the leading group, not its nominator).
    pub can_decide: bool,
    /// The viewer nominated it (and so, of the leading group, may not decide on it).
    pub own: bool,
}

/// The awards page of this term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AwardsPage {
    pub term: Term,
    pub today: NaiveDate,
    pub criteria: String,
    /// 0: the criteria are not set yet.
    pub criteria_version: i64,
    /// The leading group: sets the criteria, decides, puts the ceremony on the calendar.
    pub leads: bool,
    /// Every nomination of the term for the leading group; one's own for the others.
    pub nominations: Vec<Nomination>,
}

/// What a nominator sees before nominating a child: the term's criteria and the evidence
/// gathered for them (diary lines and care notes only where they may read them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NominationForm {
    pub child_id: i64,
    pub name: String,
    pub class: ClassLabel,
    pub term: Term,
    pub criteria: String,
    pub summaries: Vec<HabitSummary>,
    pub diary: Vec<Excerpt>,
    pub care: Vec<Excerpt>,
    /// The child's nomination this term, if there is one still standing.
    pub standing: Option<NominationState>,
}

/// An award certificate, printed on A4.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    pub school: String,
    pub child: String,
    pub class: ClassLabel,
    pub term: Term,
    pub approved_on: NaiveDate,
}
