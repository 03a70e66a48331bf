//! What the meetings pages receive: plain data, no rules.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::school::types::{keyed, ClassLabel};

keyed!(
    /// What a meeting is: the leading group's own (read and recorded by it alone), a
    /// counselors' seminar, a symposium, or a parents' meeting (the families who came).
    MeetingKind {
        LeadingGroup = "leading_group",
        Seminar = "seminar",
        Symposium = "symposium",
        Parents = "parents",
    }
);

/// One occurrence of a meeting on the calendar, with what its record holds so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingLine {
    pub event_id: i64,
    pub at: NaiveDateTime,
    pub title: String,
    pub kind: MeetingKind,
    /// None: nothing recorded yet.
    pub attendees: Option<u32>,
    pub families: u32,
    pub has_minutes: bool,
    pub practices_open: u32,
    /// The statutory holiday (放假) the occurrence falls on, by its name.
    pub holiday: Option<String>,
}

/// A practice a meeting agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Practice {
    pub id: i64,
    pub body: String,
    pub owner_id: i64,
    pub owner: String,
    pub due_on: NaiveDate,
    pub done_on: Option<NaiveDate>,
    /// Who marked it done: with `done_on`, what an undo names (a stale undo is refused).
    pub done_by: Option<i64>,
    /// The meeting it came from.
    pub event_id: i64,
    pub at: NaiveDateTime,
    pub meeting: String,
    /// Whether the viewer may mark it done, or open it again once done (its owner, or one
    /// who records the meeting).
    pub can_mark: bool,
    /// Whether the viewer may open its meeting's record (the leading group's own meeting
    /// is theirs alone, though a practice it gave a counselor is the counselor's to see).
    pub may_open: bool,
}

/// `/meetings`: the practices still open, then the year's meetings, coming ones first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingsPage {
    pub today: NaiveDate,
    pub coming: Vec<MeetingLine>,
    /// Past occurrences known to have been held: something of them is recorded.
    pub past: Vec<MeetingLine>,
    /// Past occurrences with nothing recorded, latest first.
    pub awaiting: Vec<MeetingLine>,
    pub open_practices: Vec<Practice>,
    /// Practices marked done in the last few days that the viewer may open again (a tap
    /// by mistake is undone here), the latest first.
    pub recently_done: Vec<Practice>,
    pub me: i64,
}

/// A member of staff on the attendance list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
    /// The leading group (admin, leader) is listed first.
    pub leads: bool,
    pub present: bool,
}

/// A household on a parents' meeting's list: the children of one family in the class shown
/// (siblings who share a family link are one household).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    pub children: Vec<(i64, String)>,
    pub came: bool,
}

/// The families' part of a parents' meeting, one class at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamiliesPart {
    /// The classes the viewer may list, with the one shown.
    pub classes: Vec<(i64, ClassLabel)>,
    pub class_id: Option<i64>,
    pub households: Vec<Household>,
    /// Households that came, over the whole school.
    pub came_total: u32,
    /// The school's households: of the children at school, and of any who came and left.
    pub households_total: u32,
}

/// One draft of the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub by: String,
    pub at: String,
}

/// `/meetings/record`: one occurrence's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecord {
    pub event_id: i64,
    pub at: NaiveDateTime,
    pub end: NaiveDateTime,
    pub title: String,
    pub location: Option<String>,
    /// The calendar's editor at this occurrence, for a viewer who may edit the event (a
    /// repeating meeting opens on this occurrence, not on the whole series).
    pub editor: Option<String>,
    pub kind: MeetingKind,
    /// 0 until something is recorded; every save names the version it started from.
    pub version: i64,
    /// Whether the leading group's kind may be chosen (only by the leading group).
    pub may_lead: bool,
    /// Whether the viewer keeps this record (the leading group); the others read it.
    pub may_record: bool,
    pub staff: Vec<StaffMember>,
    pub families: Option<FamiliesPart>,
    pub minutes: String,
    pub drafts: Vec<Draft>,
    pub practices: Vec<Practice>,
    pub today: NaiveDate,
}

/// The record page of one occurrence.
pub fn record_href(event: i64, at: NaiveDateTime) -> String {
    let at = crate::school::types::stamp(at);
    format!(
        "/meetings/record?event={event}&at={}",
        crate::school::urls::encode_query_value(&at)
    )
}
