//! Text of the meetings pages. One file per language beside this one; a missing string is
//! a compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

use super::types::MeetingKind;
use crate::i18n::Strings as All;

pub struct Strings {
    pub nav: &'static str,
    pub title: &'static str,
    pub hint: &'static str,
    pub text_required: &'static str,
    pub owner_invalid: &'static str,
    pub due_before_meeting: &'static str,
    pub not_parents: &'static str,
    /// Leading group, seminar, symposium, parents' meeting.
    pub kinds: [&'static str; 4],
    pub open_practices: &'static str,
    pub no_open_practices: &'static str,
    /// Practices marked done in the last few days, each with a way to undo it.
    pub recently_done: &'static str,
    pub recently_done_hint: &'static str,
    pub coming: &'static str,
    pub past: &'static str,
    /// Past occurrences with nothing recorded: not known to have been held.
    pub awaiting: &'static str,
    pub awaiting_hint: &'static str,
    /// An occurrence on a statutory holiday (its name, as the calendar says it).
    pub on_holiday: fn(&str) -> String,
    pub no_meetings: &'static str,
    pub not_recorded: &'static str,
    pub attendees_count: fn(u32) -> String,
    pub families_count: fn(u32) -> String,
    pub yes: &'static str,
    pub col_when: &'static str,
    pub col_meeting: &'static str,
    pub col_kind: &'static str,
    pub col_attendance: &'static str,
    pub col_minutes: &'static str,
    pub col_practices: &'static str,
    pub back: &'static str,
    pub edit_event: &'static str,
    pub minutes_hint: &'static str,
    /// The record as staff outside the leading group see it: no forms.
    pub read_only: &'static str,
    pub none_present: &'static str,
    pub no_families: &'static str,
    pub no_minutes: &'static str,
    pub kind: &'static str,
    pub save_kind: &'static str,
    pub attendance: &'static str,
    /// Who came, of those expected (the leading group for its own meeting).
    pub present_of: fn(u32, u32) -> String,
    /// Staff outside the leading group who sat in on its meeting.
    pub guests: fn(u32) -> String,
    pub leading_group: &'static str,
    pub other_staff: &'static str,
    /// The other staff's boxes on a leading-group meeting (folded away until one sits in).
    pub guests_legend: &'static str,
    pub save_attendance: &'static str,
    pub families: &'static str,
    /// The households that came over the whole school, of all its households.
    pub families_total: fn(u32, u32) -> String,
    /// The households of the class shown that came, of those listed.
    pub class_came: fn(u32, u32) -> String,
    pub families_hint: &'static str,
    pub class: &'static str,
    pub show_class: &'static str,
    pub no_children: &'static str,
    pub save_families: &'static str,
    pub minutes: &'static str,
    pub save_minutes: &'static str,
    pub drafts: fn(usize) -> String,
    pub draft_line: fn(usize, &str, &str) -> String,
    pub practices: &'static str,
    pub no_practices: &'static str,
    pub practice: &'static str,
    pub owner: &'static str,
    pub due: &'static str,
    pub add_practice: &'static str,
    pub mark_done: &'static str,
    /// Opens a practice marked done again.
    pub reopen: &'static str,
    pub due_on: fn(&str) -> String,
    pub done_on: fn(&str) -> String,
    pub overdue: &'static str,
}

pub fn kind_label(t: &'static All, kind: MeetingKind) -> &'static str {
    let k = &t.meetings.kinds;
    match kind {
        MeetingKind::LeadingGroup => k[0],
        MeetingKind::Seminar => k[1],
        MeetingKind::Symposium => k[2],
        MeetingKind::Parents => k[3],
    }
}
