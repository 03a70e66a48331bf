//! What the parents' page and the staff's family page receive: plain data, no rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::school::types::keyed;

keyed!(
    Parent {
        Father = "father",
        Mother = "mother",
    }
);

keyed!(
    ProposalState {
        Pending = "pending",
        Accepted = "accepted",
        Declined = "declined",
    }
);

/// A date coming up for the child: an activity, the birthday, the checkup day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coming {
    pub day: NaiveDate,
    pub title: String,
    pub birthday: bool,
}

/// A diary entry the counselor shared with the family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedEntry {
    pub day: NaiveDate,
    pub body: String,
    pub by_child: bool,
}

/// One child on the family's page: only what the counselor chose to share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyChild {
    pub child_id: i64,
    pub name: String,
    pub coming: Vec<Coming>,
    /// Weeks in a row with a call home up to last week.
    pub call_streak: u32,
    pub called_this_week: bool,
    pub diary: Vec<SharedEntry>,
    pub counselor: Option<String>,
    /// The household's own last messages about the child through this link, the newest
    /// first: what they sent, and whether the teacher has read it.
    pub sent: Vec<Message>,
    /// The changes they proposed through this link, the newest first, and what became of
    /// them: only their own words, never what the file holds.
    pub proposed: Vec<SentProposal>,
}

/// A change a household proposed, as they see it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentProposal {
    pub parent: Parent,
    pub phone: Option<String>,
    pub work_city: Option<String>,
    pub call_window: Option<KeptWindow>,
    pub state: ProposalState,
    pub created_at: String,
}

/// The parents' page: the household's children, the school's phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyPage {
    pub school: String,
    pub school_phone: Option<String>,
    pub today: NaiveDate,
    pub children: Vec<FamilyChild>,
}

/// What a link opens: the household's page, or, for an unknown, revoked or dead link (one
/// answer for each, so nothing tells which), only whom to ask for a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FamilyOpened {
    Page(FamilyPage),
    Gone { school_phone: Option<String> },
}

/// What a parent types to change their own details; blank fields stay as they are. A call
/// time or zone other than the form's own needs its weekdays.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalInput {
    pub parent: String,
    pub phone: String,
    pub work_city: String,
    pub weekday: Vec<String>,
    pub from: String,
    pub to: String,
    pub zone: String,
}

/// The call window as a proposal keeps it, to be checked again when staff accept it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptWindow {
    pub weekdays: Vec<u8>,
    pub from: String,
    pub to: String,
    pub zone: String,
    pub note: String,
}

/// A message from the family, as staff read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub body: String,
    pub sent_at: String,
    pub read: bool,
}

/// A proposed change, as staff review it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: i64,
    pub parent: Parent,
    pub phone: Option<String>,
    pub work_city: Option<String>,
    /// The family's words for the work place as the file would keep them ("青海 海南藏族
    /// 自治州 共和县"), when that reads otherwise than what they typed.
    pub work_place_filed: Option<String>,
    pub call_window: Option<KeptWindow>,
    pub state: ProposalState,
    pub created_at: String,
    /// What the file says now, beside what is proposed: the phone, the whole work place
    /// (province and city).
    pub phone_now: Option<String>,
    pub work_place_now: Option<String>,
    /// The parents' call window on file now, with the staff's note on it.
    pub window_now: Option<KeptWindow>,
}

/// A household link as staff see it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSummary {
    pub id: i64,
    pub children: Vec<String>,
    pub created_at: String,
    pub created_by: String,
    pub opened: i64,
    pub last_opened_on: Option<NaiveDate>,
    pub revoked: bool,
}

/// A diary entry the counselor may share or withdraw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shareable {
    pub id: i64,
    pub day: NaiveDate,
    pub body: String,
    pub by_child: bool,
    pub shared: bool,
}

/// The staff's family page of one child: links, messages, proposals, what is shared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FamilyDesk {
    pub child_id: i64,
    pub name: String,
    pub links: Vec<LinkSummary>,
    /// The secret of a link just made by this session, shown once.
    pub new_link: Option<String>,
    pub messages: Vec<Message>,
    pub proposals: Vec<Proposal>,
    pub diary: Vec<Shareable>,
    /// The versions of the child's file and call window the decisions are made against.
    pub file_version: i64,
    pub window_version: i64,
    /// Children the viewer may add to a household link (siblings).
    pub siblings: Vec<(i64, String)>,
    pub can_share: bool,
}
