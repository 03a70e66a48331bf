//! Text of the checkup day, results and follow-ups. One file per language beside this one;
//! a missing string is a compile error.

mod en;
mod zh_cn;

pub use en::EN;
pub use zh_cn::ZH_CN;

/// Text of the checkup day, results and follow-ups.
pub struct Strings {
    pub not_a_number: &'static str,
    pub height_implausible: &'static str,
    pub weight_implausible: &'static str,
    pub vision_implausible: &'static str,
    pub caries_implausible: &'static str,
    pub nothing_measured: &'static str,
    pub follow_up_due_invalid: &'static str,
    pub makeup_event_title: fn(i64) -> String,
    pub makeup_event_description: fn(i32) -> String,
    pub makeup_event_location: &'static str,
    pub checkup_move_day: &'static str,
    pub checkup_title: &'static str,
    pub checkup_roster: &'static str,
    pub checkup_schedule: &'static str,
    pub checkup_per_slot: &'static str,
    pub checkup_slot_minutes: &'static str,
    pub checkup_first_slot: &'static str,
    pub checkup_make_schedule: &'static str,
    /// A schedule refused: its slots, when it would end, when the school day ends.
    pub schedule_too_long: fn(usize, &str, &str) -> String,
    /// A time on the day after.
    pub next_day: fn(&str) -> String,
    pub schedule_fit_intro: &'static str,
    pub fit_per_slot: fn(usize) -> String,
    pub fit_minutes: fn(u32) -> String,
    pub fit_start: fn(&str) -> String,
    pub fit_one_class: &'static str,
    pub checkup_absent_list: &'static str,
    pub checkup_no_absent: &'static str,
    pub checkup_enter: &'static str,
    pub findings_label: &'static str,
    pub follow_up_label: &'static str,
    pub follow_up_due_label: &'static str,
    pub save_and_next: &'static str,
    pub previous_child: &'static str,
    pub next_child: &'static str,
    pub back_to_roster: &'static str,
    pub follow_ups_title: &'static str,
    pub no_follow_ups: &'static str,
    pub checkup_heading: fn(i32, &str) -> String,
    pub checkup_counts: fn(usize, usize, usize, usize) -> String,
    pub age_years: fn(u32) -> String,
    pub makeup_date: &'static str,
    pub note_required: &'static str,
    pub classes_required: &'static str,
    pub checkup_roster_classes: &'static str,
    pub checkup_every_class: &'static str,
    pub checkup_chosen_classes: fn(usize, usize) -> String,
    pub checkup_save_classes: &'static str,
    pub all_follow_ups: &'static str,
    pub follow_ups_hint: &'static str,
    pub follow_up_due: &'static str,
    pub follow_up_what: &'static str,
    pub follow_up_year: &'static str,
    pub overdue: &'static str,
    pub close_follow_up: &'static str,
    pub close_note: &'static str,
    pub follow_up_closed: fn(&str, &str) -> String,
    pub makeup_schedule: &'static str,
}
