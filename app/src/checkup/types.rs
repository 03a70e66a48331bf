//! What the checkup pages receive, and the entry form's fields: plain data, no rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Strings;
use crate::school::types::ClassLabel;

/// Whether the child was seen on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Attendance {
    Examined,
    Absent,
    Excused,
}

impl Attendance {
    /// The attendance in the user's language.
    pub fn label(self, t: &Strings) -> &'static str {
        match self {
            Attendance::Examined => t.common.att_examined,
            Attendance::Absent => t.common.att_absent,
            Attendance::Excused => t.common.att_excused,
        }
    }

    pub const ALL: [Attendance; 3] = [
        Attendance::Examined,
        Attendance::Absent,
        Attendance::Excused,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Attendance::Examined => "examined",
            Attendance::Absent => "absent",
            Attendance::Excused => "excused",
        }
    }

    pub fn parse(raw: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.key() == raw.trim())
    }
}

/// The entry screen's fields, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResultInput {
    pub attendance: String,
    pub height_cm: String,
    pub weight_kg: String,
    pub vision_left: String,
    pub vision_right: String,
    pub caries: String,
    pub findings: String,
    pub follow_up: String,
    pub follow_up_due: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterChild {
    pub id: i64,
    pub name: String,
    pub attendance: Option<Attendance>,
    /// An open follow-up: what, by when.
    pub follow_up: Option<(String, NaiveDate)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassRoster {
    pub class_id: i64,
    pub class: ClassLabel,
    pub children: Vec<RosterChild>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckupDay {
    pub year: i32,
    /// The day of the yearly checkup event (April 20 unless an admin moved it).
    pub day: Option<NaiveDate>,
    pub classes: Vec<ClassRoster>,
    /// Every class of the school, and whether it is on this year's roster.
    pub class_choices: Vec<(i64, ClassLabel, bool)>,
    /// Whether the roster is some classes only (else: every class).
    pub chosen: bool,
    pub can_write: bool,
    /// The checkup event's editor at this year's occurrence, for those who may edit it
    /// (to move the day).
    pub edit_event: Option<String>,
    /// The school's today: a make-up day is never before it.
    pub today: NaiveDate,
}

/// An open follow-up: a child to see again about something, by a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenFollowUp {
    pub child_id: i64,
    pub name: String,
    pub class: ClassLabel,
    /// The checkup that asked for it.
    pub year: i32,
    pub what: String,
    pub due: NaiveDate,
    /// The child's counselor (the teacher paired with them), if any.
    pub counselor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUps {
    pub today: NaiveDate,
    pub items: Vec<OpenFollowUp>,
}

/// One child's entry screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub year: i32,
    pub child_id: i64,
    pub name: String,
    pub class: ClassLabel,
    pub age: u32,
    /// The saved result's version (0: nothing saved yet).
    pub version: i64,
    pub input: ResultInput,
    pub bmi: Option<f64>,
    pub previous: Option<i64>,
    pub next: Option<i64>,
    pub can_write: bool,
    pub today: NaiveDate,
    /// A closed follow-up: when, and the note.
    pub closed: Option<(String, String)>,
}
