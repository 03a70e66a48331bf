//! An event as the editor sends and receives it.

use serde::{Deserialize, Serialize};

/// Whom an event is for: stored as the `audience`, `class_id` and `group_id` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    School,
    Staff,
    Class(i64),
    Group(i64),
}

/// The editor's fields, as typed (a field left out reads as empty, so the parser names it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventInput {
    pub title: String,
    pub category: String,
    /// "on" when the all-day box is ticked.
    pub all_day: Option<String>,
    pub start_date: String,
    pub start_time: Option<String>,
    pub end_date: Option<String>,
    pub end_time: Option<String>,
    pub location: Option<String>,
    /// `school`, `staff`, `class:<id>` or `group:<id>`.
    pub audience: String,
    pub student_visible: Option<String>,
    pub description: Option<String>,
    /// `none`, `weekly`, `monthly`, `yearly`, or a custom RRULE.
    pub repeat: Option<String>,
    pub until: Option<String>,
}

/// An event as the editor shows it, with the version a save must name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventForEdit {
    pub id: i64,
    pub version: i64,
    /// Set when this event is one changed occurrence of that series.
    pub series_id: Option<i64>,
    /// The occurrence of the series being edited (its original start), if one was chosen.
    pub occurrence: Option<String>,
    pub input: EventInput,
}
