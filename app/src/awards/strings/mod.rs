//! Text of the award (自强好少年). One file per language beside this one; a missing string is
//! a compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

/// Text of the award: criteria, nominations, the certificate.
pub struct Strings {
    pub statement_required: &'static str,
    pub criteria_required: &'static str,
    pub evidence_invalid: &'static str,
    pub nav: &'static str,
    pub title: &'static str,
    pub criteria: &'static str,
    pub no_criteria: &'static str,
    pub set_criteria: &'static str,
    pub save_criteria: &'static str,
    pub how_to_nominate: &'static str,
    pub no_nominations: &'static str,
    pub pending: &'static str,
    pub approved: &'static str,
    pub declined: &'static str,
    pub evidence: &'static str,
    pub certificate: &'static str,
    pub decision_note: &'static str,
    pub approve: &'static str,
    pub decline: &'static str,
    /// Where the buttons would be, on a pending nomination of the viewer's own (of the
    /// leading group): nobody decides on their own.
    pub own_nomination: &'static str,
    /// The same place, for a nominator outside the leading group.
    pub awaiting_decision: &'static str,
    pub ceremony: &'static str,
    pub ceremony_date: &'static str,
    pub ceremony_time: &'static str,
    pub put_on_calendar: &'static str,
    pub nominate_title: &'static str,
    pub nothing_to_choose: &'static str,
    pub habit_scores: &'static str,
    pub scores_kept: &'static str,
    pub choose_diary: &'static str,
    pub choose_care: &'static str,
    pub statement: &'static str,
    pub statement_hint: &'static str,
    pub nominate: &'static str,
    pub diary_lines: &'static str,
    pub care_notes: &'static str,
    pub print_hint: &'static str,
    pub certificate_title: &'static str,
    pub nominations: fn(usize) -> String,
    pub decided_by: fn(&str) -> String,
    pub nominated_by: fn(&str) -> String,
    pub nominate_heading: fn(&str) -> String,
    pub already: fn(&str) -> String,
    pub ceremony_title: fn(&str) -> String,
    pub diary_pin: fn(&str) -> String,
    /// The child's name as the certificate addresses them (同学 in Chinese).
    pub certificate_name: fn(&str) -> String,
    /// What the child did in the term, up to the words that lead to the award's title.
    pub certificate_text: fn(&str) -> String,
    /// The words that lead to the award's title (被评为), kept on one line.
    pub certificate_named: &'static str,
    /// The day of the award, in words.
    pub certificate_date: fn(chrono::NaiveDate) -> String,
}
