//! What the care pages receive, and the forms' fields as typed: plain data, no rules.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::children::types::LeftBehind;
use crate::school::types::{keyed, ClassLabel};

keyed!(
    /// What kind of contact a care entry records.
    CareKind {
        Talk = "talk",
        HomeVisit = "home_visit",
        Call = "call",
        StudyHelp = "study_help",
        Activity = "activity",
    }
);

keyed!(
    /// With whom the contact was.
    WithWhom {
        Child = "child",
        Grandparent = "grandparent",
        ParentPhone = "parent_phone",
        Guardian = "guardian",
        Other = "other",
    }
);

keyed!(
    /// Why a concern is raised.
    ConcernReason {
        Lonely = "lonely",
        LowMood = "low_mood",
        Home = "home",
        Safety = "safety",
        Health = "health",
        Study = "study",
        Other = "other",
    }
);

keyed!(
    Urgency {
        Low = "low",
        Medium = "medium",
        High = "high",
    }
);

keyed!(
    /// Which overdue contacts the leading group's list is narrowed to (`?due=`): a talk or
    /// a home visit, a talk, a home visit.
    DueFilter {
        Overdue = "overdue",
        Talk = "talk",
        Visit = "visit",
    }
);

keyed!(
    /// The child's mood sticker in the diary.
    Sticker {
        Happy = "happy",
        Proud = "proud",
        Calm = "calm",
        Tired = "tired",
        Sad = "sad",
        MissHome = "miss_home",
    }
);

/// The three priorities (三优先) a contact served: at least one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priorities {
    pub study: bool,
    pub life: bool,
    pub activities: bool,
}

/// The care entry form's fields, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CareInput {
    /// Made where the entry is written; the same entry sent twice is stored once.
    pub uid: String,
    pub kind: String,
    pub date: String,
    pub time: String,
    pub minutes: String,
    pub with_whom: String,
    pub on_behalf_of: String,
    pub study: Option<String>,
    pub life: Option<String>,
    pub activities: Option<String>,
    pub mood: String,
    pub noticed: String,
    pub agreed: String,
    pub next_step: String,
    pub next_due: String,
}

/// How a due date stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DueState {
    Overdue,
    Soon,
    Later,
}

/// One version of a care entry as the care record shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareEntry {
    pub id: i64,
    pub kind: CareKind,
    /// The day, with the time only when `time_given` (else the day's start).
    pub happened_at: NaiveDateTime,
    /// The counselor gave a time; else only the day is known and shown.
    pub time_given: bool,
    pub minutes: i64,
    pub with_whom: WithWhom,
    pub on_behalf_of: String,
    pub priorities: Priorities,
    pub mood: Option<u8>,
    pub noticed: String,
    pub agreed: String,
    pub next_step: String,
    pub next_due: Option<NaiveDate>,
    /// When the next step was marked done.
    pub step_done: Option<NaiveDate>,
    pub author: String,
    /// When it was written, on the school's clock.
    pub recorded_at: String,
    /// The version this one corrects.
    pub replaces: Option<i64>,
    /// Corrected by a later version (shown only to those who may see the history).
    pub superseded: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Concern {
    pub id: i64,
    pub child_id: i64,
    pub child_name: String,
    pub class: ClassLabel,
    pub reason: ConcernReason,
    pub urgency: Urgency,
    pub note: String,
    pub address_by: NaiveDate,
    pub raised_by: String,
    pub raised_on: NaiveDate,
    /// When and with what note it was closed.
    pub closed: Option<(String, String)>,
    pub version: i64,
}

/// A diary entry, with the replies to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiaryItem {
    pub id: i64,
    pub by_child: bool,
    pub author: String,
    pub body: String,
    pub sticker: Option<Sticker>,
    pub written_at: String,
    /// The entry has a drawing or photo (at `/diary/picture/{id}`).
    pub picture: bool,
    pub replies: Vec<DiaryItem>,
}

/// A pairing, current or past.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pairing {
    pub counselor: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub note: String,
}

/// A planned home visit not yet recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitPlan {
    pub id: i64,
    pub planned_for: NaiveDateTime,
}

/// One child's whole care record, as the paired counselor, the leading group and the admin
/// see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CareRecord {
    pub child_id: i64,
    pub name: String,
    pub class: ClassLabel,
    pub left_behind: LeftBehind,
    pub pairings: Vec<Pairing>,
    /// Every version, newest contact first; superseded ones only for the history's readers.
    pub entries: Vec<CareEntry>,
    pub concerns: Vec<Concern>,
    pub diary: Vec<DiaryItem>,
    pub plans: Vec<VisitPlan>,
    pub can_write: bool,
    pub can_write_diary: bool,
    pub sees_history: bool,
    /// Whom the child can be paired with, for those who pair (else empty).
    pub counselors: Vec<(i64, String)>,
    /// A fresh id for the next entry written on this page.
    pub new_uid: String,
    pub today: NaiveDate,
}

/// What is due for a child, or for the counselor across their children.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TaskKind {
    Talk,
    HomeVisit,
    PlannedVisit,
    NextStep(String),
    Concern(ConcernReason),
    FollowUp(String),
    /// Weeks in a row without a call home (the five ones), two or more.
    MissedCalls(u32),
    /// The family wrote (unread messages) or proposed changes to review.
    Family {
        messages: u32,
        proposals: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub child_id: i64,
    pub child_name: String,
    pub kind: TaskKind,
    pub due: NaiveDate,
    pub state: DueState,
}

/// One paired child on the counselor's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildCare {
    pub child_id: i64,
    pub name: String,
    pub class: ClassLabel,
    pub left_behind: LeftBehind,
    pub last_contact: Option<NaiveDate>,
    /// The last contact in which the child was seen, which the talk rhythm follows.
    pub last_talk: Option<NaiveDate>,
    pub talk_due: NaiveDate,
    pub talk_state: DueState,
    pub visit_due: NaiveDate,
    pub visit_state: DueState,
    pub follow_ups: i64,
    pub birthday: Option<NaiveDate>,
    pub open_concerns: i64,
    /// Others who recorded contacts with the child in the last two weeks (the admin, a
    /// counselor before a handover): the counselor should know.
    pub others: Vec<String>,
}

/// The counselor's own page (我的结对儿童).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyChildren {
    pub today: NaiveDate,
    pub children: Vec<ChildCare>,
    pub tasks: Vec<Task>,
}

/// One paired child in the leading group's view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub child_id: i64,
    pub name: String,
    pub class_id: i64,
    pub class: ClassLabel,
    pub left_behind: LeftBehind,
    pub counselor_id: Option<i64>,
    pub counselor: Option<String>,
    pub contacts_this_month: i64,
    pub last_contact: Option<NaiveDate>,
    pub last_visit: Option<NaiveDate>,
    pub talk_state: Option<DueState>,
    pub visit_state: Option<DueState>,
}

/// What the leading group's list is narrowed to (the page's query); the parts combine and
/// each is optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageFilter {
    pub class: Option<i64>,
    pub counselor: Option<i64>,
    pub due: Option<DueFilter>,
    /// Reached (a contact this month) or not.
    pub reached: Option<bool>,
}

/// The leading group's view of the care work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub today: NaiveDate,
    pub left_behind: i64,
    pub half_left_behind: i64,
    pub paired: i64,
    /// Paired children whose talk is overdue.
    pub overdue: i64,
    /// Paired children whose home visit is overdue.
    pub visits_overdue: i64,
    /// Paired children with no contact this month.
    pub unreached: i64,
    /// Paired children contacted this month.
    pub reached: i64,
    /// Contacts this month with all children in care.
    pub contacts_this_month: i64,
    /// Paired (and, with `unpaired`, unpaired) children that pass the filter.
    pub rows: Vec<CoverageRow>,
    pub unpaired: Vec<CoverageRow>,
    /// Every open concern, the most urgent first.
    pub concerns: Vec<Concern>,
    pub counselors: Vec<(i64, String)>,
    pub classes: Vec<(i64, ClassLabel)>,
    pub can_pair: bool,
    /// The school's rhythm: a talk every so many days, a home visit every so many.
    pub talk_days: u64,
    pub visit_days: u64,
}

/// A student's own growth diary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyDiary {
    pub name: String,
    pub entries: Vec<DiaryItem>,
    pub new_uid: String,
}
